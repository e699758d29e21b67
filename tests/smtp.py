"""A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives."""
import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Handler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.sink.lock:
            self.sink.messages.append(
                {"from": envelope.mail_from, "to": list(envelope.rcpt_tos), "message": message}
            )
        return "250 Message accepted for delivery"


class SmtpSink:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()

    def clear(self):
        with self.lock:
            self.messages.clear()

    def received(self):
        with self.lock:
            return list(self.messages)

    def to(self, address):
        return [entry["message"] for entry in self.received() if address in entry["to"]]


def text_part(message):
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


def html_part(message):
    part = message.get_body(preferencelist=("html",))
    return part.get_content() if part is not None else ""
