"""Answers × content model → findings: what is missing (R, R1), what is wrong, what to check (W).

R blocks only the final plan, R1 only leaving a session (and can be overridden with a reason),
W never blocks. A field hidden by ``visible_if`` is never required.
"""
from __future__ import annotations

from typing import Any, Iterable

from app.plan.content import Field, FieldKind, Template, Text
from app.plan.data import PlanData, RowData, is_empty
from app.plan.findings import Finding, Severity
from app.plan.kinds import validate_value


def is_visible(item: Field, data: PlanData) -> bool:
    """A field or column shows when its ``visible_if`` field holds one of the listed values."""
    cond = item.visible_if
    if cond is None:
        return True
    value = data.value(cond.field)
    if isinstance(value, dict):
        value = value.get("selected")
    values = value if isinstance(value, list) else [value]
    return any(str(v) in cond.values for v in values if v is not None)


def _missing(field: Field, path: str, lt: str, en: str, gate: int | None = None) -> Finding:
    return Finding(field.key, path, Text(lt, en), Severity.MISSING, gate)


def _row_name(field: Field, row: RowData, index: int, lang: str = "lt") -> str:
    if row.fixed:
        for fixed in field.fixed_rows:
            if fixed.id == row.fixed:
                return fixed.label.get(lang)
    label = row.get(field.row_label) if field.row_label else None
    return f"{index}. {label}" if isinstance(label, str) and label.strip() else f"{index} eilutė"


def field_missing(field: Field, data: PlanData, columns: Iterable[str] | None = None,
                  gate: int | None = None) -> list[Finding]:
    """What keeps one required field from counting as filled (empty list = filled)."""
    label = field.label
    if not is_visible(field, data):
        return []
    if not field.is_rows:
        value = data.value(field.key)
        if field.kind is FieldKind.COMPUTED:
            return []
        if is_empty(value):
            return [_missing(field, field.key, f"Neužpildyta: „{label.lt}“.",
                             f"Missing: “{label.get('en')}”.", gate)]
        if field.min_len and isinstance(value, str) and len(value.strip()) < field.min_len:
            return [_missing(field, field.key,
                             f"„{label.lt}“: per trumpai – bent {field.min_len} simbolių (dabar {len(value.strip())}).",
                             f"“{label.get('en')}”: too short – at least {field.min_len} characters "
                             f"(now {len(value.strip())}).", gate)]
        count = len(value) if isinstance(value, list) else len((value or {}).get("selected", [])) \
            if isinstance(value, dict) else 1
        if field.min_items and count < field.min_items:
            return [_missing(field, field.key,
                             f"„{label.lt}“: pasirinkite bent {field.min_items} (dabar {count}).",
                             f"“{label.get('en')}”: pick at least {field.min_items} (now {count}).", gate)]
        return []
    rows = data.rows(field.key)
    found: list[Finding] = []
    need = field.min_rows or 1
    if field.fixed_rows and not rows and any(c.required for c in field.columns):
        found.append(_missing(field, field.key, f"Neužpildyta: „{label.lt}“.",
                              f"Missing: “{label.get('en')}”.", gate))
    if not field.fixed_rows and len(rows) < need:
        unit_lt, unit_en = ("punkt.", "items") if field.kind is FieldKind.LIST else ("eil.", "rows")
        found.append(_missing(field, field.key,
                              f"„{label.lt}“: reikia bent {need} {unit_lt} (dabar {len(rows)}).",
                              f"“{label.get('en')}”: at least {need} {unit_en} needed (now {len(rows)}).", gate))
    wanted = set(columns) if columns is not None else None
    for index, row in enumerate(rows, start=1):
        for col in field.columns:
            if not col.required or col.kind is FieldKind.COMPUTED:
                continue
            if wanted is not None and col.key not in wanted:
                continue
            if not is_visible(col, data) or not is_empty(row.get(col.key)):
                continue
            name = _row_name(field, row, index)
            found.append(_missing(field, f"{field.key}/{row.id}/{col.key}",
                                  f"„{label.lt}“, {name}: neužpildyta „{col.label.lt}“.",
                                  f"“{label.get('en')}”, {name}: “{col.label.get('en')}” is missing.",
                                  gate))
    return found


def invalid_values(template: Template, data: PlanData) -> list[Finding]:
    """Stored values a field cannot hold (only reachable through an import or a YAML change)."""
    found = []

    def check(field: Field, path: str, value: Any) -> None:
        message = validate_value(field, value)
        if message:
            found.append(Finding(field.key if "/" not in path else path.split("/")[0], path,
                                 message, Severity.ERROR))

    for field in template.fields.values():
        if field.is_rows:
            for row in data.rows(field.key):
                for col in field.columns:
                    if row.get(col.key) is not None:
                        check(col, f"{field.key}/{row.id}/{col.key}", row.get(col.key))
        elif data.value(field.key) is not None:
            check(field, field.key, data.value(field.key))
    return found


def required_findings(template: Template, data: PlanData, keys: Iterable[str] | None = None) -> list[Finding]:
    """Missing R answers, over the whole plan or the given field keys."""
    keys = template.fields.keys() if keys is None else keys
    found: list[Finding] = []
    for key in keys:
        field = template.fields[key]
        if field.required:
            found.extend(field_missing(field, data))
    return found


def session_columns(template: Template, session: int) -> dict[str, set[str] | None]:
    """For each field shown in a session, the columns shown there (None = all)."""
    shown: dict[str, set[str] | None] = {}
    for step in template.session(session).steps:
        for sf in step.fields:
            if sf.columns is None:
                shown[sf.key] = None
            elif shown.get(sf.key, set()) is not None:
                shown[sf.key] = set(shown.get(sf.key) or set()) | set(sf.columns)
    return shown


def gate_findings(template: Template, data: PlanData, session: int) -> list[Finding]:
    """R1: what must be there before the team leaves this session, checked on the columns the
    session's own steps show (session 1 asks only for need titles and domains)."""
    shown = session_columns(template, session)
    found: list[Finding] = []
    for field in template.fields.values():
        if field.gate_session != session:
            continue
        found.extend(field_missing(field, data, shown.get(field.key), gate=session))
    return found


def plan_findings(template: Template, data: PlanData) -> list[Finding]:
    """Everything the plan check page lists: missing R answers, invalid values, warnings."""
    from app.plan.checks import run_checks  # the W rules live beside the model they read

    return required_findings(template, data) + invalid_values(template, data) + run_checks(data, template)
