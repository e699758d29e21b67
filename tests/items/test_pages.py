"""The action item pages: list with filters, my tasks, detail, create, edit, delete, comment."""
import re
from datetime import date

import sqlalchemy as sa

from rbtasks.items.models import ActionItem, ActivityEntry, Comment
from tests.conftest import csrf_token_from, page_csrf


def _coordinator_with_pokja(make_user, make_pokja):
    coordinator = make_user(role="coordinator")
    pokja = make_pokja(coordinators=[coordinator])
    return coordinator, pokja


def test_coordinator_creates_an_item_and_finds_it_in_the_filtered_list(
    login, make_user, make_pokja, make_agency, db
):
    coordinator, pokja = _coordinator_with_pokja(make_user, make_pokja)
    agency = make_agency(name="Inspektorat Daerah", code="INSP")
    owner = make_user(role="member", agency=agency)
    client = login(coordinator)
    token = page_csrf(client, "/items/new")
    response = client.post("/items/new", data={
        "csrf_token": token, "title": "Menyusun SOP pengawasan", "pokja_id": pokja.id,
        "agency_id": agency.id, "owner_id": owner.id, "due_date": "2026-12-20",
        "progress": "0", "priority": "high",
    })
    assert response.status_code == 302, response.get_data(as_text=True)[-1500:]
    item = db.session.scalar(sa.select(ActionItem))
    assert item.title == "Menyusun SOP pengawasan"
    assert item.created_by_id == coordinator.id and item.version == 1
    assert item.created_at.tzinfo is not None

    page = client.get(f"/items?agency_id={agency.id}&q=sop").get_data(as_text=True)
    assert "Menyusun SOP pengawasan" in page
    other = client.get("/items?q=tidak-ada").get_data(as_text=True)
    assert "Menyusun SOP pengawasan" not in other


def _chosen(page, name):
    """The values ticked in a multiple-choice filter; the control is the same for one or many."""
    control = re.search(rf'<fieldset class="field multi-choice" id="{name}-filter">.*?</fieldset>',
                        page, re.S).group(0)
    return sorted(re.findall(rf'<input type="checkbox" name="{name}" value="([^"]+)" checked>',
                             control))


def test_a_list_of_several_pokja_keeps_all_of_them_chosen_in_the_filter(
    login, make_user, make_pokja, make_item
):
    coordinator = make_user(role="coordinator")
    first, second, third = (make_pokja(coordinators=[coordinator]) for _ in range(3))
    for pokja in (first, second, third):
        make_item(pokja=pokja, title=f"Aksi {pokja.name}")
    client = login(coordinator)

    page = client.get(f"/items?pokja_id={first.id}&pokja_id={third.id}").get_data(as_text=True)
    assert f"Aksi {first.name}" in page and f"Aksi {third.name}" in page
    assert f"Aksi {second.name}" not in page
    assert _chosen(page, "pokja_id") == sorted([str(first.id), str(third.id)])

    one = client.get(f"/items?pokja_id={second.id}").get_data(as_text=True)
    assert _chosen(one, "pokja_id") == [str(second.id)]


def test_several_statuses_stay_chosen_and_apply_sends_all_of_them_back(
    login, make_user, make_item
):
    leader = make_user(role="leader")
    for status in ("not_started", "in_progress", "blocked", "done"):
        make_item(title=f"Aksi {status}", status=status)
    client = login(leader)

    # The dashboard's "due in the next 14 days" link joins the open statuses with commas.
    page = client.get("/items?status=not_started,in_progress,blocked").get_data(as_text=True)
    chosen = _chosen(page, "status")
    assert chosen == ["blocked", "in_progress", "not_started"]
    assert "3 action items" in page and "Aksi done" not in page
    # Apply submits every ticked box as its own status argument: the same three items.
    again = client.get("/items?" + "&".join(f"status={code}" for code in chosen))
    assert "3 action items" in again.get_data(as_text=True)
    assert _chosen(client.get("/items").get_data(as_text=True), "status") == []


def test_create_form_shows_field_messages_and_creates_nothing(login, make_user, make_pokja, db):
    coordinator, pokja = _coordinator_with_pokja(make_user, make_pokja)
    client = login(coordinator)
    token = page_csrf(client, "/items/new")
    response = client.post("/items/new", data={
        "csrf_token": token, "title": "", "pokja_id": pokja.id, "agency_id": "",
        "due_date": "not-a-date", "progress": "150",
    })
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.count('class="field-error"') >= 3
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 0


def test_budget_is_read_the_way_people_write_rupiah(login, make_user, make_pokja, make_agency, db):
    coordinator, pokja = _coordinator_with_pokja(make_user, make_pokja)
    agency = make_agency()
    client = login(coordinator)
    for number, typed in enumerate(["Rp 15.000.000", "15.000.000", "15.000.000,00"]):
        response = client.post("/items/new", data={
            "csrf_token": page_csrf(client, "/items/new"), "title": f"Reviu SOP {number}",
            "pokja_id": pokja.id, "agency_id": agency.id, "due_date": "2026-12-18",
            "progress": "0", "priority": "normal", "budget": typed})
        assert response.status_code == 302, (typed, response.get_data(as_text=True)[-2000:])
    budgets = db.session.scalars(sa.select(ActionItem.budget).order_by(ActionItem.id)).all()
    assert budgets == [15_000_000] * 3
    item = db.session.scalar(sa.select(ActionItem).order_by(ActionItem.id))
    # The edit form shows the budget so that saving it unchanged reads it back the same.
    edit = client.get(f"/items/{item.id}/edit").get_data(as_text=True)
    assert 'value="15,000,000"' in edit

    refused = client.post("/items/new", data={
        "csrf_token": page_csrf(client, "/items/new"), "title": "Reviu SOP sen",
        "pokja_id": pokja.id, "agency_id": agency.id, "due_date": "2026-12-18",
        "progress": "0", "priority": "normal", "budget": "15.000.000,50"})
    assert refused.status_code == 200
    html = refused.get_data(as_text=True)
    assert 'id="budget-error"' in html and "Write whole rupiah, without cents." in html
    assert 'value="15.000.000,50"' in html
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 3


def test_start_date_after_due_date_is_refused_on_the_field(login, make_user, make_pokja, make_agency, db):
    coordinator, pokja = _coordinator_with_pokja(make_user, make_pokja)
    agency = make_agency()
    client = login(coordinator)
    response = client.post("/items/new", data={
        "csrf_token": page_csrf(client, "/items/new"), "title": "X", "pokja_id": pokja.id,
        "agency_id": agency.id, "start_date": "2026-12-10", "due_date": "2026-12-01",
        "progress": "0", "priority": "normal",
    })
    assert response.status_code == 200
    assert 'id="due_date-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 0


def test_member_cannot_open_the_new_item_form(login, make_user):
    client = login(make_user(role="member"))
    assert client.get("/items/new").status_code == 403


def test_coordinator_cannot_create_in_a_pokja_they_do_not_coordinate(
    login, make_user, make_pokja, make_agency, db
):
    coordinator, _own = _coordinator_with_pokja(make_user, make_pokja)
    foreign = make_pokja()
    client = login(coordinator)
    response = client.post("/items/new", data={
        "csrf_token": page_csrf(client, "/items/new"), "title": "X", "pokja_id": foreign.id,
        "agency_id": make_agency().id, "due_date": "2026-12-01", "progress": "0",
        "priority": "normal",
    })
    assert response.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 0


def test_edit_records_history_and_refuses_a_stale_version(login, make_user, make_pokja, make_item, db):
    coordinator, pokja = _coordinator_with_pokja(make_user, make_pokja)
    item = make_item(pokja=pokja, title="Lama")
    client = login(coordinator)
    form_html = client.get(f"/items/{item.id}/edit").get_data(as_text=True)
    token = csrf_token_from(form_html)
    base = {"csrf_token": token, "pokja_id": pokja.id, "agency_id": item.agency_id,
            "owner_id": "", "due_date": "2026-12-15",
            "progress": "40", "priority": "normal"}
    response = client.post(f"/items/{item.id}/edit", data={**base, "title": "Baru", "version": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    item = db.session.get(ActionItem, item.id)
    assert (item.title, item.progress, item.version) == ("Baru", 40, 2)
    fields = set(db.session.scalars(sa.select(ActivityEntry.field).where(ActivityEntry.item_id == item.id)))
    assert {"title", "progress"} <= fields

    stale = client.post(f"/items/{item.id}/edit", data={**base, "title": "Menimpa", "version": "1"})
    assert stale.status_code == 409
    db.session.expire_all()
    assert db.session.get(ActionItem, item.id).title == "Baru"


def test_owner_edits_only_progress(login, make_user, make_pokja, make_item, db):
    owner = make_user(role="member")
    item = make_item(owner=owner, pokja=make_pokja(members=[owner]))
    client = login(owner)
    html = client.get(f"/items/{item.id}/edit").get_data(as_text=True)
    assert 'name="progress"' in html and 'name="title"' not in html
    response = client.post(f"/items/{item.id}/edit", data={
        "csrf_token": csrf_token_from(html), "progress": "70", "version": "1", "title": "Hack"})
    assert response.status_code == 302
    db.session.expire_all()
    item = db.session.get(ActionItem, item.id)
    assert item.progress == 70 and item.title != "Hack"


def test_invisible_item_is_404_and_visible_but_forbidden_is_403(login, make_user, make_pokja, make_item):
    member = make_user(role="member")
    own_pokja = make_pokja(members=[member])
    visible = make_item(pokja=own_pokja)
    hidden = make_item()
    client = login(member)
    assert client.get(f"/items/{hidden.id}").status_code == 404
    assert client.get(f"/items/{visible.id}").status_code == 200
    assert client.get(f"/items/{visible.id}/edit").status_code == 403
    token = page_csrf(client, f"/items/{visible.id}")
    assert client.post(f"/items/{visible.id}/delete", data={"csrf_token": token}).status_code == 403


def test_delete_hides_the_item_but_keeps_its_history(login, make_user, make_pokja, make_item, db):
    coordinator, pokja = _coordinator_with_pokja(make_user, make_pokja)
    item = make_item(pokja=pokja, title="Dihapus")
    client = login(coordinator)
    token = page_csrf(client, f"/items/{item.id}")
    assert client.post(f"/items/{item.id}/delete", data={"csrf_token": token}).status_code == 302
    assert client.get(f"/items/{item.id}").status_code == 404
    assert "Dihapus" not in client.get("/items").get_data(as_text=True)
    actions = list(db.session.scalars(sa.select(ActivityEntry.action).where(ActivityEntry.item_id == item.id)))
    assert "deleted" in actions


def test_comments_are_escaped_and_shown(login, make_user, make_pokja, make_item, db):
    leader = make_user(role="leader")
    item = make_item()
    client = login(leader)
    token = page_csrf(client, f"/items/{item.id}")
    client.post(f"/items/{item.id}/comments", data={"csrf_token": token, "body": "<script>alert(1)</script> cek"})
    html = client.get(f"/items/{item.id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; cek" in html
    assert "<script>alert(1)" not in html
    assert db.session.scalar(sa.select(sa.func.count(Comment.id))) == 1


def test_an_empty_comment_is_explained_at_the_comment_form(login, make_user, make_item, db):
    leader = make_user(role="leader")
    item = make_item()
    client = login(leader)
    response = client.post(f"/items/{item.id}/comments",
                           data={"csrf_token": page_csrf(client, f"/items/{item.id}"), "body": "  "})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    form = html[html.index('id="comment-form"'):]
    assert 'id="body-error"' in form[:form.index("</form>")]
    assert db.session.scalar(sa.select(sa.func.count(Comment.id))) == 0


def test_member_who_is_not_owner_cannot_comment(login, make_user, make_pokja, make_item, db):
    member = make_user(role="member")
    item = make_item(pokja=make_pokja(members=[member]))
    client = login(member)
    token = page_csrf(client, f"/items/{item.id}")
    response = client.post(f"/items/{item.id}/comments", data={"csrf_token": token, "body": "halo"})
    assert response.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(Comment.id))) == 0


def test_my_tasks_lists_overdue_first(login, make_user, make_item, app):
    owner = make_user(role="member")
    later = make_item(owner=owner, title="Nanti", due_date=date(2099, 1, 10))
    late = make_item(owner=owner, title="Terlambat", due_date=date(2020, 1, 10))
    make_item(title="Bukan milik saya")
    html = login(owner).get("/my-items").get_data(as_text=True)
    assert html.index("Terlambat") < html.index("Nanti")
    assert "Bukan milik saya" not in html
    assert later.id != late.id


def test_bad_filter_value_gets_a_message_not_an_error(login, make_user):
    client = login(make_user(role="leader"))
    response = client.get("/items?due_before=31-12-2026&pokja_id=abc")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "due_before" in html and "pokja_id" in html
