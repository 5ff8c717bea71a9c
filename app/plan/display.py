"""Answers as readable text, one function per kind: what the preview, the plan check, the
conflict notice and the DOCX show. Lithuanian formats by default."""
from __future__ import annotations

from typing import Any, Callable

from app.plan.content import DEFAULT_DECIMALS, OTHER, Field, FieldKind, Template
from app.plan.data import PlanData, RowData
from app.plan.formatting import NBSP, format_date, format_decimal_2, format_number

#: A decimal field whose key ends so is an amount of euros (``budget_eur``): written as money
#: is, with all its declared places ("0,00", "1 250,50"), wherever it is shown or edited.
#: Other decimals show their places only when they have a fraction ("1,80", "60").
MONEY_SUFFIX = "_eur"

YES_NO = {"lt": ("Taip", "Ne"), "en": ("Yes", "No")}
OTHER_LABEL = {"lt": "Kita", "en": "Other"}


def _choice(field: Field, value: Any, lang: str) -> str:
    if isinstance(value, dict):
        other = (value.get("other") or "").strip()
        return f"{OTHER_LABEL.get(lang, 'Kita')}: {other}" if other else OTHER_LABEL.get(lang, "Kita")
    return field.option_label(str(value), lang)


def _multichoice(field: Field, value: Any, lang: str) -> str:
    if not isinstance(value, dict):
        return ""
    parts = []
    for v in value.get("selected") or []:
        if v == OTHER:
            parts.append(_choice(field, {"selected": OTHER, "other": value.get("other")}, lang))
        else:
            parts.append(field.option_label(v, lang))
    return "; ".join(parts)


def row_title(template: Template, data: PlanData, table_key: str, row: RowData, lang: str) -> str:
    """How a row is named where another field refers to it: "1.2 Įrengti aikštelę"."""
    from app.plan.computed import compute

    table = template.fields[table_key]
    if row.fixed:
        for fixed in table.fixed_rows:
            if fixed.id == row.fixed:
                return fixed.label.get(lang)
    label = row.get(table.row_label) if table.row_label else None
    text = str(label) if label not in (None, "") else "—"
    code_col = next((c for c in table.columns if c.kind is FieldKind.COMPUTED and c.key == "code"), None)
    if code_col:
        code = compute(code_col.compute, data, template, table_key, row)
        if code:
            return f"{code} {text}"
    return text


def ref_choices(template: Template, data: PlanData, field: Field, lang: str) -> list[tuple[str, str]]:
    """(row id, title) of the rows a ref may point to (only picked rows where so declared)."""
    rows = data.rows(field.ref_table or "")
    if field.ref_only_selected:
        picked = data.value(field.ref_only_selected) or []
        picked = picked if isinstance(picked, list) else [picked]
        rows = [r for r in rows if r.id in picked]
    return [(r.id, row_title(template, data, field.ref_table or "", r, lang)) for r in rows]


def _ref(template: Template, data: PlanData, field: Field, value: Any, lang: str) -> str:
    ids = value if isinstance(value, list) else [value]
    rows = {r.id: r for r in data.rows(field.ref_table or "")}
    titles = [row_title(template, data, field.ref_table or "", rows[i], lang) for i in ids if i in rows]
    return "; ".join(titles)


def is_money(field: Field) -> bool:
    """True for a decimal field that holds euros."""
    return field.kind is FieldKind.DECIMAL and field.key.endswith(MONEY_SUFFIX)


def _places(field: Field) -> int:
    return DEFAULT_DECIMALS if field.decimals is None else field.decimals


def _decimal(field: Field, value: Any, lang: str) -> str:
    return format_number(value, lang, _places(field), fixed=is_money(field))


def input_number(field: Field, value: Any) -> str | None:
    """A stored amount as the text its input shows, the same as the tables show it with plain
    spaces ("1 250,50", "0,00"): the number parser reads it back to the same value, so saving
    the page unchanged changes nothing. None for any other field (its input shows it plainly)."""
    if not is_money(field):
        return None
    return _decimal(field, value, "lt").replace(NBSP, " ")


FORMATTERS: dict[FieldKind, Callable[[Field, Any, str], str]] = {
    FieldKind.SHORT: lambda f, v, lang: str(v),
    FieldKind.LONG: lambda f, v, lang: str(v),
    FieldKind.NUMBER: lambda f, v, lang: format_number(v, lang),
    # a decimal shows its declared places when it has a fraction ("1,80", "60"); money always
    FieldKind.DECIMAL: _decimal,
    FieldKind.YEAR: lambda f, v, lang: str(v) if isinstance(v, int) and not isinstance(v, bool) else format_number(v, lang),
    FieldKind.DATE: lambda f, v, lang: format_date(v, lang),
    FieldKind.BOOL: lambda f, v, lang: YES_NO.get(lang, YES_NO["lt"])[0 if v else 1],
    FieldKind.CHOICE: _choice,
    FieldKind.MULTICHOICE: _multichoice,
    FieldKind.LIST: lambda f, v, lang: "",
    FieldKind.TABLE: lambda f, v, lang: "",
    FieldKind.REF: lambda f, v, lang: "",
    FieldKind.COMPUTED: lambda f, v, lang: "" if v is None else str(v),
}


def display_value(template: Template, data: PlanData, field: Field, value: Any, lang: str) -> str:
    """One answer as text; empty string when there is no answer."""
    if value is None or value == "":
        return ""
    if field.kind is FieldKind.REF:
        return _ref(template, data, field, value, lang)
    if field.kind is FieldKind.COMPUTED and isinstance(value, float):
        return format_decimal_2(value, lang)
    return FORMATTERS[field.kind](field, value, lang)


def cell_text(template: Template, data: PlanData, table: Field, column: Field, row: RowData,
              lang: str) -> str:
    """The text of one table cell, computed columns included."""
    if column.kind is FieldKind.COMPUTED:
        from app.plan.computed import compute, QUADRANT_LABELS

        value = compute(column.compute or "", data, template, table.key, row)
        if column.compute == "quadrant" and value in QUADRANT_LABELS:
            return QUADRANT_LABELS[value].get(lang)
        return display_value(template, data, column, value, lang)
    return display_value(template, data, column, row.get(column.key), lang)


def field_text(template: Template, data: PlanData, field: Field, lang: str) -> str:
    """The text of a top-level non-table field, computed fields included."""
    if field.kind is FieldKind.COMPUTED:
        from app.plan.computed import compute

        return display_value(template, data, field, compute(field.compute or "", data, template, None, None), lang)
    return display_value(template, data, field, data.value(field.key), lang)
