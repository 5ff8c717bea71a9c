"""The approved document is frozen: approving stores the DOCX bytes and their SHA-256, its title
page names who approved it, the day and the version; the approved download returns exactly those
bytes whatever changes later (the team's edits are refused while approved; after reopening and
editing, the approved file is the same); the old one is kept with its version."""
from __future__ import annotations

import hashlib
import io

from docx import Document
from sqlalchemy import select

from app.models_review import ApprovedDocument, PlanVersion
from app.plan.approval import local_day
from app.plan.formatting import format_date
from tests.factories import login_as, make_plan
from tests.review.conftest import fire, set_status, status_of

HX = {"HX-Request": "true"}


def docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def approved_rows(engine, plan_id: int) -> list:  # noqa: ANN001
    t = ApprovedDocument.__table__
    with engine.connect() as conn:
        return conn.execute(select(t).where(t.c.plan_id == plan_id).order_by(t.c.id)).all()


def version_of(engine, version_id: int):  # noqa: ANN001, ANN201
    t = PlanVersion.__table__
    with engine.connect() as conn:
        return conn.execute(select(t.c.number, t.c.name, t.c.kind).where(t.c.id == version_id)).one()


def approve(client, engine, plan_id: int) -> int:  # noqa: ANN001
    """A facilitator approves the submitted plan; returns the facilitator's id."""
    facilitator = login_as(client, "facilitator", plan=plan_id, engine=engine)
    set_status(engine, plan_id, "review")
    r = fire(client, plan_id, "patvirtinti", "review")
    assert r.status_code == 303, r.text[:300]
    return facilitator


def test_approving_freezes_the_docx_with_its_sha256_and_a_stamped_title_page(client, engine, full_plan) -> None:
    approve(client, engine, full_plan)
    [doc] = approved_rows(engine, full_plan)
    assert doc.sha256 == hashlib.sha256(doc.content).hexdigest() and doc.superseded_at is None
    number, name, kind = version_of(engine, doc.version_id)
    assert kind == "approved" and name == f"Patvirtinta {local_day(doc.approved_at).isoformat()}"
    text = docx_text(doc.content)
    assert "Patvirtinta: " + format_date(local_day(doc.approved_at)) in text  # "2026 m. lapkričio 30 d."
    assert "Patvirtino: Facilitator" in text and f"Versija: Nr. {number}" in text
    assert "JUODRAŠTIS" not in text
    r = client.get(f"/plans/{full_plan}/patvirtintas.docx")
    assert r.status_code == 200 and r.content == bytes(doc.content)
    assert "patvirtintas" in r.headers["content-disposition"] and r.headers["cache-control"] == "no-store"
    page = client.get(f"/plans/{full_plan}").text
    assert "Patvirtino Facilitator" in page and doc.sha256 in page and "/patvirtintas.docx" in page


def test_approved_plan_refuses_the_teams_edits(client, engine, full_plan) -> None:
    approve(client, engine, full_plan)
    login_as(client, "team_member", plan=full_plan, engine=engine)
    r = client.post(f"/plans/{full_plan}/cells", data={"v:vision": "Kita vizija", "rev:vision": "1"}, headers=HX)
    assert r.status_code == 403
    assert client.get(f"/plans/{full_plan}").status_code == 200  # reading stays open


def test_reopen_edit_download_gives_the_same_bytes_and_keeps_the_old_one(client, engine, full_plan) -> None:
    approve(client, engine, full_plan)
    [first] = approved_rows(engine, full_plan)
    staff = login_as(client, "lag_staff", plan=full_plan, engine=engine)
    assert fire(client, full_plan, "atverti", "approved", "VVG prašo papildyti biudžetą.").status_code == 303
    assert status_of(engine, full_plan) == "draft"
    login_as(client, "team_member", plan=full_plan, engine=engine)
    saved = client.post(f"/plans/{full_plan}/cells", data={"v:mission": "Nauja misija po atvėrimo: telkiame visus kaimo gyventojus.",
                                                           "rev:mission": "1"}, headers=HX)
    assert saved.status_code == 200
    r = client.get(f"/plans/{full_plan}/patvirtintas.docx")
    assert r.content == bytes(first.content) and hashlib.sha256(r.content).hexdigest() == first.sha256
    [kept] = approved_rows(engine, full_plan)
    assert kept.superseded_at is not None and kept.sha256 == first.sha256
    t = PlanVersion.__table__
    with engine.connect() as conn:
        names = [n for n, in conn.execute(select(t.c.name).where(t.c.plan_id == full_plan).order_by(t.c.number))]
    assert f"Patvirtinta {local_day(first.approved_at).isoformat()} (iki atvėrimo)" in names
    page = client.get(f"/plans/{full_plan}").text
    assert "vėliau atvertas iš naujo" in page and "VVG prašo papildyti biudžetą." in page
    # approved again: the new one is the download, the old one stays with its version
    approve(client, engine, full_plan)
    old, new = approved_rows(engine, full_plan)
    assert old.id == first.id and new.superseded_at is None and new.sha256 != old.sha256
    assert "Nauja misija po atvėrimo: telkiame visus kaimo gyventojus." in docx_text(new.content)
    assert client.get(f"/plans/{full_plan}/patvirtintas.docx").content == bytes(new.content)
    earlier = client.get(f"/plans/{full_plan}/patvirtintas.docx?dokumentas={old.id}")
    assert earlier.content == bytes(first.content)
    assert "Ankstesni patvirtinti planai (1)" in client.get(f"/plans/{full_plan}").text
    assert staff


def test_approving_with_required_answers_missing_lists_them(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "facilitator", plan=plan, engine=engine)
    set_status(engine, plan, "review")
    r = fire(client, plan, "patvirtinti", "review")
    assert r.status_code == 422 and "Dar trūksta" in r.text and "Neužpildyta" in r.text
    assert f"/plans/{plan}/steps/" in r.text  # each missing answer links to its step
    assert status_of(engine, plan) == "review" and approved_rows(engine, plan) == []


def test_approved_download_is_404_when_there_is_none(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan, engine=engine)
    assert client.get(f"/plans/{plan}/patvirtintas.docx").status_code == 404
    assert client.get(f"/plans/{plan}/patvirtintas.docx?dokumentas=abc").status_code == 404
    assert client.get(f"/plans/{plan}/patvirtintas.docx?dokumentas=99999999999999").status_code == 404
