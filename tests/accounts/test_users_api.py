"""JSON API for user accounts: /api/v1/users."""
import pytest
import sqlalchemy as sa

from rbtasks.accounts.models import User
from rbtasks.accounts.services import authenticate

USER_FIELDS = {"id", "name", "email", "role", "agency_id", "phone", "whatsapp_opt_in", "locale",
               "active", "is_evaluator"}


@pytest.fixture
def admin_api(api, make_user):
    return api(make_user(role="admin", agency=None, name="Admin"))


def user_count(db):
    return db.session.scalar(sa.select(sa.func.count()).select_from(User))


def errors_of(response):
    return response.get_json()["error"]["fields"]


def new_user(**overrides):
    return {"name": "Yakobus Nenu", "email": "Yakobus.Nenu@NTTprov.go.id", "role": "member",
            "password": "rahasia-panjang", **overrides}


def test_admin_creates_a_user_and_the_password_is_never_returned(db, admin_api, make_agency):
    agency = make_agency()
    response = admin_api.post("/api/v1/users", json=new_user(agency_id=agency.id,
                                                             phone="+62 813 0000 1111"))
    assert response.status_code == 201
    body = response.get_json()
    assert body == {"id": body["id"], "name": "Yakobus Nenu", "email": "yakobus.nenu@nttprov.go.id",
                    "role": "member", "agency_id": agency.id, "phone": "6281300001111",
                    "whatsapp_opt_in": False, "locale": "id", "active": True,
                    "is_evaluator": False}
    assert "rahasia-panjang" not in response.get_data(as_text=True)
    assert response.headers["Location"].endswith(f"/api/v1/users/{body['id']}")
    assert admin_api.get(response.headers["Location"]).get_json() == body
    assert authenticate("yakobus.nenu@nttprov.go.id", "rahasia-panjang").id == body["id"]


@pytest.mark.parametrize("overrides, field", [
    ({"email": "YAKOBUS.nenu@nttprov.go.id"}, "email"),
    ({"email": "bukan email"}, "email"),
    ({"password": "pendek"}, "password"),
    ({"password": None}, "password"),
    ({"role": "boss"}, "role"),
    ({"locale": "fr"}, "locale"),
    ({"agency_id": 987654}, "agency_id"),
    ({"agency_id": "1"}, "agency_id"),
    ({"active": "true"}, "active"),
    ({"name": "n" * 201}, "name"),
    ({"password_hash": "x"}, "password_hash"),
])
def test_invalid_users_are_refused_on_the_field(db, admin_api, overrides, field):
    assert admin_api.post("/api/v1/users", json=new_user()).status_code == 201
    response = admin_api.post("/api/v1/users",
                              json=new_user(**{"email": "lain@ntt.go.id", **overrides}))
    assert response.status_code == 422
    assert field in errors_of(response)
    assert user_count(db) == 2


def test_a_missing_password_is_refused(db, admin_api):
    body = new_user()
    del body["password"]
    response = admin_api.post("/api/v1/users", json=body)
    assert response.status_code == 422
    assert "password" in errors_of(response)
    assert user_count(db) == 1


def test_malformed_json_is_400(db, admin_api):
    response = admin_api.post("/api/v1/users", data='{"name": ',
                              headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert user_count(db) == 1


def test_admin_changes_some_fields_of_a_user(db, admin_api, make_user):
    user = make_user(role="member", phone="0812345678")
    response = admin_api.patch(f"/api/v1/users/{user.id}", json={"role": "agency_head",
                                                                 "locale": "en"})
    assert response.status_code == 200
    body = response.get_json()
    assert (body["role"], body["locale"], body["phone"]) == ("agency_head", "en", "0812345678")
    assert body.keys() == USER_FIELDS


def test_the_password_cannot_be_changed_through_patch(db, admin_api, make_user):
    user = make_user()
    response = admin_api.patch(f"/api/v1/users/{user.id}", json={"password": "baru-sekali-1"})
    assert response.status_code == 422
    assert "password" in errors_of(response)
    assert authenticate(user.email, "rahasia-123") is not None


def test_a_deactivated_users_token_stops_working(db, admin_api, api, make_user):
    user = make_user()
    their_api = api(user)
    assert their_api.get("/api/v1/areas").status_code == 200

    response = admin_api.patch(f"/api/v1/users/{user.id}", json={"active": False})
    assert response.get_json()["active"] is False
    assert their_api.get("/api/v1/areas").status_code == 401
    assert user_count(db) == 2


def test_users_are_listed_with_filters(api, make_user, make_agency):
    bkd = make_agency(code="BKD")
    reader = make_user(role="member", name="Zakarias", agency=None)
    make_user(role="coordinator", name="Ana Koor", email="ana@bkd.go.id", agency=bkd)
    make_user(role="member", name="Beni", email="beni@bkd.go.id", agency=bkd)
    client = api(reader)

    def names(query):
        response = client.get(f"/api/v1/users?{query}")
        assert response.status_code == 200, response.get_json()
        return [user["name"] for user in response.get_json()["data"]]

    assert names("role=coordinator") == ["Ana Koor"]
    assert names(f"agency_id={bkd.id}") == ["Ana Koor", "Beni"]
    assert names("q=BENI@") == ["Beni"]
    assert names("per_page=1&page=3") == ["Zakarias"]
    body = client.get("/api/v1/users?per_page=1").get_json()
    assert body["meta"] == {"page": 1, "per_page": 1, "total": 3, "pages": 3}
    assert body["data"][0].keys() == USER_FIELDS


@pytest.mark.parametrize("query, field", [("role=boss", "role"), ("agency_id=abc", "agency_id"),
                                          ("per_page=500", "per_page"), ("q=" + "x" * 300, "q")])
def test_bad_list_filters_are_422(api, make_user, query, field):
    response = api(make_user()).get(f"/api/v1/users?{query}")
    assert response.status_code == 422
    assert field in errors_of(response)


def test_an_unknown_user_is_404(admin_api):
    assert admin_api.get("/api/v1/users/987654").status_code == 404
    assert admin_api.patch("/api/v1/users/987654", json={"name": "X"}).status_code == 404


@pytest.mark.parametrize("role", ["leader", "coordinator", "agency_head", "member"])
def test_non_admins_cannot_create_or_change_users(db, api, make_user, role):
    actor = make_user(role=role)
    client = api(actor)
    assert client.post("/api/v1/users", json=new_user()).status_code == 403
    response = client.patch(f"/api/v1/users/{actor.id}", json={"role": "admin"})
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"
    db.session.expire_all()
    assert actor.role == role
    assert user_count(db) == 1
