"""The OpenAPI document describes what the endpoints really do."""
import io
import re

import pytest
from jsonschema import Draft202012Validator

_CONVERTER = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")


def _served_operations(app):
    served = {}
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("api."):
            continue
        path = _CONVERTER.sub(r"{\1}", rule.rule).removeprefix("/api/v1")
        methods = {m.lower() for m in rule.methods} - {"head", "options"}
        served.setdefault(path, set()).update(methods)
    return served


def _documented_operations(document):
    verbs = {"get", "post", "put", "patch", "delete"}
    return {path: {verb for verb in spec if verb in verbs} for path, spec in document["paths"].items()}


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def _validator(document, schema):
    return Draft202012Validator({**schema, "components": document["components"]})


def _response_schema(document, path, method, status):
    responses = document["paths"][path][method]["responses"]
    assert str(status) in responses, f"{method.upper()} {path} answered {status}, not documented"
    content = responses[str(status)].get("content")
    if content and "application/json" not in content:
        return {"media_types": set(content)}
    return content["application/json"]["schema"] if content else None


def _check(document, path, method, response):
    schema = _response_schema(document, path, method, response.status_code)
    if schema is None:
        assert not response.get_data(), f"{method} {path} documents no body"
        return
    if "media_types" in schema:
        assert response.mimetype in schema["media_types"], (path, response.mimetype)
        return
    errors = sorted(_validator(document, schema).iter_errors(response.get_json()), key=str)
    assert not errors, f"{method.upper()} {path}: {errors[0].message}"


def test_document_lists_exactly_the_served_routes(app, document):
    assert _documented_operations(document) == _served_operations(app)


def test_document_schemas_are_valid_json_schema(document):
    for name, schema in document["components"]["schemas"].items():
        Draft202012Validator.check_schema({**schema, "components": document["components"]})


def test_every_path_parameter_is_declared(document):
    for path, spec in document["paths"].items():
        names = set(re.findall(r"{([a-z_]+)}", path))
        declared = {p["name"] for p in spec.get("parameters", []) if p["in"] == "path"}
        for verb, operation in spec.items():
            if isinstance(operation, dict) and "parameters" in operation:
                declared |= {p["name"] for p in operation["parameters"] if p["in"] == "path"}
        assert names == declared, path


def test_real_responses_match_the_documented_schemas(app, document, api, make_user, make_pokja,
                                                     make_item, make_agency):
    admin = make_user(role="admin")
    client = api(admin)
    agency = make_agency()
    pokja = make_pokja(coordinators=[admin], members=[admin])
    item = make_item(pokja=pokja, agency=agency, owner=admin)
    client.post(f"/api/v1/items/{item.id}/comments", json={"body": "catatan"})
    evidence = client.post(f"/api/v1/items/{item.id}/evidence", content_type="multipart/form-data",
                           data={"kind": "notulen",
                                 "file": (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "notulen.pdf")})
    assert evidence.status_code == 201, evidence.get_json()
    extension = client.post(f"/api/v1/items/{item.id}/extensions",
                            json={"new_due_date": "2027-03-31", "reason": "menunggu SK"})
    ids = {"item_id": item.id, "id": None}
    area_id = pokja.area_id
    samples = {"/areas/{id}": area_id, "/agencies/{id}": agency.id, "/pokjas/{id}": pokja.id,
               "/users/{id}": admin.id}

    checked = 0
    for path, spec in document["paths"].items():
        if "get" not in spec:
            continue
        concrete = path.replace("{item_id}", str(ids["item_id"]))
        concrete = concrete.replace("{evidence_id}", str(evidence.get_json()["id"]))
        concrete = concrete.replace("{extension_id}", str(extension.get_json().get("id", 0)))
        if "{id}" in path:
            concrete = concrete.replace("{id}", str(samples[path]))
        response = client.get(f"/api/v1{concrete}")
        assert response.status_code == 200, (path, response.get_json())
        _check(document, path, "get", response)
        checked += 1
        if "{" in path:  # the documented 404 for an id nobody has
            missing = client.get(f"/api/v1{re.sub(r'/[0-9]+', '/987654', concrete, count=1)}")
            assert missing.status_code == 404, path
            _check(document, path, "get", missing)
    assert checked >= 10

    created = client.post("/api/v1/items", json={"title": "Baru", "pokja_id": pokja.id,
                                                 "agency_id": agency.id, "due_date": "2027-01-31"})
    _check(document, "/items", "post", created)
    invalid = client.post("/api/v1/items", json={"title": 7})
    _check(document, "/items", "post", invalid)
    patched = client.patch(f"/api/v1/items/{item.id}", json={"version": item.version, "progress": 10})
    _check(document, "/items/{item_id}", "patch", patched)
    stale = client.patch(f"/api/v1/items/{item.id}", json={"version": 1, "progress": 20})
    _check(document, "/items/{item_id}", "patch", stale)
    deleted = client.delete(f"/api/v1/items/{item.id}")
    _check(document, "/items/{item_id}", "delete", deleted)


def test_unauthenticated_answers_match_the_error_schema(client, document):
    response = client.get("/api/v1/items")
    assert response.status_code == 401
    _check(document, "/items", "get", response)
