"""The quarterly monev report prints on A4 landscape: no navigation or selectors, the
table within the printed width, its header repeated on every printed page."""
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.browser.test_print import PRINTED_WIDTH, _printed


@pytest.fixture
def report_plan(make_user, make_agency, make_area, make_pokja, make_item, db):
    from rbtasks.realisation.models import QuarterRealisation

    agency = make_agency(name="Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
                         code="BAPPELITBANGDA")
    coordinator = make_user(role="coordinator", name="Hendrikus Nalle", agency=agency, locale="id")
    owner = make_user(name="Dr. Maria Bessie, S.Kom., M.T.", agency=agency)
    pokja = make_pokja(name="Pokja Peningkatan Kualitas Pelayanan Publik",
                       area=make_area(name="Peningkatan Kualitas Pelayanan Publik"),
                       coordinators=[coordinator])
    for number in range(40):  # more than one printed page
        item = make_item(
            pokja=pokja, agency=agency, owner=owner, due_date=date(2026, 1 + number % 9, 15),
            status="done" if number % 2 else "in_progress",
            completed_at=datetime(2026, 1 + number % 9, 10, 2, tzinfo=timezone.utc)
            if number % 2 else None,
            title=f"Mengintegrasikan kanal pengaduan masyarakat dengan SP4N-LAPOR! tahap {number}",
            output="Kanal pengaduan terintegrasi", indicator="Persentase pengaduan ditindaklanjuti",
            target="100", unit="persen")
        db.session.add(QuarterRealisation(
            item_id=item.id, quarter=3, target=Decimal("1000000"), realisation=Decimal("750000"),
            obstacles="Jaringan internet di kecamatan belum stabil",
            follow_up="Koordinasi dengan Dinas Kominfo untuk penguatan jaringan"))
    db.session.commit()
    return coordinator


def test_the_report_prints_on_a4_landscape(page, live_server, sign_in, report_plan):
    sign_in(report_plan)
    page.set_viewport_size({"width": PRINTED_WIDTH, "height": 800})
    page.goto(live_server + "/reports/quarterly?year=2026&quarter=3")
    expect(page.locator("main h1")).to_contain_text("TW III Tahun 2026")
    expect(page.locator("form.report-form")).to_be_visible()

    _printed(page)

    expect(page.locator("form.report-form")).to_be_hidden()
    expect(page.locator("table.report-table tbody tr")).to_have_count(40)
    assert page.evaluate("getComputedStyle(document.querySelector('table.report-table thead'))"
                         ".display") == "table-header-group"
