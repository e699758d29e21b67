"""API shapes of RB index records.

Numbers travel as JSON numbers (or null); the input models check types and
ranges, the service checks the two-decimal rule and the unique year.
"""
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from rbtasks.rbindex.grades import GRADES, grade_for
from rbtasks.rbindex.services import FIRST_YEAR, LAST_YEAR, MAX_NOTE

Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
Score = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
Enablers = Annotated[float, Field(ge=0, le=60, allow_inf_nan=False)]
Results = Annotated[float, Field(ge=0, le=40, allow_inf_nan=False)]
Note = Annotated[str, StringConstraints(max_length=MAX_NOTE)]
Grade = Literal[GRADES]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class IndexScoreCreate(_Input):
    year: Year
    score: Score | None = None
    target: Score | None = None
    enablers: Enablers | None = None
    results: Results | None = None
    source_note: Note = ""


class IndexScoreUpdate(_Input):
    year: Year = None
    score: Score | None = None
    target: Score | None = None
    enablers: Enablers | None = None
    results: Results | None = None
    source_note: Note = None


def _number(value):
    return None if value is None else float(value)


class IndexScoreOut(BaseModel):
    id: int
    year: int
    score: float | None
    target: float | None
    enablers: float | None
    results: float | None
    source_note: str
    grade: Grade | None = Field(description="The grade of the score (AA … D), null without one")

    @classmethod
    def dump(cls, record):
        return cls(id=record.id, year=record.year, score=_number(record.score),
                   target=_number(record.target), enablers=_number(record.enablers),
                   results=_number(record.results), source_note=record.source_note or "",
                   grade=grade_for(record.score)).model_dump()
