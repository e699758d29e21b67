"""A small plan with every kind of item, built relative to a given day.

Items (pokja, agency, owner, status, due = today + offset, progress):
  1  P1 A1 m1 in_progress  -5  40   overdue
  2  P1 A2 m2 not_started -23   0   overdue
  3  P2 A1 m1 blocked      -1  10   overdue
  4  P1 A1 m1 submitted   -24 100   waiting for verification, not overdue
  5  P2 A2 m2 done        -55 100
  6  P1 A1 -  cancelled   -55  30   left out of the average progress
  7  P2 A1 m2 in_progress   0  50   due today: due soon, not overdue
  8  P1 A2 m1 not_started  14   0   the last day of the 14-day window
  9  P3 A2 m2 not_started  15   0   just outside the window
 10  P1 A1 m1 in_progress -30   0   deleted: never counted
 11  P3 A1 m1 done         -3 100
"""
from datetime import timedelta
from types import SimpleNamespace

import pytest

ITEMS = (
    ("P1", "A1", "m1", "in_progress", -5, 40),
    ("P1", "A2", "m2", "not_started", -23, 0),
    ("P2", "A1", "m1", "blocked", -1, 10),
    ("P1", "A1", "m1", "submitted", -24, 100),
    ("P2", "A2", "m2", "done", -55, 100),
    ("P1", "A1", None, "cancelled", -55, 30),
    ("P2", "A1", "m2", "in_progress", 0, 50),
    ("P1", "A2", "m1", "not_started", 14, 0),
    ("P3", "A2", "m2", "not_started", 15, 0),
    ("P1", "A1", "m1", "in_progress", -30, 0),
    ("P3", "A1", "m1", "done", -3, 100),
)
DELETED = 10


@pytest.fixture
def build_plan(db, make_user, make_agency, make_pokja, make_item, now):
    """``build_plan(today)`` creates the plan above and returns its rows."""

    def build(today):
        a1 = make_agency(name="Biro Organisasi", code="BIRO-ORG")
        a2 = make_agency(name="Inspektorat Daerah", code="INSP")
        users = SimpleNamespace(
            leader=make_user(role="leader", locale="en", agency=a1),
            admin=make_user(role="admin", locale="en", agency=a1),
            coord1=make_user(role="coordinator", locale="en", agency=a1),
            coord12=make_user(role="coordinator", locale="en", agency=a2),
            head1=make_user(role="agency_head", locale="en", agency=a1),
            m1=make_user(role="member", locale="en", agency=a1),
            m2=make_user(role="member", locale="en", agency=a2),
        )
        # Pokja membership lets people see more items than their dashboard
        # counts, so a link that forgot the scope would show too many.
        pokjas = {
            "P1": make_pokja(name="Pokja Akuntabilitas",
                             coordinators=[users.coord1, users.coord12]),
            "P2": make_pokja(name="Pokja Pelayanan Publik", coordinators=[users.coord12],
                             members=[users.m1, users.coord1]),
            "P3": make_pokja(name="Pokja Tatalaksana", members=[users.head1]),
        }
        agencies = {"A1": a1, "A2": a2}
        owners = {"m1": users.m1, "m2": users.m2, None: None}
        items = {}
        for number, (pokja, agency, owner, status, offset, progress) in enumerate(ITEMS, 1):
            values = dict(pokja=pokjas[pokja], agency=agencies[agency], owner=owners[owner],
                          status=status, due_date=today + timedelta(days=offset),
                          progress=progress, title=f"Rencana aksi nomor {number}")
            if number == DELETED:
                values["deleted_at"] = now
            items[number] = make_item(**values)
        return SimpleNamespace(users=users, pokjas=pokjas, agencies=agencies, items=items,
                               today=today)

    return build
