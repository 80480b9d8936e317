"""The console's figures: the same weekly counts as /stats, a chart, and where intakes stop.

Counts only, never who: the events table holds no user. The chart is the PNG the chat
sends, served by the app itself.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from starlette.requests import Request
from starlette.responses import Response

from opleidingsbot.bot.console.basis import Basis
from opleidingsbot.bot.console.toegang import Beheerder
from opleidingsbot.bot.statistiek import (
    KOLOMMEN,
    Week,
    top_onbeantwoord,
    top_onderwerpen,
    weekcijfers,
)

WEKEN = 8
"""How many weeks the page shows, as /stats does."""
ALLE = "alle"


class Cijferpaginas(Basis):
    """/cijfers: the table and lists; /cijfers/grafiek.png: the chart."""

    def _keuze(self, request: Request, beheerder: Beheerder) -> tuple[str, str | None] | None:
        """The employer asked for (key, or None for all), if this person may see it."""
        zichtbaar = [g for g in self.d.gemeenten if beheerder.mag(g)]
        standaard = ALLE if beheerder.gemeenten is None else (zichtbaar or [""])[0]
        gekozen = request.query_params.get("gemeente") or standaard
        if gekozen == ALLE:
            return (ALLE, None) if beheerder.gemeenten is None else None
        return (gekozen, gekozen) if gekozen in zichtbaar else None

    def _weken(self, gemeente: str | None) -> list[Week]:
        return weekcijfers(
            self.d.gebeurtenissen.db, gemeente=gemeente, weken=WEKEN, nu=self.d.klok()
        )

    async def cijfers(self, request: Request, beheerder: Beheerder) -> Response:
        """The weekly counts as a table, the top topics and open questions, intake stops."""
        keuze = self._keuze(request, beheerder)
        if keuze is None:
            return self.geweigerd(request)
        sleutel, gemeente = keuze
        weken = self._weken(gemeente)
        sinds = self.d.klok() - dt.timedelta(weeks=WEKEN)
        db = self.d.gebeurtenissen.db
        stappen: Counter[str] = Counter()
        for week in weken:
            stappen.update(week.afgebroken_per_stap)
        keuzes = [(g, self.d.gemeenten[g]) for g in self.d.gemeenten if beheerder.mag(g)]
        if beheerder.gemeenten is None:
            keuzes.insert(0, (ALLE, "Alle gemeenten"))
        return self.pagina(
            request,
            "cijfers.html",
            kolommen=KOLOMMEN,
            weken=weken,
            totaal={veld: sum(getattr(w, veld) for w in weken) for _, veld in KOLOMMEN},
            onderwerpen=top_onderwerpen(db, gemeente, sinds),
            onbeantwoord=top_onbeantwoord(db, gemeente, sinds),
            stappen=stappen.most_common(),
            keuzes=keuzes,
            gekozen=sleutel,
        )

    async def grafiek(self, request: Request, beheerder: Beheerder) -> Response:
        """The week chart as a PNG."""
        keuze = self._keuze(request, beheerder)
        if keuze is None:
            return Response(status_code=403)
        from opleidingsbot.bot.grafiek import weekgrafiek  # matplotlib: loaded when asked

        png = weekgrafiek(self._weken(keuze[1]), "Gebruik per week")
        return Response(png, media_type="image/png")
