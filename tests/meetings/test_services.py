"""Recording meetings: fields, attendance, agenda, PATCH semantics, refusals."""
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from rbtasks.errors import NotFound, PermissionDenied, ValidationError
from rbtasks.meetings import services
from rbtasks.meetings.models import Meeting, MeetingAttendee
from tests.meetings.conftest import WITA, meeting_fields


def _count(db, model=Meeting):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_a_coordinator_records_a_meeting_with_attendance_and_agenda(db, team, now):
    fields = meeting_fields(attendees=[
        {"user_id": team["owner_biro"].id},
        {"name": "Dr. Maria Bessie, S.Kom., M.T.", "agency": "Ombudsman RI Perwakilan NTT"},
    ])
    meeting = services.record_meeting(team["coord"], fields, now)
    db.session.commit()

    stored = db.session.get(Meeting, meeting.id)
    assert stored.held_at == datetime(2026, 12, 7, 1, 0, tzinfo=timezone.utc)
    assert stored.chair == "Drs. Benediktus Ndun, M.Si."
    assert stored.note_taker == "Oktavianus Pello, S.H., M.H."
    assert [(a.user_id, a.name, a.agency_name) for a in stored.attendees] == [
        (team["owner_biro"].id, "", ""),
        (None, "Dr. Maria Bessie, S.Kom., M.T.", "Ombudsman RI Perwakilan NTT")]
    assert stored.agenda[0].discussion == "Capaian rata-rata 62,5%.\nPokja Tatalaksana tertinggal."
    assert stored.created_by_id == team["coord"].id and stored.created_at == now


@pytest.mark.parametrize("role", ["agency_head", "member"])
def test_agency_heads_and_members_may_not_record(db, make_user, now, role):
    with pytest.raises(PermissionDenied):
        services.record_meeting(make_user(role=role), meeting_fields(), now)
    assert _count(db) == 0


def test_an_update_changes_only_the_fields_given_and_replaces_lists(db, team, now):
    meeting = services.record_meeting(team["coord"], meeting_fields(attendees=[
        {"user_id": team["owner_biro"].id}, {"user_id": team["owner_insp"].id}]), now)
    db.session.commit()

    services.update_meeting(team["leader"], meeting, {
        "place": "Aula El Tari, Kupang",
        "attendees": [{"user_id": team["owner_insp"].id}, {"name": "Yohanes Lema"}]}, now)
    db.session.commit()

    stored = db.session.get(Meeting, meeting.id)
    assert stored.place == "Aula El Tari, Kupang"
    assert stored.title == "Rapat Monev Triwulan IV Tim RB Provinsi NTT"
    assert [a.user_id or a.name for a in stored.attendees] == [team["owner_insp"].id,
                                                               "Yohanes Lema"]
    assert [point.topic for point in stored.agenda] == ["Capaian rencana aksi Triwulan III"]
    assert _count(db, MeetingAttendee) == 2


@pytest.mark.parametrize("changes, field", [
    ({"title": ""}, "title"),
    ({"title": "x" * 301}, "title"),
    ({"title": "Rapat\x00"}, "title"),
    ({"held_at": datetime(2026, 12, 7, 9, 0)}, "held_at"),
    ({"held_at": "2026-12-07T09:00:00+08:00"}, "held_at"),
    ({"held_at": datetime(1999, 12, 7, 9, 0, tzinfo=WITA)}, "held_at"),
    ({"place": "x" * 201}, "place"),
    ({"chair": "Drs. Ndun\u202e"}, "chair"),
    ({"attendees": [{"user_id": 2_147_483_648}]}, "attendees.0.user_id"),
    ({"attendees": [{"name": ""}]}, "attendees.0.name"),
    ({"attendees": [{"name": "Tamu", "role": "x"}]}, "attendees.0.role"),
    ({"attendees": [{"user_id": 1, "name": "Tamu"}]}, "attendees.0"),
    ({"attendees": [{"name": "Tamu"}] * 501}, "attendees"),
    ({"agenda": [{"topic": "Topik", "discussion": "a\x1bb"}]}, "agenda.0.discussion"),
    ({"agenda": [{"topic": "x"}] * 101}, "agenda"),
    ({"agenda": "Topik"}, "agenda"),
])
def test_bad_fields_are_refused_and_nothing_is_stored(db, team, now, changes, field):
    with pytest.raises(ValidationError) as refused:
        services.record_meeting(team["coord"], meeting_fields(**changes), now)
    assert field in refused.value.fields
    db.session.rollback()
    assert _count(db) == 0


def test_a_person_is_on_the_list_once_and_must_be_active(db, team, make_user, now):
    gone = make_user(role="member", active=False)
    person = {"user_id": team["owner_biro"].id}
    with pytest.raises(ValidationError) as refused:
        services.record_meeting(team["coord"], meeting_fields(
            attendees=[person, {"user_id": gone.id}, person]), now)
    assert refused.value.fields == {"attendees.1.user_id": "No such active user.",
                                    "attendees.2.user_id": "This person is already on the list."}


def test_the_list_is_newest_first_and_get_refuses_strange_ids(db, team, now):
    older = services.record_meeting(team["coord"], meeting_fields(
        title="Rapat Monev Triwulan III", held_at=datetime(2026, 9, 7, 9, tzinfo=WITA)), now)
    newer = services.record_meeting(team["coord"], meeting_fields(), now)
    db.session.commit()

    page = services.list_meetings(team["owner_biro"], 1, 25)
    assert [m.id for m in page.items] == [newer.id, older.id]
    assert services.earlier_meetings(newer) == [older]
    for strange in (0, "1", True, 2_147_483_648):
        with pytest.raises(NotFound):
            services.get_meeting(team["owner_biro"], strange)
