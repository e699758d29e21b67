"""GET /api/v1/items.xlsx and .csv, and the list page's download links."""
import csv
import io
import re
from datetime import date
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

from openpyxl import load_workbook

from rbtasks.timeutil import local_today, utc_now

INDONESIAN_HEADERS = ["No", "Area perubahan", "Rencana aksi", "Output / Keluaran", "Indikator",
                      "Target", "Satuan"]
TITLE = "Rencana aksi"


def _workbook(response):
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return load_workbook(io.BytesIO(response.get_data())).active


def _records(sheet):
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def _attachment_name(response):
    match = re.search(r'filename="?([^";]+)', response.headers["Content-Disposition"])
    assert response.headers["Content-Disposition"].startswith("attachment")
    return match.group(1)


def test_xlsx_in_indonesian_with_real_dates_and_numbers(api, plan):
    response = api(plan["coordinator"]).get("/api/v1/items.xlsx")
    sheet = _workbook(response)
    today = local_today(utc_now())
    assert _attachment_name(response) == f"rencana-aksi-{today.isoformat()}.xlsx"
    assert response.headers["Cache-Control"] == "private, no-store"
    headers = [cell.value for cell in sheet[1]]
    assert headers[:7] == INDONESIAN_HEADERS
    assert {"Penanggung Jawab", "Perangkat Daerah", "Anggaran (Rp)", "Batas Waktu",
            "Target TW I", "Realisasi TW IV", "Kendala", "Data Dukung"} <= set(headers)
    records = _records(sheet)
    sop = records[2]
    assert sop[TITLE] == "Menyusun SOP pelayanan administrasi perkantoran"
    assert sop["Penanggung Jawab"] == "Oktavianus Pello, S.H., M.H."
    assert sop["Batas Waktu"].date() == date(2026, 12, 31)
    assert sop["Anggaran (Rp)"] == 15_000_000
    assert sop["Target TW II"] == 4.5 and sop["Realisasi TW II"] == 2.25
    assert sop["Status"] == "Berjalan" and sop["Progres (%)"] == 45


def test_xlsx_headers_follow_an_english_readers_language(api, plan, make_user):
    reader = make_user(role="leader", locale="en")
    sheet = _workbook(api(reader).get("/api/v1/items.xlsx"))
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["No.", "Area of change", "Action"]
    assert "Person in charge" in headers and "Budget (Rp)" in headers
    assert [record["Action"] for record in _records(sheet)][-1] == (
        "Menyusun SOP pelayanan administrasi perkantoran")
    assert len(_records(sheet)) == 4  # a leader sees every pokja


def test_filters_and_sort_are_those_of_the_list(api, plan):
    client = api(plan["coordinator"])
    listed = client.get("/api/v1/items?status=in_progress,not_started&sort=-due_date")
    sheet = _workbook(client.get("/api/v1/items.xlsx?status=in_progress,not_started"
                                 "&sort=-due_date&page=2&per_page=1"))
    assert [record[TITLE] for record in _records(sheet)] == [
        item["title"].replace("=", "'=", 1) for item in listed.get_json()["data"]]
    assert listed.get_json()["meta"]["total"] == 2


def test_an_owner_gets_only_what_they_may_see(api, plan):
    sheet = _workbook(api(plan["owner"]).get("/api/v1/items.xlsx"))
    titles = [record[TITLE] for record in _records(sheet)]
    assert "Audit kinerja Inspektorat Daerah" not in titles and len(titles) == 3


def test_formulas_are_neutralised_in_both_files(api, plan):
    client = api(plan["coordinator"])
    hostile = _records(_workbook(client.get("/api/v1/items.xlsx?q=hyperlink")))[0]
    assert hostile[TITLE] == '\'=HYPERLINK("http://contoh.invalid","Klik")'
    assert (hostile["Output / Keluaran"], hostile["Target"], hostile["Satuan"]) == (
        "'+62 812 3456 7890", "'-1", "'@SUM(A1:A9)")
    text = client.get("/api/v1/items.csv?q=hyperlink").get_data().decode("utf-8-sig")
    row = list(csv.DictReader(io.StringIO(text), delimiter=";"))[0]
    assert row[TITLE] == '\'=HYPERLINK("http://contoh.invalid","Klik")'
    assert (row["Output / Keluaran"], row["Target"], row["Satuan"]) == (
        "'+62 812 3456 7890", "'-1", "'@SUM(A1:A9)")


def test_csv_is_utf8_with_bom_for_excel(api, plan):
    response = api(plan["coordinator"]).get("/api/v1/items.csv?sort=-due_date")
    assert response.status_code == 200
    assert response.mimetype == "text/csv" and response.mimetype_params["charset"] == "utf-8"
    assert _attachment_name(response) == f"rencana-aksi-{local_today(utc_now()).isoformat()}.csv"
    data = response.get_data()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    sop = rows[0]
    assert sop["Penanggung Jawab"] == "Oktavianus Pello, S.H., M.H."
    assert sop["Perangkat Daerah"] == "Biro Organisasi Setda Provinsi NTT"
    assert (sop["Batas Waktu"], sop["Anggaran (Rp)"]) == ("31/12/2026", "15000000")
    assert (sop["Target TW II"], sop["Realisasi TW II"]) == ("4,5", "2,25")
    assert sop["Data Dukung"] == "https://ntt.go.id/rb/notulen-sop"


def test_bad_filters_are_the_lists_422(api, plan):
    client = api(plan["coordinator"])
    for url in ("/api/v1/items.xlsx?status=selesai&due_before=32/13/2026",
                "/api/v1/items.csv?status=selesai&due_before=32/13/2026"):
        response = client.get(url)
        assert response.status_code == 422
        listed = client.get("/api/v1/items?status=selesai&due_before=32/13/2026")
        assert response.get_json() == listed.get_json()
        assert set(response.get_json()["error"]["fields"]) == {"status", "due_before"}


def test_the_api_wants_a_token(client, plan):
    for url in ("/api/v1/items.xlsx", "/api/v1/items.csv"):
        assert client.get(url).status_code == 401


def test_list_page_links_carry_the_filters_in_force(login, plan):
    client = login(plan["coordinator"])
    page = client.get(f"/items?status=in_progress&pokja_id={plan['pokja'].id}&q=SOP"
                      "&sort=-due_date&page=1&per_page=10").get_data(as_text=True)
    links = dict((text, href.replace("&amp;", "&")) for href, text in re.findall(
        r'<a class="button" href="([^"]+)" download>([^<]+)</a>', page))
    assert set(links) == {"Unduh Excel", "Unduh CSV"}
    xlsx = urlsplit(links["Unduh Excel"])
    assert xlsx.path == "/items.xlsx" and urlsplit(links["Unduh CSV"]).path == "/items.csv"
    assert parse_qs(xlsx.query) == {"status": ["in_progress"], "pokja_id": [str(plan["pokja"].id)],
                                    "q": ["SOP"], "sort": ["-due_date"]}
    sheet = _workbook(client.get(links["Unduh Excel"]))
    assert [record[TITLE] for record in _records(sheet)] == [
        "Menyusun SOP pelayanan administrasi perkantoran"]
    text = client.get(links["Unduh CSV"]).get_data().decode("utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(text), delimiter=";"))) == 1


def test_page_download_needs_a_sign_in_and_refuses_bad_filters(client, login, plan):
    response = client.get("/items.xlsx")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    refused = login(plan["coordinator"]).get("/items.csv?overdue=kadang")
    assert refused.status_code == 422
    assert "Beberapa filter tidak valid" in refused.get_data(as_text=True)


def test_csv_values_read_back_with_the_apps_own_parsers(api, plan):
    from rbtasks.numbers import parse_amount, parse_rupiah
    from rbtasks.spreadsheets.columns import field_for_header
    from rbtasks.timeutil import parse_date_text

    response = api(plan["coordinator"]).get("/api/v1/items.csv?q=SOP")
    data = response.get_data()
    assert int(response.headers["Content-Length"]) == len(data)
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    row = {field_for_header(header): value for header, value in zip(lines[0], lines[1])}
    sop = plan["sop"]
    assert parse_date_text(row["due_date"]) == sop.due_date
    assert parse_rupiah(row["budget"]) == sop.budget
    assert parse_amount(row["tw2_realisation"]) == Decimal("2.25")
    assert int(row["progress"]) == sop.progress
    assert (row["title"], row["owner"], row["agency"]) == (
        sop.title, "Oktavianus Pello, S.H., M.H.", "Biro Organisasi Setda Provinsi NTT")
