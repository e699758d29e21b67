"""Planning the weekly digest: one outbox email per recipient per ISO week.

``plan_digests(now)`` builds each recipient's email for ``now``'s ISO week
(on the week's first working day, which the weekly run decides:
rbtasks/digest/run.py), then takes the ``JobLock("digest")`` row FOR UPDATE until the end of
its transaction, so concurrent runs serialise their writes; takes this
week's snapshots; and queues one email per recipient
(``rbtasks.outbox.services.enqueue``) under the unique
``digest:<ISO year>-W<week>:<email>`` key,
skipping recipients whose key exists (checked again under the lock).
Delivering them is the weekly run's next step, as for the reminders.
"""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.exc import IntegrityError

from rbtasks.digest.content import DigestBuilder
from rbtasks.digest.recipients import digest_recipients
from rbtasks.digest.render import DigestRenderer
from rbtasks.extensions import db
from rbtasks.mail import HoldsRendered, RenderedEmail
from rbtasks.outbox.locks import hold_job_lock
from rbtasks.outbox.services import PlannedEmail, already_queued, enqueue
from rbtasks.outbox.services import dedup_key as outbox_key
from rbtasks.snapshots.services import take_snapshots, week_label
from rbtasks.timeutil import local_today

LOCK_NAME = "digest"
KIND = "digest"


@dataclass
class PlannedDigest(HoldsRendered):
    email: str
    name: str
    locale: str
    user_id: int
    scope: str                 # "all pokja" or the pokja names, for the CLI
    dedup_key: str
    rendered: RenderedEmail | None = None


@dataclass
class DigestReport:
    today: date
    week: str
    # The week's first working day, named when the run refused another day.
    first_working_day: date | None = None
    planned_day: bool = True
    dry_run: bool = False
    messages: list = field(default_factory=list)         # PlannedDigest
    already_planned: list = field(default_factory=list)  # emails
    delivery: object = None                              # DeliveryReport, when delivered


def dedup_key(day, email):
    """The once-per-week key of ``email``'s digest for ``day``'s ISO week."""
    return outbox_key(KIND, week_label(day), email)


def plan_digests(now, dry_run=False):
    """Plan this week's digests as pending outbox rows (flushed, not committed).

    It plans on whatever day it is given, once per recipient and ISO week;
    :func:`rbtasks.digest.run.run_weekly` decides the day. With ``dry_run``
    the emails are built and nothing is written or locked. If the unique key
    refuses a row regardless, the session is rolled back and the planning
    runs once more, which then skips what the other process wrote.
    """
    try:
        return _plan(now, dry_run)
    except IntegrityError:
        db.session.rollback()
        return _plan(now, dry_run)


def _plan(now, dry_run):
    today = local_today(now)
    report = DigestReport(today=today, week=week_label(today), dry_run=dry_run)
    recipients = digest_recipients()
    keys = {recipient.email: dedup_key(today, recipient.email) for recipient in recipients}
    planned_before = already_queued(keys.values())
    # Built before taking the lock, so concurrent runs wait only for the
    # short write below, not for each other's charts.
    builder, renderer = DigestBuilder(now), DigestRenderer()
    for recipient in recipients:
        if keys[recipient.email] in planned_before:
            report.already_planned.append(recipient.email)
            continue
        content = builder.content_for(recipient.user, recipient.pokja_ids)
        user = recipient.user
        planned = PlannedDigest(email=user.email, name=user.name, locale=user.locale,
                                user_id=user.id, scope=content.scope_name,
                                dedup_key=keys[recipient.email])
        renderer.render(planned, content)
        report.messages.append(planned)
    if dry_run:
        return report
    hold_job_lock(LOCK_NAME, now)
    take_snapshots(now)
    # Under the lock: whatever another run committed meanwhile is visible now.
    planned_meanwhile = already_queued([message.dedup_key for message in report.messages])
    report.already_planned += [message.email for message in report.messages
                               if message.dedup_key in planned_meanwhile]
    report.messages = [message for message in report.messages
                       if message.dedup_key not in planned_meanwhile]
    _write(report.messages, now)
    return report


def _write(messages, now):
    enqueue([PlannedEmail(kind=KIND, recipient_email=planned.email, recipient_name=planned.name,
                          recipient_user_id=planned.user_id, locale=planned.locale,
                          rendered=planned.rendered, dedup_key=planned.dedup_key)
             for planned in messages], now)
