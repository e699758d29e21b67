"""Issue 9: a JSON body is read one way only. Nesting 50,000 levels deep, a
repeated key (which value did the client mean?) or text that is not JSON is a
400 in the error envelope, never a RecursionError; nothing is saved."""
import pytest
import sqlalchemy as sa

from rbtasks.items.models import ActionItem
from rbtasks.organisation.models import Area


@pytest.fixture
def admin_api(api, make_user):
    return api(make_user(role="admin", agency=None))


def count(db, model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def post_raw(client, url, raw, method="POST"):
    return client._call(method, url, data=raw, headers={"Content-Type": "application/json"})


def refused_as_bad_request(response, words):
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    error = response.get_json()["error"]
    assert error["code"] == "bad_request"
    assert words in error["message"]


@pytest.mark.parametrize("raw", ["[" * 50_000 + "]" * 50_000, '{"a":' * 50_000 + "1" + "}" * 50_000,
                                 "[" * 50_000])
def test_a_body_nested_50000_levels_deep_is_a_400(db, admin_api, raw):
    refused_as_bad_request(post_raw(admin_api, "/api/v1/areas", raw), "")
    assert count(db, Area) == 0


def test_a_body_deeper_than_any_endpoint_needs_is_a_400(admin_api):
    raw = '{"name": "Area Dua", "x": ' + "[" * 25 + "]" * 25 + "}"
    refused_as_bad_request(post_raw(admin_api, "/api/v1/areas", raw), "nested too deeply")


@pytest.mark.parametrize("raw", [
    '{"name": "Area Satu", "name": "Area Dua"}',
    '{"name": "Area Dua", "position": 1, "position": 2}',
])
def test_a_repeated_key_is_a_400_and_saves_nothing(db, admin_api, raw):
    refused_as_bad_request(post_raw(admin_api, "/api/v1/areas", raw), "repeats a key")
    assert count(db, Area) == 0


def test_a_repeated_key_deep_inside_is_a_400(db, admin_api, make_item):
    item = make_item()
    raw = ('{"version": %d, "progress_from_quarters": false, "quarters": '
           '[{"quarter": 1, "target": "10", "target": "99"}]}' % item.version)
    response = post_raw(admin_api, f"/api/v1/items/{item.id}/quarters", raw, method="PUT")
    refused_as_bad_request(response, "repeats a key")


def test_an_edit_with_a_repeated_key_changes_nothing(db, admin_api, make_item):
    item = make_item(title="Penyusunan SOP")
    raw = '{"version": %d, "title": "A", "title": "B"}' % item.version
    refused_as_bad_request(post_raw(admin_api, f"/api/v1/items/{item.id}", raw, "PATCH"),
                           "repeats a key")
    db.session.expire_all()
    assert db.session.scalar(sa.select(ActionItem.title)) == "Penyusunan SOP"


@pytest.mark.parametrize("raw", [b"", b"{", b'{"name": "Area"', b"\xff\xfe\x00", b"NaN x",
                                 b'{"name": "Area", "position": NaN}', b'{"name": Infinity}',
                                 b'{"position": ' + b"9" * 5000 + b"}"])
def test_text_that_is_not_json_is_a_400(admin_api, raw):
    refused_as_bad_request(post_raw(admin_api, "/api/v1/areas", raw), "")


def test_a_json_body_that_is_not_an_object_is_a_400(admin_api):
    refused_as_bad_request(post_raw(admin_api, "/api/v1/areas", "[1, 2]"), "JSON object")


def test_an_ordinary_body_still_works(db, admin_api):
    response = post_raw(admin_api, "/api/v1/areas", '{"name": "Penataan Tatalaksana"}')
    assert response.status_code == 201
    assert count(db, Area) == 1
