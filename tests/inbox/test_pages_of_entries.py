"""A page of "Perlu tindakan" reads only its first rows of each source and selects the
escalated items by due date in SQL: the entries must be exactly those of the whole list,
with the stages the reminders themselves compute.

``now`` is Wednesday 6 January 2027, 10:00 WITA, the day after Isra Mikraj (5 Jan). The
items fall due on every day from Friday 13 November 2026 to 14 January 2027, across Christmas
Eve (cuti bersama), Christmas and New Year and the weekends, two to four a day, created in
shuffled order so that item ids do not follow due dates. An admin made Saturday 19
December 2026 a working day (a stored calendar override).
"""
import random
from datetime import date, datetime, timedelta, timezone

import pytest

from rbtasks.deadlines.models import ExtensionRequest
from rbtasks.inbox.services import needs_action, needs_action_page
from rbtasks.reminders.stages import (
    ESCALATION_1,
    ESCALATION_2,
    overdue_stage_began,
    overdue_stages,
)
from rbtasks.settings_store.policy import load_policy
from rbtasks.timeutil import local_today
from rbtasks.workdays.calendar import WorkCalendar
from rbtasks.workdays.models import CalendarOverride

NOW = datetime(2027, 1, 6, 2, 0, tzinfo=timezone.utc)
FIRST_DUE, LAST_DUE = date(2026, 11, 13), date(2027, 1, 14)


@pytest.fixture
def province(db, make_user, make_agency, make_pokja, make_item):
    """Two agencies' items on every day, and the people who read them."""
    inspektorat = make_agency(name="Inspektorat Daerah", code="ITDA")
    bappelitbangda = make_agency(name="Bappelitbangda", code="BPD")
    people = {
        "head": make_user(role="agency_head", name="Oktavianus Pello, S.H., M.H.",
                          agency=inspektorat),
        "leader": make_user(role="leader", name="Drs. Yosef Lede, M.Si.", agency=inspektorat),
        "coordinator": make_user(role="coordinator", name="Drs. Benediktus Ndun, M.Si.",
                                 agency=inspektorat),
        "admin": make_user(role="admin", name="Theresia Nahak, S.T.", agency=inspektorat),
        "seran": make_user(name="Yohanes Seran, S.E.", agency=inspektorat),
        "manek": make_user(name="Fransiska Manek, S.Sos.", agency=bappelitbangda),
    }
    pokja = make_pokja(name="Pokja Penguatan Pengawasan", coordinators=[people["coordinator"]],
                       members=[people["seran"], people["manek"]])
    db.session.add(CalendarOverride(day=date(2026, 12, 19), working=True,
                                    name="Hari kerja pengganti", created_at=NOW))
    rng = random.Random(2027)
    owners = ("seran", "seran", "manek", "head", "leader", "coordinator")
    shapes = []
    for offset in range((LAST_DUE - FIRST_DUE).days + 1):
        for _copy in range(rng.randint(2, 4)):
            shapes.append((FIRST_DUE + timedelta(days=offset), rng.choice(owners),
                           rng.choice(("in_progress", "in_progress", "not_started", "blocked",
                                       "done", "submitted"))))
    rng.shuffle(shapes)
    submitted_at = (NOW - timedelta(days=3), NOW - timedelta(days=1))  # ties on purpose
    items = []
    for number, (due, owner, status) in enumerate(shapes):
        person = people[owner]
        items.append(make_item(
            title=f"Rencana aksi pengawasan nomor {number}", owner=person, pokja=pokja,
            agency=person.agency, due_date=due, status=status,
            submitted_at=rng.choice(submitted_at) if status == "submitted" else None))
    for item in rng.sample([item for item in items if item.status != "done"], 40):
        db.session.add(ExtensionRequest(
            item_id=item.id, open_item_id=item.id, status="pending",
            old_due_date=item.due_date, new_due_date=item.due_date + timedelta(days=30),
            reason="Menunggu SK Gubernur", requested_by_id=people["seran"].id
            if item.owner_id != people["seran"].id else people["manek"].id,
            requested_at=NOW - timedelta(hours=rng.choice((2, 5)))))
    db.session.commit()
    return people, items


def _shown(entries):
    return [(entry.item_id, [(reason.code, reason.since, sorted(reason.facts.items()))
                             for reason in entry.reasons]) for entry in entries]


@pytest.mark.parametrize("reader", ["leader", "head", "coordinator", "admin", "seran"])
def test_every_page_is_its_part_of_the_whole_list(province, reader):
    people, _items = province
    whole = needs_action(people[reader], NOW)
    assert len(whole) > 12
    for per_page in (1, 3, 10, 25):
        pages = [needs_action_page(people[reader], NOW, number, per_page)
                 for number in range(1, len(whole) // per_page + 3)]
        assert {page.total for page in pages} == {len(whole)}
        assert _shown([entry for page in pages for entry in page.items]) == _shown(whole), (
            reader, per_page)


def test_the_escalations_are_the_reminders_own_stages(province, db):
    people, items = province
    today = local_today(NOW)
    policy, calendar = load_policy(), WorkCalendar.load()
    assert not calendar.is_working_day(date(2027, 1, 5))     # Isra Mikraj
    assert calendar.is_working_day(date(2026, 12, 19))       # the admins' override

    def highest(item):
        reached = {due.stage for due in overdue_stages(item.due_date, today, policy, calendar)}
        return next((stage for stage in (ESCALATION_2, ESCALATION_1) if stage in reached), None)

    open_items = [item for item in items if item.status in ("in_progress", "not_started",
                                                            "blocked")]
    leader = {entry.item_id: entry.reasons for entry in needs_action_page(
        people["leader"], NOW, 1, 10_000).items}
    expected = {item.id for item in open_items if highest(item) == ESCALATION_2}
    assert {item_id for item_id, reasons in leader.items()
            if reasons[0].code == ESCALATION_2} == expected
    head = {entry.item_id: entry.reasons[0] for entry in needs_action_page(
        people["head"], NOW, 1, 10_000).items}
    for item in open_items:
        if item.agency_id != people["head"].agency_id or item.due_date >= today:
            continue
        stage = highest(item)
        reason = head[item.id]
        assert reason.code == (stage or "overdue"), item.due_date
        if stage:
            assert reason.since == overdue_stage_began(stage, item.due_date, policy, calendar)
    assert any(reason.code == ESCALATION_1 for reason in head.values())
    assert any(reason.code == "overdue" for reason in head.values())
