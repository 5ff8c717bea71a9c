"""The parts of the document that must know a field by its key, all named in ``DOC_KEYS``.

Everything else in the document comes from walking the template's sections. These keys give
the title page and the introduction their facts, merge the advocacy activities into the action
plan (spec G10) with its totals, draw the power map (G4), hide participants' names without
consent (J), rank the needs (D) and title the two list grids (SWOT, community assets).
"""
from __future__ import annotations

from collections import defaultdict

from app.documents import power_map
from app.documents.context import Ctx
from app.documents.kinds import list_field, list_items, table_field
from app.documents.outline import Block, BulletList, Cell, Column, Heading, Paragraph, Picture, Row, Table
from app.documents.tables import PORTRAIT_CM, table_block
from app.plan.computed import as_date, as_number, choice_slug, selected
from app.plan.content import OTHER, Field, Text
from app.plan.data import RowData
from app.plan.formatting import format_money, format_number

DOC_KEYS = {
    "organisation": "bo_name",
    "title": "plan_title",
    "period": ("period_from", "period_to"),
    "title_page": ("municipality", "eldership", "lag", "approved_date"),
    "sessions": ("sessions", "participants_n", "vulnerable_n"),
    "approval": ("approved_by", "approved_date"),
    "participants": ("participants", "participants_consent", "participants_numbers_only"),
    "rank": {"needs": "rank"},
    "power_map": ("targets", "name", "influence", "position"),
    "action_plan": ("actions", "adv_actions", "kind", "advocacy", "measure"),
    "advocacy_columns": {"activity": ("measure",), "date": ("start", "end")},
    "budget": ("budget_eur", "funding", "start", "end"),
    "grids": {"strengths": Text("SSGG lentelė", "SWOT table"),
              "assets_people": Text("Bendruomenės ištekliai", "Community assets")},
}


def special_blocks(ctx: Ctx, field: Field) -> list[Block] | None:
    """The blocks of a field that needs more than its kind's builder, else None."""
    if field.key == DOC_KEYS["power_map"][0]:
        return power_map_blocks(ctx, field)
    if field.key == DOC_KEYS["action_plan"][0]:
        return action_plan_blocks(ctx, field)
    if field.key == DOC_KEYS["participants"][0]:
        return participants_blocks(ctx, field)
    if field.key in DOC_KEYS["participants"][1:]:
        return []  # the switches say how participants are shown; they are not content
    return None


# ---------------------------------------------------------------- lists side by side

def grid_blocks(ctx: Ctx, fields: list[Field]) -> list[Block]:
    """Consecutive lists (SWOT, assets) as one table, two lists a row, each under its label."""
    parts = [(f, list_items(ctx, f)) for f in fields]
    parts = [(f, items) for f, items in parts if items or ctx.marks(f)]
    if len(parts) <= 1:
        return list_field(ctx, parts[0][0]) if parts else []
    title = DOC_KEYS["grids"].get(fields[0].key)
    caption = ctx.t(title) if title else "; ".join(ctx.label(f) for f, _ in parts)
    rows = []
    for i in range(0, len(parts), 2):
        pair = parts[i:i + 2] + ([(None, [])] if i + 1 == len(parts) else [])
        rows.append(Row([Cell(ctx.label(f) if f else "") for f, _ in pair], kind="head"))
        rows.append(Row([Cell(bullets=items) if items or not f else Cell(ctx.words["missing"], True)
                         for f, items in pair]))
    half = PORTRAIT_CM / 2
    return [Heading(2, caption), Table(caption, [Column("", half), Column("", half)], rows, header=False)]


# ---------------------------------------------------------------- G4 power map

def power_map_blocks(ctx: Ctx, field: Field) -> list[Block]:
    blocks = table_field(ctx, field)
    _, name, influence, position = DOC_KEYS["power_map"]
    targets = []
    for row in ctx.data.rows(field.key):
        y, x = as_number(row.get(influence)), as_number(choice_slug(row.get(position)))
        label = ctx.cell(field, field.column(name), row).strip()
        if label and y is not None and x is not None:
            targets.append(power_map.Target(label, max(1.0, min(5.0, y)), max(-2.0, min(2.0, x))))
    if not targets:
        return blocks
    words = ctx.words
    items = [words["alt_item"].format(name=t.name, influence=format_number(t.influence, ctx.lang),
                                      position=f"{t.position:+.0f}".replace("-", "−").replace("+0", "0"))
             for t in targets]
    alt = words["alt_map"] + "; ".join(f"{i}. {text}" for i, text in enumerate(items, start=1)) + "."
    return blocks + [Picture(power_map.render(targets, words), alt, words["power_map"], 16.0)]


# ---------------------------------------------------------------- J participants

def participants_blocks(ctx: Ctx, field: Field) -> list[Block]:
    """Names only with the participants' consent; otherwise how many there were."""
    _, consent, numbers_only = DOC_KEYS["participants"]
    rows = [r for r in ctx.data.rows(field.key) if any(ctx.cell(field, c, r) for c in field.columns)]
    if not rows:
        return []
    if ctx.data.value(consent) is True and ctx.data.value(numbers_only) is not True:
        return table_field(ctx, field)
    key = "people_n" if ctx.data.value(numbers_only) is True else "people_no_consent"
    return [Heading(2, ctx.label(field)), Paragraph(ctx.words[key].format(n=len(rows)))]


# ---------------------------------------------------------------- H action plan

def _advocacy_rows(ctx: Ctx, actions: Field) -> list[RowData]:
    """G10's activities as action-plan rows of kind "advocacy", unless the team already did so."""
    _, adv_key, kind, advocacy, measure = DOC_KEYS["action_plan"]
    if adv_key not in ctx.template.fields:
        return []
    mapping = DOC_KEYS["advocacy_columns"]
    own = {str(r.get(measure) or "").strip().casefold() for r in ctx.data.rows(actions.key)
           if choice_slug(r.get(kind)) == advocacy}
    columns = {c.key for c in actions.columns}
    copies = []
    for row in ctx.data.rows(adv_key):
        values: dict = {kind: advocacy}
        for key, value in row.values.items():
            for target in mapping.get(key, (key,)):
                if target in columns and target != kind:
                    values[target] = value
        text = str(values.get(measure) or "").strip()
        if text and text.casefold() not in own:
            copies.append(RowData(f"adv-{row.id}", values))
    return copies


def action_plan_blocks(ctx: Ctx, field: Field) -> list[Block]:
    copies = _advocacy_rows(ctx, field)
    rows = list(ctx.data.rows(field.key)) + copies
    sub = ctx.with_rows(field.key, rows)
    table = table_block(sub, field, ctx.label(field), rows, frozenset(r.id for r in copies))
    if table is None:
        return table_field(ctx, field)
    blocks: list[Block] = [Heading(2, ctx.label(field)), table]
    if copies:
        kind = field.column(DOC_KEYS["action_plan"][2])
        blocks.append(Paragraph(ctx.words["copied"].format(
            kind=ctx.clean_option(kind, DOC_KEYS["action_plan"][3])), style="note"))
    return blocks + budget_tables(sub, field, rows)


def budget_tables(ctx: Ctx, field: Field, rows: list[RowData]) -> list[Block]:
    """Totals of the action plan's budget by funding source and by year."""
    budget, funding, start, end = DOC_KEYS["budget"]
    cols = {c.key: c for c in field.columns}
    if budget not in cols:
        return []
    words, lang = ctx.words, ctx.lang
    by_source: dict[str, float] = defaultdict(float)
    by_year: dict[str, float] = defaultdict(float)
    for row in rows:
        amount = as_number(row.get(budget))
        if amount is None:
            continue
        names = []
        if funding in cols:
            value = row.get(funding)
            for slug in selected(value):
                other = value.get(OTHER) if isinstance(value, dict) else None
                names.append(ctx.clean_option(cols[funding], slug, other))
        by_source[" + ".join(names) or words["not_stated"]] += amount
        day = as_date(row.get(start)) or as_date(row.get(end))
        by_year[str(day.year) if day else words["not_stated"]] += amount
    if not by_source:
        return []
    out: list[Block] = []
    for title, head, sums in ((words["by_source"], words["source"], by_source),
                              (words["by_year"], words["year"], by_year)):
        lines = [Row([Cell(k), Cell(format_money(v, lang))]) for k, v in sorted(sums.items())]
        lines.append(Row([Cell(words["total"]), Cell(format_money(sum(sums.values()), lang))], kind="total"))
        out.append(Table(title, [Column(head, 12.0), Column(words["amount"], 5.0, True)], lines))
    return out
