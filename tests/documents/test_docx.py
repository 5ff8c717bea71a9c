"""The finished plan as a Word document: every answer in its section and order, real heading
styles, repeated header rows, the power map with alt text, Lithuanian language, draft marks,
LibreOffice converts it; and nothing a person can type breaks it."""
from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from app.documents import docx_base
from app.documents.docx_render import render_docx
from app.documents.export import export_plan, file_name, plan_outline
from app.documents.sections import build_outline
from app.documents.text import PROJECT_NAME, PROJECT_NO, clean
from app.plan.data import PlanData, RowData
from app.plan.errors import ValidationFailed
from app.plan.services import get_plan, read_plan
from tests.documents.docx_check import assert_answers_in_sections, convert_to_pdf, read
from tests.documents.plan_fixtures import PUBLICITY, demo_plan, make_demo_lag, maximal_plan
from tests.factories import make_plan


def _render(engine, plan_id: int, version: str = "draft") -> tuple[bytes, object, PlanData]:  # noqa: ANN001
    ctx = get_plan(engine, plan_id)
    return export_plan(engine, ctx, version).content, ctx, read_plan(engine, ctx)


def _repeating_header_tables(content: bytes) -> tuple[int, int]:
    """(tables under a caption, of which with a repeated header row)."""
    doc = Document(io.BytesIO(content))
    caption = doc.styles["Caption"].style_id
    captioned = repeated = 0
    previous = None
    for el in doc.element.body:
        if el.tag == qn("w:tbl") and previous is not None:
            style = previous.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            if style is not None and style.get(qn("w:val")) == caption:
                captioned += 1
                first = el.find(qn("w:tr"))
                repeated += first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        previous = el
    return captioned, repeated


def test_reference_document_defines_every_style_the_renderer_uses() -> None:
    doc = Document(str(docx_base.REFERENCE))
    names = {s.name for s in doc.styles}
    assert [name for name in docx_base.STYLES if name not in names] == []


def test_demo_plan_every_answer_in_its_section_and_order(engine, template, tmp_path) -> None:
    plan_id = demo_plan(engine)
    content, ctx, data = _render(engine, plan_id)
    assert assert_answers_in_sections(content, template, data) > 150
    doc = read(content)
    intro = doc.sections["Įvadas"]
    for value in ("Pašilės kaimo bendruomenė", "302345678", "Rūta Žemaitienė", "Kelmės rajono savivaldybė"):
        assert value in intro
    assert "3 susitikimus" in intro and "55 žm." in intro and "15 žm." in intro
    assert "2025 m. birželio 30 d." in intro  # approval, Babel's Lithuanian long date
    titles = [text for style, text in doc.headings if style == "Heading 1"]
    assert titles[:3] == ["Įvadas", "1. Bendruomenės aprašymas", "2. Situacijos analizė (SSGG)"]
    assert "9. Plano rengimas ir pritarimas" in titles and "10. Priedai" in titles
    assert all(style in ("Heading 1", "Heading 2") for style, _ in doc.headings)
    body = "\n".join(doc.sections.values()).replace("\u00a0", " ")  # Babel groups with a no-break space
    assert "3 500,50 Eur" in body and "3 850,50 Eur" in body  # money and totals, decimal comma
    assert "Biudžetas pagal finansavimo šaltinius" in body and "Biudžetas pagal metus" in body
    assert "Advokacija" in doc.sections["7. Veiksmų planas"]  # G10 activities tagged in H
    assert "Susitikimas su meru" in doc.sections["7. Veiksmų planas"]
    captioned, repeated = _repeating_header_tables(content)
    assert captioned > 20 and repeated == captioned
    assert doc.header.strip() == "JUODRAŠTIS"
    convert_to_pdf(content, tmp_path)


def test_demo_plan_document_parts(engine) -> None:
    plan_id = demo_plan(engine)
    content, _, _ = _render(engine, plan_id)
    doc = Document(io.BytesIO(content))
    assert doc.core_properties.language == "lt-LT"
    assert doc.core_properties.title == "Pašilės kaimo bendruomenės plėtros planas 2026–2030 m."
    assert doc.core_properties.author == "Pašilės kaimo bendruomenė"
    langs = {el.get(qn("w:val")) for el in doc.styles.element.iter(qn("w:lang"))}
    assert langs == {"lt-LT"}
    text = "\n".join(p.text for p in doc.paragraphs)
    assert PROJECT_NAME in text and PROJECT_NO in text and "LEADER" in text
    footer = "\n".join(p.text for p in doc.sections[0].footer.paragraphs)
    assert "Kelmės krašto partnerystės vietos veiklos grupė" in footer and PUBLICITY in footer
    xml = doc.element.xml
    assert 'TOC \\o "1-1"' in xml and "instrText" in xml
    toc = [p.text for p in doc.paragraphs if p.style.name == "toc 1"]
    assert "1. Bendruomenės aprašymas" in toc  # the contents are written before any update
    assert 'w:instr' in doc.sections[0].footer._element.xml or "PAGE" in doc.sections[0].footer._element.xml
    pictures = list(doc.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"))
    assert len(pictures) == 1
    alt = pictures[0].get("descr")
    assert "Galios žemėlapis" in alt and "Kelmės r. savivaldybės meras: įtaka 5, pozicija 0" in alt
    orientations = [s.orientation for s in doc.sections]
    assert 1 in orientations and orientations[0] == 0  # landscape pages for wide tables only
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        assert "w:autoHyphenation" in z.read("word/settings.xml").decode()


def test_empty_plan_draft_marks_required_and_leaves_no_empty_headings(engine, template, tmp_path) -> None:
    plan_id = make_plan(engine, lag=make_demo_lag(engine))
    content, _, data = _render(engine, plan_id)
    doc = read(content)
    body = "\n".join(doc.sections.values())
    assert "[neužpildyta]" in body and doc.header.strip() == "JUODRAŠTIS"
    assert not any(h.endswith("Priedai") for _, h in doc.headings)  # optional, empty: no heading
    d = Document(io.BytesIO(content))
    paragraphs = [p for p in d.element.body if p.tag in (qn("w:p"), qn("w:tbl"))]
    heading_ids = {d.styles["Heading 1"].style_id, d.styles["Heading 2"].style_id}

    def style(el) -> str | None:  # noqa: ANN001
        found = el.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return found.get(qn("w:val")) if found is not None else None

    for el, nxt in zip(paragraphs, paragraphs[1:] + [None]):
        if style(el) == d.styles["Heading 2"].style_id:
            assert nxt is not None and style(nxt) not in heading_ids, "a heading with nothing under it"
    convert_to_pdf(content, tmp_path)


def test_final_refuses_while_required_missing_and_has_no_marks_when_complete(engine) -> None:
    empty = make_plan(engine, "Tuščioji bendruomenė", lag=make_demo_lag(engine))
    with pytest.raises(ValidationFailed) as err:
        plan_outline(engine, get_plan(engine, empty), draft=False)
    assert any("Plano pavadinimas" in f.message.lt for f in err.value.findings)
    complete = demo_plan(engine)
    content, _, _ = _render(engine, complete, "final")
    doc = read(content)
    assert "[neužpildyta]" not in "\n".join(doc.sections.values())
    assert "JUODRAŠTIS" not in doc.header


def test_maximal_plan_renders_every_answer_and_converts(engine, template, tmp_path) -> None:
    plan_id = maximal_plan(engine)
    content, _, data = _render(engine, plan_id)
    assert len(data.rows("actions")) == 200
    assert assert_answers_in_sections(content, template, data) > 5000
    captioned, repeated = _repeating_header_tables(content)
    assert repeated == captioned > 25
    doc = read(content)
    assert "200" in doc.sections["7. Veiksmų planas"]
    if engine.dialect.name == "sqlite":
        # the same bytes on either database: LibreOffice lays out the 785 pages once per run
        convert_to_pdf(content, tmp_path)


def _plan(template, lang: str = "lt", **values) -> PlanData:  # noqa: ANN001
    return PlanData(values=values, lang=lang, meta={"community": "Bendruomenė", "lag": "VVG",
                                                     "lag_publicity": "Remia LEADER"})


NASTY = "Nul\x00l \x01\x08\x0b\x0c\x1f\x7f\ufffe\uffff lone\ud800surrogate 🌾🇱🇹 „kabutės“ <b>&amp;</b> \t tab"


def test_any_text_never_breaks_the_document(template) -> None:
    data = _plan(template, bo_name=NASTY, plan_title=NASTY * 3, vision=NASTY * 40, identity="x" * 20000)
    data.tables["villages"] = [RowData(f"r{i}", {"name": NASTY, "residents": i}) for i in range(500)]
    data.tables["strengths"] = [RowData("s", {"text": NASTY})]
    content = render_docx(build_outline(template, data, draft=True))
    doc = Document(io.BytesIO(content))
    assert doc.core_properties.title.startswith("Null")
    assert "🌾🇱🇹 „kabutės“ <b>&amp;</b>" in doc.core_properties.author
    villages = [t for t in doc.tables if t.rows[0].cells[0].text == "Kaimo pavadinimas"]
    assert len(villages) == 1 and len(villages[0].rows) == 501  # 500 rows and the header
    assert "lonesurrogate 🌾🇱🇹 „kabutės“ <b>&amp;</b>" in villages[0].rows[1].cells[0].text


def test_clean_removes_only_what_xml_refuses() -> None:
    assert clean("a\x00b\ud800c\ufffe") == "abc"
    assert clean("eilutė\r\nkita\x0btrečia\tž") == "eilutė\nkita\ntrečia ž"
    assert clean("🌾 „ą“ — ‘x’") == "🌾 „ą“ — ‘x’"
    assert clean(None) == "" and clean(12.5) == "12.5"


def test_english_plan_gives_english_document(template) -> None:
    data = _plan(template, "en", plan_title="Pašilė plan", period_from=2026, period_to=2030,
                 approved_date="2025-06-30", residents_total=1234)
    outline = build_outline(template, data, draft=True)
    doc = read(render_docx(outline))
    titles = [text for style, text in doc.headings if style == "Heading 1"]
    assert titles[0] == "Introduction" and "1. Community profile" in titles
    assert doc.header.strip() == "DRAFT" and "[not filled in]" in "\n".join(doc.sections.values())
    assert "30 June 2025" in "\n".join(doc.sections.values())
    assert "1,234" in doc.sections["1. Community profile"]
    assert doc.doc.core_properties.language == "en-GB"


def test_lithuanian_numbers_and_dates(template) -> None:
    data = _plan(template, residents_total=1234, residents_source_date="2025-06-30")
    data.tables["villages"] = [RowData("v", {"name": "Pašilė", "distance_km": 1234.5})]
    doc = read(render_docx(build_outline(template, data, draft=False)))
    text = doc.sections["1. Bendruomenės aprašymas"]
    assert "1\u00a0234" in text or "1 234" in text
    assert "1\u00a0234,5" in text or "1 234,5" in text
    assert "2025 m. birželio 30 d." in text


def test_file_name_keeps_lithuanian_letters_and_has_an_ascii_twin() -> None:
    import datetime as dt

    name, plain = file_name("Pašilės „Ąžuolo“ bendruomenė / Kelmė", dt.date(2025, 6, 30), True)
    assert name == "Pašilės_Ąžuolo_bendruomenė_Kelmė_2025-06-30_juodraštis.docx"
    assert plain == "Pasiles_Azuolo_bendruomene_Kelme_2025-06-30_juodrastis.docx"
