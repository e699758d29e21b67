"""What email needs from the application: absolute links, whether a mail
server is configured, and a connection to it with a timeout.

Flask-Mail 0.10 opens its SMTP connection without a timeout, so a mail server
that accepts the connection and then stalls would hang the request (or the
scheduler job) for ever. :class:`TimedConnection` opens it with
``MAIL_TIMEOUT`` seconds instead, which bounds the connect, STARTTLS, login and
every command after it.
"""
import smtplib
import ssl
from urllib.parse import urlsplit

from flask import current_app
from flask_mail import Connection


def absolute_url(endpoint, **values):
    """A link for an email, built from ``RBTASKS_BASE_URL``.

    Works inside and outside a request (scheduler jobs, CLI commands), and
    never trusts the Host header of whoever made the request.
    """
    base = urlsplit(current_app.config["RBTASKS_BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/",
                                       url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)


def mail_configured():
    """Whether a mail server is configured (the demo runs without one)."""
    return bool(mail_state().server)


def mail_state():
    return current_app.extensions["mail"]


class TimedConnection(Connection):
    """Flask-Mail's connection with a socket timeout and verified TLS.

    It always talks to the server: whether to send at all is decided by
    ``MAIL_SERVER`` (see :func:`mail_configured`), not by Flask-Mail's
    suppress-when-testing default, since the tests deliver to a real SMTP sink.
    """

    def __init__(self, state, timeout):
        super().__init__(state)
        self.timeout = timeout

    def __enter__(self):
        self.host = self.configure_host()
        self.num_emails = 0
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        # The message was accepted before QUIT; a server that drops the line
        # at goodbye has still delivered it.
        if self.host is not None:
            try:
                self.host.quit()
            except (smtplib.SMTPException, OSError):
                self.host.close()

    def socket_timeout(self):
        """Seconds a socket operation may take (a subclass may shorten it)."""
        return self.timeout

    def smtp_session(self, use_ssl, *args, **kwargs):
        """A connected ``smtplib`` session (a subclass may use its own class)."""
        return (smtplib.SMTP_SSL if use_ssl else smtplib.SMTP)(*args, **kwargs)

    def configure_host(self):
        state = self.mail
        context = ssl.create_default_context()
        timeout = self.socket_timeout()
        if state.use_ssl:
            host = self.smtp_session(True, state.server, state.port, timeout=timeout,
                                     context=context)
        else:
            host = self.smtp_session(False, state.server, state.port, timeout=timeout)
        try:
            host.set_debuglevel(int(state.debug))
            if state.use_tls:
                host.starttls(context=context)
            if state.username and state.password:
                host.login(state.username, state.password)
        except BaseException:
            host.close()
            raise
        return host
