"""format_mailbox: a display name and an address as a header value that a
standard parser reads back as exactly that one mailbox."""
import email.policy
import random

import pytest

from rbtasks.demo import data as demo
from rbtasks.mail.addresses import addr_spec, format_mailbox, parse_mailbox

ADDRESS = "kepala.birohukum@nttprov.go.id"
NAMES = sorted({user["name"] for user in demo.USERS}
               | {agency["head_name"] for agency in demo.AGENCIES}) + [
    "Kepala <someone@elsewhere.go.id>",
    "Budi, someone@elsewhere.go.id",
    'Yohanes "Anis" Seran \\ S.E., M.Si.',
    "José Ximenes da Costa, S.H.",
    "Maria Goreti Ndoen\u200b, S.Pd.",
    "=?utf-8?q?someone=40elsewhere.go.id?=",
    "Agustinus  Tefa",
    "Prof. Dr. Ir. Yohanes Bernardus Hendrikus da Costa Pereira Tallo, S.H., M.Hum., Ph.D.",
    "Pelaksana " * 19 + "Akhir",
    "Ñ" * 200,
]


def parse(header, value):
    """The mailboxes of ``header: value`` as a received message shows them."""
    raw = f"{header}: {value}\r\n\r\n".encode("ascii")
    parsed = email.message_from_bytes(raw, policy=email.policy.default)[header]
    assert not parsed.defects, parsed.defects
    return [(mailbox.display_name, mailbox.addr_spec) for mailbox in parsed.addresses]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("header", ["To", "From", "Reply-To"])
def test_the_name_and_the_address_come_back_as_one_mailbox(name, header):
    value = format_mailbox(name, ADDRESS, header=header)
    assert parse(header, value) == [(name, ADDRESS)]
    lines = f"{header}: {value}".split("\r\n")
    assert all(len(line) <= 78 for line in lines) or name == "Ñ" * 200, lines


def test_names_are_written_as_people_would_read_them():
    assert format_mailbox("Agustinus Tefa", ADDRESS) == f"Agustinus Tefa <{ADDRESS}>"
    assert format_mailbox("Oktavianus Pello, S.H., M.H.", ADDRESS) == \
        f'"Oktavianus Pello, S.H., M.H." <{ADDRESS}>'
    assert format_mailbox("", ADDRESS) == ADDRESS


def test_any_mix_of_awkward_characters_comes_back_exactly():
    pieces = ["Budi", "Ñoño", ",", ".", "<", ">", "@", '"', "\\", ";", ":", "(", ")", "[", "]",
              "=?", "?=", "_", "é", "\u200b", "S.H.", " ", "  "]
    rng = random.Random(2026)
    for _ in range(500):
        name = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))).strip()
        if name:
            assert parse("To", format_mailbox(name, ADDRESS)) == [(name, ADDRESS)], name


def test_line_breaks_in_an_older_name_become_spaces():
    value = format_mailbox("Budi\u2028Bcc: someone@elsewhere.go.id\r\nX: y", ADDRESS)
    assert parse("To", value) == [("Budi Bcc: someone@elsewhere.go.id  X: y", ADDRESS)]


@pytest.mark.parametrize("address", [
    "", "budi", "Budi <budi@nttprov.go.id>", "budi@nttprov.go.id, lain@nttprov.go.id",
    "budi@nttprov.go.id\r\nBcc: lain@nttprov.go.id", "bu di@nttprov.go.id", "budí@nttprov.go.id",
])
def test_anything_but_one_address_is_refused(address):
    with pytest.raises(ValueError):
        format_mailbox("Budi", address)


def test_an_international_domain_is_written_in_its_ascii_form():
    assert addr_spec("budi@münchen.go.id") == "budi@xn--mnchen-3ya.go.id"


@pytest.mark.parametrize("sender, expected", [
    ("rbtasks <rbtasks@nttprov.go.id>", ("rbtasks", "rbtasks@nttprov.go.id")),
    ('"Biro Organisasi, Setda NTT" <rb@nttprov.go.id>', ("Biro Organisasi, Setda NTT",
                                                         "rb@nttprov.go.id")),
    (("Biro Organisasi, Setda NTT", "rb@nttprov.go.id"), ("Biro Organisasi, Setda NTT",
                                                          "rb@nttprov.go.id")),
    ("rb@nttprov.go.id", ("", "rb@nttprov.go.id")),
])
def test_a_sender_is_read_as_one_mailbox(sender, expected):
    assert parse_mailbox(sender) == expected


@pytest.mark.parametrize("sender", [
    "Biro Organisasi, Setda NTT <rb@nttprov.go.id>", "a@nttprov.go.id, b@nttprov.go.id", "",
    "rbtasks",
])
def test_a_sender_that_is_not_one_mailbox_is_refused(sender):
    with pytest.raises(ValueError):
        parse_mailbox(sender)
