"""Make ``plan_templates/reference.docx``: the styles of the finished plan (fonts, headings, table
text, contents entries, A4 margins, Lithuanian language for spelling and hyphenation).

Run it after changing a style: ``.venv/bin/python plan_templates/make_reference_docx.py``.
The renderer (``app/documents/docx_base.py``) only uses styles by name; a test checks that every
name it uses exists in the file this script writes. Made with python-docx, never saved through
LibreOffice (which drops table styles such as "Table Grid").
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parent / "reference.docx"
FONT = "Calibri"  # LibreOffice substitutes the metric-compatible Carlito
GREEN = RGBColor(0x1F, 0x5F, 0x3A)
INK = RGBColor(0x1A, 0x1A, 0x1A)
LANG = "lt-LT"


def _lang(rpr, lang: str = LANG) -> None:
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)
    el.set(qn("w:bidi"), "ar-SA")
    rpr.append(el)


def _fonts(style, size: float, bold: bool | None = None, color: RGBColor | None = INK,
           italic: bool | None = None) -> None:
    font = style.font
    font.name, font.size = FONT, Pt(size)
    font.bold, font.italic = bold, italic
    if color is not None:
        font.color.rgb = color
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        rfonts.attrib.pop(qn(attr), None)


def _para(doc, name: str, base: str = "Normal", builtin: bool = False):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else \
        styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=builtin)
    style.base_style = styles[base] if name != base else None
    style.quick_style = True
    return style


def make() -> Path:
    doc = Document()
    # document defaults: Lithuanian, Calibri 11 pt
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    _lang(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
    normal = doc.styles["Normal"]
    _fonts(normal, 11)
    _lang(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1

    for level, size in ((1, 16), (2, 13), (3, 11.5)):
        h = _para(doc, f"Heading {level}")
        _fonts(h, size, bold=True, color=GREEN)
        h.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        h.paragraph_format.space_after = Pt(6)
        h.paragraph_format.keep_with_next = True
    title = _para(doc, "Title")
    _fonts(title, 26, bold=True, color=GREEN)
    title.paragraph_format.space_after = Pt(12)
    title_ppr = title.element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)
    subtitle = _para(doc, "Subtitle")
    _fonts(subtitle, 14, color=INK, italic=False)
    subtitle.paragraph_format.space_after = Pt(6)

    toc_heading = _para(doc, "TOC Heading", "Heading 1")
    _fonts(toc_heading, 16, bold=True, color=GREEN)
    for level in (1, 2):
        toc = _para(doc, f"toc {level}", builtin=True)  # Word's own name: its TOC update uses it
        _fonts(toc, 11 if level == 1 else 10.5, bold=level == 1)
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(2)
        toc.paragraph_format.tab_stops.add_tab_stop(Cm(17), alignment=2, leader=1)  # right, dots

    table_text = _para(doc, "Table Text")
    _fonts(table_text, 9)
    table_text.paragraph_format.space_after = Pt(0)
    table_text.paragraph_format.line_spacing = 1.0
    table_head = _para(doc, "Table Header", "Table Text")
    _fonts(table_head, 9, bold=True)
    table_head.paragraph_format.keep_with_next = True
    caption = _para(doc, "Caption")
    _fonts(caption, 10, bold=True, color=INK, italic=False)
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(3)
    caption.paragraph_format.keep_with_next = True
    bullet = _para(doc, "List Bullet")
    _fonts(bullet, 11)
    bullet.paragraph_format.space_after = Pt(2)
    lines = _para(doc, "Title Page Line")
    _fonts(lines, 12)
    lines.paragraph_format.space_after = Pt(4)
    draft = _para(doc, "Draft Mark", "Header")
    _fonts(draft, 12, bold=True, color=RGBColor(0x9B, 0x1C, 0x1C))
    draft.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for name in ("Header", "Footer"):
        _fonts(_para(doc, name), 8.5, color=RGBColor(0x4A, 0x4A, 0x4A))
    missing = doc.styles.add_style("Missing Answer", WD_STYLE_TYPE.CHARACTER)
    missing.font.italic = True
    missing.font.color.rgb = RGBColor(0x9B, 0x1C, 0x1C)

    # A4, margins of Lithuanian documents (left wider for binding)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.0)

    # Word is strict about the order of settings: hyphenation right after the default tab stop,
    # "update fields on open" (fills the contents' page numbers) before <w:compat>.
    settings = doc.settings.element
    hyphenate, update = OxmlElement("w:autoHyphenation"), OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.find(qn("w:defaultTabStop")).addnext(hyphenate)
    settings.find(qn("w:compat")).addprevious(update)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    props = doc.core_properties
    props.author = props.last_modified_by = "Plano vedlys"
    props.title = props.subject = props.comments = props.keywords = ""
    props.language = LANG
    doc.save(OUT)
    return OUT


if __name__ == "__main__":
    sys.stdout.write(f"wrote {make()}\n")
