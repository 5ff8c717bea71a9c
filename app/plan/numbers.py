"""Numbers of the number, year and decimal kinds: one reader for what people type and one
check for what is stored (typed, imported or restored from the history).

Text is read exactly, with ``decimal.Decimal``, after its length is checked: a paste of 400
digits is a message, never an ``OverflowError`` deep in ``float()``, and "12345678901234567"
is never silently rounded through a float. Every number is finite, within the field's limits
(or the default bound of ``content.DEFAULT_NUMBER_BOUND``), whole for number and year, and
has at most the places a decimal field declares (``decimals:``, default 2).
"""
from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from app.plan.content import DEFAULT_DECIMALS, DEFAULT_NUMBER_BOUND, Field, FieldKind, Text
from app.plan.errors import FieldError
from app.plan.formatting import plain_number

#: Longer input (after spaces are dropped) is not read at all: ±10¹² with six places is 20.
MAX_NUMBER_CHARS = 32
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")  # ASCII digits only: "١٢" is not a Lithuanian number
INTEGER_KINDS = (FieldKind.NUMBER, FieldKind.YEAR)


def field_message(field: Field, lt: str, en: str) -> Text:
    """A message that names the field: „Biudžetas“: …"""
    return field.label.labelled(lt, en)


def _normalise(raw: str) -> str:
    """"1 250,50", "1.250,50", "1,250.50" → "1250.50": the Lithuanian way or the English way."""
    text = _SPACES.sub("", raw.strip()).replace("−", "-")
    if "," in text and "." in text:
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal_sep == "," else ",", "").replace(",", ".")
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    return text


def parse_number(raw: str, field: Field, integer: bool) -> int | float:
    """Typed text → int (number, year) or float (decimal), checked before it is converted."""
    # the cheap guard first: a megabyte of digits is not even normalised
    text = _normalise(raw) if len(raw) <= 4 * MAX_NUMBER_CHARS else raw
    if len(text) > MAX_NUMBER_CHARS:
        raise FieldError(field_message(field, "per ilgas skaičius; patikrinkite, ką įrašėte.",
                                       "the number is too long; check what you typed."))
    if not _NUMBER.fullmatch(text):
        raise FieldError(field_message(field, "įrašykite skaičių, pvz., 1 250" + ("" if integer else ",50"),
                                       "enter a number, e.g. 1250" + ("" if integer else ".50")))
    number = Decimal(text) + 0  # + 0: "-0" is 0
    refused = check_number(field, number)
    if refused:
        raise FieldError(refused)
    return int(number) if integer else float(number)


def places(number: Decimal) -> int:
    """Places after the decimal point that carry a digit: 1250.50 → 1, 1E+3 → 0."""
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def check_number(field: Field, value: Any) -> Text | None:
    """The message for a number this field cannot hold (None = fine). For typed Decimals and
    stored JSON numbers alike: a bool, infinity, NaN, a fraction in a whole-number field,
    more places than declared and anything past the limits are refused."""
    integer = field.kind in INTEGER_KINDS
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return field_message(field, "čia turi būti skaičius.", "a number is expected.")
    if isinstance(value, float) and not math.isfinite(value) or isinstance(value, Decimal) and not value.is_finite():
        return field_message(field, "čia turi būti skaičius.", "a number is expected.")
    if isinstance(value, int):  # compared as it is: a 400-digit int never meets float()
        number = None
    else:
        number = value if isinstance(value, Decimal) else Decimal(repr(value))
    if integer and (isinstance(value, float) or number is not None and number != number.to_integral_value()):
        return field_message(field, "įrašykite sveikąjį skaičių (be dešimtųjų).", "enter a whole number.")
    refused = _range(field, value)
    if refused or integer or number is None:
        return refused
    allowed = DEFAULT_DECIMALS if field.decimals is None else field.decimals
    if places(number) > allowed:
        if allowed == 0:
            return field_message(field, "įrašykite sveikąjį skaičių (be dešimtųjų).", "enter a whole number.")
        lt = "vienas skaitmuo" if allowed == 1 else f"{allowed} skaitmenys"
        return field_message(field, f"po kablelio – ne daugiau kaip {lt}.",
                             f"at most {allowed} digit{'s' if allowed > 1 else ''} after the decimal point.")
    return None


def _range(field: Field, value: int | float | Decimal) -> Text | None:
    lo, hi = field.min_value, field.max_value
    low = lo if lo is not None else -DEFAULT_NUMBER_BOUND
    high = hi if hi is not None else DEFAULT_NUMBER_BOUND

    def fmt(x: float, lang: str = "lt") -> str:
        return str(int(x)) if field.kind is FieldKind.YEAR else plain_number(x, lang)

    if lo is not None and hi is not None and not lo <= value <= hi:
        return field_message(field, f"turi būti nuo {fmt(lo)} iki {fmt(hi)}.",
                             f"must be {fmt(lo, 'en')}–{fmt(hi, 'en')}.")
    if value < low:
        return field_message(field, f"ne mažiau kaip {fmt(low)}.", f"at least {fmt(low, 'en')}.")
    if value > high:
        return field_message(field, f"ne daugiau kaip {fmt(high)}.", f"at most {fmt(high, 'en')}.")
    if field.kind is FieldKind.YEAR and not 1000 <= value <= 9999:
        return field_message(field, "įrašykite keturženklius metus, pvz., 2025.", "a four-digit year.")
    return None
