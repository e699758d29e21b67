"""Real SMTP servers on 127.0.0.1 that misbehave on purpose.

* :class:`ReplyingServer` — aiosmtpd; answers RCPT or DATA with a chosen
  reply (e.g. "421 …", "550 …") for chosen recipients, or only after a
  delay; counts connections, keeps what it accepts.
* :class:`SilentServer` — accepts connections and never says a word.
* :class:`HangUpAfterDataServer` — a scripted SMTP server that accepts the
  message ("250" to the end of DATA) and closes the connection at once.
* :class:`StallingServer` — a scripted SMTP server that accepts some
  messages, then takes one in and hangs without answering.
* :func:`closed_port` — a port nothing listens on.
"""
import asyncio
import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller

from tests.smtp import free_port


def closed_port():
    return free_port()


def message_ids(messages):
    return [message["Message-ID"] for message in messages]


class _ReplyingHandler:
    def __init__(self, server):
        self.server = server

    async def handle_RCPT(self, smtp, session, envelope, address, rcpt_options):
        reply = self.server.rcpt_reply(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp, session, envelope):
        if self.server.delay:
            await asyncio.sleep(self.server.delay)
        if self.server.on_data is not None:
            self.server.on_data()  # blocks this server, which serves one client here
        reply = self.server.data_reply(envelope.rcpt_tos)
        if reply:
            return reply
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.server.lock:
            self.server.messages.append(message)
        return "250 Message accepted for delivery"


class _CountingController(Controller):
    def __init__(self, owner, **kwargs):
        super().__init__(_ReplyingHandler(owner), **kwargs)
        self.owner = owner

    def factory(self):
        with self.owner.lock:
            self.owner.connections += 1
        return super().factory()


class ReplyingServer:
    """aiosmtpd answering RCPT/DATA with ``rcpt`` / ``data`` replies.

    ``rcpt`` and ``data`` map a recipient address (or "*" for everyone) to
    the reply, e.g. ``{"*": "421 4.3.2 Try again later"}``. With ``delay``
    (seconds) the server thinks that long before it answers DATA; ``on_data``
    is called when a message has come in, before the reply to it.
    """

    def __init__(self, rcpt=None, data=None, delay=0, on_data=None):
        self.rcpt = dict(rcpt or {})
        self.data = dict(data or {})
        self.delay = delay
        self.on_data = on_data
        self.messages = []
        self.connections = 0
        self.lock = threading.Lock()
        self.port = free_port()
        self.controller = _CountingController(self, hostname="127.0.0.1", port=self.port)

    def rcpt_reply(self, address):
        return self.rcpt.get(address) or self.rcpt.get("*")

    def data_reply(self, recipients):
        for address in recipients:
            if address in self.data:
                return self.data[address]
        return self.data.get("*")

    def __enter__(self):
        self.controller.start()
        with self.lock:  # start() connects once to check the server is up
            self.connections = 0
        return self

    def __exit__(self, *exc):
        self.controller.stop()


class _SocketServer:
    """A listening socket served by a thread, one handler call per connection."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.open_sockets = []

    def _serve(self):
        while not self.stopping.is_set():
            try:
                connection, _address = self.listener.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            self.open_sockets.append(connection)
            threading.Thread(target=self.handle, args=(connection,), daemon=True).start()

    def handle(self, connection):
        raise NotImplementedError

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join(2)
        for connection in self.open_sockets:
            connection.close()
        self.listener.close()


class SilentServer(_SocketServer):
    """Accepts, then waits in silence until the test ends."""

    def handle(self, connection):
        self.stopping.wait(30)


class _ScriptedSmtpServer(_SocketServer):
    """Speaks just enough SMTP to take messages; ``after_data`` decides what
    follows each one (True: say 250 and go on)."""

    def __init__(self):
        super().__init__()
        self.messages = []
        self.lock = threading.Lock()

    def after_data(self, connection, say):
        raise NotImplementedError

    def handle(self, connection):
        reader = connection.makefile("rb")

        def say(line):
            connection.sendall(line.encode() + b"\r\n")

        try:
            say("220 scripted.test ESMTP")
            while True:
                line = reader.readline()
                if not line:
                    return
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    say("250 scripted.test")
                elif verb in (b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                    say("250 OK")
                elif verb == b"QUIT":
                    say("221 Bye")
                    return
                elif verb == b"DATA":
                    say("354 End data with <CR><LF>.<CR><LF>")
                    lines = []
                    for body_line in iter(reader.readline, b""):
                        if body_line in (b".\r\n", b".\n"):
                            break
                        lines.append(body_line[1:] if body_line.startswith(b"..") else body_line)
                    with self.lock:
                        self.messages.append(email.message_from_bytes(
                            b"".join(lines), policy=email.policy.default))
                    if not self.after_data(connection, say):
                        return
                else:
                    say("502 Not implemented")
        except OSError:
            return
        finally:
            reader.close()
            connection.close()


class HangUpAfterDataServer(_ScriptedSmtpServer):
    """Says 250 to the message, then hangs up without waiting for QUIT."""

    def after_data(self, connection, say):
        say("250 2.0.0 Accepted")
        return False


class StallingServer(_ScriptedSmtpServer):
    """Accepts the first ``accept`` messages, then takes the next one in and
    never answers (``stalled`` is set), as a mail server that hangs would;
    after ``recover()`` it answers every message again."""

    def __init__(self, accept):
        super().__init__()
        self.accept = accept
        self.stalled = threading.Event()
        self.recovered = False

    def recover(self):
        self.recovered = True

    def after_data(self, connection, say):
        with self.lock:
            stall = not self.recovered and len(self.messages) > self.accept
        if stall:
            self.stalled.set()
            self.stopping.wait(120)
            return False
        say("250 2.0.0 Accepted")
        return True
