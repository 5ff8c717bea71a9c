"""Tables of the document as a reader sees them: a date is never broken into "rugsėjo 1" and a
lone "d.", text is aligned left and numbers right (the power map's approach column is words),
and a heading word is not cut in two."""
import io
import re

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from app.documents.export import export_plan
from app.documents.tables import CHAR_CM, PAD_CM
from app.plan.formatting import keep_date_together
from app.plan.services import get_plan
from tests.documents.plan_fixtures import demo_plan

NBSP = "\u00a0"
LT_DATE = re.compile(r"\d{4}\u00a0m\. \w+\u00a0\d{1,2}\u00a0d\.")


@pytest.fixture
def doc(engine):  # noqa: ANN001, ANN201
    plan = demo_plan(engine)
    return Document(io.BytesIO(export_plan(engine, get_plan(engine, plan), "draft").content))


def _table(doc, first_heading: str):  # noqa: ANN001, ANN202
    return next(t for t in doc.tables if t.rows[0].cells[0].text == first_heading)


@pytest.mark.parametrize("text, lang, together", [
    ("2025 m. rugsėjo 1 d.", "lt", f"2025{NBSP}m. rugsėjo{NBSP}1{NBSP}d."),
    ("2027 m. rugpjūčio 31 d.", "lt", f"2027{NBSP}m. rugpjūčio{NBSP}31{NBSP}d."),
    ("1 September 2025", "en", f"1{NBSP}September 2025"),
    ("Susitikimas įvyko", "lt", "Susitikimas įvyko"),
])
def test_a_date_breaks_only_after_the_year(text: str, lang: str, together: str) -> None:
    assert keep_date_together(text, lang) == together


def test_action_plan_date_cells_keep_day_and_d_together(doc) -> None:  # noqa: ANN001
    table = _table(doc, "Eil. Nr.")
    heads = [c.text for c in table.rows[0].cells]
    for name in ("Pradžia", "Pabaiga (terminas)"):
        i = heads.index(name)
        cells = [r.cells[i] for r in table.rows[1:]]
        dates = [c.text for c in cells if c.text]
        assert dates and all(LT_DATE.fullmatch(d) for d in dates), dates
        # the column holds the longest unbreakable part ("rugpjūčio 31 d.") on one line
        piece = max(len(p) for d in dates for p in d.split(" "))
        assert min(c.width.cm for c in cells) >= piece * CHAR_CM + PAD_CM - 0.01


def test_power_map_table_aligns_text_left_and_numbers_right(doc) -> None:  # noqa: ANN001
    table = _table(doc, "Asmuo, pareigos ar institucija")
    heads = [c.text for c in table.rows[0].cells]
    numbers = {heads.index("Įtaka sprendimui (1–5)"), heads.index("Suinteresuotumas (1–5)")}
    words = {heads.index(h) for h in ("Asmuo, pareigos ar institucija", "Vaidmuo", "Pozicija", "Kaip su jais dirbti")}
    for r in table.rows[1:]:
        for i, cell in enumerate(r.cells):
            align = cell.paragraphs[0].alignment
            if not cell.text:
                continue
            if i in numbers:
                assert align == WD_ALIGN_PARAGRAPH.RIGHT, (heads[i], cell.text)
            elif i in words:
                assert align in (None, WD_ALIGN_PARAGRAPH.LEFT), (heads[i], cell.text)
    assert any(r.cells[heads.index("Kaip su jais dirbti")].text for r in table.rows[1:])


def test_a_heading_word_is_not_cut(doc) -> None:  # noqa: ANN001
    table = _table(doc, "Asmuo, pareigos ar institucija")
    cell = next(c for c in table.rows[0].cells if c.text.startswith("Suinteresuotumas"))
    assert cell.width.cm >= len("Suinteresuotumas") * CHAR_CM + PAD_CM
