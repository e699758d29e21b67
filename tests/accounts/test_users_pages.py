"""The user admin pages, as an admin (or someone else) uses them."""
import pytest
import sqlalchemy as sa

from rbtasks.accounts.models import User
from tests.conftest import page_csrf


@pytest.fixture
def admin(make_user):
    # English, so the assertions read the msgids whatever the catalogue says.
    return make_user(role="admin", agency=None, name="Admin Biro", locale="en")


@pytest.fixture
def as_admin(login, admin):
    return login(admin)


def user_count(db):
    return db.session.scalar(sa.select(sa.func.count()).select_from(User))


def submit(client, url, data):
    return client.post(url, data={**data, "csrf_token": page_csrf(client, url)})


def form_data(**overrides):
    return {"name": "Fransiska Bere", "email": "Fransiska.Bere@NTTprov.go.id", "role": "member",
            "agency_id": "", "phone": "", "locale": "id", "active": "y",
            "password": "rahasia-panjang", **overrides}


def test_the_user_list_shows_people_with_role_labels(as_admin, make_user, make_agency):
    agency = make_agency(code="BKD")
    user = make_user(role="agency_head", name="Kepala BKD", agency=agency)
    page = as_admin.get("/admin/users").get_data(as_text=True)

    assert "Kepala BKD" in page and "Agency head" in page and ">BKD<" in page
    assert f"/admin/users/{user.id}/edit" in page
    assert 'href="/admin/users/new"' in page
    assert 'data-label="Email"' in page


def test_the_user_list_filters_by_role_agency_and_text(as_admin, make_user, make_agency):
    bkd = make_agency(code="BKD")
    make_user(role="coordinator", name="Koordinator Satu", agency=bkd)
    make_user(role="member", name="Anggota Dua", agency=bkd)
    make_user(role="coordinator", name="Koordinator Tiga")

    by_role = as_admin.get("/admin/users?role=coordinator").get_data(as_text=True)
    assert "Koordinator Satu" in by_role and "Koordinator Tiga" in by_role
    assert "Anggota Dua" not in by_role
    both = as_admin.get(f"/admin/users?role=coordinator&agency_id={bkd.id}").get_data(as_text=True)
    assert "Koordinator Satu" in both and "Koordinator Tiga" not in both
    by_text = as_admin.get("/admin/users?q=anggota").get_data(as_text=True)
    assert "Anggota Dua" in by_text and "Koordinator" not in by_text


def test_the_user_list_is_paginated(app, as_admin, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "RBTASKS_ITEMS_PER_PAGE", 2)
    for name in ("B satu", "C dua"):
        make_user(name=name, agency=None)
    first = as_admin.get("/admin/users").get_data(as_text=True)
    assert "Admin Biro" in first and "B satu" in first and "C dua" not in first
    assert "/admin/users?page=2" in first
    assert "C dua" in as_admin.get("/admin/users?page=2").get_data(as_text=True)


def test_admin_creates_a_user_who_can_sign_in(db, as_admin, login, make_agency):
    agency = make_agency(name="Biro Organisasi", code="ORG")
    form = as_admin.get("/admin/users/new").get_data(as_text=True)
    assert '<option value="coordinator">Pokja coordinator</option>' in form
    assert f'<option value="{agency.id}">Biro Organisasi (ORG)</option>' in form

    response = submit(as_admin, "/admin/users/new",
                      form_data(agency_id=str(agency.id), role="coordinator"))
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.email == "fransiska.bere@nttprov.go.id"))
    assert (user.role, user.agency, user.active) == ("coordinator", agency, True)
    assert login(user, password="rahasia-panjang").get("/my-items").status_code == 200


@pytest.mark.parametrize("overrides, field, message", [
    ({"password": ""}, "password", "This field is required."),
    ({"password": "pendek"}, "password", "Field must be between 10 and 200 characters long."),
    ({"email": "ADMIN.lain@ntt.go.id"}, "email", "Another user already has this email address."),
    ({"phone": "nomor WA"}, "phone",
     "Enter an Indonesian mobile number such as 0812 3456 7890 or +62 812 3456 7890."),
])
def test_create_form_errors_show_under_the_field(db, as_admin, make_user, overrides, field,
                                                 message):
    make_user(email="admin.lain@ntt.go.id")
    before = user_count(db)
    response = submit(as_admin, "/admin/users/new", form_data(**overrides))
    assert response.status_code == 200
    assert f'id="{field}-error">{message}</p>' in response.get_data(as_text=True)
    assert user_count(db) == before


def test_admin_deactivates_a_user_who_then_cannot_sign_in(db, as_admin, make_user, make_item):
    user = make_user(name="Pegawai Pindah", role="member")
    item = make_item(owner=user)
    url = f"/admin/users/{user.id}/edit"
    form = as_admin.get(url).get_data(as_text=True)
    assert 'value="Pegawai Pindah"' in form and "Leave empty to keep the current password." in form

    data = form_data(name="Pegawai Pindah", email=user.email, agency_id=str(user.agency_id),
                     password="")
    del data["active"]  # an unticked box is not sent
    response = submit(as_admin, url, data)
    assert response.status_code == 302
    db.session.expire_all()
    assert user.active is False
    assert item.owner == user

    visitor = as_admin.application.test_client()
    sign_in = visitor.post("/login", data={"email": user.email, "password": "rahasia-123",
                                           "csrf_token": page_csrf(visitor, "/login")})
    assert sign_in.status_code == 200  # the form again, not a redirect into the app


def test_admin_sets_a_new_password(db, as_admin, make_user):
    user = make_user()
    response = submit(as_admin, f"/admin/users/{user.id}/edit",
                      form_data(name=user.name, email=user.email, password="sandi-baru-123"))
    assert response.status_code == 302
    db.session.expire_all()
    assert user.check_password("sandi-baru-123")


def test_an_admin_cannot_deactivate_themselves(db, as_admin, admin):
    data = form_data(name=admin.name, email=admin.email, role="admin", password="")
    del data["active"]
    response = submit(as_admin, f"/admin/users/{admin.id}/edit", data)
    assert response.status_code == 200
    assert 'id="active-error">You cannot deactivate your own account.' in \
        response.get_data(as_text=True)
    db.session.expire_all()
    assert admin.active is True


@pytest.mark.parametrize("role", ["leader", "coordinator", "agency_head", "member"])
def test_non_admins_get_403_and_change_nothing(db, login, make_user, role):
    actor = make_user(role=role)
    client = login(actor)
    for url in ["/admin/users", "/admin/users/new", f"/admin/users/{actor.id}/edit"]:
        assert client.get(url).status_code == 403, url

    token = page_csrf(client, "/admin/users")  # the 403 page's sign-out form has one
    response = client.post(f"/admin/users/{actor.id}/edit",
                           data={**form_data(email=actor.email, role="admin"),
                                 "csrf_token": token})
    assert response.status_code == 403
    db.session.expire_all()
    assert actor.role == role
    assert user_count(db) == 1
