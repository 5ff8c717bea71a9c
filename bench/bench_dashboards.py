"""The three dashboards (facilitator, LAG staff, coordinator) and the coordinator's report with
2,000 plans, 20,000 people and 500,000 changes, on SQLite and on PostgreSQL: server time per page
(in-process, through the whole ASGI app: sign-in, permission, queries, template) and the SQL
statements each page sends, beside the plain list of plans the front page showed before issue 8
(same person, same data, same run). Also the first visit after every plan changed (all figures
recomputed in bulk) and a visit after one plan changed. Writes RESULTS.md's dashboards section.

    .venv/bin/python bench/bench_dashboards.py [--plans 2000] [--runs 15]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PASSWORD_HASHING", "fast")

from bench.common import machine, write_section  # noqa: E402

PG_ADMIN = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PEOPLE, CHANGES = 20_000, 500_000
PLANS_PER_LAG, PLANS_PER_FACILITATOR = 40, 4
BATCH = 5_000


def _insert(conn, table, rows: list[dict]) -> None:  # noqa: ANN001
    for start in range(0, len(rows), BATCH):
        conn.execute(table.insert(), rows[start:start + BATCH])


def build(url: str, plans: int) -> dict:
    """A database with ``plans`` plans cloned from the demo's (three stages of filling), the
    people, the change log, sessions held, comments and approved documents."""
    from sqlalchemy import select

    from app import config, db
    from app.cli import migrate
    from app.demo import STAGES, _Writer
    from app.models import Cell, Change, Community, Lag, Person, Plan, PlanRow
    from app.models_people import Membership
    from app.models_review import ApprovedDocument, Comment, PlanSession
    from app.plan.catalogue import get_template
    from app.plan.services import create_plan

    os.environ["DATABASE_URL"] = url
    config.get_settings.cache_clear()
    migrate(url)
    engine = db.engine_for(url)
    rnd = random.Random(8)
    template = get_template()
    # the seeds: the demo's plans, filled to three stages
    seeds = []
    with engine.begin() as conn:
        seed_lag = conn.execute(Lag.__table__.insert().values(name="Sėklų VVG", short_name="Sėklos")).inserted_primary_key[0]
    for i, (content, _) in enumerate(STAGES):
        with engine.begin() as conn:
            cid = conn.execute(Community.__table__.insert().values(lag_id=seed_lag, name=f"Sėkla {i}")).inserted_primary_key[0]
        pid = create_plan(engine, cid)
        _Writer(engine, template, pid).write(content)
        with engine.connect() as conn:
            cells = [dict(r._mapping) for r in conn.execute(select(Cell.__table__.c.path, Cell.__table__.c.value_json)
                                                            .where(Cell.__table__.c.plan_id == pid))]
            rows = [dict(r._mapping) for r in conn.execute(
                select(PlanRow.__table__.c.table_key, PlanRow.__table__.c.row_id, PlanRow.__table__.c.position,
                       PlanRow.__table__.c.fixed).where(PlanRow.__table__.c.plan_id == pid))]
        seeds.append((cells, rows))
    now = datetime.now(timezone.utc)
    lags = max(1, plans // PLANS_PER_LAG)
    t = {m: m.__table__ for m in (Lag, Community, Plan, Cell, PlanRow, Change, Person, Membership,
                                  PlanSession, Comment, ApprovedDocument)}
    with engine.begin() as conn:
        first_lag = conn.execute(select(Lag.__table__.c.id).order_by(Lag.__table__.c.id.desc())).scalar() + 1
        _insert(conn, t[Lag], [{"id": first_lag + i, "name": f"Vietos veiklos grupė Nr. {i + 1}",
                                "short_name": f"VVG {i + 1}", "is_coordinator": False, "publicity_line": ""}
                               for i in range(lags)])
        base_c = conn.execute(select(Community.__table__.c.id).order_by(Community.__table__.c.id.desc())).scalar() + 1
        base_p = conn.execute(select(Plan.__table__.c.id).order_by(Plan.__table__.c.id.desc())).scalar() + 1
        statuses = ["draft"] * 5 + ["review"] * 2 + ["returned"] + ["approved"] * 2
        _insert(conn, t[Community], [{"id": base_c + i, "lag_id": first_lag + i % lags,
                                      "name": f"Ąžuolų kaimo bendruomenė Nr. {i + 1}", "municipality": "",
                                      "eldership": ""} for i in range(plans)])
        plan_rows = [{"id": base_p + i, "community_id": base_c + i, "template_id": "community_plan", "lang": "lt",
                      "status": rnd.choice(statuses), "created_at": now - timedelta(days=200),
                      "updated_at": now - timedelta(minutes=plans - i)} for i in range(plans)]
        _insert(conn, t[Plan], plan_rows)
        ids = [p["id"] for p in plan_rows]
        for pid in ids:  # answers and rows: a copy of one of the seeds
            cells, rows = seeds[pid % len(seeds)]
            _insert(conn, t[PlanRow], [{**r, "plan_id": pid, "created_at": now} for r in rows])
            _insert(conn, t[Cell], [{**c, "plan_id": pid, "revision": 1, "updated_at": now} for c in cells])
        _insert(conn, t[Person], [{"id": 100_000 + i, "name": f"Asmuo {i}", "created_at": now,
                                   "email": f"asmuo{i}@bench.lt" if i < 1000 else None} for i in range(PEOPLE)])
        members = []
        facilitators = plans // PLANS_PER_FACILITATOR
        for k, pid in enumerate(ids):
            lag_id = first_lag + k % lags
            members.append({"person_id": 100_000 + k // PLANS_PER_FACILITATOR, "role": "facilitator",
                            "plan_id": pid, "lag_id": lag_id, "created_at": now})
        for i in range(lags):
            members.append({"person_id": 100_000 + facilitators + i, "role": "lag_staff", "lag_id": first_lag + i,
                            "created_at": now})
        members.append({"person_id": 100_000 + facilitators + lags, "role": "coordinator", "created_at": now})
        for n in range(1000, PEOPLE):  # the team members
            members.append({"person_id": 100_000 + n, "role": "team_member", "plan_id": ids[n % plans],
                            "created_at": now})
        _insert(conn, t[Membership], [{"lag_id": None, "plan_id": None, "community_id": None, **m} for m in members])
        changes = []
        for n in range(CHANGES):
            pid = ids[n % plans]
            changes.append({"plan_id": pid, "path": "vision", "action": "set", "old_json": None,
                            "new_json": json.dumps(f"Vizija {n}"), "person_id": 101_000 + n % (PEOPLE - 1000),
                            "at": now - timedelta(seconds=CHANGES - n)})
            if len(changes) == BATCH:
                _insert(conn, t[Change], changes)
                changes = []
        _insert(conn, t[Change], changes)
        held, comments, docs = [], [], []
        for pid, p in zip(ids, plan_rows):
            for s in range(1, rnd.randint(0, 3) + 1):
                held.append({"plan_id": pid, "session": s, "closed": True, "held_on": (now - timedelta(days=30 * s)).date(),
                             "override_reason": "", "missing": ""})
            for _ in range(rnd.randint(0, 3)):
                comments.append({"plan_id": pid, "anchor": "vision", "body": "Ar tikrai?", "created_at": now,
                                 "resolved_at": now if rnd.random() < 0.5 else None})
            if p["status"] == "approved":
                docs.append({"plan_id": pid, "content": os.urandom(20_000), "sha256": "0" * 64,
                             "filename": "planas.docx", "approved_at": now})
        _insert(conn, t[PlanSession], held)
        _insert(conn, t[Comment], comments)
        _insert(conn, t[ApprovedDocument], docs)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            from sqlalchemy import text

            conn.execute(text("ANALYZE"))
            for table in ("lag", "community", "plan", "person"):  # ids were given explicitly
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    return {"engine": engine, "facilitator": 100_000, "lag_staff": 100_000 + facilitators,
            "coordinator": 100_000 + facilitators + lags, "plan": ids[0], "lags": lags, "lag_id": first_lag}


def timed(client, engine, url: str, runs: int) -> dict:  # noqa: ANN001
    """Median and slowest server time of ``runs`` requests after one warm-up, and statements."""
    from sqlalchemy import event

    statements: list[str] = []

    def count(*_a) -> None:  # noqa: ANN002
        statements.append("x")

    client.get(url)
    times, counts = [], set()
    for _ in range(runs):
        statements.clear()
        event.listen(engine, "before_cursor_execute", count)
        start = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        event.remove(engine, "before_cursor_execute", count)
        assert r.status_code == 200, (url, r.status_code)
        counts.add(len(statements))
    return {"median": statistics.median(times), "max": max(times), "queries": "/".join(map(str, sorted(counts))),
            "bytes": len(r.content)}


def once(client, engine, url: str) -> tuple[float, int]:  # noqa: ANN001
    from sqlalchemy import event

    n = []
    listener = lambda *_a: n.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    start = time.perf_counter()
    assert client.get(url).status_code == 200
    ms = (time.perf_counter() - start) * 1000
    event.remove(engine, "before_cursor_execute", listener)
    return ms, len(n)


class PlainList:
    """The front page as it was before issue 8 (the plain list of the plans in reach): the
    same route with the dashboards switched off, for the baseline."""

    def __enter__(self) -> None:
        from app.web.routes import plans

        self.real = plans.front_context
        plans.front_context = lambda request, engine: None

    def __exit__(self, *exc: object) -> None:
        from app.web.routes import plans

        plans.front_context = self.real


def measure(label: str, url: str, plans: int, runs: int) -> list[tuple]:
    from sqlalchemy import update
    from starlette.testclient import TestClient

    from app.main import create_app
    from app.models import Plan
    from app.plan.stats import PAGE_BUDGET
    from tests.factories import answer, sign_in_client

    t0 = time.perf_counter()
    world = build(url, plans)
    print(f"{label}: built in {time.perf_counter() - t0:.0f} s", flush=True)
    engine = world["engine"]
    app = create_app()
    out = []
    with TestClient(app) as client:
        sign_in_client(client, engine, world["coordinator"])
        ms, q = once(client, engine, "/")
        out.append((label, f"coordinator: first visit, every plan new (front page: {PAGE_BUDGET} recomputed)", "/", ms, ms, q, None))
        ms, q = once(client, engine, "/ataskaita.csv")
        out.append((label, "coordinator: then the report CSV, every other plan recomputed", "/ataskaita.csv", ms, ms, q, None))
        print(out[-2:], flush=True)
        for role in ("facilitator", "lag_staff", "coordinator"):
            sign_in_client(client, engine, world[role])
            pages = [("front page (dashboard)", "/", False), ("baseline: plain list before issue 8", "/", True)]
            if role == "coordinator":
                pages += [("front page with one LAG's plans listed", f"/?vvg={world['lag_id']}", False),
                          ("report page", "/ataskaita", False), ("report CSV", "/ataskaita.csv", False),
                          ("report XLSX", "/ataskaita.xlsx", False)]
            for name, page, plain in pages:
                if plain:
                    with PlainList():
                        r = timed(client, engine, page, runs)
                else:
                    r = timed(client, engine, page, runs)
                out.append((label, f"{role.replace('_', ' ')}: {name}", page, r["median"], r["max"], r["queries"], r["bytes"]))
                print(out[-1], flush=True)
        answer(engine, world["plan"], "vision", "Nauja vizija")
        ms, q = once(client, engine, "/")
        out.append((label, "coordinator: after one plan changed (its figures recomputed)", "/", ms, ms, q, None))
        with engine.begin() as conn:  # every plan changed: the next visit recomputes them all
            conn.execute(update(Plan.__table__).values(updated_at=datetime.now(timezone.utc)))
        ms, q = once(client, engine, "/")
        out.append((label, f"coordinator: after every plan changed (front page: {PAGE_BUDGET} recomputed)", "/", ms, ms, q, None))
        print(out[-1], flush=True)
    engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from sqlalchemy import create_engine, text

    from app import db

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows += measure("SQLite", f"sqlite:///{tmp}/bench.db", args.plans, args.runs)
        db.engine_for.cache_clear()
        try:
            admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
            name = f"plano_bench_{uuid.uuid4().hex[:8]}"
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as exc:  # noqa: BLE001 - a machine without PostgreSQL still benches SQLite
            print(f"PostgreSQL skipped: {exc}", file=sys.stderr)
        else:
            try:
                rows += measure("PostgreSQL", PG_ADMIN.rsplit("/", 1)[0] + f"/{name}", args.plans, args.runs)
            finally:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    write_results(rows, args)


def write_results(rows: list[tuple], args: argparse.Namespace) -> None:
    lines = [
        "## Dashboards (issue 8)", "",
        f"`bench/bench_dashboards.py`: {args.plans} plans ({PLANS_PER_LAG} per LAG, {PLANS_PER_FACILITATOR} per "
        f"facilitator; answers copied from the demo's three plans), {PEOPLE:,} people, {CHANGES:,} changes, "
        "sessions held, comments and approved documents (20 KB each). Server time in-process through the whole "
        "ASGI app (TestClient: sign-in, permission, queries, template; no network), median and slowest of "
        f"{args.runs} requests after a warm-up; statements counted with a `before_cursor_execute` listener. "
        f"Machine: {machine()}; load average {os.getloadavg()[1]:.1f} over the last 5 minutes (others' jobs "
        f"share the cores: absolute times vary, the baseline in the same run is the yardstick). "
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", "",
        "| database | page | median ms | slowest ms | SQL statements | size |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for label, name, _url, med, slow, q, size in rows:
        lines.append(f"| {label} | {name} | {med:.0f} | {slow:.0f} | {q} | "
                     f"{'' if size is None else f'{size / 1024:.0f} KiB'} |")
    lines += ["", "Target: under 300 ms server time per dashboard, and a statement count that does not grow with "
              "the number of plans (`tests/dashboards/test_queries.py` checks 3 against 30 plans). The baseline is "
              "the plain list of the same person's plans that the front page showed before issue 8."
              " A dashboard reads one row per plan (the `plan_stats` cache, with sessions held, open comments "
              "and the approved document counted in the same statement) and recomputes only plans changed since, "
              "at most 100 per page view (the rest are marked as still being computed, newest first); the CSV and "
              "XLSX always compute every plan. Recomputing is the cost of the progress functions (about 8 ms a plan "
              "here): the rows \"first visit\" and \"after every plan changed\" show it, and why a page has a "
              "budget. The coordinator's front page lists one LAG's plans at a time (`/?vvg=<id>`): the plain list "
              "of 2,000 plans was 287 KiB."]
    write_section("dashboards", "\n".join(lines))


if __name__ == "__main__":
    main()
