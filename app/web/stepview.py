"""Everything a step page shows, gathered in one place for the page, its partials and the
plain-POST fallback: the fields, progress, neighbours and the save state."""
from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine

from app.plan.answers import load_cells
from app.plan.comments import step_link_counts
from app.plan.content import Step, Text
from app.plan.services import PlanContext, lag_options, read_plan
from app.plan.wizard import neighbours, session_progress, step_progress
from app.web.views import ViewBuilder

Typed = dict[str, tuple[list[str], str | None, Text | None]]


def table_refused(key: str, message: Text) -> Typed:
    """A refused row action as the page shows it: the message beside table ``key``."""
    return {key: ([], None, message)}


def builder_for(engine: Engine, ctx: PlanContext, lang: str, typed: Typed | None = None):
    """One read of the plan, and a ViewBuilder over it."""
    cells = load_cells(engine, ctx.plan.id)
    data = read_plan(engine, ctx, cells)
    return data, ViewBuilder(ctx.template, data, cells, lang, lag_options(engine), typed)


def _is_table(template, path: str) -> bool:  # noqa: ANN001
    field = template.fields.get(path)
    return field is not None and field.is_rows


def step_context(engine: Engine, ctx: PlanContext, step: Step, lang: str,
                 typed: Typed | None = None, conflicts: list | None = None) -> dict[str, Any]:
    data, builder = builder_for(engine, ctx, lang, typed)
    template = ctx.template
    before, after = neighbours(template, step.slug)
    session = template.session(step.session)
    position = [s.slug for s in session.steps].index(step.slug) + 1
    return {
        "ctx": ctx, "plan": ctx.plan, "template": template, "step": step, "session": session,
        "step_position": position, "step_count": len(session.steps),
        "views": [builder.field_view(sf) for sf in step.fields],
        "progress": step_progress(template, data, step),
        "session_progress": session_progress(template, data, step.session),
        "before": before, "after": after,
        "leaves_session": after is None or after.session != step.session,
        # refused answers (kept in their inputs) and refused row actions (a full table: the
        # answers were saved, so the page must not say they were not)
        "errors": [t for p, t in (typed or {}).items() if t[2] is not None and not _is_table(template, p)],
        "row_errors": [(p, t[2]) for p, t in (typed or {}).items() if t[2] is not None and _is_table(template, p)],
        "conflicts": conflicts or [],
        "since": data.meta.get("last_seq") or 0,  # live refresh asks for changes after this
        "comment_counts": step_link_counts(engine, ctx.plan.id, [sf.key for sf in step.fields]),
    }
