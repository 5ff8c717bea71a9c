"""What the plan overview shows from each area of review and approval (the workflow and its
timeline, sessions held, comments per step, versions, notices): one function per area, each
owned by that area's module, gathered here so ``plans.show_plan`` stays one call."""
from __future__ import annotations

from fastapi import Request
from sqlalchemy.engine import Engine

from app.plan.data import PlanData
from app.plan.services import PlanContext


def review_parts(request: Request, engine: Engine, ctx: PlanContext, data: PlanData) -> dict:
    """Context for the overview's review partials (templates review/, comments/, versions/,
    notices/ ``_overview*.html``)."""
    return {}
