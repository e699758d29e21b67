"""The reminder email: one per recipient, listing all of their entries.

Rendered by rbtasks.mail from templates/email/reminder.txt and reminder.html
in the recipient's language. Entries are grouped with the most serious first
(escalation level 2, level 1, overdue, waiting for verification, due soon).
"""
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import format_date, gettext as _, lazy_gettext as _l, ngettext
from markupsafe import Markup

from rbtasks import mail
from rbtasks.items.constants import BLOCKED, STATUS_LABELS
from rbtasks.reminders.recipients import (
    AGENCY_HEAD, COORDINATOR, LEADER_REASON, OWNER, REASONS, STAND_IN,
)
from rbtasks.reminders.stages import (
    BEFORE, EMAIL_ORDER, ESCALATION_1, ESCALATION_2, OVERDUE, WAITING,
)

GROUP_HEADINGS = {
    ESCALATION_2: _l("Escalation level 2: overdue, reported to the RB team leaders"),
    ESCALATION_1: _l("Escalation level 1: overdue, reported to the agency head"),
    OVERDUE: _l("Overdue"),
    WAITING: _l("Waiting for verification"),
    BEFORE: _l("Due soon"),
}

REASON_TEXTS = {
    OWNER: _l("You receive this email because you are responsible for these action items."),
    STAND_IN: _l("You receive this email because you coordinate the pokja of action items "
                 "that have no active owner."),
    AGENCY_HEAD: _l("You receive this email because you head the agency responsible for "
                    "these action items."),
    LEADER_REASON: _l("You receive this email because you lead the RB team."),
    COORDINATOR: _l("You receive this email because you coordinate the pokja of these "
                    "action items."),
}

_OVERDUE_STAGES = (ESCALATION_2, ESCALATION_1, OVERDUE)


@dataclass
class PlannedEntry:
    item: object        # a candidate row (rbtasks/reminders/candidates.py)
    due: object         # a DueStage
    reason: str


@dataclass
class PlannedMessage(mail.HoldsRendered):
    email: str
    name: str
    locale: str
    user_id: int | None
    entries: list = field(default_factory=list)
    reasons: set = field(default_factory=set)
    rendered: mail.RenderedEmail | None = None


class ReminderRenderer:
    """Renders planned messages. One item often appears in several emails of
    a sweep (escalations go to many people), so each line, date and label is
    worked out once per language and reused."""

    def __init__(self):
        self._labels = {}
        self._views = {}
        self._dates = {}
        self._links = {}

    def render(self, message):
        """Render ``message``'s email in its locale (``message.rendered``)."""
        with mail.in_language(message.locale) as locale:
            message.rendered = mail.render(
                "reminder", message.locale, subject=_subject(message), name=message.name,
                groups=self._groups(message, locale), labels=self._labels_in(locale),
                reasons=[str(REASON_TEXTS[reason]) for reason in REASONS
                         if reason in message.reasons],
            )
        return message

    def _labels_in(self, locale):
        if locale not in self._labels:
            self._labels[locale] = {
                "action_item": _("Action item"), "pokja": _("Pokja"), "agency": _("Agency"),
                "owner": _("Owner"), "due_date": _("Due date"), "status": _("Status"),
                "no_owner": _("No owner"),
                "intro": _("These action items need your attention."),
                "no_opt_out": _("Reminders about overdue action items and escalations "
                                "cannot be turned off."),
                "headings": {stage: str(heading) for stage, heading in GROUP_HEADINGS.items()},
                "statuses": {status: str(label) for status, label in STATUS_LABELS.items()},
            }
        return self._labels[locale]

    def _groups(self, message, locale):
        by_stage = {}
        for entry in message.entries:
            by_stage.setdefault(entry.due.stage, []).append(entry)
        headings = self._labels_in(locale)["headings"]
        groups = []
        for stage in EMAIL_ORDER:
            entries = sorted(by_stage.get(stage, ()),
                             key=lambda e: (e.item.due_date, e.item.title, e.item.id))
            if entries:
                shown = entries[:self._limit()]
                more = len(entries) - len(shown)
                groups.append({
                    "stage": stage, "heading": headings[stage],
                    "entries": [self._view(entry, locale) for entry in shown],
                    "more": more,
                    "more_text": ngettext(
                        "… and %(num)d more. See them all: %(url)s",
                        "… and %(num)d more. See them all: %(url)s", more,
                        url=self._list_link(stage)) if more else "",
                    "more_url": self._list_link(stage) if more else "",
                })
        return groups

    def _limit(self):
        # A leader of a large plan would otherwise get thousands of lines;
        # the first ones are the most overdue, the rest are one click away.
        return current_app.config.get("RBTASKS_REMINDER_ENTRIES_PER_GROUP", 50)

    def _list_link(self, stage):
        if stage == WAITING:
            return mail.absolute_url("items.list_items", status="submitted")
        if stage == BEFORE:
            return mail.absolute_url("items.list_items", sort="due_date")
        return mail.absolute_url("items.list_items", overdue=1)

    def _view(self, entry, locale):
        """The entry's facts, and its text and HTML fragments, once per
        language for each item and stage (rendered from
        templates/email/_reminder_entry.txt and .html)."""
        item, due = entry.item, entry.due
        # the overdue and escalation lines of an item read the same
        kind = "overdue" if due.stage in _OVERDUE_STAGES else due.stage
        key = (locale, item.id, kind, due.deadline, due.count)
        if key not in self._views:
            labels = self._labels_in(locale)
            status = labels["statuses"].get(item.status, item.status)
            if item.status == BLOCKED and item.block_reason:
                status = _("%(status)s: %(reason)s", status=status, reason=item.block_reason)
            view = {
                "title": item.title,
                "pokja": item.pokja_name,
                "agency": item.agency_name,
                "owner": item.owner_name if item.owner_id is not None else labels["no_owner"],
                "due_date": self._date(locale, item.due_date),
                "timing": self._timing(due, locale),
                "status": status,
                "url": self._link(item.id),
            }
            view["text"] = self._fragment("txt").render(entry=view, labels=labels)
            # autoescaped: the fragment's own template escapes every field
            view["html"] = Markup(self._fragment("html").render(entry=view, labels=labels))
            self._views[key] = view
        return self._views[key]

    def _fragment(self, kind):
        return current_app.jinja_env.get_template(f"email/_reminder_entry.{kind}")

    def timing(self, due, locale):
        """How an entry's timing reads in ``locale`` (the Babel locale
        mail.in_language yields): "3 days left", "2 working days overdue"."""
        return self._timing(due, locale)

    def _timing(self, due, locale):
        if due.stage == BEFORE:
            if due.count == 0:
                return _("Due today")
            return ngettext("%(num)d day left", "%(num)d days left", due.count)
        if due.stage == WAITING:
            return ngettext(
                "Waiting %(num)d working day since it was submitted on %(date)s",
                "Waiting %(num)d working days since it was submitted on %(date)s",
                due.count, date=self._date(locale, due.deadline),
            )
        return ngettext("%(num)d working day overdue", "%(num)d working days overdue",
                        due.count)

    def _date(self, locale, day):
        key = (locale, day)
        if key not in self._dates:
            self._dates[key] = format_date(day, "EEEE, d MMM y")
        return self._dates[key]

    def _link(self, item_id):
        if item_id not in self._links:
            self._links[item_id] = mail.absolute_url("items.show_item", item_id=item_id)
        return self._links[item_id]


def _subject(message):
    """Names the most serious kind of entry, and the agency when there is one."""
    items_by_kind = {"overdue": set(), "waiting": set(), "before": set()}
    for entry in message.entries:
        kind = "overdue" if entry.due.stage in _OVERDUE_STAGES else entry.due.stage
        items_by_kind[kind].add(entry.item.id)
    agencies = {entry.item.agency_name for entry in message.entries}
    agency = agencies.pop() if len(agencies) == 1 else None
    if items_by_kind["overdue"]:
        num = len(items_by_kind["overdue"])
        if agency:
            return ngettext("[RB] %(num)d action item overdue — %(agency)s",
                            "[RB] %(num)d action items overdue — %(agency)s", num, agency=agency)
        return ngettext("[RB] %(num)d action item overdue",
                        "[RB] %(num)d action items overdue", num)
    if items_by_kind["waiting"]:
        num = len(items_by_kind["waiting"])
        if agency:
            return ngettext("[RB] %(num)d action item awaiting verification — %(agency)s",
                            "[RB] %(num)d action items awaiting verification — %(agency)s",
                            num, agency=agency)
        return ngettext("[RB] %(num)d action item awaiting verification",
                        "[RB] %(num)d action items awaiting verification", num)
    num = len(items_by_kind["before"])
    if agency:
        return ngettext("[RB] %(num)d action item due soon — %(agency)s",
                        "[RB] %(num)d action items due soon — %(agency)s", num, agency=agency)
    return ngettext("[RB] %(num)d action item due soon",
                    "[RB] %(num)d action items due soon", num)
