"""The typed content model of a plan: Template → Session → Step, and Section → Field.

Everything here is frozen: the catalogue loads the YAML once at start-up and every consumer
(wizard, validation, progress, DOCX, JSON) walks these objects. Nothing in the app names a
field in code except the cross-section checks in ``checks.py`` and the computations in
``computed.py``, which the YAML refers to by name.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class FieldKind(str, Enum):
    """The closed set of field kinds. Each has a widget, a validator, a codec and a renderer."""

    SHORT = "short"
    LONG = "long"
    NUMBER = "number"
    DECIMAL = "decimal"
    DATE = "date"
    YEAR = "year"
    BOOL = "bool"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    LIST = "list"
    TABLE = "table"
    REF = "ref"
    COMPUTED = "computed"


#: Kinds whose answers are rows (each row a set of cells) rather than one cell.
ROW_KINDS = frozenset({FieldKind.LIST, FieldKind.TABLE})

#: The value option that means "other (specify)" in choice and multichoice fields.
OTHER = "other"

#: Numbers that declare no ``min``/``max`` are still bounded: |x| ≤ 10¹² (a budget of a
#: trillion euros is a typo; past 2⁵³ ≈ 9·10¹⁵ a JSON number stops being exact as a float).
DEFAULT_NUMBER_BOUND = 10**12
#: The largest limit a template may declare, and the most significant digits a decimal may
#: carry (integer digits of its bound + its ``decimals``): where a float is still exact.
MAX_NUMBER_LIMIT = 10**15
MAX_SIGNIFICANT_DIGITS = 15
#: Places after the decimal comma of a ``decimal`` field that declares no ``decimals``.
DEFAULT_DECIMALS = 2


class Rule(str, Enum):
    """Validation codes of the spec: R blocks the final plan, O is optional.

    R1 is not a rule of its own here: a field carries ``gate_session`` (the session it must be
    filled in before the team leaves it) on top of R or O.
    """

    R = "R"
    O = "O"


@dataclass(frozen=True)
class Text:
    """A label or help text in both languages; Lithuanian is the default."""

    lt: str
    en: str = ""

    def get(self, lang: str) -> str:
        if lang == "en" and self.en:
            return self.en
        return self.lt

    def __bool__(self) -> bool:
        return bool(self.lt or self.en)

    def labelled(self, lt: str, en: str) -> "Text":
        """A message about the field this is the label of: „Biudžetas“: …"""
        return Text(f"„{self.lt}“: {lt}", f"“{self.get('en')}”: {en}")


@dataclass(frozen=True)
class Option:
    value: str
    label: Text


@dataclass(frozen=True)
class FixedRow:
    """A row created with the plan (age bands, infrastructure items); it cannot be removed."""

    id: str
    label: Text


@dataclass(frozen=True)
class VisibleIf:
    """Show a field or column only when another top-level field has one of these values."""

    field: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Field:
    key: str
    kind: FieldKind
    label: Text
    help: Text = Text("")
    rule: Rule = Rule.O
    section: str = ""
    gate_session: int | None = None
    # text limits (characters)
    min_len: int | None = None
    max_len: int | None = None
    pattern: str | None = None
    pattern_message: Text | None = None
    # numeric / date limits; "current" in YAML means the current year
    min_value: float | None = None
    max_value: float | None = None
    decimals: int | None = None  # decimal: places after the comma (catalogue: DEFAULT_DECIMALS)
    # choice, multichoice
    options: tuple[Option, ...] = ()
    options_from: str | None = None  # "lags" (data) or "<field>.<column>" choices of a table
    allow_other: bool = False
    min_items: int | None = None
    max_items: int | None = None
    # list, table
    columns: tuple["Field", ...] = ()
    fixed_rows: tuple[FixedRow, ...] = ()
    min_rows: int | None = None
    max_rows: int | None = None
    row_label: str | None = None  # column whose value names a row (for refs and headings)
    # ref
    ref_table: str | None = None
    ref_multiple: bool = False
    ref_only_selected: str | None = None  # only rows picked in this ref field (priorities)
    # computed
    compute: str | None = None
    # soft checks by name (checks.py); they never block
    warnings: tuple[str, ...] = ()
    visible_if: VisibleIf | None = None
    docx_hidden: bool = False

    @property
    def is_rows(self) -> bool:
        return self.kind in ROW_KINDS

    @property
    def required(self) -> bool:
        return self.rule is Rule.R

    def column(self, key: str) -> "Field":
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(f"{self.key}.{key}")

    def option_label(self, value: str, lang: str) -> str:
        for opt in self.options:
            if opt.value == value:
                return opt.label.get(lang)
        return value


@dataclass(frozen=True)
class StepField:
    """A field placed on a step, optionally showing only some of a table's columns."""

    key: str
    columns: tuple[str, ...] | None = None
    readonly_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    slug: str
    title: Text
    intro: Text
    fields: tuple[StepField, ...]
    session: int = 0


@dataclass(frozen=True)
class Session:
    number: int
    title: Text
    intro: Text
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Section:
    letter: str
    title: Text
    fields: tuple[str, ...]
    intro: Text = Text("")


@dataclass(frozen=True)
class Template:
    id: str
    title: Text
    sections: tuple[Section, ...]
    sessions: tuple[Session, ...]
    fields: dict[str, Field] = field(default_factory=dict)
    source: str = ""

    def field(self, key: str) -> Field:
        return self.fields[key]

    def steps(self) -> list[Step]:
        return [step for session in self.sessions for step in session.steps]

    def step(self, slug: str) -> Step:
        for step in self.steps():
            if step.slug == slug:
                return step
        raise KeyError(slug)

    def session(self, number: int) -> Session:
        for session in self.sessions:
            if session.number == number:
                return session
        raise KeyError(number)

    def section_of(self, key: str) -> Section:
        for section in self.sections:
            if key in section.fields:
                return section
        raise KeyError(key)

    def step_of(self, key: str) -> Step:
        """The first step that shows a field: where a link to the field goes."""
        for step in self.steps():
            if any(sf.key == key for sf in step.fields):
                return step
        raise KeyError(key)
