"""The dashboard page: what each role sees, the filters, the charts' markup."""
import re

import pytest

from rbtasks.rbindex.models import IndexScore
from rbtasks.timeutil import local_today, utc_now


@pytest.fixture
def plan(build_plan, app):
    return build_plan(local_today(utc_now()))


def _text(response):
    return response.get_data(as_text=True)


def _count(html, label):
    """The number on the headline card called ``label``."""
    match = re.search(r'data-count="(\d+)">\s*<span class="metric-value">\d+</span>\s*'
                      r'<span class="metric-label">' + re.escape(label), html)
    assert match, label
    return int(match.group(1))


def test_the_dashboard_needs_a_login(client):
    response = client.get("/dashboard")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_leader_sees_the_plan_its_pokja_agencies_deadlines_and_charts(plan, login):
    html = _text(login(plan.users.leader).get("/dashboard"))

    assert "The whole plan" in html
    assert _count(html, "All action items") == 10
    assert _count(html, "Overdue") == 3
    assert _count(html, "Awaiting verification") == 1
    for name in ("Pokja Akuntabilitas", "Pokja Pelayanan Publik", "Pokja Tatalaksana"):
        assert name in html
    # agencies ranked by overdue items: Biro Organisasi (2) above Inspektorat Daerah (1)
    ranking = html.split("Agencies by overdue items", 1)[1]
    assert ranking.index("Biro Organisasi") < ranking.index("Inspektorat Daerah")
    assert re.search(r"\d+ working days?", ranking)  # exact days: test_summary.py
    deadlines = html.split("Deadlines in the next 14 days", 1)[1]
    assert "Rencana aksi nomor 7" in deadlines and "Rencana aksi nomor 8" in deadlines
    assert "Rencana aksi nomor 9" not in deadlines
    for chart in ("status-per-pokja", "overdue-per-week", "index-by-year"):
        assert re.search(rf'<img src="/dashboard/charts/{chart}\.svg[^"]*" alt="[^"]+"', html)


def test_a_coordinator_filters_only_within_their_pokja(plan, login):
    client = login(plan.users.coord1)
    html = _text(client.get("/dashboard"))
    pokja_select = html.split('id="pokja_id"', 1)[1].split("</select>", 1)[0]

    assert "The pokja you coordinate" in html
    assert "Pokja Akuntabilitas" in pokja_select and "Pokja Pelayanan Publik" not in pokja_select
    refused = client.get(f"/dashboard?pokja_id={plan.pokjas['P2'].id}")
    assert refused.status_code == 422
    assert "That pokja is not in your dashboard." in _text(refused)
    assert 'class="metrics"' not in _text(refused)


def test_an_agency_head_can_only_pick_their_agency(plan, login):
    client = login(plan.users.head1)
    html = _text(client.get("/dashboard"))
    agency_select = html.split('id="agency_id"', 1)[1].split("</select>", 1)[0]

    assert "Biro Organisasi" in agency_select and "Inspektorat Daerah" not in agency_select
    assert _count(html, "All action items") == 6
    assert client.get(f"/dashboard?agency_id={plan.agencies['A2'].id}").status_code == 422


def test_a_member_sees_their_own_items(plan, login):
    html = _text(login(plan.users.m2).get("/dashboard"))
    assert "Your own action items" in html
    assert _count(html, "All action items") == 4


def test_a_chosen_filter_narrows_the_numbers_and_the_charts(plan, login):
    p1 = plan.pokjas["P1"].id
    html = _text(login(plan.users.leader).get(f"/dashboard?pokja_id={p1}"))

    assert _count(html, "All action items") == 5
    assert re.search(rf'<option value="{p1}" selected>', html)
    assert f"/dashboard/charts/status-per-pokja.svg?pokja_id={p1}" in html


def test_a_filter_that_is_not_a_number_is_refused(plan, login):
    response = login(plan.users.leader).get("/dashboard?pokja_id=abc")
    assert response.status_code == 422
    assert "Some filters are not valid." in _text(response)


def test_the_rb_index_appears_with_its_grade(plan, login, db, now):
    db.session.add(IndexScore(year=2019, score=60.37, source_note="LHE 2019", updated_at=now))
    db.session.commit()
    html = _text(login(plan.users.m1).get("/dashboard"))
    index = html.split("RB index", 1)[1]
    assert "60.37" in index and '<span class="badge">B</span>' in index


def test_names_are_escaped(make_pokja, make_item, make_user, login):
    leader = make_user(role="leader", locale="en")
    make_item(pokja=make_pokja(name="<script>alert(1)</script>"))
    html = _text(login(leader).get("/dashboard"))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
