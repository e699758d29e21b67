"""Event notices: the one door that writes them, and what their readers do.

Features call :func:`notify` where the event happens, in the same
transaction as the change (it flushes, never commits): the item's services
for assignment and comments, the workflow's for return, verification and
blocking, the deadlines' for extensions. A notice goes to the kind's
audience (rbtasks/notices/kinds.py) and the people the caller adds, never to
the person who acted nor to an inactive account. The grouping
(rbtasks/notices/grouping.py) emails them later; the bell and the notices
page read them here.
"""
import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload
from flask_babel import gettext as _

from rbtasks.accounts.models import User
from rbtasks.errors import ValidationError
from rbtasks.extensions import db
from rbtasks.inputs.ids import MAX_ID
from rbtasks.items.models import ActionItem
from rbtasks.notices import mentions
from rbtasks.notices.audience import audience
from rbtasks.notices.kinds import KINDS
from rbtasks.notices.models import NOTE_LENGTH, Notice
from rbtasks.organisation.models import pokja_coordinator, pokja_member
from rbtasks.paging import paginate
from rbtasks.roles import ADMIN, AGENCY_HEAD, LEADER

MAX_IDS = 500


def excerpt(text, length=NOTE_LENGTH):
    """``text`` on one line, cut to ``length`` characters with "…"."""
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"


def notify(kind, item, actor, now, recipients=(), note="", exclude=()):
    """Tell the kind's audience and ``recipients`` that ``kind`` happened to
    ``item``; returns the Notice rows (flushed). ``actor`` (who acted) and
    the ``exclude``d are never told; each person is told once."""
    notices = [Notice(**row) for row in _planned(kind, item, actor, now, recipients, note,
                                                 exclude)]
    if notices:
        db.session.add_all(notices)
        db.session.flush()
    return notices


def notify_all(kind, actor, now, events):
    """:func:`notify` for many items at once (an import): ``events`` is
    ``(item, recipients, note)`` for each; their notices go in one INSERT."""
    events = list(events)
    # The owners, loaded once and held here: the session's identity map only
    # keeps them while someone does, and the audience looks each one up.
    owner_ids = sorted({item.owner_id for item, _recipients, _note in events if item.owner_id})
    held = [user for start in range(0, len(owner_ids), 500) for user in db.session.scalars(
        sa.select(User).where(User.id.in_(owner_ids[start:start + 500])))]
    rows = [row for item, recipients, note in events
            for row in _planned(kind, item, actor, now, recipients, note, ())]
    del held
    if rows:
        db.session.execute(sa.insert(Notice), rows)
    return len(rows)


def _planned(kind, item, actor, now, recipients, note, exclude):
    """The notices ``kind`` on ``item`` makes, as column values."""
    if kind not in KINDS:
        raise ValueError(f"unknown notice kind {kind!r}")
    skip = {person.id for person in exclude if person is not None}
    if actor is not None:
        skip.add(actor.id)
    rows = []
    for person in [*audience(KINDS[kind].audience, item), *recipients]:
        if person is None or not person.active or person.id in skip:
            continue
        skip.add(person.id)
        rows.append({"recipient_id": person.id, "kind": kind, "item_id": item.id,
                     "actor_id": actor.id if actor is not None else None,
                     "created_at": now, "note": excerpt(note)})
    return rows


def readers_of(item):
    """The active people who may read ``item``, whom a comment can mention."""
    in_pokja = sa.or_(
        User.id.in_(sa.select(pokja_member.c.user_id).where(pokja_member.c.pokja_id == item.pokja_id)),
        User.id.in_(sa.select(pokja_coordinator.c.user_id)
                    .where(pokja_coordinator.c.pokja_id == item.pokja_id)))
    return list(db.session.scalars(
        sa.select(User).where(User.active.is_(True), sa.or_(
            User.role.in_((ADMIN, LEADER)), User.id == item.owner_id, in_pokja,
            sa.and_(User.role == AGENCY_HEAD, User.agency_id == item.agency_id)))
        .order_by(User.id)))


def notify_comment(item, comment, actor, now):
    """A comment tells the people it mentions ("mentioned") and the item's
    owner and coordinators ("comment"), each once, the author never."""
    text = excerpt(comment.body)
    named = mentions.mentioned(comment.body, readers_of(item)) if "@" in comment.body else []
    return (notify("mentioned", item, actor, now, recipients=named, note=text)
            + notify("comment", item, actor, now, note=text, exclude=named))


# ---- the bell and the notices page -------------------------------------------

def unread_count(user):
    """How many of ``user``'s notices are unread: one indexed COUNT."""
    return db.session.scalar(sa.select(sa.func.count(Notice.id)).where(
        Notice.recipient_id == user.id, Notice.read_at.is_(None))) or 0


def my_notices(user, page=1, per_page=25, unread_only=False):
    """A Page of ``user``'s notices, newest first, with item and actor loaded."""
    statement = (sa.select(Notice).where(Notice.recipient_id == user.id)
                 .join(ActionItem, ActionItem.id == Notice.item_id)
                 .options(contains_eager(Notice.item), joinedload(Notice.actor))
                 .order_by(Notice.created_at.desc(), Notice.id.desc()))
    if unread_only:
        statement = statement.where(Notice.read_at.is_(None))
    return paginate(statement, page, per_page)


def clean_ids(ids):
    """Notice ids as given to "mark read": a list of whole numbers, or None for all."""
    if ids is None:
        return None
    if not isinstance(ids, list) or len(ids) > MAX_IDS or not all(
            isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID
            for value in ids):
        raise ValidationError(_("Some fields are not valid."), {
            "ids": _("A list of at most %(count)d notice ids.", count=MAX_IDS)})
    return ids


def mark_read(user, now, ids=None):
    """Mark ``user``'s unread notices read — all of them, or those of ``ids``
    (others' ids are ignored); returns how many changed."""
    where = [Notice.recipient_id == user.id, Notice.read_at.is_(None)]
    if ids is not None:
        if not ids:
            return 0
        where.append(Notice.id.in_(ids))
    result = db.session.execute(sa.update(Notice).where(*where).values(read_at=now)
                                .execution_options(synchronize_session=False))
    return result.rowcount


def item_notices(item):
    """The notices about ``item``, newest first, with their people, email and
    WhatsApp message."""
    return list(db.session.scalars(
        sa.select(Notice).where(Notice.item_id == item.id)
        .options(joinedload(Notice.recipient), joinedload(Notice.actor),
                 joinedload(Notice.email_message), joinedload(Notice.whatsapp_message))
        .order_by(Notice.created_at.desc(), Notice.id.desc())))
