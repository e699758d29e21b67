"""GET /api/v1/notifications and POST /api/v1/notifications/<id>/resend: the
notification log over JSON, for the page's own readers."""
import pytest

from rbtasks.outbox.models import OutboxMessage
from rbtasks.outbox.services import deliver_pending
from rbtasks.timeutil import utc_now

LOG = "/api/v1/notifications"


def recipients(response):
    assert response.status_code == 200, response.get_json()
    return [row["recipient_email"] for row in response.get_json()["data"]]


def test_admin_lists_every_notification_newest_first(api, world, now):
    response = api(world["admin"]).get(LOG)

    body = response.get_json()
    assert recipients(response) == ["pemilik@ntt.go.id", "kepala@ntt.go.id", "ketua@ntt.go.id"]
    assert body["meta"] == {"page": 1, "per_page": 50, "total": 3, "pages": 1}
    failed = body["data"][0]
    assert failed["id"] == world["failed"].id
    assert (failed["status"], failed["attempts"], failed["may_resend"]) == ("failed", 1, True)
    assert failed["last_error"] == "550 5.1.1 No such user"
    assert failed["recipient_name"] == "Ibu Pemilik"
    assert failed["message_id"] == world["failed"].message_id
    assert failed["planned_at"] == now.isoformat() and failed["sent_at"] is None
    assert failed["entries"] == [{"stage": "overdue", "item_id": world["sop"].id,
                                  "item_title": "Menyusun SOP pelayanan",
                                  "item_deleted": False}]
    assert body["data"][1]["may_resend"] is False  # sent


def test_filters_by_status_recipient_and_item(api, world, make_item, make_message):
    client = api(world["admin"])
    make_message(items=[(make_item(pokja=world["ours"]), "before")],
                 recipient_email="oktavianus.pello@nttprov.go.id",
                 recipient_name="Oktavianus Pello, S.H., M.H.", status="failed",
                 last_error="550 5.1.1 Mailbox unavailable")

    assert recipients(client.get(LOG, query_string={"status": "failed"})) == [
        "pemilik@ntt.go.id", "oktavianus.pello@nttprov.go.id"]
    # Any part of the address or of the name, in any case.
    assert recipients(client.get(LOG, query_string={"recipient": "PELLO, S.H."})) == [
        "oktavianus.pello@nttprov.go.id"]
    assert recipients(client.get(LOG, query_string={"recipient": "ketua@"})) == [
        "ketua@ntt.go.id"]
    assert recipients(client.get(LOG, query_string={"recipient": "%"})) == []
    assert recipients(client.get(LOG, query_string={"item_id": world["survey"].id})) == [
        "kepala@ntt.go.id", "ketua@ntt.go.id"]
    assert recipients(client.get(LOG, query_string={
        "item_id": world["survey"].id, "status": "held"})) == ["ketua@ntt.go.id"]


def test_pages_of_the_log(api, world):
    client = api(world["admin"])

    first = client.get(LOG, query_string={"per_page": 2})
    second = client.get(LOG, query_string={"per_page": 2, "page": 2})

    assert recipients(first) == ["pemilik@ntt.go.id", "kepala@ntt.go.id"]
    assert first.get_json()["meta"] == {"page": 1, "per_page": 2, "total": 3, "pages": 2}
    assert recipients(second) == ["ketua@ntt.go.id"]
    assert second.get_json()["meta"] == {"page": 2, "per_page": 2, "total": 3, "pages": 2}


def test_bad_filters_answer_422_naming_each(api, world):
    response = api(world["admin"]).get(LOG, query_string={
        "status": "lost", "per_page": "500", "item_id": "x", "recipient": "a" * 255})

    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {"status", "per_page", "item_id", "recipient"}
    assert error["fields"]["status"] == "Unknown status."


def test_a_coordinator_reads_only_what_concerns_their_pokja(api, world):
    response = api(world["coordinator"]).get(LOG)

    assert recipients(response) == ["pemilik@ntt.go.id", "ketua@ntt.go.id"]
    both = response.get_json()["data"][1]
    # A message about both pokjas shows only their pokja's item.
    assert [entry["item_id"] for entry in both["entries"]] == [world["sop"].id]
    assert both["hidden_entries"] == 1


@pytest.mark.parametrize("who", ["member", "owner", "leader", "agency_head"])
def test_others_may_not_read_the_log_or_resend(who, api, world, make_user, make_item, db):
    if who == "owner":
        user = make_user(role="member")
        make_item(pokja=world["ours"], owner=user)
    elif who == "agency_head":
        user = make_user(role="agency_head")
    else:
        user = world[who]
    client = api(user)

    listing = client.get(LOG)
    resend = client.post(f"{LOG}/{world['failed'].id}/resend")

    assert listing.status_code == 403 and resend.status_code == 403
    assert listing.get_json()["error"]["code"] == "forbidden"
    db.session.expire_all()
    assert db.session.get(OutboxMessage, world["failed"].id).status == "failed"


def test_resend_of_a_failed_email_then_delivery_to_the_mail_server(api, world, db, mailbox):
    response = api(world["admin"]).post(f"{LOG}/{world['failed'].id}/resend")

    assert response.status_code == 200
    body = response.get_json()
    assert (body["id"], body["status"], body["attempts"]) == (world["failed"].id, "pending", 0)
    assert (body["last_error"], body["may_resend"]) == (None, False)

    assert deliver_pending(utc_now()).sent == 1
    [message] = mailbox.to("pemilik@ntt.go.id")
    assert message["Message-ID"] == world["failed"].message_id
    db.session.expire_all()
    assert db.session.get(OutboxMessage, world["failed"].id).status == "sent"


def test_a_coordinator_resends_what_concerns_their_pokja_only(api, world, db):
    client = api(world["coordinator"])

    held = client.post(f"{LOG}/{world['both'].id}/resend")
    foreign = client.post(f"{LOG}/{world['sent'].id}/resend")

    assert held.status_code == 200 and held.get_json()["status"] == "pending"
    # About the other pokja only: not even said to exist.
    assert foreign.status_code == 404
    assert foreign.get_json()["error"]["code"] == "not_found"


def test_resend_of_an_unknown_id_is_404(api, world):
    response = api(world["admin"]).post(f"{LOG}/987654/resend")

    assert response.status_code == 404
    assert response.get_json()["error"]["message"] == "That notification does not exist."


def test_a_sent_email_is_not_resent(api, world, db, now):
    response = api(world["admin"]).post(f"{LOG}/{world['sent'].id}/resend")

    assert response.status_code == 409
    assert response.get_json()["error"]["message"] == (
        "Only a failed or held notification can be sent again.")
    db.session.expire_all()
    unchanged = db.session.get(OutboxMessage, world["sent"].id)
    assert (unchanged.status, unchanged.sent_at) == ("sent", now)
