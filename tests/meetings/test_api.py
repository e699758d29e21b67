"""/api/v1/meetings: record, read, patch, decisions with their items, evidence."""
import io

import pytest
import sqlalchemy as sa

from rbtasks.items.models import ActionItem
from rbtasks.meetings.models import Decision, Meeting
from tests.meetings.conftest import PDF, finish

URL = "/api/v1/meetings"


def _body(**changes):
    return {"title": "Rapat Monev Triwulan IV Tim RB Provinsi NTT",
            "held_at": "2026-12-07T09:00:00+08:00",
            "place": "Ruang Rapat Asisten III, Kantor Gubernur NTT",
            "chair": "Drs. Benediktus Ndun, M.Si.",
            "note_taker": "Oktavianus Pello, S.H., M.H.",
            "attendees": [{"name": "Dr. Maria Bessie, S.Kom., M.T.",
                           "agency": "Ombudsman RI Perwakilan NTT"}],
            "agenda": [{"topic": "Capaian Triwulan III", "discussion": "Capaian 62,5%."}],
            **changes}


def _item(team, title, due="2026-12-31"):
    return {"title": title, "pokja_id": team["tatalaksana"].id, "agency_id": team["biro"].id,
            "owner_id": team["owner_biro"].id, "due_date": due}


@pytest.fixture
def coord_api(api, team):
    return api(team["coord"])


def test_a_meeting_through_the_api_and_its_follow_up(db, api, team, coord_api, now):
    created = coord_api.post(URL, json=_body(attendees=[
        {"user_id": team["owner_biro"].id},
        {"name": "Dr. Maria Bessie, S.Kom., M.T.", "agency": "Ombudsman RI Perwakilan NTT"}]))
    assert created.status_code == 201, created.get_json()
    meeting = created.get_json()
    assert created.headers["Location"].endswith(f"{URL}/{meeting['id']}")
    assert meeting["held_at"] == "2026-12-07T09:00:00+08:00"
    assert meeting["follow_up_rate"] is None and meeting["follow_up_grade"] is None
    assert meeting["attendees"] == [
        {"user_id": team["owner_biro"].id, "name": "Oktavianus Pello, S.H., M.H.",
         "agency": "Biro Organisasi Setda Provinsi NTT"},
        {"user_id": None, "name": "Dr. Maria Bessie, S.Kom., M.T.",
         "agency": "Ombudsman RI Perwakilan NTT"}]

    decision_url = f"{URL}/{meeting['id']}/decisions"
    for text, titles in (("SOP dipetakan ulang.", ["Pemetaan SOP", "Reviu SOP"]),
                         ("Peta proses bisnis.", ["Peta proses bisnis"]),
                         ("Survei IKM.", ["Survei IKM"])):
        response = coord_api.post(decision_url, json={
            "text": text, "items": [_item(team, title) for title in titles]})
        assert response.status_code == 201, response.get_json()
        body = response.get_json()
        assert body["text"] == text and len(body["item_ids"]) == len(titles)

    reader = api(team["owner_insp"])
    read = reader.get(f"{URL}/{meeting['id']}").get_json()
    assert [len(d["item_ids"]) for d in read["decisions"]] == [2, 1, 1]
    assert read["follow_up_rate"] == 0 and read["follow_up_grade"] == "none"
    assert read["decisions"][1]["items"][0]["status"] == "not_started"

    item = db.session.get(ActionItem, read["decisions"][1]["item_ids"][0])
    finish(item, team["owner_biro"], team["coord"], now)
    db.session.commit()
    read = reader.get(f"{URL}/{meeting['id']}").get_json()
    assert read["follow_up_rate"] == 0.3333 and read["follow_up_grade"] == "some"
    assert read["decisions"][1]["items"] == [{"id": item.id, "status": "done"}]
    assert read["decisions"][1]["done"] is True

    listed = reader.get(URL).get_json()
    assert listed["meta"]["total"] == 1
    assert listed["data"][0]["follow_up_rate"] == 0.3333
    assert listed["data"][0]["decision_count"] == 3


def test_patch_changes_only_what_is_sent(db, team, coord_api):
    meeting_id = coord_api.post(URL, json=_body()).get_json()["id"]
    response = coord_api.patch(f"{URL}/{meeting_id}", json={
        "held_at": "2026-12-08T01:30:00Z", "agenda": []})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["held_at"] == "2026-12-08T09:30:00+08:00"
    assert body["agenda"] == [] and body["title"] == _body()["title"]
    assert len(body["attendees"]) == 1


@pytest.mark.parametrize("changes, field", [
    ({"held_at": "2026-12-07T09:00:00"}, "held_at"),
    ({"held_at": "7 Desember 2026"}, "held_at"),
    ({"held_at": 1765069200}, "held_at"),
    ({"title": ""}, "title"),
    ({"title": "x" * 301}, "title"),
    ({"chair": "Drs. Ndun\u2028"}, "chair"),
    ({"attendees": [{"user_id": 2_147_483_648}]}, "attendees.0.user_id"),
    ({"attendees": [{"user_id": "5"}]}, "attendees.0.user_id"),
    ({"attendees": [{"name": "Tamu"}] * 501}, "attendees"),
    ({"agenda": [{"topic": "Topik", "extra": 1}]}, "agenda.0.extra"),
    ({"unknown": 1}, "unknown"),
])
def test_bad_meetings_are_refused_with_422(db, coord_api, changes, field):
    response = coord_api.post(URL, json=_body(**changes))
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"]
    assert db.session.scalar(sa.select(sa.func.count(Meeting.id))) == 0


def test_naive_time_is_refused_with_a_message_that_says_why(coord_api):
    response = coord_api.post(URL, json=_body(held_at="2026-12-07T09:00:00"))
    assert "offset" in response.get_json()["error"]["fields"]["held_at"]


def test_hostile_bodies(coord_api, db):
    nul = coord_api.post(URL, data='{"title": "Rapat\\u0000", "held_at": "2026-12-07T09:00+08:00"}',
                         headers={"Content-Type": "application/json"})
    assert nul.status_code == 422
    repeated = coord_api.post(URL, data='{"title": "a", "title": "b"}',
                              headers={"Content-Type": "application/json"})
    assert repeated.status_code in (400, 422)
    assert coord_api.get(f"{URL}/2147483648").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(Meeting.id))) == 0


def test_a_refused_item_creates_no_decision(db, team, coord_api):
    meeting_id = coord_api.post(URL, json=_body()).get_json()["id"]
    response = coord_api.post(f"{URL}/{meeting_id}/decisions", json={
        "text": "Kesepakatan", "items": [_item(team, "Langkah"),
                                         _item(team, "Langkah", due="2101-01-01"),
                                         {**_item(team, "Langkah"), "pokja_id": 2_147_483_647}]})
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"items.1.due_date",
                                                           "items.2.pokja_id"}
    assert db.session.scalar(sa.select(sa.func.count(Decision.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 0

    wrong_type = coord_api.post(f"{URL}/{meeting_id}/decisions", json={
        "text": "Kesepakatan", "items": [{**_item(team, "Langkah"), "due_date": "31/12/2026"}]})
    assert wrong_type.status_code == 422
    assert "items.0.due_date" in wrong_type.get_json()["error"]["fields"]


def test_more_items_for_a_decision_already_recorded(db, team, coord_api, api):
    """A decision recorded without items (the pokja was not yet known) gets them
    later; the answer lists all the decision's items, and the follow-up counts them."""
    meeting_id = coord_api.post(URL, json=_body()).get_json()["id"]
    decision = coord_api.post(f"{URL}/{meeting_id}/decisions",
                              json={"text": "Reviu SOP seluruh OPD.", "items": []}).get_json()
    url = f"{URL}/{meeting_id}/decisions/{decision['id']}/items"

    added = coord_api.post(url, json={"items": [_item(team, "Reviu SOP Biro Organisasi")]})
    assert added.status_code == 201, added.get_json()
    more = coord_api.post(url, json={"items": [_item(team, "Reviu SOP Inspektorat", "2027-01-29"),
                                               _item(team, "Reviu SOP BKD", "2027-02-26")]})
    assert more.status_code == 201
    body = more.get_json()
    assert (body["id"], body["text"]) == (decision["id"], "Reviu SOP seluruh OPD.")
    assert body["item_ids"][:1] == added.get_json()["item_ids"] and len(body["item_ids"]) == 3
    titles = db.session.scalars(sa.select(ActionItem.title).where(
        ActionItem.id.in_(body["item_ids"])).order_by(ActionItem.id)).all()
    assert titles == ["Reviu SOP Biro Organisasi", "Reviu SOP Inspektorat", "Reviu SOP BKD"]
    read = coord_api.get(f"{URL}/{meeting_id}").get_json()
    assert read["decisions"][0]["item_ids"] == body["item_ids"]

    # One bad row: nothing is added, every fault named by its row.
    before = db.session.scalar(sa.select(sa.func.count(ActionItem.id)))
    bad = coord_api.post(url, json={"items": [_item(team, "Langkah"),
                                              {**_item(team, "Langkah"), "owner_id": 2**63}]})
    assert bad.status_code == 422 and "items.1.owner_id" in bad.get_json()["error"]["fields"]
    assert coord_api.post(url, json={"items": []}).status_code == 422
    assert coord_api.post(url, json={}).status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == before

    # Only recorders; another meeting's decision or an unknown one is 404.
    assert api(team["owner_biro"]).post(
        url, json={"items": [_item(team, "Langkah")]}).status_code == 403
    other = coord_api.post(URL, json=_body()).get_json()["id"]
    assert coord_api.post(f"{URL}/{other}/decisions/{decision['id']}/items",
                          json={"items": [_item(team, "Langkah")]}).status_code == 404
    assert coord_api.post(f"{URL}/{meeting_id}/decisions/{2**40}/items",
                          json={"items": [_item(team, "Langkah")]}).status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == before


def test_meeting_evidence(db, team, coord_api, api):
    meeting_id = coord_api.post(URL, json=_body()).get_json()["id"]
    link = coord_api.post(f"{URL}/{meeting_id}/evidence", json={
        "kind": "foto", "description": "Foto rapat", "url": "https://ntt.go.id/rb/foto"})
    assert link.status_code == 201, link.get_json()
    upload = coord_api.client.post(f"{URL}/{meeting_id}/evidence", headers=coord_api.headers,
                                   data={"kind": "notulen", "description": "Notulen",
                                         "file": (io.BytesIO(PDF), "notulen.pdf")})
    assert upload.status_code == 201, upload.get_json()

    member = api(team["owner_biro"])
    listed = member.get(f"{URL}/{meeting_id}/evidence").get_json()
    assert [(e["kind"], e["meeting_id"]) for e in listed] == [("foto", meeting_id),
                                                              ("notulen", meeting_id)]
    download = member.get(listed[1]["download_url"])
    assert download.status_code == 200 and download.data == PDF
    refused = member.post(f"{URL}/{meeting_id}/evidence", json={
        "kind": "foto", "url": "https://ntt.go.id/rb/foto2"})
    assert refused.status_code == 403
    assert member.delete(f"/api/v1/evidence/{listed[0]['id']}").status_code == 403
    assert coord_api.delete(f"/api/v1/evidence/{listed[0]['id']}").status_code == 204


def _statements_during(db, action):
    statements = []

    def count(_connection, _cursor, statement, *_args):
        if not statement.startswith(("SAVEPOINT", "RELEASE")):
            statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        result = action()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    return result, statements


def test_reading_a_large_meeting_takes_a_few_queries(db, api, team, coord_api, make_user):
    people = [{"user_id": make_user(agency=team["biro"]).id} for _ in range(12)]
    meeting_id = coord_api.post(URL, json=_body(attendees=people)).get_json()["id"]
    for number in range(6):
        coord_api.post(f"{URL}/{meeting_id}/decisions", json={
            "text": f"Kesepakatan {number}",
            "items": [_item(team, f"Langkah {number}.{part}") for part in range(3)]})
    reader = api(team["owner_insp"])

    response, statements = _statements_during(db, lambda: reader.get(f"{URL}/{meeting_id}"))
    assert len(response.get_json()["decisions"]) == 6
    assert len(statements) <= 20, "\n".join(statements)
