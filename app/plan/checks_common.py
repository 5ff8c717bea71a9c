"""Message helpers every soft (W) check shares: a warning finding, numbers and dates in the
person's language, field labels and row names."""
from __future__ import annotations

from typing import Any, Callable

from app.plan.computed import as_date, ref_ids, selected
from app.plan.content import FieldKind, Template, Text
from app.plan.data import PlanData, RowData, is_empty
from app.plan.findings import Finding, Severity
from app.plan.formatting import format_date, format_decimal_2

Check = Callable[[PlanData, Template], list[Finding]]

#: ``who_can_solve`` values that make a need an advocacy candidate (spec 1.13, link 1).
ADVOCACY_SOLVERS = frozenset({"municipality", "state"})


# ---------------------------------------------------------------- shared helpers

def warn(field: str, path: str, lt: str, en: str) -> Finding:
    """A W finding; ``field`` is where the wizard links to, ``path`` the exact place."""
    return Finding(field=field, path=path, message=Text(lt, en), severity=Severity.WARNING)


def num(value: Any, lang: str) -> str:
    """A number the way the language writes it: "12,5" in Lithuanian, "12.5" in English."""
    return format_decimal_2(value, lang)


def day(value: Any, lang: str) -> str:
    date = as_date(value)
    return format_date(date, lang) if date else str(value)


def label(template: Template, key: str, column: str | None = None, lang: str = "lt") -> str:
    """A field's or column's label; the key itself if the template does not declare it."""
    field = template.fields.get(key)
    if field is None:
        return column or key
    if column is None:
        return field.label.get(lang)
    try:
        return field.column(column).label.get(lang)
    except KeyError:
        return column


def _cell_text(plan: PlanData, template: Template, key: str, column: str, value: Any,
               lang: str, depth: int) -> str:
    field = template.fields.get(key)
    col = next((c for c in field.columns if c.key == column), None) if field else None
    if col is None or is_empty(value):
        return "" if is_empty(value) else str(value)
    if col.kind in (FieldKind.CHOICE, FieldKind.MULTICHOICE):
        other = value.get("other", "") if isinstance(value, dict) else ""
        return ", ".join(other if s == "other" and other else col.option_label(s, lang)
                         for s in selected(value))
    if col.kind is FieldKind.REF and col.ref_table and depth < 2:
        names = []
        for row_id in ref_ids(value):
            target = plan.row(col.ref_table, row_id)
            if target is not None:
                names.append(row_name(plan, template, col.ref_table, target, lang, depth + 1))
        return ", ".join(names)
    return str(value)


def row_name(plan: PlanData, template: Template, key: str, row: RowData, lang: str = "lt",
             depth: int = 0) -> str:
    """What a person calls this row: its fixed label, its row-label cell, or "3 eilutė"."""
    field = template.fields.get(key)
    if field is not None and row.fixed:
        for fixed in field.fixed_rows:
            if fixed.id == row.fixed:
                return fixed.label.get(lang)
    if field is not None and field.row_label:
        text = _cell_text(plan, template, key, field.row_label, row.get(field.row_label), lang, depth)
        if text.strip():
            return text.strip()
    index = next((i for i, r in enumerate(plan.rows(key), 1) if r.id == row.id), 0)
    return f"{index} eilutė" if lang == "lt" else f"row {index}"


def names(plan: PlanData, template: Template, key: str, row: RowData) -> tuple[str, str]:
    """The row's name in Lithuanian and English, for the two halves of a message."""
    return row_name(plan, template, key, row, "lt"), row_name(plan, template, key, row, "en")


def filled_rows(plan: PlanData, key: str, column: str) -> list[RowData]:
    """Rows whose naming cell is filled: a half-typed empty row should not raise warnings."""
    return [r for r in plan.rows(key) if not is_empty(r.get(column))]

def lt_count(n: int, one: str, few: str, many: str) -> str:
    """Lithuanian noun form after a number: 1 punktas, 2 punktai, 10 punktų."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 9 and not 12 <= n % 100 <= 19:
        return few
    return many


__all__ = ["ADVOCACY_SOLVERS", "Check", "day", "filled_rows", "label", "lt_count", "names", "num", "row_name", "warn"]
