"""The meeting pages: record, show (WITA, decisions, earlier meetings'
open decisions, evidence), add a decision with its items, the item panel."""
import io
from datetime import datetime

import sqlalchemy as sa

from rbtasks.items.models import ActionItem
from rbtasks.meetings import decisions, services
from rbtasks.meetings.models import Decision, Meeting
from tests.conftest import csrf_token_from
from tests.meetings.conftest import PDF, WITA, finish, item_row, meeting_fields


def _meeting(db, team, now, **changes):
    meeting = services.record_meeting(team["coord"], meeting_fields(**changes), now)
    db.session.commit()
    return meeting


def test_a_coordinator_records_a_meeting_from_the_form(db, team, login):
    client = login(team["coord"])
    page = client.get("/meetings/new")
    assert page.status_code == 200
    response = client.post("/meetings/new", data={
        "csrf_token": csrf_token_from(page.get_data(as_text=True)),
        "title": "Rapat Monev Triwulan IV", "held_at": "7/12/2026", "held_time": "09.00",
        "place": "Kupang", "chair": "Drs. Benediktus Ndun, M.Si.", "note_taker": "",
        "attendee_ids": [str(team["owner_biro"].id)],
        "guests": "Dr. Maria Bessie, S.Kom., M.T.; Ombudsman RI Perwakilan NTT\n\n",
        "agenda-0-topic": "Capaian Triwulan III", "agenda-0-discussion": "Capaian 62,5%.",
        "agenda-1-topic": "", "agenda-1-discussion": ""})
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    meeting = db.session.scalar(sa.select(Meeting))
    assert meeting.held_at == datetime(2026, 12, 7, 9, tzinfo=WITA)
    assert [a.name or a.user_id for a in meeting.attendees] == [
        team["owner_biro"].id, "Dr. Maria Bessie, S.Kom., M.T."]
    assert [p.topic for p in meeting.agenda] == ["Capaian Triwulan III"]

    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Rapat Monev Triwulan IV" in shown
    assert "Ombudsman RI Perwakilan NTT" in shown


def test_a_bad_time_is_refused_on_the_form(db, team, login):
    client = login(team["coord"])
    token = csrf_token_from(client.get("/meetings/new").get_data(as_text=True))
    response = client.post("/meetings/new", data={
        "csrf_token": token, "title": "Rapat", "held_at": "7/12/2026", "held_time": "25.00"})
    assert response.status_code == 422
    assert "hours.minutes" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Meeting.id))) == 0


def test_the_page_shows_the_meeting_in_wita_and_indonesian(db, team, now, login):
    team["owner_biro"].locale = "id"
    db.session.commit()
    meeting = _meeting(db, team, now)
    html = login(team["owner_biro"]).get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Senin, 7 Desember 2026 09.00 WITA" in html
    assert "Capaian rata-rata 62,5%." in html


def test_adding_a_decision_with_two_items_from_the_page(db, team, now, login):
    meeting = _meeting(db, team, now)
    client = login(team["coord"])
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "items-2-title" in page  # three rows without JavaScript
    row = {"pokja_id": team["tatalaksana"].id, "agency_id": team["biro"].id,
           "owner_id": team["owner_biro"].id}
    data = {"csrf_token": csrf_token_from(page), "text": "Seluruh SOP dipetakan ulang."}
    for index, (title, due) in enumerate([("Pemetaan SOP", "31/12/2026"),
                                          ("Reviu SOP", "29/01/2027"), ("", "")]):
        data.update({f"items-{index}-title": title, f"items-{index}-due_date": due,
                     f"items-{index}-output": "",
                     **({f"items-{index}-{k}": str(v) for k, v in row.items()} if title
                        else {f"items-{index}-{k}": "" for k in row})})
    response = client.post(f"/meetings/{meeting.id}/decisions", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    decision = db.session.scalar(sa.select(Decision))
    assert sorted(link.item.title for link in decision.links) == ["Pemetaan SOP", "Reviu SOP"]

    shown = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Pemetaan SOP" in shown and "Oktavianus Pello, S.H., M.H." in shown
    assert "0 of 1 decisions followed up" in shown

    # the item page says where the item came from
    item = decision.links[0].item
    item_page = client.get(f"/items/{item.id}").get_data(as_text=True)
    assert "Follow-up of a monev meeting decision" in item_page
    assert f"/meetings/{meeting.id}#decision-{decision.id}" in item_page


def test_a_refused_row_keeps_the_form_and_creates_nothing(db, team, now, login):
    meeting = _meeting(db, team, now)
    client = login(team["coord"])
    token = csrf_token_from(client.get(f"/meetings/{meeting.id}").get_data(as_text=True))
    response = client.post(f"/meetings/{meeting.id}/decisions", data={
        "csrf_token": token, "text": "Kesepakatan",
        "items-0-title": "", "items-0-due_date": "",
        "items-1-title": "Tanpa pokja", "items-1-pokja_id": "",
        "items-1-agency_id": str(team["biro"].id), "items-1-owner_id": "",
        "items-1-due_date": "31/12/2026"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="items-1-pokja_id-error"' in html and "Tanpa pokja" in html
    assert db.session.scalar(sa.select(sa.func.count(Decision.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 0


def test_the_next_meeting_shows_the_earlier_open_decisions(db, team, now, login):
    earlier = _meeting(db, team, now, title="Rapat Monev Triwulan III",
                       held_at=datetime(2026, 9, 7, 9, tzinfo=WITA))
    done = decisions.add_decision(team["coord"], earlier, "Peta proses bisnis disahkan.",
                                  [item_row(team, "Peta proses bisnis")], now)
    decisions.add_decision(team["coord"], earlier, "SOP dipetakan ulang.",
                           [item_row(team, "Pemetaan SOP")], now)
    db.session.commit()
    finish(done.links[0].item, team["owner_biro"], team["coord"], now)
    later = _meeting(db, team, now)

    html = login(team["owner_insp"]).get(f"/meetings/{later.id}").get_data(as_text=True)
    earlier_part = html.split('id="earlier"')[1].split('id="attendance"')[0]
    assert "Rapat Monev Triwulan III" in earlier_part and "50%" in earlier_part
    assert "SOP dipetakan ulang." in earlier_part
    assert "Peta proses bisnis disahkan." not in earlier_part
    # owner_insp may not open Tatalaksana's items: state shown, title not
    assert "Pemetaan SOP" not in earlier_part and "Not started" in earlier_part

    listed = login(team["owner_biro"]).get("/meetings").get_data(as_text=True)
    assert "50%" in listed and "Rapat Monev Triwulan III" in listed


def test_recorders_add_evidence_and_readers_download_it(db, team, now, login):
    meeting = _meeting(db, team, now)
    client = login(team["coord"])
    token = csrf_token_from(client.get(f"/meetings/{meeting.id}").get_data(as_text=True))
    response = client.post(f"/meetings/{meeting.id}/evidence/file", data={
        "csrf_token": token, "kind": "daftar_hadir", "description": "Daftar hadir",
        "file": (io.BytesIO(PDF), "daftar-hadir.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    bad = client.post(f"/meetings/{meeting.id}/evidence/link", data={
        "csrf_token": token, "kind": "foto", "url": "javascript:alert(1)", "description": ""})
    assert bad.status_code == 422 and "http" in bad.get_data(as_text=True)

    member = login(team["owner_insp"])
    html = member.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "daftar-hadir.pdf" in html and "evidence-file" not in html
    download = html.split('href="/evidence/')[1].split('"')[0]
    assert member.get(f"/evidence/{download}").data == PDF


def test_editing_shows_the_meeting_and_saves_changes(db, team, now, login):
    meeting = _meeting(db, team, now, attendees=[{"name": "Yohanes Lema", "agency": "BKD"}])
    client = login(team["leader"])
    page = client.get(f"/meetings/{meeting.id}/edit").get_data(as_text=True)
    assert 'value="09.00"' in page and "Yohanes Lema; BKD" in page
    response = client.post(f"/meetings/{meeting.id}/edit", data={
        "csrf_token": csrf_token_from(page), "title": "Rapat Monev (diperbaiki)",
        "held_at": "07/12/2026", "held_time": "10:30", "place": "", "chair": "",
        "note_taker": "", "guests": "Yohanes Lema; BKD",
        "agenda-0-topic": "Capaian", "agenda-0-discussion": ""})
    assert response.status_code == 303
    stored = db.session.get(Meeting, meeting.id)
    db.session.refresh(stored)
    assert stored.title == "Rapat Monev (diperbaiki)"
    assert stored.held_at == datetime(2026, 12, 7, 10, 30, tzinfo=WITA)


def test_items_are_added_to_a_recorded_decision_on_their_own_page(db, team, now, login):
    meeting = _meeting(db, team, now)
    decision = decisions.add_decision(team["leader"], meeting, "Dibahas lebih lanjut.", [], now)
    db.session.commit()
    client = login(team["coord"])
    shown = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    url = f"/meetings/{meeting.id}/decisions/{decision.id}/items"
    assert url in shown
    page = client.get(url)
    assert page.status_code == 200 and "Dibahas lebih lanjut." in page.get_data(as_text=True)
    token = csrf_token_from(page.get_data(as_text=True))
    refused = client.post(url, data={"csrf_token": token})
    assert refused.status_code == 422 and "Add at least one item." in refused.get_data(
        as_text=True)
    response = client.post(url, data={
        "csrf_token": token, "items-0-title": "Rapat lanjutan",
        "items-0-pokja_id": str(team["tatalaksana"].id), "items-0-agency_id": str(team["biro"].id),
        "items-0-owner_id": "", "items-0-due_date": "15/01/2027", "items-0-output": ""})
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    db.session.expire_all()
    assert [link.item.title for link in db.session.get(Decision, decision.id).links] == [
        "Rapat lanjutan"]
