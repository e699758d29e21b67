"""The OpenAPI document describes what the endpoints really do."""
import io
import re
from types import SimpleNamespace

import pytest
from jsonschema import Draft202012Validator

from rbtasks.inputs.guard import MAX_URL_LENGTH
from tests.pmprb.instrument_files import example as example_instrument

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


@pytest.fixture
def cast(api, db, now, make_user, make_pokja, make_item, make_agency, make_message):
    """An admin's client and ``concrete(path)``: the path with ids of rows that exist."""
    from rbtasks.meetings.models import Decision, Meeting

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
    score = client.post("/api/v1/index-scores", json={"year": 2025, "score": 71.5})
    instrument = client.post("/api/v1/pmprb/instruments",
                             json={**example_instrument(), "name": "Instrumen OpenAPI"})
    failed = make_message(items=[(item, "overdue")], status="failed",
                          recipient_name="Dr. Maria Bessie, S.Kom., M.T.",
                          last_error="550 5.1.1 No such user")
    meeting = Meeting(title="Rapat monev TW IV", held_at=now, place="Kupang", chair="",
                      note_taker="", created_at=now, updated_at=now)
    decision = Decision(meeting=meeting, text="SOP dipetakan ulang.", created_at=now)
    db.session.add_all([meeting, decision])
    db.session.commit()
    assessment = _pmprb_assessment(db, now, admin)
    samples = {**{path: assessment.id for path in (
        "/pmprb/assessments/{id}", "/pmprb/assessments/{id}/answers",
        "/pmprb/assessments/{id}/gaps/{code}/items", "/pmprb/assessments/{id}/worksheet.xlsx",
        "/pmprb/assessments/{id}/submit", "/pmprb/assessments/{id}/answers/{code}/review",
        "/pmprb/assessments/{id}/answers/{code}/return",
        "/pmprb/assessments/{id}/answers/{code}/evidence")},
               "/meetings/{id}": meeting.id, "/meetings/{id}/decisions": meeting.id,
               "/meetings/{id}/evidence": meeting.id,
               "/meetings/{id}/decisions/{decision_id}/items": meeting.id, "/areas/{id}": pokja.area_id,
               "/agencies/{id}": agency.id, "/pokjas/{id}": pokja.id, "/users/{id}": admin.id,
               "/index-scores/{id}": score.get_json()["id"],
               "/notifications/{id}/resend": failed.id,
               "/meetings/{id}/minutes.docx": meeting.id,
               "/pmprb/instruments/{id}": instrument.get_json()["id"]}

    def concrete(path):
        result = path.replace("{item_id}", str(item.id))
        result = result.replace("{evidence_id}", str(evidence.get_json()["id"]))
        result = result.replace("{extension_id}", str(extension.get_json().get("id", 0)))
        result = result.replace("{code}", "A.1.2")
        result = result.replace("{decision_id}", str(decision.id))
        if "{id}" in path:
            result = result.replace("{id}", str(samples[path]))
        return result

    return SimpleNamespace(client=client, admin=admin, item=item, pokja=pokja, agency=agency,
                           failed=failed, concrete=concrete)


def _pmprb_assessment(db, now, admin):
    from rbtasks.pmprb.assessments import create_assessment
    from tests.pmprb.conftest import EXAMPLE, build_instrument

    instrument = build_instrument(db, EXAMPLE, now)
    assessment = create_assessment(admin, {"instrument_id": instrument.id, "year": 2026,
                                           "agency_id": None}, now)
    db.session.commit()
    return assessment


def test_real_responses_match_the_documented_schemas(document, cast):
    client, item, pokja, agency = cast.client, cast.item, cast.pokja, cast.agency
    checked = 0
    for path, spec in document["paths"].items():
        if "get" not in spec:
            continue
        concrete = cast.concrete(path)
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
    for message_id, status in ((cast.failed.id, 200), (cast.failed.id, 409), (987654, 404)):
        resent = client.post(f"/api/v1/notifications/{message_id}/resend")
        assert resent.status_code == status, resent.get_json()
        _check(document, "/notifications/{id}/resend", "post", resent)
    loaded = client.post("/api/v1/pmprb/instruments", json={**example_instrument(), "year": 2027})
    _check(document, "/pmprb/instruments", "post", loaded)
    faulty = client.post("/api/v1/pmprb/instruments", json={"name": "Tanpa komponen"})
    assert faulty.status_code == 422
    _check(document, "/pmprb/instruments", "post", faulty)
    deleted = client.delete(f"/api/v1/items/{item.id}")
    _check(document, "/items/{item_id}", "delete", deleted)


def test_unauthenticated_answers_match_the_error_schema(client, document):
    response = client.get("/api/v1/items")
    assert response.status_code == 401
    _check(document, "/items", "get", response)


# ---- every answer an operation can give is documented ---------------------------

_VERBS = ("get", "post", "put", "patch", "delete")
_JSON = {"Content-Type": "application/json"}


def _operations(document):
    return [(path, verb, spec[verb]) for path, spec in document["paths"].items()
            for verb in _VERBS if verb in spec]


def _takes_json(operation):
    return "application/json" in operation.get("requestBody", {}).get("content", {})


def test_careless_and_hostile_requests_get_documented_answers(app, document, cast):
    """Every operation, sent what a careless or hostile client sends, answers
    with the status the rule gives, and the document lists it with the error
    schema: no token, an over-long address, a NUL in the query, an id beyond
    any database's INTEGER, and for JSON bodies: not JSON, a repeated key,
    nesting 50,000 deep."""
    anonymous = app.test_client()
    wrong = []

    def expect(path, verb, response, status, what):
        if response.status_code != status:
            wrong.append(f"{verb.upper()} {path} ({what}): {response.status_code}, not {status}")
            return
        try:
            _check(document, path, verb, response)
        except AssertionError as error:
            wrong.append(f"{what}: {str(error).splitlines()[0]}")

    for path, verb, operation in _operations(document):
        url, method = "/api/v1" + cast.concrete(path), verb.upper()
        send = cast.client._call
        if operation.get("security") != []:
            expect(path, verb, anonymous.open(url, method=method), 401, "no token")
        expect(path, verb, send(method, f"{url}?q={'a' * MAX_URL_LENGTH}"), 414, "long URL")
        expect(path, verb, send(method, f"{url}?q=%00"), 422, "NUL in the query")
        if "{" in path:
            beyond = "/api/v1" + re.sub(r"{[a-z_]+}", str(2**31), path)
            expect(path, verb, send(method, beyond, json={}), 404, "id beyond INTEGER")
        if _takes_json(operation):
            for what, raw in (("not JSON", "{"), ("repeated key", '{"a": 1, "a": 2}'),
                              ("deep nesting", "[" * 50_000)):
                expect(path, verb, send(method, url, data=raw, headers=_JSON), 400, what)
    assert len(_operations(document)) >= 30
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path, verb", [
    ("/areas", "post"), ("/areas/{id}", "patch"), ("/agencies", "post"),
    ("/agencies/{id}", "patch"), ("/pokjas", "post"), ("/pokjas/{id}", "patch"),
    ("/users", "post"), ("/users/{id}", "patch"),
])
def test_losing_a_race_for_a_unique_name_is_a_documented_409(document, cast, monkeypatch,
                                                              make_area, make_agency, make_pokja,
                                                              make_user, path, verb):
    """Two requests both pass the service's uniqueness check; the database's
    constraint refuses the second, which is told so (409) as documented."""
    from rbtasks.accounts import users
    from rbtasks.organisation import services

    monkeypatch.setattr(services, "_taken", lambda *args: False)
    monkeypatch.setattr(users, "_email_taken", lambda *args: False)
    taken = {"/areas": ("name", make_area().name), "/agencies": ("code", make_agency().code),
             "/pokjas": ("name", make_pokja().name), "/users": ("email", make_user().email)}
    collection = path.removesuffix("/{id}")
    field, value = taken[collection]
    if verb == "post":
        body = {"/areas": {"name": value},
                "/agencies": {"name": "Badan Pendapatan Daerah", "code": value,
                              "head_name": "Dr. Maria Bessie, S.Kom., M.T.",
                              "head_email": "bapenda@nttprov.go.id"},
                "/pokjas": {"name": value},
                "/users": {"name": "Oktavianus Pello, S.H., M.H.", "email": value,
                           "role": "member", "password": "rahasia-panjang-1"}}[collection]
        response = cast.client.post(f"/api/v1{collection}", json=body)
    else:
        response = cast.client.patch(f"/api/v1{cast.concrete(path)}", json={field: value})
    assert response.status_code == 409, response.get_json()
    _check(document, path, verb, response)
