"""What every page of HR's console shares: its services, the page frame, who may enter.

``Basis`` renders a template with the frame every page needs (the proxy's sub-path,
the CSRF token, who is signed in, a message from the previous form) and guards pages
and forms; the pages themselves live beside it, one module per part of the console.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from starlette.datastructures import FormData, MutableHeaders
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from opleidingsbot.bot.console.toegang import Beheerder, Links, csrf_klopt, csrf_token
from opleidingsbot.bot.opslag.gesprekken import Gebeurtenissen
from opleidingsbot.bot.opslag.wachtrij import Wachtrij
from opleidingsbot.knowledge.matcher import Matcher
from opleidingsbot.knowledge.store import FaqStore

HIER = Path(__file__).parent
VEILIGHEID = {
    "Content-Security-Policy": "default-src 'self'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # a sign-in link must not leak to another site
    "Cache-Control": "no-store",
}


def _nu() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclasses.dataclass
class ConsoleDiensten:
    """What the console works on, built by the composition root."""

    store: FaqStore
    matcher: Callable[[], Matcher]
    """The bot's own matcher on this FAQ (follows HR's changes): "test a question"."""
    wachtrij: Wachtrij
    gemeenten: dict[str, str]
    """Employer key to display name."""
    gebeurtenissen: Gebeurtenissen
    """The usage counts /stats shows (never who)."""
    links: Links
    geheim: str
    """Signs the session cookie."""
    alleen_https: bool = False
    """Send the session cookie over HTTPS only (set it behind a TLS proxy)."""
    klok: Callable[[], dt.datetime] = _nu
    """Now, for the figures and the queue's weeks (a test sets its own)."""


Actie = Callable[[Request, Beheerder], Awaitable[Response]]
Formulieractie = Callable[[Request, Beheerder, FormData], Awaitable[Response]]
VERLOPEN = "Het formulier was verlopen. Probeer het opnieuw."


class Basis:
    """The frame and guards of every page; subclasses add the pages."""

    def __init__(self, d: ConsoleDiensten) -> None:
        self.d = d
        self.sjablonen = Jinja2Templates(directory=HIER / "sjablonen")

    def pagina(
        self, request: Request, sjabloon: str, status: int = 200, **inhoud: Any
    ) -> Response:
        """A page from its template, with what every page shows."""
        sessie = request.session
        context = {
            "basis": request.scope.get("root_path", ""),
            "csrf": csrf_token(sessie),
            "beheerder": beheerder_van(sessie),
            "melding": sessie.pop("melding", None),
            **inhoud,
        }
        antwoord: Response = self.sjablonen.TemplateResponse(
            request, sjabloon, context, status_code=status
        )
        return antwoord

    def geweigerd(
        self, request: Request, fout: str = "Deze gemeente mag je niet zien.", status: int = 403
    ) -> Response:
        """A page that says what may not be seen, and the way back."""
        return self.pagina(request, "fout.html", status=status, fout=fout)

    def naar(self, request: Request, pad: str, melding: str | None = None) -> Response:
        """Go to another page (after a form: the browser's back button posts nothing twice)."""
        if melding:
            request.session["melding"] = melding
        return RedirectResponse(request.scope.get("root_path", "") + pad, status_code=303)

    def alleen_hr(self, actie: Actie) -> Callable[[Request], Awaitable[Response]]:
        """A page for signed-in HR only; anyone else goes to the sign-in page."""

        async def route(request: Request) -> Response:
            beheerder = beheerder_van(request.session)
            if beheerder is None:
                return self.naar(request, "/")
            return await actie(request, beheerder)

        return route

    def formulier(
        self, actie: Formulieractie, terug: Callable[[Request], str] = lambda _: "/vragen"
    ) -> Callable[[Request], Awaitable[Response]]:
        """A form for signed-in HR; without the session's CSRF token, back to ``terug``."""

        async def route(request: Request, beheerder: Beheerder) -> Response:
            form = await request.form()
            if not csrf_klopt(request.session, form.get("csrf")):
                return self.naar(request, terug(request), VERLOPEN)
            return await actie(request, beheerder, form)

        return self.alleen_hr(route)


class Kopregels:
    """Security headers on every answer (pure ASGI, so streaming stays as it is)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers to the answer's start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def met_kopregels(bericht: Message) -> None:
            if bericht["type"] == "http.response.start":
                headers = MutableHeaders(scope=bericht)
                for naam, waarde in VEILIGHEID.items():
                    headers[naam] = waarde
            await send(bericht)

        await self.app(scope, receive, met_kopregels)


def beheerder_van(sessie: dict[str, Any]) -> Beheerder | None:
    """Who is signed in to this session, if anyone."""
    wie = sessie.get("wie")
    if not isinstance(wie, str):
        return None
    gemeenten = sessie.get("gemeenten")
    return Beheerder(wie, None if gemeenten is None else frozenset(gemeenten))
