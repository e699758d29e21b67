"""Coordinators find what waits for them: items to verify and extension requests to decide,
on the dashboard and in "My tasks" — not only on each item's page."""
from datetime import date

import pytest

from rbtasks.deadlines.services import request_extension
from rbtasks.inbox.services import waiting_for


@pytest.fixture
def plan(make_user, make_pokja, make_agency, make_item, now, db):
    inspektorat = make_agency(name="Inspektorat Daerah", code="ITDA")
    coordinator = make_user(role="coordinator", name="Hendrikus Nalle", agency=inspektorat)
    seran = make_user(name="Yohanes Seran, S.E.", agency=inspektorat)
    ours = make_pokja(name="Pokja Penguatan Pengawasan", coordinators=[coordinator],
                      members=[seran])
    theirs = make_pokja(name="Pokja Peningkatan Kualitas Pelayanan Publik")
    reviu = make_item(pokja=ours, agency=inspektorat, owner=seran, status="submitted",
                      title="Melaksanakan reviu laporan keuangan pemerintah daerah")
    own = make_item(pokja=ours, agency=inspektorat, owner=coordinator, status="submitted",
                    title="Menyusun laporan PMPRB")
    wbk = make_item(pokja=ours, agency=inspektorat, owner=seran, status="in_progress",
                    title="Membangun zona integritas menuju WBK", due_date=date(2026, 12, 15))
    other = make_item(pokja=theirs, status="submitted", title="Survei kepuasan masyarakat")
    request_extension(seran, wbk, date(2027, 1, 29), "Menunggu SK Gubernur", now)
    db.session.commit()
    return locals()


def test_waiting_for_lists_what_the_coordinator_decides(plan):
    waiting = waiting_for(plan["coordinator"])

    # Their own submitted item is someone else's to verify; the other pokja is not theirs.
    assert [item.title for item in waiting.verifications] == [plan["reviu"].title]
    assert [request.item.title for request in waiting.extensions] == [plan["wbk"].title]
    assert (waiting.verifications_total, waiting.extensions_total) == (1, 1)
    assert not waiting_for(plan["seran"])


@pytest.mark.parametrize("url", ["/dashboard", "/my-items"])
def test_the_dashboard_and_my_tasks_show_them(login, plan, url):
    html = login(plan["coordinator"]).get(url).get_data(as_text=True)

    assert "Waiting for you" in html
    assert "1 item awaits your verification" in html
    assert f'href="/items/{plan["reviu"].id}"' in html
    assert "1 deadline extension request awaits your decision" in html
    assert f'href="/items/{plan["wbk"].id}#deadlines"' in html
    assert "Yohanes Seran, S.E. asks to move the due date from 15 Dec 2026 to 29 Jan 2027." in html
    assert plan["other"].title not in html


def test_nothing_waiting_shows_nothing(login, plan):
    html = login(plan["seran"]).get("/my-items").get_data(as_text=True)

    assert "Waiting for you" not in html
