"""JSON shapes of an item's quarterly realisation.

Amounts are answered as decimal strings with two places ("12.50"), so no
client ever sees a binary-float rounding; requests may send a JSON number or
text as people write it ("12,5", "12.50"; see rbtasks/api/types.py).
"""
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from rbtasks.api.types import amount
from rbtasks.realisation.services import MAX_NOTE, QUARTERS, achievement, amount_text

QuarterAmount = amount(below=10**12, decimal_places=2)
_AMOUNT_OUT = r"^[0-9]{1,12}\.[0-9]{2}$"


class QuarterIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    quarter: StrictInt = Field(..., ge=1, le=4)
    target: QuarterAmount | None = None
    realisation: QuarterAmount | None = None
    obstacles: StrictStr = Field("", max_length=MAX_NOTE)
    follow_up: StrictStr = Field("", max_length=MAX_NOTE)


class QuartersUpdate(BaseModel):
    """PUT /items/{item_id}/quarters: the whole set of quarters; left-out quarters are cleared."""

    model_config = ConfigDict(extra="forbid")

    version: StrictInt
    progress_from_quarters: StrictBool
    quarters: list[QuarterIn] = Field(..., max_length=4)


class QuarterOut(BaseModel):
    quarter: int = Field(ge=1, le=4)
    target: str | None = Field(pattern=_AMOUNT_OUT, description="Decimal string, e.g. \"12.50\"")
    realisation: str | None = Field(pattern=_AMOUNT_OUT,
                                    description="Decimal string, e.g. \"7.25\"")
    achievement: int | None = Field(description="Realisation as % of target; may exceed 100")
    obstacles: str
    follow_up: str


class QuartersOut(BaseModel):
    progress_from_quarters: bool
    progress: int = Field(ge=0, le=100)
    version: int
    quarters: list[QuarterOut] = Field(min_length=4, max_length=4)


def quarters_to_dict(item, rows):
    """The answer of GET and PUT: always four quarters, empty ones with nulls."""
    quarters = []
    for quarter, row in zip(QUARTERS, rows):
        target = row.target if row else None
        realisation = row.realisation if row else None
        quarters.append({
            "quarter": quarter, "target": amount_text(target),
            "realisation": amount_text(realisation),
            "achievement": achievement(target, realisation),
            "obstacles": row.obstacles if row else "", "follow_up": row.follow_up if row else "",
        })
    return {"progress_from_quarters": item.progress_from_quarters, "progress": item.progress,
            "version": item.version, "quarters": quarters}
