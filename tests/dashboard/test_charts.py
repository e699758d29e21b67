"""Charts are drawn on the server: valid images, behind the login, private to the user."""
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from flask_babel import force_locale

from rbtasks.dashboard import charts
from rbtasks.dashboard.history import overdue_per_week
from rbtasks.dashboard.summary import summarise
from rbtasks.snapshots.models import WeeklySnapshot
from rbtasks.timeutil import local_today

PNG = b"\x89PNG\r\n\x1a\n"
NTT = [(2017, Decimal("61.65"), None), (2018, Decimal("60.15"), None),
       (2019, Decimal("60.37"), None), (2021, None, Decimal("71.00"))]


@pytest.fixture
def plan(build_plan, now, app):
    return build_plan(local_today(now))


def _ntt_scores():
    return [SimpleNamespace(year=year, score=score, target=target) for year, score, target in NTT]


def _snapshot(monday, overdue, now, scope="all", scope_id=0):
    return WeeklySnapshot(week_start=monday, scope=scope, scope_id=scope_id, total=10,
                          overdue=overdue, average_progress=Decimal("0"), taken_at=now)


def test_every_chart_draws_png_and_svg(plan, now, app):
    summary = summarise(plan.users.leader, now)
    history = [SimpleNamespace(week_start=date(2026, 11, 2) + timedelta(weeks=n), overdue=n)
               for n in range(4)]
    with app.test_request_context():
        images = [charts.status_per_pokja_png(summary), charts.overdue_per_week_png(history),
                  charts.index_by_year_png(_ntt_scores())]
        svg = charts.index_by_year_png(_ntt_scores(), format="svg")
    for image in images:
        assert image.startswith(PNG)
        assert len(image) > 5_000  # something was drawn
    assert b"<svg" in svg[:500]


def test_charts_with_no_data_still_draw(make_user, now, app):
    summary = summarise(make_user(role="leader"), now)
    with app.test_request_context():
        for image in (charts.status_per_pokja_png(summary), charts.overdue_per_week_png([]),
                      charts.index_by_year_png([])):
            assert image.startswith(PNG)


def test_alt_texts_carry_the_numbers(plan, now, app):
    summary = summarise(plan.users.leader, now)
    with app.test_request_context(), force_locale("en"):
        status = charts.status_per_pokja_alt(summary)
        index = charts.index_by_year_alt(_ntt_scores())
    assert "Pokja Akuntabilitas: 5 items, 0 done, 2 overdue" in status
    assert "2019: 60.37 (B)" in index and "target 2021: 71.00" in index


def test_an_unknown_format_is_refused(app, now, make_user):
    with app.test_request_context(), pytest.raises(ValueError):
        charts.index_by_year_png([], format="gif")


@pytest.mark.parametrize("name", ["status-per-pokja", "overdue-per-week", "index-by-year"])
def test_chart_routes_answer_png_and_svg_privately(plan, login, name):
    client = login(plan.users.coord1)
    png = client.get(f"/dashboard/charts/{name}.png")
    svg = client.get(f"/dashboard/charts/{name}.svg?pokja_id={plan.pokjas['P1'].id}")

    assert png.status_code == 200 and png.mimetype == "image/png" and png.data.startswith(PNG)
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    for response in (png, svg):
        assert response.headers["Cache-Control"].startswith("private")


def test_chart_routes_need_a_login_and_a_known_chart(plan, client, login):
    response = client.get("/dashboard/charts/status-per-pokja.png")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    signed_in = login(plan.users.leader)
    assert signed_in.get("/dashboard/charts/secrets.png").status_code == 404
    assert signed_in.get("/dashboard/charts/index-by-year.gif").status_code == 404


def test_chart_filters_stay_inside_the_scope(plan, login):
    client = login(plan.users.coord1)
    foreign = plan.pokjas["P2"].id
    chart = "/dashboard/charts/status-per-pokja.png"
    assert client.get(f"{chart}?pokja_id={foreign}").status_code == 422
    assert client.get("/dashboard/charts/overdue-per-week.png?pokja_id=abc").status_code == 422


def test_overdue_history_reads_the_snapshots_of_the_scope(plan, now, db):
    monday = date(2026, 11, 23)
    p1, p2 = plan.pokjas["P1"].id, plan.pokjas["P2"].id
    db.session.add_all([
        _snapshot(monday - timedelta(weeks=2), 4, now),
        _snapshot(monday - timedelta(weeks=1), 6, now),
        _snapshot(monday, 3, now),
        _snapshot(monday + timedelta(weeks=1), 99, now),  # a future week is not shown
        _snapshot(monday, 2, now, "pokja", p1), _snapshot(monday, 1, now, "pokja", p2),
        _snapshot(monday - timedelta(weeks=1), 5, now, "pokja", p1),
        _snapshot(monday, 7, now, "agency", plan.agencies["A1"].id),
    ])
    db.session.commit()

    def history(user, **filters):
        return [(point.week_start, point.overdue)
                for point in overdue_per_week(summarise(user, now, **filters).scope, now)]

    assert history(plan.users.leader) == [(date(2026, 11, 9), 4), (date(2026, 11, 16), 6),
                                          (monday, 3)]
    # a coordinator of two pokja: their snapshots added up per week
    assert history(plan.users.coord12) == [(date(2026, 11, 16), 5), (monday, 3)]
    assert history(plan.users.head1) == [(monday, 7)]
    assert history(plan.users.m1) == []  # nobody snapshots one person's items
    assert history(plan.users.leader, pokja_ids=[p1], agency_id=plan.agencies["A1"].id) == []
