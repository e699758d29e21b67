"""JSON shapes of self-assessments: what the API accepts and answers.

Answers are sent as the evaluation sheet writes them: words and letters
("ya", "b") or numbers (62.5, or "62,5" as text); the service reads them
(:mod:`rbtasks.pmprb.answers`). Indexes and scores are JSON numbers rounded
to two decimals, points lost to four.
"""
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, StrictInt

from rbtasks.evidence.schemas import HeldEvidenceOut, held_evidence_to_dict
from rbtasks.inputs.ids import Id
from rbtasks.items.constants import PRIORITIES
from rbtasks.pmprb.assessments import FIRST_YEAR, LAST_YEAR, MAX_NOTE, MAX_ROWS
from rbtasks.pmprb.scoring import rounded

Answer = Annotated[str | StrictInt | float | None,
                   Field(description='The answer as on the sheet: "ya", "b", 62.5 or "62,5"; '
                                     "null clears it")]
Note = Annotated[str | None, Field(max_length=MAX_NOTE)]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AssessmentCreate(_Input):
    instrument_id: Id
    year: Annotated[StrictInt, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
    agency_id: Id | None = Field(None, description="null: the province")


class AnswerRow(_Input):
    indicator_code: str = Field(..., min_length=1, max_length=40)
    self_answer: Answer = None
    evaluator_answer: Answer = Field(None, description="Evaluators only")
    note: Note = Field(None, description="The unit's note")
    evaluator_note: Note = Field(None, description="Evaluators only")


class AnswerRows(RootModel[Annotated[list[AnswerRow], Field(max_length=MAX_ROWS)]]):
    """PUT /pmprb/assessments/{id}/answers: only the keys a row holds change."""


class AnswerReturn(_Input):
    """Why an evaluator returns an answer to the unit."""

    note: str = Field(..., min_length=1, max_length=MAX_NOTE)


class GapItemCreate(_Input):
    """The action item closing a gap; pokja, agency and title have defaults."""

    owner_id: Id | None = None
    due_date: date
    pokja_id: Id | None = Field(None, description="Default: the pokja of the indicator's area")
    agency_id: Id | None = Field(None, description="Default: the assessment's agency")
    title: str | None = Field(None, max_length=300)
    description: str | None = Field(None, max_length=10_000)
    start_date: date | None = None
    priority: Literal[PRIORITIES] | None = None  # type: ignore[valid-type]


class GapItemOut(BaseModel):
    id: int


def _number(value, places=2):
    return None if value is None else float(rounded(value, places))


class AnswerEvidenceOut(HeldEvidenceOut):
    assessment_id: int
    indicator_code: str

    @staticmethod
    def dump(evidence, assessment, code):
        return {**held_evidence_to_dict(evidence), "assessment_id": assessment.id,
                "indicator_code": code}


class AssessmentSummaryOut(BaseModel):
    id: int
    instrument_id: int
    instrument_name: str
    year: int
    agency_id: int | None
    agency_name: str | None

    @classmethod
    def dump(cls, assessment):
        return cls(id=assessment.id, instrument_id=assessment.instrument_id,
                   instrument_name=assessment.instrument.name, year=assessment.year,
                   agency_id=assessment.agency_id,
                   agency_name=assessment.agency.name if assessment.agency else None
                   ).model_dump()


class ComponentOut(BaseModel):
    code: str
    name: str
    weight: float | None
    score: float
    evaluator_score: float


class GapOut(BaseModel):
    indicator_code: str
    question: str
    points_lost: float
    item_ids: list[int]


class AnswerOut(BaseModel):
    indicator_code: str
    self_answer: str | None
    self_value: float | None
    evaluator_answer: str | None
    evaluator_value: float | None
    score: float
    evaluator_score: float
    note: str
    evaluator_note: str
    state: str
    evidence_count: int


class AssessmentOut(BaseModel):
    id: int
    instrument_id: int
    year: int
    agency_id: int | None
    estimated_index: float
    evaluator_index: float
    grade: str
    evaluator_grade: str
    difference: float = Field(description="The evaluator's index minus the estimated one")
    target: float | None = Field(description="The target set for the year (RB index records)")
    official_index: float | None = Field(description="The latest official index up to the year")
    official_year: int | None
    components: list[ComponentOut]
    gaps: list[GapOut]
    answers: list[AnswerOut]

    @classmethod
    def dump(cls, sheet):
        scores, assessment = sheet.scores, sheet.assessment
        return cls(
            id=assessment.id, instrument_id=assessment.instrument_id, year=assessment.year,
            agency_id=assessment.agency_id, estimated_index=_number(scores.index),
            evaluator_index=_number(scores.evaluator_index), grade=scores.grade,
            evaluator_grade=scores.evaluator_grade, difference=_number(scores.difference),
            target=_number(sheet.target), official_index=_number(sheet.official_index),
            official_year=sheet.official_year,
            components=[ComponentOut(code=row.node.code, name=row.node.name,
                                     weight=_number(row.node.weight), score=_number(row.score),
                                     evaluator_score=_number(row.evaluator_score))
                        for row in sheet.components],
            gaps=[GapOut(indicator_code=gap.indicator.code,
                         question=_question(sheet, gap.indicator.code),
                         points_lost=_number(gap.points_lost, 4),
                         item_ids=[item.id for item in items])
                  for gap, items in sheet.gap_rows],
            answers=[_answer(row) for row in sheet.rows if row.node.is_indicator],
        ).model_dump()


def _question(sheet, code):
    row = sheet.row(code)
    return row.node.question or row.node.name


def _answer(row):
    answer = row.answer
    return AnswerOut(
        indicator_code=row.node.code,
        self_answer=answer.self_answer if answer else None,
        self_value=_number(answer.self_value, 4) if answer else None,
        evaluator_answer=answer.evaluator_answer if answer else None,
        evaluator_value=_number(answer.evaluator_value, 4) if answer else None,
        score=_number(row.score), evaluator_score=_number(row.evaluator_score),
        note=answer.note if answer else "", evaluator_note=answer.evaluator_note if answer else "",
        state=answer.state if answer else "draft", evidence_count=len(row.evidence))
