"""Dates as people type them into the date fields: day/month/year, or ISO."""
from datetime import date

import pytest

from rbtasks.timeutil import parse_date_text


@pytest.mark.parametrize("text, expected", [
    ("31/12/2026", date(2026, 12, 31)),
    (" 3/1/2027 ", date(2027, 1, 3)),
    ("2026-12-31", date(2026, 12, 31)),
    ("12/31/2026", None),  # the American order names no 31st month
    ("31/02/2026", None),
    ("31-12-2026", None),
    ("31/12/26", None),
    ("", None),
    (None, None),
])
def test_parse_date_text(text, expected):
    assert parse_date_text(text) == expected
