"""The notification log page, its resend button, and the item page's panel."""
import re

import pytest
from flask import render_template, session

from rbtasks.outbox.models import OutboxMessage
from rbtasks.outbox.panel import item_panel
from rbtasks.outbox.services import deliver_pending
from rbtasks.timeutil import utc_now
from tests.conftest import page_csrf

LOG = "/admin/notifications"


def resend_forms(html):
    return re.findall(r'action="/admin/notifications/(\d+)/resend"', html)


def test_admin_sees_every_notification(login, world):
    response = login(world["admin"]).get(LOG)

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for address in ("pemilik@ntt.go.id", "kepala@ntt.go.id", "ketua@ntt.go.id"):
        assert address in html
    assert f'href="/items/{world["sop"].id}"' in html
    assert "Survei kepuasan masyarakat" in html
    assert "550 5.1.1 No such user" in html
    assert "not sent: no mail server configured" in html
    assert "Escalation level 1" in html and "Overdue" in html
    assert "25 Nov 2026 10:00" in html  # planned 02:00 UTC, shown in WITA
    # Failed and held messages can be sent again; a sent one cannot.
    assert sorted(resend_forms(html)) == sorted([str(world["failed"].id), str(world["both"].id)])


def test_coordinator_sees_only_their_pokjas_notifications(login, world):
    html = login(world["coordinator"]).get(LOG).get_data(as_text=True)

    assert "pemilik@ntt.go.id" in html and "ketua@ntt.go.id" in html
    assert "kepala@ntt.go.id" not in html
    # In a message about both pokjas, the other pokja's item stays hidden.
    assert "Menyusun SOP pelayanan" in html
    assert "Survei kepuasan masyarakat" not in html
    assert "and 1 more" in html


@pytest.mark.parametrize("who", ["member", "leader"])
def test_others_may_not_read_the_log(who, login, world):
    assert login(world[who]).get(LOG).status_code == 403


def test_the_log_needs_a_signed_in_user(client, world):
    response = client.get(LOG)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_filter_by_status_and_pages(login, world):
    client = login(world["admin"])

    failed_only = client.get(LOG, query_string={"status": "failed"}).get_data(as_text=True)
    assert "pemilik@ntt.go.id" in failed_only
    assert "kepala@ntt.go.id" not in failed_only and "ketua@ntt.go.id" not in failed_only

    first = client.get(LOG, query_string={"per_page": 2}).get_data(as_text=True)
    second = client.get(LOG, query_string={"per_page": 2, "page": 2}).get_data(as_text=True)
    assert "Page 1 of 2" in first and "page=2" in first
    assert "pemilik@ntt.go.id" in first and "kepala@ntt.go.id" in first
    assert "ketua@ntt.go.id" in second and "pemilik@ntt.go.id" not in second


def test_filter_by_recipient_keeps_the_other_filters(login, world):
    client = login(world["admin"])

    html = client.get(LOG, query_string={"recipient": "Kepala", "item_id": world["survey"].id}
                      ).get_data(as_text=True)

    assert "kepala@ntt.go.id" in html
    assert "ketua@ntt.go.id" not in html and "pemilik@ntt.go.id" not in html
    assert 'name="recipient" value="Kepala"' in html
    assert "recipient=Kepala" in html  # "Show all" drops the item, keeps the recipient


def test_a_bad_filter_is_explained(login, world):
    response = login(world["admin"]).get(LOG, query_string={"status": "lost", "page": "x"})

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Some filters are not valid." in html
    assert "Unknown status." in html


def post_resend(client, message_id, csrf=True):
    data = {"csrf_token": page_csrf(client, LOG)} if csrf else {}
    return client.post(f"{LOG}/{message_id}/resend", data=data)


def reload(db, message_id):
    db.session.expire_all()
    return db.session.get(OutboxMessage, message_id)


def test_admin_resends_a_failed_message_and_it_goes_out_again(login, world, db, mailbox):
    message_id = world["failed"].id
    client = login(world["admin"])

    response = post_resend(client, message_id)

    assert response.status_code == 302
    assert response.headers["Location"].endswith(LOG)
    queued = reload(db, message_id)
    assert (queued.status, queued.attempts, queued.last_error) == ("pending", 0, None)
    assert "The notification will be sent again shortly." in client.get(LOG).get_data(
        as_text=True)

    assert deliver_pending(utc_now()).sent == 1
    [message] = mailbox.to("pemilik@ntt.go.id")
    assert message["Message-ID"] == world["failed"].message_id


def test_coordinator_resends_their_pokjas_message(login, world, db):
    response = post_resend(login(world["coordinator"]), world["both"].id)

    assert response.status_code == 302
    assert reload(db, world["both"].id).status == "pending"


@pytest.mark.parametrize("who, status", [("coordinator", 404), ("member", 403)])
def test_resend_is_refused_to_others(who, status, login, world, db, make_message):
    """A coordinator is not told a message about other pokja exists; a member reads no log."""
    foreign = make_message(items=[(world["survey"], "overdue")], status="failed",
                           last_error="550 no")
    client = login(world[who])
    token = page_csrf(client, "/my-items")

    response = client.post(f"{LOG}/{foreign.id}/resend", data={"csrf_token": token})

    assert response.status_code == status
    assert reload(db, foreign.id).status == "failed"


def test_resend_needs_the_csrf_token(login, world, db):
    response = post_resend(login(world["admin"]), world["failed"].id, csrf=False)

    assert response.status_code == 400
    assert reload(db, world["failed"].id).status == "failed"


def test_a_sent_message_is_not_resent(login, world, db, now):
    client = login(world["admin"])

    response = post_resend(client, world["sent"].id)

    assert response.status_code == 302
    assert "Only a failed or held notification can be sent again." in client.get(LOG).get_data(
        as_text=True)
    unchanged = reload(db, world["sent"].id)
    assert (unchanged.status, unchanged.sent_at) == ("sent", now)


def test_resend_of_a_missing_message_is_404(login, world):
    assert post_resend(login(world["admin"]), 999_999).status_code == 404


def render_panel(app, actor, item, now):
    with app.test_request_context("/"):
        session["lang"] = "en"
        return render_template("outbox/_panel.html", outbox_panel=item_panel(actor, item, now))


def test_item_panel_lists_the_notifications_about_the_item(app, world, now):
    html = render_panel(app, world["coordinator"], world["sop"], now)

    assert 'id="outbox"' in html
    assert "Ibu Pemilik" in html and "pemilik@ntt.go.id" in html
    assert "ketua@ntt.go.id" in html
    assert "kepala@ntt.go.id" not in html  # about the other item
    assert "Overdue" in html and "Escalation level 2" in html
    assert html.index("Ibu Pemilik") < html.index("ketua@ntt.go.id")  # newest first
    assert f"/admin/notifications?item_id={world['sop'].id}" in html


def test_item_panel_for_a_member_hides_addresses_and_the_log_link(app, world, now):
    html = render_panel(app, world["member"], world["sop"], now)

    assert "Ibu Pemilik" in html
    assert "pemilik@ntt.go.id" not in html
    assert "/admin/notifications" not in html


def test_item_panel_without_notifications(app, world, make_item, now):
    quiet = make_item(pokja=world["ours"])

    html = render_panel(app, world["admin"], quiet, now)

    assert "No notifications have been sent about this action item." in html
