"""Self-assessments: starting one, answering it, moving answers through
their states (draft → submitted → reviewed).

Who may do what is in :mod:`rbtasks.pmprb.assessment_access`. Answers are
saved in batches of rows shaped like the API's (``indicator_code``,
``self_answer``, ``evaluator_answer``, ``note``, ``evaluator_note``): every
row is checked first and nothing is written unless all pass. Only the keys
a row holds change; ``null`` clears an answer. The unit changes its answers
while they are drafts; an evaluator answers until an answer is reviewed,
reviews it, or returns it to draft with a note. Answers keep no history of
their own (the answer row records who answered, who reviewed and when it
last changed); evidence added to an answer is recorded nowhere else either.
Services flush; the edge commits.
"""
import sqlalchemy as sa
from flask_babel import gettext as _

from rbtasks.checks import FieldErrors
from rbtasks.errors import Conflict, InvalidTransition, NotFound, ValidationError
from rbtasks.extensions import db
from rbtasks.inputs.ids import is_id
from rbtasks.inputs.text import has_control_character
from rbtasks.organisation.models import Agency
from rbtasks.pmprb.answers import check_answer
from rbtasks.pmprb.assessment_access import (
    is_evaluator,
    may_answer,
    may_read,
    may_read_all,
    require_answer,
    require_create,
    require_evaluator,
)
from rbtasks.pmprb.models import Assessment, AssessmentAnswer, Instrument, InstrumentNode

FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_ROWS = 2000  # far more indicators than any instrument has
MAX_NOTE = 5000
UNIT_KEYS = ("self_answer", "note")
EVALUATOR_KEYS = ("evaluator_answer", "evaluator_note")


def list_assessments(actor):
    """The assessments the actor may read, newest year first."""
    statement = sa.select(Assessment).order_by(Assessment.year.desc(), Assessment.id.desc())
    if not may_read_all(actor):
        if actor is None or getattr(actor, "agency_id", None) is None:
            return []
        statement = statement.where(Assessment.agency_id == actor.agency_id)
    return [row for row in db.session.scalars(statement) if may_read(actor, row)]


def create_assessment(actor, values, now):
    """Start answering an instrument for a year and a scope (``agency_id``
    None: the province). One per instrument, year and scope (409)."""
    require_create(actor)
    errors = FieldErrors()
    instrument_id, year, agency_id = (values.get("instrument_id"), values.get("year"),
                                      values.get("agency_id"))
    instrument = db.session.get(Instrument, instrument_id) if is_id(instrument_id) else None
    if instrument is None:
        errors.add("instrument_id", _("No such instrument."))
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        errors.add("year", _("Enter a year from %(first)d to %(last)d.",
                             first=FIRST_YEAR, last=LAST_YEAR))
    if agency_id is not None and (not is_id(agency_id)
                                  or db.session.get(Agency, agency_id) is None):
        errors.add("agency_id", _("No such agency."))
    errors.raise_if_any()
    duplicate = sa.select(Assessment.id).where(
        Assessment.instrument_id == instrument.id, Assessment.year == year,
        Assessment.agency_id.is_(None) if agency_id is None
        else Assessment.agency_id == agency_id)
    if db.session.scalar(duplicate.limit(1)) is not None:
        raise Conflict(_("This instrument is already being answered for that year and scope."))
    assessment = Assessment(instrument_id=instrument.id, year=year, agency_id=agency_id,
                            created_by_id=actor.id, created_at=now, updated_at=now)
    db.session.add(assessment)
    db.session.flush()
    return assessment


def indicators_by_code(assessment):
    return {node.code: node for node in db.session.scalars(
        sa.select(InstrumentNode).where(InstrumentNode.instrument_id == assessment.instrument_id,
                                        InstrumentNode.is_indicator.is_(True)))}


def indicator_named(assessment, code):
    """The instrument's indicator ``code`` (a path's code), or NotFound."""
    indicator = indicators_by_code(assessment).get(code) if isinstance(code, str) else None
    if indicator is None:
        raise NotFound(_("No such indicator in this instrument."))
    return indicator


def answers_by_indicator(assessment):
    return {answer.indicator_id: answer for answer in db.session.scalars(
        sa.select(AssessmentAnswer).where(AssessmentAnswer.assessment_id == assessment.id))}


def answer_for(assessment, indicator, now, answers=None):
    """The indicator's answer row, made (an empty draft) when there is none."""
    answers = answers_by_indicator(assessment) if answers is None else answers
    answer = answers.get(indicator.id)
    if answer is None:
        answer = AssessmentAnswer(assessment=assessment, indicator_id=indicator.id,
                                  indicator=indicator, note="", evaluator_note="",
                                  state="draft", updated_at=now)
        db.session.add(answer)
        db.session.flush()  # evidence points at it by id
        answers[indicator.id] = answer
    return answer


def save_answers(actor, assessment, rows, now):
    """Save a batch of answer rows, all or nothing.

    A key of the unit (``self_answer``, ``note``) needs :func:`may_answer`
    and a draft answer; a key of the evaluator (``evaluator_answer``,
    ``evaluator_note``) needs ``is_evaluator`` and an answer not yet
    reviewed (403 and 409 before anything changes). A row may carry all
    four columns of the sheet: the columns the actor may not fill are
    ignored while they are left blank (null or ""). Unknown or repeated
    codes and answers that are not the indicator's are a 422 naming the code.
    """
    if not isinstance(rows, list) or len(rows) > MAX_ROWS:
        raise ValidationError(_("Some answers are not valid."),
                              {"rows": _("Send at most %(count)d rows.", count=MAX_ROWS)})
    if not is_evaluator(actor):
        rows = [_without_blank(row, EVALUATOR_KEYS) for row in rows]
    if not may_answer(actor, assessment):
        rows = [_without_blank(row, UNIT_KEYS) for row in rows]
    if any(key in row for row in rows for key in EVALUATOR_KEYS):
        require_evaluator(actor)
    if any(key in row for row in rows for key in UNIT_KEYS):
        require_answer(actor, assessment)
    indicators = indicators_by_code(assessment)
    answers = answers_by_indicator(assessment)
    errors, seen, changes = FieldErrors(), set(), []
    for number, row in enumerate(rows):
        code = row.get("indicator_code")
        field = code if isinstance(code, str) and len(code) <= 40 else f"rows.{number}"
        indicator = indicators.get(code) if isinstance(code, str) else None
        if indicator is None:
            errors.add(field, _("%(code)s: no such indicator in this instrument.",
                                code=str(code)[:40]))
            continue
        if code in seen:
            errors.add(field, _("%(code)s: sent twice.", code=code))
            continue
        seen.add(code)
        try:
            changes.append((indicator, _clean_row(indicator, row)))
        except ValidationError as error:
            for name, message in error.fields.items():
                errors.add(name, message)
    errors.raise_if_any()
    if not any(cleaned for _indicator, cleaned in changes):
        return assessment  # nothing to save: nothing changes, not even the time
    for indicator, cleaned in changes:
        _check_state(indicator, answers.get(indicator.id), cleaned)
    for indicator, cleaned in changes:
        answer = answer_for(assessment, indicator, now, answers)
        for name, value in cleaned.items():
            setattr(answer, name, value)
        if any(key in cleaned for key in ("self_answer", "note")):
            answer.answered_by_id = actor.id
        answer.updated_at = now
    assessment.updated_at = now
    db.session.flush()
    return assessment


def _without_blank(row, keys):
    """The row without those of ``keys`` that are left blank."""
    if not isinstance(row, dict):
        return row
    return {key: value for key, value in row.items()
            if not (key in keys and (value is None or value == ""))}


def _clean_row(indicator, row):
    cleaned = {}
    code = indicator.code
    if "self_answer" in row:
        cleaned["self_answer"], cleaned["self_value"] = check_answer(
            indicator, row["self_answer"], code)
    if "evaluator_answer" in row:
        cleaned["evaluator_answer"], cleaned["evaluator_value"] = check_answer(
            indicator, row["evaluator_answer"], code)
    for name in ("note", "evaluator_note"):
        if name in row:
            cleaned[name] = _clean_note(code, row[name])
    return cleaned


def _clean_note(code, note):
    note = "" if note is None else note
    if not isinstance(note, str) or len(note) > MAX_NOTE or has_control_character(note):
        raise ValidationError(_("Some answers are not valid."), {code: _(
            "%(code)s: a note is text of at most %(count)d characters without control "
            "characters.", code=code, count=MAX_NOTE)})
    return note.strip()


def _check_state(indicator, answer, cleaned):
    state = answer.state if answer is not None else "draft"
    if state != "draft" and any(key in cleaned for key in UNIT_KEYS) and \
            _changes(answer, cleaned, UNIT_KEYS + ("self_value",)):
        raise Conflict(_("%(code)s has been submitted; an evaluator must return it to draft "
                         "before it changes.", code=indicator.code))
    if state == "reviewed" and _changes(answer, cleaned, EVALUATOR_KEYS + ("evaluator_value",)):
        raise Conflict(_("%(code)s has been reviewed; return it to draft to change it.",
                         code=indicator.code))


def _changes(answer, cleaned, names):
    return any(name in cleaned and getattr(answer, name) != cleaned[name] for name in names)


def submit_answers(actor, assessment, now):
    """The unit hands its answered drafts to the evaluators; returns how many."""
    require_answer(actor, assessment)
    count = 0
    for answer in answers_by_indicator(assessment).values():
        if answer.state == "draft" and answer.self_answer is not None:
            answer.state, answer.updated_at = "submitted", now
            count += 1
    if not count:
        raise InvalidTransition(_("There are no answered drafts to submit."))
    assessment.updated_at = now
    db.session.flush()
    return count


def review_answer(actor, assessment, code, now):
    """An evaluator accepts a submitted answer as reviewed."""
    require_evaluator(actor)
    answer = _answer_of(assessment, code)
    if answer is None or answer.state != "submitted":
        raise InvalidTransition(_("Only a submitted answer can be reviewed."))
    answer.state, answer.reviewed_by_id, answer.updated_at = "reviewed", actor.id, now
    db.session.flush()
    return answer


def return_answer(actor, assessment, code, note, now):
    """An evaluator sends a submitted or reviewed answer back to the unit,
    saying why (the evaluator's note)."""
    require_evaluator(actor)
    answer = _answer_of(assessment, code)
    if answer is None or answer.state == "draft":
        raise InvalidTransition(_("Only a submitted or reviewed answer can be returned."))
    text = _clean_note(code, note)
    if not text:
        raise ValidationError(_("Some fields are not valid."),
                              {"note": _("Say what the unit should change.")})
    answer.state, answer.evaluator_note, answer.updated_at = "draft", text, now
    db.session.flush()
    return answer


def _answer_of(assessment, code):
    indicator = indicators_by_code(assessment).get(code) if isinstance(code, str) else None
    if indicator is None:
        raise ValidationError(_("Some fields are not valid."),
                              {"indicator_code": _("No such indicator in this instrument.")})
    return answers_by_indicator(assessment).get(indicator.id)

