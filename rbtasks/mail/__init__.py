"""Outgoing email: every message is built here from a template pair
(``templates/email/NAME.txt`` and ``.html``) in the recipient's language
and sent through Flask-Mail with a socket timeout."""
from rbtasks.mail.services import absolute_url, build_message, mail_configured, send_message

__all__ = ["absolute_url", "build_message", "mail_configured", "send_message"]
