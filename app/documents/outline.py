"""The finished plan as a list of blocks, independent of the output format.

One walk of the content model (``sections.py``) builds an ``Outline``; ``docx_render.py`` turns it
into a Word document and the preview template (``templates/preview/``) into HTML. So the
document and its on-screen preview cannot drift apart. Every string in a block has already
passed through ``text.clean``.
"""
from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Heading:
    level: int            # 1 = a section of the plan, 2 = a part of it
    text: str
    numbered: bool = True
    number: str = ""      # "3." or "3.2.", set by ``number_headings``
    anchor: str = ""

    @property
    def full(self) -> str:
        return f"{self.number} {self.text}" if self.number else self.text


@dataclass
class Paragraph:
    text: str
    missing: bool = False  # a draft's "[neužpildyta]"
    style: str = "body"    # body | note


@dataclass
class Fact:
    label: str
    value: str
    missing: bool = False
    attached: bool = False  # a yes/no that qualifies the part before it ("approximate figures")


@dataclass
class Facts:
    """Label–value pairs of consecutive one-answer fields, shown as a two-column table."""

    items: list[Fact] = field(default_factory=list)


@dataclass
class BulletList:
    items: list[str]


@dataclass
class Cell:
    text: str = ""
    missing: bool = False
    extra: list[tuple[str, str]] = field(default_factory=list)  # folded columns: (label, text)
    bullets: list[str] | None = None                             # a list inside a cell (SWOT)

    @property
    def lines(self) -> list[str]:
        return [line for line in self.text.split("\n") if line.strip()] if self.text else []


@dataclass
class Column:
    label: str
    width: float          # centimetres, fitted to the page
    numeric: bool = False


@dataclass
class Row:
    cells: list[Cell]
    kind: str = "data"    # data | head (a heading row inside the table) | total


@dataclass
class Table:
    caption: str
    columns: list[Column]
    rows: list[Row]
    row_headers: bool = False   # the first cell of each row names the row
    header: bool = True         # the column labels form the first (repeated) row
    landscape: bool = False
    number: int = 0


@dataclass
class Picture:
    png: bytes
    alt: str
    caption: str
    width_cm: float
    number: int = 0

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass
class TitlePage:
    organisation: str
    title: str
    lines: list[tuple[str, str]]
    project: list[str]
    approval: list[tuple[str, str]] = field(default_factory=list)  # the approved document's stamp


@dataclass(frozen=True)
class Approval:
    """Who approved the plan in the app, on which day, as which numbered version: the approved
    document says so on its title page."""

    by: str
    on: "dt.date"
    version: int


@dataclass
class Toc:
    title: str
    entries: list[Heading] = field(default_factory=list)


def kind_of(block: "Block") -> str:
    """"heading", "table"…: what a template switches on."""
    return type(block).__name__.lower()


Block = Heading | Paragraph | Facts | BulletList | Table | Picture | TitlePage | Toc


@dataclass
class Outline:
    blocks: list[Block]
    title: str
    author: str
    lang: str
    draft: bool
    footer: list[str]
    labels: dict[str, str]      # fixed words of the document (draft mark, page, table…)

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


def number_headings(blocks: list[Block]) -> None:
    """"1. Bendruomenės aprašymas", "1.2. Gyventojai": numbers by position, anchors for links."""
    major = minor = 0
    for index, block in enumerate(blocks):
        if not isinstance(block, Heading):
            continue
        if block.numbered and block.level == 1:
            major, minor = major + 1, 0
            block.number = f"{major}."
        elif block.numbered and block.level == 2 and major:
            minor += 1
            block.number = f"{major}.{minor}."
        block.anchor = f"h-{index}"
