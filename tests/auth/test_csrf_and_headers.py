"""CSRF on every state-changing request (forms and HTMX alike), security headers kept, and the
page markup carrying the token without any inline script."""
from __future__ import annotations

import re

from sqlmodel import Session, select

from app.models_people import AuditEvent
from app.plan.answers import load_cells
from tests.factories import login_as, make_plan


def test_post_without_csrf_token_is_refused(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan)
    del client.headers["X-CSRF-Token"]
    r = client.post(f"/plans/{plan}/cells", data={"v:bo_chair": "Ona", "rev:bo_chair": "0"},
                    headers={"HX-Request": "true"})
    assert r.status_code == 403 and "Forma pasenusi" in r.text
    assert "bo_chair" not in load_cells(engine, plan)
    with Session(engine) as db:
        assert db.exec(select(AuditEvent.event).where(AuditEvent.event == "refused.csrf")).first()


def test_post_with_a_wrong_or_foreign_token_is_refused(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan)
    theirs = client.headers["X-CSRF-Token"]
    login_as(client, "team_member", plan=plan)  # another session: its own token
    for token in ("", "x" * 40, theirs):
        r = client.post(f"/plans/{plan}/cells", data={"v:bo_chair": "Ona", "rev:bo_chair": "0",
                                                      "csrf_token": token}, headers={"X-CSRF-Token": token})
        assert r.status_code == 403
    assert "bo_chair" not in load_cells(engine, plan)


def test_form_field_token_is_accepted_without_the_header(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan)
    token = client.headers.pop("X-CSRF-Token")
    r = client.post(f"/plans/{plan}/cells", data={"v:bo_chair": "Ona", "rev:bo_chair": "0", "csrf_token": token})
    assert r.status_code == 200 and load_cells(engine, plan)["bo_chair"].value == "Ona"


def test_anonymous_forms_need_the_token_too(client) -> None:
    r = client.post("/prisijungti", data={"email": "a@example.lt", "password": "x" * 12}, follow_redirects=False)
    assert r.status_code == 403
    r = client.post("/lang", data={"lang": "en"}, follow_redirects=False)
    assert r.status_code == 403


def test_pages_carry_the_token_for_forms_and_htmx(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan)
    token = client.headers["X-CSRF-Token"]
    page = client.get(f"/plans/{plan}/steps/bendruomene").text
    assert f'hx-headers=\'{{"X-CSRF-Token": "{token}"}}\'' in page
    forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", page, re.S)
    assert forms and all(f'name="csrf_token" value="{token}"' in f for f in forms)


def test_security_headers_and_no_inline_script(client, engine) -> None:
    for url in ("/prisijungti", "/kodas"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["referrer-policy"] == "same-origin"
        assert not re.search(r"<script(?![^>]*\bsrc=)", r.text), "inline script"
        assert " style=" not in r.text and "<style" not in r.text


def test_even_a_page_nobody_knows_carries_a_working_token(client) -> None:
    page = client.get("/nowhere")
    assert page.status_code == 404
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    r = client.post("/lang", data={"lang": "en", "next": "/", "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and "lang=en" in r.headers["set-cookie"]


def test_static_files_and_the_liveness_probe_set_no_cookie(client) -> None:
    assert "set-cookie" not in client.get("/healthz").headers
    assert "set-cookie" not in client.get("/static/css/people.css").headers
