"""Numbers: read exactly, bounded before any conversion, finite, with the declared places, and
shown plainly in Lithuanian; the same check for what is typed and for what is stored."""
import json
import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.plan.content import DEFAULT_NUMBER_BOUND, Field, FieldKind, Text
from app.plan.display import display_value
from app.plan.data import PlanData
from app.plan.formatting import format_decimal_2, format_money, format_number
from app.plan.kinds import FieldError, encode, parse_input, validate_value
from app.web.views import input_text

NUMERIC = (FieldKind.NUMBER, FieldKind.YEAR, FieldKind.DECIMAL)


def f(kind: FieldKind, **kw) -> Field:
    return Field(key="x", kind=kind, label=Text("Biudžetas", "Budget"), **kw)


def refused(field: Field, typed: str) -> str:
    with pytest.raises(FieldError) as err:
        parse_input(field, [typed])
    return err.value.message.lt


@pytest.mark.parametrize("kind", NUMERIC)
@pytest.mark.parametrize("typed", ["9" * 400, "-" + "9" * 400, "1" * 33, "0," + "1" * 300, "9" * 100_000])
def test_number_of_hundreds_of_digits_is_a_message_not_an_overflow(kind: FieldKind, typed: str) -> None:
    assert "per ilgas skaičius" in refused(f(kind), typed)


@pytest.mark.parametrize("kind", NUMERIC)
@pytest.mark.parametrize("typed", ["1e20", "1E+20", "inf", "-inf", "NaN", "Infinity", "-Infinity", "0x10",
                                   "١٢٣", "²", "½", "1 2 3,4,5"])
def test_exponents_infinity_and_foreign_digits_are_refused(kind: FieldKind, typed: str) -> None:
    assert "įrašykite skaičių" in refused(f(kind), typed)


def test_integers_are_exact_no_float_round_trip() -> None:
    wide = f(FieldKind.NUMBER, min_value=0, max_value=10**17)
    assert parse_input(wide, ["12345678901234567"]) == 12345678901234567
    assert parse_input(wide, ["12 345 678 901 234 567"]) == 12345678901234567
    assert parse_input(f(FieldKind.NUMBER), ["12,0"]) == 12 and isinstance(parse_input(f(FieldKind.NUMBER), ["12,0"]), int)


@pytest.mark.parametrize("kind", [FieldKind.NUMBER, FieldKind.DECIMAL])
def test_numbers_without_limits_get_the_default_bound(kind: FieldKind) -> None:
    assert parse_input(f(kind), [str(DEFAULT_NUMBER_BOUND)]) == DEFAULT_NUMBER_BOUND
    assert "ne daugiau kaip 1 000 000 000 000" in refused(f(kind), str(DEFAULT_NUMBER_BOUND + 1))
    assert "ne mažiau kaip -1 000 000 000 000" in refused(f(kind), f"-{DEFAULT_NUMBER_BOUND + 1}")


@pytest.mark.parametrize("decimals, typed, expected", [
    (None, "1 250,50", 1250.5), (None, "1250,500", 1250.5), (None, "0,05", 0.05), (2, "-3,25", -3.25),
    (1, "7,5", 7.5), (0, "7", 7.0), (None, "-0", 0.0),
])
def test_decimal_within_declared_places(decimals, typed: str, expected: float) -> None:
    value = parse_input(f(FieldKind.DECIMAL, decimals=decimals), [typed])
    assert value == expected and isinstance(value, float) and json.dumps(value) == json.dumps(expected)


@pytest.mark.parametrize("decimals, typed, message", [
    (None, "1,255", "po kablelio – ne daugiau kaip 2 skaitmenys"),
    (2, "0,001", "po kablelio – ne daugiau kaip 2 skaitmenys"),
    (1, "7,55", "po kablelio – ne daugiau kaip vienas skaitmuo"),
    (0, "7,5", "sveikąjį skaičių"),
])
def test_decimal_with_more_places_than_declared_is_refused_not_rounded(decimals, typed: str, message: str) -> None:
    assert message in refused(f(FieldKind.DECIMAL, decimals=decimals), typed)


@pytest.mark.parametrize("kind, value, message", [
    (FieldKind.DECIMAL, math.inf, "čia turi būti skaičius"),
    (FieldKind.DECIMAL, -math.inf, "čia turi būti skaičius"),
    (FieldKind.DECIMAL, math.nan, "čia turi būti skaičius"),
    (FieldKind.DECIMAL, True, "čia turi būti skaičius"),
    (FieldKind.NUMBER, False, "čia turi būti skaičius"),
    (FieldKind.DECIMAL, "12", "čia turi būti skaičius"),
    (FieldKind.DECIMAL, 1e20, "ne daugiau kaip 1 000 000 000 000"),
    (FieldKind.NUMBER, 10**400, "ne daugiau kaip 1 000 000 000 000"),
    (FieldKind.NUMBER, -(10**400), "ne mažiau kaip -1 000 000 000 000"),
    (FieldKind.DECIMAL, 0.1 + 0.2, "po kablelio"),
    (FieldKind.NUMBER, 12.0, "sveikąjį"),
    (FieldKind.YEAR, 2025.5, "sveikąjį"),
    (FieldKind.YEAR, 20251, "keturženklius"),
])
def test_stored_values_get_the_same_check(kind: FieldKind, value, message: str) -> None:
    """What an import or a script stores goes through validate_value (save_cell calls it)."""
    problem = validate_value(f(kind), value)
    assert problem is not None and message in problem.lt


@pytest.mark.parametrize("kind, value", [(FieldKind.DECIMAL, 1250.5), (FieldKind.DECIMAL, 7), (FieldKind.NUMBER, 0),
                                         (FieldKind.YEAR, 2025), (FieldKind.DECIMAL, -0.05)])
def test_stored_values_within_limits_pass(kind: FieldKind, value) -> None:
    assert validate_value(f(kind), value) is None


def test_non_finite_never_becomes_json() -> None:
    with pytest.raises(ValueError):
        encode(math.inf)
    with pytest.raises(ValueError):
        encode({"x": math.nan})


@pytest.mark.parametrize("value", [1e20, 12345678901234567, 1250.5, 0.1, -0.5, 1500])
def test_any_stored_number_is_shown_plainly(value) -> None:
    for text in (format_number(value), format_decimal_2(value), format_money(value).removesuffix(" Eur"),
                 format_number(value, places=2)):
        assert "e" not in text.lower() and "∞" not in text and "inf" not in text and text


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, True, "x"])
def test_non_numbers_are_shown_as_nothing_not_infinity(value) -> None:
    assert format_number(value) == format_decimal_2(value) == format_money(value) == ""


def test_decimal_shows_declared_places_in_lithuanian() -> None:
    budget = f(FieldKind.DECIMAL, decimals=2)
    shown = lambda v: display_value(None, PlanData(), budget, v, "lt").replace("\u00a0", " ")  # noqa: E731
    assert shown(1250.5) == "1 250,50" and shown(1500) == "1 500" and shown(1e12) == "1 000 000 000 000"
    assert display_value(None, PlanData(), f(FieldKind.NUMBER), 12345678901234567, "lt").replace("\u00a0", " ") \
        == "12 345 678 901 234 567"


@pytest.mark.parametrize("kind, value, text", [
    (FieldKind.DECIMAL, 1e20, "100000000000000000000"), (FieldKind.DECIMAL, 1250.5, "1250,5"),
    (FieldKind.DECIMAL, math.inf, ""), (FieldKind.NUMBER, 12345678901234567, "12345678901234567"),
    (FieldKind.YEAR, 2025, "2025"),
])
def test_input_shows_stored_number_for_editing_without_exponent(kind, value, text: str) -> None:
    assert input_text(f(kind), value) == text


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(kind=st.sampled_from(NUMERIC),
       typed=st.one_of(st.text(max_size=60), st.integers().map(str),
                       st.decimals(allow_nan=True, allow_infinity=True).map(str),
                       st.floats().map(repr), st.integers(min_value=10**20, max_value=10**400).map(str)))
def test_typed_number_is_refused_or_stored_finite_and_valid(kind: FieldKind, typed: str) -> None:
    """Whatever is typed: a FieldError, or a value that is finite, within the bound, valid when
    stored, and reads back as the same number after the JSON round trip."""
    try:
        value = parse_input(f(kind), [typed])
    except FieldError:
        return
    if value is None:
        return
    assert math.isfinite(value) and abs(value) <= DEFAULT_NUMBER_BOUND
    assert validate_value(f(kind), value) is None
    assert json.loads(encode(value)) == value
    if kind is FieldKind.DECIMAL:
        assert Decimal(repr(value)) == Decimal(repr(float(Decimal(repr(value)))))
