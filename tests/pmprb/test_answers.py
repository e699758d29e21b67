"""Answers as people type them, turned into values from 0 to 1."""
from decimal import Decimal
from types import SimpleNamespace

import pytest
from flask_babel import force_locale

from rbtasks.errors import ValidationError
from rbtasks.pmprb.answers import AnswerError, check_answer, value_of


def indicator(answer_type, low=None, high=None, code="A.1.1"):
    return SimpleNamespace(code=code, answer_type=answer_type, answer_min=low, answer_max=high)


@pytest.mark.parametrize("typed, value", [
    ("ya", 1), ("Ya", 1), (" YA ", 1), ("y", 1), ("yes", 1), ("true", 1), ("1", 1), (1, 1),
    (True, 1), ("tidak", 0), ("Tidak", 0), ("t", 0), ("no", 0), ("FALSE", 0), ("0", 0), (0, 0),
])
def test_yes_no(app, typed, value):
    assert value_of(indicator("yes_no"), typed) == Decimal(value)


@pytest.mark.parametrize("answer_type, typed, value", [
    ("abc", "a", "1"), ("abc", "B", "0.5"), ("abc", "c", "0"), ("abc", 0.5, "0.5"),
    ("abcd", "a", "1"), ("abcd", "b", "0.67"), ("abcd", "C", "0.33"), ("abcd", "d", "0"),
    ("abcd", "0,67", "0.67"),
    ("abcde", "a", "1"), ("abcde", "b", "0.75"), ("abcde", "c", "0.5"), ("abcde", "D", "0.25"),
    ("abcde", "e", "0"), ("abcde", 0.25, "0.25"),
])
def test_letters(app, answer_type, typed, value):
    assert value_of(indicator(answer_type), typed) == Decimal(value)


@pytest.mark.parametrize("typed, value", [
    ("62,5", "0.625"), ("12,5%", "0.125"), ("12.5 %", "0.125"), (62.5, "0.625"), (100, "1"),
    ("150", "1"), (0, "0"), ("0,01", "0.0001"),
])
def test_percent(app, typed, value):
    assert value_of(indicator("percent"), typed) == Decimal(value)


@pytest.mark.parametrize("typed, value", [
    ("10", "0.25"), ("0", "0"), ("40", "1"), ("50", "1"), ("-3", "0"), ("30,5", "0.7625"),
])
def test_number_is_scaled_between_min_and_max(app, typed, value):
    assert value_of(indicator("number", Decimal(0), Decimal(40)), typed) == Decimal(value)


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_blank_is_unanswered(app, blank):
    assert value_of(indicator("percent"), blank) is None
    assert value_of(indicator("yes_no"), blank) is None


@pytest.mark.parametrize("answer_type, typed", [
    ("yes_no", "mungkin"), ("yes_no", "2"), ("abc", "d"), ("abc", 0.7), ("abcd", "e"),
    ("abcde", "f"), ("percent", "-5"), ("percent", "banyak"), ("percent", "1.000,5"),
    ("percent", "x" * 41), ("number", "tiga"), ("yes_no", "ya\x00"),
])
def test_bad_answers_are_refused(app, answer_type, typed):
    with pytest.raises(AnswerError):
        value_of(indicator(answer_type, Decimal(0), Decimal(10)), typed)


def test_the_message_names_the_indicator_and_the_expected_answers(app):
    with app.test_request_context(), force_locale("id"):
        with pytest.raises(ValidationError) as refused:
            check_answer(indicator("yes_no"), "mungkin", "A.1.1")
    assert refused.value.fields == {"A.1.1": "A.1.1: jawab Ya atau Tidak"}


def test_the_answer_is_kept_as_typed(app):
    assert check_answer(indicator("percent"), " 62,5 ", "A.1.2") == ("62,5", Decimal("0.625"))
    assert check_answer(indicator("percent"), 62.5, "A.1.2") == ("62,5", Decimal("0.625"))
