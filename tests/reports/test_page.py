"""The printable quarterly report page, its print CSS and its .xlsx link."""
import io

from openpyxl import load_workbook


def test_the_page_shows_the_report_in_indonesian(monev, login):
    client = login(monev.users.leader)
    response = client.get("/reports/quarterly?year=2026&quarter=3")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert ("Laporan Monitoring dan Evaluasi Rencana Aksi Reformasi Birokrasi — TW III Tahun 2026"
            in html)
    assert "Cakupan: Seluruh rencana aksi" in html
    assert "Anggaran belum cair" in html and "Koordinasi dengan BPKAD" in html
    assert "Oktavianus Pello, S.H., M.H." in html
    assert '<td class="area" rowspan="2">Manajemen Perubahan</td>' in html
    assert '<td class="area" rowspan="3">Penguatan Akuntabilitas</td>' in html
    # escaped, never markup
    assert "=HYPERLINK(&#34;http://contoh.test&#34;,&#34;Klik&#34;)" in html
    assert f"http://rbtasks.test/items/{monev.items.formula.id}#evidence" in html
    assert "Tingkat implementasi rencana aksi" in html and "33,3%" in html
    assert "Tingkat penyelesaian" in html and "66,7%" in html
    assert "Rencana aksi tahun lalu" not in html and "Entri ganda" not in html
    assert "/reports/quarterly.xlsx?year=2026&amp;quarter=3" in html
    assert "/reports/static/report.css" in html


def test_the_print_css_sets_a4_landscape_and_repeats_the_header(monev, login):
    client = login(monev.users.leader)
    css = client.get("/reports/static/report.css").get_data(as_text=True)
    assert "@media print" in css
    assert "size: A4 landscape" in css
    assert "thead { display: table-header-group; }" in css
    assert ".topbar, .report-form" in css  # navigation and the form stay off the paper


def test_the_selectors_offer_what_the_user_oversees(monev, login):
    html = login(monev.users.coordinator).get("/reports/quarterly").get_data(as_text=True)
    assert "Pokja Manajemen Perubahan" in html
    assert "Pokja Penguatan Akuntabilitas" not in html
    assert 'name="year"' in html and 'name="quarter"' in html and 'method="get"' in html


def test_the_page_download_is_the_same_workbook(monev, login):
    response = login(monev.users.leader).get("/reports/quarterly.xlsx?year=2026&quarter=3")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    assert sheet["A1"].value.endswith("TW III Tahun 2026")


def test_a_bad_quarter_is_explained_on_the_page(monev, login):
    response = login(monev.users.leader).get("/reports/quarterly?year=2026&quarter=5")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Triwulan harus 1, 2, 3, atau 4." in html
    assert "Anggaran belum cair" not in html


def test_without_arguments_the_page_shows_this_quarter(monev, login):
    response = login(monev.users.leader).get("/reports/quarterly")
    assert response.status_code == 200
    assert "Laporan Monitoring dan Evaluasi" in response.get_data(as_text=True)
