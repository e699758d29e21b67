"""The daily sweep: plan every reminder and escalation due today, exactly once.

``plan_reminders(now)`` works out, for every item that may be due, which stages
are due today (rbtasks/reminders/stages.py) and for whom
(rbtasks/reminders/recipients.py), drops what the outbox already holds, and
queues one email per recipient with an entry per line
(``rbtasks.outbox.services.enqueue``) — and, for each recipient who opted in
to WhatsApp, one short WhatsApp message with entries of its own
(rbtasks/reminders/whatsapp.py): the one-message-per-recipient rule holds
per channel. Whether today is a working day, and
delivering what was planned, is the daily run's business
(rbtasks/reminders/run.py).

Exactly once, across any number of processes: planning holds the
``JobLock("sweep")`` row for the whole transaction, so concurrent sweeps run
one after the other and each sees what the previous one committed; the
unique key on OutboxEntry is the last line of defence behind it.

The number of SQL queries does not depend on the number of items: the
calendar, the policy, the candidate items (with pokja, agency and owner),
the people, the WhatsApp numbers and the already-planned keys are each one
query.
"""
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.exc import IntegrityError

from rbtasks.extensions import db
from rbtasks.outbox.locks import hold_job_lock
from rbtasks.outbox.services import EMAIL, WHATSAPP, Entry, PlannedEmail, enqueue
from rbtasks.reminders import whatsapp
from rbtasks.reminders.candidates import load_candidates, load_planned_keys
from rbtasks.reminders.emails import PlannedEntry, PlannedMessage, ReminderRenderer
from rbtasks.reminders.recipients import Directory, recipients_for
from rbtasks.reminders.stages import due_stages
from rbtasks.settings_store.policy import load_policy
from rbtasks.timeutil import local_today, province_zone
from rbtasks.workdays.calendar import WorkCalendar

LOCK_NAME = "sweep"
KIND = "reminder"


@dataclass
class SweepReport:
    today: date
    working_day: bool = True
    day_off_name: str | None = None   # the holiday's name when not a working day
    dry_run: bool = False
    messages: list = field(default_factory=list)      # PlannedMessage, rendered
    whatsapp: list = field(default_factory=list)      # whatsapp.PlannedText, composed
    by_stage: Counter = field(default_factory=Counter)
    by_recipient: Counter = field(default_factory=Counter)
    already_planned: int = 0
    delivery: object = None           # the DeliveryReport, when the run delivered

    @property
    def entries(self):
        return sum(self.by_stage.values())


def plan_reminders(now, dry_run=False, calendar=None):
    """Plan today's reminders as pending outbox rows (flushed, not committed).

    It plans whatever day it is given: only working days should be swept,
    which :func:`rbtasks.reminders.run.run_daily` decides. ``calendar`` is a
    loaded WorkCalendar (loaded here when not given). With ``dry_run`` the
    same plan is computed and nothing is written (nor locked). The sweep is
    its own unit of work: if the unique key refuses a row anyway, the session
    is rolled back and the sweep is run once more, which then sees the rows
    that won.
    """
    calendar = calendar or WorkCalendar.load()
    try:
        return _sweep(now, dry_run, calendar)
    except IntegrityError:
        db.session.rollback()
        return _sweep(now, dry_run, calendar)


def _sweep(now, dry_run, calendar):
    today = local_today(now)
    report = SweepReport(today=today, dry_run=dry_run)
    if not dry_run:
        hold_job_lock(LOCK_NAME, now)
    policy = load_policy()
    candidates = load_candidates(today, policy, calendar)
    directory = Directory.load(row.head_email for row in candidates)
    planned = load_planned_keys(today, policy, calendar)
    numbers = whatsapp.load_numbers()
    messages, texts = _plan(candidates, today, policy, calendar, directory, planned, numbers,
                            report)
    renderer = ReminderRenderer()
    report.messages = [renderer.render(message) for message in messages]
    report.whatsapp = [whatsapp.compose(text, renderer.timing) for text in texts]
    if not dry_run:
        _write(report.messages, report.whatsapp, now)
    return report


def _plan(candidates, today, policy, calendar, directory, planned, numbers, report):
    """Group the due, not yet planned entries by recipient: emails, and the
    WhatsApp texts of those with a number in ``numbers``."""
    zone = province_zone()
    messages, texts = {}, {}
    for item in candidates:
        submitted_on = item.submitted_at.astimezone(zone).date() if item.submitted_at else None
        for due in due_stages(item.status, item.due_date, submitted_on, today, policy,
                              calendar):
            for person in recipients_for(due.stage, item, directory):
                key = (item.id, due.stage, due.deadline, due.period, person.email)
                phone = numbers.get(person.user_id) if person.user_id is not None else None
                if phone and key + (WHATSAPP,) not in planned:
                    planned.add(key + (WHATSAPP,))
                    text = texts.get(person.email)
                    if text is None:
                        text = texts[person.email] = whatsapp.PlannedText(
                            email=person.email, name=person.name, locale=person.locale,
                            user_id=person.user_id, phone=phone)
                    text.entries.append(PlannedEntry(item=item, due=due, reason=person.reason))
                if key + (EMAIL,) in planned:
                    report.already_planned += 1
                    continue
                planned.add(key + (EMAIL,))
                message = messages.get(person.email)
                if message is None:
                    message = messages[person.email] = PlannedMessage(
                        email=person.email, name=person.name, locale=person.locale,
                        user_id=person.user_id)
                message.entries.append(PlannedEntry(item=item, due=due, reason=person.reason))
                message.reasons.add(person.reason)
                report.by_stage[due.stage] += 1
                report.by_recipient[person.email] += 1
    return ([messages[email] for email in sorted(messages)],
            [texts[email] for email in sorted(texts)])


def _write(messages, texts, now):
    """Queue the rendered emails and the WhatsApp texts, each with its
    entries, in the outbox."""
    enqueue([
        PlannedEmail(
            kind=KIND, recipient_email=planned.email, recipient_name=planned.name,
            recipient_user_id=planned.user_id, locale=planned.locale,
            rendered=planned.rendered,
            entries=tuple(Entry(item_id=entry.item.id, stage=entry.due.stage,
                                due_date=entry.due.deadline, period=entry.due.period)
                          for entry in planned.entries))
        for planned in messages
    ] + [whatsapp.as_planned_whatsapp(text) for text in texts], now)
