"""The founding project as data (``plan_templates/projects/project.yaml``, in a folder of its own
so the template loader, which reads ``plan_templates/*.yaml``, never takes it for a plan): its
name, period, support, the plans each LAG prepares, and where section J counts participants.
Read once, on first use; a fault raises TemplateError naming the file, the key and the fault."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from app.plan.catalogue import TEMPLATES_DIR, TemplateError, get_template
from app.plan.content import FieldKind, Template, Text

PROJECT_FILE = TEMPLATES_DIR / "projects" / "project.yaml"


@dataclass(frozen=True)
class ParticipantKeys:
    """The table of section J with a row per session, and its two counting columns."""

    table: str
    count: str
    vulnerable: str


@dataclass(frozen=True)
class Project:
    """What the coordinator's report measures against."""

    name: Text
    period_from: dt.date
    period_to: dt.date
    support_eur: float
    template_id: str
    plans_per_lag: int
    participants: ParticipantKeys

    @property
    def template(self) -> Template:
        return get_template(self.template_id)

    @property
    def sessions_per_plan(self) -> int:
        """Plan-preparation sessions per plan: the sessions the template declares."""
        return len(self.template.sessions)


def _need(raw: dict, key: str, kind: type | tuple, where: str) -> Any:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, kind):
        raise TemplateError(f"{where}: '{key}' must be {getattr(kind, '__name__', kind)}, got {value!r}")
    return value


def _participant_keys(raw: Any, template: Template, where: str) -> ParticipantKeys:
    """The section J keys, checked against the template: a number column of a table."""
    if not isinstance(raw, dict):
        raise TemplateError(f"{where}: 'participants' must name table, count and vulnerable")
    keys = ParticipantKeys(*(_need(raw, k, str, f"{where}: participants") for k in ("table", "count", "vulnerable")))
    table = template.fields.get(keys.table)
    if table is None or table.kind is not FieldKind.TABLE:
        raise TemplateError(f"{where}: participants.table {keys.table!r} is not a table of {template.id!r}")
    for column in (keys.count, keys.vulnerable):
        try:
            kind = table.column(column).kind
        except KeyError:
            raise TemplateError(f"{where}: {keys.table!r} has no column {column!r}") from None
        if kind is not FieldKind.NUMBER:
            raise TemplateError(f"{where}: {keys.table}.{column} must be a number column, is {kind.value}")
    return keys


def load_project(path: str | Path = PROJECT_FILE) -> Project:
    """Parse and check the project file (TemplateError naming the file and the key)."""
    path = Path(path)
    where = path.name
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TemplateError(f"{where}: {exc}") from None
    if not isinstance(raw, dict):
        raise TemplateError(f"{where}: expected a mapping")
    name = raw.get("name")
    if not isinstance(name, dict) or not isinstance(name.get("lt"), str):
        raise TemplateError(f"{where}: 'name' must be {{lt: …, en: …}}")
    start, end = _need(raw, "period_from", dt.date, where), _need(raw, "period_to", dt.date, where)
    if end < start:
        raise TemplateError(f"{where}: period_to {end} is before period_from {start}")
    plans = _need(raw, "plans_per_lag", int, where)
    if not 0 < plans <= 1000:
        raise TemplateError(f"{where}: plans_per_lag must be 1…1000, got {plans}")
    template_id = _need(raw, "template", str, where)
    try:
        template = get_template(template_id)
    except (OSError, TemplateError) as exc:
        raise TemplateError(f"{where}: template {template_id!r}: {exc}") from None
    return Project(
        name=Text(name["lt"], str(name.get("en") or "")), period_from=start, period_to=end,
        support_eur=float(_need(raw, "support_eur", (int, float), where)), template_id=template_id,
        plans_per_lag=plans, participants=_participant_keys(raw.get("participants"), template, where))


@lru_cache(maxsize=1)
def get_project() -> Project:
    """The project, read once per process (it ships with the code, like the templates)."""
    return load_project()
