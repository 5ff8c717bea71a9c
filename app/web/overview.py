"""What the plan overview shows from each area of review and approval (the workflow and its
timeline, sessions held, comments per step, versions, notices): one function per area, each
owned by that area's module, gathered here so ``plans.show_plan`` stays one call."""
from __future__ import annotations

from fastapi import Request
from sqlalchemy.engine import Engine

from app.people import notices
from app.plan.data import PlanData
from app.plan.services import PlanContext
from app.web.routes.comments import overview_comments
from app.web.routes.review import overview_status as review_status
from app.web.routes.versions import version_overview
from app.web.templating import request_lang


def review_parts(request: Request, engine: Engine, ctx: PlanContext, data: PlanData) -> dict:
    """Context for the overview's review partials (templates review/, comments/, versions/,
    notices/ ``_overview*.html``)."""
    return {
        "plan_notices": notices.plan_unread(engine, request.state.visitor.person_id, ctx.plan.id),
        **overview_comments(request, engine, ctx),  # open comments per step and in the plan
        **review_status(request, engine, ctx),  # the workflow, its timeline, sessions held, section marks
        **version_overview(engine, ctx, request_lang(request)),  # "Plano versija: 2 versija, 2025-03-14"
    }
