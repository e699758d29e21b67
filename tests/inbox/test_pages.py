"""The "Perlu tindakan" page, its link in the navigation, and the same entries in the
panel on the dashboard and in "My tasks"."""
import html as markup
import re
from datetime import timedelta

import pytest

from rbtasks.timeutil import utc_now


@pytest.fixture
def plan(build_plan):
    return build_plan(utc_now().replace(microsecond=0), locale="id")


def _text(page):
    """The page's visible text, one space between words."""
    return re.sub(r"\s+", " ", markup.unescape(re.sub(r"<[^>]+>", " ", page))).strip()


def test_an_owner_finds_what_waits_in_indonesian(login, plan):
    page = login(plan["seran"]).get("/inbox")

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    text = _text(html)
    assert "Perlu tindakan" in text
    assert "4 rencana aksi menunggu Anda, yang paling mendesak lebih dulu." in text
    # Overdue and due soon count from the due date, shown beside them.
    assert "Lewat tenggat: terlambat 2 hari Pokja Penguatan Pengawasan" in text
    assert f"Yohanes Seran, S.E. · Tenggat {plan['late'].due_date.day} " in text
    assert ("Dikembalikan oleh Drs. Benediktus Ndun, M.Si.: Daftar hadir rapat belum "
            "dilampirkan. · sejak ") in text
    assert "Tenggatnya hari ini" in text and "Tenggat 5 hari lagi" in text
    # The returned item opens where its owner sees what is missing.
    assert f'href="/items/{plan["sop"].id}#workflow"' in html
    assert f'href="/items/{plan["late"].id}"' in html
    for absent in ("later", "done", "cancelled", "deleted", "reviu", "esc1"):
        assert plan[absent].title not in html
    # In order: most urgent first.
    positions = [html.index(plan[name].title) for name in ("late", "sop", "today", "survei")]
    assert positions == sorted(positions)


def test_a_coordinator_sees_both_duties_on_one_entry(login, plan):
    html = login(plan["ndun"]).get("/inbox").get_data(as_text=True)
    text = _text(html)

    assert html.count(plan["peta"].title) == 1
    assert ("Lewat tenggat: terlambat 1 hari" in text
            and "Oktavianus Pello, S.H., M.H. mengajukan perpanjangan tenggat dari " in text)
    assert f'href="/items/{plan["wbk"].id}#deadlines"' in html
    # Late, and a request to decide: the link lands on the request.
    assert f'href="/items/{plan["peta"].id}#deadlines"' in html
    assert "Menunggu verifikasi Anda, diajukan oleh Yohanes Seran, S.E." in text
    assert plan["pmprb"].title not in html and plan["kepuasan"].title not in html


def test_a_leader_and_an_agency_head_in_english(login, plan, db):
    plan["leader"].locale = plan["head"].locale = "en"
    db.session.commit()

    leader = _text(login(plan["leader"]).get("/inbox").get_data(as_text=True))
    head = _text(login(plan["head"]).get("/inbox").get_data(as_text=True))

    assert "Action needed" in leader and "1 item waits for you" in leader
    assert plan["esc2"].title in leader and "Escalated to the RB team leader: " in leader
    assert "Badan Kepegawaian Daerah · Agustinus Tefa, S.IP." in leader
    assert plan["esc2"].title not in head
    assert plan["esc1"].title in head and "Escalated to the agency head: " in head
    assert plan["late"].title in head and "Overdue: 2 days late" in head


def test_nothing_waiting_says_so(login, make_user):
    text = _text(login(make_user(name="Pegawai Baru, A.Md.")).get("/inbox")
                 .get_data(as_text=True))

    assert "Nothing waits for your action." in text


@pytest.mark.parametrize("url", ["/dashboard", "/my-items"])
def test_the_dashboard_and_my_tasks_show_the_same_entries(login, plan, url):
    client = login(plan["ndun"])
    html = client.get(url).get_data(as_text=True)
    text = _text(html)

    assert 'href="/inbox"' in html
    assert "Perlu tindakan 3" in text
    assert "Menunggu verifikasi Anda, diajukan oleh Yohanes Seran, S.E." in text
    assert f'href="/items/{plan["wbk"].id}#deadlines"' in html
    assert plan["kepuasan"].title not in html


def test_the_panel_lists_ten_and_links_to_the_rest(login, plan, make_item, db):
    for number in range(1, 10):
        make_item(title=f"Reviu dokumen perencanaan OPD {number:02d}", owner=plan["seran"],
                  agency=plan["inspektorat"], pokja=plan["ours"], status="submitted",
                  submitted_at=plan["now"])
    html = login(plan["ndun"]).get("/my-items").get_data(as_text=True)
    panel = html[html.index('id="inbox"'):html.index("</section>", html.index('id="inbox"'))]

    assert "Perlu tindakan" in panel and '<span class="badge">12</span>' in panel
    assert panel.count("<li ") == 10
    assert "dan 2 lainnya" in panel


def test_nothing_waiting_shows_no_panel(login, make_user):
    html = login(make_user()).get("/my-items").get_data(as_text=True)

    assert 'id="inbox"' not in html
    assert 'href="/inbox"' in html   # the navigation still leads there


def test_the_page_lists_25_at_a_time_with_the_count_of_all(login, plan, make_item):
    for number in range(1, 28):
        make_item(title=f"Reviu dokumen perencanaan OPD {number:02d}", owner=plan["seran"],
                  agency=plan["inspektorat"], pokja=plan["ours"], status="submitted",
                  submitted_at=plan["now"] - timedelta(minutes=number))
    client = login(plan["ndun"])
    first = client.get("/inbox").get_data(as_text=True)
    second = client.get("/inbox?page=2").get_data(as_text=True)

    # 30 entries: peta (late), 28 to verify (reviu and these, the longest waiting first), wbk
    for html in (first, second):
        assert "30 rencana aksi menunggu Anda" in _text(html)
    assert first.count('<li data-item="') == 25 and second.count('<li data-item="') == 5
    assert "Halaman 1 dari 2" in _text(first) and 'href="/inbox?page=2"' in first
    assert "Halaman 2 dari 2" in _text(second)
    first_text = _text(first)
    assert (first_text.index(plan["peta"].title) < first_text.index(plan["reviu"].title)
            < first_text.index("OPD 27") < first_text.index("OPD 05"))
    assert "OPD 04" not in first_text and "OPD 04" in _text(second)
    assert plan["wbk"].title in second and plan["wbk"].title not in first
