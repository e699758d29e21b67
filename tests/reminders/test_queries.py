"""The sweep asks the database the same number of questions for 10 items as
for 300: items are loaded with their pokja, agency and owner in one query,
the people and the planned keys in one query each, and rows are inserted
in batches (up to 1,000 rows a statement)."""
from datetime import date, timedelta

import pytest

from rbtasks.items.models import ActionItem
from rbtasks.reminders.sweep import plan_reminders
from tests.queries import counting_queries
from tests.reminders.conftest import wita

# Every statement on the engine is counted: no harness SAVEPOINTs among them.
pytestmark = pytest.mark.real_commits



def add_items(db, count, owners, pokja, now):
    """A mix of every stage: escalated, overdue, due soon, waiting."""
    kinds = [
        {"due_date": date(2026, 11, 2)},                                      # escalations
        {"due_date": date(2026, 11, 24)}, {"due_date": date(2026, 11, 24)},
        {"due_date": date(2026, 11, 23)},                                     # overdue
        {"due_date": date(2026, 11, 26)}, {"due_date": date(2026, 11, 27)},
        {"due_date": date(2026, 12, 2)},                                      # due soon
        {"due_date": date(2026, 12, 15), "status": "submitted",
         "submitted_at": wita(2026, 11, 19, 9)},                              # waiting
        {"due_date": date(2027, 3, 31)},                                      # nothing yet
        {"due_date": date(2026, 11, 2), "status": "done"},                    # nothing
    ]
    for index in range(count):
        owner = owners[index % len(owners)]
        values = {"status": "in_progress", **kinds[index % len(kinds)]}
        db.session.add(ActionItem(
            title=f"Rencana aksi {index}", pokja=pokja, agency_id=owner.agency_id,
            owner=owner, progress=0, priority="normal", created_at=now, updated_at=now,
            **values))
    db.session.commit()


def sweep_statements(db, moment):
    try:
        with counting_queries(db.engine) as statements:
            report = plan_reminders(moment)
    finally:
        db.session.rollback()  # leave the outbox empty for the next count
    return [statement.split(None, 1)[0].upper() for statement in statements], report


def test_the_number_of_queries_does_not_grow_with_the_items(
        db, make_agency, make_user, make_pokja, now):
    agencies = [make_agency() for _ in range(5)]
    owners = [make_user(agency=agencies[n % 5]) for n in range(20)]
    make_user(role="leader")
    pokja = make_pokja(coordinators=[make_user(role="coordinator")])
    moment = wita(2026, 11, 25)

    add_items(db, 10, owners, pokja, now)
    small, small_report = sweep_statements(db, moment)
    add_items(db, 290, owners, pokja, now + timedelta(seconds=1))
    large, large_report = sweep_statements(db, moment)

    assert small_report.entries == 11 and large_report.entries == 330
    assert len(large_report.messages) > len(small_report.messages)
    assert len(small) == len(large), (small, large)
    assert small.count("SELECT") == large.count("SELECT") <= 10
