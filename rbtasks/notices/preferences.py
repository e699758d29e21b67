"""Which kinds of notice a person wants on which channel.

Every kind goes by email unless the person turned it off on their profile,
and on WhatsApp too once they opted in to WhatsApp (with a number), unless
they turned it off for WhatsApp; the bell lists every notice whatever the
choice. Overdue and escalation mail
(the daily reminders) is not a notice kind and cannot be turned off.
"""
import sqlalchemy as sa

from rbtasks.extensions import db
from rbtasks.notices.kinds import KINDS
from rbtasks.notices.models import CHANNELS, EMAIL, NoticePreference


def turned_off(user_ids, channel):
    """{user id: the kinds that user turned off on ``channel``}, in one query."""
    user_ids = list(user_ids)
    if not user_ids:
        return {}
    rows = db.session.execute(
        sa.select(NoticePreference.user_id, NoticePreference.kind)
        .where(NoticePreference.user_id.in_(user_ids), NoticePreference.channel == channel,
               NoticePreference.enabled.is_(False)))
    off = {}
    for user_id, kind in rows:
        off.setdefault(user_id, set()).add(kind)
    return off


def choices(user, channels=(EMAIL,)):
    """{(kind, channel): on?} for every kind and each of ``channels``."""
    off = {channel: turned_off([user.id], channel).get(user.id, set()) for channel in channels}
    return {(kind, channel): kind not in off[channel] for kind in KINDS for channel in channels}


def set_choices(user, chosen, channels=(EMAIL,)):
    """Save ``chosen`` — the (kind, channel) pairs ``user`` wants — for every
    kind on ``channels``; pairs of unknown kinds or channels are ignored.
    Flushes."""
    chosen = set(chosen)
    channels = [channel for channel in channels if channel in CHANNELS]
    existing = {(row.kind, row.channel): row for row in db.session.scalars(
        sa.select(NoticePreference).where(NoticePreference.user_id == user.id))}
    for kind in KINDS:
        for channel in channels:
            wanted = (kind, channel) in chosen
            row = existing.get((kind, channel))
            if row is None:
                db.session.add(NoticePreference(user_id=user.id, kind=kind, channel=channel,
                                                enabled=wanted))
            elif row.enabled != wanted:
                row.enabled = wanted
    db.session.flush()
