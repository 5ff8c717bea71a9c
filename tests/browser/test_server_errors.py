"""Against a real uvicorn: refusals and even an unexpected error are answered on a connection
that stays open (a phone on a rural network keeps its keep-alive connection), with the
security headers and a Lithuanian page."""
from __future__ import annotations

import http.client
from urllib.parse import urlencode, urlsplit

from app.db import get_engine
from app.web.auth import SESSION_COOKIE, csrf_token_for
from tests.factories import make_member, make_plan, make_session


def test_errors_keep_the_connection_open_and_carry_the_headers(live_server, monkeypatch) -> None:
    import app.web.routes.plans as plans_routes

    engine = get_engine()
    plan = make_plan(engine)
    token = make_session(engine, make_member(engine, "team_member", plan=plan))
    url = urlsplit(live_server)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    cookie = {"Cookie": f"{SESSION_COOKIE}={token}"}

    def ask(method: str, path: str, body: str | None = None) -> http.client.HTTPResponse:
        headers = dict(cookie)
        if body is not None:
            headers.update({"Content-Type": "application/x-www-form-urlencoded",
                            "X-CSRF-Token": csrf_token_for("s", token)})
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("a bug")

    monkeypatch.setattr(plans_routes, "plan_findings", broken)
    answers = [ask("GET", f"/plans/{plan}/patikra"),
               ask("GET", "/plans/" + "9" * 40),
               ask("POST", f"/plans/{plan}/cells", urlencode({"v:bo_members": "9" * 400, "rev:bo_members": "0"})),
               ask("GET", "/healthz")]
    assert [r.status for r in answers] == [500, 404, 422, 200]
    for r in answers:
        assert r.getheader("x-content-type-options") == "nosniff" and r.getheader("content-security-policy")
        assert r.getheader("connection", "").lower() != "close"
    conn.close()
