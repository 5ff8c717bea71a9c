"""One small block builder per field kind: what a field of that kind adds to the document.

Every builder has the shape ``(ctx, field) -> list[Block]`` and returns nothing for an empty
optional answer (so no empty heading is left behind); a draft marks a missing required one.
One-answer kinds give a ``Fact`` that the section walker gathers into a label–value table.
"""
from __future__ import annotations

from app.documents.context import Ctx
from app.documents.outline import Block, BulletList, Fact, Facts, Heading, Paragraph
from app.documents.tables import table_block
from app.plan.content import Field, FieldKind


def one_answer(ctx: Ctx, field: Field) -> list[Block]:
    """short, number, decimal, date, year, bool, choice, multichoice, ref, computed."""
    text = ctx.text(field)
    if text:
        return [Facts([Fact(ctx.label(field), text, attached=field.kind is FieldKind.BOOL)])]
    if ctx.marks(field):
        return [Facts([Fact(ctx.label(field), ctx.words["missing"], True)])]
    return []


def long_text(ctx: Ctx, field: Field) -> list[Block]:
    """A heading and the text, one paragraph per line the team wrote."""
    lines = [line.strip() for line in ctx.text(field).split("\n") if line.strip()]
    if lines:
        return [Heading(2, ctx.label(field))] + [Paragraph(line) for line in lines]
    if ctx.marks(field):
        return [Heading(2, ctx.label(field)), Paragraph(ctx.words["missing"], missing=True)]
    return []


def list_items(ctx: Ctx, field: Field) -> list[str]:
    """Each item's text, its extra columns (the SWOT evidence tag) in brackets."""
    text_col, *extra = [c for c in field.columns if ctx.visible(c)] or list(field.columns)
    items = []
    for row in ctx.data.rows(field.key):
        text = ctx.cell(field, text_col, row).strip()
        if not text:
            continue
        more = [f"{ctx.label(c)}: {v}" for c in extra if (v := ctx.cell(field, c, row))]
        items.append(f"{text} ({'; '.join(more)})" if more else text)
    return items


def list_field(ctx: Ctx, field: Field) -> list[Block]:
    items = list_items(ctx, field)
    if items:
        return [Heading(2, ctx.label(field)), BulletList(items)]
    if ctx.marks(field):
        return [Heading(2, ctx.label(field)), Paragraph(ctx.words["missing"], missing=True)]
    return []


def table_field(ctx: Ctx, field: Field) -> list[Block]:
    """A heading and the table with its caption; a missing required table is marked."""
    table = table_block(ctx, field, ctx.label(field))
    if table is not None:
        return [Heading(2, ctx.label(field)), table]
    if ctx.marks(field):
        return [Heading(2, ctx.label(field)), Paragraph(ctx.words["missing"], missing=True)]
    return []
