"""Decisions create their items in one step; the follow-up rate follows the items.

The issue's "done when": a meeting recorded with three decisions creates
their items, and marking them done (submit + verify) moves the rate.
"""
from datetime import date, datetime
from fractions import Fraction

import pytest
import sqlalchemy as sa

from rbtasks.errors import PermissionDenied, ValidationError
from rbtasks.items.models import ActionItem, ActivityEntry
from rbtasks.meetings import decisions, services
from rbtasks.meetings.followup import follow_up, follow_up_rate, grade_of, rates_for
from rbtasks.meetings.models import Decision, DecisionItem
from rbtasks.notices.models import Notice
from rbtasks.workflow.services import apply_transition
from tests.meetings.conftest import WITA, finish, item_row, meeting_fields


def _count(db, model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def meeting(db, team, now):
    meeting = services.record_meeting(team["coord"], meeting_fields(), now)
    db.session.commit()
    return meeting


def test_three_decisions_create_their_items_and_finishing_them_moves_the_rate(
        db, team, meeting, now):
    coord = team["coord"]
    first = decisions.add_decision(coord, meeting, "Seluruh SOP dipetakan ulang.", [
        item_row(team, "Pemetaan ulang SOP Biro Organisasi"),
        item_row(team, "Reviu probity audit pengadaan", pokja="pengawasan",
                 owner="owner_insp", agency="inspektorat")], now)
    second = decisions.add_decision(coord, meeting, "Peta proses bisnis disahkan.", [
        item_row(team, "Penyusunan peta proses bisnis")], now)
    third = decisions.add_decision(coord, meeting, "Survei kepuasan masyarakat.", [
        item_row(team, "Survei IKM Triwulan IV", due=date(2027, 1, 29))], now)
    db.session.commit()

    items = {link.item.title: link.item for d in (first, second, third) for link in d.links}
    assert len(items) == 4 and all(item.status == "not_started" for item in items.values())
    assert items["Reviu probity audit pengadaan"].owner_id == team["owner_insp"].id
    # each item through the items' own mechanism: history and a notice to its owner
    assert _count(db, ActivityEntry) == 4
    assert db.session.scalar(sa.select(sa.func.count(Notice.id)).where(
        Notice.recipient_id == team["owner_biro"].id, Notice.kind == "assigned")) == 3
    assert follow_up_rate(meeting) == 0 and follow_up(meeting).grade == "none"

    finish(items["Penyusunan peta proses bisnis"], team["owner_biro"], coord, now)
    db.session.commit()
    assert follow_up_rate(meeting) == Fraction(1, 3) and follow_up(meeting).grade == "some"

    finish(items["Survei IKM Triwulan IV"], team["owner_biro"], coord, now)
    db.session.commit()
    assert follow_up_rate(meeting) == Fraction(2, 3) and follow_up(meeting).grade == "most"

    # the first decision needs both of its items done
    finish(items["Pemetaan ulang SOP Biro Organisasi"], team["owner_biro"], coord, now)
    db.session.commit()
    assert follow_up_rate(meeting) == Fraction(2, 3)
    finish(items["Reviu probity audit pengadaan"], team["owner_insp"], team["coord_insp"], now)
    db.session.commit()
    assert follow_up_rate(meeting) == 1 and follow_up(meeting).grade == "all"
    assert follow_up(meeting).rate_number() == 1.0


def test_cancelled_and_deleted_items_do_not_count(db, team, meeting, now):
    coord = team["coord"]
    decision = decisions.add_decision(coord, meeting, "Dua langkah.", [
        item_row(team, "Langkah satu"), item_row(team, "Langkah dua")], now)
    only_cancelled = decisions.add_decision(coord, meeting, "Dibatalkan.", [
        item_row(team, "Langkah batal")], now)
    db.session.commit()
    one, two = (link.item for link in decision.links)
    finish(one, team["owner_biro"], coord, now)
    apply_transition(coord, two, "cancel", two.version, now, reason="Digabung ke langkah satu")
    dropped = only_cancelled.links[0].item
    apply_transition(coord, dropped, "cancel", dropped.version, now, reason="Tidak relevan")
    db.session.commit()

    # decision: one done, one cancelled → done; only_cancelled: nothing counted → not done
    assert follow_up_rate(meeting) == Fraction(1, 2)

    from rbtasks.items.services import delete_item
    delete_item(coord, one, now)
    db.session.commit()
    assert follow_up_rate(meeting) == 0


def test_a_meeting_without_decisions_has_no_rate(db, team, meeting, now):
    assert follow_up_rate(meeting) is None and follow_up(meeting).grade is None
    empty = decisions.add_decision(team["leader"], meeting, "Dibahas pada rapat berikut.", [],
                                   now)
    db.session.commit()
    assert follow_up_rate(meeting) == 0
    # items can follow later, by a coordinator of their pokja
    decisions.add_decision_items(team["coord"], empty, [item_row(team, "Tindak lanjut")], now)
    db.session.commit()
    assert [link.item.title for link in empty.links] == ["Tindak lanjut"]


@pytest.mark.parametrize("rate, grade", [
    (None, None), (Fraction(0), "none"), (Fraction(1, 100), "some"), (Fraction(49, 100), "some"),
    (Fraction(1, 2), "most"), (Fraction(99, 100), "most"), (Fraction(1), "all")])
def test_grades_as_the_evaluation_sheet(rate, grade):
    assert grade_of(rate) == grade


def test_one_refused_item_creates_nothing_and_names_its_row(db, team, meeting, now):
    rows = [item_row(team, "Langkah yang benar"),
            item_row(team, "Tanpa tenggat", due=None),
            item_row(team, "x" * 301, owner="owner_insp")]
    with pytest.raises(ValidationError) as refused:
        decisions.add_decision(team["coord"], meeting, "Kesepakatan", rows, now)
    db.session.rollback()
    assert set(refused.value.fields) == {"items.1.due_date", "items.2.title", "items.2.owner_id"}
    assert _count(db, Decision) == _count(db, ActionItem) == _count(db, DecisionItem) == 0


def test_items_only_in_a_pokja_the_recorder_coordinates(db, team, meeting, now):
    rows = [item_row(team, "Langkah Pengawasan", pokja="pengawasan", owner="owner_insp",
                     agency="inspektorat"),
            item_row(team, "Langkah Tatalaksana")]
    with pytest.raises(PermissionDenied):  # coord_insp does not coordinate Tatalaksana
        decisions.add_decision(team["coord_insp"], meeting, "Kesepakatan", rows, now)
    db.session.rollback()
    with pytest.raises(PermissionDenied):  # the leader records meetings, not items
        decisions.add_decision(team["leader"], meeting, "Kesepakatan", rows[:1], now)
    db.session.rollback()
    assert _count(db, Decision) == _count(db, ActionItem) == 0


@pytest.mark.parametrize("text, items, field", [
    ("", [], "text"),
    ("Teks\x00", [], "text"),
    ("x" * 5001, [], "text"),
    ("Teks", "bukan daftar", "items"),
    ("Teks", [{"title": "Langkah"}] * 51, "items"),
    ("Teks", [{"title": "Langkah", "status": "done"}], "items.0.status"),
    ("Teks", [{"title": "Langkah", "due_date": "2026-12-31"}], "items.0.due_date"),
    ("Teks", ["Langkah"], "items.0"),
])
def test_hostile_decisions_are_refused(db, team, meeting, now, text, items, field):
    with pytest.raises(ValidationError) as refused:
        decisions.add_decision(team["coord"], meeting, text, items, now)
    assert field in refused.value.fields
    db.session.rollback()
    assert _count(db, Decision) == 0


def test_editing_and_deleting_a_decision(db, team, meeting, now, make_user):
    decision = decisions.add_decision(team["coord"], meeting, "Draf", [item_row(team, "Langkah")],
                                      now)
    db.session.commit()
    with pytest.raises(PermissionDenied):
        decisions.update_decision(make_user(role="member"), decision, "Diubah", now)
    decisions.update_decision(team["leader"], decision, "Kesepakatan final", now)
    db.session.commit()
    assert db.session.get(Decision, decision.id).text == "Kesepakatan final"

    decisions.delete_decision(team["admin"], decision, now)
    db.session.commit()
    assert _count(db, Decision) == _count(db, DecisionItem) == 0
    assert _count(db, ActionItem) == 1  # the item stays, unlinked


def test_rates_for_a_page_of_meetings_take_one_query(db, team, now, meeting):
    other = services.record_meeting(team["coord"], meeting_fields(
        title="Rapat Monev Triwulan III", held_at=datetime(2026, 9, 7, 9, tzinfo=WITA)), now)
    for index in range(3):
        decisions.add_decision(team["coord"], other, f"Kesepakatan {index}",
                               [item_row(team, f"Langkah {index}")], now)
    db.session.commit()
    ids = [meeting.id, other.id]
    statements = []
    engine = db.engine

    def count(_connection, _cursor, statement, *_args):
        if not statement.startswith(("SAVEPOINT", "RELEASE")):
            statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        rates = rates_for(ids)
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 1, statements
    assert rates[meeting.id].rate is None and rates[other.id].rate == 0
    assert rates[other.id].decisions == 3
