"""A pokja's rencana aksi as Biro Organisasi keeps it, for the export tests."""
from datetime import date
from decimal import Decimal

import pytest


@pytest.fixture
def plan(db, make_user, make_agency, make_area, make_pokja, make_item, now):
    """Pokja Penataan Tatalaksana with three items (one with quarters and
    evidence, one hostile to spreadsheets), and another pokja's item."""
    from rbtasks.evidence.services import add_link_evidence
    from rbtasks.realisation.models import QuarterRealisation

    biro = make_agency(name="Biro Organisasi Setda Provinsi NTT", code="BIRO-ORG")
    dpmptsp = make_agency(name="Dinas Penanaman Modal dan PTSP", code="DPMPTSP")
    owner = make_user(role="member", agency=biro, name="Oktavianus Pello, S.H., M.H.",
                      email="oktavianus.pello@nttprov.go.id", locale="id")
    investor = make_user(role="member", agency=dpmptsp, name="Drs. Benediktus Ndun, M.Si.",
                         email="benediktus.ndun@nttprov.go.id", locale="id")
    coordinator = make_user(role="coordinator", agency=biro, name="Maria Goreti Lake, S.E.",
                            locale="id")
    area = make_area(name="Penataan Tatalaksana")
    pokja = make_pokja(name="Pokja Penataan Tatalaksana", area=area,
                       coordinators=[coordinator], members=[owner, investor])
    other = make_pokja(name="Pokja Penguatan Pengawasan", area=make_area(
        name="Penguatan Pengawasan"))
    sop = make_item(pokja=pokja, agency=biro, owner=owner, status="in_progress",
                    title="Menyusun SOP pelayanan administrasi perkantoran",
                    output="Dokumen SOP", indicator="Jumlah SOP yang ditetapkan",
                    target="12", unit="dokumen", budget=15_000_000,
                    due_date=date(2026, 12, 31), progress=45,
                    description="Sesuai Permenpan RB No. 35 Tahun 2012")
    db.session.add_all([
        QuarterRealisation(item_id=sop.id, quarter=1, target=Decimal("3"),
                           realisation=Decimal("3"), obstacles="", follow_up=""),
        QuarterRealisation(item_id=sop.id, quarter=2, target=Decimal("4.5"),
                           realisation=Decimal("2.25"),
                           obstacles="Narasumber dari KemenPANRB berhalangan",
                           follow_up="Menjadwalkan ulang bimbingan teknis"),
    ])
    db.session.commit()
    add_link_evidence(owner, sop, "notulen", "Notulen rapat",
                      "https://ntt.go.id/rb/notulen-sop", now)
    db.session.commit()
    hostile = make_item(pokja=pokja, agency=dpmptsp, owner=investor, status="not_started",
                        title='=HYPERLINK("http://contoh.invalid","Klik")',
                        output="+62 812 3456 7890", target="-1", unit="@SUM(A1:A9)",
                        due_date=date(2026, 9, 30))
    unowned = make_item(pokja=pokja, agency=biro, status="done", progress=100,
                        title="Reviu peta proses bisnis", due_date=date(2026, 6, 30))
    hidden = make_item(pokja=other, agency=biro, title="Audit kinerja Inspektorat Daerah",
                       due_date=date(2026, 8, 31))
    return {"pokja": pokja, "other": other, "owner": owner, "investor": investor,
            "coordinator": coordinator, "biro": biro, "dpmptsp": dpmptsp, "sop": sop,
            "hostile": hostile, "unowned": unowned, "hidden": hidden}
