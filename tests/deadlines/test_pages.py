"""The deadline-extension panel of the item page and the forms that post from it."""
from datetime import date

import sqlalchemy as sa
from flask import render_template
from flask_login import login_user

from rbtasks.deadlines.models import ExtensionRequest
from rbtasks.deadlines.panel import item_panel
from rbtasks.deadlines.services import request_extension
from rbtasks.items.models import ActionItem
from tests.conftest import page_csrf


def _panel_html(app, user, item, now):
    with app.test_request_context(f"/items/{item.id}"):
        login_user(user)
        return render_template("deadlines/_panel.html", deadlines_panel=item_panel(user, item, now))


def _due(db, item):
    db.session.expire_all()
    return db.session.get(ActionItem, item.id).due_date


def test_owner_sees_the_request_form_and_the_coordinator_does_not(app, cast, now):
    item = cast["item"]
    html = _panel_html(app, cast["owner"], item, now)
    assert 'id="deadlines"' in html
    assert f'action="/items/{item.id}/extensions"' in html and 'name="csrf_token"' in html
    assert 'name="new_due_date"' in html and "Day/month/year, 16/12/2026 or later." in html
    coordinator_html = _panel_html(app, cast["coordinator"], item, now)
    assert 'name="new_due_date"' not in coordinator_html
    assert "No extension has been requested." in coordinator_html


def test_owner_asks_through_the_form(login, cast, db):
    client = login(cast["owner"])
    item = cast["item"]
    response = client.post(f"/items/{item.id}/extensions", data={
        "csrf_token": page_csrf(client, "/my-items"), "new_due_date": "2027-01-31",
        "reason": "Menunggu hasil evaluasi"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/items/{item.id}#deadlines")
    request = db.session.scalar(sa.select(ExtensionRequest))
    assert request.new_due_date == date(2027, 1, 31) and request.status == "pending"
    assert _due(db, item) == date(2026, 12, 15)


def test_invalid_request_shows_field_messages_keeps_the_text_and_saves_nothing(login, cast, db):
    client = login(cast["owner"])
    item = cast["item"]
    response = client.post(f"/items/{item.id}/extensions", data={
        "csrf_token": page_csrf(client, "/my-items"), "new_due_date": "2026-12-01", "reason": ""})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="extension-new_due_date-error"' in html and "must be later than the current due date" in html
    assert 'id="extension-reason-error"' in html

    response = client.post(f"/items/{item.id}/extensions", data={
        "csrf_token": page_csrf(client, "/my-items"), "new_due_date": "besok", "reason": "<i>penting</i>"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="extension-new_due_date-error"' in html and "&lt;i&gt;penting&lt;/i&gt;" in html
    assert db.session.scalar(sa.select(sa.func.count(ExtensionRequest.id))) == 0


def test_posts_without_csrf_token_are_refused(login, cast, db, now):
    client = login(cast["owner"])
    item = cast["item"]
    response = client.post(f"/items/{item.id}/extensions",
                           data={"new_due_date": "2027-01-31", "reason": "x"})
    assert response.status_code == 400
    request = request_extension(cast["owner"], item, date(2027, 1, 31), "x", now)
    db.session.commit()
    coordinator = login(cast["coordinator"])
    response = coordinator.post(f"/extensions/{request.id}/decision", data={"approve": "y"})
    assert response.status_code == 400
    assert db.session.get(ExtensionRequest, request.id).status == "pending"


def test_coordinator_sees_the_open_request_and_approves_it(app, login, cast, db, now):
    item = cast["item"]
    request = request_extension(cast["owner"], item, date(2027, 1, 31), "Data <b>BKD</b>", now)
    db.session.commit()
    html = _panel_html(app, cast["coordinator"], item, now)
    assert f'action="/extensions/{request.id}/decision"' in html
    assert "Data &lt;b&gt;BKD&lt;/b&gt;" in html and 'class="list stack"' in html
    owner_html = _panel_html(app, cast["owner"], item, now)
    assert "/decision" not in owner_html and 'name="new_due_date"' not in owner_html

    client = login(cast["coordinator"])
    response = client.post(f"/extensions/{request.id}/decision", data={
        "csrf_token": page_csrf(client, "/my-items"), "reason": "Setuju", "approve": "y"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/items/{item.id}#deadlines")
    assert _due(db, item) == date(2027, 1, 31)
    assert "Approved" in _panel_html(app, cast["coordinator"], item, now)


def test_rejecting_without_a_reason_shows_the_field_message(login, cast, db, now):
    item = cast["item"]
    request = request_extension(cast["owner"], item, date(2027, 1, 31), "alasan", now)
    db.session.commit()
    client = login(cast["coordinator"])
    response = client.post(f"/extensions/{request.id}/decision", data={
        "csrf_token": page_csrf(client, "/my-items"), "reason": "", "reject": "y"})
    assert response.status_code == 422
    assert 'id="decision-reason-error"' in response.get_data(as_text=True)
    assert db.session.get(ExtensionRequest, request.id).status == "pending"

    response = client.post(f"/extensions/{request.id}/decision", data={
        "csrf_token": page_csrf(client, "/my-items"), "reason": "Tidak perlu", "reject": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(ExtensionRequest, request.id).status == "rejected"
    assert _due(db, item) == date(2026, 12, 15)


def test_refused_actions_change_nothing(login, cast, db, now):
    item = cast["item"]
    request = request_extension(cast["owner"], item, date(2027, 1, 31), "alasan", now)
    db.session.commit()
    owner = login(cast["owner"])
    response = owner.post(f"/extensions/{request.id}/decision", data={
        "csrf_token": page_csrf(owner, "/my-items"), "approve": "y"})
    assert response.status_code == 403
    assert "Only the pokja&#39;s coordinators can decide on extensions." in \
        response.get_data(as_text=True)
    response = owner.post(f"/items/{item.id}/extensions", data={
        "csrf_token": page_csrf(owner, "/my-items"), "new_due_date": "2027-02-28", "reason": "lagi"},
        follow_redirects=True)
    assert "There is already an open request for this item." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(ExtensionRequest.id))) == 1
    assert db.session.get(ExtensionRequest, request.id).status == "pending"
    assert _due(db, item) == date(2026, 12, 15)


def test_invisible_items_and_requests_are_404(login, cast, make_user, now, db):
    request = request_extension(cast["owner"], cast["item"], date(2027, 1, 31), "alasan", now)
    db.session.commit()
    outsider = login(make_user(role="member"))
    token = page_csrf(outsider, "/my-items")
    assert outsider.post(f"/items/{cast['item'].id}/extensions", data={
        "csrf_token": token, "new_due_date": "2027-02-28", "reason": "x"}).status_code == 404
    assert outsider.post(f"/extensions/{request.id}/decision", data={
        "csrf_token": token, "approve": "y"}).status_code == 404
    assert outsider.post("/extensions/987654/decision", data={
        "csrf_token": token, "approve": "y"}).status_code == 404
