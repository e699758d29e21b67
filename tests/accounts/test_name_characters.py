"""A person's name refuses characters that break a line or hide, wherever it
is typed: a user's name and an agency head's name, on the admin pages, in the
API and (for users) in ``flask rb create-user``; with a message on the field,
changing nothing. Every email's To header carries these names."""
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from rbtasks.accounts.models import User
from rbtasks.inputs.text import has_control_character
from rbtasks.organisation.models import Agency
from tests.conftest import page_csrf

MESSAGE = ("A name must not contain control characters, line or paragraph separators or "
           "invisible formatting characters.")

# Each hides inside an ordinary name: pasted from a document, or typed on purpose.
UNFIT = {
    "line separator U+2028": "Budi Santoso\u2028Bcc: someone@elsewhere.go.id",
    "paragraph separator U+2029": "Budi Santoso\u2029S.H.",
    "next line U+0085": "Budi Santoso\x85, someone@elsewhere.go.id",
    "C1 control U+009B": "Budi Santoso\x9b",
    "escape U+001B": "Budi \x1b[31mSantoso",
    "zero-width space U+200B": "Budi\u200bSantoso",
    "right-to-left override U+202E": "Budi \u202eotnaS",
    "byte order mark U+FEFF": "\ufeffBudi Santoso",
}
# C0 controls are refused in every text the API reads, before any field's own check,
# with the general message (rbtasks/inputs/text.py); the rest by the name check.
GENERAL_MESSAGE = "Must not contain control characters."


def api_message(kind):
    return GENERAL_MESSAGE if has_control_character(UNFIT[kind]) else MESSAGE


SEPARATORS = ["line separator U+2028", "paragraph separator U+2029", "next line U+0085",
              "zero-width space U+200B"]


@dataclass(frozen=True)
class NameField:
    """Where a name is typed: the API collection, the admin pages, the field."""

    model: type
    api: str
    pages: str
    field: str
    values: dict       # the other fields of a valid new row, for the API
    form: dict         # and for the page's form

    def rows(self, db):
        key = self.model.email if self.model is User else self.model.code
        name = getattr(self.model, self.field)
        db.session.expire_all()
        return db.session.execute(sa.select(key, name).order_by(key)).all()


USER_NAME = NameField(
    User, "/api/v1/users", "/admin/users", "name",
    {"email": "budi@nttprov.go.id", "role": "member", "password": "rahasia-panjang"},
    {"email": "budi@nttprov.go.id", "role": "member", "agency_id": "", "phone": "",
     "locale": "id", "active": "y", "password": ""})
HEAD_NAME = NameField(
    Agency, "/api/v1/agencies", "/admin/agencies", "head_name",
    {"name": "Biro Hukum", "code": "HUKUM", "head_email": "kepala.birohukum@nttprov.go.id"},
    {"name": "Biro Hukum", "code": "HUKUM", "head_email": "kepala.birohukum@nttprov.go.id",
     "head_phone": "", "parent_id": ""})
FIELDS = {"user name": USER_NAME, "agency head name": HEAD_NAME}


@pytest.fixture
def admin(make_user):
    return make_user(role="admin", agency=None, name="Admin Biro", locale="en",
                     email="admin@ntt.go.id")


@pytest.fixture
def existing(make_user, make_agency):
    """``existing(field)``: a saved row whose name is fine, to be edited."""
    def make(field):
        if field is USER_NAME:
            return make_user(name="Budi Santoso", email="budi@nttprov.go.id")
        return make_agency(code="HUKUM", head_name="Oktavianus Pello, S.H., M.H.")
    return make


# ---- the API -----------------------------------------------------------------

@pytest.mark.parametrize("kind", UNFIT)
@pytest.mark.parametrize("where", FIELDS)
def test_the_api_refuses_a_new_row_whose_name_holds_one(db, api, admin, where, kind):
    field = FIELDS[where]
    before = field.rows(db)
    response = api(admin).post(field.api, json={**field.values, field.field: UNFIT[kind]})
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {field.field: api_message(kind)}
    assert field.rows(db) == before


@pytest.mark.parametrize("kind", SEPARATORS)
@pytest.mark.parametrize("where", FIELDS)
def test_the_api_refuses_to_change_a_name_to_one(db, api, admin, existing, where, kind):
    field = FIELDS[where]
    row = existing(field)
    before = field.rows(db)
    response = api(admin).patch(f"{field.api}/{row.id}", json={field.field: UNFIT[kind]})
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {field.field: MESSAGE}
    assert field.rows(db) == before


@pytest.mark.parametrize("where", FIELDS)
def test_titles_with_commas_and_punctuation_are_names_like_any_other(db, api, admin, where):
    field = FIELDS[where]
    names = ["Oktavianus Pello, S.H., M.H.", "Dr. Maria Bessie, S.Kom., M.T.",
             'Yohanes "Anis" Seran \\ S.E.', "José Ximenes da Costa"]
    for number, name in enumerate(names):
        unique = {"email": f"pegawai{number}@nttprov.go.id"} if field is USER_NAME \
            else {"code": f"BIRO{number}"}
        response = api(admin).post(field.api, json={**field.values, **unique, field.field: name})
        assert response.status_code == 201, response.get_json()
    assert set(names) <= {name for _key, name in field.rows(db)}


# ---- the pages ---------------------------------------------------------------

def submit(client, url, field, name):
    data = {**field.form, field.field: name}
    if field is USER_NAME and url.endswith("/new"):
        data["password"] = "rahasia-panjang"
    return client.post(url, data={**data, "csrf_token": page_csrf(client, url)})


@pytest.mark.parametrize("kind", SEPARATORS)
@pytest.mark.parametrize("where", FIELDS)
def test_the_new_page_shows_the_message_under_the_name(db, login, admin, where, kind):
    field = FIELDS[where]
    before = field.rows(db)
    response = submit(login(admin), f"{field.pages}/new", field, UNFIT[kind])
    assert response.status_code == 200
    assert f'id="{field.field}-error">{MESSAGE}</p>' in response.get_data(as_text=True)
    assert field.rows(db) == before


@pytest.mark.parametrize("kind", SEPARATORS)
@pytest.mark.parametrize("where", FIELDS)
def test_the_edit_page_keeps_the_old_name(db, login, admin, existing, where, kind):
    field = FIELDS[where]
    row = existing(field)
    before = field.rows(db)
    response = submit(login(admin), f"{field.pages}/{row.id}/edit", field, UNFIT[kind])
    assert response.status_code == 200
    assert f'id="{field.field}-error">{MESSAGE}</p>' in response.get_data(as_text=True)
    assert field.rows(db) == before


# ---- the command line ----------------------------------------------------------

@pytest.mark.parametrize("kind", SEPARATORS)
def test_create_user_refuses_it_and_exits_non_zero(db, runner, kind):
    result = runner.invoke(args=["rb", "create-user", "--email", "budi@nttprov.go.id",
                                 "--name", UNFIT[kind], "--role", "admin",
                                 "--password", "rahasia-panjang"])
    assert result.exit_code != 0
    assert f"name: {MESSAGE}" in result.output
    assert USER_NAME.rows(db) == []
