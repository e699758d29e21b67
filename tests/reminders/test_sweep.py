"""The sweep against the database: who is planned what, exactly once, and
only on working days (the daily run, ``run_daily``, without delivery)."""
from datetime import date

import sqlalchemy as sa

from rbtasks.outbox.models import JobLock, OutboxEntry, OutboxMessage
from rbtasks.reminders.run import run_daily
from rbtasks.reminders.sweep import plan_reminders
from rbtasks.workdays.models import CalendarOverride
from tests.reminders.conftest import messages, outbox_keys, wita

HEAD = "kepala.inspektorat@nttprov.go.id"


def sweep(db, moment, **kwargs):
    report = run_daily(moment, deliver=None, **kwargs)
    db.session.commit()
    return report


def test_the_owner_is_reminded_before_the_deadline_once_per_lead_time(db, province, make_item):
    item = make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 26))
    first = sweep(db, wita(2026, 11, 25))
    assert first.by_stage == {"before": 1}
    assert outbox_keys(db) == [
        (province.owner.email, "before", item.id, date(2026, 11, 26), 1)]
    (message,) = messages(db)
    assert (message.status, message.kind, message.locale) == ("pending", "reminder", "id")
    assert message.planned_at == message.next_attempt_at == wita(2026, 11, 25)
    assert message.recipient_user_id == province.owner.id
    assert message.message_id.startswith("<") and message.message_id.endswith(">")

    again = sweep(db, wita(2026, 11, 25, 15))
    assert (again.entries, again.already_planned, again.messages) == (0, 1, [])
    assert len(messages(db)) == 1

    sweep(db, wita(2026, 11, 26))
    assert [key[3:] for key in outbox_keys(db)] == [(date(2026, 11, 26), 0),
                                                   (date(2026, 11, 26), 1)]


def test_an_overdue_item_after_a_gap_plans_only_the_current_period_to_everyone(
        db, province, make_item, make_user):
    other_coordinator = make_user(role="coordinator", name="Ana Koordinator")
    province.pokja.coordinators.append(other_coordinator)
    db.session.commit()
    item = make_item(owner=province.owner, pokja=province.pokja, agency=province.agency,
                     due_date=date(2026, 11, 2), status="blocked", block_reason="Menunggu SK")
    # 17 working days overdue on 25 Nov, the first sweep ever
    report = sweep(db, wita(2026, 11, 25))
    due = date(2026, 11, 2)
    assert outbox_keys(db) == sorted([
        (province.owner.email, "overdue", item.id, due, 3),
        (HEAD, "escalation_1", item.id, due, 2),
        (province.leader.email, "escalation_2", item.id, due, 1),
        (province.coordinator.email, "escalation_2", item.id, due, 1),
        (other_coordinator.email, "escalation_2", item.id, due, 1),
    ])
    assert report.by_stage == {"overdue": 1, "escalation_1": 1, "escalation_2": 3}
    head_message = next(m for m in messages(db) if m.recipient_email == HEAD)
    # agency heads need no account: the agency's head name, Indonesian
    assert (head_message.recipient_name, head_message.locale,
            head_message.recipient_user_id) == ("Kepala Inspektorat", "id", None)
    assert "Inspektorat Daerah" in head_message.subject
    # the next working day (18) starts only escalation level 1's next period (3 + 3×5)
    next_day = sweep(db, wita(2026, 11, 26))
    assert (next_day.by_stage, next_day.already_planned) == ({"escalation_1": 1}, 4)
    assert (HEAD, "escalation_1", item.id, due, 3) in outbox_keys(db)


def test_an_agency_head_with_an_account_gets_their_name_and_language(
        db, province, make_item, make_user):
    head = make_user(role="agency_head", name="Ir. Kepala", email=HEAD, locale="en",
                     agency=province.agency)
    make_item(owner=province.owner, pokja=province.pokja, agency=province.agency,
              due_date=date(2026, 11, 20))
    sweep(db, wita(2026, 11, 25))  # 3 working days overdue
    message = next(m for m in messages(db) if m.recipient_email == HEAD)
    assert (message.recipient_name, message.locale, message.recipient_user_id) == (
        "Ir. Kepala", "en", head.id)
    assert message.subject == "[RB] 1 action item overdue — Inspektorat Daerah"


def test_one_email_per_recipient_with_all_of_their_entries(db, province, make_item):
    soon = make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 26))
    late = make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 24))
    later = make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 23))
    sweep(db, wita(2026, 11, 25))
    owner_messages = [m for m in messages(db) if m.recipient_email == province.owner.email]
    assert len(owner_messages) == 1
    assert sorted((e.item_id, e.stage) for e in owner_messages[0].entries) == sorted([
        (soon.id, "before"), (late.id, "overdue"), (later.id, "overdue")])


def test_an_item_without_an_active_owner_sends_owner_notices_to_the_coordinators(
        db, province, make_item, make_user):
    gone = make_user(name="Pensiunan", active=False)
    unowned = make_item(owner=None, pokja=province.pokja, due_date=date(2026, 11, 26))
    inactive = make_item(owner=gone, pokja=province.pokja, due_date=date(2026, 11, 24))
    sweep(db, wita(2026, 11, 25))
    assert outbox_keys(db) == sorted([
        (province.coordinator.email, "before", unowned.id, date(2026, 11, 26), 1),
        (province.coordinator.email, "overdue", inactive.id, date(2026, 11, 24), 0),
    ])


def test_a_submitted_item_waits_for_its_coordinators_and_its_owner_hears_nothing(
        db, province, make_item):
    item = make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 2),
                     status="submitted", submitted_at=wita(2026, 11, 19, 16))
    assert sweep(db, wita(2026, 11, 23)).entries == 0        # waited 2 working days
    sweep(db, wita(2026, 11, 24))
    assert outbox_keys(db) == [
        (province.coordinator.email, "waiting", item.id, date(2026, 11, 19), 0)]


def test_a_submission_late_in_the_evening_counts_from_its_wita_date(db, province, make_item):
    # 23:30 WITA on Thursday is still Thursday 19 Nov (15:30 UTC)
    item = make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 12, 15),
                     status="submitted", submitted_at=wita(2026, 11, 19, 23, 30))
    sweep(db, wita(2026, 11, 24))
    assert outbox_keys(db) == [
        (province.coordinator.email, "waiting", item.id, date(2026, 11, 19), 0)]


def test_done_cancelled_and_deleted_items_get_nothing(db, province, make_item):
    for status in ("done", "cancelled"):
        make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 2),
                  status=status)
    make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 2),
              deleted_at=wita(2026, 11, 3))
    report = sweep(db, wita(2026, 11, 25))
    assert (report.entries, outbox_keys(db)) == (0, [])


def test_a_day_that_is_not_worked_plans_nothing_and_says_so(db, province, make_item):
    make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 2))
    for moment in (wita(2026, 11, 28), wita(2026, 12, 24)):  # Saturday; cuti bersama
        report = sweep(db, moment)
        assert report.working_day is False and report.entries == 0
    assert outbox_keys(db) == []
    assert db.session.get(JobLock, "sweep") is None


def test_calendar_overrides_in_the_database_decide_the_working_day(db, province, make_item, now):
    make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 2))
    db.session.add_all([
        CalendarOverride(day=date(2026, 11, 25), working=False, name="Cuti tambahan",
                         created_at=now),
        CalendarOverride(day=date(2026, 11, 28), working=True, name="Sabtu kerja",
                         created_at=now),
    ])
    db.session.commit()
    assert sweep(db, wita(2026, 11, 25)).working_day is False
    saturday = sweep(db, wita(2026, 11, 28))
    assert saturday.working_day is True and saturday.by_stage["overdue"] == 1


def test_a_moved_deadline_starts_its_stages_afresh(db, province, make_item):
    item = make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 20))
    sweep(db, wita(2026, 11, 24))                      # overdue period 0 for 20 Nov
    item.due_date = date(2026, 11, 23)                  # an approved extension
    db.session.commit()
    report = sweep(db, wita(2026, 11, 25))              # 2 working days past 23 Nov
    assert report.by_stage == {"overdue": 1}
    owner_keys = [key[1:] for key in outbox_keys(db) if key[0] == province.owner.email]
    assert owner_keys == [("overdue", item.id, date(2026, 11, 20), 0),
                          ("overdue", item.id, date(2026, 11, 23), 0)]


def test_a_dry_run_computes_the_plan_and_writes_nothing(db, province, make_item):
    make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 2))
    report = plan_reminders(wita(2026, 11, 25), dry_run=True)
    db.session.rollback()
    assert report.by_stage == {"overdue": 1, "escalation_1": 1, "escalation_2": 2}
    assert {m.email for m in report.messages} == {
        province.owner.email, HEAD, province.leader.email, province.coordinator.email}
    assert all(m.subject and m.body_text and m.body_html for m in report.messages)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 0
    assert db.session.get(JobLock, "sweep") is None


def test_the_unique_key_refuses_a_duplicate_and_the_sweep_retries(
        db, province, make_item, monkeypatch):
    from rbtasks.reminders import sweep as sweep_module

    make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 24))
    sweep(db, wita(2026, 11, 25))
    real = sweep_module.load_planned_keys
    calls = []

    def forgetful(*args):
        calls.append(1)
        return set() if len(calls) == 1 else real(*args)

    # the first attempt "forgets" what is planned; the database refuses the
    # duplicate row, and the retry sees it
    monkeypatch.setattr(sweep_module, "load_planned_keys", forgetful)
    report = sweep(db, wita(2026, 11, 25, 9))
    assert len(calls) == 2
    assert (report.entries, report.already_planned) == (0, 1)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxEntry)) == 1
    assert db.session.get(JobLock, "sweep").last_run_at == wita(2026, 11, 25, 9)


def test_a_long_group_lists_the_most_overdue_first_and_links_the_rest(
        app, db, province, make_item):
    titles = []
    for day in range(1, 6):  # due 10..14 Nov: all overdue on the 25th
        titles.append(make_item(owner=province.owner, pokja=province.pokja,
                                title=f"Rencana {day}", due_date=date(2026, 11, 9 + day)).title)
    previous = app.config["RBTASKS_REMINDER_ENTRIES_PER_GROUP"]
    app.config["RBTASKS_REMINDER_ENTRIES_PER_GROUP"] = 3
    try:
        sweep(db, wita(2026, 11, 25))
    finally:
        app.config["RBTASKS_REMINDER_ENTRIES_PER_GROUP"] = previous
    [message] = [m for m in messages(db) if m.recipient_email == province.owner.email]
    assert len(message.entries) == 5  # all five are recorded as told
    shown = [title for title in titles if title in message.body_text]
    assert shown == ["Rencana 1", "Rencana 2", "Rencana 3"]
    assert "… dan 2 lainnya" in message.body_text
    assert "http://rbtasks.test/items?overdue=1" in message.body_text
    assert 'href="http://rbtasks.test/items?overdue=1"' in message.body_html
