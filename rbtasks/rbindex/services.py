"""Recording the province's RB index by year.

Every signed-in user may read the records (the dashboard and the digest
show them); only admins change them. A record holds the ministry's score for
a year, the target set for that year, or both, and optionally the two
component scores (pengungkit out of 60, hasil out of 40). The grade is
computed from the score (see :mod:`rbtasks.rbindex.grades`), never stored.
"""
import math
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from rbtasks.checks import (
    FieldErrors,
    check_known,
    clean_text,
    get_or_404,
    require_reader,
    require_writer,
)
from rbtasks.errors import ValidationError
from rbtasks.extensions import db
from rbtasks.rbindex.models import IndexScore

FIELDS = ("year", "score", "target", "enablers", "results", "source_note")
FIRST_YEAR, LAST_YEAR = 2000, 2100
# The largest value of each number: the index is out of 100, its enablers
# (pengungkit) out of 60 and its results (hasil) out of 40.
MAXIMUM = {"score": 100, "target": 100, "enablers": 60, "results": 40}
MAX_NOTE = 500
_CENT = Decimal("0.01")


def list_index_scores(actor):
    """Every year's record, oldest first."""
    require_reader(actor)
    return list(db.session.scalars(sa.select(IndexScore).order_by(IndexScore.year)))


def get_index_score(actor, record_id):
    require_reader(actor)
    return get_or_404(IndexScore, record_id, _("That RB index record does not exist."))


def create_index_score(actor, values, now):
    """Record a year's score and/or target; one record per year (422 on a
    second one for the same year)."""
    require_writer(actor)
    check_known(values, FIELDS)
    cleaned = _clean(values, record=None)
    record = IndexScore(**{"source_note": "", **cleaned})
    _stamp(record, actor, now)
    db.session.add(record)
    _flush_unique_year(record)
    return record


def update_index_score(actor, record_id, changes, now):
    """Change some fields of a record; the result must still hold a score or a target."""
    require_writer(actor)
    check_known(changes, FIELDS)
    record = get_or_404(IndexScore, record_id, _("That RB index record does not exist."))
    for name, value in _clean(changes, record).items():
        setattr(record, name, value)
    _stamp(record, actor, now)
    _flush_unique_year(record)
    return record


def delete_index_score(actor, record_id):
    """Remove a record entirely (e.g. one entered for the wrong year)."""
    require_writer(actor)
    record = get_or_404(IndexScore, record_id, _("That RB index record does not exist."))
    db.session.delete(record)
    db.session.flush()


def _stamp(record, actor, now):
    record.updated_by_id = getattr(actor, "id", None)
    record.updated_at = now


def _year_taken_message(year):
    return _("There is already a record for %(year)d.", year=year)


def _flush_unique_year(record):
    """Flush; a year another request recorded meanwhile is a 422, not a 500."""
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        raise ValidationError(_("Some fields are not valid."),
                              {"year": _year_taken_message(record.year)}) from None


def _clean(values, record):
    creating = record is None
    errors = FieldErrors()
    cleaned = {}
    if creating or "year" in values:
        cleaned["year"] = _clean_year(errors, values.get("year"),
                                      None if creating else record.id)
    for name, maximum in MAXIMUM.items():
        if name in values:
            cleaned[name] = clean_number(errors, name, values[name], maximum)
    if "source_note" in values:
        cleaned["source_note"] = clean_text(errors, "source_note", values["source_note"],
                                            MAX_NOTE, required=False) or ""
    score = cleaned["score"] if "score" in values else getattr(record, "score", None)
    target = cleaned["target"] if "target" in values else getattr(record, "target", None)
    if score is None and target is None and not {"score", "target"} & set(errors.fields):
        errors.add("score", _("Enter a score, a target or both."))
    errors.raise_if_any()
    return cleaned


def _clean_year(errors, year, except_id):
    if isinstance(year, bool) or not isinstance(year, int) \
            or not FIRST_YEAR <= year <= LAST_YEAR:
        errors.add("year", _("Enter a year from %(first)d to %(last)d.",
                             first=FIRST_YEAR, last=LAST_YEAR))
        return None
    statement = sa.select(IndexScore.id).where(IndexScore.year == year)
    if except_id is not None:
        statement = statement.where(IndexScore.id != except_id)
    if db.session.scalar(statement.limit(1)) is not None:
        errors.add("year", _year_taken_message(year))
    return year


def clean_number(errors, field, value, maximum):
    """A number from 0 to ``maximum`` with at most two decimals, as a Decimal;
    None stays None (the value is not known)."""
    if value is None:
        return None
    message = _("Enter a number from 0 to %(max)d with at most two decimals.", max=maximum)
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        errors.add(field, message)
        return None
    if isinstance(value, float) and not math.isfinite(value):
        errors.add(field, message)
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        errors.add(field, message)
        return None
    if not number.is_finite() or not 0 <= number <= maximum or number != number.quantize(_CENT):
        errors.add(field, message)
        return None
    return number.quantize(_CENT)
