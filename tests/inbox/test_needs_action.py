"""Perlu tindakan per role (issue 11): each person finds what waits for them, why and
since when — and nothing they may not see, nothing that waits for someone else.

``now`` is Wednesday 25 November 2026, 10:00 WITA; November 2026 has no holiday in
Indonesia, so the working days are plain Monday–Friday.
"""
from datetime import date, timedelta

import pytest

from rbtasks.inbox.services import needs_action
from rbtasks.settings_store.policy import store_policy


@pytest.fixture
def plan(build_plan, now):
    return build_plan(now)


def _listed(plan, user, now):
    """[(item name in the plan, [reason codes])] of ``user``'s entries, in order."""
    names = {value.id: name for name, value in plan.items()
             if hasattr(value, "due_date") and hasattr(value, "pokja_id")}
    return [(names[entry.item_id], [reason.code for reason in entry.reasons])
            for entry in needs_action(plan[user], now)]


def _entry(plan, user, item, now):
    return next(entry for entry in needs_action(plan[user], now)
                if entry.item_id == plan[item].id)


def test_a_coordinator_verifies_and_decides_and_is_late_on_their_own_item(plan, now):
    # Their own late item carries both reasons: it is late, and the agency head's request
    # waits for their decision. Their own submission (pmprb) is someone else's to verify;
    # the other pokja's is not theirs at all.
    assert _listed(plan, "ndun", now) == [
        ("peta", ["overdue", "extension"]),
        ("reviu", ["to_verify"]),
        ("wbk", ["extension"]),
    ]
    reviu = _entry(plan, "ndun", "reviu", now)
    assert reviu.since == now - timedelta(days=2)
    assert reviu.reason.text == ("Waiting for your verification, submitted by "
                                 "Yohanes Seran, S.E.")
    wbk = _entry(plan, "ndun", "wbk", now)
    assert wbk.since == now - timedelta(hours=5)
    assert wbk.reason.text == ("Yohanes Seran, S.E. asks to move the due date from "
                               "15 Dec 2026 to 24 Jan 2027.")
    assert wbk.reason.facts["extension_id"] == plan["wbk_request"].id


def test_an_owner_sees_returned_due_soon_and_overdue_items(plan, now):
    assert _listed(plan, "seran", now) == [
        ("late", ["overdue"]),
        ("sop", ["returned"]),
        ("today", ["due_soon"]),
        ("survei", ["due_soon"]),
    ]
    late = _entry(plan, "seran", "late", now)
    assert (late.since, late.reason.text) == (date(2026, 11, 23), "Overdue: 2 days late")
    sop = _entry(plan, "seran", "sop", now)
    assert sop.since == now - timedelta(days=1)
    assert sop.reason.text == ("Returned by Drs. Benediktus Ndun, M.Si.: "
                               "Daftar hadir rapat belum dilampirkan.")
    assert sop.reason.anchor == "workflow"
    assert _entry(plan, "seran", "today", now).reason.text == "The due date is today"
    assert _entry(plan, "seran", "survei", now).reason.text == "Due in 5 days"


def test_an_agency_head_sees_the_agencys_overdue_and_escalated_items(plan, now):
    # Not the BKD's item, not the items done, cancelled or deleted, nothing not yet due.
    assert _listed(plan, "head", now) == [
        ("esc1", ["escalation_1"]),
        ("late", ["overdue"]),
        ("peta", ["overdue"]),
    ]
    esc1 = _entry(plan, "head", "esc1", now)
    # Due Wednesday 18 November; 3 working days overdue on Monday 23 November.
    assert esc1.since == date(2026, 11, 23)
    assert esc1.reason.text == "Escalated to the agency head: 5 working days overdue"


def test_a_leader_sees_the_items_at_escalation_level_2(plan, now):
    assert _listed(plan, "leader", now) == [("esc2", ["escalation_2"])]
    esc2 = _entry(plan, "leader", "esc2", now)
    # Due Friday 30 October; 10 working days overdue on Friday 13 November.
    assert esc2.since == date(2026, 11, 13)
    assert esc2.reason.text == "Escalated to the RB team leader: 18 working days overdue"
    assert (esc2.pokja_name, esc2.agency_name, esc2.owner_name) == (
        "Pokja Penguatan Pengawasan", "Badan Kepegawaian Daerah", "Agustinus Tefa, S.IP.")


def test_an_admin_verifies_and_decides_for_every_pokja(plan, now):
    assert _listed(plan, "admin", now) == [
        ("reviu", ["to_verify"]), ("kepuasan", ["to_verify"]), ("pmprb", ["to_verify"]),
        ("wbk", ["extension"]), ("peta", ["extension"]),
    ]
    assert _entry(plan, "admin", "kepuasan", now).reason.text == "Waiting for your verification"


def test_others_see_only_their_own(plan, now):
    assert _listed(plan, "bunga", now) == [("kepuasan", ["to_verify"])]
    assert _listed(plan, "tefa", now) == [("esc2", ["overdue"])]
    assert _entry(plan, "tefa", "esc2", now).reason.text == "Overdue: 26 days late"
    assert _listed(plan, "bria", now) == [("esc1", ["overdue"])]


def test_an_owner_who_is_also_the_agency_head_is_told_once(plan, now, make_item, db):
    # The head owns a late item of their own agency: one entry, escalated (which says late).
    mine = make_item(title="Menetapkan SK tim pengawasan", owner=plan["head"],
                     agency=plan["inspektorat"], pokja=plan["ours"], status="in_progress",
                     due_date=date(2026, 11, 10))
    entries = [entry for entry in needs_action(plan["head"], now) if entry.item_id == mine.id]
    assert [[reason.code for reason in entry.reasons] for entry in entries] == [
        ["escalation_2"]]


def test_escalations_follow_the_policy_the_admins_set(plan, now, db):
    # Escalation 1 from the 6th working day: Bria's item (5 days) is only overdue now.
    store_policy({"escalation_1_first": 6}, plan["admin"], now)
    db.session.flush()
    assert _listed(plan, "head", now) == [
        ("esc1", ["overdue"]), ("late", ["overdue"]), ("peta", ["overdue"])]


def test_a_submitted_or_verified_item_leaves_the_owners_list(plan, now, db):
    plan["late"].status = "done"
    plan["sop"].status = "submitted"
    db.session.flush()
    names = [name for name, _codes in _listed(plan, "seran", now)]
    assert "late" not in names and "sop" not in names


def test_the_texts_follow_the_readers_language(plan, now, app):
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("id"):
        texts = {entry.item_id: [reason.text for reason in entry.reasons]
                 for entry in needs_action(plan["ndun"], now)}
        head = {entry.item_id: entry.reason.text for entry in needs_action(plan["head"], now)}
        leader = [entry.reason.text for entry in needs_action(plan["leader"], now)]
    assert texts[plan["peta"].id] == [
        "Lewat tenggat: terlambat 1 hari",
        "Oktavianus Pello, S.H., M.H. mengajukan perpanjangan tenggat dari 24 Nov 2026 "
        "menjadi 9 Des 2026."]
    assert texts[plan["reviu"].id] == ["Menunggu verifikasi Anda, diajukan oleh "
                                       "Yohanes Seran, S.E."]
    assert head[plan["esc1"].id] == ("Dieskalasi ke kepala perangkat daerah: terlambat "
                                     "5 hari kerja")
    assert leader == ["Dieskalasi ke Ketua Tim RB: terlambat 18 hari kerja"]
