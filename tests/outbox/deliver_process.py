"""A delivery process for the concurrency tests: ``python -m tests.outbox.deliver_process
NOW GO_FILE BATCH_SIZE``.

It builds the app from the environment (DATABASE_URL, MAIL_SERVER, …),
connects, says it is ready (GO_FILE.<pid>.ready), waits until GO_FILE exists
so that every process starts claiming at the same moment, delivers, and
prints its report as JSON.
"""
import json
import os
import sys
import time
from datetime import datetime


def main(now_text, go_file, batch_size):
    from rbtasks import create_app

    app = create_app()
    with app.app_context():
        from rbtasks.extensions import db
        from rbtasks.outbox.services import deliver_pending

        db.session.execute(db.text("SELECT 1"))  # connect before the start signal
        db.session.commit()
        open(f"{go_file}.{os.getpid()}.ready", "w").close()
        deadline = time.monotonic() + 60
        while not os.path.exists(go_file) and time.monotonic() < deadline:
            time.sleep(0.002)
        started = time.monotonic()
        report = deliver_pending(datetime.fromisoformat(now_text), batch_size=int(batch_size))
        seconds = round(time.monotonic() - started, 2)
        print(json.dumps({**report.as_dict(), "seconds": seconds}))


if __name__ == "__main__":
    main(*sys.argv[1:])
