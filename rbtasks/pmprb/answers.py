"""What people type as an answer, turned into its value from 0 to 1.

The evaluation sheet is answered with words and letters ("Ya", "b") or
numbers ("62,5" with the Indonesian decimal comma). Each answer type has its
scale (see :data:`LETTER_VALUES`); a blank answer is unanswered (None) and
scores 0. Values are Decimals with at most six places, as stored.
"""
import re
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from flask_babel import pgettext

from rbtasks.errors import ValidationError

MAX_ANSWER = 40  # the column's length
_PLACES = Decimal("0.000001")
ONE, ZERO, HUNDRED = Decimal(1), Decimal(0), Decimal(100)

YES = frozenset({"ya", "y", "yes", "true", "1"})
NO = frozenset({"tidak", "t", "no", "false", "0"})
LETTER_VALUES = {
    "abc": {"a": ONE, "b": Decimal("0.5"), "c": ZERO},
    "abcd": {"a": ONE, "b": Decimal("0.67"), "c": Decimal("0.33"), "d": ZERO},
    "abcde": {"a": ONE, "b": Decimal("0.75"), "c": Decimal("0.5"), "d": Decimal("0.25"),
              "e": ZERO},
}
_NUMBER = re.compile(r"^[+-]?(\d{1,15}([.,]\d{1,10})?|[.,]\d{1,10})$")


class AnswerError(ValueError):
    """An answer that is not one of its type's; ``str()`` says what is expected."""


def expected_answers(indicator):
    """The answers an indicator takes, as the message tells them."""
    kind = indicator.answer_type
    if kind == "yes_no":
        return _("answer Yes or No")
    if kind in LETTER_VALUES:
        letters = [letter.upper() for letter in LETTER_VALUES[kind]]
        return _("answer %(letters)s or %(last)s", letters=", ".join(letters[:-1]),
                 last=letters[-1])
    if kind == "percent":
        return _("answer a percentage from 0 to 100, e.g. 62,5")
    low, high = indicator.answer_min, indicator.answer_max
    return _("answer a number (%(low)s gives 0, %(high)s gives 1)",
             low=_plain(low), high=_plain(high))


def _plain(number):
    if number is None:
        return "?"
    text = format(Decimal(number).normalize(), "f")
    return text.replace(".", ",")


def parse_number(text):
    """A number as typed: "12,5", "12.5", "12,5%"; None when it is not one."""
    if isinstance(text, bool):
        return None
    if isinstance(text, Decimal):
        return text if text.is_finite() else None
    if isinstance(text, int):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(str(text)) if text == text and abs(text) != float("inf") else None
    cleaned = str(text).strip().rstrip("%").strip().replace(" ", "")
    if not _NUMBER.match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation:
        return None


def answer_text(raw):
    """The answer as stored: trimmed text, None when blank. Numbers keep the
    comma people type ("62,5")."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, (int, float, Decimal)):
        number = parse_number(raw)
        return None if number is None else _plain(number)
    text = str(raw).strip()
    return text or None


def value_of(indicator, raw):
    """The value (0–1, Decimal) of ``raw`` for ``indicator``; None when blank.

    Raises :class:`AnswerError` when the answer is not one of the type's.
    """
    if isinstance(raw, bool):
        raw = "1" if raw else "0"
    text = answer_text(raw)
    if text is None:
        return None
    if len(text) > MAX_ANSWER:
        raise AnswerError(expected_answers(indicator))
    if isinstance(raw, (int, float, Decimal)):
        text = parse_number(raw)  # a JSON number is read as it is, however many digits
    kind = indicator.answer_type
    if kind == "yes_no":
        return _yes_no(str(text), indicator)
    if kind in LETTER_VALUES:
        return _letters(str(text), LETTER_VALUES[kind], indicator)
    if kind == "percent":
        return _percent(text, indicator)
    if kind == "number":
        return _scaled(text, indicator)
    raise AnswerError(_("this indicator has no answer type"))


def _yes_no(text, indicator):
    word = text.lower()
    if word in YES:
        return ONE
    if word in NO:
        return ZERO
    raise AnswerError(expected_answers(indicator))


def _letters(text, scale, indicator):
    letter = text.lower()
    if letter in scale:
        return scale[letter]
    number = parse_number(text)
    if number is not None:
        for value in scale.values():
            if number == value:
                return value
    raise AnswerError(expected_answers(indicator))


def _percent(text, indicator):
    number = parse_number(text)
    if number is None or number < 0:
        raise AnswerError(expected_answers(indicator))
    return (min(number, HUNDRED) / HUNDRED).quantize(_PLACES)


def _scaled(text, indicator):
    number = parse_number(text)
    low, high = indicator.answer_min, indicator.answer_max
    if number is None or low is None or high is None or high == low:
        raise AnswerError(expected_answers(indicator))
    share = (number - Decimal(low)) / (Decimal(high) - Decimal(low))
    return min(max(share, ZERO), ONE).quantize(_PLACES)


def check_answer(indicator, raw, field):
    """(stored text, value) for ``raw``; a ValidationError on ``field`` naming
    the indicator ("A.1.1: answer Yes or No") when it is not an answer."""
    try:
        return answer_text(raw), value_of(indicator, raw)
    except AnswerError as error:
        raise ValidationError(_("Some answers are not valid."),
                              {field: f"{indicator.code}: {error}"}) from None


def choices(indicator):
    """The choices a page offers for the indicator, as (answer, label); None
    when the answer is typed (percent, number)."""
    if indicator.answer_type == "yes_no":
        return [("ya", pgettext("answer", "Yes")), ("tidak", pgettext("answer", "No"))]
    if indicator.answer_type in LETTER_VALUES:
        return [(letter, letter.upper()) for letter in LETTER_VALUES[indicator.answer_type]]
    return None


def choice_for(indicator, value):
    """The choice that gives ``value`` (so "y" shows as Ya), or None."""
    if value is None:
        return None
    if indicator.answer_type == "yes_no":
        return "ya" if value == ONE else "tidak"
    for letter, letter_value in LETTER_VALUES.get(indicator.answer_type, {}).items():
        if letter_value == value:
            return letter
    return None
