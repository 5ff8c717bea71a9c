"""Dashboards: the facilitator's, the LAG staff's and the coordinator's, with the project's
figures as CSV and XLSX and one ZIP of the approved plans."""
from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import quote
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.engine import Engine

from app.models import Lag
from app.people.access import all_roles
from app.plan import formatting
from app.plan.approved_zip import approved_files, zip_bytes, zip_name
from app.plan.figures import IN_REVIEW, Report, plan_state, report, report_csv, report_table, report_xlsx
from app.plan.permissions import Role
from app.plan.project import get_project
from app.plan.services import STATUS_LABELS
from app.plan.stats import PAGE_BUDGET, PlanLine, plan_lines
from app.web.auth import allow
from app.web.deps import engine_dep
from app.web.params import parse_id
from app.web.templating import render, request_lang

router = APIRouter()
VILNIUS = ZoneInfo("Europe/Vilnius")
STAFF = {Role.FACILITATOR, Role.LAG_STAFF, Role.COORDINATOR, Role.ADMIN}
WIDE = {Role.COORDINATOR, Role.ADMIN}
LIST_ALL = 60  # up to this many plans the coordinator's page lists them all; past it, one LAG at a time


def _lags(engine: Engine) -> list[tuple[int, str]]:
    with engine.connect() as conn:
        return [(r.id, r.name) for r in conn.execute(select(Lag.__table__.c.id, Lag.__table__.c.name)
                                                      .order_by(Lag.__table__.c.id))]


def _by_lag(lines: list[PlanLine]) -> list[tuple[str, list[PlanLine]]]:
    groups: dict[int, tuple[str, list[PlanLine]]] = {}
    for line in lines:
        groups.setdefault(line.lag_id, (line.lag_name, []))[1].append(line)
    return list(groups.values())


def _helpers(lang: str) -> dict:
    """What the dashboard templates format with: the status in words, the last change."""
    def when(at: datetime | None) -> str:
        if at is None:
            return ""
        local = (at if at.tzinfo else at.replace(tzinfo=timezone.utc)).astimezone(VILNIUS)
        return f"{formatting.format_date(local.date(), lang)} {local.strftime('%H:%M')}"

    def status(code: str) -> str:
        lt, en = STATUS_LABELS.get(code, (code, code))
        return en if lang == "en" else lt

    return {"when": when, "status_label": status, "plan_state": plan_state, "IN_REVIEW": IN_REVIEW}


def _report(engine: Engine, lines: list[PlanLine], lang: str) -> Report:
    return report(get_project(), _lags(engine), lines, lang)


def front_context(request: Request, engine: Engine) -> dict | None:
    """The front page's dashboards for a staff person (one section per role they have), or
    None for a team member, who sees the plain list of their plan."""
    grants = request.state.visitor.grants
    roles = all_roles(grants)
    if not roles & STAFF:
        return None
    lang = request_lang(request)
    lines = plan_lines(engine, grants, budget=PAGE_BUDGET)
    facilitated = [x for x in lines if Role.FACILITATOR in x.roles]
    lag_lines = [x for x in lines if Role.LAG_STAFF in x.roles]
    wide = bool(roles & WIDE)
    shown = parse_id(request.query_params.get("vvg"))  # the LAG whose plans the coordinator opened
    return {
        "dashboards": True, "project": get_project(), "pending": sum(1 for x in lines if x.pending),
        "facilitator": facilitated if Role.FACILITATOR in roles else None,
        "to_review": [x for x in facilitated if plan_state(x.status) == IN_REVIEW],
        "lag_groups": _by_lag(lag_lines) if Role.LAG_STAFF in roles else None,
        "approved_count": sum(1 for x in lines if x.approved_doc),  # what the ZIP holds: every plan in reach
        "report": _report(engine, lines, lang) if wide else None,
        "lag_shown": shown, "all_groups": None if not wide else _by_lag(lines) if len(lines) <= LIST_ALL and not shown
        else _by_lag([x for x in lines if x.lag_id == shown]) if shown else None,
        **_helpers(lang),
    }


@router.get("/ataskaita", dependencies=[allow("project.report")])
def show_report(request: Request, engine: Engine = Depends(engine_dep)) -> Response:
    """The founding project's targets against what the plans show, per LAG, with downloads."""
    lang = request_lang(request)
    lines = plan_lines(engine, request.state.visitor.grants, budget=PAGE_BUDGET)
    rep = _report(engine, lines, lang)
    head, rows = report_table(rep, lang)
    return render(request, "dashboards/report.html", {
        "report": rep, "head": head, "rows": rows, "project": get_project(),
        "pending": sum(1 for x in lines if x.pending), **_helpers(lang)})


def _download(content: bytes, media_type: str, name: str, plain: str) -> Response:
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name)}",
        "Cache-Control": "no-store"})


def _report_name(lang: str, ext: str) -> str:
    day = datetime.now(VILNIUS).date().isoformat()
    return f"{'project_figures' if lang == 'en' else 'projekto_rodikliai'}_{day}.{ext}"


@router.get("/ataskaita.csv", dependencies=[allow("project.report")])
def download_report_csv(request: Request, engine: Engine = Depends(engine_dep)) -> Response:
    """The report's table as CSV for Lithuanian Excel (UTF-8 with a BOM, semicolons)."""
    lang = request_lang(request)
    rep = _report(engine, plan_lines(engine, request.state.visitor.grants), lang)
    name = _report_name(lang, "csv")
    return _download(report_csv(rep, lang), "text/csv; charset=utf-8", name, name)


@router.get("/ataskaita.xlsx", dependencies=[allow("project.report")])
def download_report_xlsx(request: Request, engine: Engine = Depends(engine_dep)) -> Response:
    """The report's table as an Excel workbook with number cells."""
    lang = request_lang(request)
    rep = _report(engine, plan_lines(engine, request.state.visitor.grants), lang)
    name = _report_name(lang, "xlsx")
    return _download(report_xlsx(rep, get_project().name.get(lang), lang),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name, name)


@router.get("/darbuotojai/patvirtinti.zip", dependencies=[allow("plans.zip")])
def download_approved_zip(request: Request, engine: Engine = Depends(engine_dep)) -> Response:
    """Every approved plan in reach as it was approved, in one ZIP; none yet: a page says so."""
    lines = plan_lines(engine, request.state.visitor.grants)
    files = approved_files(engine, lines)
    if not files:
        return render(request, "dashboards/no_approved.html", {})
    lags = sorted({x.lag_name for x in lines})
    name, plain = zip_name(lags, datetime.now(timezone.utc))
    return _download(zip_bytes(files), "application/zip", name, plain)
