"""Issue 9: an id beyond what the database can store is "not found" (a path)
or "not valid" (a JSON field or a query argument) — never a 500.

PostgreSQL and MariaDB store ids in 32 bits (2**31 overflows), SQLite in 64
(2**63 overflows); each test runs on all three.
"""
import re

import pytest
import sqlalchemy as sa

from rbtasks.inputs.ids import whole_number
from rbtasks.items.models import ActionItem
from rbtasks.organisation.models import Pokja
from rbtasks.inputs.guard import MAX_URL_LENGTH
from tests.conftest import page_csrf

TOO_BIG = ["2147483648", str(2**63), str(10**30), "9" * 5000]  # path segments
_CONVERTER = re.compile(r"<int:(\w+)>")


def _id_routes(app, api):
    """(method, rule) for every route with an ``<int:…>`` segment."""
    routes = []
    for rule in app.url_map.iter_rules():
        if "<int:" not in rule.rule or rule.endpoint.startswith("api.") != api:
            continue
        routes.extend((method, rule.rule) for method in sorted(rule.methods - {"HEAD", "OPTIONS"}))
    return routes


@pytest.fixture
def admin(make_user):
    return make_user(role="admin", agency=None)


def test_every_api_route_with_an_id_answers_404_for_an_id_no_database_holds(app, api, admin):
    client = api(admin)
    wrong = []
    for method, rule in _id_routes(app, api=True):
        for number in TOO_BIG:
            url = _CONVERTER.sub(number, rule)
            response = client._call(method, url, json={} if method != "GET" else None)
            if len(url) > MAX_URL_LENGTH:
                if response.status_code != 414:
                    wrong.append(f"{method} {rule} with {number[:12]}: {response.status_code}")
                continue
            if response.status_code != 404 or response.get_json()["error"]["code"] != "not_found":
                wrong.append(f"{method} {rule} with {number[:12]}: {response.status_code}")
    assert len(_id_routes(app, api=True)) >= 20
    assert not wrong, "\n".join(wrong)


def test_every_page_with_an_id_answers_404_for_an_id_no_database_holds(app, login, admin):
    client = login(admin)
    token = page_csrf(client, "/profile")
    wrong = []
    for method, rule in _id_routes(app, api=False):
        for number in TOO_BIG:
            url = _CONVERTER.sub(number, rule)
            response = client.open(url, method=method,
                                   data={"csrf_token": token} if method == "POST" else None)
            # Two 5,000-digit ids make an address longer than any the app reads.
            expected = 414 if len(url) > MAX_URL_LENGTH else 404
            if response.status_code != expected or response.mimetype != "text/html":
                wrong.append(f"{method} {rule} with {number[:12]}: {response.status_code}")
    assert len(_id_routes(app, api=False)) >= 15
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("field", ["pokja_id", "agency_id", "owner_id"])
@pytest.mark.parametrize("number", [2**31, 2**63])
def test_an_item_pointing_at_an_impossible_id_is_refused_per_field(db, api, admin, make_pokja,
                                                                   make_agency, field, number):
    pokja = make_pokja(coordinators=[admin])
    body = {"title": "Penyusunan SOP pelayanan", "pokja_id": pokja.id,
            "agency_id": make_agency().id, "due_date": "2027-03-31", field: number}
    response = api(admin).post("/api/v1/items", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 0


def test_an_edit_pointing_at_an_impossible_owner_is_refused(db, api, admin, make_item):
    item = make_item()
    response = api(admin).patch(f"/api/v1/items/{item.id}",
                                json={"version": item.version, "owner_id": 2**63})
    assert response.status_code == 422
    assert "owner_id" in response.get_json()["error"]["fields"]
    db.session.expire_all()
    assert item.owner_id is None


@pytest.mark.parametrize("url, body, field", [
    ("/api/v1/pokjas", {"name": "Pokja Akuntabilitas", "coordinator_ids": [2**31]},
     "coordinator_ids.0"),
    ("/api/v1/pokjas", {"name": "Pokja Akuntabilitas", "area_id": 2**63}, "area_id"),
    ("/api/v1/agencies", {"name": "Badan Pendapatan Daerah", "code": "BAPENDA",
                          "head_name": "Dr. Maria Bessie, S.Kom., M.T.",
                          "head_email": "bapenda@nttprov.go.id", "parent_id": 2**31}, "parent_id"),
    ("/api/v1/users", {"name": "Oktavianus Pello, S.H., M.H.", "email": "okta@nttprov.go.id",
                       "role": "member", "password": "rahasia-panjang-1", "agency_id": 2**63},
     "agency_id"),
])
def test_reference_data_pointing_at_an_impossible_id_is_refused(db, api, admin, url, body, field):
    response = api(admin).post(url, json=body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert db.session.scalar(sa.select(sa.func.count(Pokja.id))) == 0


@pytest.mark.parametrize("url, field", [
    ("/api/v1/items?pokja_id={n}", "pokja_id"),
    ("/api/v1/items?pokja_id=1&pokja_id={n}", "pokja_id"),
    ("/api/v1/items?agency_id={n}", "agency_id"),
    ("/api/v1/items?owner_id={n}", "owner_id"),
    ("/api/v1/items?page={n}", "page"),
    ("/api/v1/users?agency_id={n}", "agency_id"),
    ("/api/v1/summary?pokja_id={n}", "pokja_id"),
    ("/api/v1/summary?agency_id={n}", "agency_id"),
    ("/api/v1/areas?page={n}", "page"),
])
@pytest.mark.parametrize("number", [2**31, 99999999999, 2**63, "9" * 5000, "²"])
def test_an_impossible_id_in_a_query_is_refused_per_argument(api, admin, url, field, number):
    response = api(admin).get(url.format(n=number))
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("url", [
    "/items?pokja_id={n}", "/items?owner_id={n}", "/dashboard?agency_id={n}",
    "/dashboard?pokja_id={n}", "/admin/users?agency_id={n}", "/items/new?pokja_id={n}",
    "/admin/notifications?item_id={n}", "/admin/agencies?page={n}",
])
@pytest.mark.parametrize("number", [2**31, 2**63, "²"])
def test_an_impossible_id_in_a_page_query_is_not_a_server_error(login, admin, make_pokja, url,
                                                                number):
    make_pokja(coordinators=[admin])
    response = login(admin).get(url.format(n=number))
    assert response.status_code in (200, 422)
    assert response.mimetype == "text/html"


@pytest.mark.parametrize("number", [2**31, 2**63])
def test_a_new_item_form_naming_an_impossible_pokja_shows_the_form_again(db, login, make_user,
                                                                         make_pokja, number):
    coordinator = make_user(role="coordinator")
    make_pokja(coordinators=[coordinator])
    client = login(coordinator)
    assert client.get(f"/items/new?pokja_id={number}").status_code == 200
    response = client.post("/items/new", data={
        "csrf_token": page_csrf(client, "/items/new"), "title": "Penyusunan SOP",
        "pokja_id": str(number), "agency_id": str(coordinator.agency_id),
        "due_date": "2027-03-31", "progress": "0", "priority": "normal"})
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 0


@pytest.mark.parametrize("raw", ["2147483648", "-1", "0", "9" * 5000, "²", "1.0", "", "abc"])
def test_whole_number_refuses_what_is_not_an_id(app, raw):
    with app.test_request_context(), pytest.raises(ValueError):
        whole_number(raw)


def test_whole_number_reads_an_id(app):
    with app.test_request_context():
        assert whole_number(" 2147483647 ") == 2147483647
