"""Demo data for ``python -m app demo`` (``make run`` runs it every time): the three LAGs of the
founding project, one community each, and three plans at three stages of the workshops:
Kelmė after session 1, Pakruojis after session 2, Anykščiai ready for session 1.

Answers go in the way a team's answers do (``save_cell``, ``add_row``), so the change log,
revisions and gates see ordinary data. The Lithuanian content is data in ``demo_content*.py``.
A value the template no longer accepts (a renamed key or option) is skipped and reported, so
a change to the YAML cannot stop ``make run``.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.config import get_settings
from app.demo_content import ANYKSCIAI, COMMUNITIES, KELME, LAGS, PUBLICITY_LINE
from app.demo_content2 import PAKRUOJIS
from app.demo_people import load_people
from app.models import Community, Lag
from app.plan.answers import Editor, save_cell
from app.plan.rows import add_row, fixed_row_id
from app.plan.catalogue import get_template
from app.plan.content import Field, FieldKind, Template
from app.plan.errors import NotFound
from app.plan.kinds import validate_value
from app.plan.services import create_plan

# the plan of each community (in the order of COMMUNITIES) and how far its team has got
STAGES = [
    (KELME, "užpildytas 1-ojo susitikimo turinys"),
    (PAKRUOJIS, "užpildytas 1-ojo ir 2-ojo susitikimų turinys"),
    (ANYKSCIAI, "naujas planas, paruoštas 1-ajam susitikimui"),
]


class _Writer:
    """Writes one plan's demo content; refs name rows by their ``_id`` in the content."""

    def __init__(self, engine: Engine, template: Template, plan_id: int):
        self.engine, self.template, self.plan_id = engine, template, plan_id
        self.ids: dict[str, str] = {}
        self.skipped: list[str] = []

    def value(self, leaf: Field, value: Any, where: str) -> Any:
        """The value to store (refs resolved, decimals as floats), or None if it does not fit."""
        if leaf.kind is FieldKind.REF:
            names = value if isinstance(value, list) else [value]
            if any(n not in self.ids for n in names):
                self.skipped.append(f"{where}: nežinoma nuoroda {value!r}")
                return None
            value = [self.ids[n] for n in names] if isinstance(value, list) else self.ids[value]
        if leaf.kind is FieldKind.DECIMAL and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        message = validate_value(leaf, value)
        if message:
            self.skipped.append(f"{where}: {message.lt}")
            return None
        return value

    def field(self, key: str, value: Any) -> None:
        field = self.template.fields.get(key)
        if field is None or field.is_rows:
            self.skipped.append(f"{key}: tokio lauko šablone nėra")
            return
        stored = self.value(field, value, key)
        if stored is not None:
            save_cell(self.engine, self.template, self.plan_id, key, 0, stored, Editor())

    def _columns(self, field: Field, values: dict[str, Any]) -> dict[str, Any]:
        known = {c.key: c for c in field.columns}
        out = {}
        for col, value in values.items():
            where = f"{field.key}.{col}"
            if col not in known:
                self.skipped.append(f"{where}: tokio stulpelio šablone nėra")
            elif (stored := self.value(known[col], value, where)) is not None:
                out[col] = stored
        return out

    def rows(self, key: str, rows: list[Any]) -> None:
        field = self.template.fields.get(key)
        if field is None or not field.is_rows:
            self.skipped.append(f"{key}: tokios lentelės šablone nėra")
            return
        for row in rows:
            row = {"text": row} if isinstance(row, str) else row
            name = row.get("_id")
            values = self._columns(field, {k: v for k, v in row.items() if k != "_id"})
            row_id = add_row(self.engine, self.template, self.plan_id, key, Editor(), values=values)
            if name:
                self.ids[name] = row_id

    def fixed(self, key: str, rows: dict[str, dict[str, Any]]) -> None:
        field = self.template.fields.get(key)
        fixed_ids = {f.id for f in field.fixed_rows} if field else set()
        for fixed_id, values in rows.items():
            if fixed_id not in fixed_ids:
                self.skipped.append(f"{key}: fiksuotos eilutės „{fixed_id}“ šablone nėra")
                continue
            row_id = fixed_row_id(key, fixed_id)
            for col, value in self._columns(field, values).items():
                try:
                    save_cell(self.engine, self.template, self.plan_id, f"{key}/{row_id}/{col}", 0,
                              value, Editor())
                except NotFound as exc:
                    self.skipped.append(f"{key}/{row_id}/{col}: {exc}")

    def write(self, content: dict[str, Any]) -> None:
        """Rows first (refs point at them), then fixed rows, then top-level fields."""
        for key, rows in content.get("rows", {}).items():
            self.rows(key, rows)
        for key, rows in content.get("fixed", {}).items():
            self.fixed(key, rows)
        for key, value in content.get("fields", {}).items():
            self.field(key, value)


def load_demo(engine: Engine) -> str:
    """Load the demo into a database without LAGs; on any other database do nothing."""
    with Session(engine) as db:
        if db.exec(select(Lag.id)).first() is not None:
            return ("Demonstraciniai duomenys neįkelti: duomenų bazėje jau yra vietos veiklos grupių, "
                    "todėl nieko nekeičiau.")
        communities = []
        for (name, short_name, coordinator), spec in zip(LAGS, COMMUNITIES):
            lag = Lag(name=name, short_name=short_name, is_coordinator=coordinator,
                      publicity_line=PUBLICITY_LINE)
            db.add(lag)
            db.flush()
            community = Community(lag_id=lag.id, **spec)
            db.add(community)
            db.flush()
            communities.append((community.id, community.name, short_name))
        db.commit()

    template = get_template()
    base = f"http://127.0.0.1:{get_settings().port}/plans"
    lines = [f"Įkelti demonstraciniai duomenys: {len(LAGS)} VVG, {len(communities)} bendruomenės "
             f"ir {len(communities)} planai."]
    skipped: list[str] = []
    for (community_id, name, short_name), (content, stage) in zip(communities, STAGES):
        plan_id = create_plan(engine, community_id)
        writer = _Writer(engine, template, plan_id)
        writer.write(content)
        skipped += [f"{name}: {s}" for s in writer.skipped]
        lines.append(f"  • {name} ({short_name}) – {stage}: {base}/{plan_id}")
    if skipped:
        lines.append(f"Praleistos reikšmės, kurių šablonas nebepriima ({len(skipped)}):")
        lines += [f"  – {s}" for s in skipped]
    lines += load_people(engine)  # accounts for every role and a join code (app/demo_people.py)
    return "\n".join(lines)
