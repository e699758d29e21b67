"""A small province for the sweep: an owner in an agency, a pokja with a
coordinator, an RB team leader, and a helper for moments in WITA."""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

WITA = ZoneInfo("Asia/Makassar")


def wita(year, month, day, hour=7, minute=30):
    """A sweep moment: 07:30 WITA on the given day, as aware UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=WITA).astimezone(timezone.utc)


class Province:
    def __init__(self, agency, owner, coordinator, leader, pokja):
        self.agency = agency
        self.owner = owner
        self.coordinator = coordinator
        self.leader = leader
        self.pokja = pokja


@pytest.fixture
def province(make_agency, make_user, make_pokja):
    agency = make_agency(name="Inspektorat Daerah", head_name="Kepala Inspektorat",
                         head_email="Kepala.Inspektorat@NTTprov.go.id")
    # Indonesian readers, the default for people in the province
    owner = make_user(name="Yohanes Owner", agency=agency, locale="id")
    coordinator = make_user(role="coordinator", name="Maria Koordinator", locale="id")
    leader = make_user(role="leader", name="Sekda Ketua", locale="id")
    make_user(role="leader", name="Former Leader", active=False)
    pokja = make_pokja(name="Pokja Penguatan Pengawasan", coordinators=[coordinator],
                       members=[owner])
    return Province(agency, owner, coordinator, leader, pokja)


def outbox_keys(db):
    """Every planned entry as (recipient, stage, item id, due date, period)."""
    from rbtasks.outbox.models import OutboxEntry

    rows = db.session.execute(sa.select(
        OutboxEntry.recipient_email, OutboxEntry.stage, OutboxEntry.item_id,
        OutboxEntry.due_date, OutboxEntry.period))
    return sorted(tuple(row) for row in rows)


def messages(db):
    from rbtasks.outbox.models import OutboxMessage

    query = sa.select(OutboxMessage).order_by(OutboxMessage.recipient_email)
    return db.session.scalars(query).all()
