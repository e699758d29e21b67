"""Running real ``flask rb`` processes against the test run's own database and a
real SMTP server, as the concurrency and crash tests do."""
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def environment(app, smtp_port):
    """The environment of a ``flask`` process on this test's database, sending
    to 127.0.0.1:``smtp_port``, with every other rbtasks setting at its default."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("RBTASKS_", "MAIL_", "FLASK_"))}
    env.update({
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "RBTASKS_CONFIG": "development",
        "SECRET_KEY": "concurrency-test-secret-key",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp_port),
        "MAIL_DEFAULT_SENDER": "rbtasks <rbtasks@test.go.id>",
        "MAIL_TIMEOUT": "10",
        "FLASK_APP": "wsgi.py",
        "PYTHONPATH": str(ROOT),
    })
    return env


def flask_rb(*arguments):
    return [sys.executable, "-m", "flask", "rb", *arguments]


def start(command, env):
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish(processes, timeout=120):
    """Each process's standard output, once all have exited 0."""
    outputs = []
    for process in processes:
        out, err = process.communicate(timeout=timeout)
        assert process.returncode == 0, err[-3000:]
        outputs.append(out)
    return outputs


def deliver_together(count, env, now, go, batch_size=5):
    """The delivery reports (dicts) of ``count`` ``tests.outbox.deliver_process``
    processes started together: each imports the app and connects, says it is
    ready next to the file ``go``, and delivers once ``go`` appears."""
    command = [sys.executable, "-m", "tests.outbox.deliver_process", now.isoformat(), str(go),
               str(batch_size)]
    processes = [start(command, env) for _ in range(count)]
    deadline = time.monotonic() + 90
    while len(list(go.parent.glob(f"{go.name}.*.ready"))) < count:
        assert time.monotonic() < deadline, "the delivery processes did not start"
        assert all(process.poll() is None for process in processes), finish(processes)
        time.sleep(0.02)
    go.touch()
    return [json.loads(out.strip().splitlines()[-1]) for out in finish(processes)]


def counts(output):
    """``flask rb deliver``'s "Sent 3, retried 0, failed 0, held 0." as a dict."""
    sent, retried, failed, held = (int(n) for n in re.findall(r"\d+", output)[:4])
    return {"sent": sent, "retried": retried, "failed": failed, "held": held}
