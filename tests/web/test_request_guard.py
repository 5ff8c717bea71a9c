"""What every request passes before a route sees it (app/web/guard.py, app/main.py,
app/web/limits.py): ids in range, readable text, same-origin state changes, a body ceiling,
security and no-store headers on every answer, the 500 page included, and Secure cookies."""
from __future__ import annotations

import pytest

from app import config
from app.plan.answers import load_cells
from app.web.limits import MAX_BODY
from tests.factories import login_as, make_plan

HUGE = ["2147483648", "9223372036854775808", "1" + "0" * 30, "9" * 400, "-1", "0"]


def test_ids_beyond_the_database_integer_are_pages_that_do_not_exist(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "facilitator", plan=plan)
    for bad in HUGE:
        for url in (f"/plans/{bad}", f"/plans/{bad}/steps/bendruomene", f"/plans/{plan}/kodai/{bad}",
                    f"/plans/{plan}/sessions/{bad}/leave"):
            r = client.get(url)
            assert r.status_code == 404 and "Puslapis nerastas" in r.text, (url, r.status_code)
        r = client.post(f"/plans/{plan}/istorija/{bad}")
        assert r.status_code == 404, bad
        r = client.get(f"/plans/{plan}/changes", params={"since": bad, "step": "bendruomene"})
        # since=0 is a real question: a new plan's pre-filled answers and fixed rows are changes
        assert r.status_code in (200, 204, 404) if bad in ("0",) else r.status_code == 404, bad


def test_another_site_cannot_change_anything_even_with_the_token(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan)
    form = {"v:bo_chair": "Ona", "rev:bo_chair": "0"}
    for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"},
                    {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                    {"Origin": "http://testserver", "Sec-Fetch-Site": "cross-site"}):
        r = client.post(f"/plans/{plan}/cells", data=form, headers=headers)
        assert r.status_code == 403 and "Forma pasenusi" in r.text, headers
    assert "bo_chair" not in load_cells(engine, plan)
    r = client.post(f"/plans/{plan}/cells", data=form,
                    headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 200 and load_cells(engine, plan)["bo_chair"].value == "Ona"


def test_behind_a_proxy_the_forwarded_host_is_this_site(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan)
    r = client.post(f"/plans/{plan}/cells", data={"v:bo_chair": "Ona", "rev:bo_chair": "0"},
                    headers={"Origin": "https://planai.vvg.lt", "X-Forwarded-Host": "planai.vvg.lt"})
    assert r.status_code == 200


@pytest.mark.parametrize("body", [b"v%3Abo_chair=%FF%FE&rev%3Abo_chair=0", b"v%3Abo_chair=On%00a&rev%3Abo_chair=0",
                                  "v%3Abo_chair=Ona\u0085&rev%3Abo_chair=0".encode("utf-8")])
def test_unreadable_text_is_refused_with_a_message_and_nothing_saved(client, engine, body: bytes) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan)
    r = client.post(f"/plans/{plan}/cells", content=body,
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400 and "nepavyko perskaityti" in r.text
    assert "bo_chair" not in load_cells(engine, plan)


def test_nul_in_a_query_string_is_refused_not_a_database_error(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan)
    r = client.get(f"/plans/{plan}/istorija", params={"path": "bo_chair\x00"})
    assert r.status_code == 400 and "nepavyko perskaityti" in r.text


def test_a_body_over_the_ceiling_is_refused_before_it_is_read(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan)
    r = client.post(f"/plans/{plan}/cells", content=b"v%3Abo_chair=" + b"a" * (MAX_BODY + 1),
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413 and "Per daug duomenų" in r.text
    assert "bo_chair" not in load_cells(engine, plan)


def test_an_unexpected_error_is_a_lithuanian_page_with_the_security_headers(app, engine, monkeypatch) -> None:
    from starlette.testclient import TestClient

    import app.web.routes.plans as plans_routes

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("a bug")

    plan = make_plan(engine)
    monkeypatch.setattr(plans_routes, "plan_findings", broken)
    with TestClient(app) as client:
        login_as(client, "facilitator", plan=plan)
        r = client.get(f"/plans/{plan}/patikra")
        assert r.status_code == 500 and "Įvyko klaida" in r.text
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["cache-control"] == "no-store"
        assert client.get(f"/plans/{plan}").status_code == 200  # the app goes on serving


def test_pages_with_plan_content_are_never_cached_static_files_are(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan)
    for url in (f"/plans/{plan}", f"/plans/{plan}/steps/bendruomene", f"/plans/{plan}/perziura",
                f"/plans/{plan}/istorija", f"/plans/{plan}/docx", "/"):
        assert client.get(url).headers["cache-control"] == "no-store", url
    assert client.get("/static/css/app.css").headers["cache-control"].startswith("public")


def test_every_cookie_is_secure_when_secure_cookies_are_on(engine, monkeypatch) -> None:
    from starlette.testclient import TestClient

    from app.main import create_app

    monkeypatch.setenv("SECURE_COOKIES", "true")
    config.get_settings.cache_clear()
    with TestClient(create_app(), base_url="https://testserver") as client:
        page = client.get("/prisijungti")
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        cookies = page.headers.get_list("set-cookie")
        for url, data in (("/lang", {"lang": "en", "next": "/"}), ("/display", {"text": "large", "next": "/"})):
            cookies += client.post(url, data={**data, "csrf_token": token},
                                   follow_redirects=False).headers.get_list("set-cookie")
    names = {c.split("=")[0] for c in cookies}
    assert {"pv_anon", "lang", "text"} <= names
    assert all("; secure" in c.lower() and "httponly" in c.lower() for c in cookies), cookies
    config.get_settings.cache_clear()
