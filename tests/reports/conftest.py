"""A 2026 plan for the monev report: two areas, their pokja, two agencies.

Rows as the report lists them (by area, then pokja, then due date):
  Manajemen Perubahan      1 Penyusunan road map RB        due 31 Mar, done 30 Mar (on time)
                           2 =HYPERLINK(…)                 due 30 Jun, in progress, TW I–IV
  Penguatan Akuntabilitas  3 Rapat koordinasi (batal)      due 1 Aug, cancelled
                           4 Reviu LKjIP                   due 30 Sep, done 2 Oct WITA (late)
                           5 Evaluasi SAKIP                due 15 Dec, not started
Left out: an item due in 2025 and a deleted one.
"""
from datetime import date, datetime, timezone
from decimal import Decimal
from types import SimpleNamespace

import pytest

from rbtasks.realisation.models import QuarterRealisation

HYPERLINK = '=HYPERLINK("http://contoh.test","Klik")'


def utc(*parts):
    return datetime(*parts, tzinfo=timezone.utc)


@pytest.fixture
def monev(db, make_user, make_agency, make_area, make_pokja, make_item, now):
    biro = make_agency(name="Biro Organisasi Setda NTT", code="BIRO-ORG")
    inspektorat = make_agency(name="Inspektorat Daerah", code="ITDA")
    users = SimpleNamespace(
        leader=make_user(role="leader", locale="id", agency=biro,
                         name="Drs. Benediktus Ndun, M.Si."),
        coordinator=make_user(role="coordinator", locale="id", agency=biro),
        head=make_user(role="agency_head", locale="id", agency=biro),
        owner=make_user(role="member", locale="id", agency=biro,
                        name="Oktavianus Pello, S.H., M.H."),
        auditor=make_user(role="member", locale="id", agency=inspektorat,
                          name="Maria Bessie, S.E., Ak."),
    )
    change = make_area(name="Manajemen Perubahan", position=1)
    accountability = make_area(name="Penguatan Akuntabilitas", position=6)
    pokja_change = make_pokja(name="Pokja Manajemen Perubahan", area=change,
                              coordinators=[users.coordinator], members=[users.owner])
    pokja_accountability = make_pokja(name="Pokja Penguatan Akuntabilitas", area=accountability)

    def item(pokja, title, due, status="in_progress", owner=users.owner, **extra):
        return make_item(pokja=pokja, agency=owner.agency, owner=owner, title=title,
                         due_date=due, status=status, **extra)

    items = SimpleNamespace(
        roadmap=item(pokja_change, "Penyusunan road map RB", date(2026, 3, 31), "done",
                     completed_at=utc(2026, 3, 30, 2, 0), output="Dokumen road map",
                     indicator="Road map ditetapkan", target="1", unit="dokumen"),
        formula=item(pokja_change, HYPERLINK, date(2026, 6, 30), output="+62 812 3456 7890",
                     target="10", unit="kegiatan"),
        cancelled=item(pokja_accountability, "Rapat koordinasi (batal)", date(2026, 8, 1),
                       "cancelled", owner=users.auditor),
        lkjip=item(pokja_accountability, "Reviu LKjIP", date(2026, 9, 30), "done",
                   owner=users.auditor, completed_at=utc(2026, 10, 1, 17, 0)),
        sakip=item(pokja_accountability, "Evaluasi SAKIP", date(2026, 12, 15), "not_started",
                   owner=users.auditor),
        last_year=item(pokja_change, "Rencana aksi tahun lalu", date(2025, 12, 31)),
        deleted=item(pokja_change, "Entri ganda", date(2026, 5, 5), deleted_at=now),
    )
    for quarter, target, realised, obstacles, follow_up in (
            (1, "2", "1", "", ""), (2, "2", "1", "Narasumber berhalangan", "Jadwal ulang"),
            (3, "2", "2", "Anggaran belum cair", "Koordinasi dengan BPKAD"),
            (4, "4", "3", "", "")):
        db.session.add(QuarterRealisation(
            item_id=items.formula.id, quarter=quarter, target=Decimal(target),
            realisation=Decimal(realised), obstacles=obstacles, follow_up=follow_up))
    db.session.add(QuarterRealisation(item_id=items.roadmap.id, quarter=1, target=Decimal(1),
                                      realisation=Decimal(1)))
    db.session.commit()
    return SimpleNamespace(users=users, items=items, biro=biro, inspektorat=inspektorat,
                           pokja_change=pokja_change, pokja_accountability=pokja_accountability)
