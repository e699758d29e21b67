"""The notification log's services, without HTTP."""
from datetime import timedelta

import pytest

from rbtasks.errors import InvalidTransition, NotFound, PermissionDenied
from rbtasks.outbox.services import LogFilters, messages_about_item, notification_log, resend


def test_log_readers(make_user, make_message):
    make_message()
    for role in ("member", "leader", "agency_head"):
        with pytest.raises(PermissionDenied):
            notification_log(make_user(role=role), LogFilters())
    with pytest.raises(PermissionDenied):
        notification_log(make_user(role="admin", active=False), LogFilters())
    assert notification_log(make_user(role="admin"), LogFilters()).total == 1


def test_coordinator_without_pokjas_sees_nothing(make_user, make_item, make_message):
    make_message(items=[(make_item(), "overdue")])

    page = notification_log(make_user(role="coordinator"), LogFilters())

    assert (page.total, page.items) == (0, [])


def test_filter_by_item(make_user, make_item, make_message):
    first, second = make_item(), make_item()
    about_first = make_message(items=[(first, "before")])
    make_message(items=[(second, "before")])

    page = notification_log(make_user(role="admin"), LogFilters(item_id=first.id))

    assert [row.message.id for row in page.items] == [about_first.id]
    assert page.items[0].stages == ["before"]


def test_resend_requeues_and_keeps_the_message_id(make_user, make_message, db, now):
    failed = make_message(status="failed", attempts=6, last_error="gave up",
                          next_attempt_at=now - timedelta(days=1))
    message_id = failed.message_id

    resent = resend(make_user(role="admin"), failed, now)

    assert (resent.status, resent.attempts, resent.next_attempt_at) == ("pending", 0, now)
    assert resent.last_error is None
    assert resent.message_id == message_id


def test_resend_refuses_what_is_not_failed_or_held(make_user, make_message, now):
    admin = make_user(role="admin")
    for status in ("pending", "sending", "sent"):
        with pytest.raises(InvalidTransition):
            resend(admin, make_message(status=status).id, now)
    with pytest.raises(NotFound):
        resend(admin, 123456, now)


def test_messages_about_item_newest_first_with_this_items_stages(make_item, make_message, now):
    item, other = make_item(), make_item()
    old = make_message(items=[(item, "before")], planned_at=now - timedelta(days=3))
    new = make_message(items=[(item, "overdue"), (item, "escalation_1"), (other, "overdue")],
                       planned_at=now)
    make_message(items=[(other, "overdue")])

    found = messages_about_item(item)

    assert [(message.id, stages) for message, stages in found] == [
        (new.id, ["overdue", "escalation_1"]), (old.id, ["before"])]
