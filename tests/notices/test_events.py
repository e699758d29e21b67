"""Each event tells the right people, in the transaction of the change, and
never the person who acted."""
from datetime import date, timedelta

import pytest

from rbtasks.errors import ValidationError
from rbtasks.deadlines.services import decide_extension, request_extension
from rbtasks.items.services import add_comment, create_item, update_item
from rbtasks.workflow.services import apply_transition
from tests.notices.conftest import notices_of


def _act(item, actor, action, now, **kwargs):
    return apply_transition(actor, item, action, item.version, now, **kwargs)


def test_a_new_item_tells_its_owner(db, cast, now):
    item = create_item(cast.coordinator, {
        "title": "Reviu proses bisnis", "pokja_id": cast.pokja.id, "agency_id": cast.agency.id,
        "owner_id": cast.member.id, "due_date": date(2026, 12, 31), "progress": 0,
        "priority": "normal"}, now)
    assert notices_of(db) == {cast.member.email: [("assigned", "")]}
    assert item.id is not None


def test_reassigning_tells_the_new_owner_and_the_previous_one(db, cast, now):
    # The agency head reassigns within the agency.
    update_item(cast.head, cast.item, {"owner_id": cast.member.id}, cast.item.version, now)
    assert notices_of(db) == {
        cast.member.email: [("assigned", "")],
        cast.owner.email: [("moved", "Maria Goreti Bere, S.E.")],
    }


def test_an_edit_that_keeps_the_owner_tells_nobody(db, cast, now):
    update_item(cast.coordinator, cast.item, {"title": "SOP perizinan (revisi)"},
                cast.item.version, now)
    assert notices_of(db) == {}


def test_unassigning_tells_only_the_previous_owner(db, cast, now):
    update_item(cast.coordinator, cast.item, {"owner_id": None}, cast.item.version, now)
    assert notices_of(db) == {cast.owner.email: [("moved", "")]}


def test_returned_with_the_reason_to_the_owner(db, cast, now):
    cast.item.status = "submitted"
    db.session.commit()
    _act(cast.item, cast.coordinator, "return", now, reason="Notulen rapat belum dilampirkan")
    assert notices_of(db) == {cast.owner.email: [("returned", "Notulen rapat belum dilampirkan")]}


def test_verified_to_the_owner_and_the_agency_head(db, cast, now):
    cast.item.status = "submitted"
    db.session.commit()
    _act(cast.item, cast.coordinator, "verify", now)
    assert notices_of(db) == {cast.owner.email: [("verified", "")],
                              cast.head.email: [("verified", "")]}


def test_blocked_with_the_reason_to_the_coordinators_not_the_owner_who_blocked(db, cast, now):
    _act(cast.item, cast.owner, "block", now, reason="Menunggu SK Gubernur")
    assert notices_of(db) == {
        cast.coordinator.email: [("blocked", "Menunggu SK Gubernur")],
        cast.second_coordinator.email: [("blocked", "Menunggu SK Gubernur")],
    }


def test_a_coordinator_blocking_is_not_told_but_the_other_coordinator_is(db, cast, now):
    _act(cast.item, cast.coordinator, "block", now, reason="Anggaran belum tersedia")
    assert list(notices_of(db)) == [cast.second_coordinator.email]


def test_starting_tells_nobody(db, cast, now):
    cast.item.status = "not_started"
    db.session.commit()
    _act(cast.item, cast.owner, "start", now)
    assert notices_of(db) == {}


def test_an_extension_request_goes_to_the_coordinators(db, cast, now):
    request_extension(cast.owner, cast.item, date(2027, 1, 29),
                      "Menunggu jadwal rapat dengan Biro Hukum", now)
    assert notices_of(db) == {
        cast.coordinator.email: [("extension_requested", "Menunggu jadwal rapat dengan Biro Hukum")],
        cast.second_coordinator.email: [("extension_requested",
                                         "Menunggu jadwal rapat dengan Biro Hukum")],
    }


def test_an_approval_goes_to_the_requester_and_the_owner(db, cast, now):
    request = request_extension(cast.head, cast.item, date(2027, 1, 29), "Rapat tertunda", now)
    decide_extension(cast.coordinator, request, True, "", now + timedelta(hours=1))
    assert notices_of(db, "extension_approved") == {
        cast.head.email: [("extension_approved", "")],
        cast.owner.email: [("extension_approved", "")],
    }


def test_a_rejection_with_its_reason_once_to_an_owner_who_asked(db, cast, now):
    request = request_extension(cast.owner, cast.item, date(2027, 1, 29), "Rapat tertunda", now)
    decide_extension(cast.second_coordinator, request, False,
                     "Tenggat TW IV tidak dapat diundur", now + timedelta(hours=1))
    assert notices_of(db, "extension_rejected") == {
        cast.owner.email: [("extension_rejected", "Tenggat TW IV tidak dapat diundur")]}


def test_a_comment_tells_the_owner_and_coordinators_but_not_its_author(db, cast, now):
    add_comment(cast.coordinator, cast.item, "Mohon unggah daftar hadir sosialisasi.", now)
    assert notices_of(db) == {
        cast.owner.email: [("comment", "Mohon unggah daftar hadir sosialisasi.")],
        cast.second_coordinator.email: [("comment", "Mohon unggah daftar hadir sosialisasi.")],
    }


def test_a_mention_tells_the_person_once_as_a_mention(db, cast, now):
    add_comment(cast.owner, cast.item,
                "@Benediktus Ndun dan @yohanes.lado: SK sudah ditandatangani.", now)
    text = "@Benediktus Ndun dan @yohanes.lado: SK sudah ditandatangani."
    assert notices_of(db) == {
        cast.head.email: [("mentioned", text)],
        cast.coordinator.email: [("mentioned", text)],
        cast.second_coordinator.email: [("comment", text)],
    }


def test_only_people_who_may_read_the_item_can_be_mentioned(db, cast, now, make_user):
    outsider = make_user(name="Agustinus Mau, S.T.", email="agustinus.mau@nttprov.go.id")
    add_comment(cast.owner, cast.item, "@Agustinus Mau mohon info", now)
    assert outsider.email not in notices_of(db)


def test_a_long_comment_is_cut_to_an_excerpt(db, cast, now):
    add_comment(cast.coordinator, cast.item, "Catatan rapat monev. " * 40, now)
    (kind, note), = notices_of(db)[cast.owner.email]
    assert len(note) == 300 and note.endswith("…")


def test_an_inactive_person_is_not_told(db, cast, now):
    cast.second_coordinator.active = False
    db.session.commit()
    _act(cast.item, cast.owner, "block", now, reason="Menunggu SK Gubernur")
    assert list(notices_of(db)) == [cast.coordinator.email]


def test_a_refused_change_leaves_no_notice(db, cast, now):
    with pytest.raises(ValidationError):
        _act(cast.item, cast.owner, "block", now, reason="")
    db.session.rollback()
    assert notices_of(db) == {}
