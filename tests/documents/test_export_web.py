"""The preview page and the downloads over HTTP, and the export command."""
from __future__ import annotations

import io
import re
from urllib.parse import unquote

from docx import Document

from app.__main__ import main
from tests.documents.plan_fixtures import demo_plan, make_demo_lag
from tests.factories import make_plan

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_preview_page_shows_the_document_accessibly(client, engine) -> None:
    plan = demo_plan(engine)
    page = client.get(f"/plans/{plan}/perziura")
    assert page.status_code == 200 and "<html" in page.text and "HX-Request" in page.headers["Vary"]
    html = page.text
    assert '<h2 id="h-' in html and "1. Bendruomenės aprašymas" in html
    assert re.search(r"<caption id=\"table-\d+\"><span class=\"cap\">\d+ lentelė\. ", html)
    assert '<th scope="col"' in html and '<th scope="row"' in html
    assert re.search(r'<img src="data:image/png;base64,[^"]+" alt="Galios žemėlapis: [^"]+Kelmės r\. savivaldybės meras', html)
    assert "JUODRAŠTIS" in html and "/plans/%d/docx?version=final" % plan in html


def test_preview_fragment_from_the_same_url(client, engine) -> None:
    plan = make_plan(engine, lag=make_demo_lag(engine))
    fragment = client.get(f"/plans/{plan}/perziura", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert 'id="plan-document"' in fragment.text and "[neužpildyta]" in fragment.text


def test_draft_download_always_works(client, engine) -> None:
    plan = make_plan(engine, lag=make_demo_lag(engine))
    r = client.get(f"/plans/{plan}/docx?version=draft")
    assert r.status_code == 200 and r.headers["content-type"] == DOCX
    disposition = r.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="Pasiles_kaimo_bendruomene_')
    assert "filename*=UTF-8''" in disposition
    assert unquote(disposition.split("''", 1)[1]).startswith("Pašilės_kaimo_bendruomenė_")
    assert unquote(disposition).endswith("_juodraštis.docx")
    Document(io.BytesIO(r.content))  # a real Word document
    assert client.get(f"/plans/{plan}/docx").status_code == 200  # draft is the default


def test_final_download_refused_with_list_of_what_is_missing(client, engine) -> None:
    plan = make_plan(engine, lag=make_demo_lag(engine))
    r = client.get(f"/plans/{plan}/docx?version=final")
    assert r.status_code == 422 and "<html" in r.text
    assert "Galutinio plano dar negalima atsisiųsti" in r.text and "Plano pavadinimas" in r.text
    assert f'href="/plans/{plan}/steps/plano-duomenys#c-plan-title"' in r.text
    assert f"/plans/{plan}/docx?version=draft" in r.text
    fragment = client.get(f"/plans/{plan}/docx?version=final", headers={"HX-Request": "true"})
    assert fragment.status_code == 422 and "<html" not in fragment.text and 'id="final-missing"' in fragment.text


def test_final_download_when_complete(client, engine) -> None:
    plan = demo_plan(engine)
    r = client.get(f"/plans/{plan}/docx?version=final")
    assert r.status_code == 200 and r.headers["content-type"] == DOCX
    assert "juodra" not in unquote(r.headers["content-disposition"])
    doc = Document(io.BytesIO(r.content))
    assert "JUODRAŠTIS" not in " ".join(p.text for p in doc.sections[0].header.paragraphs)


def test_unknown_version_and_plan_are_not_found(client, engine) -> None:
    plan = make_plan(engine, lag=make_demo_lag(engine))
    assert client.get(f"/plans/{plan}/docx?version=pdf").status_code == 404
    assert client.get("/plans/999/docx").status_code == 404
    assert client.get("/plans/999/perziura").status_code == 404


def test_overview_links_to_preview_and_downloads(client, engine) -> None:
    plan = make_plan(engine, lag=make_demo_lag(engine))
    page = client.get(f"/plans/{plan}").text
    for href in (f"/plans/{plan}/perziura", f"/plans/{plan}/docx?version=draft", f"/plans/{plan}/docx?version=final"):
        assert f'href="{href}"' in page


def test_export_command_writes_every_plan(engine, tmp_path, capsys) -> None:
    lag = make_demo_lag(engine)
    make_plan(engine, "Pirmoji bendruomenė", lag=lag)
    demo_plan(engine)
    assert main(["export-docx", "--all", str(tmp_path / "drafts")]) == 0
    names = sorted(p.name for p in (tmp_path / "drafts").iterdir())
    assert len(names) == 2 and all(n.endswith("_juodraštis.docx") for n in names)
    assert main(["export-docx", "--all", str(tmp_path / "final"), "--final"]) == 1  # one plan incomplete
    finals = [p.name for p in (tmp_path / "final").iterdir()]
    assert len(finals) == 1 and finals[0].startswith("Pašilės_kaimo_bendruomenė_")
    assert "Praleista: Pirmoji bendruomenė" in capsys.readouterr().out
