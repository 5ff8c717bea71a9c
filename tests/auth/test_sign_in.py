"""Staff sign-in: hashed passwords, a new session id at sign-in, sign-out that ends the session
in the database, one message for an unknown e-mail and a wrong password, and the audit log
(rate limits: test_rate_limits.py)."""
from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from app.models_people import AuditEvent, Credential, WebSession
from app.people.audit import anonymous_summary
from app.people.sessions import token_id
from app.web.auth import SESSION_COOKIE, csrf_token_for
from tests.factories import add_role, make_person

PASSWORD = "Žalia pieva 2026"
WRONG = "Neteisingas el. pašto adresas arba slaptažodis."


@pytest.fixture
def staff(engine) -> int:  # noqa: ANN001
    person = make_person(engine, "Rūta Moderatorė", "ruta@example.lt", PASSWORD)
    add_role(engine, person, "admin")
    return person


def anon_form(client) -> dict:  # noqa: ANN001
    """What a browser has after opening the sign-in page: the form's CSRF token."""
    page = client.get("/prisijungti").text
    return {"csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)}


def sign_in(client, email: str, password: str, **extra: str):  # noqa: ANN001, ANN201
    return client.post("/prisijungti", data={**anon_form(client), "email": email, "password": password, **extra},
                       follow_redirects=False)


def events(engine, name: str) -> list[AuditEvent]:  # noqa: ANN001
    with Session(engine) as db:
        return list(db.exec(select(AuditEvent).where(AuditEvent.event == name)))


def test_password_is_stored_hashed_with_argon2(engine, staff) -> None:
    with Session(engine) as db:
        stored = db.get(Credential, staff).password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_sign_in_sets_a_new_session_and_a_safe_cookie(client, engine, staff) -> None:
    client.cookies.set(SESSION_COOKIE, "an-old-or-planted-session-id", domain="testserver.local")
    r = sign_in(client, " RUTA@example.lt ", PASSWORD, next="/darbuotojai")
    assert r.status_code == 303 and r.headers["location"] == "/darbuotojai"
    cookie = next(v for v in r.headers.get_list("set-cookie") if v.startswith(SESSION_COOKIE + "="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    token = client.cookies[SESSION_COOKIE]
    assert token != "an-old-or-planted-session-id"
    with Session(engine) as db:
        row = db.get(WebSession, token_id(token))
        assert row.person_id == staff and token not in row.id  # the table holds a hash only
    assert client.get("/darbuotojai").status_code == 200
    assert [e.person_id for e in events(engine, "signin.ok")] == [staff]


def test_signing_in_again_gives_another_session_id_and_ends_the_old(client, engine, staff) -> None:
    sign_in(client, "ruta@example.lt", PASSWORD)
    first = client.cookies[SESSION_COOKIE]
    sign_in(client, "ruta@example.lt", PASSWORD)
    second = client.cookies[SESSION_COOKIE]
    assert first != second
    with Session(engine) as db:
        assert db.get(WebSession, token_id(first)).revoked_at is not None


def test_secure_cookie_when_configured(app, engine, staff, monkeypatch) -> None:
    from starlette.testclient import TestClient

    from app import config

    monkeypatch.setenv("SECURE_COOKIES", "true")
    config.get_settings.cache_clear()
    with TestClient(app, base_url="https://testserver") as client:  # a Secure cookie needs https
        r = sign_in(client, "ruta@example.lt", PASSWORD)
    assert r.status_code == 303
    assert "Secure" in next(v for v in r.headers.get_list("set-cookie") if v.startswith(SESSION_COOKIE + "="))


def test_unknown_email_and_wrong_password_get_the_same_answer(client, engine, staff) -> None:
    unknown = sign_in(client, "nera@example.lt", PASSWORD)
    wrong = sign_in(client, "ruta@example.lt", "ne tas slaptažodis")
    assert unknown.status_code == wrong.status_code == 401
    assert WRONG in unknown.text and WRONG in wrong.text
    strip = lambda r, email: r.text.replace(email, "")  # noqa: E731  (the form keeps what was typed)
    csrf = lambda r: r.text.replace(r.text.split('name="csrf_token" value="')[1][:40], "")  # noqa: E731
    assert strip(unknown, "nera@example.lt").replace(csrf(unknown), "") == \
        strip(wrong, "ruta@example.lt").replace(csrf(wrong), "")
    assert SESSION_COOKIE not in client.cookies
    # anonymous failures are counted per hour, the account's address kept only when it exists
    summary = [(event, detail, n) for _, event, _, detail, n in anonymous_summary(engine)]
    assert sorted(summary) == [("signin.fail", "", 1), ("signin.fail", "ruta@example.lt", 1)]


def test_sign_out_ends_the_session_everywhere(client, engine, staff) -> None:
    sign_in(client, "ruta@example.lt", PASSWORD)
    token = client.cookies[SESSION_COOKIE]
    r = client.post("/atsijungti", headers={"X-CSRF-Token": csrf_token_for("s", token)}, follow_redirects=False)
    assert r.status_code == 303
    # the same cookie replayed (another tab, a copied cookie) opens nothing
    client.cookies.set(SESSION_COOKIE, token, domain="testserver.local")
    r = client.get("/darbuotojai", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/prisijungti")


@pytest.mark.parametrize("email, password, message", [
    ("", PASSWORD, "Įrašykite el. pašto adresą"),
    ("ne-adresas", PASSWORD, "Įrašykite el. pašto adresą"),
    ("x" * 300 + "@example.lt", PASSWORD, "Įrašykite el. pašto adresą"),
    ("ruta@example.lt", "", "Įrašykite slaptažodį."),
    ("ruta@example.lt", "x" * 100_000, WRONG),
    ("ruta@example.lt\x07", PASSWORD, "Įrašykite el. pašto adresą"),
])
def test_bad_sign_in_input_gets_a_plain_message(client, staff, email, password, message) -> None:
    r = sign_in(client, email, password)
    assert r.status_code in (401, 422) and message in r.text
    assert r.status_code == 401 or 'aria-invalid="true"' in r.text  # the field says what is wrong


def test_next_never_leaves_the_site(client, staff) -> None:
    for evil in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        r = sign_in(client, "ruta@example.lt", PASSWORD, next=evil)
        assert r.headers["location"] == "/"


def test_anonymous_page_request_goes_to_sign_in_and_back(client, engine, staff) -> None:
    r = client.get("/darbuotojai?x=1", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/prisijungti?next=/darbuotojai%3Fx%3D1"
    page = client.get(r.headers["location"])
    assert 'name="next" value="/darbuotojai?x=1"' in page.text and "Prisijungti su kodu" in page.text
    r = client.get("/plans/1/cell?path=x", headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/plans/1/steps/vizija"})
    assert r.status_code == 204 and r.headers["hx-redirect"] == "/prisijungti?next=/plans/1/steps/vizija"
