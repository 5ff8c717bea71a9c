"""Reading a rendered plan back: its text by section, headings, tables, picture, language; and
LibreOffice's verdict on it. Shared by the document tests."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from app.documents.context import Ctx
from app.documents.special import DOC_KEYS
from app.plan.content import FieldKind, Template
from app.plan.data import PlanData

IN_CI = os.environ.get("CI") == "true"


@dataclass
class Read:
    doc: object
    sections: dict[str, str] = field(default_factory=dict)   # H1 text → all text under it
    headings: list[tuple[str, str]] = field(default_factory=list)  # (style, text)
    header: str = ""


def _texts(element) -> str:  # noqa: ANN001
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def read(content: bytes) -> Read:
    doc = Document(io.BytesIO(content))
    out = Read(doc)
    styles = {s.style_id: s.name for s in doc.styles}
    current = ""
    for el in doc.element.body:
        if el.tag == qn("w:p"):
            style = el.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            name = styles.get(style.get(qn("w:val")), "") if style is not None else ""
            text = _texts(el)
            if name.startswith("Heading"):
                out.headings.append((name, text))
                if name == "Heading 1":
                    current = text
            out.sections[current] = out.sections.get(current, "") + "\n" + text
        elif el.tag == qn("w:tbl"):
            cells = ["".join(_texts(p) for p in tc.iter(qn("w:p"))) for tc in el.iter(qn("w:tc"))]
            lines = ["\n".join(_texts(p) for p in tc.iter(qn("w:p"))) for tc in el.iter(qn("w:tc"))]
            out.sections[current] = out.sections.get(current, "") + "\n" + "\n".join(cells + lines)
    out.header = " ".join(p.text for p in doc.sections[0].header.paragraphs)
    return out


def section_title(read_doc: Read, title: str) -> str:
    """The numbered H1 whose text ends with the section's title."""
    return next(h for s, h in read_doc.headings if s == "Heading 1" and h.split(". ", 1)[-1] == title)


def assert_answers_in_sections(content: bytes, template: Template, data: PlanData) -> int:
    """Every filled answer of sections B–K appears under its section's heading, the fields in the
    template's order (found by their labels, one after another). Returns how many were checked."""
    doc = read(content)
    ctx = Ctx(template, data, draft=True)
    skip = set(DOC_KEYS["participants"][1:])  # the consent switches are not content
    checked = 0
    for section in template.sections[1:]:
        fields = [template.fields[k] for k in section.fields
                  if k not in skip and ctx.visible(template.fields[k]) and _filled(ctx, template.fields[k])]
        if not fields:
            continue
        # a table cell holds a date together with no-break spaces: compare the words
        text = doc.sections[section_title(doc, ctx.t(section.title))].replace("\u00a0", " ")
        position = 0
        for f in fields:
            label = ctx.label(f)
            at = text.find(label, position)
            assert at >= 0 or label == ctx.t(section.title), f"{f.key}: label {label!r} not in order"
            position = max(position, at)
            for expected in _expected(ctx, f):
                expected = expected.replace("\u00a0", " ")
                assert expected in text, f"{f.key}: {expected[:60]!r} missing from section {section.letter}"
                checked += 1
    return checked


def _filled(ctx: Ctx, f) -> bool:  # noqa: ANN001
    if f.is_rows:
        return any(ctx.cell(f, c, r) for r in ctx.data.rows(f.key) for c in f.columns)
    return bool(ctx.text(f))


def _expected(ctx: Ctx, f) -> list[str]:  # noqa: ANN001
    if not f.is_rows:
        return [line.strip() for line in ctx.text(f).split("\n") if line.strip()]
    out = []
    for row in ctx.data.rows(f.key):
        for col in f.columns:
            if col.kind is FieldKind.COMPUTED or not ctx.visible(col):
                continue
            out += [line.strip() for line in ctx.cell(f, col, row).split("\n") if line.strip()]
    return out


def convert_to_pdf(content: bytes, tmp: Path) -> Path:
    """LibreOffice headless converts the document; a profile of its own per call (STACK-NOTES)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        if IN_CI:
            pytest.fail("LibreOffice (soffice) is missing in CI: install libreoffice-writer-nogui")
        pytest.skip("LibreOffice (soffice) is not installed here; CI installs it and runs this check")
    doc = tmp / "plan.docx"
    doc.write_bytes(content)
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        result = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(tmp), str(doc)], capture_output=True, timeout=240)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = tmp / "plan.pdf"
    assert result.returncode == 0 and pdf.is_file() and pdf.stat().st_size > 1000, result.stderr.decode()[-500:]
    return pdf
