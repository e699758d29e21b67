"""One page of a list: the one page type every list (pages and API) uses."""
import math
from dataclasses import dataclass

from rbtasks.extensions import db

MAX_PER_PAGE = 100


@dataclass(frozen=True)
class Page:
    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self):
        return max(1, math.ceil(self.total / self.per_page))

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


def paginate(statement, page, per_page):
    """Run ``statement`` for one page (at most MAX_PER_PAGE rows) and count all its rows."""
    result = db.paginate(statement, page=page, per_page=per_page, max_per_page=MAX_PER_PAGE,
                         error_out=False)
    return Page(items=list(result.items), page=result.page, per_page=result.per_page,
                total=result.total)
