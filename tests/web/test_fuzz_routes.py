"""Property-based attack on every route and every field kind (Hypothesis): arbitrary text,
numbers of any length and ids of any size, as a signed-in team member and as an anonymous
visitor. Whatever comes in: no 5xx, the security headers on every response, nothing saved on a
refusal, and an answer that was saved reads back as what was sent.

``make test`` runs a bounded, repeatable number of examples; ``make fuzz`` runs many more with
fresh randomness (FUZZ_EXAMPLES, FUZZ_RANDOM=1)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.models import Cell, Community, Person, Plan, PlanRow
from app.models_people import Membership
from app.plan.content import ROW_KINDS, FieldKind
from app.plan.kinds import FieldError, clean_text, parse_input
from app.web.auth import ANON_COOKIE, SESSION_COOKIE, csrf_token_for
from tests.auth.test_route_permissions import SAMPLES, app_routes
from tests.factories import make_lag, make_member, make_plan, make_session, row

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                derandomize=os.environ.get("FUZZ_RANDOM") != "1",
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")

# ---------------------------------------------------------------- what an attacker sends

TRICKY = ["", " ", "0", "-1", "1e400", "inf", "-Infinity", "NaN", "1e+20", "9" * 400, "-" + "9" * 400,
          "1 250,50", "1.250.000,5", "0x10", "١٢٣", "²", "½", "\x00", "\x1f", "\x85", "\u2028", "\ufffd",
          "\ud7ff", "<script>alert(1)</script>", "\" onmouseover=\"x", "../../etc/passwd", "%00", "%ff",
          "x" * 25000, "ą" * 5000, "needs/" + "a" * 50, "other", "1" * 30, str(2**63), str(2**64 + 1)]
text = st.one_of(st.text(max_size=200), st.sampled_from(TRICKY),
                 st.integers().map(str), st.decimals(allow_nan=True, allow_infinity=True).map(str),
                 st.integers(min_value=10**20, max_value=10**400).map(str))
huge_int = st.one_of(st.integers(), st.integers(min_value=2**31 - 2, max_value=2**31 + 2),
                     st.integers(min_value=2**63 - 2, max_value=10**40), st.integers(max_value=0))
id_text = st.one_of(huge_int.map(str), st.text(max_size=30), st.sampled_from([t for t in TRICKY if len(t) < 1000]))
# what fits in a URL a client will send (httpx refuses a component over 64 KiB; servers far less)
url_text = text.filter(lambda t: len(t) < 2000)
# a failing example's repr may be large (a 25 000-character answer): say so, don't fail on it
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")


@dataclass
class World:
    plan: int
    other_plan: int
    rows: dict[str, str]        # a live row of every table of the plan
    other_rows: dict[str, str]  # rows of another plan: ids that must never be accepted
    member: int


def _rows_of_every_table(engine, plan_id: int, template) -> dict[str, str]:  # noqa: ANN001
    out = {}
    for field in template.fields.values():
        if field.kind in ROW_KINDS:
            out[field.key] = (f"{field.key}-{field.fixed_rows[0].id}" if field.fixed_rows
                              else row(engine, plan_id, field.key))
    return out


@pytest.fixture
def world(engine, template) -> World:  # noqa: ANN001
    plan = make_plan(engine)
    other = make_plan(engine, "Ąžuolynės kaimo bendruomenė", lag=make_lag(engine, "Anykščių VVG"))
    return World(plan, other, _rows_of_every_table(engine, plan, template),
                 _rows_of_every_table(engine, other, template), make_member(engine, "team_member", plan=plan))


def snapshot(engine) -> tuple:  # noqa: ANN001
    """Everything a person could lose or gain: answers, rows, plans, people and their roles."""
    with engine.connect() as conn:
        def rows_of(table, *cols):  # noqa: ANN001, ANN202
            return sorted(tuple(r) for r in conn.execute(select(*(table.__table__.c[c] for c in cols))))
        return (rows_of(Cell, "plan_id", "path", "value_json", "revision"),
                rows_of(PlanRow, "plan_id", "row_id", "position", "deleted_at"),
                rows_of(Plan, "id", "status"), rows_of(Community, "id", "name"),
                rows_of(Person, "id", "name", "email"), rows_of(Membership, "person_id", "role", "plan_id"))


def check_response(r) -> None:  # noqa: ANN001
    assert r.status_code < 500, (r.request.method, str(r.request.url)[:200], r.status_code, r.text[:300])
    missing = [h for h in HEADERS if h not in r.headers]
    assert not missing, (str(r.request.url)[:200], r.status_code, missing)


def as_visitor(client, engine, world: World, who: str) -> None:  # noqa: ANN001
    """A fresh session every example (a sign-out in one example must not end the run)."""
    client.cookies.clear()
    client.headers.pop("X-CSRF-Token", None)
    if who == "member":
        token = make_session(engine, world.member)
        client.cookies.set(SESSION_COOKIE, token, domain="testserver.local")
        client.headers["X-CSRF-Token"] = csrf_token_for("s", token)
    else:
        client.cookies.set(ANON_COOKIE, "fuzz-anon-cookie-value", domain="testserver.local")
        client.headers["X-CSRF-Token"] = csrf_token_for("a", "fuzz-anon-cookie-value")


# ---------------------------------------------------------------- every route

@st.composite
def route_calls(draw, routes, world: World):  # noqa: ANN001, ANN201
    route = draw(st.sampled_from(routes))
    names = [part.split("}")[0] for part in route.path_format.split("{")[1:]]

    class Sample:  # the sample values of the permission walk, for this world's plan
        id, row_id, seq, code_id = world.plan, next(iter(world.rows.values())), 1, 1
        comment_id = version_id = 1  # may not exist: a 404, never a 500

    params = {}
    for name in names:
        params[name] = draw(st.one_of(st.just(str(SAMPLES[name](None, Sample) if name not in ("person_id", "token", "invitation_id")
                                                  else "1")), id_text))
    path = route.path_format.format(**{k: quote(v, safe="") for k, v in params.items()})
    query = draw(st.dictionaries(st.sampled_from(["since", "step", "path", "version", "next", "kodas", "dir",
                                                  "atsijungta", "ok", "vieta", "rodyti", "atgal"]), url_text, max_size=3))
    form = draw(st.dictionaries(st.one_of(st.sampled_from(
        ["name", "email", "role", "lag_id", "community_id", "community_name", "municipality", "eldership",
         "person_id", "writer_id", "new_name", "on_behalf", "stop", "remove", "days", "code", "pin",
         "password", "repeat", "current", "reason", "action", "lang", "text", "next", "vieta", "tekstas",
         "atgal"]), st.text(max_size=12)),
        text, max_size=6))
    method = "GET" if "GET" in route.methods else sorted(route.methods)[0]
    return method, path, query, form, draw(st.booleans())


def test_no_route_answers_5xx_or_loses_its_headers_whatever_it_is_sent(app, client, engine, world) -> None:
    routes = app_routes(app)

    @FUZZ
    @given(call=route_calls(routes, world), who=st.sampled_from(["member", "anonymous"]))
    def attack(call, who) -> None:  # noqa: ANN001
        method, path, query, form, htmx = call
        as_visitor(client, engine, world, who)
        before = snapshot(engine)
        r = client.request(method, path, params=query, data=form or None, follow_redirects=False,
                           headers={"HX-Request": "true"} if htmx else {})
        check_response(r)
        partial_saves = method == "POST" and ("/steps/" in path or path.endswith("/cells"))
        if r.status_code >= 400 and not (partial_saves and r.status_code in (409, 422)):
            assert snapshot(engine) == before, (method, path, r.status_code)

    attack()


# ---------------------------------------------------------------- every field kind

def cell_paths(template, world: World) -> list[tuple[str, object, str]]:  # noqa: ANN001
    """(path, field, whose row) for every top-level answer and every column of every table,
    on this plan's rows and on another plan's rows."""
    out = []
    for field in template.fields.values():
        if field.kind in ROW_KINDS:
            for col in field.columns:
                out.append((f"{field.key}/{world.rows[field.key]}/{col.key}", col, "own"))
                if world.other_rows[field.key] != world.rows[field.key]:  # fixed rows share ids
                    out.append((f"{field.key}/{world.other_rows[field.key]}/{col.key}", col, "foreign"))
        else:
            out.append((field.key, field, "own"))
    return out


def _not_json(constant: str) -> None:
    raise AssertionError(f"stored {constant}: not a number JSON or any reader knows")


def test_every_field_kind_refuses_cleanly_or_saves_exactly_what_was_sent(client, engine, world, template) -> None:
    paths = cell_paths(template, world)
    kinds = {f.kind for _, f, _ in paths}
    assert kinds >= set(FieldKind) - ROW_KINDS, "every kind of answer is attacked"
    options = sorted({o.value for _, f, _ in paths for o in f.options} | {"other"})
    by_kind = {}
    for target in paths:
        by_kind.setdefault(target[1].kind, target)

    def attack(target, values, other, rev) -> None:  # noqa: ANN001
        path, field, whose = target
        as_visitor(client, engine, world, "member")
        before = snapshot(engine)
        form = {"rev:" + path: rev, "v:" + path: values, "other:" + path: other}
        r = client.post(f"/plans/{world.plan}/cells", data=form, headers={"HX-Request": "true"})
        check_response(r)
        after = snapshot(engine)
        if r.status_code != 200:
            assert after == before, (path, values, r.status_code)
            return
        assert whose == "own", f"saved into another plan's row: {path}"
        stored = {p: v for pid, p, v, _ in after[0] if pid == world.plan}.get(path)
        try:
            expected = parse_input(field, [str(v) for v in values], str(other))
        except FieldError:
            pytest.fail(f"{path}: saved although the parser refuses {values!r}")
        assert (json.loads(stored, parse_constant=_not_json) if stored is not None else None) == expected, path
        if field.kind is FieldKind.LONG and expected is not None:
            assert expected == clean_text(str(values[-1])), "a long answer comes back as typed"

    # the attacks known to have hurt once, always tried first
    for kind, raw in [(FieldKind.NUMBER, "9" * 400), (FieldKind.YEAR, "-" + "9" * 400),
                      (FieldKind.DECIMAL, "9" * 400), (FieldKind.DECIMAL, "100000000000000000000"),
                      (FieldKind.DECIMAL, "0," + "1" * 300), (FieldKind.REF, "\x00"),
                      (FieldKind.REF, world.other_rows["needs"]), (FieldKind.SHORT, "a\x85b"),
                      (FieldKind.LONG, "\ufffd"), (FieldKind.DATE, "9" * 400 + "-01-01")]:
        attack(by_kind[kind], [raw], "", "0")
    for path in (p for p in paths if p[2] == "foreign"):
        attack(path, ["Pašilė"], "", "0")

    @FUZZ
    @given(target=st.sampled_from(paths), values=st.lists(st.one_of(text, st.sampled_from(options)), max_size=3),
           other=text, rev=st.one_of(st.just("0"), id_text))
    def fuzz(target, values, other, rev) -> None:  # noqa: ANN001
        attack(target, values, other, rev)

    fuzz()
