"""One SMTP session for a batch of outbox messages, and what each send meant.

The connection itself (``MAIL_TIMEOUT`` on every socket operation, verified
TLS, login) is :class:`rbtasks.mail.services.TimedConnection`; this module
adds the conversation. It speaks MAIL, RCPT and DATA itself rather than
through ``smtplib.SMTP.sendmail`` because the outbox has to know *where* a
conversation broke:

* a dropped line or a silent server before the DATA reply: not accepted,
  try again later;
* the DATA reply ``250`` arrived: accepted, so sent — even if the line drops
  afterwards (at the next MAIL or at QUIT);
* a reused connection found closed at MAIL (the server hung up while idle,
  or after the previous message): nothing was offered yet, so reconnect and
  offer the same message again without counting a failed attempt.

Each message may also be given a deadline (its claim's, see
rbtasks.outbox.lease): every wait on the socket then lasts ``MAIL_TIMEOUT``
or the time left, whichever is less, so a slow server cannot keep a message
in flight beyond its claim.
"""
import smtplib
import time
from dataclasses import dataclass

from flask import current_app
from flask_mail import email_dispatched

from rbtasks.mail.services import TimedConnection

SENT = "sent"
TEMPORARY = "temporary"
PERMANENT = "permanent"

# What a connect can raise: refused, unreachable, timed out (OSError), a
# greeting other than 220, a failed STARTTLS or login (SMTPException).
CONNECTION_ERRORS = (smtplib.SMTPException, OSError)


@dataclass(frozen=True)
class Outcome:
    """What became of one message: sent, or a temporary or permanent failure."""

    kind: str
    error: str = ""


class ConnectionLost(Exception):
    """The server could not be reached again; the rest of the batch must wait."""

    def __init__(self, error):
        super().__init__(error)
        self.error = error


def describe(error):
    """A short, readable reason for the notification log."""
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        return f"{error.smtp_code} {text}".strip()
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(_reply_text(code, reply) for code, reply in error.recipients.values())
    if isinstance(error, TimeoutError):
        return "timed out"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _reply_text(code, reply):
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    return f"{code} {reply}".strip()


def _by_code(code, reply):
    kind = PERMANENT if code >= 500 else TEMPORARY
    return Outcome(kind, _reply_text(code, reply))


class _WithinDeadline:
    """An SMTP session that asks ``time_left()`` for its socket timeout before
    every command it writes and every reply it reads."""

    def __init__(self, *args, time_left, **kwargs):
        self.time_left = time_left
        super().__init__(*args, **kwargs)

    def send(self, s):
        self._tighten()
        super().send(s)

    def getreply(self):
        self._tighten()
        return super().getreply()

    def _tighten(self):
        if self.sock is not None:
            self.sock.settimeout(self.time_left())


class _SMTP(_WithinDeadline, smtplib.SMTP):
    pass


class _SMTPOverSSL(_WithinDeadline, smtplib.SMTP_SSL):
    pass


class BatchConnection(TimedConnection):
    """A mail-server session reused for every message of a batch.

    ``connections`` counts the sessions opened, so callers (and tests) can
    tell that a batch went over one connection. ``deadline`` (a
    ``time.monotonic()`` value, or None) bounds the conversation under way.
    """

    def __init__(self, state, timeout):
        super().__init__(state, timeout)
        self.host = None
        self.connections = 0
        self.deadline = None
        self._offered_here = 0

    def smtp_session(self, use_ssl, *args, **kwargs):
        session_class = _SMTPOverSSL if use_ssl else _SMTP
        return session_class(*args, time_left=self.socket_timeout, **kwargs)

    def socket_timeout(self):
        """``MAIL_TIMEOUT``, or the time left before the deadline when that is
        less; TimeoutError once the deadline has passed."""
        if self.deadline is None:
            return self.timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("timed out")
        return min(self.timeout, left)

    def open(self, deadline=None):
        """Connect (raises one of CONNECTION_ERRORS when the server is unusable)."""
        self.close()
        self.deadline = deadline
        self.host = self.configure_host()
        self.connections += 1
        self._offered_here = 0

    def close(self):
        """Say goodbye politely; a server that hangs up at QUIT is no error."""
        self.deadline = None
        self.__exit__(None, None, None)
        self.host = None

    def _drop(self):
        if self.host is not None:
            self.host.close()
        self.host = None

    def send(self, outgoing, deadline=None):
        """Offer ``outgoing`` (see rbtasks.outbox.compose) before ``deadline``
        and return its Outcome.

        Raises ConnectionLost when the connection had to be reopened and
        could not be: the caller should not try the rest of the batch now.
        """
        self.deadline = deadline
        for attempt in (1, 2):
            if self.host is None:
                try:
                    self.open(deadline)
                except CONNECTION_ERRORS as error:
                    raise ConnectionLost(describe(error)) from error
            reused = self._offered_here > 0
            outcome, dead_before_offer = self._converse(
                outgoing.sender, outgoing.recipients, outgoing.data)
            if not (dead_before_offer and reused and attempt == 1):
                break
        if outcome.kind == SENT:
            email_dispatched.send(current_app._get_current_object(), message=outgoing.message)
        return outcome

    def _converse(self, sender, recipients, data):
        """One MAIL/RCPT/DATA exchange: (Outcome, whether the line was dead at MAIL)."""
        host = self.host
        self._offered_here += 1
        stage = "MAIL"
        try:
            host.ehlo_or_helo_if_needed()
            options = [f"size={len(data)}"] if host.does_esmtp and host.has_extn("size") else []
            code, reply = host.mail(sender, options)
            if code != 250:
                return self._refused(code, reply), False
            stage = "RCPT"
            for recipient in recipients:
                code, reply = host.rcpt(recipient)
                if code not in (250, 251):
                    return self._refused(code, reply), False
            stage = "DATA"
            code, reply = host.data(data)
        except smtplib.SMTPResponseException as error:  # no 354 to DATA, a bad EHLO reply
            return self._refused(error.smtp_code, error.smtp_error), False
        except (smtplib.SMTPException, OSError) as error:  # dropped, silent, broken
            self._drop()
            return Outcome(TEMPORARY, describe(error)), stage == "MAIL"
        if code != 250:
            return self._refused(code, reply), False
        return Outcome(SENT), False

    def _refused(self, code, reply):
        """The server answered with an error: reset for the next message."""
        if code == 421:  # "closing transmission channel"
            self._drop()
        else:
            try:
                self.host.rset()
            except (smtplib.SMTPException, OSError):
                self._drop()
        return _by_code(code, reply)
