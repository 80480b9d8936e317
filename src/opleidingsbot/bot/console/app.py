"""HR's console in the browser: an ASGI app (Starlette) with server-rendered pages.

An edge like the Telegram channel: pages and forms are translated into the same
stores the chat and the command line use (``FaqStore``, ``Wachtrij``) and the same
HR tasks (``bot.hrtaken``); nothing here decides what a change means. No script is
needed, and no asset is fetched from elsewhere: styles are served by the app.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from opleidingsbot.bot.console.basis import HIER, Basis, ConsoleDiensten, Kopregels, beheerder_van
from opleidingsbot.bot.console.cijferpaginas import Cijferpaginas
from opleidingsbot.bot.console.faqpaginas import Faqpaginas
from opleidingsbot.bot.console.toegang import SESSIE_GELDIG, Beheerder, LinkFout, csrf_klopt
from opleidingsbot.bot.hrtaken import als_formulering, exporteer_wachtrij
from opleidingsbot.bot.opslag.wachtrij import Groep, Wachtrij
from opleidingsbot.knowledge.clashes import BotsingFout
from opleidingsbot.knowledge.faq import ALGEMEEN, FaqFout
from opleidingsbot.knowledge.store import VerouderdFout

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
AL_VERWERKT = "Deze vragen zijn al verwerkt, of je mag ze niet zien."


def maak_app(d: ConsoleDiensten) -> Starlette:
    """The console as an ASGI app; behind a proxy on a sub-path, run it with root_path."""
    c = Console(d)
    f = Faqpaginas(d)
    g = Cijferpaginas(d)
    return Starlette(
        routes=[
            Route("/", c.begin),
            Route("/aanmelden", c.aanmelden),
            Route("/afmelden", c.afmelden, methods=["POST"]),
            Route("/vragen", c.alleen_hr(c.vragen)),
            Route("/vragen/export", c.alleen_hr(c.export)),
            Route("/vragen/formulering", c.formulier(c.formulering), methods=["POST"]),
            Route("/vragen/afwijzen", c.formulier(c.afwijzen), methods=["POST"]),
            Route("/faq", f.alleen_hr(f.lijst)),
            Route("/faq/nieuw", f.alleen_hr(f.nieuw)),
            Route("/faq/nieuw", f.formulier(f.maak, lambda _: "/faq"), methods=["POST"]),
            Route("/faq/{id}", f.alleen_hr(f.item)),
            Route("/faq/{id}/aanuit", f.formulier(f.aan_uit, f.terug), methods=["POST"]),
            Route("/faq/{id}", f.formulier(f.opslaan, f.terug), methods=["POST"]),
            Route("/faq/{id}/geschiedenis", f.alleen_hr(f.geschiedenis)),
            Route("/faq/{id}/herstel", f.formulier(f.herstel, f.terug), methods=["POST"]),
            Route("/cijfers", g.alleen_hr(g.cijfers)),
            Route("/cijfers/grafiek.png", g.alleen_hr(g.grafiek)),
            Mount("/statisch", StaticFiles(directory=HIER / "statisch"), name="statisch"),
        ],
        middleware=[
            Middleware(Kopregels),
            Middleware(
                SessionMiddleware,
                secret_key=d.geheim,
                session_cookie="opleidingsbot_console",
                max_age=SESSIE_GELDIG,
                same_site="strict",
                https_only=d.alleen_https,
            ),
        ],
    )


class Console(Basis):
    """Signing in and out, and the review queue."""

    async def begin(self, request: Request) -> Response:
        """The start: the queue when signed in, else how to sign in."""
        if beheerder_van(request.session):
            return self.naar(request, "/vragen")
        return self.pagina(request, "aanmelden.html")

    async def aanmelden(self, request: Request) -> Response:
        """Spend a sign-in link and start a session."""
        try:
            beheerder = self.d.links.gebruik(request.query_params.get("token", ""))
        except LinkFout as fout:
            return self.pagina(request, "aanmelden.html", status=403, fout=str(fout))
        request.session.clear()
        request.session["wie"] = beheerder.wie
        gemeenten = beheerder.gemeenten
        request.session["gemeenten"] = None if gemeenten is None else sorted(gemeenten)
        return self.naar(request, "/vragen")

    async def afmelden(self, request: Request) -> Response:
        """End the session."""
        if not csrf_klopt(request.session, (await request.form()).get("csrf")):
            return Response("Het formulier is verlopen. Laad de pagina opnieuw.", 403)
        request.session.clear()
        return self.naar(request, "/")

    async def vragen(self, request: Request, beheerder: Beheerder) -> Response:
        """The review queue: groups of similar questions, most often asked first."""
        keuze = self._filter(request, beheerder)
        if keuze is None:
            return self.geweigerd(request)
        gemeenten, week = keuze
        rijen = [rij for g in gemeenten for rij in self._rijen(g, week)]
        return self.pagina(
            request,
            "vragen.html",
            rijen=rijen,
            keuzes=[(g, self.d.gemeenten[g]) for g in self.d.gemeenten if beheerder.mag(g)],
            gekozen=request.query_params.get("gemeente") or "",
            weken=_laatste_weken(self.d.klok(), 8),
            week=week or "",
        )

    async def export(self, request: Request, beheerder: Beheerder) -> Response:
        """The queue as shown (employer, week) as a CSV or XLSX file."""
        keuze = self._filter(request, beheerder)
        soort = request.query_params.get("soort", "csv")
        if keuze is None or soort not in ("csv", "xlsx"):
            return Response("Deze export bestaat niet, of je mag hem niet zien.", 403)
        gemeenten, week = keuze
        groepen = [groep for g in gemeenten for groep in self._groepen(g, week)]
        with tempfile.TemporaryDirectory() as map_:
            pad = Path(map_) / f"vragen.{soort}"
            exporteer_wachtrij(pad, groepen)
            inhoud = pad.read_bytes()
        naam = f"vragen-{week or 'alle-weken'}.{soort}"
        return Response(
            inhoud,
            media_type=MEDIA[soort],
            headers={"Content-Disposition": f'attachment; filename="{naam}"'},
        )

    def _filter(
        self, request: Request, beheerder: Beheerder
    ) -> tuple[list[str], str | None] | None:
        """The employers and the ISO week the page asks for; None if not allowed."""
        gekozen = request.query_params.get("gemeente") or None
        zichtbaar = [g for g in self.d.gemeenten if beheerder.mag(g)]
        if gekozen is not None and gekozen not in zichtbaar:
            return None
        week = request.query_params.get("week") or None
        if week is not None and not re.fullmatch(r"\d{4}-W\d{2}", week):
            week = None
        return ([gekozen] if gekozen else zichtbaar), week

    def _groepen(self, gemeente: str, week: str | None) -> list[Groep]:
        groepen = self.d.wachtrij.groepen(gemeente)
        if week is None:
            return groepen
        binnen = [
            dataclasses.replace(g, vragen=[v for v in g.vragen if _iso_week(v.tijd) == week])
            for g in groepen
        ]
        return sorted((g for g in binnen if g.vragen), key=lambda g: -len(g.vragen))

    def _rijen(self, gemeente: str, week: str | None) -> list[dict[str, Any]]:
        faq = self.d.store.faq()
        items = [v for v, _ in faq.zichtbaar(gemeente)] if gemeente in faq.bestanden else []
        rijen = []
        for groep in self._groepen(gemeente, week):
            bijna = [faq.vraag(i) for i in groep.bijna()[:3]]
            dichtbij = [g[0] for g in bijna if g is not None]
            rijen.append(
                {
                    "gemeente": gemeente,
                    "naam": self.d.gemeenten.get(gemeente, gemeente),
                    "vraag": groep.voorbeeld.vraag,
                    "aantal": len(groep.vragen),
                    "ids": ",".join(str(v.id) for v in groep.vragen),
                    "dichtbij": dichtbij,
                    "rest": sorted((v for v in items if v not in dichtbij), key=lambda v: v.vraag),
                }
            )
        return rijen

    async def formulering(
        self, request: Request, beheerder: Beheerder, form: FormData
    ) -> Response:
        """Add the queued question as a phrasing of an entry; its group leaves the queue."""
        gemeente, groep = _groep(self.d.wachtrij, beheerder, form)
        if groep is None:
            return self.naar(request, "/vragen", AL_VERWERKT)
        gevonden = self.d.store.faq().vraag(str(form.get("vraag_id", "")))
        if gevonden is None or gevonden[1].gemeente not in (gemeente, ALGEMEEN):
            return self.naar(request, "/vragen", "Kies een vraag uit de lijst.")
        item = gevonden[0]
        tekst = _eerste(self.d.wachtrij, groep)
        try:
            als_formulering(self.d.store, self.d.wachtrij, item, tekst, groep, beheerder.wie)
        except (VerouderdFout, BotsingFout, FaqFout) as fout:
            return self.naar(request, "/vragen", f"Niet opgeslagen: {_uitleg(fout)}")
        melding = f"Opgeslagen: “{tekst}” hoort nu bij “{item.vraag}”."
        return self.naar(request, "/vragen", melding)

    async def afwijzen(self, request: Request, beheerder: Beheerder, form: FormData) -> Response:
        """Dismiss a group of queued questions."""
        _, groep = _groep(self.d.wachtrij, beheerder, form)
        if groep is None:
            return self.naar(request, "/vragen", AL_VERWERKT)
        self.d.wachtrij.zet_status(groep, "afgewezen")
        return self.naar(request, "/vragen", "Afgewezen. De vraag staat niet meer in de lijst.")


def _groep(
    wachtrij: Wachtrij, beheerder: Beheerder, form: FormData
) -> tuple[str, list[int] | None]:
    """The employer and queued question ids a form names: only open ones HR may see."""
    gemeente = str(form.get("gemeente", ""))
    try:
        ids = [int(deel) for deel in str(form.get("ids", "")).split(",") if deel]
    except ValueError:
        return gemeente, None
    if not ids or not beheerder.mag(gemeente):
        return gemeente, None
    open_ = {v.id for v in wachtrij.open_vragen(gemeente)}
    return gemeente, ids if set(ids) <= open_ else None


def _eerste(wachtrij: Wachtrij, ids: list[int]) -> str:
    """The text of the first asked of these queued questions."""
    teksten = {v.id: v.vraag for v in wachtrij.open_vragen()}
    return teksten[min(ids)]


def _uitleg(fout: Exception) -> str:
    if isinstance(fout, VerouderdFout):
        return "iemand anders heeft deze vraag net gewijzigd. Bekijk hem opnieuw."
    if isinstance(fout, BotsingFout):
        return fout.gevonden[0].tekst()
    return str(fout).splitlines()[0]


def _iso_week(moment: dt.datetime) -> str:
    jaar, week, _ = moment.isocalendar()
    return f"{jaar}-W{week:02d}"


def _laatste_weken(nu: dt.datetime, aantal: int) -> list[str]:
    """The ISO names of this week and the ones before it, newest first."""
    return [_iso_week(nu - dt.timedelta(weeks=i)) for i in range(aantal)]
