"""Domain errors and HTTP errors as plain Lithuanian pages or fragments: never a bare 500."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import Response

from app.plan.errors import InvalidTransition, NotAllowed, NotFound, ValidationFailed
from app.web.templating import render, request_lang

MESSAGES = {
    400: ("Užklausa nesuprasta", "Patikrinkite, ką įrašėte, ir bandykite dar kartą."),
    403: ("Neleidžiama", "Šiam veiksmui neturite teisės. Jei manote, kad tai klaida, kreipkitės į moderatorių."),
    404: ("Puslapis nerastas", "Tokio puslapio nėra arba jis jums nepasiekiamas."),
    405: ("Veiksmas negalimas", "Šiuo adresu taip daryti negalima."),
    409: ("Būsena pasikeitė", "Kol žiūrėjote, kažkas pakeitė planą. Atnaujinkite puslapį."),
    413: ("Per daug duomenų", "Siunčiate per daug teksto vienu kartu. Sutrumpinkite ir bandykite dar kartą."),
    422: ("Netinkami duomenys", "Patikrinkite įrašytas reikšmes."),
    429: ("Per daug bandymų", "Palaukite kelias minutes ir bandykite dar kartą."),
    500: ("Įvyko klaida", "Atsiprašome, kažkas nepavyko. Jūsų jau išsaugoti duomenys neprarasti. "
                         "Bandykite dar kartą po minutės."),
}


def error_page(request: Request, status: int, detail: str | None = None) -> Response:
    title, text = MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400])
    return render(request, "error.html", {"status": status, "title": title, "text": detail or text},
                  status_code=status)


def _status_refusal(request: Request, exc: NotAllowed) -> str | None:
    """A workflow step refused because the plan has moved on (a second click on "Pateikti"):
    say so, rather than "you have no right"."""
    ctx, visitor = getattr(request.state, "plan_ctx", None), getattr(request.state, "visitor", None)
    if ctx is None or visitor is None or not exc.args:
        return None
    from app.people.access import roles_on
    from app.plan.workflow import refusal_for

    roles = roles_on(visitor.grants, ctx.plan.id, ctx.community.id, ctx.lag.id)
    message = refusal_for(str(exc.args[0]), roles, ctx.plan.status)
    return message.get(request_lang(request)) if message else None


def install(app: FastAPI) -> None:
    """Map every error to a page in the person's language."""

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return error_page(request, 404)

    @app.exception_handler(NotAllowed)
    async def _not_allowed(request: Request, exc: NotAllowed) -> Response:
        return error_page(request, 403, _status_refusal(request, exc))

    @app.exception_handler(InvalidTransition)
    async def _invalid(request: Request, exc: InvalidTransition) -> Response:
        return error_page(request, 409, exc.message.get(request_lang(request)) if exc.message else None)

    @app.exception_handler(ValidationFailed)
    async def _failed(request: Request, exc: ValidationFailed) -> Response:
        return error_page(request, 422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        return error_page(request, exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        # a malformed id in a URL (/plans/abc) is a page that does not exist
        return error_page(request, 404 if request.method == "GET" else 400)

    @app.exception_handler(ClientDisconnect)
    async def _gone(request: Request, exc: ClientDisconnect) -> Response:
        # the browser went away mid-request (a phone losing signal): nothing to answer
        return Response(status_code=400)

    # Anything else is caught by ``app.main.SecurityHeaders`` (inside the middleware that adds
    # the security headers, so the 500 page has them too).
