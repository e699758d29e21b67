"""One page of a list: the one page type every list (pages and API) uses.

A list that can grow without bound counts only up to ``COUNT_LIMIT`` rows
(:func:`count_at_most`): its ``total`` is then ``COUNT_LIMIT + 1`` with
``total_exact`` false, shown as "more than 10,000", and its page numbers
stop at the limit. Reading further is by keyset (``next_cursor``).
"""
import math
from dataclasses import dataclass

import sqlalchemy as sa

from rbtasks.extensions import db

MAX_PER_PAGE = 100
COUNT_LIMIT = 10_000


@dataclass(frozen=True)
class Page:
    items: list
    page: int
    per_page: int
    total: int
    total_exact: bool = True
    next_cursor: str | None = None  # the keyset position after this page, if there is more

    @property
    def counted(self):
        """The rows page numbers reach: the total, or the limit when counting stopped."""
        return self.total if self.total_exact else min(self.total, COUNT_LIMIT)

    @property
    def pages(self):
        return max(1, math.ceil(self.counted / self.per_page))

    @property
    def has_prev(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages

    @property
    def prev_num(self):
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self):
        return self.page + 1 if self.has_next else None

    @classmethod
    def of(cls, rows, page, per_page):
        """A page of rows already in memory."""
        rows = list(rows)
        return cls(rows[(page - 1) * per_page:page * per_page], page, per_page, len(rows))


def count_at_most(statement, limit=COUNT_LIMIT):
    """``(count, exact)`` of the rows of ``statement``, reading at most
    ``limit + 1`` of them: the cost is bounded however large the table."""
    bounded = statement.with_only_columns(sa.literal(1)).order_by(None).limit(limit + 1)
    count = db.session.scalar(sa.select(sa.func.count()).select_from(bounded.subquery()))
    return count, count <= limit


def pages_within_limit(per_page, limit=COUNT_LIMIT):
    """How many pages of ``per_page`` rows number the first ``limit`` rows."""
    return max(1, math.ceil(limit / per_page))


def paginate(statement, page, per_page):
    """Run ``statement`` for one page (at most MAX_PER_PAGE rows) and count all its rows."""
    result = db.paginate(statement, page=page, per_page=per_page, max_per_page=MAX_PER_PAGE,
                         error_out=False)
    return Page(items=list(result.items), page=result.page, per_page=result.per_page,
                total=result.total)
