"""One walk of the content model: the plan's answers → an ``Outline`` (title page, contents,
introduction, the numbered sections B–K of the template in its order).

The first section of the template (A, the plan's details) feeds the title page and the
introduction; every later section becomes a numbered chapter whose fields are drawn by the
builder of their kind (``registry.RENDERERS``), or by ``special.py`` for the few the document
must know by name.
"""
from __future__ import annotations

from app.documents.context import Ctx
from app.documents.outline import (
    Approval, Block, BulletList, Facts, Heading, Outline, Paragraph, Picture, Table, TitlePage, Toc, number_headings,
)
from app.documents.registry import RENDERERS
from app.documents.special import DOC_KEYS, grid_blocks, special_blocks
from app.documents.text import PROJECT_NAME, PROJECT_NO, clean
from app.plan.content import FieldKind, Section, Template
from app.plan.data import PlanData


def build_outline(template: Template, data: PlanData, *, draft: bool,
                  options: dict[str, dict[str, str]] | None = None, approval: Approval | None = None) -> Outline:
    """The whole document as blocks; ``draft`` marks missing required answers; ``approval``
    stamps the title page of the approved document."""
    ctx = Ctx(template, data, draft, options or {}, dict(DOC_KEYS["rank"]))
    words = ctx.words
    toc = Toc(words["toc"])
    blocks: list[Block] = [title_page(ctx, approval), toc]
    first, *rest = template.sections
    blocks += introduction(ctx, first)
    for section in rest:
        body = section_blocks(ctx, section)
        if body:
            blocks += [Heading(1, ctx.t(section.title))] + body
    blocks = _drop_repeated_headings(blocks)
    number_headings(blocks)
    toc.entries = [b for b in blocks if isinstance(b, Heading) and b.level == 1]
    n_table = n_figure = 0
    for block in blocks:
        if isinstance(block, Table):
            n_table += 1
            block.number = n_table
        elif isinstance(block, Picture):
            n_figure += 1
            block.number = n_figure
    page = title_page_of(blocks)
    author = page.organisation
    meta = data.meta
    footer = [clean(x) for x in (meta.get("lag") or "", meta.get("lag_publicity") or "") if x]
    return Outline(blocks, page.title, author, ctx.lang, draft, footer, words)


def title_page_of(blocks: list[Block]) -> TitlePage:
    return next(b for b in blocks if isinstance(b, TitlePage))


def _value(ctx: Ctx, key: str) -> str:
    field = ctx.template.fields.get(key)
    return ctx.text(field) if field is not None and ctx.visible(field) else ""


def title_page(ctx: Ctx, approval: Approval | None = None) -> TitlePage:
    words = ctx.words
    organisation = _value(ctx, DOC_KEYS["organisation"]) or clean(ctx.data.meta.get("community"))
    title = _value(ctx, DOC_KEYS["title"]) or ctx.t(ctx.template.title)
    lines = []
    start, end = (_value(ctx, key) for key in DOC_KEYS["period"])
    if start and end:
        lines.append((words["period"], words["period_value"].format(a=start, b=end)))
    for key in DOC_KEYS["title_page"]:
        if (text := _value(ctx, key)):
            lines.append((ctx.label(ctx.template.fields[key]), text))
    project = [words["project_1"].format(name=PROJECT_NAME, no=PROJECT_NO), words["project_2"]]
    return TitlePage(organisation, title, lines, project, approval_lines(ctx, approval))


def approval_lines(ctx: Ctx, approval: Approval | None) -> list[tuple[str, str]]:
    """"Patvirtinta: 2025 m. birželio 30 d.", "Patvirtino: …", "Versija: Nr. 4"."""
    if approval is None:
        return []
    from app.plan.formatting import format_date

    words = ctx.words
    return [(words["approved_on"], format_date(approval.on, ctx.lang)),
            (words["approved_person"], clean(approval.by)),
            (words["approved_version"], words["version_no"].format(n=approval.version))]


def introduction(ctx: Ctx, details: Section) -> list[Block]:
    """Purpose of the plan, its details (section A) and how it was prepared and agreed (J)."""
    words = ctx.words
    org = _value(ctx, DOC_KEYS["organisation"]) or clean(ctx.data.meta.get("community"))
    start, end = (_value(ctx, key) for key in DOC_KEYS["period"])
    period = words["intro_period"].format(a=start, b=end) if start and end else ""
    blocks: list[Block] = [Heading(1, words["intro"], numbered=False),
                           Paragraph(words["purpose"].format(org=org, period=period))]
    blocks += _prepared(ctx)
    facts = _tidy(ctx, [b for key in details.fields for b in _field_blocks(ctx, key)])
    if facts:
        blocks += [Heading(2, ctx.t(details.title), numbered=False)] + facts
    return blocks


def _prepared(ctx: Ctx) -> list[Block]:
    """The introduction's account of the sessions and the approval, from section J."""
    words, out = ctx.words, []
    key, people_col, vulnerable_col = DOC_KEYS["sessions"]
    table = ctx.template.fields.get(key)
    if table is not None:
        items, people, vulnerable = [], 0.0, 0.0
        for row in ctx.data.rows(key):
            parts = [(ctx.label(c), ctx.cell(table, c, row)) for c in table.columns if ctx.visible(c)]
            parts = [(label, text) for label, text in parts if text]
            if not parts:
                continue
            name = next((ctx.t(fr.label) for fr in table.fixed_rows if fr.id == row.fixed), "")
            body = "; ".join(f"{label.lower()}: {text}" for label, text in parts)
            items.append(f"{name}: {body}" if name else body)
            people += float(row.get(people_col) or 0) if isinstance(row.get(people_col), (int, float)) else 0
            value = row.get(vulnerable_col)
            vulnerable += float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0
        if items:
            out += [Paragraph(words["prepared"].format(n=len(items))), BulletList(items)]
            if people:
                fmt = {"people": _count(people, ctx.lang), "vulnerable": _count(vulnerable, ctx.lang)}
                text = words["attendance" if vulnerable else "attendance_simple"].format(**fmt)
                out.append(Paragraph(text.replace("..", ".")))
    body, date = (_value(ctx, k) for k in DOC_KEYS["approval"])
    if body and date:
        text = words["approved"].format(body=body.lower() if ctx.lang == "lt" else body, date=date)
        out.append(Paragraph(text.replace("..", ".")))
    return out


def _count(value: float, lang: str) -> str:
    from app.plan.formatting import format_number

    return format_number(int(value), lang) + (" žm." if lang == "lt" else "")


def _field_blocks(ctx: Ctx, key: str) -> list[Block]:
    field = ctx.template.fields[key]
    if not ctx.visible(field):
        return []
    special = special_blocks(ctx, field)
    return special if special is not None else RENDERERS[field.kind](ctx, field)


def section_blocks(ctx: Ctx, section: Section) -> list[Block]:
    """A section's fields in order; consecutive lists side by side in one table."""
    fields = [ctx.template.fields[k] for k in section.fields]
    out: list[Block] = []
    i = 0
    while i < len(fields):
        run = [fields[i]]
        while fields[i].kind is FieldKind.LIST and i + len(run) < len(fields) \
                and fields[i + len(run)].kind is FieldKind.LIST:
            run.append(fields[i + len(run)])
        if len(run) > 1:
            out += grid_blocks(ctx, [f for f in run if ctx.visible(f)])
        else:
            out += _field_blocks(ctx, fields[i].key)
        i += len(run)
    return _tidy(ctx, out)


def _tidy(ctx: Ctx, blocks: list[Block]) -> list[Block]:
    """Gather one-answer fields into label–value tables. A group that follows a headed part gets
    a heading of its own (its first label), so it is not read as part of the one above."""
    merged: list[Block] = []
    for block in blocks:
        if isinstance(block, Facts) and merged and isinstance(merged[-1], Facts):
            merged[-1].items.extend(block.items)
        else:
            merged.append(block)
    out: list[Block] = []
    for block in merged:
        if isinstance(block, Facts) and any(isinstance(b, Heading) for b in out) \
                and not all(f.attached for f in block.items):
            first = block.items[0]
            out.append(Heading(2, first.label))
            if len(block.items) == 1:
                out += [Paragraph(line, first.missing) for line in first.value.split("\n") if line.strip()]
                continue
        out.append(block)
    return out


def _drop_repeated_headings(blocks: list[Block]) -> list[Block]:
    """"10. Priedai" then "10.1. Priedai": the part's heading says nothing new, leave it out."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level == 2 and out and isinstance(out[-1], Heading) \
                and out[-1].level == 1 and out[-1].text.casefold() == block.text.casefold():
            continue
        out.append(block)
    return out
