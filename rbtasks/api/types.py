"""JSON field types the feature schemas share: numbers as people write them.

A budget may be sent as a JSON integer or as text such as "Rp 15.000.000";
a quarterly amount as a JSON number or as text such as "12,5". Text is read by
rbtasks/numbers.py, the same reader as the page forms', and a number it cannot
read unambiguously is a 422 with its message for that field.
"""
from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator, Field, StrictInt, WithJsonSchema
from pydantic_core import PydanticCustomError

from rbtasks.numbers import NumberFormatError, parse_amount, parse_rupiah


def _reading_text_with(parser):
    def read(value):
        if not isinstance(value, str):
            return value
        if not value.strip():
            return None
        try:
            return parser(value)
        except NumberFormatError as error:
            raise PydanticCustomError("number_format", "{message}",
                                      {"message": str(error.message)}) from None
    return read


def rupiah(maximum):
    """Whole rupiah from 0 to ``maximum``: a JSON integer or text such as "Rp 15.000.000"."""
    return Annotated[
        StrictInt, Field(ge=0, le=maximum), BeforeValidator(_reading_text_with(parse_rupiah)),
        WithJsonSchema({
            "anyOf": [{"type": "integer", "minimum": 0, "maximum": maximum},
                      {"type": "string", "examples": ["Rp 15.000.000", "15.000.000,00"]}],
            "description": "Whole rupiah: an integer, or text as people write it"}),
    ]


def amount(below, decimal_places):
    """A non-negative number under ``below``: a JSON number or text such as "12,5"."""
    return Annotated[
        Decimal, Field(ge=0, lt=below, decimal_places=decimal_places),
        BeforeValidator(_reading_text_with(parse_amount)),
        WithJsonSchema({
            "anyOf": [{"type": "number", "minimum": 0, "exclusiveMaximum": below},
                      {"type": "string", "examples": ["12,5", "12.50", "1000"]}],
            "description": f"A number, or text such as \"12,5\" (at most {decimal_places} "
                           "decimals; \"1.000\" is refused as ambiguous)"}),
    ]
