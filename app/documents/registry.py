"""The document builder of every field kind (DESIGN.md rule 2: each kind is complete).

``tests/plan/test_kinds.py`` fails when a kind of ``FieldKind`` has no entry here."""
from __future__ import annotations

from typing import Callable

from app.documents.context import Ctx
from app.documents.kinds import list_field, long_text, one_answer, table_field
from app.documents.outline import Block
from app.plan.content import Field, FieldKind

Renderer = Callable[[Ctx, Field], list[Block]]

RENDERERS: dict[FieldKind, Renderer] = {
    FieldKind.SHORT: one_answer,
    FieldKind.LONG: long_text,
    FieldKind.NUMBER: one_answer,
    FieldKind.DECIMAL: one_answer,
    FieldKind.DATE: one_answer,
    FieldKind.YEAR: one_answer,
    FieldKind.BOOL: one_answer,
    FieldKind.CHOICE: one_answer,
    FieldKind.MULTICHOICE: one_answer,
    FieldKind.LIST: list_field,
    FieldKind.TABLE: table_field,
    FieldKind.REF: one_answer,
    FieldKind.COMPUTED: one_answer,
}
