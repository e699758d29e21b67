"""Cell values as the sheets write them: dates, rupiah, amounts, percentages."""
from datetime import date, datetime
from decimal import Decimal

import pytest

from rbtasks.spreadsheets.values import (
    CellError,
    parse_date,
    parse_decimal,
    parse_money,
    parse_progress,
    parse_text,
)


@pytest.fixture(autouse=True)
def _babel(app):
    """Messages need an app context (the app fixture pushes one)."""


@pytest.mark.parametrize("text, expected", [
    ("31 Desember 2026", date(2026, 12, 31)),
    ("31 Des 2026", date(2026, 12, 31)),
    ("17 Agustus 2026", date(2026, 8, 17)),
    ("17 Agt 2026", date(2026, 8, 17)),
    ("17 Agu 2026", date(2026, 8, 17)),
    ("1 Mei 2026", date(2026, 5, 1)),
    ("30 June 2026", date(2026, 6, 30)),
    ("31/12/2026", date(2026, 12, 31)),
    ("31-12-2026", date(2026, 12, 31)),
    ("2026-12-31", date(2026, 12, 31)),
    ("Desember 2026", date(2026, 12, 31)),
    ("Februari 2028", date(2028, 2, 29)),
    ("Nov 2026", date(2026, 11, 30)),
    ("TW III", date(2026, 9, 30)),
    ("Triwulan III", date(2026, 9, 30)),
    ("TW 3", date(2026, 9, 30)),
    ("tw i", date(2026, 3, 31)),
    ("Triwulan IV 2027", date(2027, 12, 31)),
    ("  31  Desember   2026 ", date(2026, 12, 31)),
])
def test_dates_as_sheets_write_them(text, expected):
    assert parse_date(text, 2026) == expected


def test_excel_dates_and_datetimes_are_their_day():
    assert parse_date(datetime(2026, 12, 31, 0, 0), 2026) == date(2026, 12, 31)
    assert parse_date(date(2026, 6, 30), 2026) == date(2026, 6, 30)


@pytest.mark.parametrize("text", ["31 Desembr 2026", "31/13/2026", "30 Februari 2026", "TW V",
                                  "besok", "46022", "2026"])
def test_what_is_no_date_is_refused_with_the_text(text):
    with pytest.raises(CellError) as caught:
        parse_date(text, 2026)
    assert text.strip() in caught.value.message


def test_a_bare_number_is_not_taken_for_a_date():
    with pytest.raises(CellError, match="46022"):
        parse_date(46022, 2026)


@pytest.mark.parametrize("value, expected", [
    ("Rp 15.000.000", 15_000_000), ("15.000.000,00", 15_000_000), ("Rp15.000.000,-", 15_000_000),
    (15000000, 15_000_000), (15000000.0, 15_000_000), ("1.000", 1000),
    (Decimal("2500000"), 2_500_000),
])
def test_rupiah(value, expected):
    assert parse_money(value) == expected


@pytest.mark.parametrize("value", ["Rp 15.000.000,50", 12.5, "lima juta"])
def test_rupiah_that_cannot_be_stored(value):
    with pytest.raises(CellError):
        parse_money(value)


def test_amounts_read_comma_decimals_and_refuse_the_ambiguous():
    assert parse_decimal("12,5") == Decimal("12.5")
    assert parse_decimal(12.5) == Decimal("12.5")
    assert parse_decimal(0.1) == Decimal("0.1")
    with pytest.raises(CellError, match="1000"):
        parse_decimal("1.000")


@pytest.mark.parametrize("value, expected", [
    ("12,5%", 13), ("12,4 %", 12), ("12,5", 13), (40, 40), (12.5, 13), (0.125, 13),
    (1, 1), ("100%", 100), ("0", 0), (0.0, 0),
])
def test_progress_is_a_whole_percentage_rounded_half_up(value, expected):
    assert parse_progress(value) == expected


@pytest.mark.parametrize("value", ["101%", "-5", "setengah", 250])
def test_progress_outside_0_to_100_is_refused(value):
    with pytest.raises(CellError):
        parse_progress(value)


def test_text_shows_numbers_and_dates_as_the_sheet_does():
    assert parse_text(1.0) == "1"
    assert parse_text(42) == "42"
    assert parse_text(12.5) == "12.5"
    assert parse_text(date(2026, 12, 31)) == "31/12/2026"
    assert parse_text(None) == ""
