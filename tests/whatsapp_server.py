"""A real HTTP server on 127.0.0.1 standing in for a WhatsApp gateway and for
the WhatsApp Business Cloud API.

It records every request (method, path, headers, body; the form fields or
JSON decoded) and answers from a script, one answer per request, then 200
``{"messages": [{"id": "wamid.…"}]}`` once the script is used up::

    server.script(Answer(429, {"error": "slow down"}, headers={"Retry-After": "120"}),
                  Answer(200))
    server.script(Answer(500), Answer(delay=3))      # a server error, then a timeout
    server.script(Answer(400, {"error": "invalid number"}))

Requests are served on threads of their own, so one that sleeps past the
client's timeout does not hold up the next.
"""
import json
import threading
import time
import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    status: int = 200
    body: object = None            # dict/list → JSON, str → text, None → the default
    headers: dict = field(default_factory=dict)
    delay: float = 0               # seconds to wait before answering
    echo_authorization: bool = False   # put the request's Authorization in the body
    # Hold the answer until this many requests have arrived in all (at most
    # RENDEZVOUS_SECONDS): a sender that waits here lets a rival process show
    # it can claim other messages meanwhile.
    until_requests: int = 0


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict
    body: bytes

    @property
    def form(self):
        return {key: values[0] for key, values in
                urllib.parse.parse_qs(self.body.decode("utf-8")).items()}

    @property
    def json(self):
        return json.loads(self.body.decode("utf-8"))

    @property
    def text(self):
        """The message's text, whichever provider's shape it came in."""
        if self.headers.get("Content-Type", "").startswith("application/json"):
            return self.json["template"]["components"][0]["parameters"][0]["text"]
        return self.form["message"]

    @property
    def number(self):
        if self.headers.get("Content-Type", "").startswith("application/json"):
            return self.json["to"]
        return self.form["target"]


RENDEZVOUS_SECONDS = 30


class WhatsAppServer:
    def __init__(self):
        self.requests = []
        self._script = deque()
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self._sent = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                answer = server._record(Recorded("POST", self.path, dict(self.headers), body))
                if answer.until_requests:
                    server._wait_for(answer.until_requests)
                if answer.delay:
                    time.sleep(answer.delay)
                payload = answer.body
                if payload is None:
                    payload = {"messaging_product": "whatsapp",
                               "messages": [{"id": f"wamid.{server._next_id()}"}]}
                if answer.echo_authorization:
                    payload = {"error": "unauthorised", "received": self.headers.get(
                        "Authorization", "")}
                data = (json.dumps(payload) if not isinstance(payload, str) else payload
                        ).encode("utf-8")
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up waiting (a timeout test)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def _record(self, recorded):
        with self._lock:
            self.requests.append(recorded)
            self._arrived.notify_all()
            return self._script.popleft() if self._script else Answer()

    def _wait_for(self, count):
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.requests) >= count, RENDEZVOUS_SECONDS)

    def _next_id(self):
        with self._lock:
            self._sent += 1
            return self._sent

    def script(self, *answers):
        with self._lock:
            self._script.extend(answers)

    def clear(self):
        with self._lock:
            self.requests.clear()
            self._script.clear()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
