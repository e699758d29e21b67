"""The quarterly realisation form and the item page's panel."""
from decimal import Decimal

import sqlalchemy as sa
from flask import render_template
from flask_login import login_user

from rbtasks.items.models import ActionItem
from rbtasks.realisation.models import QuarterRealisation
from rbtasks.realisation.panel import item_panel
from rbtasks.realisation.services import set_quarters
from tests.conftest import csrf_token_from


def _blank_rows():
    data = {}
    for index in range(4):
        for name in ("target", "realisation", "obstacles", "follow_up"):
            data[f"quarters-{index}-{name}"] = ""
    return data


def _form(client, item):
    html = client.get(f"/items/{item.id}/quarters").get_data(as_text=True)
    return {"csrf_token": csrf_token_from(html), "version": str(item.version), **_blank_rows()}


def _panel_html(app, user, item, now):
    with app.test_request_context(f"/items/{item.id}"):
        login_user(user)
        return render_template("realisation/_panel.html",
                               realisation_panel=item_panel(user, item, now))


def test_owner_fills_the_form_and_progress_follows(login, cast, db):
    client = login(cast["owner"])
    item = cast["item"]
    page = client.get(f"/items/{item.id}/quarters")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert html.count("<fieldset") == 4 and "TW IV" in html
    assert 'name="quarters-3-follow_up"' in html and 'name="version" type="hidden" value="1"' in html

    data = {**_form(client, item), "quarters-0-target": "50", "quarters-0-realisation": "12,5",
            "quarters-0-obstacles": "SK belum terbit", "quarters-1-target": "50",
            "progress_from_quarters": "y"}
    response = client.post(f"/items/{item.id}/quarters", data=data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/items/{item.id}#realisation")
    db.session.expire_all()
    item = db.session.get(ActionItem, item.id)
    assert item.progress == 13 and item.progress_from_quarters and item.version == 2
    first = db.session.scalar(sa.select(QuarterRealisation).where(QuarterRealisation.quarter == 1))
    assert first.realisation == Decimal("12.50") and first.obstacles == "SK belum terbit"

    again = client.get(f"/items/{item.id}/quarters").get_data(as_text=True)
    assert 'value="12.5"' in again and 'name="progress_from_quarters" type="checkbox" value="y"' \
        in again.replace(" checked", "")
    assert "checked" in again


def test_bad_amounts_get_field_messages_and_change_nothing(login, cast, db):
    client = login(cast["owner"])
    item = cast["item"]
    data = {**_form(client, item), "quarters-0-target": "-3", "quarters-2-realisation": "1.000",
            "quarters-3-target": "satu"}
    response = client.post(f"/items/{item.id}/quarters", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="quarters-2-realisation-error"' in html and 'id="quarters-3-target-error"' in html
    assert 'value="satu"' in html  # what the user typed is kept
    # "1.000" is a thousand to some and one to others: the form asks rather than guesses.
    assert "“1.000” could mean 1000 or 1; write it without a thousands separator." in html
    # the range is checked in the same round trip as the spelling
    assert 'id="quarters-0-target-error"' in html and "Must not be negative." in html

    data = {**_form(client, item), "quarters-0-target": "-3", "quarters-1-target": "0,125"}
    response = client.post(f"/items/{item.id}/quarters", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="quarters-0-target-error"' in html and "Must not be negative." in html
    assert 'id="quarters-1-target-error"' in html and "At most two decimal places." in html
    assert db.session.scalar(sa.select(sa.func.count(QuarterRealisation.id))) == 0
    db.session.expire_all()
    assert db.session.get(ActionItem, item.id).version == 1


def test_indonesian_amounts_are_read_and_shown_back_in_indonesian(login, make_user, make_pokja,
                                                                  make_item, db):
    owner = make_user(role="member", name="Oktavianus Pello, S.H., M.H.", locale="id")
    item = make_item(pokja=make_pokja(members=[owner]), owner=owner, status="in_progress")
    client = login(owner)
    data = {**_form(client, item), "quarters-0-target": "1.000.000", "quarters-0-realisation": "12,5"}
    assert client.post(f"/items/{item.id}/quarters", data=data).status_code == 302
    row = db.session.scalar(sa.select(QuarterRealisation))
    assert (row.target, row.realisation) == (Decimal("1000000.00"), Decimal("12.50"))
    again = client.get(f"/items/{item.id}/quarters").get_data(as_text=True)
    assert 'value="1000000"' in again and 'value="12,5"' in again

    data = {**_form(client, item), "quarters-0-target": "1.000"}
    refused = client.post(f"/items/{item.id}/quarters", data=data)
    assert refused.status_code == 422
    assert "“1.000” bisa berarti 1000 atau 1" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(sa.select(QuarterRealisation)).target == Decimal("1000000.00")


def test_a_verified_item_says_why_its_progress_is_not_the_quarterly_figure(app, cast, db, now):
    item = cast["item"]
    set_quarters(cast["owner"], item, [{"quarter": 1, "target": 50, "realisation": 40},
                                       {"quarter": 2, "target": 50, "realisation": 25}],
                 True, item.version, now)
    db.session.commit()
    assert "Progress follows the realisation: 65%." in _panel_html(app, cast["owner"], item, now)

    item.status, item.progress = "done", 100
    db.session.commit()
    html = _panel_html(app, cast["owner"], item, now)
    assert ("Progress is 100% because the item was verified as done; the quarterly "
            "realisation reached 65%.") in html
    assert "Progress follows the realisation: 100%" not in html


def test_post_without_csrf_token_is_refused(login, cast, db):
    client = login(cast["owner"])
    data = {**_blank_rows(), "version": "1", "quarters-0-target": "5"}
    assert client.post(f"/items/{cast['item'].id}/quarters", data=data).status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(QuarterRealisation.id))) == 0


def test_stale_form_is_409_and_keeps_the_other_save(login, cast, db, now):
    client = login(cast["owner"])
    item = cast["item"]
    data = {**_form(client, item), "quarters-0-target": "9"}
    set_quarters(cast["coordinator"], item, [{"quarter": 0 + 1, "target": 7}], False, 1, now)
    db.session.commit()
    response = client.post(f"/items/{item.id}/quarters", data=data)
    assert response.status_code == 409
    assert "Someone else changed this item" in response.get_data(as_text=True)
    row = db.session.scalar(sa.select(QuarterRealisation))
    assert row.target == Decimal("7.00")


def test_who_may_open_the_form(login, cast, make_user, make_item, db):
    member = make_user(role="member")
    cast["pokja"].members.append(member)
    db.session.commit()
    assert login(member).get(f"/items/{cast['item'].id}/quarters").status_code == 403
    assert login(make_user(role="member")).get(f"/items/{cast['item'].id}/quarters").status_code == 404
    assert login(cast["coordinator"]).get(f"/items/{cast['item'].id}/quarters").status_code == 200
    done = make_item(pokja=cast["pokja"], owner=cast["owner"], status="done")
    assert login(cast["owner"]).get(f"/items/{done.id}/quarters").status_code == 409


def test_panel_shows_a_stacking_table_escapes_text_and_offers_edit(app, cast, make_user, now, db):
    item = cast["item"]
    set_quarters(cast["owner"], item, [
        {"quarter": 2, "target": 8, "realisation": 6, "obstacles": "<b>hujan</b>",
         "follow_up": "Lanjut TW III"}], True, 1, now)
    db.session.commit()
    html = _panel_html(app, cast["owner"], item, now)
    assert 'id="realisation"' in html and 'class="list stack"' in html
    assert 'data-label="Target"' in html and "TW II" in html and "75%" in html
    assert "&lt;b&gt;hujan&lt;/b&gt;" in html and "<b>hujan" not in html
    assert f'href="/items/{item.id}/quarters"' in html

    leader_html = _panel_html(app, make_user(role="leader"), item, now)
    assert "TW II" in leader_html and f'href="/items/{item.id}/quarters"' not in leader_html


def test_empty_panel_says_so(app, cast, now):
    html = _panel_html(app, cast["owner"], cast["item"], now)
    assert "No quarterly targets or realisation yet." in html and "<table" not in html
