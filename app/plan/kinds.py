"""Field kinds: reading what a person typed, checking it, and the JSON codec.

Each kind of the closed set has a parser (form text → value), a validator (value → message or
None), a JSON codec, and, elsewhere, a widget partial (``templates/wizard/kinds/_<kind>.html``)
and a DOCX renderer (``documents/``). ``tests/plan/test_kinds.py`` fails when one is missing.

Stored values: text → str; number, year → int; decimal → float (exact to its declared places,
see ``numbers.py``); date → "YYYY-MM-DD"; bool →
bool; choice → slug, or {"selected": "other", "other": text}; multichoice →
{"selected": [slugs], "other": text}; ref → row id, or a list of row ids; list/table → rows.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Callable

from app.plan.content import OTHER, Field, FieldKind, Text
from app.plan.errors import FieldError
from app.plan.numbers import check_number, field_message, parse_number

__all__ = ["FieldError", "VALIDATORS", "clean_text", "decode", "encode", "is_row_id", "parse_date",
           "parse_input", "parse_number", "text_problem", "validate_value"]

# Limits for text fields that declare none: nobody's paste of a whole book breaks a page.
DEFAULT_MAX = {FieldKind.SHORT: 1000, FieldKind.LONG: 20000}
# C0 and C1 controls (U+0080–U+009F arrive from mis-decoded Windows-1257 pastes), DEL,
# non-characters and lone surrogates; tab, line feed and carriage return are text.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# U+FFFD is what invalid UTF-8 became on the way here: the person's real letters are lost
_UNREADABLE = "\ufffd"
# Row ids (and so ref values): new rows get 8 hex digits, fixed rows "<table>-<id>".
_ROW_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")


def is_row_id(value: object) -> bool:
    """Could this be a row id? (Short, ``[A-Za-z0-9_-]``: never a NUL or a path.)"""
    return isinstance(value, str) and _ROW_ID.fullmatch(value) is not None


def _err(field: Field, lt: str, en: str) -> FieldError:
    return FieldError(field_message(field, lt, en))


def text_problem(label: Text, value: str, limit: int) -> Text | None:
    """What is wrong with a text (control characters, unreadable characters, over the limit),
    worded with its label; shared by text fields, "other" answers and a gate reason."""
    msg = label.labelled
    if _CONTROL.search(value):
        return msg("tekste yra nematomų valdymo simbolių; ištrinkite juos ir įrašykite dar kartą.",
                   "the text holds invisible control characters; remove them.")
    if _UNREADABLE in value:
        return msg("tekste yra simbolių, kurių nepavyko perskaityti (�); ištrinkite juos ir įrašykite dar kartą.",
                   "the text holds characters that could not be read (�); remove them.")
    if len(value) > limit:
        return msg(f"ne daugiau kaip {limit} simbolių (dabar {len(value)}).",
                   f"at most {limit} characters (now {len(value)}).")
    return None


def clean_text(raw: str) -> str:
    """Line breaks as "\\n" (Word's manual break \\x0b too); other invisible control
    characters, which a PDF or Word paste can carry, are refused by the validator."""
    return raw.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")


def parse_date(raw: str, field: Field) -> str:
    text = raw.strip()
    m = re.fullmatch(r"(\d{4})\s*[-./ ]\s*(\d{1,2})\s*[-./ ]\s*(\d{1,2})\.?", text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", text)
        if not m:
            raise _err(field, "įrašykite datą taip: 2025-06-30.", "enter a date as 2025-06-30.")
        d, mo, y = (int(g) for g in m.groups())
    try:
        value = dt.date(y, mo, d)
    except ValueError:
        raise _err(field, f"tokios datos nėra ({text}).", f"there is no such date ({text}).") from None
    if not 1900 <= value.year <= 2200:
        raise _err(field, "metai turi būti tarp 1900 ir 2200.", "the year must be 1900–2200.")
    return value.isoformat()


def _parse_choice(field: Field, values: list[str], other: str) -> Any:
    value = values[-1] if values else ""
    if value == "":
        return None
    if value == OTHER and field.allow_other:
        return {"selected": OTHER, "other": clean_text(other).strip()}
    if field.options and value not in {o.value for o in field.options}:
        raise _err(field, "pasirinkite vieną iš siūlomų atsakymų.", "pick one of the options.")
    return value


def _parse_multichoice(field: Field, values: list[str], other: str) -> Any:
    known = {o.value for o in field.options}
    selected = [v for v in dict.fromkeys(values) if v]
    if field.options and any(v not in known and not (v == OTHER and field.allow_other) for v in selected):
        raise _err(field, "pasirinkite iš siūlomų atsakymų.", "pick from the options.")
    other_text = clean_text(other).strip() if OTHER in selected else ""
    if not selected:
        return None
    return {"selected": selected, "other": other_text}


def parse_input(field: Field, values: list[str], other: str = "") -> Any:
    """Turn what a form sent for one field or cell into a stored value (None = empty).

    Raises FieldError with a Lithuanian message; the caller keeps the typed text on screen.
    """
    kind = field.kind
    if kind is FieldKind.MULTICHOICE:
        value = _parse_multichoice(field, values, other)
    elif kind is FieldKind.CHOICE:
        value = _parse_choice(field, values, other)
    elif kind is FieldKind.BOOL:
        value = bool(values) and values[-1] in ("1", "on", "true", "taip")
    elif kind is FieldKind.REF:
        chosen = [v for v in dict.fromkeys(values) if v]
        value = (chosen or None) if field.ref_multiple else (chosen[-1] if chosen else None)
    elif kind is FieldKind.COMPUTED:
        raise _err(field, "šis laukas skaičiuojamas automatiškai.", "this field is computed.")
    else:
        raw = clean_text(values[-1] if values else "")
        if raw.strip() == "":
            return None
        if kind in (FieldKind.SHORT, FieldKind.LONG):
            # one line: a line break pasted into a short answer becomes a space
            value = raw if kind is FieldKind.LONG else re.sub(r"\s*\n\s*", " ", raw).strip()
        elif kind in (FieldKind.NUMBER, FieldKind.YEAR):
            value = parse_number(raw, field, integer=True)
        elif kind is FieldKind.DECIMAL:
            value = parse_number(raw, field, integer=False)
        elif kind is FieldKind.DATE:
            value = parse_date(raw, field)
        else:  # list and table are rows, never one cell
            raise _err(field, "šio lauko negalima įrašyti vienu kartu.", "cannot be set at once.")
    message = validate_value(field, value)
    if message:
        raise FieldError(message)
    return value


def _text_len(field: Field, value: Any) -> Text | None:
    if not isinstance(value, str):
        return field.label.labelled("čia turi būti tekstas.", "text expected.")
    problem = text_problem(field.label, value, field.max_len or DEFAULT_MAX.get(field.kind, 1000))
    if problem:
        return problem
    if field.pattern and not re.fullmatch(field.pattern, value):
        msg = field.pattern_message or Text("netinkamas formatas.", "wrong format.")
        return field.label.labelled(msg.lt, msg.get("en"))
    return None


def _validate_choice(field: Field, value: Any) -> Text | None:
    known = {o.value for o in field.options}
    if isinstance(value, dict) and field.allow_other and value.get("selected") == OTHER:
        return _text_len(field, value.get("other") or "")
    if isinstance(value, str) and (value in known or not field.options and is_row_id(value)):
        return None  # options_from (LAGs): an id-shaped value; the list itself is data
    return _err(field, "tokio atsakymo nėra.", "no such option.").message


def _validate_multichoice(field: Field, value: Any) -> Text | None:
    if not isinstance(value, dict) or not isinstance(value.get("selected"), list):
        return _err(field, "netinkama reikšmė.", "invalid value.").message
    known = {o.value for o in field.options} | ({OTHER} if field.allow_other else set())
    if not all(is_row_id(v) for v in value["selected"]) or \
            field.options and any(v not in known for v in value["selected"]):
        return _err(field, "tokio atsakymo nėra.", "no such option.").message
    if field.max_items and len(value["selected"]) > field.max_items:
        return _err(field, f"pasirinkite ne daugiau kaip {field.max_items}.",
                    f"pick at most {field.max_items}.").message
    return _text_len(field, value.get("other") or "")


def _validate_ref(field: Field, value: Any) -> Text | None:
    """The shape only: one row id (a list of distinct ids for ``multiple``). Whether the rows
    exist in this plan is checked where the plan is at hand (``refs.py``, inside the save)."""
    ids = value if isinstance(value, list) else [value]
    if isinstance(value, list) != field.ref_multiple or not ids or len(set(ids)) != len(ids) \
            or not all(is_row_id(v) for v in ids):
        return _err(field, "netinkama nuoroda; pasirinkite iš sąrašo.", "invalid reference; pick from the list.").message
    if field.ref_multiple and field.max_items and len(ids) > field.max_items:
        return _err(field, f"pasirinkite ne daugiau kaip {field.max_items}.",
                    f"pick at most {field.max_items}.").message
    return None


def _validate_date(field: Field, value: Any) -> Text | None:
    try:
        parse_date(str(value), field)
    except FieldError as exc:
        return exc.message
    return None


VALIDATORS: dict[FieldKind, Callable[[Field, Any], Text | None]] = {
    FieldKind.SHORT: _text_len,
    FieldKind.LONG: _text_len,
    FieldKind.NUMBER: check_number,
    FieldKind.DECIMAL: check_number,
    FieldKind.YEAR: check_number,
    FieldKind.DATE: _validate_date,
    FieldKind.BOOL: lambda f, v: None if isinstance(v, bool) else _err(f, "taip arba ne.", "yes or no.").message,
    FieldKind.CHOICE: _validate_choice,
    FieldKind.MULTICHOICE: _validate_multichoice,
    FieldKind.REF: _validate_ref,
    FieldKind.LIST: lambda f, v: None,  # rows: checked per cell
    FieldKind.TABLE: lambda f, v: None,
    FieldKind.COMPUTED: lambda f, v: None,
}


def validate_value(field: Field, value: Any) -> Text | None:
    """The message for a value this field cannot hold (None = fine, or empty)."""
    if value is None:
        return None
    return VALIDATORS[field.kind](field, value)


def encode(value: Any) -> str | None:
    """JSON codec, shared by every kind: cells store JSON text; None stays SQL NULL.
    ``allow_nan=False``: "Infinity" and "NaN" are not JSON and never reach the database."""
    return None if value is None else json.dumps(value, ensure_ascii=False, allow_nan=False)


def decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)
