"""Rendering an email: the one renderer behind every message rbtasks sends.

``render("NAME", locale, subject=…, **context)`` renders
``templates/email/NAME.txt`` and ``NAME.html`` under the recipient's locale,
so the subject, both parts and every date in them speak the recipient's
language, with times in the province's zone. The subject should be a lazy
string (``lazy_gettext``) or one already translated in that locale (see
:func:`in_language`), never one translated in the sender's.

Callers that work out locale-dependent context (dates, labels, plural
forms) do so inside ``with in_language(locale):``, then call ``render``
there. Sending is not done here: the result goes to the outbox
(``rbtasks.outbox.services.enqueue``).
"""
from contextlib import contextmanager
from dataclasses import dataclass

from flask import render_template
from flask_babel import force_locale

from rbtasks.i18n import formatting_locale

# The outbox keeps subjects up to this length (outbox_message.subject).
SUBJECT_LENGTH = 300


@dataclass(frozen=True)
class Attachment:
    """An inline part, e.g. the digest's chart, that the HTML shows as
    ``<img src="cid:CONTENT_ID">``."""

    filename: str
    content_type: str
    content_id: str
    data: bytes


@dataclass(frozen=True)
class RenderedEmail:
    """A rendered email: its subject, text and HTML parts and inline parts."""

    subject: str
    body_text: str
    body_html: str
    attachments: tuple = ()


class HoldsRendered:
    """For a planned message that keeps its RenderedEmail as ``rendered``:
    the parts by name, empty until it is rendered."""

    rendered = None

    @property
    def subject(self):
        return self.rendered.subject if self.rendered else ""

    @property
    def body_text(self):
        return self.rendered.body_text if self.rendered else ""

    @property
    def body_html(self):
        return self.rendered.body_html if self.rendered else ""


@contextmanager
def in_language(locale):
    """Translate and format in the recipient's ``locale`` ("id", "en") for
    the duration; yields the Babel locale used (e.g. "en_ID" for "en")."""
    babel_locale = formatting_locale(locale)
    with force_locale(babel_locale):
        yield babel_locale


def render(template, locale, *, subject, attachments=(), **context):
    """The RenderedEmail of template pair ``template`` for a reader of
    ``locale``; the templates see ``subject`` (translated, at most
    SUBJECT_LENGTH characters) and ``context``."""
    with in_language(locale):
        subject_text = str(subject)[:SUBJECT_LENGTH]
        context = {"subject": subject_text, **context}
        text = render_template(f"email/{template}.txt", **context)
        html = render_template(f"email/{template}.html", **context)
    return RenderedEmail(subject=subject_text, body_text=text, body_html=html,
                         attachments=tuple(attachments))
