"""The sweep's WhatsApp message: one short text per recipient who opted in,
beside their reminder email.

Email carries the whole list; WhatsApp says what is waiting, how much, the
most pressing item and where to look, e.g. "[RB] 2 action items overdue,
1 due soon. First: Menyusun SOP pelayanan — due Monday, 30 Nov 2026
(3 working days overdue). See My tasks: https://…/my-items". Its entries
are its own (channel "whatsapp"), so the same line is never planned twice
on WhatsApp either, by any number of sweeps or processes.
"""
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import format_date, gettext as _, ngettext

from rbtasks import mail
from rbtasks.accounts.models import User
from rbtasks.extensions import db
from rbtasks.outbox.services import Entry, PlannedWhatsApp
from rbtasks.reminders.stages import (
    BEFORE, EMAIL_ORDER, ESCALATION_1, ESCALATION_2, OVERDUE, WAITING,
)

KIND = "reminder"
TITLE_LENGTH = 120
_OVERDUE_STAGES = (ESCALATION_2, ESCALATION_1, OVERDUE)


@dataclass
class PlannedText:
    """One recipient's WhatsApp reminder while the sweep collects its entries."""

    email: str
    name: str
    locale: str
    user_id: int
    phone: str
    entries: list = field(default_factory=list)    # PlannedEntry (rbtasks.reminders.emails)
    text: str = ""


def load_numbers():
    """{user id: 62812…} of the active users who opted in to WhatsApp (one query)."""
    return dict(db.session.execute(
        sa.select(User.id, User.phone).where(
            User.whatsapp_opt_in.is_(True), User.active.is_(True), User.phone.is_not(None),
            User.phone != "")).all())


def compose(planned, timing_text):
    """Write ``planned.text`` in the recipient's language. ``timing_text(due,
    locale)`` is the email's wording of an entry's timing ("3 working days
    overdue")."""
    with mail.in_language(planned.locale) as locale:
        first = min(planned.entries, key=lambda entry: (
            EMAIL_ORDER.index(entry.due.stage), entry.item.due_date, entry.item.title,
            entry.item.id))
        title = first.item.title
        if len(title) > TITLE_LENGTH:
            title = title[:TITLE_LENGTH - 1].rstrip() + "…"
        planned.text = _(
            "[RB] %(summary)s. First: %(title)s — due %(date)s (%(timing)s). "
            "See My tasks: %(url)s",
            summary=_summary(planned.entries), title=title,
            date=format_date(first.item.due_date, "EEEE, d MMM y"),
            timing=timing_text(first.due, locale), url=mail.absolute_url("items.my_items"))
    return planned


def _summary(entries):
    items = {"overdue": set(), WAITING: set(), BEFORE: set()}
    for entry in entries:
        kind = "overdue" if entry.due.stage in _OVERDUE_STAGES else entry.due.stage
        items[kind].add(entry.item.id)
    parts = []
    if items["overdue"]:
        parts.append(ngettext("%(num)d action item overdue", "%(num)d action items overdue",
                              len(items["overdue"])))
    if items[WAITING]:
        parts.append(ngettext("%(num)d awaiting verification", "%(num)d awaiting verification",
                              len(items[WAITING])))
    if items[BEFORE]:
        parts.append(ngettext("%(num)d due soon", "%(num)d due soon", len(items[BEFORE])))
    return ", ".join(parts)


def as_planned_whatsapp(planned):
    """The outbox's PlannedWhatsApp for a composed PlannedText."""
    return PlannedWhatsApp(
        kind=KIND, recipient_phone=planned.phone, text=planned.text,
        recipient_user_id=planned.user_id, recipient_name=planned.name,
        locale=planned.locale, recipient_email=planned.email,
        entries=tuple(Entry(item_id=entry.item.id, stage=entry.due.stage,
                            due_date=entry.due.deadline, period=entry.due.period)
                      for entry in planned.entries))
