"""The evaluator permission: set by admins on the user form and the users API."""
import pytest

from rbtasks.pmprb.permissions import is_evaluator, may_load_instruments
from tests.conftest import page_csrf


def test_is_evaluator_needs_the_flag_and_an_active_account(make_user):
    evaluator = make_user(role="member", is_evaluator=True)
    coordinator = make_user(role="coordinator")
    assert is_evaluator(evaluator) and not is_evaluator(coordinator)
    assert not is_evaluator(None)
    evaluator.active = False
    assert not is_evaluator(evaluator)


def test_only_active_admins_may_load_instruments(make_user):
    admin = make_user(role="admin")
    assert may_load_instruments(admin)
    assert not may_load_instruments(make_user(role="leader", is_evaluator=True))
    admin.active = False
    assert not may_load_instruments(admin)


def test_an_admin_marks_an_evaluator_on_the_user_form(login, make_user, db):
    admin = login(make_user(role="admin", locale="en"))
    inspector = make_user(role="member", name="Drs. Benediktus Ndun, M.Si.")
    url = f"/admin/users/{inspector.id}/edit"
    assert "Evaluator (Inspektorat)" in admin.get(url).get_data(as_text=True)

    response = admin.post(url, data={
        "csrf_token": page_csrf(admin, url), "name": inspector.name, "email": inspector.email,
        "role": "member", "agency_id": str(inspector.agency_id), "phone": "", "locale": "id",
        "active": "y", "is_evaluator": "y", "password": ""})

    assert response.status_code == 302
    db.session.refresh(inspector)
    assert inspector.is_evaluator
    listed = admin.get("/admin/users").get_data(as_text=True)
    row = listed.split("Drs. Benediktus Ndun, M.Si.", 1)[1].split("</tr>", 1)[0]
    assert "PMPRB evaluator" in row


@pytest.fixture
def admin_api(api, make_user):
    return api(make_user(role="admin"))


def test_the_users_api_shows_and_sets_is_evaluator(admin_api, api, make_user, db):
    inspector = make_user(role="member")
    assert admin_api.get(f"/api/v1/users/{inspector.id}").get_json()["is_evaluator"] is False

    changed = admin_api.patch(f"/api/v1/users/{inspector.id}", json={"is_evaluator": True})

    assert changed.status_code == 200 and changed.get_json()["is_evaluator"] is True
    db.session.refresh(inspector)
    assert inspector.is_evaluator
    assert admin_api.patch(f"/api/v1/users/{inspector.id}",
                           json={"is_evaluator": "ya"}).status_code == 422
    created = admin_api.post("/api/v1/users", json={
        "name": "Dr. Maria Bessie, S.Kom., M.T.", "email": "maria.bessie@nttprov.go.id",
        "role": "member", "password": "rahasia-panjang", "is_evaluator": True})
    assert created.status_code == 201 and created.get_json()["is_evaluator"] is True


def test_only_admins_set_it(api, make_user, db):
    coordinator = make_user(role="coordinator")
    response = api(coordinator).patch(f"/api/v1/users/{coordinator.id}",
                                      json={"is_evaluator": True})
    assert response.status_code == 403
    db.session.refresh(coordinator)
    assert not coordinator.is_evaluator
