"""The one kind of message rbtasks sends: Flask-Mail's, with its address
headers written by :mod:`rbtasks.mail.addresses`."""
from flask import current_app
from flask_mail import Message

from rbtasks.mail.addresses import WrittenHeader, format_mailbox, format_mailboxes, parse_mailbox


class MailMessage(Message):
    """A Flask-Mail message whose From, To, Cc and Reply-To every reader
    parses as the mailboxes meant, whatever the display names hold.

    Recipients are ``(name, address)`` pairs or bare addresses. The sender
    (``MAIL_DEFAULT_SENDER`` unless given) is a pair or a string such as
    ``"Biro Organisasi, Setda NTT" <rbtasks@nttprov.go.id>``.
    """

    def __init__(self, *, sender=None, **fields):
        sender = sender or current_app.config["MAIL_DEFAULT_SENDER"]
        super().__init__(sender=sender, **fields)
        # Flask-Mail joins a (name, address) sender as "name <address>",
        # unquoted; keep the pair whole.
        self.sender = sender

    def address_headers(self):
        """The address headers, by name, as they go on the wire."""
        headers = {"From": format_mailbox(*parse_mailbox(self.sender), header="From"),
                   "To": format_mailboxes(self.recipients, "To")}
        if self.cc:
            headers["Cc"] = format_mailboxes(self.cc, "Cc")
        if self.reply_to:
            headers["Reply-To"] = format_mailbox(*parse_mailbox(self.reply_to),
                                                 header="Reply-To")
        return headers

    def envelope(self):
        """(sender, recipients) for SMTP's MAIL FROM and RCPT TO: bare
        addresses, each recipient once (To, then Cc, then Bcc)."""
        recipients = []
        for value in [*self.recipients, *self.cc, *self.bcc]:
            address = parse_mailbox(value)[1]
            if address not in recipients:
                recipients.append(address)
        return parse_mailbox(self.sender)[1], recipients

    def _message(self):
        # Flask-Mail builds the MIME tree and writes its own address headers;
        # replace them in place, so the order of the headers stays.
        mime = super()._message()
        for name, value in self.address_headers().items():
            mime.replace_header(name, WrittenHeader(name, value))
        return mime
