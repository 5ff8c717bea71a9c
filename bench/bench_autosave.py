"""Autosave under load: latency (p50, p95, p99) and throughput with 1, 20 and 100 concurrent
clients against one uvicorn process, on SQLite and on PostgreSQL, beside the app's bare
endpoint (/healthz) in the same run: the framework's limit on this machine.

Each client is one thread with one keep-alive connection (bench/loadgen.py) typing into its
own answer and carrying the revision of the last reply, so every request is a real save (a new
value, a new revision, a change-log row). Writes RESULTS.md's autosave section. Run: ``.venv/bin/python bench/bench_autosave.py [--seconds 10]``.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine, write_section  # noqa: E402

PG_ADMIN = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
CLIENTS = (1, 20, 100)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(url: str) -> tuple[int, dict[str, str]]:
    """Migrate, create one plan and a need row per client, and a signed-in team member of the
    plan; return the plan id and the headers (session cookie, CSRF token) every save carries."""
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "app", "migrate"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    code = f"""
from sqlmodel import Session
from app.db import make_engine
from app.models import Lag, Community, PlanRow
from app.plan.services import create_plan
e = make_engine({url!r})
with Session(e) as db:
    lag = Lag(name='Bench VVG'); db.add(lag); db.commit(); db.refresh(lag)
    c = Community(lag_id=lag.id, name='Bench'); db.add(c); db.commit(); db.refresh(c)
plan = create_plan(e, c.id)
with Session(e) as db:
    for i in range(1, {max(CLIENTS)} + 1):
        db.add(PlanRow(plan_id=plan, table_key='needs', row_id=f'bench{{i:04d}}', position=i))
    db.commit()
from app.models import Person
from app.people.access import add_membership
from app.people.sessions import create_session
from app.plan.permissions import Role
from app.web.auth import SESSION_COOKIE, csrf_token_for
with Session(e) as db:
    person = Person(name='Bench'); db.add(person); db.commit(); db.refresh(person)
add_membership(e, person.id, Role.TEAM_MEMBER, plan_id=plan)
token = create_session(e, person.id)
print(plan, SESSION_COOKIE + '=' + token, csrf_token_for('s', token))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True)
    plan, cookie, csrf = out.stdout.strip().splitlines()[-1].split()
    return int(plan), {"Cookie": cookie, "X-CSRF-Token": csrf}


def serve(url: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "app.asgi:app", "--port", str(port),
                             "--log-level", "warning", "--no-access-log"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            return proc, base
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("uvicorn did not start")


def measure(base: str, clients: int, seconds: float, plan: int | None, signed_in: dict | None = None) -> dict:
    """Autosave (plan given) or the bare endpoint, with ``clients`` concurrent clients."""
    from urllib.parse import quote, urlsplit

    from bench.loadgen import run

    url = urlsplit(base)
    counter = [0]

    def save(no: int, state: dict):  # noqa: ANN202
        counter[0] += 1
        key = quote(f"needs/bench{no:04d}/title", safe="")
        body = f"v%3A{key}=Poreikis+{no}+nr+{counter[0]}&rev%3A{key}={state['rev']}".encode()
        return "POST", f"/plans/{plan}/cells", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                      **(signed_in or {})}

    def bare(no: int, state: dict):  # noqa: ANN202
        return "GET", "/healthz", None, {}

    out = run(url.hostname, url.port, clients, seconds, save if plan else bare)
    return {"rps": out.rps, "p50_ms": out.percentile(50), "p95_ms": out.percentile(95),
            "p99_ms": out.percentile(99), "saves": out.statuses.get(200, 0) if plan else 0,
            "conflicts": out.statuses.get(409, 0),
            "other": sum(v for k, v in out.statuses.items() if k not in (200, 409))}


def databases(tmp: Path):  # noqa: ANN201
    yield "SQLite", f"sqlite:///{tmp / 'bench.db'}", None
    try:
        from sqlalchemy import create_engine, text

        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        name = f"plano_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
        yield "PostgreSQL", url, (admin, name)
    except Exception as exc:  # noqa: BLE001 - a machine without PostgreSQL still benches SQLite
        print(f"PostgreSQL skipped: {exc}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, url, cleanup in databases(Path(tmp)):
            plan, signed_in = prepare(url)
            proc, base = serve(url)
            try:
                for clients in CLIENTS:
                    bare = measure(base, clients, args.seconds, None)
                    save = measure(base, clients, args.seconds, plan, signed_in)
                    rows.append((label, clients, bare, save))
                    print(label, clients, f"bare {bare['rps']:.0f}/s", f"autosave {save['rps']:.0f}/s",
                          f"p50 {save['p50_ms']:.1f} ms p95 {save['p95_ms']:.1f} ms", flush=True)
            finally:
                proc.terminate()
                proc.wait(timeout=10)
                if cleanup:
                    from sqlalchemy import text

                    admin, name = cleanup
                    with admin.connect() as conn:
                        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    lines = [
        "## Autosave under load", "",
        f"Machine: {machine()}.",
        f"One uvicorn process; the load generator (bench/loadgen.py, one thread and keep-alive connection per client) on the same machine (it shares the {os.cpu_count()} cores), "
        f"{args.seconds} s per cell; each client is one connection saving its own answer with the "
        "revision of its last reply (every request a real save and a change-log row). "
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", "",
        "| database | clients | bare req/s | autosave req/s | autosave / bare | p50 ms | p95 ms | p99 ms | saves | conflicts | other |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, clients, bare, save in rows:
        lines.append(f"| {label} | {clients} | {bare['rps']:.0f} | {save['rps']:.0f} | "
                     f"{100 * save['rps'] / bare['rps']:.0f} % | {save['p50_ms']:.1f} | {save['p95_ms']:.1f} | "
                     f"{save['p99_ms']:.1f} | {save['saves']} | {save['conflicts']} | {save['other']} |")
    lines += ["", "Target: p95 under 50 ms at 20 clients on SQLite; autosave throughput at least 40 % of the bare endpoint's."]
    write_section("autosave", "\n".join(lines))


if __name__ == "__main__":
    main()
