"""Mobile numbers as people write them become 62812…, on the profile, the
admin's user pages and the API alike; opting in to WhatsApp needs one."""
import re

import pytest

from rbtasks.inputs.phone import InvalidPhone, normalise_phone
from tests.conftest import page_csrf

REFUSED = "Enter an Indonesian mobile number such as 0812 3456 7890 or +62 812 3456 7890."
NEEDS_PHONE = "WhatsApp notices need a mobile number: enter one first."


@pytest.mark.parametrize("typed", [
    "0812-3456-7890", "0812 3456 7890", "+62 812 3456 7890", "+62 812-3456-7890",
    "62812 3456 7890", "6281234567890", "(+62) 0812 3456 7890", "812.3456.7890",
])
def test_the_ways_people_write_a_number_become_one(app, typed):
    with app.test_request_context():
        assert normalise_phone(typed) == "6281234567890"


@pytest.mark.parametrize("typed", [
    "0380 821234",            # a Kupang landline
    "+1 415 555 0100",        # another country
    "0812 345",               # too short
    "0812 3456 7890 1234",    # too long
    "hubungi saya", "", "0812-3456-789O",
])
def test_what_is_not_an_indonesian_mobile_number_is_refused(app, typed):
    with app.test_request_context(), pytest.raises(InvalidPhone):
        normalise_phone(typed)


def _post_profile(client, **data):
    return client.post("/profile", data={"locale": "id", **data,
                                         "csrf_token": page_csrf(client, "/profile")})


def test_the_profile_saves_the_number_normalised_and_the_opt_in(db, login, make_user):
    user = make_user(name="Ignasius Kolo, S.Sos.")
    client = login(user)

    response = _post_profile(client, phone="0852-3900-0301", whatsapp_opt_in="y")

    assert response.status_code == 302
    db.session.refresh(user)
    assert (user.phone, user.whatsapp_opt_in) == ("6285239000301", True)
    page = client.get("/profile").get_data(as_text=True)
    assert 'value="6285239000301"' in page
    assert re.search(r'<input checked id="whatsapp_opt_in" name="whatsapp_opt_in"', page)


def test_the_profile_refuses_a_landline_and_an_opt_in_without_a_number(db, login, make_user):
    user = make_user(phone="6281234567890")
    client = login(user)

    landline = _post_profile(client, phone="(0380) 821234", whatsapp_opt_in="y")
    assert landline.status_code == 422
    assert REFUSED in landline.get_data(as_text=True)

    no_number = _post_profile(client, phone="", whatsapp_opt_in="y")
    assert no_number.status_code == 422
    assert NEEDS_PHONE in no_number.get_data(as_text=True)

    db.session.refresh(user)
    assert (user.phone, user.whatsapp_opt_in) == ("6281234567890", False)


def test_the_admin_pages_normalise_and_check_the_number(db, login, make_user):
    from rbtasks.accounts.models import User

    admin = login(make_user(role="admin"))

    def submit(url, **overrides):
        data = {"name": "Novita Sinlae, S.E.", "email": "novita.sinlae@nttprov.go.id",
                "role": "member", "agency_id": "", "phone": "", "locale": "id", "active": "y",
                "password": "rahasia-panjang", **overrides}
        return admin.post(url, data={**data, "csrf_token": page_csrf(admin, url)})

    refused = submit("/admin/users/new", phone="", whatsapp_opt_in="y")
    assert f'id="whatsapp_opt_in-error">{NEEDS_PHONE}</p>' in refused.get_data(as_text=True)
    assert submit("/admin/users/new", phone="+62 852-3900-0308",
                  whatsapp_opt_in="y").status_code == 302
    user = db.session.scalar(db.select(User).filter_by(email="novita.sinlae@nttprov.go.id"))
    assert (user.phone, user.whatsapp_opt_in) == ("6285239000308", True)

    landline = submit(f"/admin/users/{user.id}/edit", phone="0380 833 010", whatsapp_opt_in="y")
    assert f'id="phone-error">{REFUSED}</p>' in landline.get_data(as_text=True)
    db.session.refresh(user)
    assert user.phone == "6285239000308"


def test_the_api_reads_and_changes_the_number_and_the_opt_in(db, api, make_user):
    admin = api(make_user(role="admin"))
    user = make_user(name="Paulus Leki")

    changed = admin.patch(f"/api/v1/users/{user.id}",
                          json={"phone": "0852 3900 0305", "whatsapp_opt_in": True})
    assert changed.status_code == 200, changed.get_json()
    assert (changed.get_json()["phone"], changed.get_json()["whatsapp_opt_in"]) == (
        "6285239000305", True)
    assert admin.get(f"/api/v1/users/{user.id}").get_json()["whatsapp_opt_in"] is True

    bad = admin.patch(f"/api/v1/users/{user.id}", json={"phone": "+44 20 7946 0958"})
    assert bad.status_code == 422
    assert "Indonesian" in bad.get_json()["error"]["fields"]["phone"]

    # removing the number of someone who opted in is refused: nothing to send to
    cleared = admin.patch(f"/api/v1/users/{user.id}", json={"phone": None})
    assert cleared.status_code == 422
    assert cleared.get_json()["error"]["fields"]["phone"] == NEEDS_PHONE
    both = admin.patch(f"/api/v1/users/{user.id}", json={"phone": None, "whatsapp_opt_in": False})
    assert both.status_code == 200
    db.session.refresh(user)
    assert (user.phone, user.whatsapp_opt_in) == (None, False)


def test_an_opt_in_without_a_number_is_refused_by_the_api(db, api, make_user):
    admin = api(make_user(role="admin"))
    user = make_user()

    response = admin.patch(f"/api/v1/users/{user.id}", json={"whatsapp_opt_in": True})

    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {"whatsapp_opt_in": NEEDS_PHONE}
    db.session.refresh(user)
    assert user.whatsapp_opt_in is False


def test_the_upgrade_rewrites_stored_numbers_as_the_app_would(app):
    """Migration 0011 keeps a frozen copy of the rule; it must agree with the app's."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "migrations/versions/0011_whatsapp_channel.py"
    spec = importlib.util.spec_from_file_location("migration_0011", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with app.test_request_context():
        for stored in ("+62 813-3900-0201", "0852 3900 0301", "6281237000101",
                       "(0380) 821234", "+1 415 555 0100", "nomor kantor"):
            try:
                expected = normalise_phone(stored)
            except InvalidPhone:
                expected = None
            assert migration._normalised(stored) == expected, stored
