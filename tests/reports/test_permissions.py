"""Who may ask for the monev report, for which scope, and what bad arguments get."""
import io

import pytest
from openpyxl import load_workbook

URL = "/api/v1/reports/quarterly.xlsx?year=2026&quarter=3"


def _titles(response):
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    titles = []
    for number in range(6, sheet.max_row + 1):
        if sheet.cell(number, 1).value is None:
            break
        titles.append(sheet.cell(number, 3).value)
    return sheet["A2"].value, titles


def test_a_coordinator_gets_their_pokja(monev, api):
    scope, titles = _titles(api(monev.users.coordinator).get(URL))
    assert scope == "Cakupan: Pokja Manajemen Perubahan"
    assert titles[0] == "Penyusunan road map RB" and len(titles) == 2


def test_an_agency_head_gets_their_agency(monev, api):
    scope, titles = _titles(api(monev.users.head).get(URL))
    assert scope == "Cakupan: Biro Organisasi Setda NTT"
    assert "Reviu LKjIP" not in titles and len(titles) == 2


def test_a_leader_narrows_to_a_pokja_and_an_agency(monev, api):
    client = api(monev.users.leader)
    scope, titles = _titles(client.get(f"{URL}&pokja_id={monev.pokja_accountability.id}"))
    assert scope == "Cakupan: Pokja Penguatan Akuntabilitas"
    assert titles == ["Rapat koordinasi (batal)", "Reviu LKjIP", "Evaluasi SAKIP"]
    scope, titles = _titles(client.get(f"{URL}&agency_id={monev.inspektorat.id}"))
    assert scope == "Cakupan: Inspektorat Daerah" and len(titles) == 3


@pytest.mark.parametrize("who, query, status", [
    ("coordinator", "pokja_id={accountability}", 403),
    ("head", "agency_id={inspektorat}", 403),
    ("owner", "", 403),
    ("leader", "pokja_id=987654", 404),
    ("leader", "agency_id=987654", 404),
])
def test_what_the_user_does_not_oversee_is_refused(monev, api, who, query, status):
    query = query.format(accountability=monev.pokja_accountability.id,
                         inspektorat=monev.inspektorat.id)
    response = api(getattr(monev.users, who)).get(f"{URL}&{query}")
    assert response.status_code == status
    assert response.get_json()["error"]["message"]


def test_pages_refuse_the_same(monev, login):
    assert login(monev.users.owner).get("/reports/quarterly").status_code == 403
    response = login(monev.users.coordinator).get(
        f"/reports/quarterly?pokja_id={monev.pokja_accountability.id}")
    assert response.status_code == 403
    assert "Laporan monev hanya untuk Tim RB" in response.get_data(as_text=True)


@pytest.mark.parametrize("query, field", [
    ("year=abc&quarter=1", "year"), ("year=1999&quarter=1", "year"),
    ("year=2026&quarter=0", "quarter"), ("year=2026&quarter=5", "quarter"),
    ("year=2026&quarter=IV", "quarter"), ("year=2026&pokja_id=x", "pokja_id"),
])
def test_bad_arguments_answer_422_naming_the_argument(monev, api, query, field):
    response = api(monev.users.leader).get(f"/api/v1/reports/quarterly.xlsx?{query}")
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_without_a_token_there_is_no_report(client):
    assert client.get(URL).status_code == 401
