"""Two states of a plan side by side: per section, field and table row, what changed, with the
changed words marked (difflib, word by word). Snapshots are ``versions.snapshot_of`` dicts;
values are shown as people read them (option labels, row titles), in the plan's language."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field as dc_field
from typing import Any

from app.plan.content import Field, FieldKind, Template
from app.plan.data import PlanData, RowData
from app.plan.display import display_value, row_title
from app.plan.versions import data_of

_TOKENS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
#: Below this share of words in common, a text counts as rewritten: shown old, then new.
REWRITTEN = 0.4


@dataclass(frozen=True)
class Piece:
    """A run of text: ``same``, ``del`` (only in the older state) or ``ins`` (only in the newer)."""

    op: str
    text: str


@dataclass
class FieldChange:
    key: str
    label: str
    old: str
    new: str
    pieces: list[Piece]
    changed: bool  # the stored answers differ (a ref's text may change with the row it names)


@dataclass
class RowChange:
    row_id: str
    title: str
    state: str  # same, changed, added, removed
    cells: list[FieldChange]
    moved: bool = False
    old_place: int | None = None  # 1-based places in the table
    new_place: int | None = None

    @property
    def changed(self) -> bool:
        return self.state != "same" or self.moved


@dataclass
class TableChange:
    key: str
    label: str
    rows: list[RowChange]

    @property
    def changed(self) -> bool:
        return any(r.changed for r in self.rows)


@dataclass
class SectionChange:
    letter: str
    title: str
    items: list[FieldChange | TableChange] = dc_field(default_factory=list)

    @property
    def changed(self) -> list[FieldChange | TableChange]:
        return [i for i in self.items if i.changed]

    @property
    def same(self) -> list[FieldChange | TableChange]:
        return [i for i in self.items if not i.changed]


@dataclass
class Comparison:
    sections: list[SectionChange]

    @property
    def count(self) -> int:
        """How many answers and rows differ."""
        n = 0
        for s in self.sections:
            for item in s.changed:
                n += sum(1 for r in item.rows if r.changed) if isinstance(item, TableChange) else 1
        return n


def word_diff(old: str, new: str) -> list[Piece]:
    """The words of ``old`` → ``new``: unchanged runs, removed runs and added runs."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if a and b and matcher.ratio() < REWRITTEN:  # a rewrite reads better whole than word by word
        return [Piece("del", old), Piece("ins", new)]
    pieces: list[Piece] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if pieces and pieces[-1].op == op:
            pieces[-1] = Piece(op, pieces[-1].text + text)
        else:
            pieces.append(Piece(op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("same", "".join(a[i1:i2]))
        else:
            add("del", "".join(a[i1:i2]))
            add("ins", "".join(b[j1:j2]))
    return pieces


def _shown(template: Template, data: PlanData, leaf: Field, value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and leaf.kind is FieldKind.LIST:
        return "; ".join(map(str, value))
    return display_value(template, data, leaf, value, lang)


def _field(template: Template, old: PlanData, new: PlanData, leaf: Field, key: str,
           old_value: Any, new_value: Any, lang: str) -> FieldChange:
    a = _shown(template, old, leaf, old_value, lang)
    b = _shown(template, new, leaf, new_value, lang)
    return FieldChange(key, leaf.label.get(lang), a, b, word_diff(a, b), old_value != new_value)


def _table(template: Template, old: PlanData, new: PlanData, table: Field, lang: str) -> TableChange:
    before = {r.id: (i, r) for i, r in enumerate(old.rows(table.key), start=1)}
    after = {r.id: (i, r) for i, r in enumerate(new.rows(table.key), start=1)}
    columns = [c for c in table.columns if c.kind is not FieldKind.COMPUTED]
    common_old = [i for i in before if i in after]
    common_new = [i for i in after if i in before]
    kept = set()  # rows whose order relative to each other did not change
    for block in difflib.SequenceMatcher(None, common_old, common_new, autojunk=False).get_matching_blocks():
        kept.update(common_old[block.a:block.a + block.size])
    rows: list[RowChange] = []
    for row_id, (place, row) in after.items():
        was = before.get(row_id)
        prior = was[1] if was else RowData(row_id)
        cells = [_field(template, old, new, c, f"{table.key}/{row_id}/{c.key}", prior.get(c.key),
                        row.get(c.key), lang) for c in columns]
        state = "added" if was is None else "changed" if any(c.changed for c in cells) else "same"
        rows.append(RowChange(row_id, row_title(template, new, table.key, row, lang), state, cells,
                              moved=was is not None and row_id not in kept,
                              old_place=was[0] if was else None, new_place=place))
    for row_id, (place, row) in before.items():
        if row_id not in after:
            cells = [_field(template, old, new, c, f"{table.key}/{row_id}/{c.key}", row.get(c.key), None, lang)
                     for c in columns]
            rows.append(RowChange(row_id, row_title(template, old, table.key, row, lang), "removed", cells,
                                  old_place=place))
    return TableChange(table.key, table.label.get(lang), rows)


def compare(template: Template, old_snapshot: dict, new_snapshot: dict, lang: str = "lt") -> Comparison:
    """What differs between two snapshots, section by section (computed answers left out:
    they follow from the others)."""
    old, new = data_of(old_snapshot, lang), data_of(new_snapshot, lang)
    sections = []
    for section in template.sections:
        out = SectionChange(section.letter, section.title.get(lang))
        for key in section.fields:
            f = template.fields.get(key)
            if f is None or f.kind is FieldKind.COMPUTED:
                continue
            if f.is_rows:
                out.items.append(_table(template, old, new, f, lang))
            else:
                out.items.append(_field(template, old, new, f, key, old.value(key), new.value(key), lang))
        sections.append(out)
    return Comparison(sections)
