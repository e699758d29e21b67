"""Bahasa Indonesia first: every message in the code has an Indonesian translation."""
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "rbtasks" / "translations" / "id" / "LC_MESSAGES"
METHODS = [("rbtasks/**.py", "python"), ("templates/**.html", "jinja2"),
           ("templates/**.txt", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
            "lazy_ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def _source_messages():
    found = set()
    for _filename, _lineno, message, _comments, context in extract_from_dir(
        str(ROOT), METHODS, keywords=KEYWORDS
    ):
        found.add((message[0] if isinstance(message, tuple) else message, context))
    return found


def _catalogue():
    with open(CATALOGUE / "messages.po", "rb") as handle:
        return read_po(handle, locale="id")


def test_every_source_message_has_an_indonesian_translation():
    catalogue = _catalogue()
    missing = []
    for msgid, context in sorted(_source_messages(), key=lambda pair: (pair[0], pair[1] or "")):
        message = catalogue.get(msgid, context=context)
        strings = message.string if message else None
        if isinstance(strings, tuple):
            strings = strings[0] if all(strings) else ""
        if message is None or not strings or message.fuzzy:
            missing.append(msgid)
    assert missing == [], f"{len(missing)} untranslated, e.g. {missing[:5]}"


def test_each_message_is_defined_once_in_the_catalogue():
    """A message written twice compiles (the last one wins) but `msgfmt -c` refuses the file,
    and the two copies drift apart when one is retranslated."""
    definitions, context, msgid = [], None, None
    for line in (CATALOGUE / "messages.po").read_text(encoding="utf-8").splitlines():
        if msgid is not None and line.startswith('"'):
            msgid += line  # a long msgid continues on the following lines
            continue
        if msgid is not None:
            definitions.append((context, msgid))
            context = msgid = None
        if line.startswith("msgctxt "):
            context = line
        elif line.startswith("msgid "):
            msgid = line
    repeated = sorted({entry for entry in definitions if definitions.count(entry) > 1})
    assert repeated == []


def test_translations_keep_their_placeholders():
    problems = []
    for message, errors in _catalogue().check():
        problems.extend(f"{message.id!r}: {error}" for error in errors)
    assert problems == []


def _key(value):
    return tuple(value) if isinstance(value, (list, tuple)) else value


def test_compiled_catalogue_matches_the_source_catalogue():
    with open(CATALOGUE / "messages.mo", "rb") as handle:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(handle) if m.id}
    source = {_key(m.id): _key(m.string) for m in _catalogue()
              if m.id and not m.fuzzy and m.string}
    assert compiled == source, "run `make compile-translations`"


def test_the_product_speaks_indonesian_by_default():
    from config import Config, DevelopmentConfig, ProductionConfig

    assert Config.BABEL_DEFAULT_LOCALE == DevelopmentConfig.BABEL_DEFAULT_LOCALE == "id"
    assert ProductionConfig.BABEL_DEFAULT_LOCALE == "id"


def test_pages_follow_the_visitors_language_choice(client):
    from tests.conftest import page_csrf

    token = page_csrf(client, "/login")
    client.post("/lang/id", data={"csrf_token": token, "next": "/login"})
    indonesian = client.get("/login").get_data(as_text=True)
    assert '<html lang="id">' in indonesian and "Masuk" in indonesian
    client.post("/lang/en", data={"csrf_token": token, "next": "/login"})
    english = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in english and "Sign in" in english


def test_a_signed_in_user_reads_pages_in_their_language(login, make_user):
    indonesian = login(make_user(role="leader", locale="id")).get("/items").get_data(as_text=True)
    assert "Rencana aksi" in indonesian and "Keluar" in indonesian
    english = login(make_user(role="leader", locale="en")).get("/items").get_data(as_text=True)
    assert "Action items" in english and "Sign out" in english
