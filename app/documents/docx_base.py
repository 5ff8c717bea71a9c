"""Low-level WordprocessingML: paragraphs, runs, tables, fields and section breaks built straight
into python-docx's XML tree with lxml (the fast path: no ``table.cell(r, c)``, no style lookup
per paragraph). Styles are used by name; ``STYLES`` lists every name, and a test checks that
the reference document (``plan_templates/reference.docx``) defines each one.
"""
from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

REFERENCE = Path(__file__).resolve().parents[2] / "plan_templates" / "reference.docx"

#: Every style the renderer uses, by the name Word shows.
STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "TOC Heading", "toc 1", "toc 2",
    "Table Text", "Table Header", "Caption", "List Bullet", "Title Page Line", "Draft Mark",
    "Header", "Footer", "Missing Answer", "Table Grid",
)

CM = 567  # twentieths of a point per centimetre
P, PPR, PSTYLE, R, RPR, RSTYLE, T, BR, TAB = (qn(t) for t in (
    "w:p", "w:pPr", "w:pStyle", "w:r", "w:rPr", "w:rStyle", "w:t", "w:br", "w:tab"))
TBL, TBLPR, TBLSTYLE, TBLW, TBLLAYOUT, TBLGRID, GRIDCOL, TR, TRPR, TBLHEADER, TC, TCPR, TCW, SHD = (
    qn(t) for t in ("w:tbl", "w:tblPr", "w:tblStyle", "w:tblW", "w:tblLayout", "w:tblGrid",
                    "w:gridCol", "w:tr", "w:trPr", "w:tblHeader", "w:tc", "w:tcPr", "w:tcW", "w:shd"))
B, JC, KEEP_NEXT, VAL, W_, TYPE = (qn(t) for t in ("w:b", "w:jc", "w:keepNext", "w:val", "w:w", "w:type"))
SPACE = "{http://www.w3.org/XML/1998/namespace}space"
HEAD_FILL, TOTAL_FILL = "E3EBE5", "F2F4F2"


@lru_cache(maxsize=1)
def reference_bytes() -> bytes:
    """The reference document, read once (styles only: no plan data is cached)."""
    return REFERENCE.read_bytes()


def text_run(p: etree._Element, text: str, *, bold: bool = False, char_style: str | None = None) -> None:
    r = etree.SubElement(p, R)
    if bold or char_style:
        rpr = etree.SubElement(r, RPR)
        if char_style:
            etree.SubElement(rpr, RSTYLE, {VAL: char_style})
        if bold:
            etree.SubElement(rpr, B)
    t = etree.SubElement(r, T)
    t.text = text
    if text[:1].isspace() or text[-1:].isspace():
        t.set(SPACE, "preserve")


def paragraph(parent: etree._Element, text: str = "", style: str | None = None, *, bold: bool = False,
              char_style: str | None = None, align: str | None = None, keep_next: bool = False,
              label: str | None = None) -> etree._Element:
    """A paragraph of one run (``label`` adds a bold "Label: " run before it)."""
    p = etree.SubElement(parent, P)
    if style or align or keep_next:
        ppr = etree.SubElement(p, PPR)
        if style:
            etree.SubElement(ppr, PSTYLE, {VAL: style})
        if keep_next:
            etree.SubElement(ppr, KEEP_NEXT)
        if align:
            etree.SubElement(ppr, JC, {VAL: align})
    if label:
        text_run(p, f"{label}: ", bold=True)
    if text:
        text_run(p, text, bold=bold, char_style=char_style)
    return p


def page_break(parent: etree._Element) -> None:
    r = etree.SubElement(etree.SubElement(parent, P), R)
    etree.SubElement(r, BR, {TYPE: "page"})


def table(parent: etree._Element, widths_cm: list[float], style: str) -> etree._Element:
    """An empty fixed-layout table of the given column widths."""
    tbl = etree.SubElement(parent, TBL)
    pr = etree.SubElement(tbl, TBLPR)
    etree.SubElement(pr, TBLSTYLE, {VAL: style})
    etree.SubElement(pr, TBLW, {W_: str(int(sum(widths_cm) * CM)), TYPE: "dxa"})
    etree.SubElement(pr, TBLLAYOUT, {TYPE: "fixed"})
    etree.SubElement(pr, qn("w:tblLook"), {VAL: "04A0", qn("w:firstRow"): "1", qn("w:lastRow"): "0",
                                           qn("w:firstColumn"): "0", qn("w:lastColumn"): "0",
                                           qn("w:noHBand"): "0", qn("w:noVBand"): "1"})
    grid = etree.SubElement(tbl, TBLGRID)
    for width in widths_cm:
        etree.SubElement(grid, GRIDCOL, {W_: str(int(width * CM))})
    return tbl


def row(tbl: etree._Element, *, header: bool = False) -> etree._Element:
    tr = etree.SubElement(tbl, TR)
    if header:  # repeated at the top of every page the table runs onto
        etree.SubElement(etree.SubElement(tr, TRPR), TBLHEADER)
    return tr


def cell(tr: etree._Element, width_cm: float, fill: str | None = None) -> etree._Element:
    tc = etree.SubElement(tr, TC)
    pr = etree.SubElement(tc, TCPR)
    etree.SubElement(pr, TCW, {W_: str(int(width_cm * CM)), TYPE: "dxa"})
    if fill:
        etree.SubElement(pr, SHD, {VAL: "clear", qn("w:color"): "auto", qn("w:fill"): fill})
    return tc


def field_runs(p: etree._Element, instruction: str, placeholder: str = "") -> None:
    """A complex field (PAGE, NUMPAGES) whose cached result is ``placeholder``."""
    for kind in ("begin", None, "separate", "result", "end"):
        r = etree.SubElement(p, R)
        if kind is None:
            instr = etree.SubElement(r, qn("w:instrText"))
            instr.text = f" {instruction} "
            instr.set(SPACE, "preserve")
        elif kind == "result":
            etree.SubElement(r, T).text = placeholder or " "
        else:
            etree.SubElement(r, qn("w:fldChar"), {qn("w:fldCharType"): kind})


def field_begin(p: etree._Element, instruction: str) -> None:
    """Open a field that spans several paragraphs (the contents); ``field_end`` closes it."""
    etree.SubElement(etree.SubElement(p, R), qn("w:fldChar"), {qn("w:fldCharType"): "begin"})
    instr = etree.SubElement(etree.SubElement(p, R), qn("w:instrText"))
    instr.text = f" {instruction} "
    instr.set(SPACE, "preserve")
    etree.SubElement(etree.SubElement(p, R), qn("w:fldChar"), {qn("w:fldCharType"): "separate"})


def field_end(p: etree._Element) -> None:
    etree.SubElement(etree.SubElement(p, R), qn("w:fldChar"), {qn("w:fldCharType"): "end"})


def orient(sect: etree._Element, landscape: bool) -> None:
    """Lay a section out as landscape or portrait A4."""
    size = sect.find(qn("w:pgSz"))
    short, long_ = sorted((int(size.get(W_)), int(size.get(qn("w:h")))))
    size.set(W_, str(long_ if landscape else short))
    size.set(qn("w:h"), str(short if landscape else long_))
    if landscape:
        size.set(qn("w:orient"), "landscape")
    else:
        size.attrib.pop(qn("w:orient"), None)


def section_break(parent: etree._Element, template_sectpr: etree._Element, landscape: bool) -> None:
    """End the current section here; it is laid out as ``landscape`` or portrait A4."""
    sect = copy.deepcopy(template_sectpr)
    orient(sect, landscape)
    size = sect.find(qn("w:pgSz"))
    kind = sect.find(qn("w:type"))
    if kind is None:
        kind = etree.Element(qn("w:type"))
        size.addprevious(kind)  # schema order: header/footer references, type, page size…
    kind.set(VAL, "nextPage")
    ppr = etree.SubElement(etree.SubElement(parent, P), PPR)
    etree.SubElement(ppr, qn("w:spacing"), {qn("w:before"): "0", qn("w:after"): "0",
                                           qn("w:line"): "20", qn("w:lineRule"): "exact"})
    ppr.append(sect)


def set_language(styles_element: etree._Element, lang: str) -> None:
    """The document's language (spelling, hyphenation) in its defaults and every style."""
    for el in styles_element.iter(qn("w:lang")):
        el.set(VAL, lang)
        el.set(qn("w:eastAsia"), lang)
