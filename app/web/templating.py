"""Jinja environment and the one render function every route uses."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from starlette.requests import Request
from starlette.responses import HTMLResponse

from app.config import get_settings
from app.people.notices import NoticeBox
from app.people.staff import community_place
from app.plan import formatting
from app.web.htmx import wants_partial
from app.web.i18n import LANGS, translator

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
env = templates.env
env.trim_blocks = True
env.auto_reload = False  # templates ship with the code: no stat() per render
env.lstrip_blocks = True
env.filters["date_lt"] = formatting.format_date
env.filters["money"] = formatting.format_money
env.filters["number"] = formatting.format_number
env.filters["hhmm"] = formatting.format_time
env.filters["place"] = community_place  # a community's municipality (its label, not "kelme") and eldership
def _groupby_section(findings, section_of):  # noqa: ANN001, ANN202
    """Findings grouped by their section, in the document's order (A, B, …)."""
    groups: dict = {}
    for finding in findings:
        groups.setdefault(section_of(finding.field), []).append(finding)
    return sorted(groups.items(), key=lambda item: item[0].letter)


env.filters["groupby_section"] = _groupby_section
env.filters["css_id"] = lambda path: "c-" + "".join(ch if ch.isalnum() else "-" for ch in str(path))


def request_lang(request: Request) -> str:
    """The person's language: their remembered choice, else Lithuanian."""
    lang = request.cookies.get("lang") or get_settings().default_lang
    return lang if lang in LANGS else "lt"


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200,
           partial: str | None = None, headers: dict[str, str] | None = None) -> HTMLResponse:
    """Render a page, or ``partial`` instead when HTMX asks for a fragment (same URL)."""
    lang = context.get("lang") or request_lang(request)
    use = partial if partial and wants_partial(request) else name
    person = getattr(request.state, "person", None)
    ctx = {"lang": lang, "_": translator(lang), "settings": get_settings(),
           "person": person,
           # read only when the header asks: one indexed count per page, none for anonymous ones
           "my_notices": NoticeBox(person.person_id) if person else None,
           "csrf_token": getattr(request.state, "csrf_token", ""), **context}
    response = templates.TemplateResponse(request, use, ctx, status_code=status_code, headers=headers)
    response.headers["Vary"] = "HX-Request, Cookie"
    response.headers.setdefault("Content-Language", lang)
    return response
