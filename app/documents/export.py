"""The finished plan as a file: draft (always) or final (only with every required answer),
named after the community and the day. Domain only: raises ``ValidationFailed``."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine

from app.documents.docx_render import render_docx
from app.documents.outline import Approval, Outline
from app.documents.sections import build_outline
from app.plan.errors import ValidationFailed
from app.plan.services import PlanContext, lag_options, read_plan
from app.plan.validation import required_findings

VERSIONS = ("draft", "final")
DRAFT_WORD = {"lt": "juodraštis", "en": "draft"}


@dataclass(frozen=True)
class PlanFile:
    content: bytes
    filename: str       # may hold Lithuanian letters
    ascii_name: str     # the same without diacritics, for old clients

    media_type: str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Europe/Vilnius")).date()


def plan_outline(engine: Engine, ctx: PlanContext, draft: bool = True,
                 approval: Approval | None = None) -> Outline:
    """The plan's outline; a final one refuses while a required answer is missing."""
    data = read_plan(engine, ctx)
    if not draft:
        missing = required_findings(ctx.template, data)
        if missing:
            raise ValidationFailed(missing)
    return build_outline(ctx.template, data, draft=draft, options={"lags": dict(lag_options(engine))},
                         approval=approval)


def preview(engine: Engine, ctx: PlanContext) -> tuple[Outline, list]:
    """The draft's outline for the screen, and what the final version still needs."""
    data = read_plan(engine, ctx)
    outline = build_outline(ctx.template, data, draft=True, options={"lags": dict(lag_options(engine))})
    return outline, required_findings(ctx.template, data)


def file_name(community: str, day: dt.date, draft: bool, lang: str = "lt") -> tuple[str, str]:
    """("Pašilės_kaimo_bendruomenė_2025-06-30_juodraštis.docx", the same in ASCII)."""
    words = re.sub(r"[^\w\-]+", " ", community, flags=re.UNICODE).split()
    stem = "_".join(words)[:80] or "planas"
    name = f"{stem}_{day.isoformat()}" + (f"_{DRAFT_WORD.get(lang, DRAFT_WORD['lt'])}" if draft else "") + ".docx"
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return name, plain


def export_plan(engine: Engine, ctx: PlanContext, version: str = "draft",
                approval: Approval | None = None) -> PlanFile:
    """Render the plan's draft or final DOCX (the final one stamped when it is the approved one)."""
    if version not in VERSIONS:
        raise ValueError(f"version must be one of {VERSIONS}")
    draft = version == "draft"
    content = render_docx(plan_outline(engine, ctx, draft, approval))
    name, plain = file_name(ctx.community.name, today(), draft, ctx.plan.lang)
    return PlanFile(content, name, plain)
