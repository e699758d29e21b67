"""API shapes of instruments: the list entry, the tree, a load's answer."""
from typing import Literal

from pydantic import BaseModel, Field

from rbtasks.pmprb.models import ANSWER_TYPES


def _number(value):
    return None if value is None else float(value)


class InstrumentOut(BaseModel):
    id: int
    name: str
    year: int
    is_sample: bool = Field(description="A sample to try the worksheet with, not an "
                                        "official instrument")
    indicator_count: int
    weight: float = Field(description="The points of the top level (100 for a whole model)")

    @classmethod
    def dump(cls, summary):
        instrument = summary.instrument
        return cls(id=instrument.id, name=instrument.name, year=instrument.year,
                   is_sample=bool(instrument.is_sample),
                   indicator_count=summary.indicator_count,
                   weight=float(summary.weight)).model_dump()


class NodeOut(BaseModel):
    """A component (with ``children`` or ``indicators``) or an indicator (with
    ``question``, ``answer_type``, ``evidence`` and, for ``number``, ``min``/``max``)."""

    id: int
    code: str
    name: str
    weight: float | None
    area: str = Field(description="The area of change it serves (inherited), or \"\"")
    question: str | None = None
    answer_type: Literal[ANSWER_TYPES] | None = None
    evidence: str | None = Field(None, description="The evidence (data dukung) expected")
    min: float | None = None
    max: float | None = None
    children: list["NodeOut"] | None = None
    indicators: list["NodeOut"] | None = None


class FaultOut(BaseModel):
    node: str = Field(description="The node's code, its place in the file, or (instrument)")
    message: str


class InstrumentDetail(InstrumentOut):
    description: str
    loaded_at: str = Field(description="ISO 8601, UTC")
    components: list[NodeOut]

    @classmethod
    def dump(cls, summary, tree):
        instrument = summary.instrument
        return {**InstrumentOut.dump(summary), "description": instrument.description or "",
                "loaded_at": instrument.loaded_at.isoformat(), "components": tree}


class InstrumentLoaded(InstrumentDetail):
    warnings: list[FaultOut] = Field(description="What loaded but deserves a look, e.g. a "
                                                 "component whose parts weigh less than it")
