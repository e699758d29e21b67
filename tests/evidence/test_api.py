"""/api/v1 evidence endpoints: the services' rules answered in JSON, and files served safely."""
import io

import pytest
import sqlalchemy as sa
from jsonschema import Draft202012Validator

from rbtasks.evidence.models import Evidence
from rbtasks.items.constants import STATUS_LABELS
from rbtasks.items.models import ActionItem
from tests.evidence.conftest import ELF, PDF, PNG, config_value, stored_files


def _upload(client, item_id, data=PDF, name="notulen.pdf", **fields):
    form = {"kind": "notulen", **fields, "file": (io.BytesIO(data), name)}
    return client.post(f"/api/v1/items/{item_id}/evidence", data=form,
                       content_type="multipart/form-data")


def _count(db):
    return db.session.scalar(sa.select(sa.func.count(Evidence.id)))


def _set_status(db, item, status):
    db.session.execute(sa.update(ActionItem).where(ActionItem.id == item.id).values(status=status))
    db.session.commit()


def test_upload_list_and_download_a_file(api, cast, evidence_dir):
    client = api(cast["owner"])
    item_id = cast["item"].id
    response = _upload(client, item_id, description="Notulen rapat 12 Nov")
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["download_url"] == f"/api/v1/evidence/{body['id']}/download"
    assert response.headers["Location"].endswith(body["download_url"])
    assert (body["kind"], body["file_name"], body["content_type"], body["size_bytes"], body["url"]) == (
        "notulen", "notulen.pdf", "application/pdf", len(PDF), None)
    assert body["added_by_id"] == cast["owner"].id and body["item_id"] == item_id

    listed = client.get(f"/api/v1/items/{item_id}/evidence")
    assert listed.status_code == 200 and listed.get_json() == [body]

    download = api(cast["pokja_member"]).get(body["download_url"])
    assert download.status_code == 200 and download.get_data() == PDF
    assert download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"] == "attachment; filename=notulen.pdf"
    assert download.headers["X-Content-Type-Options"] == "nosniff"


def test_a_link_is_added_from_json(api, cast):
    client = api(cast["coordinator"])
    response = client.post(f"/api/v1/items/{cast['item'].id}/evidence", json={
        "kind": "sk", "description": "SK Tim RB", "url": "https://jdih.nttprov.go.id/sk.pdf"})
    assert response.status_code == 201
    body = response.get_json()
    assert (body["url"], body["file_name"], body["download_url"], body["size_bytes"]) == (
        "https://jdih.nttprov.go.id/sk.pdf", None, None, None)
    assert "Location" not in response.headers
    assert client.get(f"/api/v1/evidence/{body['id']}/download").status_code == 404


@pytest.mark.parametrize("body, field", [
    ({"kind": "tautan", "url": "javascript:alert(document.cookie)"}, "url"),
    ({"kind": "tautan", "url": "ftp://files.go.id/x"}, "url"),
    ({"kind": "poster", "url": "https://a.go.id"}, "kind"),
    ({"kind": "tautan", "url": "https://a.go.id", "colour": "red"}, "colour"),
    ({"kind": "tautan", "url": 7}, "url"),
    ({"kind": "tautan"}, "url"),
    ({"kind": "tautan", "url": "https://a.go.id/" + "a" * 2000}, "url"),
])
def test_bad_links_are_422_on_the_field(api, cast, db, body, field):
    response = api(cast["owner"]).post(f"/api/v1/items/{cast['item'].id}/evidence", json=body)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"]
    assert _count(db) == 0


def test_a_disguised_executable_is_422_with_a_clear_message(api, cast, db, evidence_dir):
    response = _upload(api(cast["owner"]), cast["item"].id, data=ELF, name="laporan.pdf")
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert "ELF" in error["message"] and "not accepted" in error["message"]
    assert "file" in error["fields"]
    assert _count(db) == 0 and stored_files(evidence_dir) == []


def test_multipart_mistakes_are_422(api, cast, db):
    client = api(cast["owner"])
    url = f"/api/v1/items/{cast['item'].id}/evidence"
    no_file = client.post(url, data={"kind": "foto"}, content_type="multipart/form-data")
    assert no_file.status_code == 422 and "file" in no_file.get_json()["error"]["fields"]
    bad_kind = _upload(client, cast["item"].id, kind="poster")
    assert bad_kind.status_code == 422 and "kind" in bad_kind.get_json()["error"]["fields"]
    extra = _upload(client, cast["item"].id, url="https://a.go.id")
    assert extra.status_code == 422 and "url" in extra.get_json()["error"]["fields"]
    two = client.post(url, data={"kind": "foto", "file": [(io.BytesIO(PNG), "a.png"), (io.BytesIO(PNG), "b.png")]},
                      content_type="multipart/form-data")
    assert two.status_code == 422
    assert _count(db) == 0


def test_oversized_uploads_get_422_with_the_limit_and_huge_bodies_a_json_413(app, api, cast, db):
    client = api(cast["owner"])
    with config_value(app, "RBTASKS_MAX_UPLOAD_BYTES", 1024 * 1024):
        response = _upload(client, cast["item"].id, data=PDF + b"\0" * (1024 * 1024))
    assert response.status_code == 422
    assert "1 MB" in response.get_json()["error"]["message"]

    with config_value(app, "MAX_CONTENT_LENGTH", 4096):
        response = _upload(client, cast["item"].id, data=PDF + b"\0" * 8192)
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"
    assert _count(db) == 0


def test_who_may_add(api, cast, db):
    item_id = cast["item"].id
    assert _upload(api(cast["outsider"]), item_id).status_code == 404
    refused = _upload(api(cast["pokja_member"]), item_id)
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "forbidden"
    assert _upload(api(cast["admin"]), item_id).status_code == 201
    assert _count(db) == 1


def test_adding_to_a_cancelled_item_is_409(api, cast, db):
    _set_status(db, cast["item"], "cancelled")
    response = _upload(api(cast["owner"]), cast["item"].id)
    assert response.status_code == 409 and _count(db) == 0


def test_only_those_who_see_the_item_may_list_or_download(api, cast):
    evidence = _upload(api(cast["owner"]), cast["item"].id).get_json()
    outsider = api(cast["outsider"])
    assert outsider.get(f"/api/v1/items/{cast['item'].id}/evidence").status_code == 404
    assert outsider.get(evidence["download_url"]).status_code == 404
    assert outsider.get("/api/v1/evidence/987654/download").status_code == 404


def test_removal_rules(api, cast, db, evidence_dir):
    evidence = _upload(api(cast["owner"]), cast["item"].id).get_json()
    url = f"/api/v1/evidence/{evidence['id']}"
    assert api(cast["outsider"]).delete(url).status_code == 404
    assert api(cast["pokja_member"]).delete(url).status_code == 403

    _set_status(db, cast["item"], "done")
    refused = api(cast["owner"]).delete(url)
    assert refused.status_code == 409
    assert str(STATUS_LABELS["done"]) in refused.get_json()["error"]["message"]
    assert _count(db) == 1 and len(stored_files(evidence_dir)) == 1

    _set_status(db, cast["item"], "in_progress")
    removed = api(cast["owner"]).delete(url)
    assert removed.status_code == 204 and not removed.get_data()
    assert _count(db) == 0 and stored_files(evidence_dir) == []
    assert api(cast["owner"]).delete(url).status_code == 404


def test_a_non_ascii_name_is_offered_per_rfc_5987(api, cast):
    body = _upload(api(cast["owner"]), cast["item"].id, name="Daftar hadir – Kupang.pdf").get_json()
    download = api(cast["owner"]).get(body["download_url"])
    disposition = download.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''Daftar%20hadir%20%E2%80%93%20Kupang.pdf" in disposition


def test_responses_match_the_openapi_document(api, cast, client):
    document = client.get("/api/v1/openapi.json").get_json()
    paths = document["paths"]

    def check(path, method, response):
        entry = paths[path][method]["responses"][str(response.status_code)]
        schema = entry["content"]["application/json"]["schema"]
        validator = Draft202012Validator({**schema, "components": document["components"]})
        errors = list(validator.iter_errors(response.get_json()))
        assert not errors, (path, method, errors[0].message)

    api_client = api(cast["owner"])
    item_path = "/items/{item_id}/evidence"
    check(item_path, "post", _upload(api_client, cast["item"].id))
    check(item_path, "post", api_client.post(f"/api/v1/items/{cast['item'].id}/evidence",
                                             json={"kind": "tautan", "url": "https://a.go.id"}))
    check(item_path, "post", _upload(api_client, cast["item"].id, data=ELF))
    check(item_path, "get", api_client.get(f"/api/v1/items/{cast['item'].id}/evidence"))
    check(item_path, "get", api_client.get("/api/v1/items/987654/evidence"))
    upload = paths[item_path]["post"]["requestBody"]["content"]
    assert set(upload) == {"application/json", "multipart/form-data"}
    assert upload["multipart/form-data"]["schema"]["properties"]["file"]["format"] == "binary"
    assert "application/pdf" in paths["/evidence/{evidence_id}/download"]["get"]["responses"]["200"]["content"]
