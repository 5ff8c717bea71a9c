"""A table field as a ``Table`` block: its rows in order, only columns that say something,
widths by kind and content, and a layout that fits the page.

A table too wide for a portrait page first folds its optional text columns into the cell that
names the row ("Partneriai: …" under the measure); if it is still too wide it goes on landscape
pages (the action plan), where the same folding applies before the widths are scaled to fit.
"""
from __future__ import annotations

import re

from app.documents.context import Ctx
from app.documents.outline import Cell, Column, Row, Table
from app.plan.computed import as_number
from app.plan.content import Field, FieldKind
from app.plan.data import RowData
from app.plan.formatting import keep_date_together

PORTRAIT_CM, LANDSCAPE_CM = 17.0, 25.7  # A4 less the margins of the reference document
CHAR_CM = 0.165                         # one character of 9 pt table text, with some room
PAD_CM = 0.45                           # the cell's left and right margins
WORD_CAP = 14                           # longer words may break; shorter ones should not
HEAD_WIDER = 1.08                       # a bold heading letter is this much wider
PORTRAIT_STRETCH = 1.3
ANCHOR_CM = 3.2                  # squeeze up to this much into portrait before turning
BASE_CM = {
    FieldKind.COMPUTED: 1.3, FieldKind.DECIMAL: 2.3, FieldKind.YEAR: 1.5, FieldKind.DATE: 2.6,
    FieldKind.BOOL: 1.4, FieldKind.CHOICE: 2.4, FieldKind.MULTICHOICE: 3.4, FieldKind.REF: 3.2,
    FieldKind.LONG: 5.5,
}
NUMERIC = frozenset({FieldKind.NUMBER, FieldKind.DECIMAL, FieldKind.YEAR})
FOLDABLE = frozenset({FieldKind.SHORT, FieldKind.LONG})
_BREAKS = re.compile(r"[ \t\n]+")  # where a line may break: not at a no-break space
_NUMBER_TEXT = re.compile(r"[−-]?[0-9][0-9\u00a0 .,]*%?")  # "1 250,50", "1.2", "45 %"


def _base(col: Field) -> float:
    if col.kind is FieldKind.NUMBER:
        digits = len(f"{int(col.max_value or 999999):,}")
        return max(1.3, digits * CHAR_CM + PAD_CM)
    if col.kind is FieldKind.SHORT:
        limit = col.max_len or 200
        return 2.0 if limit <= 30 else 3.0 if limit <= 100 else 3.4 if limit <= 200 else 4.5
    return BASE_CM.get(col.kind, 3.0)


def _natural(code: str) -> tuple:
    parts = re.findall(r"\d+", code or "")
    return (0, tuple(int(p) for p in parts)) if parts else (1, ())


def ordered_rows(ctx: Ctx, table: Field, rows: list[RowData]) -> list[RowData]:
    """Ranked tables by their rank (ties keep their order), coded ones (1, 1.1…) by code."""
    by = ctx.sort.get(table.key)
    if by:
        col = table.column(by)
        ranks = {r.id: as_number(ctx.cell(table, col, r)) for r in rows}
        return sorted(rows, key=lambda r: (ranks[r.id] is None, ranks[r.id] or 0))
    code = next((c for c in table.columns if c.key == "code" and c.kind is FieldKind.COMPUTED), None)
    if code is None:
        return rows
    return sorted(rows, key=lambda r: _natural(ctx.cell(table, code, r)))


def _fixed_label(ctx: Ctx, table: Field, row: RowData) -> str:
    return next((ctx.t(fr.label) for fr in table.fixed_rows if fr.id == row.fixed), row.fixed or "")


def table_block(ctx: Ctx, table: Field, caption: str, rows: list[RowData] | None = None,
                unmarked: frozenset[str] = frozenset()) -> Table | None:
    """The table as it should print, or None when nothing in it is worth printing. Rows in
    ``unmarked`` (copies from another table) get no "[neužpildyta]" marks."""
    rows = ordered_rows(ctx, table, ctx.data.rows(table.key) if rows is None else rows)
    columns = [c for c in table.columns if ctx.visible(c)]
    texts = [[_text(ctx, table, c, r) for c in columns] for r in rows]
    plain = [i for i, c in enumerate(columns) if c.kind is not FieldKind.COMPUTED]
    keep = [i for i, r in enumerate(rows) if any(texts[i][j] for j in plain)
            or (r.fixed and any(ctx.marks(columns[j]) for j in plain))]
    if not keep:
        return None
    rows, texts = [rows[i] for i in keep], [texts[i] for i in keep]
    used = [j for j, c in enumerate(columns) if any(t[j] for t in texts) or ctx.marks(c)]
    columns, texts = [columns[j] for j in used], [[t[j] for j in used] for t in texts]
    missing = ctx.words["missing"]
    cells = [[Cell(missing, True) if not text and ctx.marks(col) and r.id not in unmarked else Cell(text)
              for col, text in zip(columns, line)] for r, line in zip(rows, texts)]
    labels = [ctx.label(c) for c in columns]
    fixed = bool(table.fixed_rows)
    if fixed:
        columns = [Field(key="", kind=FieldKind.SHORT, label=table.label, max_len=60)] + columns
        labels.insert(0, ctx.label(table))
        for row, line in zip(rows, cells):
            line.insert(0, Cell(_fixed_label(ctx, table, row)))
    sizes = [_width(col, label, [line[i].text for line in cells])
             for i, (col, label) in enumerate(zip(columns, labels))]
    widths, mins = [w for w, _ in sizes], [m for _, m in sizes]
    anchor = _anchor(table, columns, fixed)
    mins[anchor] = max(mins[anchor], min(widths[anchor], ANCHOR_CM))  # the row's name stays readable
    landscape, folded = _layout(columns, widths, mins, anchor)
    page = LANDSCAPE_CM if landscape else PORTRAIT_CM
    shown = [i for i in range(len(columns)) if i not in folded]
    for line in cells:
        for i in sorted(folded):
            if line[i].text:
                line[anchor].extra.append((labels[i], line[i].text))
    if folded:  # the row's name now carries the folded columns: give it their room
        widths[anchor] += sum(min(widths[i], 4.0) for i in folded)
    fitted = fit([widths[i] for i in shown], [mins[i] for i in shown], page)
    out_cols = [Column(labels[i], w, _numeric(columns[i], [line[i].text for line in cells]))
                for i, w in zip(shown, fitted)]
    out_rows = [Row([line[i] for i in shown]) for line in cells]
    return Table(caption, out_cols, out_rows, row_headers=fixed, landscape=landscape)


def _text(ctx: Ctx, table: Field, col: Field, row: RowData) -> str:
    """A cell's text; a date's words held together ("2025 m. | rugsėjo 1 d.")."""
    text = ctx.cell(table, col, row)
    return keep_date_together(text, ctx.lang) if col.kind is FieldKind.DATE else text


def _numeric(col: Field, texts: list[str]) -> bool:
    """Right-aligned: numbers, and a computed column only when what it shows is numbers (a code
    "1.2", a rank), not words ("dirbti glaudžiai")."""
    if col.kind is FieldKind.COMPUTED:
        shown = [t.strip() for t in texts if t.strip()]
        return bool(shown) and all(_NUMBER_TEXT.fullmatch(t) for t in shown)
    return col.kind in NUMERIC


def _width(col: Field, label: str, texts: list[str]) -> tuple[float, float]:
    """(preferred, least) width: never narrower than the longest word of the content (up to
    ``WORD_CAP`` letters; a date's or an amount's words held together by no-break spaces count
    whole) or of the heading (bold: "Suinteresuotumas" is not cut), no wider than the content
    needs."""
    pieces = [w for t in texts for w in _BREAKS.split(t) if w]
    words = [len(p) for w in pieces for p in w.split()]
    joined = [len(w) for w in pieces if "\u00a0" in w]
    heading = [len(w) * HEAD_WIDER for w in label.split()]
    least = max(min(max(words, default=4), WORD_CAP), max(joined, default=0),
                min(max(heading, default=0), 2 * WORD_CAP)) * CHAR_CM + PAD_CM
    longest = max((len(t) for t in texts), default=0)
    return round(max(least, min(_base(col), longest * CHAR_CM + PAD_CM)), 2), round(least, 2)


def fit(widths: list[float], mins: list[float], page: float) -> list[float]:
    """Widths that fill the page: extra room shared by preference, shrinking taken from the
    room each column has above its least width."""
    total = sum(widths)
    if total <= page:
        return [round(w * page / total, 2) for w in widths]
    spare, over = sum(w - m for w, m in zip(widths, mins)), total - page
    if spare >= over:
        return [round(w - (w - m) * over / spare, 2) for w, m in zip(widths, mins)]
    return [round(m * page / sum(mins), 2) for m in mins]


def _anchor(table: Field, columns: list[Field], fixed: bool) -> int:
    """The column that names a row: folded columns are written into its cells."""
    if fixed:
        return 0
    for i, col in enumerate(columns):
        if col.key == table.row_label:
            return i
    return next((i for i, c in enumerate(columns) if c.kind is not FieldKind.COMPUTED), 0)


def _layout(columns: list[Field], widths: list[float], mins: list[float],
            anchor: int) -> tuple[bool, set[int]]:
    """Portrait if it fits, folding optional text and squeezing a little; else landscape,
    where optional columns of any kind but computed ones may fold too."""
    if len(columns) <= 2:
        return False, set()
    optional = [i for i, c in enumerate(columns)
                if i != anchor and c.key and not c.required and c.kind is not FieldKind.COMPUTED]
    text = sorted((i for i in optional if columns[i].kind in FOLDABLE),
                  key=lambda i: (columns[i].kind is not FieldKind.LONG, -widths[i]))
    rest = sorted((i for i in optional if columns[i].kind not in FOLDABLE), key=lambda i: -mins[i])
    for landscape, page, least_page in ((False, PORTRAIT_CM * PORTRAIT_STRETCH, PORTRAIT_CM),
                                        (True, LANDSCAPE_CM * 1.05, LANDSCAPE_CM)):
        folded: set[int] = set()

        def over(hard: bool = False) -> bool:
            kept = [i for i in range(len(columns)) if i not in folded]
            return (not hard and sum(widths[i] for i in kept) > page) or sum(mins[i] for i in kept) > least_page

        for i in text:
            if not over():
                break
            folded.add(i)
        for i in rest if landscape else ():
            if not over(hard=True):  # other kinds fold only when even the least widths overflow
                break
            folded.add(i)
        if not over() or landscape:
            return landscape, folded
    return True, set()
