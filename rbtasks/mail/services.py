"""Building and sending email.

``build_message`` renders ``templates/email/NAME.txt`` and ``NAME.html`` under
the recipient's locale, so the subject and both parts speak their language,
and dates come out in the province's zone. ``send_message`` delivers it.

Flask-Mail 0.10 opens its SMTP connection without a timeout, so a mail server
that accepts the connection and then stalls would hang the request (or the
scheduler job) for ever. :class:`TimedConnection` opens it with
``MAIL_TIMEOUT`` seconds instead, which bounds the connect, STARTTLS, login and
every command after it.
"""
import logging
import smtplib
import ssl
from email.utils import make_msgid
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import force_locale
from flask_mail import Connection

from rbtasks.i18n import formatting_locale
from rbtasks.mail.message import MailMessage

logger = logging.getLogger(__name__)

def build_message(recipient_email, recipient_locale, template_name, subject, *,
                  recipient_name="", **context):
    """A two-part (text and HTML) message for one recipient, in their language.

    ``subject`` should be a lazy string (``lazy_gettext``) so it is translated
    here, under the recipient's locale, rather than in the sender's. The
    recipient's name, titles and commas included, goes into the To header.
    """
    with force_locale(formatting_locale(recipient_locale)):
        subject_text = str(subject)
        context = {"subject": subject_text, **context}
        text = render_template(f"email/{template_name}.txt", **context)
        html = render_template(f"email/{template_name}.html", **context)
    message = MailMessage(subject=subject_text, recipients=[(recipient_name, recipient_email)],
                          body=text, html=html)
    # Spam filters distrust "@localhost" message ids; use the site's own name.
    site = urlsplit(current_app.config["RBTASKS_BASE_URL"]).hostname
    if site:
        message.msgId = make_msgid(domain=site)
    return message


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


def send_message(message):
    """Deliver ``message``; True when the mail server accepted it.

    Without ``MAIL_SERVER`` nothing is attempted: the message is logged and
    False returned. A failing or silent server is logged and also gives False,
    so a caller never turns a mail problem into an error page.
    """
    recipients = ", ".join(message.envelope()[1])
    if not mail_configured():
        logger.info("No mail server is configured; not sending %r to %s.",
                    message.subject, recipients)
        return False
    timeout = current_app.config.get("MAIL_TIMEOUT", 30)
    try:
        with TimedConnection(mail_state(), timeout) as connection:
            connection.send(message)
    except (smtplib.SMTPException, OSError):
        logger.exception("Sending %r to %s failed.", message.subject, recipients)
        return False
    logger.info("Sent %r to %s.", message.subject, recipients)
    return True


def mail_state():
    return current_app.extensions["mail"]


class TimedConnection(Connection):
    """Flask-Mail's connection with a socket timeout and verified TLS.

    It always talks to the server: whether to send at all is decided by
    ``MAIL_SERVER`` (see :func:`send_message`), not by Flask-Mail's
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
