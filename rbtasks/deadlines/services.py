"""Deadline extensions (perpanjangan tenggat): asking for a later due date and deciding.

The owner of an item, or the head of its agency, asks for a new due date
with a reason; a coordinator of the item's pokja (or an admin) approves or
rejects it with a reason. Only one request per item is open at a time, and
the database enforces that too (``ExtensionRequest.open_item_id``).

An approval moves ``ActionItem.due_date`` and logs it as an activity entry
(field ``due_date``, old → new); the request row keeps both dates and the
moment of the decision. Anything that schedules around deadlines, such as
reminders, reads the item's current due date and can tell from those
records that a deadline was moved and when.
"""
import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from rbtasks.roles import AGENCY_HEAD
from rbtasks.deadlines.models import APPROVED, PENDING, REJECTED, ExtensionRequest
from rbtasks.errors import Conflict, NotFound, PermissionDenied, ValidationError
from rbtasks.extensions import db
from rbtasks.i18n import short_date
from rbtasks.items.constants import CANCELLED, DONE, STATUS_LABELS
from rbtasks.items.fields import EARLIEST, LATEST
from rbtasks.items.models import ActionItem
from rbtasks.items.permissions import can_manage
from rbtasks.items.queries import get_item
from rbtasks.items.history import record
from rbtasks.items.services import flush_or_conflict
from rbtasks.notices.services import notify
from rbtasks.timeutil import local_today

MAX_REASON = 2000


def may_request(actor, item):
    """The owner and the head of the item's agency may ask for more time."""
    if item.owner_id is not None and item.owner_id == actor.id:
        return True
    return (actor.role == AGENCY_HEAD and actor.agency_id is not None
            and actor.agency_id == item.agency_id)


def may_decide(actor, request):
    """A coordinator of the item's pokja or an admin, never the person who asked."""
    return can_manage(actor, request_item(request)) and actor.id != request.requested_by_id


def request_item(request):
    return db.session.get(ActionItem, request.item_id)


def list_extensions(item):
    """Every request for the item, newest first, with the people involved loaded."""
    return list(db.session.scalars(
        sa.select(ExtensionRequest).where(ExtensionRequest.item_id == item.id)
        .options(joinedload(ExtensionRequest.requested_by), joinedload(ExtensionRequest.decided_by))
        .order_by(ExtensionRequest.requested_at.desc(), ExtensionRequest.id.desc())
    ))


def open_extension(item):
    """The item's pending request, or None."""
    return db.session.scalar(
        sa.select(ExtensionRequest).where(ExtensionRequest.open_item_id == item.id)
    )


def get_extension(actor, extension_id):
    """The request, or NotFound when it does not exist or its item is invisible to ``actor``."""
    request = db.session.get(ExtensionRequest, extension_id)
    if request is None:
        raise NotFound(_("That extension request does not exist."))
    get_item(actor, request.item_id)
    return request


def _clean_reason(reason, errors, required=True):
    reason = (reason or "").strip() if isinstance(reason, str) or reason is None else None
    if reason is None:
        errors["reason"] = _("Must be text.")
    elif required and not reason:
        errors["reason"] = _("Give a reason.")
    elif len(reason) > MAX_REASON:
        errors["reason"] = _("At most %(count)d characters.", count=MAX_REASON)
    return reason


def request_extension(actor, item, new_due_date, reason, now):
    """Ask for ``new_due_date`` instead of the item's due date; returns the pending request.

    Refused when the item is done or cancelled, when the date is not later
    than the current due date (or already past), and when a request is
    already open — also when a concurrent request won the race.
    """
    if not may_request(actor, item):
        raise PermissionDenied(_("Only the item's owner or the head of its agency can ask "
                                 "for a later due date."))
    if item.status in (DONE, CANCELLED):
        raise Conflict(_("The item is marked “%(status)s”; its due date can no longer change.",
                         status=STATUS_LABELS[item.status]))
    if open_extension(item) is not None:
        raise Conflict(_("There is already an open request for this item."))
    errors = {}
    if new_due_date is None:
        errors["new_due_date"] = _("This field is required.")
    elif not EARLIEST <= new_due_date <= LATEST:
        errors["new_due_date"] = _("Dates must fall between 2000 and 2100.")
    elif new_due_date <= item.due_date:
        errors["new_due_date"] = _("The new due date must be later than the current due date "
                                   "(%(date)s).", date=short_date(item.due_date))
    elif new_due_date < local_today(now):
        errors["new_due_date"] = _("The new due date cannot be in the past.")
    reason = _clean_reason(reason, errors)
    if errors:
        raise ValidationError(_("Some fields are not valid."), errors)

    request = ExtensionRequest(
        item_id=item.id, open_item_id=item.id, status=PENDING, old_due_date=item.due_date,
        new_due_date=new_due_date, reason=reason, requested_by_id=actor.id, requested_at=now,
    )
    db.session.add(request)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(_("There is already an open request for this item.")) from None
    record(item, actor, "extension_requested", now, old=item.due_date, new=new_due_date,
           note=reason)
    db.session.flush()
    notify("extension_requested", item, actor, now, note=reason)
    return request


def decide_extension(actor, request, approve, reason, now):
    """Approve (the due date moves) or reject (it stays) a pending request.

    A reason is required to reject. The request row is claimed with a
    conditional UPDATE, so two coordinators deciding at once cannot both win.
    """
    item = request_item(request)
    if not can_manage(actor, item):
        raise PermissionDenied(_("Only the pokja's coordinators can decide on extensions."))
    if actor.id == request.requested_by_id:
        raise PermissionDenied(_("You cannot decide on your own request."))
    if request.status != PENDING:
        raise Conflict(_("This request has already been decided."))
    errors = {}
    reason = _clean_reason(reason, errors, required=not approve)
    if errors:
        raise ValidationError(_("Some fields are not valid."), errors)

    claimed = db.session.execute(
        sa.update(ExtensionRequest)
        .where(ExtensionRequest.id == request.id, ExtensionRequest.status == PENDING)
        .values(status=APPROVED if approve else REJECTED, open_item_id=None,
                decided_by_id=actor.id, decided_at=now, decision_reason=reason or None)
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        raise Conflict(_("This request has already been decided."))
    db.session.refresh(request)
    if approve:
        note = (_("extension approved: %(reason)s", reason=reason) if reason
                else _("extension approved"))
        record(item, actor, "extension_approved", now, field="due_date",
               old=item.due_date, new=request.new_due_date, note=note)
        item.due_date = request.new_due_date
        item.updated_at = now
        item.updated_by_id = actor.id
    else:
        record(item, actor, "extension_rejected", now, old=item.due_date,
               new=request.new_due_date, note=reason)
    flush_or_conflict()
    notify("extension_approved" if approve else "extension_rejected", item, actor, now,
           recipients=[request.requested_by], note=reason or "")
    return request

