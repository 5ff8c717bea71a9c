"""An ``Outline`` as a Word document: styles from the reference document, landscape sections for
wide tables, a contents field Word and LibreOffice can update, header, footer, properties."""
from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import etree

from app.documents import docx_base as x
from app.documents.outline import (
    Block, BulletList, Cell, Facts, Heading, Outline, Paragraph, Picture, Table, TitlePage, Toc,
)
from app.documents.text import clean

LANG_TAGS = {"lt": "lt-LT", "en": "en-GB"}


class _Writer:
    def __init__(self, doc, outline: Outline):  # noqa: ANN001
        self.doc, self.outline = doc, outline
        self.s = {name: doc.styles[name].style_id for name in x.STYLES}
        self.body = doc.element.body
        self.sectpr = self.body.sectPr

    # ---------------------------------------------------------------- blocks
    def heading(self, h: Heading) -> None:
        style = self.s["Heading 1"] if h.level == 1 else self.s["Heading 2"]
        x.paragraph(self.body, h.full, style)

    def para(self, p: Paragraph) -> None:
        if p.missing:
            x.paragraph(self.body, p.text, self.s["Normal"], char_style=self.s["Missing Answer"])
        else:
            x.paragraph(self.body, p.text, self.s["Caption"] if p.style == "note" else self.s["Normal"])

    def bullets(self, b: BulletList) -> None:
        for item in b.items:
            x.paragraph(self.body, item, self.s["List Bullet"])

    def facts(self, f: Facts) -> None:
        tbl = x.table(self.body, [5.5, 11.5], self.s["Table Grid"])
        head, text, missing = self.s["Table Header"], self.s["Table Text"], self.s["Missing Answer"]
        for fact in f.items:
            tr = x.row(tbl)
            x.paragraph(x.cell(tr, 5.5, x.TOTAL_FILL), fact.label, head)
            tc = x.cell(tr, 11.5)
            lines = [line for line in fact.value.split("\n") if line.strip()] or [""]
            for line in lines:
                x.paragraph(tc, line, text, char_style=missing if fact.missing else None)
        x.paragraph(self.body, "", self.s["Table Text"])  # keeps the next table apart

    def _cell(self, tc: etree._Element, c: Cell, style: str, align: str | None) -> None:
        missing = self.s["Missing Answer"] if c.missing else None
        written = False
        for line in c.lines:
            x.paragraph(tc, line, style, char_style=missing, align=align)
            written = True
        for item in c.bullets or ():
            x.paragraph(tc, f"• {item}", style)
            written = True
        for label, value in c.extra:
            x.paragraph(tc, value, style, label=label)
            written = True
        if not written:
            x.paragraph(tc, "", style)

    def table(self, t: Table) -> None:
        s = self.s
        caption = self.outline.labels["table"].format(n=t.number, caption=t.caption)
        x.paragraph(self.body, caption, s["Caption"], keep_next=True)
        widths = [c.width for c in t.columns]
        tbl = x.table(self.body, widths, s["Table Grid"])
        if t.header:
            tr = x.row(tbl, header=True)
            for col in t.columns:
                x.paragraph(x.cell(tr, col.width, x.HEAD_FILL), col.label, s["Table Header"])
        aligns = ["right" if c.numeric else None for c in t.columns]
        text, head = s["Table Text"], s["Table Header"]
        for r in t.rows:
            fill = x.HEAD_FILL if r.kind == "head" else x.TOTAL_FILL if r.kind == "total" else None
            tr = x.row(tbl, header=r.kind == "head" and not t.header and r is t.rows[0])
            for i, (c, width) in enumerate(zip(r.cells, widths)):
                bold = r.kind != "data" or (t.row_headers and i == 0)
                self._cell(x.cell(tr, width, fill), c, head if bold else text, aligns[i])
        x.paragraph(self.body, "", s["Table Text"])

    def picture(self, pic: Picture) -> None:
        inline = self.doc.part.new_pic_inline(io.BytesIO(pic.png), Cm(pic.width_cm), None)
        inline.docPr.set("descr", pic.alt)
        inline.docPr.set("title", pic.caption)
        p = x.paragraph(self.body, "", self.s["Normal"], align="center", keep_next=True)
        etree.SubElement(etree.SubElement(p, x.R), qn("w:drawing")).append(inline)
        caption = self.outline.labels["figure"].format(n=pic.number, caption=pic.caption)
        x.paragraph(self.body, caption, self.s["Caption"], align="center")

    def title_page(self, tp: TitlePage) -> None:
        s = self.s
        x.paragraph(self.body, tp.organisation, s["Subtitle"])
        x.paragraph(self.body, tp.title, s["Title"])
        for label, value in tp.lines:
            x.paragraph(self.body, value, s["Title Page Line"], label=label)
        if tp.approval:  # the approved document's stamp, apart from the plan's own details
            x.paragraph(self.body, "", s["Normal"])
            for label, value in tp.approval:
                x.paragraph(self.body, value, s["Title Page Line"], label=label)
        for _ in range(6):
            x.paragraph(self.body, "", s["Normal"])
        for line in tp.project:
            x.paragraph(self.body, line, s["Normal"])
        x.page_break(self.body)

    def toc(self, toc: Toc) -> None:
        """A TOC field whose cached result already lists the headings (page numbers come when
        Word or LibreOffice updates it; Word is asked to on opening)."""
        s = self.s
        x.paragraph(self.body, toc.title, s["TOC Heading"])
        entries = toc.entries or [Heading(1, toc.title, numbered=False)]
        for i, h in enumerate(entries):
            p = x.paragraph(self.body, "", s["toc 1"] if h.level == 1 else s["toc 2"])
            if i == 0:
                x.field_begin(p, 'TOC \\o "1-1" \\h \\z \\u')
            x.text_run(p, h.full)
            if i == len(entries) - 1:
                x.field_end(p)
        x.page_break(self.body)

    # ---------------------------------------------------------------- document
    def write(self) -> None:
        blocks = self.outline.blocks
        landscape = _orientations(blocks)
        self.body.remove(self.sectpr)
        dispatch = {Heading: self.heading, Paragraph: self.para, BulletList: self.bullets, Facts: self.facts,
                    Table: self.table, Picture: self.picture, TitlePage: self.title_page, Toc: self.toc}
        current = False
        for block, wide in zip(blocks, landscape):
            if wide != current:
                x.section_break(self.body, self.sectpr, landscape=current)
                current = wide
            dispatch[type(block)](block)
        if current:  # the last section is the body's own: no empty page after it
            x.orient(self.sectpr, True)
        self.body.append(self.sectpr)


def _orientations(blocks: list[Block]) -> list[bool]:
    """Landscape for wide tables, for the headings right before them and for what follows them
    up to the next heading (the action plan's note and totals stay beside it)."""
    wide = [isinstance(b, Table) and b.landscape for b in blocks]
    for i in range(1, len(blocks)):
        if wide[i - 1] and not isinstance(blocks[i], (Heading, TitlePage, Toc)):
            wide[i] = True
    for i in range(len(blocks) - 2, -1, -1):
        if isinstance(blocks[i], Heading) and wide[i + 1]:
            wide[i] = True
    return wide


def _header_footer(doc, outline: Outline) -> None:  # noqa: ANN001
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    if outline.draft:
        header.style = doc.styles["Draft Mark"]
        header.add_run(outline.labels["draft"])
    footer = section.footer
    lines = footer.paragraphs[0]
    lines.style = doc.styles["Footer"]
    lines.add_run(" · ".join(outline.footer))
    number = footer.add_paragraph(style=doc.styles["Footer"])
    number.alignment = 1
    number.add_run(f"{outline.labels['page']} ")
    x.field_runs(number._p, "PAGE", "1")


def render_docx(outline: Outline, now: dt.datetime | None = None) -> bytes:
    """The outline as the bytes of a .docx file."""
    doc = Document(io.BytesIO(x.reference_bytes()))
    lang = LANG_TAGS.get(outline.lang, "lt-LT")
    if lang != "lt-LT":
        x.set_language(doc.styles.element, lang)
    _header_footer(doc, outline)
    _Writer(doc, outline).write()
    props = doc.core_properties
    props.title = clean(outline.title)[:255]
    props.author = props.last_modified_by = clean(outline.author)[:255] or "Plano vedlys"
    props.subject = clean(outline.labels.get("draft") if outline.draft else "")
    props.language = lang
    props.keywords = props.comments = ""
    props.created = props.modified = (now or dt.datetime.now(dt.timezone.utc)).replace(tzinfo=None)
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
