"""The WhatsApp copy of a person's grouped notices: one short text.

Email carries every notice in full; WhatsApp says what happened, the item,
its deadline and a link, for as many of the group's notices as fit in
MAX_WHATSAPP_TEXT characters, then how many more there are and where to read
them, e.g. "[RB] Yohanes Bosco Lado, S.STP., M.Si. returned the item to you:
Penyusunan SOP pelayanan perizinan (due Thursday, 31 Dec 2026) “Notulen
rapat belum dilampirkan” https://…/items/12". The once-only key is
``notice-wa:<user id>:<first notice id>``, beside the email's
``notice:<user id>:<first notice id>``.
"""
from flask_babel import format_date, gettext as _, ngettext

from rbtasks import mail
from rbtasks.notices.kinds import line
from rbtasks.outbox.services import MAX_WHATSAPP_TEXT, PlannedWhatsApp, dedup_key

KIND = "notice"
KEY_KIND = "notice-wa"
TITLE_LENGTH = 120
NOTE_LENGTH = 160


def wants_whatsapp(person):
    """Whether ``person`` can be told on WhatsApp at all: opted in, with a number."""
    return bool(person.active and person.whatsapp_opt_in and person.phone)


def planned_whatsapp(person, notices):
    """The PlannedWhatsApp telling ``person`` about ``notices`` (oldest first)."""
    with mail.in_language(person.locale):
        text = _text(notices)
    return PlannedWhatsApp(
        kind=KIND, recipient_phone=person.phone, text=text, recipient_user_id=person.id,
        recipient_name=person.name, locale=person.locale, recipient_email=person.email or "",
        dedup_key=dedup_key(KEY_KIND, str(person.id), str(notices[0].id)))


def _text(notices):
    entries = [_entry(notice) for notice in notices]
    text, shown = entries[0], 1
    for entry in entries[1:]:
        # room for this entry and for the "more" line that might follow it
        if len(text) + 1 + len(entry) + 120 > MAX_WHATSAPP_TEXT:
            break
        text, shown = f"{text}\n{entry}", shown + 1
    if shown < len(entries):
        more = ngettext("…and %(num)d more notice: %(url)s", "…and %(num)d more notices: %(url)s",
                        len(entries) - shown, url=mail.absolute_url("notices.list_notices"))
        text = f"{text}\n{more}"
    return text


def _entry(notice):
    item = notice.item
    what = line(notice.kind, notice.actor.name if notice.actor else "")
    entry = _("[RB] %(what)s: %(title)s (due %(date)s)", what=what,
              title=_cut(item.title, TITLE_LENGTH),
              date=format_date(item.due_date, "EEEE, d MMM y"))
    if notice.note:
        entry = f"{entry} “{_cut(notice.note, NOTE_LENGTH)}”"
    return f"{entry} {mail.absolute_url('items.show_item', item_id=item.id)}"


def _cut(text, limit):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
