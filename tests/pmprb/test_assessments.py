"""The assessment services: start, answer (all or nothing), states, who may."""
from decimal import Decimal

import pytest
import sqlalchemy as sa

from rbtasks.errors import Conflict, InvalidTransition, NotFound, PermissionDenied, \
    ValidationError
from rbtasks.pmprb import assessments
from rbtasks.pmprb.assessment_access import get_assessment
from rbtasks.pmprb.models import Assessment, AssessmentAnswer
from rbtasks.pmprb.worksheet import worksheet
from rbtasks.rbindex.models import IndexScore
from tests.pmprb.conftest import EXAMPLE


@pytest.fixture
def start(db, make_user, now):
    def start_assessment(instrument, agency=None, year=2026, actor=None):
        actor = actor or make_user(role="admin")
        assessment = assessments.create_assessment(
            actor, {"instrument_id": instrument.id, "year": year,
                    "agency_id": agency.id if agency else None}, now)
        db.session.commit()
        return assessment
    return start_assessment


def _answers(db, assessment):
    return {answer.indicator.code: answer for answer in db.session.scalars(
        sa.select(AssessmentAnswer).where(AssessmentAnswer.assessment_id == assessment.id))}


def test_the_issue_example_answered_gives_the_index_by_hand(db, make_instrument, make_user,
                                                             start, now):
    instrument = make_instrument(EXAMPLE)
    assessment = start(instrument)
    coordinator = make_user(role="coordinator", name="Oktavianus Pello, S.H., M.H.")
    assessments.save_answers(coordinator, assessment, [
        {"indicator_code": "A.1.1", "self_answer": "ya", "note": "SK Gubernur No. 12/2026"},
        {"indicator_code": "A.1.2", "self_answer": "62,5"},
    ], now)
    db.session.commit()

    sheet = worksheet(assessment)
    by_hand = Decimal(20) * (Decimal(1) + Decimal("0.625")) / 2
    assert by_hand == Decimal("16.25")
    assert sheet.scores.index == by_hand
    assert sheet.row("A").score == by_hand and sheet.row("A.1").score == by_hand
    assert sheet.scores.grade == "D"
    assert _answers(db, assessment)["A.1.1"].note == "SK Gubernur No. 12/2026"
    assert _answers(db, assessment)["A.1.2"].self_answer == "62,5"


def test_target_and_official_index_come_from_the_rb_index_records(db, make_instrument, start,
                                                                  now):
    db.session.add_all([
        IndexScore(year=2018, score=Decimal("60.15"), updated_at=now),
        IndexScore(year=2019, score=Decimal("60.37"), updated_at=now),
        IndexScore(year=2026, target=Decimal("71"), updated_at=now)])
    db.session.commit()
    sheet = worksheet(start(make_instrument()))
    assert (sheet.target, sheet.official_year, sheet.official_index) == (
        Decimal("71.00"), 2019, Decimal("60.37"))


def test_a_second_assessment_of_the_same_instrument_year_and_scope_is_409(
        db, make_instrument, make_agency, start):
    instrument, agency = make_instrument(), make_agency()
    start(instrument)
    start(instrument, agency)
    start(instrument, year=2027)
    with pytest.raises(Conflict):
        start(instrument)
    db.session.rollback()
    with pytest.raises(Conflict):
        start(instrument, agency)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Assessment.id))) == 3


def test_bad_start_values_are_named(db, make_user, now):
    with pytest.raises(ValidationError) as refused:
        assessments.create_assessment(make_user(role="admin"), {
            "instrument_id": 999_999, "year": 1999, "agency_id": 2**40}, now)
    assert set(refused.value.fields) == {"instrument_id", "year", "agency_id"}


@pytest.mark.parametrize("role, allowed", [
    ("admin", True), ("coordinator", True), ("leader", False), ("agency_head", False),
    ("member", False)])
def test_who_starts_an_assessment(db, make_instrument, make_user, now, role, allowed):
    instrument, actor = make_instrument(), make_user(role=role)
    values = {"instrument_id": instrument.id, "year": 2026, "agency_id": None}
    if allowed:
        assert assessments.create_assessment(actor, values, now).id
    else:
        with pytest.raises(PermissionDenied):
            assessments.create_assessment(actor, values, now)
    evaluator = make_user(role="member", is_evaluator=True)
    assert assessments.create_assessment(evaluator, {**values, "year": 2027}, now).id


def test_all_or_nothing_with_errors_by_code(db, make_instrument, make_user, start, now):
    assessment = start(make_instrument())
    admin = make_user(role="admin")
    assessments.save_answers(admin, assessment, [{"indicator_code": "A.1.1",
                                                  "self_answer": "ya"}], now)
    db.session.commit()
    with pytest.raises(ValidationError) as refused:
        assessments.save_answers(admin, assessment, [
            {"indicator_code": "A.1.1", "self_answer": "tidak"},
            {"indicator_code": "A.1.2", "self_answer": "sebagian"},
            {"indicator_code": "Z.9", "self_answer": "ya"},
            {"indicator_code": "A.2.1", "self_answer": "a"},
            {"indicator_code": "A.2.1", "self_answer": "b"},
        ], now)
    db.session.rollback()
    assert set(refused.value.fields) == {"A.1.2", "Z.9", "A.2.1"}
    assert refused.value.fields["A.1.2"].startswith("A.1.2: ")
    answers = _answers(db, assessment)
    assert answers["A.1.1"].self_answer == "ya" and "A.2.1" not in answers


def test_saving_nothing_changes_nothing_not_even_the_time(db, make_instrument, make_user, start,
                                                          now):
    from datetime import timedelta

    assessment = start(make_instrument())
    before = assessment.updated_at
    admin = make_user(role="admin")
    for rows in ([], [{"indicator_code": "A.1.1"}],
                 [{"indicator_code": "A.1.1", "evaluator_answer": None}]):
        assessments.save_answers(admin, assessment, rows, now + timedelta(hours=1))
        db.session.commit()
        assert assessment.updated_at == before, rows
    assert _answers(db, assessment) == {}


def test_only_evaluators_give_evaluator_answers(db, make_instrument, make_user, start, now):
    assessment = start(make_instrument())
    admin = make_user(role="admin")
    with pytest.raises(PermissionDenied):
        assessments.save_answers(admin, assessment, [
            {"indicator_code": "A.1.1", "self_answer": "ya", "evaluator_answer": "ya"}], now)
    db.session.rollback()
    assert _answers(db, assessment) == {}

    evaluator = make_user(role="member", is_evaluator=True, name="Dr. Maria Bessie, S.Kom., M.T.")
    assessments.save_answers(admin, assessment, [
        {"indicator_code": "A.1.1", "self_answer": "ya"},
        {"indicator_code": "B.1.1", "self_answer": "90"}], now)
    assessments.save_answers(evaluator, assessment, [
        {"indicator_code": "A.1.1", "evaluator_answer": "tidak",
         "evaluator_note": "SK belum ditandatangani"},
        {"indicator_code": "B.1.1", "evaluator_answer": "75"}], now)
    db.session.commit()
    with pytest.raises(PermissionDenied):  # an evaluator who is a member is not the unit
        assessments.save_answers(evaluator, assessment, [
            {"indicator_code": "A.1.1", "self_answer": "tidak"}], now)
    db.session.rollback()

    scores = worksheet(assessment).scores
    assert scores.index == Decimal(10) + Decimal(36)              # 20 × ½ + 40 × 0.9
    assert scores.evaluator_index == Decimal(30)                   # 40 × 0.75
    assert scores.difference == Decimal(-16)
    assert _answers(db, assessment)["A.1.1"].evaluator_note == "SK belum ditandatangani"


def test_states_draft_submitted_reviewed_and_back(db, make_instrument, make_user, start, now):
    agency_head_agency = None
    instrument = make_instrument()
    head = make_user(role="agency_head")
    agency_head_agency = head.agency
    assessment = start(instrument, agency_head_agency)
    evaluator = make_user(role="coordinator", is_evaluator=True)
    assessments.save_answers(head, assessment, [{"indicator_code": "A.1.1",
                                                 "self_answer": "ya"}], now)
    assert assessments.submit_answers(head, assessment, now) == 1
    with pytest.raises(InvalidTransition):
        assessments.submit_answers(head, assessment, now)
    with pytest.raises(Conflict):  # submitted: the unit cannot change it
        assessments.save_answers(head, assessment, [{"indicator_code": "A.1.1",
                                                     "self_answer": "tidak"}], now)
    with pytest.raises(PermissionDenied):
        assessments.review_answer(head, assessment, "A.1.1", now)
    assessments.review_answer(evaluator, assessment, "A.1.1", now)
    with pytest.raises(Conflict):  # reviewed: not even the evaluator's answer changes
        assessments.save_answers(evaluator, assessment, [{"indicator_code": "A.1.1",
                                                          "evaluator_answer": "tidak"}], now)
    with pytest.raises(ValidationError):
        assessments.return_answer(evaluator, assessment, "A.1.1", "  ", now)
    answer = assessments.return_answer(evaluator, assessment, "A.1.1",
                                       "Lampirkan SK yang ditandatangani", now)
    assert (answer.state, answer.evaluator_note) == ("draft", "Lampirkan SK yang ditandatangani")
    assessments.save_answers(head, assessment, [{"indicator_code": "A.1.1",
                                                 "self_answer": "tidak"}], now)
    assert _answers(db, assessment)["A.1.1"].self_value == 0


def test_who_reads(db, make_instrument, make_user, make_agency, start):
    instrument, agency = make_instrument(), make_agency()
    agency_assessment, province = start(instrument, agency), start(instrument)
    readers = [make_user(role=role) for role in ("admin", "leader", "coordinator")]
    readers += [make_user(role="member", is_evaluator=True)]
    for reader in readers:
        assert get_assessment(reader, agency_assessment.id) is agency_assessment
        assert get_assessment(reader, province.id) is province
    for insider in (make_user(role="agency_head", agency=agency),
                    make_user(role="member", agency=agency)):
        assert get_assessment(insider, agency_assessment.id) is agency_assessment
        assert assessments.list_assessments(insider) == [agency_assessment]
        with pytest.raises(NotFound):
            get_assessment(insider, province.id)
    outsider = make_user(role="agency_head")
    with pytest.raises(NotFound):
        get_assessment(outsider, agency_assessment.id)
    assert assessments.list_assessments(outsider) == []


def test_who_answers_for_the_unit(db, make_instrument, make_user, make_agency, start, now):
    agency = make_agency()
    assessment = start(make_instrument(), agency)
    row = [{"indicator_code": "A.1.1", "self_answer": "ya"}]
    for allowed in (make_user(role="admin"), make_user(role="coordinator"),
                    make_user(role="agency_head", agency=agency)):
        assessments.save_answers(allowed, assessment, row, now)
    for refused in (make_user(role="leader"), make_user(role="member", agency=agency),
                    make_user(role="agency_head"), make_user(role="member", is_evaluator=True)):
        with pytest.raises(PermissionDenied):
            assessments.save_answers(refused, assessment, row, now)


def test_too_many_rows_are_refused_before_any_work(db, make_instrument, make_user, start, now):
    assessment = start(make_instrument())
    rows = [{"indicator_code": "A.1.1", "self_answer": "ya"}] * 10_000
    with pytest.raises(ValidationError) as refused:
        assessments.save_answers(make_user(role="admin"), assessment, rows, now)
    assert "rows" in refused.value.fields
