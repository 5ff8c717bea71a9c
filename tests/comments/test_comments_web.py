"""Comment pages without JavaScript: threads on a field and a row, replies, resolve and reopen,
who may do what in which status, counts beside the field and in the overview, the
facilitator's list across plans, notices, and comments never in the DOCX."""
from __future__ import annotations

import io
import re

import docx
import pytest
from sqlalchemy import update

from app.models import Plan
from app.models_review import Notice
from app.plan.answers import Editor
from app.plan.comments import add_thread, set_resolved
from app.plan.rows import delete_row, move_row
from tests.factories import add_role, login_as, make_lag, make_person, make_plan, row, statements_run


def set_status(engine, plan_id: int, status: str) -> None:  # noqa: ANN001
    with engine.begin() as conn:
        conn.execute(update(Plan.__table__).where(Plan.__table__.c.id == plan_id).values(status=status))


def thread_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="comment-thread[^"]*" id="k-(\d+)"', page)]


def test_field_thread_without_javascript_reply_resolve_reopen(client, engine, template) -> None:  # noqa: ANN001
    plan = make_plan(engine)
    login_as(client, "facilitator", plan=plan)
    step = template.step_of("bo_chair").slug
    back = f"/plans/{plan}/steps/{step}#c-bo-chair"
    page = client.get(f"/plans/{plan}/steps/{step}").text
    assert "+ Pastaba" in page and "vieta=bo_chair&amp;atgal=" in page
    form_page = f"/plans/{plan}/komentarai?vieta=bo_chair&atgal={back.replace('#', '%23')}"
    r = client.post(f"/plans/{plan}/komentarai", data={"vieta": "bo_chair", "tekstas": "Ar tikrai Ona?",
                                                        "atgal": back, "next": form_page}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith(form_page.split("#")[0])
    page = client.get(r.headers["location"]).text
    [thread] = thread_ids(page)
    assert "Ar tikrai Ona?" in page and "Facilitator" in page and "Grįžti į žingsnį" in page
    assert "Pastabos (1)" in client.get(f"/plans/{plan}/steps/{step}").text

    client.post(f"/plans/{plan}/komentarai/{thread}/atsakyti", data={"tekstas": "Taip, išrinkta."})
    client.post(f"/plans/{plan}/komentarai/{thread}/isspresta", data={})
    assert thread_ids(client.get(f"/plans/{plan}/komentarai").text) == []
    resolved = client.get(f"/plans/{plan}/komentarai?rodyti=isspresta").text
    assert thread_ids(resolved) == [thread] and "Taip, išrinkta." in resolved and "Išspręsta" in resolved
    assert "+ Pastaba" in client.get(f"/plans/{plan}/steps/{step}").text
    client.post(f"/plans/{plan}/komentarai/{thread}/atverti", data={})
    assert thread_ids(client.get(f"/plans/{plan}/komentarai").text) == [thread]


def test_row_thread_follows_a_moved_row_and_marks_a_deleted_one(client, engine, template) -> None:  # noqa: ANN001
    plan = make_plan(engine)
    first, second = row(engine, plan, "needs", title="Nėra kelio"), row(engine, plan, "needs", title="Nėra bibliotekos")
    person = login_as(client, "facilitator", plan=plan)
    r = client.post(f"/plans/{plan}/komentarai", data={"vieta": f"needs/{second}", "tekstas": "Kas skaičiavo?"},
                    follow_redirects=False)
    assert r.status_code == 303
    move_row(engine, plan, "needs", second, -1, Editor(person))
    step = template.step_of("needs").slug
    page = client.get(f"/plans/{plan}/steps/{step}").text
    row_html = page[page.index(f'id="row-{second}"'):page.index(f'id="row-{first}"')]
    assert "Pastabos (1)" in row_html  # the count moved with its row, to the top
    assert "Pastabos (1)" not in page[page.index(f'id="row-{first}"'):]
    assert f"1. Nėra bibliotekos" in client.get(f"/plans/{plan}/komentarai").text

    delete_row(engine, template, plan, "needs", second, Editor(person))
    listing = client.get(f"/plans/{plan}/komentarai").text
    assert "eilutė pašalinta" in listing and "Kas skaičiavo?" in listing
    assert "eilutė pašalinta" in client.get("/komentarai").text
    r = client.post(f"/plans/{plan}/komentarai", data={"vieta": f"needs/{second}", "tekstas": "Dar"})
    assert r.status_code == 422 and "Pasirinkite, apie ką pastaba." in r.text and ">Dar</textarea>" in r.text


@pytest.mark.parametrize("body", ["", "bloga\x07pastaba", "x" * 4001])
def test_bad_comment_is_refused_beside_the_text_which_is_kept(client, engine, body) -> None:  # noqa: ANN001
    plan = make_plan(engine)
    login_as(client, "facilitator", plan=plan)
    r = client.post(f"/plans/{plan}/komentarai", data={"vieta": "@B", "tekstas": body})
    assert r.status_code == 422 and 'id="comment-new-error"' in r.text and 'aria-invalid="true"' in r.text
    assert body[:100] in r.text
    assert thread_ids(client.get(f"/plans/{plan}/komentarai?rodyti=visos").text) == []


def test_team_member_comments_while_editing_and_only_reads_under_review(client, engine) -> None:  # noqa: ANN001
    plan = make_plan(engine)
    thread = add_thread(engine, __import__("app.plan.catalogue", fromlist=["x"]).get_template(), plan, "@B",
                        "Peržiūrėkite", Editor(make_person(engine, "Rūta")))
    login_as(client, "team_member", plan=plan)
    assert client.post(f"/plans/{plan}/komentarai/{thread}/atsakyti", data={"tekstas": "Gerai"},
                       follow_redirects=False).status_code == 303
    assert client.post(f"/plans/{plan}/komentarai/{thread}/isspresta", follow_redirects=False).status_code == 303
    set_status(engine, plan, "review")
    page = client.get(f"/plans/{plan}/komentarai?rodyti=visos").text
    assert "Gerai" in page and "Atsakyti</button>" not in page and "Atverti vėl" not in page
    assert client.post(f"/plans/{plan}/komentarai/{thread}/atverti").status_code == 403
    assert client.post(f"/plans/{plan}/komentarai", data={"vieta": "@B", "tekstas": "x"}).status_code == 403
    assert client.get("/komentarai").status_code == 403  # the list across plans is for staff
    assert 'href="/komentarai"' not in client.get(f"/plans/{plan}").text


def test_facilitator_comments_on_an_approved_plan_too(client, engine) -> None:  # noqa: ANN001
    plan = make_plan(engine)
    set_status(engine, plan, "approved")
    login_as(client, "facilitator", plan=plan)
    r = client.post(f"/plans/{plan}/komentarai", data={"vieta": "@C", "tekstas": "Kitam kartui"}, follow_redirects=False)
    assert r.status_code == 303


def test_comment_of_another_plan_is_404(client, engine, template) -> None:  # noqa: ANN001
    mine = make_plan(engine)
    other = make_plan(engine, "Kita bendruomenė", lag=make_lag(engine, "Kita VVG"))
    foreign = add_thread(engine, template, other, "@A", "Svetima", Editor())
    login_as(client, "facilitator", plan=mine)
    for action in ("atsakyti", "isspresta", "atverti"):
        assert client.post(f"/plans/{mine}/komentarai/{foreign}/{action}", data={"tekstas": "x"}).status_code == 404


def test_author_entered_on_behalf_is_shown_with_whom_for(client, engine) -> None:  # noqa: ANN001
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan)
    client.post(f"/plans/{plan}/uz-ka", data={"on_behalf": "Petras Senolis"}, headers={"HX-Request": "true"})
    client.post(f"/plans/{plan}/komentarai", data={"vieta": "vision", "tekstas": "Per ilga vizija"})
    page = client.get(f"/plans/{plan}/komentarai").text
    assert "Team Member</strong> (už Petras Senolis)" in page


def test_people_concerned_are_told_of_a_comment_with_a_link_to_the_field(client, engine, template) -> None:  # noqa: ANN001
    plan = make_plan(engine)
    member = make_person(engine, "Jonas")
    add_role(engine, member, "team_member", plan_id=plan)
    login_as(client, "facilitator", plan=plan)
    client.post(f"/plans/{plan}/komentarai", data={"vieta": "bo_chair", "tekstas": "Ar tikrai Ona?"})
    from sqlmodel import Session, select

    with Session(engine) as db:
        [notice] = db.exec(select(Notice).where(Notice.person_id == member)).all()
    assert notice.kind == "comment" and "Ar tikrai Ona?" in notice.text
    assert notice.link == f"/plans/{plan}/steps/{template.step_of('bo_chair').slug}#c-bo-chair"


def test_overview_and_facilitators_list_show_open_comments(client, engine, template) -> None:  # noqa: ANN001
    plan = make_plan(engine)
    other = make_plan(engine, "Kita bendruomenė", lag=make_lag(engine, "Kita VVG"))
    add_thread(engine, template, plan, "bo_chair", "Pirmoji", Editor())
    add_thread(engine, template, plan, "@B", "Apie skyrių", Editor())
    set_resolved(engine, plan, add_thread(engine, template, plan, "vision", "Išspręsta jau", Editor()), None)
    add_thread(engine, template, other, "bo_chair", "Svetimo plano", Editor())
    login_as(client, "facilitator", plan=plan)
    overview = client.get(f"/plans/{plan}").text
    step = template.step_of("bo_chair").slug
    assert re.search(rf'href="/plans/{plan}/steps/{step}">[^<]*</a>\s*<span class="step-state[^>]*>[^<]*</span>\s*'
                     rf'<a class="comment-step-count" href="/plans/{plan}/steps/{step}">atvirų pastabų: 1</a>', overview)
    assert overview.count("comment-step-count") == 1 and "Atvirų pastabų: 2." in overview
    assert 'href="/komentarai"' in overview  # the facilitator's list across plans
    listing = client.get("/komentarai").text
    assert "Pirmoji" in listing and "Apie skyrių" in listing
    assert "Išspręsta jau" not in listing and "Svetimo plano" not in listing


def test_step_page_reads_its_comment_counts_in_one_query(client, engine, template) -> None:  # noqa: ANN001
    plan = make_plan(engine)
    for _ in range(3):
        row(engine, plan, "needs", title="Poreikis")
    login_as(client, "facilitator", plan=plan)
    with statements_run(engine, r"\bFROM comment\b") as seen:
        assert client.get(f"/plans/{plan}/steps/{template.step_of('needs').slug}").status_code == 200
    assert len(seen) == 1


def test_comments_never_enter_the_docx(engine, template) -> None:  # noqa: ANN001
    from app.documents.export import export_plan
    from app.plan.services import get_plan

    plan = make_plan(engine)
    needs_row = row(engine, plan, "needs", title="Nėra kelio")
    for anchor in ("@B", "bo_chair", f"needs/{needs_row}", f"needs/{needs_row}/title"):
        add_thread(engine, template, plan, anchor, f"SLAPTA-PASTABA {anchor}", Editor())
    document = docx.Document(io.BytesIO(export_plan(engine, get_plan(engine, plan)).content))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Nėra kelio" in text  # the row itself is there
    assert "SLAPTA-PASTABA" not in text


def test_htmx_opens_the_thread_in_a_sheet_and_updates_the_count_beside_the_field(client, engine, template) -> None:  # noqa: ANN001
    plan = make_plan(engine)
    login_as(client, "facilitator", plan=plan)
    step = template.step_of("bo_chair").slug
    back = f"/plans/{plan}/steps/{step}#c-bo-chair"
    hx = {"HX-Request": "true", "HX-Current-URL": f"http://testserver/plans/{plan}/steps/{step}"}
    sheet = client.get(f"/plans/{plan}/komentarai", params={"vieta": "bo_chair", "atgal": back}, headers=hx).text
    assert "<html" not in sheet and '<details open class="comment-sheet">' in sheet and "Uždaryti pastabas" in sheet
    r = client.post(f"/plans/{plan}/komentarai", headers=hx,
                    data={"vieta": "bo_chair", "tekstas": "Ar tikrai Ona?", "atgal": back})
    assert r.status_code == 200 and "Ar tikrai Ona?" in r.text and '<details open class="comment-sheet">' in r.text
    oob = re.search(r'<a class="comment-link has-open" id="cl-c-bo-chair"[^>]*hx-swap-oob="true">[^<]*'
                    r'Pastabos \(1\)', r.text)
    assert oob
    # on the comments page itself (not a step) the same request swaps the page's panel, no sheet
    page_hx = {"HX-Request": "true", "HX-Current-URL": f"http://testserver/plans/{plan}/komentarai"}
    r = client.get(f"/plans/{plan}/komentarai", headers=page_hx)
    assert "comment-sheet" not in r.text and "Ar tikrai Ona?" in r.text and "<html" not in r.text
