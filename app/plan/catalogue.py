"""Loads ``plan_templates/*.yaml`` into frozen Template objects, once, and fails loudly.

A fault stops start-up with a ``TemplateError`` naming the file, the field and what is wrong,
so a typo in the YAML is found by the person who made it, not by a team in a workshop.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from app.plan.content import (
    DEFAULT_DECIMALS, DEFAULT_NUMBER_BOUND, MAX_NUMBER_LIMIT, MAX_SIGNIFICANT_DIGITS, OTHER, FieldKind, Field, FixedRow, Option, Rule, Section, Session, Step, StepField,
    Template, Text, VisibleIf,
)

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "plan_templates"
DEFAULT_TEMPLATE = "community_plan"

_FIELD_KEYS = {
    "key", "kind", "label", "help", "rule", "gate", "min_len", "max_len", "pattern",
    "pattern_message", "min", "max", "options", "options_from", "allow_other", "min_items",
    "max_items", "columns", "fixed_rows", "min_rows", "max_rows", "row_label", "ref_table",
    "multiple", "only_selected", "compute", "warnings", "visible_if", "docx_hidden", "decimals",
}
_COLUMN_KINDS = set(FieldKind) - {FieldKind.TABLE, FieldKind.LIST}


class TemplateError(ValueError):
    """The YAML does not describe a valid plan; the message says where and why."""


def _text(raw: Any, where: str, required: bool = True) -> Text:
    if raw is None and not required:
        return Text("")
    if isinstance(raw, str):
        return Text(raw)
    if not isinstance(raw, dict) or "lt" not in raw:
        raise TemplateError(f"{where}: expected {{lt: …, en: …}}, got {raw!r}")
    return Text(str(raw["lt"]), str(raw.get("en") or ""))


def _limit(raw: Any, where: str) -> float | None:
    if raw is None:
        return None
    if raw == "current":
        return float(dt.date.today().year)
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not abs(raw) <= MAX_NUMBER_LIMIT:
        raise TemplateError(f"{where}: a limit must be a number within ±{MAX_NUMBER_LIMIT:.0e} "
                            f"or 'current', got {raw!r}")
    return float(raw)


def _decimals(raw: dict, kind: FieldKind, lo: float | None, hi: float | None, where: str) -> int | None:
    """Places after the comma of a decimal field (default 2); the bound and the places together
    must fit the digits a JSON number (a float) keeps exactly."""
    if kind is not FieldKind.DECIMAL:
        if "decimals" in raw:
            raise TemplateError(f"{where}: decimals is only for decimal fields")
        return None
    places = raw.get("decimals", DEFAULT_DECIMALS)
    if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= 6:
        raise TemplateError(f"{where}: decimals must be a whole number 0–6, got {places!r}")
    bound = max(abs(lo) if lo is not None else DEFAULT_NUMBER_BOUND,
                abs(hi) if hi is not None else DEFAULT_NUMBER_BOUND)
    if len(str(int(bound))) + places > MAX_SIGNIFICANT_DIGITS:
        raise TemplateError(f"{where}: limits up to {int(bound)} with {places} decimals need more than "
                            f"{MAX_SIGNIFICANT_DIGITS} digits; lower max/min or decimals")
    return places


def _int(raw: Any, where: str) -> int | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise TemplateError(f"{where}: expected a whole number ≥ 0, got {raw!r}")
    return raw


def _field(raw: Any, where: str, section: str, is_column: bool = False) -> Field:
    if not isinstance(raw, dict):
        raise TemplateError(f"{where}: a field must be a mapping, got {raw!r}")
    key = raw.get("key")
    if not isinstance(key, str) or not key.replace("_", "").isalnum() or key != key.lower():
        raise TemplateError(f"{where}: missing or malformed key {key!r} (snake_case expected)")
    where = f"{where} field '{key}'"
    unknown = set(raw) - _FIELD_KEYS
    if unknown:
        raise TemplateError(f"{where}: unknown setting(s) {sorted(unknown)}")
    try:
        kind = FieldKind(raw.get("kind"))
    except ValueError:
        raise TemplateError(f"{where}: unknown kind {raw.get('kind')!r}; "
                            f"one of {[k.value for k in FieldKind]}") from None
    if is_column and kind not in _COLUMN_KINDS:
        raise TemplateError(f"{where}: a table column cannot be of kind {kind.value}")
    try:
        rule = Rule(raw.get("rule", "O"))
    except ValueError:
        raise TemplateError(f"{where}: rule must be R or O, got {raw.get('rule')!r}") from None
    for extra in (raw.get("options") or []) + (raw.get("fixed_rows") or []):
        if isinstance(extra, dict) and set(extra) - {"value", "id", "lt", "en"}:
            raise TemplateError(f"{where}: unknown option setting(s) {sorted(set(extra) - {'value', 'id', 'lt', 'en'})}")
    options = tuple(
        Option(str(o["value"]), _text({"lt": o.get("lt"), "en": o.get("en")}, f"{where} option"))
        for o in raw.get("options") or []
        if isinstance(o, dict) and "value" in o and o.get("lt")
    )
    if len(options) != len(raw.get("options") or []):
        raise TemplateError(f"{where}: every option needs value and lt")
    values = [o.value for o in options]
    if len(set(values)) != len(values) or OTHER in values:
        raise TemplateError(f"{where}: option values must be unique and not '{OTHER}'")
    if kind in (FieldKind.CHOICE, FieldKind.MULTICHOICE) and not options and not raw.get("options_from"):
        raise TemplateError(f"{where}: a {kind.value} needs options or options_from")
    columns: tuple[Field, ...] = ()
    if kind is FieldKind.LIST:
        text_col = {"key": "text", "kind": "short", "label": raw.get("label"),
                    "rule": "R", "max_len": raw.get("max_len")}
        columns = (_field(text_col, where, section, True),) + tuple(
            _field(c, where, section, True) for c in raw.get("columns") or [])
    elif kind is FieldKind.TABLE:
        if not raw.get("columns"):
            raise TemplateError(f"{where}: a table needs columns")
        columns = tuple(_field(c, where, section, True) for c in raw["columns"])
    elif raw.get("columns") or raw.get("fixed_rows"):
        raise TemplateError(f"{where}: only list and table fields have columns or fixed_rows")
    col_keys = [c.key for c in columns]
    if len(set(col_keys)) != len(col_keys):
        raise TemplateError(f"{where}: duplicate column keys")
    if raw.get("row_label") and raw["row_label"] not in col_keys:
        raise TemplateError(f"{where}: row_label {raw['row_label']!r} is not a column")
    if kind is FieldKind.REF and not raw.get("ref_table"):
        raise TemplateError(f"{where}: a ref needs ref_table")
    if kind is FieldKind.COMPUTED and not raw.get("compute"):
        raise TemplateError(f"{where}: a computed field needs compute")
    visible = raw.get("visible_if")
    if visible is not None and not (isinstance(visible, dict) and visible.get("field")):
        raise TemplateError(f"{where}: visible_if needs field and values")
    pattern_message = raw.get("pattern_message")
    min_value, max_value = _limit(raw.get("min"), f"{where} min"), _limit(raw.get("max"), f"{where} max")
    return Field(
        key=key, kind=kind, section=section, rule=rule,
        label=_text(raw.get("label"), f"{where} label"),
        help=_text(raw.get("help"), f"{where} help", required=False),
        gate_session=_int(raw.get("gate"), f"{where} gate"),
        min_len=_int(raw.get("min_len"), f"{where} min_len"),
        max_len=_int(raw.get("max_len"), f"{where} max_len"),
        pattern=raw.get("pattern"),
        pattern_message=_text(pattern_message, where) if pattern_message else None,
        min_value=min_value, max_value=max_value,
        decimals=_decimals(raw, kind, min_value, max_value, where),
        options=options, options_from=raw.get("options_from"),
        allow_other=bool(raw.get("allow_other")),
        min_items=_int(raw.get("min_items"), f"{where} min_items"),
        max_items=_int(raw.get("max_items"), f"{where} max_items"),
        columns=columns,
        fixed_rows=tuple(FixedRow(str(r["id"]), _text({"lt": r.get("lt"), "en": r.get("en")}, where))
                         for r in raw.get("fixed_rows") or []),
        min_rows=_int(raw.get("min_rows"), f"{where} min_rows"),
        max_rows=_int(raw.get("max_rows"), f"{where} max_rows"),
        row_label=raw.get("row_label") or ("text" if kind is FieldKind.LIST else None),
        ref_table=raw.get("ref_table"), ref_multiple=bool(raw.get("multiple")),
        ref_only_selected=raw.get("only_selected"), compute=raw.get("compute"),
        warnings=tuple(raw.get("warnings") or ()),
        visible_if=VisibleIf(visible["field"], tuple(str(v) for v in visible.get("values") or ()))
        if visible else None,
        docx_hidden=bool(raw.get("docx_hidden")),
    )


def _step_field(raw: Any, where: str, fields: dict[str, Field]) -> StepField:
    if isinstance(raw, str):
        raw = {"key": raw}
    key = raw.get("key") if isinstance(raw, dict) else None
    if key not in fields:
        raise TemplateError(f"{where}: step field {key!r} is not declared in any section")
    columns = raw.get("columns")
    if columns is not None:
        known = {c.key for c in fields[key].columns}
        bad = [c for c in columns if c not in known]
        if bad:
            raise TemplateError(f"{where}: field '{key}' has no column(s) {bad}")
    return StepField(key, tuple(columns) if columns else None, tuple(raw.get("readonly") or ()))


def _check_refs(fields: dict[str, Field], where: str) -> None:
    for f in fields.values():
        for item in (f, *f.columns):
            name = f"{where} field '{f.key}'" + (f" column '{item.key}'" if item is not f else "")
            if item.ref_table and (item.ref_table not in fields or not fields[item.ref_table].is_rows):
                raise TemplateError(f"{name}: ref_table {item.ref_table!r} is not a table or list")
            if item.ref_only_selected and item.ref_only_selected not in fields:
                raise TemplateError(f"{name}: only_selected {item.ref_only_selected!r} is unknown")
            if item.visible_if and item.visible_if.field not in fields:
                raise TemplateError(f"{name}: visible_if field {item.visible_if.field!r} is unknown")


def load_template(path: str | Path) -> Template:
    """Parse and check one template file; raise TemplateError naming file, field and fault."""
    path = Path(path)
    where = path.name
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TemplateError(f"{where}: cannot read: {exc}") from None
    if not isinstance(raw, dict) or not raw.get("sections") or not raw.get("sessions"):
        raise TemplateError(f"{where}: needs id, title, sections and sessions")
    fields: dict[str, Field] = {}
    sections = []
    for s in raw["sections"]:
        letter = str(s.get("letter", ""))
        keys = []
        for f in s.get("fields") or []:
            parsed = _field(f, f"{where} section {letter}", letter)
            if parsed.key in fields:
                raise TemplateError(f"{where} section {letter}: duplicate field key '{parsed.key}'")
            fields[parsed.key] = parsed
            keys.append(parsed.key)
        sections.append(Section(letter, _text(s.get("title"), f"{where} section {letter} title"),
                                tuple(keys), _text(s.get("intro"), where, required=False)))
    _check_refs(fields, where)
    sessions, slugs, shown = [], set(), set()
    for s in raw["sessions"]:
        number = _int(s.get("number"), f"{where} session number")
        steps = []
        for st in s.get("steps") or []:
            slug = st.get("slug")
            if not slug or slug in slugs:
                raise TemplateError(f"{where} session {number}: missing or duplicate step slug {slug!r}")
            slugs.add(slug)
            step_where = f"{where} step '{slug}'"
            step_fields = tuple(_step_field(x, step_where, fields) for x in st.get("fields") or [])
            shown.update(sf.key for sf in step_fields)
            steps.append(Step(slug, _text(st.get("title"), f"{step_where} title"),
                              _text(st.get("intro"), step_where, required=False), step_fields, number))
        sessions.append(Session(number, _text(s.get("title"), f"{where} session {number} title"),
                                _text(s.get("intro"), where, required=False), tuple(steps)))
    unplaced = [k for k in fields if k not in shown]
    if unplaced:
        raise TemplateError(f"{where}: field(s) on no step: {unplaced}")
    return Template(id=str(raw.get("id") or path.stem), title=_text(raw.get("title"), f"{where} title"),
                    sections=tuple(sections), sessions=tuple(sessions), fields=fields, source=str(path))


def check_names(template: Template) -> None:
    """Every computation and soft check the YAML names must exist in code."""
    from app.plan.checks import missing_checks
    from app.plan.computed import missing_computations

    where = Path(template.source).name
    unknown = missing_computations(template)
    if unknown:
        raise TemplateError(f"{where}: unknown compute name(s) {unknown} (see app/plan/computed.py)")
    unknown = missing_checks(template)
    if unknown:
        raise TemplateError(f"{where}: unknown warning check(s) {unknown} (see app/plan/checks.py)")


@lru_cache(maxsize=None)
def get_template(template_id: str = DEFAULT_TEMPLATE) -> Template:
    """The loaded template by id: read once per process (templates are code, not plan data)."""
    template = load_template(TEMPLATES_DIR / f"{template_id}.yaml")
    check_names(template)
    return template
