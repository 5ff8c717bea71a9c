"""The plan-aware half of the ref check: every id a ref answer holds must be a live row of the
referenced table in the same plan (and, with ``only_selected``, one of the rows picked there,
as the wizard offers them: ``display.ref_choices``). ``kinds.validate_value`` checks the shape
without a plan; this runs inside the write transaction of ``save_cell`` and ``add_row``, so
autosave, the plain form, the demo and an import all pass the same check, and a row removed a
moment ago cannot be linked."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from app.models import Cell, PlanRow
from app.plan.content import Field, FieldKind, Template
from app.plan.errors import FieldError
from app.plan.numbers import field_message

row_t = PlanRow.__table__
cell_t = Cell.__table__


def _ids(value: Any) -> list[str]:
    """The ids of a ref value (one or a list); anything else a stored value may hold is no id."""
    return [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]


def check_refs(conn: Connection, template: Template, plan_id: int, field: Field, value: Any,
               previous: Any = None, only_selected: bool = True) -> None:
    """Raise FieldError unless every id in ``value`` is a live row this ref may point to.

    ``only_selected`` applies to ids that are new against ``previous`` (the stored value): a
    goal keeps a need that was un-picked later (the page marks it) until someone removes it.
    ``only_selected=False`` for rows created with their values in one go (the demo, an import):
    there the picking field may be written after the rows, so only existence is checked."""
    if field.kind is not FieldKind.REF or value is None:
        return
    ids = set(_ids(value))
    live = set(conn.execute(select(row_t.c.row_id).where(
        row_t.c.plan_id == plan_id, row_t.c.table_key == field.ref_table,
        row_t.c.deleted_at.is_(None), row_t.c.row_id.in_(ids))).scalars())
    if ids - live:
        raise FieldError(field_message(
            field, "tokios eilutės nebėra (gal ją kas tik ką pašalino); pasirinkite iš sąrašo.",
            "that row is gone (perhaps someone just removed it); pick from the list."))
    if only_selected and field.ref_only_selected:
        from app.plan.kinds import decode

        picked = decode(conn.execute(select(cell_t.c.value_json).where(
            cell_t.c.plan_id == plan_id, cell_t.c.path == field.ref_only_selected)).scalar())
        added = ids - set(_ids(previous) if previous is not None else [])
        if added - set(_ids(picked) if picked is not None else []):
            source = template.fields[field.ref_only_selected].label
            raise FieldError(field_message(
                field, f"galima rinktis tik tai, kas pažymėta „{source.lt}“; pasirinkite iš sąrašo.",
                f"only what is picked in “{source.get('en')}” can be chosen; pick from the list."))
