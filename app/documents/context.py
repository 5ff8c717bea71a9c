"""What every block builder reads: the model, the answers, draft or final, and the one way an
answer becomes text (``app.plan.display``, then ``clean``)."""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field, replace

from app.documents.text import clean, labels
from app.plan.content import OTHER, Field, FieldKind, Template, Text
from app.plan.data import PlanData, RowData
from app.plan.display import cell_text, display_value, field_text
from app.plan.validation import is_visible


@dataclass
class Ctx:
    template: Template
    data: PlanData
    draft: bool
    options: dict[str, dict[str, str]] = dc_field(default_factory=dict)  # options_from: value → name
    sort: dict[str, str] = dc_field(default_factory=dict)                 # table key → column to rank by

    @property
    def lang(self) -> str:
        return self.data.lang if self.data.lang in ("lt", "en") else "lt"

    @property
    def words(self) -> dict[str, str]:
        return labels(self.lang)

    def t(self, text: Text) -> str:
        return clean(text.get(self.lang))

    def label(self, f: Field) -> str:
        return self.t(f.label)

    def visible(self, f: Field) -> bool:
        return not f.docx_hidden and is_visible(f, self.data)

    def marks(self, f: Field) -> bool:
        """A draft marks a required, visible answer that is missing."""
        return self.draft and f.required and f.kind is not FieldKind.COMPUTED and self.visible(f)

    def _named(self, f: Field, value) -> str | None:  # noqa: ANN001
        names = self.options.get(f.options_from or "")
        return names.get(str(value)) if names and value is not None else None

    def text(self, f: Field) -> str:
        """A top-level answer as the document shows it ("" when there is none)."""
        named = self._named(f, self.data.value(f.key))
        return clean(named if named is not None else field_text(self.template, self.data, f, self.lang))

    def cell(self, table: Field, column: Field, row: RowData) -> str:
        named = self._named(column, row.get(column.key))
        if named is not None:
            return clean(named)
        return clean(cell_text(self.template, self.data, table, column, row, self.lang))

    def clean_option(self, f: Field, slug: str, other: str | None = None) -> str:
        """An option's label, "Kita: …" for the "other" option."""
        if f.kind is FieldKind.MULTICHOICE:
            value = {"selected": [slug], "other": other or ""}
        else:
            value = {"selected": OTHER, "other": other or ""} if slug == OTHER else slug
        return clean(display_value(self.template, self.data, f, value, self.lang))

    def with_rows(self, key: str, rows: list[RowData]) -> "Ctx":
        """The same context over answers where table ``key`` holds ``rows`` (row numbers follow)."""
        data = replace(self.data, tables={**self.data.tables, key: rows})
        return replace(self, data=data)
