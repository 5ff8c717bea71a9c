"""Real-browser fixtures: a live uvicorn on a free port over a fresh SQLite file, and Debian's
Chromium driven by Playwright for Python (never `playwright install`).

Without chromium the browser tests are skipped locally; in CI (CI=true) that is a failure.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
from pathlib import Path
from typing import Iterator

import pytest

from app import config, db

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
AXE = Path(__file__).parent / "vendor" / "axe-4.11.1.min.js"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def browser_db(sqlite_template: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh SQLite database that the live server and the test share."""
    path = tmp_path / "browser.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("LIVE_REFRESH_SECONDS", "1")  # live refresh tests wait less
    config.get_settings.cache_clear()
    yield url
    db.engine_for(url).dispose()
    config.get_settings.cache_clear()


@pytest.fixture
def live_server(browser_db: str) -> Iterator[str]:
    """The app served by uvicorn in a thread; yields its base URL."""
    import uvicorn

    from app.main import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    started = threading.Event()
    for _ in range(500):  # wait for the socket, not for a fixed time
        if server.started:
            started.set()
            break
        threading.Event().wait(0.01)
    assert started.is_set(), "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():  # noqa: ANN201
    path = shutil.which("chromium")
    if not path:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed: .ci/run must install Debian's chromium")
        pytest.skip("chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):  # noqa: ANN001, ANN201
    context = browser.new_context(locale="lt-LT", viewport={"width": 1280, "height": 900})
    p = context.new_page()
    p.set_default_timeout(10_000)
    yield p
    context.close()


@pytest.fixture
def phone(browser):  # noqa: ANN001, ANN201
    """A page on a 360 px wide phone."""
    context = browser.new_context(locale="lt-LT", viewport={"width": 360, "height": 740})
    p = context.new_page()
    p.set_default_timeout(10_000)
    yield p
    context.close()


@pytest.fixture
def axe_page(browser):  # noqa: ANN001, ANN201
    """A page that may inject axe-core: the app's CSP rightly forbids inline scripts."""
    context = browser.new_context(locale="lt-LT", bypass_csp=True)
    p = context.new_page()
    p.set_default_timeout(10_000)
    yield p
    context.close()


def run_axe(page) -> list[dict]:  # noqa: ANN001
    """WCAG 2.x A/AA violations axe-core finds on the current page."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})")
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]


def sign_in(page, base_url: str, person_id: int) -> None:  # noqa: ANN001
    """Make the page's browser that person: a session in the database, its cookie in the
    context (what signing in or joining with a code does)."""
    from app.web.auth import SESSION_COOKIE
    from tests.factories import make_session

    token = make_session(db.get_engine(), person_id)
    page.context.add_cookies([{"name": SESSION_COOKIE, "value": token, "url": base_url}])
