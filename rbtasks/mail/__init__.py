"""Outgoing email: every message is rendered here from a template pair
(``templates/email/NAME.txt`` and ``.html``) in the recipient's language,
and goes out through the outbox (rbtasks.outbox), whose delivery talks to
the mail server over :class:`~rbtasks.mail.services.TimedConnection`."""
from rbtasks.mail.rendering import Attachment, HoldsRendered, RenderedEmail, in_language, render
from rbtasks.mail.services import absolute_url, mail_configured

__all__ = ["Attachment", "HoldsRendered", "RenderedEmail", "absolute_url", "in_language",
           "mail_configured", "render"]
