"""The rates in GET /api/v1/summary and on the dashboard (the real clock: the edges read it)."""
from datetime import datetime, time, timedelta, timezone

import pytest
from jsonschema import Draft202012Validator

from rbtasks.timeutil import local_today, province_zone, utc_now


@pytest.fixture
def plan(app, make_user, make_agency, make_pokja, make_item):
    """Two pokja, two agencies; due dates relative to today (WITA)."""
    today = local_today(utc_now())
    biro = make_agency(name="Biro Organisasi Setda NTT", code="BIRO-ORG")
    bkd = make_agency(name="Badan Kepegawaian Daerah", code="BKD")
    coordinator = make_user(role="coordinator", name="Drs. Benediktus Ndun, M.Si.",
                            agency=biro)
    leader = make_user(role="leader", name="Oktavianus Pello, S.H., M.H.", agency=biro,
                       locale="id")
    akuntabilitas = make_pokja(name="Pokja Penguatan Akuntabilitas", coordinators=[coordinator])
    sdm = make_pokja(name="Pokja Penataan Sistem Manajemen SDM")

    def verified_on(day, hour_wita):
        local = datetime.combine(day, time(hour_wita), tzinfo=province_zone())
        return local.astimezone(timezone.utc)

    def item(pokja, agency, due_offset, status="in_progress", completed=None):
        due = today + timedelta(days=due_offset)
        return make_item(pokja=pokja, agency=agency, due_date=due, status=status,
                         completed_at=completed)

    last_week = today - timedelta(days=7)
    # Akuntabilitas: 3 due, 2 verified (one on its due date, one two days late)
    item(akuntabilitas, biro, -7, "done", verified_on(last_week, 16))
    item(akuntabilitas, bkd, -7, "done", verified_on(last_week + timedelta(days=2), 9))
    item(akuntabilitas, biro, -2)
    item(akuntabilitas, biro, -3, "cancelled")
    item(akuntabilitas, bkd, 30)
    # SDM: 1 due, verified early
    item(sdm, bkd, -1, "done", verified_on(last_week, 10))
    return dict(leader=leader, coordinator=coordinator, akuntabilitas=akuntabilitas, sdm=sdm,
                biro=biro, bkd=bkd)


def _schema(client):
    document = client.get("/api/v1/openapi.json").get_json()
    schema = document["paths"]["/summary"]["get"]["responses"]["200"]["content"][
        "application/json"]["schema"]
    return Draft202012Validator({**schema, "components": document["components"]})


def test_the_summary_gives_the_implementation_and_completion_rates(plan, api, client):
    body = api(plan["leader"]).get("/api/v1/summary").get_json()
    assert not list(_schema(client).iter_errors(body))
    assert body["rate_counts"] == {"due": 4, "completed": 3, "completed_on_time": 2}
    assert body["implementation_rate"] == pytest.approx(0.5)
    assert body["completion_rate"] == pytest.approx(0.75)
    pokjas = {row["name"]: row for row in body["pokjas"]}
    assert pokjas["Pokja Penguatan Akuntabilitas"]["implementation_rate"] == pytest.approx(1 / 3)
    assert pokjas["Pokja Penguatan Akuntabilitas"]["completion_rate"] == pytest.approx(2 / 3)
    assert pokjas["Pokja Penataan Sistem Manajemen SDM"]["implementation_rate"] == 1.0
    agencies = {row["code"]: row for row in body["agencies"]}
    assert agencies["BIRO-ORG"]["implementation_rate"] == pytest.approx(0.5)
    assert agencies["BKD"]["implementation_rate"] == pytest.approx(0.5)
    assert agencies["BKD"]["completion_rate"] == 1.0


def test_the_rates_follow_the_coordinators_scope(plan, api):
    body = api(plan["coordinator"]).get("/api/v1/summary").get_json()
    assert body["implementation_rate"] == pytest.approx(1 / 3)
    assert body["rate_counts"]["due"] == 3


def test_with_nothing_due_the_rates_are_null(api, make_user, make_pokja, make_item):
    coordinator = make_user(role="coordinator")
    pokja = make_pokja(coordinators=[coordinator])
    make_item(pokja=pokja, due_date=local_today(utc_now()) + timedelta(days=10))
    body = api(coordinator).get("/api/v1/summary").get_json()
    assert body["implementation_rate"] is None and body["completion_rate"] is None
    assert body["pokjas"][0]["implementation_rate"] is None


def test_the_dashboard_shows_the_implementation_rate_in_indonesian(plan, login):
    html = login(plan["leader"]).get("/dashboard").get_data(as_text=True)
    assert "Tingkat implementasi rencana aksi" in html
    assert "50,0%" in html  # overall
    assert "33,3%" in html  # Pokja Penguatan Akuntabilitas
    assert "Laporan monev TW" in html


def test_the_dashboard_links_the_report_for_the_chosen_pokja(plan, login):
    pokja = plan["akuntabilitas"]
    html = login(plan["leader"]).get(f"/dashboard?pokja_id={pokja.id}").get_data(as_text=True)
    assert f"/reports/quarterly?year=" in html and f"pokja_id={pokja.id}" in html


def test_a_member_sees_no_report_link(login, make_user):
    html = login(make_user(role="member")).get("/dashboard").get_data(as_text=True)
    assert "/reports/quarterly" not in html
