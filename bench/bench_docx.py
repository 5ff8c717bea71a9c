"""DOCX rendering: time and peak memory of the plan document, beside docxtpl.

Builds two plans in a throw-away SQLite database (the demo-like plan of the tests, and the
maximal one: every table at its limit, 200 actions, every text at its maximum length), then
renders each with the app's renderer (model walk → outline → python-docx) and with docxtpl
filling an equivalent Jinja template with the same content (the same outline, the same power
map picture), in the same run. Writes its section of ``bench/RESULTS.md``.

    .venv/bin/python bench/bench_docx.py [--runs N]
"""
from __future__ import annotations

import argparse
import gc
import io
import os
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "RESULTS.md"
START, END = "<!-- docx:start -->", "<!-- docx:end -->"


def _setup():  # noqa: ANN202
    db_dir = tempfile.mkdtemp(prefix="bench-docx-")
    os.environ["DATABASE_URL"] = f"sqlite:///{db_dir}/bench.db"
    from app.cli import migrate

    migrate(os.environ["DATABASE_URL"])
    from app import db
    from app.plan.services import get_plan, lag_options, read_plan
    from tests.documents.plan_fixtures import demo_plan, maximal_plan

    engine = db.get_engine()
    plans = {"demo-like": demo_plan(engine), "maximal": maximal_plan(engine)}
    options = {"lags": dict(lag_options(engine))}
    out = {}
    for name, plan_id in plans.items():
        ctx = get_plan(engine, plan_id)
        out[name] = (ctx.template, read_plan(engine, ctx), options)
    return out


# ---------------------------------------------------------------- the docxtpl equivalent

def make_docxtpl_template() -> bytes:
    """The same reference styles with a Jinja walk over blocks (headings, paragraphs, bullets,
    label–value tables, captioned tables with dynamic columns, the picture)."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from app.documents.docx_base import reference_bytes

    doc = Document(io.BytesIO(reference_bytes()))
    doc.add_paragraph("{%p for b in blocks %}")
    branches = [("h1", "Heading 1"), ("h2", "Heading 2"), ("p", "Normal"), ("li", "List Bullet"),
                ("cap", "Caption")]
    for i, (kind, style) in enumerate(branches):
        doc.add_paragraph(("{%p if " if i == 0 else "{%p elif ") + f"b.k == '{kind}' %}}")
        doc.add_paragraph("{{ b.text }}", style=style)
    doc.add_paragraph("{%p elif b.k == 'img' %}")
    doc.add_paragraph("{{ b.img }}")
    doc.add_paragraph("{%p elif b.k == 'table' %}")
    table = doc.add_table(rows=4, cols=3, style="Table Grid")
    rows = [("{%tc for h in b.head %}", "{{ h }}", "{%tc endfor %}"), ("{%tr for r in b.rows %}", "", ""),
            ("{%tc for c in r %}", "{{ c }}", "{%tc endfor %}"), ("{%tr endfor %}", "", "")]
    for row, texts in zip(table.rows, rows):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    assert tr_pr.find(qn("w:tblHeader")) is not None
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docxtpl_context(outline, tpl):  # noqa: ANN001, ANN201
    """The outline's content as plain dicts for the Jinja template."""
    from docx.shared import Cm
    from docxtpl import InlineImage

    from app.documents import outline as o

    blocks = []
    for b in outline.blocks:
        if isinstance(b, o.Heading):
            blocks.append({"k": "h1" if b.level == 1 else "h2", "text": b.full})
        elif isinstance(b, o.Paragraph):
            blocks.append({"k": "p", "text": b.text})
        elif isinstance(b, o.BulletList):
            blocks += [{"k": "li", "text": item} for item in b.items]
        elif isinstance(b, o.Facts):
            blocks.append({"k": "table", "head": ["", ""], "rows": [[f.label, f.value] for f in b.items]})
        elif isinstance(b, o.Table):
            blocks.append({"k": "cap", "text": outline.labels["table"].format(n=b.number, caption=b.caption)})
            rows = [[c.text + "".join(f"\n{k}: {v}" for k, v in c.extra) + "".join(f"\n• {x}" for x in c.bullets or ())
                     for c in r.cells] for r in b.rows]
            blocks.append({"k": "table", "head": [c.label for c in b.columns], "rows": rows})
        elif isinstance(b, o.Picture):
            blocks.append({"k": "img", "img": InlineImage(tpl, io.BytesIO(b.png), width=Cm(b.width_cm))})
        elif isinstance(b, o.TitlePage):
            blocks += [{"k": "p", "text": b.organisation}, {"k": "h1", "text": b.title}]
            blocks += [{"k": "p", "text": f"{k}: {v}"} for k, v in b.lines] + [{"k": "p", "text": x} for x in b.project]
        elif isinstance(b, o.Toc):
            blocks += [{"k": "p", "text": h.full} for h in b.entries]
    return {"blocks": blocks}


# ---------------------------------------------------------------- measuring

def measure(fn, runs: int) -> tuple[float, float, float]:  # noqa: ANN001
    """(median seconds, best seconds, peak MiB of one traced run)."""
    fn()  # warm-up: imports, caches of the reference file
    times = []
    for _ in range(runs):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    gc.collect()
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), min(times), peak / 2**20


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    return (f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}; "
            f"python-docx {version('python-docx')}, docxtpl {version('docxtpl')}, Pillow {version('pillow')}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from docxtpl import DocxTemplate

    from app.documents.docx_render import render_docx
    from app.documents.sections import build_outline

    plans = _setup()
    template_bytes = make_docxtpl_template()
    rows, sizes = [], {}
    for name, (template, data, options) in plans.items():
        outline = build_outline(template, data, draft=True, options=options)
        n_tables = len(outline.tables)
        n_rows = sum(len(t.rows) for t in outline.tables)

        def ours() -> bytes:
            return render_docx(build_outline(template, data, draft=True, options=options))

        def ours_docx_only() -> bytes:
            return render_docx(outline)

        def with_docxtpl() -> bytes:
            tpl = DocxTemplate(io.BytesIO(template_bytes))
            tpl.render(docxtpl_context(outline, tpl), autoescape=True)
            out = io.BytesIO()
            tpl.save(out)
            return out.getvalue()

        def docxtpl_from_model() -> bytes:
            tpl = DocxTemplate(io.BytesIO(template_bytes))
            tpl.render(docxtpl_context(build_outline(template, data, draft=True, options=options), tpl),
                       autoescape=True)
            out = io.BytesIO()
            tpl.save(out)
            return out.getvalue()

        sizes[name] = (len(ours()), len(with_docxtpl()), n_tables, n_rows)
        for label, fn in (("app: model walk + outline + python-docx", ours),
                          ("docxtpl 0.20.2: model walk + outline + template", docxtpl_from_model),
                          ("app: outline → python-docx only", ours_docx_only),
                          ("docxtpl 0.20.2: outline → template only", with_docxtpl)):
            median, best, peak = measure(fn, args.runs)
            rows.append((name, label, median, best, peak))
            print(f"{name:10} {label:48} median {median * 1000:7.0f} ms  best {best * 1000:7.0f} ms  peak {peak:6.1f} MiB")
    write_results(rows, sizes, args.runs)
    return 0


def write_results(rows: list, sizes: dict, runs: int) -> None:
    lines = [START, "## DOCX rendering", "",
             f"`bench/bench_docx.py`, {runs} timed runs after a warm-up (median and best), peak memory "
             "of one run under tracemalloc. Machine: " + machine() + ".", "",
             "| plan | renderer | median | best | peak memory |", "|---|---|---:|---:|---:|"]
    for name, label, median, best, peak in rows:
        lines.append(f"| {name} | {label} | {median * 1000:.0f} ms | {best * 1000:.0f} ms | {peak:.1f} MiB |")
    lines += ["", "Sizes: " + "; ".join(
        f"{name}: {tables} tables, {n_rows} table rows, app {ours / 1024:.0f} KiB, docxtpl {tpl / 1024:.0f} KiB"
        for name, (ours, tpl, tables, n_rows) in sizes.items()) + ".",
        "The docxtpl template walks the same outline (headings, paragraphs, bullets, captioned tables "
        "with dynamic columns, the power-map PNG) but has no landscape sections, contents field, header "
        "or footer. The plan is read from the database once, before timing. tracemalloc sees Python "
        "allocations only, not lxml's C memory.", END]
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    section = "\n".join(lines)
    if START in text and END in text:
        text = text[:text.index(START)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
