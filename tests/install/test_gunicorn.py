"""The README's production commands, run as written: `flask db upgrade`, then
`gunicorn wsgi:app` with two workers in the production configuration, a
sign-in and a page, then a clean stop."""
import http.cookiejar
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
EMAIL = "maria.bessie@nttprov.go.id"
NAME = "Dr. Maria Bessie, S.Kom., M.T."
PASSWORD = "rahasia-produksi-2026"


def production_environment(database_url):
    """The operator's environment: production, a long random key, the database."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("RBTASKS_", "MAIL_", "FLASK_", "SESSION_", "SECRET_"))}
    env.update({"RBTASKS_CONFIG": "production", "SECRET_KEY": secrets.token_hex(32),
                "DATABASE_URL": database_url, "PATH": f"{BIN}{os.pathsep}{env['PATH']}"})
    return env


def run(command, env):
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LocalhostIsSecure(http.cookiejar.DefaultCookiePolicy):
    """Send Secure cookies back to 127.0.0.1 over http, as browsers do for
    localhost, so that the production cookie settings stay as they are."""

    def return_ok_secure(self, cookie, request):
        return True


def browser():
    jar = http.cookiejar.CookieJar(policy=LocalhostIsSecure())

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def fetch(opener, url, form=None):
    """(status, headers, body) of a GET, or a POST of ``form``; redirects not followed."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        with opener.open(url, data=data, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def wait_until_serving(server, base_url, deadline=60):
    until = time.monotonic() + deadline
    while time.monotonic() < until:
        assert server.poll() is None, server.communicate()[1][-3000:]
        try:
            with urllib.request.urlopen(f"{base_url}/login", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start serving")


def test_gunicorn_serves_a_signed_in_page_in_production(backend, request):
    if backend != "postgresql":
        pytest.skip("production runs on PostgreSQL; one server start is enough")
    env = production_environment(request.getfixturevalue("empty_database_url"))
    run(["flask", "db", "upgrade"], env)
    run(["flask", "rb", "create-user", "--email", EMAIL, "--name", NAME, "--role", "leader",
         "--password", PASSWORD], env)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(["gunicorn", "wsgi:app"], cwd=ROOT,
                              env={**env, "RBTASKS_BIND": f"127.0.0.1:{port}"},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_serving(server, base_url)
        opener = browser()
        _status, _headers, login_page = fetch(opener, f"{base_url}/login")
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login_page).group(1)

        status, headers, _body = fetch(opener, f"{base_url}/login", {
            "email": EMAIL, "password": PASSWORD, "csrf_token": token})
        assert status == 302, _body[:500]
        assert headers["Location"].endswith("/dashboard")
        assert "Secure" in headers["Set-Cookie"] and "HttpOnly" in headers["Set-Cookie"]
        # Several requests, so that both workers (one key, one database) answer.
        pages = [fetch(opener, f"{base_url}/items") for _ in range(6)]
    finally:
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=60)

    assert [status for status, _headers, _body in pages] == [200] * 6
    assert all(NAME in body for _status, _headers, body in pages)
    assert server.returncode == 0, err[-3000:]
    assert len(re.findall(r"Booting worker with pid", err)) == 2
    assert "Shutting down: Master" in err
    assert re.search(r'"GET /items HTTP/1\.1" 200', out), "no access log on stdout"
