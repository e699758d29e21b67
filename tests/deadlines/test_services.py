"""Deadline extensions: who may ask and decide, what is valid, one open request at a time."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from rbtasks.deadlines import services
from rbtasks.deadlines.models import ExtensionRequest
from rbtasks.deadlines.services import (
    decide_extension,
    list_extensions,
    open_extension,
    request_extension,
)
from rbtasks.errors import Conflict, PermissionDenied, ValidationError
from rbtasks.items.models import ActionItem, ActivityEntry

DUE = date(2026, 12, 15)  # make_item's default due date
LATER = date(2027, 1, 31)


def _fresh(db, item):
    db.session.expire_all()
    return db.session.get(ActionItem, item.id)


def _count(db):
    return db.session.scalar(sa.select(sa.func.count(ExtensionRequest.id)))


def _entries(db, item, action):
    return list(db.session.scalars(sa.select(ActivityEntry).where(
        ActivityEntry.item_id == item.id, ActivityEntry.action == action)))


def test_owner_asks_and_the_request_is_open_and_logged(cast, db, now):
    item = cast["item"]
    request = request_extension(cast["owner"], item, LATER, "  Menunggu SK Gubernur  ", now)
    db.session.commit()
    assert request.status == "pending" and request.open_item_id == item.id
    assert (request.old_due_date, request.new_due_date) == (DUE, LATER)
    assert request.reason == "Menunggu SK Gubernur" and request.requested_at == now
    assert open_extension(item).id == request.id and list_extensions(item) == [request]
    [entry] = _entries(db, item, "extension_requested")
    assert (entry.note, entry.new_value, entry.field) == ("Menunggu SK Gubernur", "2027-01-31", None)
    assert _fresh(db, item).due_date == DUE  # asking moves nothing


def test_agency_head_of_the_items_agency_may_ask(cast, db, now, make_user):
    head = make_user(role="agency_head", agency=cast["agency"])
    request = request_extension(head, cast["item"], LATER, "Beban kerja", now)
    assert request.requested_by_id == head.id


@pytest.mark.parametrize("who", ["coordinator", "admin", "leader", "pokja_member",
                                 "other_agency_head"])
def test_others_who_see_the_item_may_not_ask(cast, db, now, make_user, who):
    if who == "coordinator":
        actor = cast["coordinator"]
    elif who == "pokja_member":
        actor = make_user(role="member")
        cast["pokja"].members.append(actor)
        db.session.commit()
    elif who == "other_agency_head":
        actor = make_user(role="agency_head")
        cast["pokja"].members.append(actor)
        db.session.commit()
    else:
        actor = make_user(role=who)
    with pytest.raises(PermissionDenied):
        request_extension(actor, cast["item"], LATER, "alasan", now)
    assert _count(db) == 0


@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_closed_items_cannot_be_extended(cast, db, now, make_item, status):
    item = make_item(pokja=cast["pokja"], owner=cast["owner"], status=status)
    with pytest.raises(Conflict):
        request_extension(cast["owner"], item, LATER, "alasan", now)
    assert _count(db) == 0


@pytest.mark.parametrize("new_date, reason, field, words", [
    (DUE, "alasan", "new_due_date", "must be later than the current due date"),
    (DUE - timedelta(days=3), "alasan", "new_due_date", "must be later than the current due date"),
    (date(2101, 1, 1), "alasan", "new_due_date", "between 2000 and 2100"),
    (None, "alasan", "new_due_date", "required"),
    (LATER, "   ", "reason", "reason"),
    (LATER, None, "reason", "reason"),
    (LATER, "x" * 2001, "reason", "2000"),
])
def test_invalid_requests_are_refused_per_field(cast, db, now, new_date, reason, field, words):
    with pytest.raises(ValidationError) as caught:
        request_extension(cast["owner"], cast["item"], new_date, reason, now)
    assert words in caught.value.fields[field]
    assert _count(db) == 0


def test_an_overdue_item_cannot_be_moved_to_another_past_date(cast, db, now, make_item):
    item = make_item(pokja=cast["pokja"], owner=cast["owner"], due_date=date(2026, 10, 1))
    with pytest.raises(ValidationError) as caught:
        request_extension(cast["owner"], item, date(2026, 11, 1), "alasan", now)
    assert "past" in caught.value.fields["new_due_date"]
    assert request_extension(cast["owner"], item, date(2026, 11, 25), "alasan", now)


def test_a_reason_of_2000_characters_is_accepted(cast, db, now):
    request = request_extension(cast["owner"], cast["item"], LATER, "r" * 2000, now)
    assert len(request.reason) == 2000


def test_only_one_open_request_per_item(cast, db, now, make_user):
    item = cast["item"]
    first = request_extension(cast["owner"], item, LATER, "pertama", now)
    db.session.commit()
    head = make_user(role="agency_head", agency=cast["agency"])
    with pytest.raises(Conflict) as caught:
        request_extension(head, item, LATER, "kedua", now)
    assert "already an open request" in caught.value.message
    decide_extension(cast["coordinator"], first, False, "Belum cukup alasan", now)
    db.session.commit()
    assert request_extension(head, item, LATER, "ketiga", now).status == "pending"


def test_the_database_refuses_a_second_open_request_that_slipped_past_the_check(
    cast, db, now, monkeypatch
):
    """Two requests at once both pass the look-up; the unique open_item_id stops the second."""
    item = cast["item"]
    request_extension(cast["owner"], item, LATER, "pertama", now)
    db.session.commit()
    monkeypatch.setattr(services, "open_extension", lambda item: None)
    with pytest.raises(Conflict) as caught:
        request_extension(cast["owner"], item, date(2027, 2, 28), "kedua", now)
    assert "already an open request" in caught.value.message
    db.session.rollback()
    assert [r.reason for r in list_extensions(item)] == ["pertama"]
    assert len(_entries(db, item, "extension_requested")) == 1


def test_the_unique_constraint_itself(cast, db, now):
    item = cast["item"]
    for reason in ("a", "b"):
        db.session.add(ExtensionRequest(
            item_id=item.id, open_item_id=item.id, old_due_date=DUE, new_due_date=LATER,
            reason=reason, requested_by_id=cast["owner"].id, requested_at=now))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    # decided requests (open_item_id NULL) never collide
    for reason in ("a", "b"):
        db.session.add(ExtensionRequest(
            item_id=item.id, open_item_id=None, status="rejected", old_due_date=DUE,
            new_due_date=LATER, reason=reason, requested_by_id=cast["owner"].id,
            requested_at=now))
    db.session.commit()
    assert _count(db) == 2


def test_approval_moves_the_due_date_bumps_the_version_and_logs_it(cast, db, now):
    item = cast["item"]
    request = request_extension(cast["owner"], item, LATER, "Menunggu data BKD", now)
    db.session.commit()
    decide_extension(cast["coordinator"], request, True, "Disetujui rapat pokja", now)
    db.session.commit()

    item = _fresh(db, item)
    assert item.due_date == LATER and item.version == 2
    assert item.updated_by_id == cast["coordinator"].id and item.updated_at == now
    request = db.session.get(ExtensionRequest, request.id)
    assert request.status == "approved" and request.open_item_id is None
    assert request.decided_by_id == cast["coordinator"].id and request.decided_at == now
    assert request.decision_reason == "Disetujui rapat pokja"
    [entry] = _entries(db, item, "extension_approved")
    assert (entry.field, entry.old_value, entry.new_value) == ("due_date", "2026-12-15", "2027-01-31")
    assert entry.note == "extension approved: Disetujui rapat pokja"
    assert open_extension(item) is None


def test_approval_needs_no_reason(cast, db, now, make_user):
    request = request_extension(cast["owner"], cast["item"], LATER, "alasan", now)
    decide_extension(make_user(role="admin"), request, True, "", now)
    db.session.commit()
    assert _fresh(db, cast["item"]).due_date == LATER
    assert db.session.get(ExtensionRequest, request.id).decision_reason is None


def test_rejection_needs_a_reason_and_leaves_the_item_alone(cast, db, now):
    item = cast["item"]
    request = request_extension(cast["owner"], item, LATER, "alasan", now)
    db.session.commit()
    with pytest.raises(ValidationError) as caught:
        decide_extension(cast["coordinator"], request, False, "  ", now)
    assert "reason" in caught.value.fields
    db.session.rollback()
    assert db.session.get(ExtensionRequest, request.id).status == "pending"

    decide_extension(cast["coordinator"], request, False, "Target TW IV tetap", now)
    db.session.commit()
    item = _fresh(db, item)
    assert item.due_date == DUE and item.version == 1
    request = db.session.get(ExtensionRequest, request.id)
    assert (request.status, request.decision_reason, request.open_item_id) == (
        "rejected", "Target TW IV tetap", None)
    [entry] = _entries(db, item, "extension_rejected")
    assert entry.note == "Target TW IV tetap"


@pytest.mark.parametrize("who", ["owner", "agency_head", "leader", "other_coordinator"])
def test_only_the_pokjas_coordinators_and_admins_decide(cast, db, now, make_user, make_pokja, who):
    request = request_extension(cast["owner"], cast["item"], LATER, "alasan", now)
    db.session.commit()
    if who == "owner":
        actor = cast["owner"]
    elif who == "agency_head":
        actor = make_user(role="agency_head", agency=cast["agency"])
    elif who == "other_coordinator":
        actor = make_user(role="coordinator")
        make_pokja(coordinators=[actor])
    else:
        actor = make_user(role=who)
    with pytest.raises(PermissionDenied):
        decide_extension(actor, request, True, "ok", now)
    db.session.rollback()
    assert _fresh(db, cast["item"]).due_date == DUE


def test_a_coordinator_cannot_decide_their_own_request(cast, db, now, make_item):
    item = make_item(pokja=cast["pokja"], owner=cast["coordinator"], status="in_progress")
    request = request_extension(cast["coordinator"], item, LATER, "alasan", now)
    db.session.commit()
    with pytest.raises(PermissionDenied) as caught:
        decide_extension(cast["coordinator"], request, True, "", now)
    assert "own request" in caught.value.message
    db.session.rollback()
    assert _fresh(db, item).due_date == DUE


def test_a_decided_request_cannot_be_decided_again(cast, db, now, make_user):
    request = request_extension(cast["owner"], cast["item"], LATER, "alasan", now)
    decide_extension(cast["coordinator"], request, False, "tidak", now)
    db.session.commit()
    with pytest.raises(Conflict):
        decide_extension(make_user(role="admin"), request, True, "", now)
    db.session.rollback()
    assert _fresh(db, cast["item"]).due_date == DUE


@pytest.mark.real_commits  # the other decision commits on its own connection
def test_two_coordinators_deciding_at_once_cannot_both_win(cast, db, now, make_user):
    """The other decision was committed after this session loaded the request as pending."""
    admin = make_user(role="admin")
    request = request_extension(cast["owner"], cast["item"], LATER, "alasan", now)
    db.session.commit()
    assert request.status == "pending" and admin.role == "admin"  # loaded here
    with db.engine.begin() as connection:
        connection.execute(sa.update(ExtensionRequest).where(ExtensionRequest.id == request.id)
                           .values(status="rejected", open_item_id=None))
    with pytest.raises(Conflict):
        decide_extension(admin, request, True, "", now)
    db.session.rollback()
    assert _fresh(db, cast["item"]).due_date == DUE
    assert _entries(db, cast["item"], "extension_approved") == []
