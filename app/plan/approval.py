"""The approved document, frozen: approving renders the final DOCX once (its title page says
who approved it, on which day, as which version), stores its bytes and SHA-256, and the
approved download returns exactly those bytes ever after. Reopening marks it superseded and
keeps it, with its version. Called by ``workflow.transition`` inside its transaction."""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, Engine

from app.models import Person
from app.models_review import ApprovedDocument, PlanVersion
from app.plan.data import PlanData
from app.plan.errors import NotFound, ValidationFailed
from app.plan.services import PlanContext

doc_t = ApprovedDocument.__table__
version_t = PlanVersion.__table__
person_t = Person.__table__
VILNIUS = ZoneInfo("Europe/Vilnius")
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def local_day(at: datetime) -> date:
    """The day in Lithuania (an approval at 01:30 local time is that day, not the UTC one)."""
    if at.tzinfo is None:  # SQLite gives back naive UTC
        at = at.replace(tzinfo=timezone.utc)
    return at.astimezone(VILNIUS).date()


def plan_data(conn: Connection, ctx: PlanContext) -> PlanData:
    """The plan's answers read in the caller's transaction, in the plan's language."""
    from app.plan.answers import read_plan_data

    data, _ = read_plan_data(conn, ctx.template, ctx.plan.id)
    return replace(data, lang=ctx.plan.lang, meta=ctx.meta())


def require_complete(ctx: PlanContext, data: PlanData) -> None:
    """Approving needs the final document: ValidationFailed with what is missing, as the final
    download lists it."""
    from app.plan.validation import required_findings

    missing = required_findings(ctx.template, data)
    if missing:
        raise ValidationFailed(missing)


def version_name(conn: Connection, plan_id: int, transition: str, done: str, lang: str,
                 now: datetime) -> str:
    """"Patvirtinta 2025-03-14"; reopening keeps the approved state as "Patvirtinta 2025-03-14
    (iki atvėrimo)"; other steps by their name ("Pateiktas peržiūrai")."""
    word = "Approved" if lang == "en" else "Patvirtinta"
    if transition == "approve":
        return f"{word} {local_day(now).isoformat()}"
    if transition == "reopen":
        at = conn.execute(select(doc_t.c.approved_at).where(doc_t.c.plan_id == plan_id)
                          .order_by(doc_t.c.id.desc()).limit(1)).scalar()
        if at is not None:
            return f"{word} {local_day(at).isoformat()} ({'until reopened' if lang == 'en' else 'iki atvėrimo'})"
    return done


def person_name(conn: Connection, person_id: int | None) -> str:
    if person_id is None:
        return ""
    return conn.execute(select(person_t.c.name).where(person_t.c.id == person_id)).scalar() or ""


def render_approved(engine: Engine, ctx: PlanContext, data: PlanData, by: str, on: date,
                    number: int) -> tuple[bytes, str]:
    """The final DOCX stamped as approved, and its file name."""
    from app.documents.docx_render import render_docx
    from app.documents.export import file_name
    from app.documents.outline import Approval
    from app.documents.sections import build_outline
    from app.plan.services import lag_options

    outline = build_outline(ctx.template, data, draft=False, options={"lags": dict(lag_options(engine))},
                            approval=Approval(by, on, number))
    name, _ = file_name(ctx.community.name, on, False, ctx.plan.lang)
    suffix = "_approved" if ctx.plan.lang == "en" else "_patvirtintas"
    return render_docx(outline), name.removesuffix(".docx") + f"{suffix}_v{number}.docx"


def freeze(engine: Engine, conn: Connection, ctx: PlanContext, data: PlanData, person_id: int | None,
           now: datetime, version_id: int, number: int) -> int:
    """Render and store the approved DOCX with its SHA-256; returns its id."""
    content, filename = render_approved(engine, ctx, data, person_name(conn, person_id), local_day(now), number)
    return conn.execute(insert(doc_t).values(
        plan_id=ctx.plan.id, version_id=version_id, content=content,
        sha256=hashlib.sha256(content).hexdigest(), filename=filename[:200], approved_by=person_id,
        approved_at=now)).inserted_primary_key[0]


def supersede(conn: Connection, plan_id: int, now: datetime) -> None:
    """Reopening: the approved document stays, marked as no longer in force."""
    conn.execute(update(doc_t).where(doc_t.c.plan_id == plan_id, doc_t.c.superseded_at.is_(None))
                 .values(superseded_at=now))


@dataclass(frozen=True)
class Approved:
    """An approved document as pages list it (its bytes are read only to download)."""

    id: int
    sha256: str
    filename: str
    approved_at: datetime
    approved_by: str
    superseded_at: datetime | None
    version_number: int | None
    version_name: str

    @property
    def day(self) -> date:
        return local_day(self.approved_at)


def approved_documents(engine: Engine, plan_id: int) -> list[Approved]:
    """Every approved document of the plan, newest first."""
    query = (select(doc_t.c.id, doc_t.c.sha256, doc_t.c.filename, doc_t.c.approved_at, person_t.c.name,
                    doc_t.c.superseded_at, version_t.c.number, version_t.c.name)
             .select_from(doc_t.outerjoin(person_t, person_t.c.id == doc_t.c.approved_by)
                          .outerjoin(version_t, version_t.c.id == doc_t.c.version_id))
             .where(doc_t.c.plan_id == plan_id).order_by(doc_t.c.id.desc()))
    with engine.connect() as conn:
        return [Approved(i, sha, fn, at, who or "", sup, num, vname or "")
                for i, sha, fn, at, who, sup, num, vname in conn.execute(query)]


def approved_file(engine: Engine, plan_id: int, doc_id: int | None = None) -> tuple[bytes, str, str]:
    """(bytes, file name, its ASCII twin) of the latest approved document, or of ``doc_id``;
    NotFound when the plan has none."""
    query = select(doc_t.c.content, doc_t.c.filename).where(doc_t.c.plan_id == plan_id)
    query = query.where(doc_t.c.id == doc_id) if doc_id is not None else query.order_by(doc_t.c.id.desc()).limit(1)
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        raise NotFound(f"approved document of plan {plan_id}")
    content, filename = row
    plain = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    return bytes(content), filename, plain
