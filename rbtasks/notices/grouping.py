"""Grouping a person's notices into one email once the window has passed.

``plan_notice_emails(now)`` runs before every delivery (registered with the
outbox in ``rbtasks.notices.init_app``, so ``flask rb deliver`` and the
scheduler's minute job both run it). A person whose oldest undispatched
notice is ``RBTASKS_NOTICE_WINDOW_MINUTES`` (10) old or older gets one email
(templates/email/notices.txt and .html, in their language) listing all their
undispatched notices of the kinds they want by email; every one of their
undispatched notices is then marked dispatched, emailed or not.

Exactly once across processes, as the reminders: planning holds the
``JobLock("notices")`` row until its transaction ends, so a second planner
waits and then sees the notices already dispatched; the email's once-only key
``notice:<user id>:<first notice id>`` is the last line of defence. A minute
with nothing due costs one query and takes no lock.

WhatsApp copies: a person who opted in to WhatsApp and has a number also
gets ONE short WhatsApp message for the same group (rbtasks/notices/whatsapp.py,
once-only key ``notice-wa:<user id>:<first notice id>``), covering the kinds
they did not turn off for WhatsApp. The default is on: opting in to WhatsApp
on the profile means notices go there too, kind by kind until turned off.
The outbox holds one planned in the quiet hours until 06:00 WITA.
"""
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from rbtasks import mail
from rbtasks.accounts.models import User
from rbtasks.extensions import db
from rbtasks.notices.kinds import line
from rbtasks.notices.models import EMAIL, WHATSAPP, Notice
from rbtasks.notices.preferences import turned_off
from rbtasks.notices.whatsapp import planned_whatsapp, wants_whatsapp
from rbtasks.outbox.locks import hold_job_lock
from rbtasks.outbox.services import PlannedEmail, dedup_key, enqueue

LOCK_NAME = "notices"
KIND = "notice"

REASON = _l("You receive this email because something happened to action items you own, "
            "coordinate or were mentioned on. Choose which kinds reach you by email on your "
            "profile.")


@dataclass
class NoticeReport:
    emails: int = 0
    whatsapp: int = 0
    notices: int = 0
    recipients: list = field(default_factory=list)


def window():
    return timedelta(minutes=current_app.config.get("RBTASKS_NOTICE_WINDOW_MINUTES", 10))


def _due_recipients(now):
    """Ids of the people whose oldest undispatched notice is past the window."""
    return list(db.session.scalars(
        sa.select(Notice.recipient_id).where(Notice.dispatched_at.is_(None),
                                             Notice.created_at <= now)
        .group_by(Notice.recipient_id)
        .having(sa.func.min(Notice.created_at) <= now - window())
        .order_by(Notice.recipient_id)))


def plan_notice_emails(now):
    """Queue one email (and, for those who opted in, one WhatsApp message) per
    person whose notices' window has passed, and mark those notices dispatched (flushed, not committed); returns a NoticeReport."""
    if not _due_recipients(now):
        return NoticeReport()
    try:
        return _plan(now)
    except IntegrityError:
        db.session.rollback()
        return _plan(now)


def _plan(now):
    hold_job_lock(LOCK_NAME, now)
    report = NoticeReport()
    # Under the lock: what another planner dispatched meanwhile is gone from here.
    recipient_ids = _due_recipients(now)
    if not recipient_ids:
        return report
    notices = db.session.scalars(
        sa.select(Notice).where(Notice.recipient_id.in_(recipient_ids),
                                Notice.dispatched_at.is_(None), Notice.created_at <= now)
        .options(joinedload(Notice.item), joinedload(Notice.actor))
        .order_by(Notice.created_at, Notice.id)).all()
    people = {user.id: user for user in db.session.scalars(
        sa.select(User).where(User.id.in_(recipient_ids)))}
    off = {channel: turned_off(recipient_ids, channel) for channel in (EMAIL, WHATSAPP)}
    by_person = {}
    for notice in notices:
        by_person.setdefault(notice.recipient_id, []).append(notice)
    planned, covered = [], []     # covered: (channel, the notices a message carries)
    for user_id, theirs in by_person.items():
        person = people[user_id]
        wanted = _wanted(theirs, off[EMAIL].get(user_id, ()))
        if wanted and person.active and person.email:
            planned.append(_email(person, wanted))
            covered.append((EMAIL, wanted))
            report.recipients.append(person.email)
        texted = _wanted(theirs, off[WHATSAPP].get(user_id, ()))
        if texted and wants_whatsapp(person):
            planned.append(planned_whatsapp(person, texted))
            covered.append((WHATSAPP, texted))
        for notice in theirs:
            notice.dispatched_at = now
        report.notices += len(theirs)
    ids = enqueue(planned, now)
    for message_id, (channel, carried) in zip(ids, covered):
        for notice in carried:
            if channel == EMAIL:
                notice.email_message_id = message_id
            else:
                notice.whatsapp_message_id = message_id
        if channel == EMAIL:
            report.emails += 1
        else:
            report.whatsapp += 1
    db.session.flush()
    return report


def _wanted(notices, kinds_off):
    return [notice for notice in notices
            if notice.kind not in kinds_off and notice.item.deleted_at is None]


def _email(person, notices):
    with mail.in_language(person.locale):
        entries = [_entry(notice) for notice in notices]
        items = {notice.item_id for notice in notices}
        subject = ngettext("[RB] %(num)d notice about your action items",
                           "[RB] %(num)d notices about your action items", len(notices))
        if len(items) == 1:
            subject = ngettext("[RB] %(num)d notice: %(title)s", "[RB] %(num)d notices: %(title)s",
                               len(notices), title=notices[0].item.title)
        rendered = mail.render("notices", person.locale, subject=subject, name=person.name,
                               entries=entries, reason=str(REASON),
                               profile_url=mail.absolute_url("accounts.profile"),
                               notices_url=mail.absolute_url("notices.list_notices"))
    return PlannedEmail(kind=KIND, recipient_email=person.email, recipient_name=person.name,
                        recipient_user_id=person.id, locale=person.locale, rendered=rendered,
                        dedup_key=dedup_key(KIND, str(person.id), str(notices[0].id)))


def _entry(notice):
    return {"line": line(notice.kind, notice.actor.name if notice.actor else ""),
            "title": notice.item.title, "note": notice.note, "at": notice.created_at,
            "url": mail.absolute_url("items.show_item", item_id=notice.item_id)}
