"""View models: what a step page needs to draw each field, row and cell. Built from the content
model, the plan's cells and, after a refused save, what the person typed (never lost)."""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from typing import Any

from app.plan.answers import CellState
from app.plan.content import OTHER, Field, FieldKind, StepField, Template, Text
from app.plan.data import PlanData, RowData
from app.plan.display import cell_text, field_text, input_number, ref_choices, row_title
from app.plan.formatting import exact
from app.plan.validation import is_visible


#: The widget partial of each kind (rows kinds share the table partial).
WIDGETS: dict[FieldKind, str] = {
    kind: ("wizard/_table.html" if kind in (FieldKind.LIST, FieldKind.TABLE) else f"wizard/kinds/_{kind.value}.html")
    for kind in FieldKind
}


def css_id(path: str) -> str:
    return "c-" + "".join(ch if ch.isalnum() else "-" for ch in path)


def input_text(field: Field, value: Any) -> str:
    """A stored value as the text an input shows for editing (decimal comma for numbers)."""
    if value is None:
        return ""
    if field.kind in (FieldKind.NUMBER, FieldKind.DECIMAL, FieldKind.YEAR) and not isinstance(value, str):
        number = exact(value)  # never "1e+20" or "inf" in an input; a non-number shows empty
        money = input_number(field, value) if number is not None else None  # "1 250,50" as in tables
        return "" if number is None else money or f"{number.normalize():f}".replace(".", ",")
    if isinstance(value, dict):
        return str(value.get("other") or "")
    return str(value)


@dataclass
class CellView:
    path: str
    field: Field
    value: Any = None
    revision: int = 0
    typed: list[str] | None = None   # what the person sent, shown again after a refusal
    typed_other: str | None = None
    error: Text | None = None
    readonly: bool = False
    options: list[tuple[str, str]] = dc_field(default_factory=list)
    computed: str = ""
    label: str = ""

    @property
    def id(self) -> str:
        return css_id(self.path)

    @property
    def text(self) -> str:
        if self.typed is not None:
            return self.typed[-1] if self.typed else ""
        return input_text(self.field, self.value)

    @property
    def selected(self) -> list[str]:
        if self.typed is not None:
            return self.typed
        v = self.value
        if isinstance(v, dict):
            sel = v.get("selected")
            return sel if isinstance(sel, list) else [sel]
        if isinstance(v, list):
            return v
        return [] if v is None else [str(v)]

    @property
    def other(self) -> str:
        if self.typed_other is not None:
            return self.typed_other
        return str(self.value.get("other") or "") if isinstance(self.value, dict) else ""

    @property
    def checked(self) -> bool:
        if self.typed is not None:
            return bool(self.typed) and self.typed[-1] in ("1", "on", "true")
        return bool(self.value)


@dataclass
class RowView:
    id: str
    index: int
    heading: str
    fixed: bool
    cells: list[CellView]


@dataclass
class FieldView:
    field: Field
    cell: CellView | None = None          # non-table fields
    rows: list[RowView] = dc_field(default_factory=list)
    columns: list[Field] = dc_field(default_factory=list)
    visible: bool = True
    error: Text | None = None             # a refused row action ("at most 5 rows"), by the table

    @property
    def grid(self) -> bool:
        """Fixed rows of a few numbers (age bands, weights) read best as a real grid."""
        numeric = (FieldKind.NUMBER, FieldKind.DECIMAL, FieldKind.YEAR, FieldKind.COMPUTED)
        return bool(self.field.fixed_rows) and 0 < len(self.columns) <= 4 and \
            all(c.kind in numeric for c in self.columns)

    @property
    def can_add(self) -> bool:
        f = self.field
        return not f.fixed_rows and (f.max_rows is None or len(self.rows) < f.max_rows)


class ViewBuilder:
    """Builds field views for one page from one read of the plan."""

    def __init__(self, template: Template, data: PlanData, cells: dict[str, CellState], lang: str,
                 lag_options: list[tuple[str, str]] | None = None,
                 typed: dict[str, tuple[list[str], str | None, Text | None]] | None = None):
        self.template, self.data, self.cells, self.lang = template, data, cells, lang
        self.lag_options = lag_options or []
        self.typed = typed or {}

    def options(self, f: Field) -> list[tuple[str, str]]:
        if f.kind is FieldKind.REF:
            return ref_choices(self.template, self.data, f, self.lang)
        if f.options_from == "lags":
            return self.lag_options
        opts = [(o.value, o.label.get(self.lang)) for o in f.options]
        if f.allow_other:
            opts.append((OTHER, "Kita (įrašykite)" if self.lang != "en" else "Other (specify)"))
        return opts

    def cell(self, path: str, f: Field, readonly: bool = False, computed: str = "") -> CellView:
        state = self.cells.get(path)
        view = CellView(path, f, state.value if state else None, state.revision if state else 0,
                        readonly=readonly or f.kind is FieldKind.COMPUTED, computed=computed,
                        label=f.label.get(self.lang))
        if path in self.typed:
            view.typed, view.typed_other, view.error = self.typed[path]
        if f.kind in (FieldKind.CHOICE, FieldKind.MULTICHOICE, FieldKind.REF):
            view.options = self.options(f)
        if f.kind is FieldKind.REF and f.ref_only_selected and view.value is not None:
            view.options += self._unpicked(f, view)
        return view

    def _unpicked(self, f: Field, view: CellView) -> list[tuple[str, str]]:
        """A stored ref to a row no longer picked in ``only_selected`` stays on offer (marked):
        the plain form sends it back unchanged (a no-op) instead of clearing it unasked."""
        offered = {value for value, _ in view.options}
        rows = {r.id: r for r in self.data.rows(f.ref_table or "")}
        note = " (nebepažymėta)" if self.lang != "en" else " (no longer picked)"
        return [(i, row_title(self.template, self.data, f.ref_table or "", rows[i], self.lang) + note)
                for i in view.selected if i in rows and i not in offered]

    def field_view(self, sf: StepField) -> FieldView:
        f = self.template.fields[sf.key]
        view = FieldView(f, visible=is_visible(f, self.data))
        if not f.is_rows:
            computed = field_text(self.template, self.data, f, self.lang) if f.kind is FieldKind.COMPUTED else ""
            view.cell = self.cell(f.key, f, computed=computed)
            return view
        view.error = self.typed[f.key][2] if f.key in self.typed else None
        view.columns = [c for c in f.columns if sf.columns is None or c.key in sf.columns]
        view.columns = [c for c in view.columns if is_visible(c, self.data)]
        for index, row in enumerate(self.data.rows(f.key), start=1):
            view.rows.append(self.row_view(f, row, index, view.columns, sf.readonly_columns))
        return view

    def row_view(self, f: Field, row: RowData, index: int, columns: list[Field],
                 readonly: tuple[str, ...] = ()) -> RowView:
        heading = ""
        if row.fixed:
            heading = next((fr.label.get(self.lang) for fr in f.fixed_rows if fr.id == row.fixed), row.fixed)
        elif f.row_label and isinstance(row.get(f.row_label), str) and row.get(f.row_label).strip():
            heading = f"{index}. {row.get(f.row_label).strip()[:80]}"  # names the row for its buttons
        cells = []
        for col in columns:
            computed = cell_text(self.template, self.data, f, col, row, self.lang) \
                if col.kind is FieldKind.COMPUTED else ""
            cells.append(self.cell(f"{f.key}/{row.id}/{col.key}", col, col.key in readonly, computed))
        return RowView(row.id, index, heading, bool(row.fixed), cells)
