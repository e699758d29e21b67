"""How a comment mentions someone: ``@`` and the name without titles, the whole
name, or the address's local part; the longest match wins."""
from types import SimpleNamespace

from rbtasks.notices.mentions import core_name, mentioned


def person(name, email):
    return SimpleNamespace(name=name, email=email)


OKTA = person("Oktavianus Pello, S.H., M.H.", "oktavianus.pello@nttprov.go.id")
BENE = person("Drs. Benediktus Ndun, M.Si.", "benediktus.ndun@nttprov.go.id")
YOHANES = person("Yohanes, S.Sos.", "yohanes@nttprov.go.id")
YOHANES_BOSCO = person("Yohanes Bosco Lado, S.STP., M.Si.", "yohanes.lado@nttprov.go.id")
PEOPLE = [OKTA, BENE, YOHANES, YOHANES_BOSCO]


def test_titles_are_not_part_of_the_name():
    assert core_name("Drs. Benediktus Ndun, M.Si.") == "Benediktus Ndun"
    assert core_name("Oktavianus Pello, S.H., M.H.") == "Oktavianus Pello"
    assert core_name("Dr. Ir. Maria Goreti Bere") == "Maria Goreti Bere"


def test_a_name_without_titles_any_case():
    assert mentioned("Mohon dicek @oktavianus pello, terima kasih", PEOPLE) == [OKTA]
    assert mentioned("@Benediktus Ndun mohon persetujuan", PEOPLE) == [BENE]


def test_the_whole_name_or_the_address_local_part():
    assert mentioned("cc @Drs. Benediktus Ndun, M.Si.", PEOPLE) == [BENE]
    assert mentioned("cc @oktavianus.pello.", PEOPLE) == [OKTA]


def test_the_longest_name_wins():
    assert mentioned("@Yohanes Bosco Lado tolong lihat", PEOPLE) == [YOHANES_BOSCO]
    assert mentioned("@Yohanes tolong lihat", PEOPLE) == [YOHANES]


def test_an_email_address_or_a_partial_word_mentions_nobody():
    assert mentioned("kirim ke oktavianus.pello@nttprov.go.id", PEOPLE) == []
    assert mentioned("@Oktavianusz", PEOPLE) == []
    assert mentioned("tanpa sebutan", PEOPLE) == []


def test_several_people_in_one_comment():
    assert mentioned("@Benediktus Ndun dan @Oktavianus Pello: rapat 31 Desember 2026",
                     PEOPLE) == [OKTA, BENE]
