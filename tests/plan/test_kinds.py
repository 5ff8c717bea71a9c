"""Field kinds: each has all its parts; typed input is read the Lithuanian way or refused
with a message that names the field and the limit."""
from pathlib import Path

import pytest

from app.plan.content import Field, FieldKind, Option, Text
from app.plan.kinds import VALIDATORS, FieldError, decode, encode, parse_input
from app.web.views import WIDGETS

TEMPLATES = Path(__file__).resolve().parents[2] / "app" / "templates"


@pytest.mark.parametrize("kind", list(FieldKind))
def test_every_kind_has_widget_validator_and_codec(kind: FieldKind) -> None:
    assert kind in VALIDATORS
    assert (TEMPLATES / WIDGETS[kind]).is_file()
    from app.documents.registry import RENDERERS

    assert kind in RENDERERS


def f(kind: FieldKind, **kw) -> Field:
    return Field(key="x", kind=kind, label=Text("Biudžetas", "Budget"), **kw)


@pytest.mark.parametrize("typed, expected", [
    ("1 250,50", 1250.5), ("1250.50", 1250.5), ("1\u00a0250,5", 1250.5), ("1.250,50", 1250.5),
    ("1,250.50", 1250.5), ("0", 0.0), ("  7 ", 7.0),
])
def test_decimal_read_lithuanian_and_english_way(typed: str, expected: float) -> None:
    assert parse_input(f(FieldKind.DECIMAL), [typed]) == expected


def test_number_refuses_fraction_and_words_with_field_name() -> None:
    with pytest.raises(FieldError) as err:
        parse_input(f(FieldKind.NUMBER), ["12,5"])
    assert "„Biudžetas“" in err.value.message.lt and "sveikąjį" in err.value.message.lt
    with pytest.raises(FieldError, match="įrašykite skaičių"):
        parse_input(f(FieldKind.NUMBER), ["daug"])


def test_number_out_of_range_names_the_limit() -> None:
    with pytest.raises(FieldError) as err:
        parse_input(f(FieldKind.NUMBER, min_value=0, max_value=10000), ["10 001"])
    assert "nuo 0 iki 10 000" in err.value.message.lt


def test_text_over_limit_names_limit_and_length() -> None:
    with pytest.raises(FieldError) as err:
        parse_input(f(FieldKind.SHORT, max_len=150), ["ą" * 151])
    assert "ne daugiau kaip 150 simbolių (dabar 151)" in err.value.message.lt


def test_text_is_stored_exactly() -> None:
    text = "Žąsų ūkis 🦢 „citata“ <script>alert(1)</script> שלום"
    assert parse_input(f(FieldKind.LONG), [text]) == text


def test_text_refuses_control_characters_but_keeps_word_line_breaks() -> None:
    assert parse_input(f(FieldKind.LONG), ["a\x0bb\r\nc"]) == "a\nb\nc"
    with pytest.raises(FieldError, match="valdymo simbolių"):
        parse_input(f(FieldKind.LONG), ["a\x00b"])


def test_hundred_thousand_characters_refused_without_limit_declared() -> None:
    with pytest.raises(FieldError, match="ne daugiau kaip 20000"):
        parse_input(f(FieldKind.LONG), ["x" * 100_000])


@pytest.mark.parametrize("typed, expected", [
    ("2025-06-30", "2025-06-30"), ("2025.06.30", "2025-06-30"), ("30.06.2025", "2025-06-30"),
])
def test_date_formats(typed: str, expected: str) -> None:
    assert parse_input(f(FieldKind.DATE), [typed]) == expected


def test_invalid_date_refused() -> None:
    with pytest.raises(FieldError, match="tokios datos nėra"):
        parse_input(f(FieldKind.DATE), ["2025-02-30"])


def test_choice_with_other_and_unknown_option() -> None:
    field = f(FieldKind.CHOICE, options=(Option("a", Text("A")),), allow_other=True)
    assert parse_input(field, ["a"]) == "a"
    assert parse_input(field, ["other"], "Mūsų") == {"selected": "other", "other": "Mūsų"}
    with pytest.raises(FieldError):
        parse_input(field, ["zzz"])


def test_multichoice_and_bool_and_ref() -> None:
    field = f(FieldKind.MULTICHOICE, options=(Option("a", Text("A")), Option("b", Text("B"))))
    assert parse_input(field, ["a", "b", "a"]) == {"selected": ["a", "b"], "other": ""}
    assert parse_input(field, []) is None
    assert parse_input(f(FieldKind.BOOL), ["0", "1"]) is True
    assert parse_input(f(FieldKind.BOOL), ["0"]) is False
    assert parse_input(f(FieldKind.REF, ref_table="t", ref_multiple=True), ["r1", "r2"]) == ["r1", "r2"]


@pytest.mark.parametrize("value", ["tekstas", 12, 1250.5, True, {"selected": ["a"], "other": "x"}, ["r1"], None])
def test_json_codec_round_trips(value) -> None:
    assert decode(encode(value)) == value


@pytest.mark.parametrize("kind", [FieldKind.SHORT, FieldKind.LONG])
@pytest.mark.parametrize("bad", ["\x80", "a\x85b", "\x9f", "\x00", "\x1b[31m"])
def test_text_refuses_c0_and_c1_control_characters_alike(kind: FieldKind, bad: str) -> None:
    with pytest.raises(FieldError, match="nematomų valdymo simbolių"):
        parse_input(f(kind), [bad])


@pytest.mark.parametrize("kind", [FieldKind.SHORT, FieldKind.LONG])
def test_text_with_replacement_character_says_it_could_not_be_read(kind: FieldKind) -> None:
    with pytest.raises(FieldError, match="nepavyko perskaityti"):
        parse_input(f(kind), ["Gr\ufffdžina"])


def test_other_text_of_a_choice_gets_the_same_text_check() -> None:
    field = f(FieldKind.CHOICE, options=(Option("a", Text("A")),), allow_other=True)
    with pytest.raises(FieldError, match="valdymo simbolių"):
        parse_input(field, ["other"], "Mū\x85sų")


@pytest.mark.parametrize("value", ["\x00", "", "a/b", "x" * 41, ["r1", "r1"], [], ["r1", 5], 7])
def test_ref_shape_is_a_short_row_id(value) -> None:
    from app.plan.kinds import validate_value

    multiple = f(FieldKind.REF, ref_table="t", ref_multiple=True)
    single = f(FieldKind.REF, ref_table="t")
    assert validate_value(multiple if isinstance(value, list) else single, value) is not None
    assert validate_value(single, ["r1"]) is not None and validate_value(multiple, "r1") is not None
    assert validate_value(single, "r1") is None and validate_value(multiple, ["r1", "needs-x_2"]) is None
