"""Reading numbers as people in Indonesia write them (rbtasks/numbers.py)."""
from decimal import Decimal

import pytest
from flask_babel import force_locale

from rbtasks.numbers import (
    NumberFormatError,
    format_amount,
    format_rupiah,
    parse_amount,
    parse_rupiah,
)


@pytest.mark.parametrize("text", [
    "15000000", "15.000.000", "Rp 15.000.000", "Rp15.000.000", "rp. 15.000.000",
    "15.000.000,00", "Rp 15.000.000,00", "Rp 15.000.000,-", " 15 000 000 ", "15,000,000",
    "15,000,000.00",
])
def test_rupiah_as_people_write_them(app, text):
    with app.test_request_context():
        assert parse_rupiah(text) == 15_000_000


def test_one_group_of_three_is_thousands_in_rupiah(app):
    with app.test_request_context():
        assert parse_rupiah("Rp 15.000") == parse_rupiah("15,000") == 15_000
        assert parse_rupiah("750") == 750


@pytest.mark.parametrize("text, message", [
    ("15.000.000,50", "Write whole rupiah, without cents."),
    ("lima belas juta", "“lima belas juta” is not a number."),
    ("15.00.000", "“15.00.000” is not a number."),
    ("15.000,000,00", "“15.000,000,00” is not a number."),
    ("Rp", "“Rp” is not a number."),
    ("12.", "“12.” is not a number."),
])
def test_rupiah_that_cannot_be_read(app, text, message):
    with app.test_request_context(), pytest.raises(NumberFormatError) as caught:
        parse_rupiah(text)
    assert caught.value.message == message


@pytest.mark.parametrize("text, expected", [
    ("12,5", "12.5"), ("12.5", "12.5"), ("12,50", "12.5"), ("0,25", "0.25"), ("1000", "1000"),
    ("1.000,5", "1000.5"), ("1,000.5", "1000.5"), ("1.000.000", "1000000"), ("61.65", "61.65"),
    ("100", "100"), (",5", "0.5"),
])
def test_amounts(app, text, expected):
    with app.test_request_context():
        assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text, thousands, decimal", [("1.000", "1000", "1"),
                                                      ("12,500", "12500", "12.5"),
                                                      ("12.505", "12505", "12.505")])
def test_one_group_of_three_in_an_amount_is_refused_with_both_readings(app, text, thousands,
                                                                       decimal):
    with app.test_request_context(), pytest.raises(NumberFormatError) as caught:
        parse_amount(text)
    assert caught.value.message == (f"“{text}” could mean {thousands} or {decimal}; write it "
                                    "without a thousands separator.")


def test_an_amount_is_only_read_its_range_is_the_services_rule(app):
    with app.test_request_context():
        assert parse_amount("0,125") == Decimal("0.125")
        assert parse_amount("-3") == Decimal(-3)


def test_numbers_are_written_in_the_readers_locale(app):
    with app.test_request_context():
        with force_locale("id"):
            assert format_rupiah(15_000_000) == "Rp 15.000.000"
            assert format_amount(Decimal("12.50")) == "12,5"
            assert format_amount(Decimal("1000")) == "1000"
            assert parse_rupiah(format_rupiah(15_000_000)) == 15_000_000
        with force_locale("en"):
            assert format_rupiah(15_000_000) == "Rp 15,000,000"
            assert format_amount(Decimal("12.50")) == "12.5"
            assert parse_rupiah(format_rupiah(15_000_000)) == 15_000_000
