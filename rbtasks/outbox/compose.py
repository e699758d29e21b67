"""Turning an outbox row into the email that goes on the wire."""
from dataclasses import dataclass
from email.charset import QP, Charset

from rbtasks.mail.addresses import addr_spec
from rbtasks.mail.message import MailMessage


@dataclass(frozen=True)
class Outgoing:
    """A built email: the Flask-Mail message, its bytes and its envelope."""

    message: MailMessage
    data: bytes
    sender: str
    recipients: list


def _utf8_quoted_printable():
    """UTF-8 bodies as quoted-printable.

    Flask-Mail registers UTF-8 without a body encoding, so a body goes out
    as raw 8-bit text with its lines as long as the template made them; a
    server may then refuse it ("500 Line too long": RFC 5321 allows 998
    octets) or mangle it (no 8BITMIME). Quoted-printable keeps every line
    short and ASCII, and mail clients decode it transparently.
    """
    charset = Charset("utf-8")
    charset.body_encoding = QP
    return charset


UTF8_QP = _utf8_quoted_printable()


class UnsendableMessage(Exception):
    """The row cannot become an email (e.g. an invalid address); no retry helps."""


def compose(row, now):
    """The Outgoing email for ``row``: text and HTML parts, inline attachments,
    and the row's own ``Message-ID``, so a resend of the row is recognisable."""
    address = _valid_address(row.recipient_email)
    message = MailMessage(
        subject=row.subject, recipients=[(row.recipient_name, address)], body=row.body_text,
        html=row.body_html or None, date=now.timestamp(), charset=UTF8_QP,
        # RFC 3834: tells auto-responders not to answer a reminder.
        extra_headers={"Auto-Submitted": "auto-generated"},
    )
    message.msgId = row.message_id
    for attachment in row.attachments:
        content_id = attachment.content_id.strip().strip("<>")
        message.attach(filename=attachment.filename, content_type=attachment.content_type,
                       data=attachment.data, disposition="inline",
                       headers={"Content-ID": f"<{content_id}>"})
    if message.has_bad_headers():
        raise UnsendableMessage("invalid header (a line break in the subject or an address)")
    try:
        data = message.as_bytes()
        sender, recipients = message.envelope()
    except (ValueError, TypeError, LookupError) as error:
        raise UnsendableMessage(f"cannot build the message: {error}") from error
    return Outgoing(message=message, data=data, sender=sender, recipients=recipients)


def _valid_address(text):
    try:
        address = addr_spec(text)
    except ValueError:
        address = ""
    if "." not in address.rpartition("@")[2]:
        raise UnsendableMessage(f"invalid address: {text!r}")
    return address
