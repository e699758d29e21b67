"""Address headers (From, To, Cc, Reply-To) that every mail reader parses
as exactly the mailboxes meant.

Officials' names carry commas and full stops ("Oktavianus Pello, S.H.,
M.H."), and a name typed into a form may hold anything ("Kepala
<someone@elsewhere.go.id>"). Written bare, such a name becomes several
addresses, or names another one, so RFC 5322 (section 3.4) wants it quoted
and RFC 2047 (section 5) encoded when it is not plain ASCII.

Flask-Mail 0.10 does encode names, but then lets Python's ``policy.SMTP``
refold any header longer than a line, and Python 3.11's refolder decodes an
encoded name and writes it back bare (CPython gh-121284), or drops the
quotes around a long quoted one (gh-80222): "Oktavianus Pello", "S.H." and
the real address arrive as three recipients. So :func:`format_mailbox`
writes and folds the value itself, and :class:`WrittenHeader` tells the
generator to leave it as written.
"""
import re
import unicodedata
from email.charset import Charset
from email.headerregistry import Address
from email.policy import default as standard_policy

MAX_LINE = 78  # RFC 5322 2.1.1: a header line SHOULD be at most 78 characters
_UTF8 = Charset("utf-8")

# RFC 5322 atext: words made of these, single spaces between them, need no quotes.
_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+")


def format_mailbox(name, address, header="To"):
    """``name <address>`` as the ASCII value of ``header``, folded.

    Raises ValueError when ``address`` is not one valid address.
    """
    address = addr_spec(address)
    name = _one_line(name or "")
    if not name.strip():
        return address
    return _fold(header, f"{_phrase(name)} <{address}>")


def _one_line(name):
    """Control characters and line or paragraph separators as spaces: no
    name may hold them (rbtasks.accounts.checks), but an older row might,
    and a reader would choke on a CR or LF inside a display name."""
    return "".join(" " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char
                   for char in name)


def _phrase(name):
    """``name`` as an RFC 5322 phrase that decodes to exactly ``name``.

    Plain words stay as they are and punctuation is quoted; words that
    cannot be quoted (letters beyond ASCII, invisible characters, a stray
    ``=?`` that a reader would decode) become one RFC 2047 encoded word per
    run of them. Never two encoded words side by side: RFC 2047 readers
    drop the space between them, Python's keeps it, so the two would show
    different names.
    """
    runs = []  # (needs encoding, words)
    for word in name.split(" "):
        encode = not (word.isascii() and word.isprintable()) or "=?" in word
        if runs and runs[-1][0] == encode:
            runs[-1][1].append(word)
        else:
            runs.append((encode, [word]))
    return " ".join(_UTF8.header_encode(" ".join(words)) if encode else _quoted(words)
                    for encode, words in runs)


def _quoted(words):
    if all(_ATOM.fullmatch(word) for word in words):
        return " ".join(words)
    text = " ".join(words)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fold(header, value):
    """``value`` with a line break put before some of its spaces, so that
    lines keep within MAX_LINE where a space allows it. Unfolding (removing
    the line breaks) gives ``value`` back exactly, inside quotes too."""
    text = f"{header}: {value}"
    lines, start = [], 0
    while len(text) - start > MAX_LINE:
        earliest = start + 1 if lines else len(header) + 2  # not before the value
        limit = start + MAX_LINE
        cut = text.rfind(" ", earliest, limit + 1)
        if cut < 0 or not text[start:cut].strip():
            cut = text.find(" ", limit)
            if cut < 0:
                break
        lines.append(text[start:cut])
        start = cut
    lines.append(text[start:])
    return "\r\n".join(lines)[len(header) + 2:]


def addr_spec(address):
    """``address`` as it is written on the wire: one ASCII addr-spec, an
    international domain in its ``xn--`` form. ValueError otherwise."""
    text = address.strip() if isinstance(address, str) else ""
    local, _at, domain = text.rpartition("@")
    if not local or not domain:
        raise ValueError(f"not an email address: {address!r}")
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError as error:
            raise ValueError(f"not an email address: {address!r}") from error
    if not local.isascii():
        raise ValueError(f"cannot send to a non-ASCII mailbox name: {address!r}")
    written = f"{local}@{domain}"
    if Address(addr_spec=written).addr_spec != written:
        raise ValueError(f"not an email address: {address!r}")
    return written


def parse_mailbox(value):
    """(name, address) of a ``(name, address)`` pair or of a string such as
    ``"Biro Organisasi, Setda NTT" <rbtasks@nttprov.go.id>``.

    The string must name exactly one address, correctly quoted: a bare
    ``Biro Organisasi, Setda NTT <...>`` is refused (ValueError) rather
    than guessed at.
    """
    if isinstance(value, (tuple, list)):
        name, address = value
        return (name or "", addr_spec(address))
    header = standard_policy.header_factory("From", value or "")
    if len(header.addresses) != 1 or header.defects:
        raise ValueError(f"expected one address such as '\"Name, Title\" <name@example.go.id>', "
                         f"got {value!r}")
    [mailbox] = header.addresses
    return (mailbox.display_name, addr_spec(mailbox.addr_spec))


def format_mailboxes(values, header):
    """The value of an address-list header: each mailbox once, in order,
    one per line."""
    written = []
    for value in values:
        mailbox = format_mailbox(*parse_mailbox(value), header=header)
        if mailbox not in written:
            written.append(mailbox)
    return ",\r\n ".join(written)


class WrittenHeader(str):
    """A header value that goes out exactly as written here.

    The email package's generator refolds a plain string value that looks
    too long (the bug above); a value with a ``name`` attribute counts as a
    header object, and the generator asks that object to fold itself.
    """

    def __new__(cls, name, value):
        header = super().__new__(cls, value)
        header.name = name
        return header

    def fold(self, *, policy):
        return f"{self.name}: {policy.linesep.join(self.splitlines())}{policy.linesep}"
