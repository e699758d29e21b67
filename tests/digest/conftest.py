"""A small province with known numbers for the digest, and helpers to run it.

The digest week is ISO 2026-W49: Monday 30 Nov 2026 (a working day). Last
week is 23–29 Nov. With every recipient's scope:

    pokja        item                status        due      notes
    Pengawasan   Rapat evaluasi      done          20 Nov   completed Wed 25 Nov (last week)
    Pengawasan   Peta proses bisnis  in_progress   24 Nov   became overdue last week, 40%
    Pengawasan   SOP pengaduan       blocked       10 Nov   overdue, escalated (level 1) last week
    Pengawasan   Survei kepuasan     submitted     20 Dec   90%
    Pengawasan   Reviu LHKPN         not_started    4 Dec   due in the next 14 days
    SDM          Analisis jabatan    in_progress   10 Dec   50%, due in the next 14 days
    SDM          Talenta ASN         not_started   20 Nov   overdue
    SDM          Pelatihan SAKIP     done          30 Oct   completed 10 Nov (not last week)
    Pelayanan    Mal pelayanan       cancelled     30 Oct

Whole plan: 9 items, 2 done, 2 in progress, 1 submitted, 3 overdue, 1 blocked.
Pokja Pengawasan: 5 items, 1 done, 1 in progress, 1 submitted, 2 overdue, 1 blocked.
"""
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

WITA = ZoneInfo("Asia/Makassar")
MONDAY = "2026-11-30T07:30+08:00"
WEEK = "2026-W49"


def wita(year, month, day, hour=7, minute=30):
    """A moment in WITA, as aware UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=WITA).astimezone(timezone.utc)


@dataclass
class Province:
    leader: object
    coordinator: object        # Pengawasan, English
    quiet_coordinator: object  # SDM, turned the digest off
    pelayanan_coordinator: object
    pengawasan: object
    sdm: object
    pelayanan: object
    inspektorat: object
    biro: object
    items: dict


@pytest.fixture
def province(db, make_agency, make_user, make_pokja, make_item, now):
    from rbtasks.outbox.models import OutboxEntry, OutboxMessage
    from rbtasks.rbindex.models import IndexScore

    inspektorat = make_agency(name="Inspektorat Daerah", code="INSP")
    biro = make_agency(name="Biro Organisasi", code="BIRO")
    leader = make_user(role="leader", name="Sekda Ketua", email="ketua@nttprov.go.id",
                       locale="id")
    make_user(role="leader", name="Mantan Ketua", email="mantan@nttprov.go.id", active=False)
    make_user(role="admin", name="Admin", email="admin@nttprov.go.id")
    coordinator = make_user(role="coordinator", name="Maria Koordinator",
                            email="maria@nttprov.go.id", locale="en")
    quiet = make_user(role="coordinator", name="Yosef Koordinator",
                      email="yosef@nttprov.go.id", wants_digest=False, locale="en")
    pelayanan_coordinator = make_user(role="coordinator", name="Agnes Koordinator",
                                      email="agnes@nttprov.go.id", locale="id")
    make_user(role="coordinator", name="Tanpa Pokja", email="tanpa@nttprov.go.id")
    owner = make_user(name="Yohanes Pelaksana", email="yohanes@nttprov.go.id",
                      agency=inspektorat)
    pengawasan = make_pokja(name="Pokja Penguatan Pengawasan", coordinators=[coordinator])
    sdm = make_pokja(name="Pokja Manajemen SDM", coordinators=[quiet])
    pelayanan = make_pokja(name="Pokja Pelayanan Publik", coordinators=[pelayanan_coordinator])

    def item(title, pokja, agency, status, due, progress=0, completed=None):
        return make_item(title=title, pokja=pokja, agency=agency, owner=owner, status=status,
                         due_date=due, progress=progress, completed_at=completed)

    items = {
        "rapat": item("Rapat evaluasi", pengawasan, inspektorat, "done", date(2026, 11, 20),
                      100, completed=wita(2026, 11, 25, 14, 0)),
        "peta": item("Peta proses bisnis", pengawasan, inspektorat, "in_progress",
                     date(2026, 11, 24), 40),
        "sop": item("SOP pengaduan", pengawasan, biro, "blocked", date(2026, 11, 10), 20),
        "survei": item("Survei kepuasan", pengawasan, biro, "submitted", date(2026, 12, 20), 90),
        "lhkpn": item("Reviu LHKPN", pengawasan, inspektorat, "not_started", date(2026, 12, 4)),
        "anjab": item("Analisis jabatan", sdm, biro, "in_progress", date(2026, 12, 10), 50),
        "talenta": item("Talenta ASN", sdm, biro, "not_started", date(2026, 11, 20)),
        "sakip": item("Pelatihan SAKIP", sdm, inspektorat, "done", date(2026, 10, 30), 100,
                      completed=wita(2026, 11, 10, 9, 0)),
        "mal": item("Mal pelayanan", pelayanan, biro, "cancelled", date(2026, 10, 30)),
    }
    # An escalation planned last week (listed) and one planned this week (not).
    for planned_at, stage, key in ((wita(2026, 11, 26), "escalation_1", "sop"),
                                   (wita(2026, 11, 30, 0, 30), "escalation_2", "talenta")):
        message = OutboxMessage(
            kind="reminder", recipient_email="kepala@nttprov.go.id", subject="[RB] eskalasi",
            body_text="-", body_html="-", message_id=f"<{stage}@test>", status="sent",
            planned_at=planned_at, next_attempt_at=planned_at, sent_at=planned_at)
        message.entries = [OutboxEntry(item_id=items[key].id, stage=stage,
                                       due_date=items[key].due_date, period=1,
                                       recipient_email="kepala@nttprov.go.id")]
        db.session.add(message)
    for year, score, target in ((2017, "61.65", None), (2018, "60.15", None),
                                (2019, "60.37", None), (2021, None, "71")):
        db.session.add(IndexScore(year=year, score=score and Decimal(score),
                                  target=target and Decimal(target), updated_at=now))
    db.session.commit()
    return Province(leader=leader, coordinator=coordinator, quiet_coordinator=quiet,
                    pelayanan_coordinator=pelayanan_coordinator, pengawasan=pengawasan,
                    sdm=sdm, pelayanan=pelayanan, inspektorat=inspektorat, biro=biro,
                    items=items)


def seed_snapshot(db, week_start, scope, scope_id=0, **counts):
    """A WeeklySnapshot row as an earlier week's digest would have left it."""
    from rbtasks.snapshots.models import WeeklySnapshot

    values = {"total": 0, "not_started": 0, "in_progress": 0, "submitted": 0, "done": 0,
              "blocked": 0, "cancelled": 0, "overdue": 0, "average_progress": 0}
    db.session.add(WeeklySnapshot(week_start=week_start, scope=scope, scope_id=scope_id,
                                  taken_at=wita(2026, 11, 23), **{**values, **counts}))
    db.session.commit()


def run_digest(runner, *args):
    result = runner.invoke(args=["rb", "digest", *args])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result


def digests(db):
    from rbtasks.outbox.models import OutboxMessage

    return db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.kind == "digest")
                              .order_by(OutboxMessage.recipient_email)).all()
