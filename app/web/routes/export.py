"""The finished plan: its on-screen preview and the Word document (draft or final)."""
from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.engine import Engine

from app.documents.export import VERSIONS, PlanFile, export_plan, preview
from app.documents.outline import kind_of
from app.plan.content import Template
from app.plan.errors import NotFound, ValidationFailed
from app.plan.findings import Finding
from app.plan.services import PlanContext
from app.web.auth import allow
from app.web.deps import engine_dep, plan_dep
from app.web.templating import render

router = APIRouter()


def finding_link(template: Template, plan_id: int, finding: Finding) -> str:
    """The step and the place on it where a missing answer is filled in."""
    step = template.step_of(finding.field)
    anchor = "c-" + "".join(ch if ch.isalnum() else "-" for ch in finding.path)
    if finding.path == finding.field and template.fields[finding.field].is_rows:
        anchor = f"table-{finding.field}"
    return f"/plans/{plan_id}/steps/{step.slug}#{anchor}"


def _context(ctx: PlanContext, missing: list[Finding]) -> dict:
    return {"ctx": ctx, "plan": ctx.plan, "template": ctx.template, "missing": missing,
            "link": lambda f: finding_link(ctx.template, ctx.plan.id, f),
            "section_of": ctx.template.section_of}


@router.get("/plans/{plan_id}/perziura", dependencies=[allow("plan.view")])
def show_preview(request: Request, ctx: PlanContext = Depends(plan_dep),
                 engine: Engine = Depends(engine_dep)) -> Response:
    """The plan as its document reads, built from the same outline as the DOCX."""
    outline, missing = preview(engine, ctx)
    return render(request, "preview/show.html", {**_context(ctx, missing), "outline": outline,
                                                  "kind": kind_of}, partial="preview/_document.html")


def content_disposition(file: PlanFile) -> str:
    """An attachment name old clients read (ASCII) and new ones read with Lithuanian letters."""
    return f"attachment; filename=\"{file.ascii_name}\"; filename*=UTF-8''{quote(file.filename)}"


@router.get("/plans/{plan_id}/docx", dependencies=[allow("plan.export")])
def download_plan(request: Request, version: str = "draft", ctx: PlanContext = Depends(plan_dep),
                  engine: Engine = Depends(engine_dep)) -> Response:
    """The plan as a Word document: a draft always; the final one only when every required
    answer is there, else a page listing what is missing, each with a link to its step."""
    if version not in VERSIONS:
        raise NotFound(f"version {version!r}")
    try:
        file = export_plan(engine, ctx, version)
    except ValidationFailed as exc:
        return render(request, "preview/missing.html", _context(ctx, exc.findings), status_code=422,
                      partial="preview/_missing.html")
    return Response(file.content, media_type=file.media_type,
                    headers={"Content-Disposition": content_disposition(file), "Cache-Control": "no-store"})
