"""The console's FAQ pages: test a question with the bot's matcher, show and edit an entry.

"Test een vraag" runs the bot's own matcher, so HR sees what an employee would get.
An edit is previewed as the chat shows it, with the B1 points to look at, before it is
saved through the same store as the chat and the command line: a save on a version
someone else changed meanwhile is refused, with both answers side by side.
"""

from __future__ import annotations

import difflib
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from opleidingsbot.bot.console.basis import Basis
from opleidingsbot.bot.console.toegang import Beheerder
from opleidingsbot.bot.hrtaken import NieuweVraag, voeg_nieuwe_toe
from opleidingsbot.bot.weergave import antwoord_tekst
from opleidingsbot.knowledge.audit import AuditRegel, verschil
from opleidingsbot.knowledge.clashes import BotsingFout, weiger_botsingen
from opleidingsbot.knowledge.faq import ALGEMEEN, FaqBestand, FaqFout, FaqItem
from opleidingsbot.knowledge.leesbaarheid import leesgemak, opmerkingen
from opleidingsbot.knowledge.store import VerouderdFout

MIN_FORMULERINGEN = 4
"""A new entry needs this many other phrasings (the FAQ's own minimum)."""
VELDEN = ("vraag", "antwoord", "document", "artikel", "varianten")
NIET_GEVONDEN = "Deze vraag bestaat niet, of je mag hem niet zien."


class Faqpaginas(Basis):
    """/faq: the entries of an employer and a question to test; /faq/{id}: one entry."""

    def terug(self, request: Request) -> str:
        """Where a refused form of an entry's page leads: that page again."""
        return f"/faq/{request.path_params['id']}"

    async def lijst(self, request: Request, beheerder: Beheerder) -> Response:
        """The employer's entries, and what the bot answers a question typed here."""
        zichtbaar = [g for g in self.d.gemeenten if beheerder.mag(g)]
        gemeente = request.query_params.get("gemeente") or (zichtbaar[0] if zichtbaar else "")
        if gemeente not in zichtbaar:
            return self.geweigerd(request)
        faq = self.d.store.faq()
        items = [v for v, _ in faq.zichtbaar(gemeente)]
        items += [v for v in faq.bestanden[gemeente].vragen if not v.actief]
        eigen = {v.id for v in faq.bestanden[gemeente].vragen}
        alles = beheerder.gemeenten is None
        vraag = request.query_params.get("vraag", "").strip()
        test = self._test(vraag, gemeente) if vraag else None
        return self.pagina(
            request,
            "faq.html",
            items=[
                {"vraag": v, "eigen": v.id in eigen, "bewerkbaar": v.id in eigen or alles}
                for v in sorted(items, key=lambda v: v.vraag)
            ],
            keuzes=[(g, self.d.gemeenten[g]) for g in zichtbaar],
            gekozen=gemeente,
            vraag=vraag,
            test=test,
        )

    def _test(self, vraag: str, gemeente: str) -> dict[str, Any]:
        uitkomst = self.d.matcher().zoek(vraag, gemeente)
        beste = uitkomst.beste
        return {
            "status": uitkomst.status,
            "score": round(beste.score) if beste else None,
            "beste": beste.vraag if beste else None,
            "antwoord": antwoord_tekst(beste.vraag, beste.bestand) if beste else "",
            "suggesties": [k.vraag for k in uitkomst.suggesties],
        }

    async def item(self, request: Request, beheerder: Beheerder) -> Response:
        """One entry: as the chat shows it, its phrasings, and a form to change the answer."""
        gevonden = self._gevonden(request, beheerder)
        if gevonden is None:
            return self.geweigerd(request, NIET_GEVONDEN, 404)
        vraag, bestand = gevonden
        return self._toon(request, vraag, bestand, vraag.antwoord)

    def _toon(
        self,
        request: Request,
        vraag: FaqItem,
        bestand: FaqBestand,
        antwoord: str,
        status: int = 200,
        **extra: Any,
    ) -> Response:
        voorbeeld = vraag.model_copy(update={"antwoord": antwoord})
        return self.pagina(
            request,
            "faqitem.html",
            status=status,
            vraag=vraag,
            versie=self.d.store.versie(vraag),
            antwoord=antwoord,
            voorbeeld=antwoord_tekst(voorbeeld, bestand),
            opmerkingen=opmerkingen(antwoord),
            leesgemak=leesgemak(antwoord),
            naam=self.d.gemeenten.get(bestand.gemeente, "alle gemeenten"),
            **extra,
        )

    async def opslaan(self, request: Request, beheerder: Beheerder, form: FormData) -> Response:
        """Preview the new answer, or save it if it is still on the version HR saw."""
        gevonden = self._gevonden(request, beheerder)
        if gevonden is None:
            return self.geweigerd(request, NIET_GEVONDEN, 404)
        vraag, bestand = gevonden
        antwoord = str(form.get("antwoord", "")).strip()
        if form.get("actie") != "opslaan":
            return self._toon(request, vraag, bestand, antwoord, bekeken=True)
        if not antwoord:
            fout = "Het antwoord is leeg. Schrijf een antwoord."
            return self._toon(request, vraag, bestand, antwoord, status=422, fout=fout)
        nieuw = FaqItem.model_validate({**vraag.model_dump(), "antwoord": antwoord})
        try:
            self.d.store.wijzig(
                nieuw,
                str(form.get("versie", "")),
                door=beheerder.wie,
                controle=weiger_botsingen,
            )
        except VerouderdFout as fout:
            huidig = fout.huidig
            return self._toon(request, huidig, bestand, antwoord, status=409, ander=huidig)
        except BotsingFout as fout:
            tekst = fout.gevonden[0].tekst()
            return self._toon(request, vraag, bestand, antwoord, status=422, fout=tekst)
        except FaqFout as fout:
            tekst = _eerste_regel(fout)
            return self._toon(request, vraag, bestand, antwoord, status=422, fout=tekst)
        return self.naar(request, f"/faq/{vraag.id}", "Opgeslagen. De bot gebruikt het nu.")

    async def geschiedenis(self, request: Request, beheerder: Beheerder) -> Response:
        """Every change to the entry: who, when, what; the answer's words as a diff."""
        gevonden = self._gevonden(request, beheerder)
        if gevonden is None:
            return self.geweigerd(request, NIET_GEVONDEN, 404)
        vraag = gevonden[0]
        regels = [_regel(r) for r in reversed(self.d.store.geschiedenis(vraag.id))]
        return self.pagina(
            request,
            "geschiedenis.html",
            vraag=vraag,
            versie=self.d.store.versie(vraag),
            regels=regels,
        )

    async def herstel(self, request: Request, beheerder: Beheerder, form: FormData) -> Response:
        """Put the entry back as one history line left it (refused if it changed since)."""
        gevonden = self._gevonden(request, beheerder)
        if gevonden is None:
            return self.geweigerd(request, NIET_GEVONDEN, 404)
        id_ = gevonden[0].id
        nummer = str(form.get("nummer", ""))
        terug = f"/faq/{id_}/geschiedenis"
        if not nummer.isdecimal():
            return self.naar(request, terug, "Kies een wijziging uit de lijst.")
        try:
            self.d.store.herstel(
                id_,
                int(nummer),
                str(form.get("versie", "")),
                door=beheerder.wie,
                controle=weiger_botsingen,
            )
        except VerouderdFout:
            return self.naar(request, terug, "Niet teruggezet: iemand anders wijzigde hem net.")
        except (BotsingFout, FaqFout, ValueError) as fout:
            return self.naar(request, terug, f"Niet teruggezet: {str(fout).splitlines()[0]}")
        return self.naar(request, terug, f"Teruggezet zoals na wijziging {nummer}.")

    async def aan_uit(self, request: Request, beheerder: Beheerder, form: FormData) -> Response:
        """Switch the entry off (the bot no longer uses it) or on again."""
        gevonden = self._gevonden(request, beheerder)
        if gevonden is None:
            return self.geweigerd(request, NIET_GEVONDEN, 404)
        vraag = gevonden[0]
        nieuw = vraag.model_copy(update={"actief": not vraag.actief})
        try:
            self.d.store.wijzig(
                nieuw, str(form.get("versie", "")), door=beheerder.wie, controle=weiger_botsingen
            )
        except VerouderdFout:
            return self.naar(request, f"/faq/{vraag.id}", "Niet gewijzigd: iemand was je voor.")
        except (BotsingFout, FaqFout) as fout:
            return self.naar(request, f"/faq/{vraag.id}", f"Niet gewijzigd: {_eerste_regel(fout)}")
        melding = (
            "Staat aan: de bot gebruikt hem weer."
            if nieuw.actief
            else ("Staat uit: de bot gebruikt hem niet meer.")
        )
        return self.naar(request, f"/faq/{vraag.id}", melding)

    async def nieuw(self, request: Request, beheerder: Beheerder) -> Response:
        """The form for a new entry; from the queue, with the question filled in."""
        gemeente = request.query_params.get("gemeente", "")
        if not beheerder.mag(gemeente) or gemeente not in self.d.store.faq().bestanden:
            fout = "Kies eerst een gemeente die je mag zien."
            return self.pagina(request, "fout.html", status=403, fout=fout)
        ids = request.query_params.get("ids", "")
        open_ = {str(v.id): v.vraag for v in self.d.wachtrij.open_vragen(gemeente)}
        eerste = next((open_[i] for i in ids.split(",") if i in open_), "")
        return self._nieuw_formulier(request, gemeente, ids, {"vraag": eerste})

    def _nieuw_formulier(
        self,
        request: Request,
        gemeente: str,
        ids: str,
        velden: dict[str, str],
        status: int = 200,
        fout: str | None = None,
    ) -> Response:
        bestand = self.d.store.faq().bestanden[gemeente]
        return self.pagina(
            request,
            "nieuw.html",
            status=status,
            gemeente=gemeente,
            naam=self.d.gemeenten.get(gemeente, gemeente),
            ids=ids,
            documenten=bestand.documenten,
            velden=velden,
            minimum=MIN_FORMULERINGEN,
            fout=fout,
        )

    async def maak(self, request: Request, beheerder: Beheerder, form: FormData) -> Response:
        """Add the new entry; the queued questions it answers leave the queue."""
        gemeente = str(form.get("gemeente", ""))
        if not beheerder.mag(gemeente) or gemeente not in self.d.store.faq().bestanden:
            return self.pagina(request, "fout.html", status=403, fout=NIET_GEVONDEN)
        velden = {k: str(form.get(k, "")).strip() for k in VELDEN}
        ids = str(form.get("ids", ""))
        open_ = {v.id for v in self.d.wachtrij.open_vragen(gemeente)}
        groep = [int(i) for i in ids.split(",") if i.isdecimal() and int(i) in open_]
        varianten = [r.strip() for r in velden["varianten"].splitlines() if r.strip()]
        nieuw = NieuweVraag(
            vraag=velden["vraag"],
            antwoord=velden["antwoord"],
            document=velden["document"],
            artikel=velden["artikel"],
            varianten=varianten,
        )
        probleem = _ontbreekt(nieuw)
        if probleem is None:
            try:
                item = voeg_nieuwe_toe(
                    self.d.store,
                    self.d.wachtrij,
                    gemeente,
                    nieuw,
                    groep,
                    beheerder.wie,
                    self.d.klok().date(),
                )
            except BotsingFout as fout:
                probleem = fout.gevonden[0].tekst()
            except (FaqFout, ValueError) as fout:
                probleem = _eerste_regel(fout)
            else:
                return self.naar(request, f"/faq/{item.id}", "Opgeslagen. De bot gebruikt hem nu.")
        return self._nieuw_formulier(request, gemeente, ids, velden, status=422, fout=probleem)

    def _gevonden(
        self, request: Request, beheerder: Beheerder
    ) -> tuple[FaqItem, FaqBestand] | None:
        """The entry in the path, if this person may see it (general ones: HR of all)."""
        gevonden = self.d.store.faq().vraag(str(request.path_params["id"]))
        if gevonden is None:
            return None
        gemeente = gevonden[1].gemeente
        if gemeente == ALGEMEEN:
            return gevonden if beheerder.gemeenten is None else None
        return gevonden if beheerder.mag(gemeente) else None


def _regel(regel: AuditRegel) -> dict[str, Any]:
    """One history line for the page: its fields, and the answer's change word by word."""
    voor = (regel.voor or {}).get("antwoord")
    na = (regel.na or {}).get("antwoord")
    return {
        "nummer": regel.nummer,
        "tijd": regel.tijd.astimezone().strftime("%d-%m-%Y %H:%M"),
        "door": regel.door,
        "actie": regel.actie,
        "velden": [r for r in verschil(regel.voor, regel.na) if not r.startswith("antwoord:")],
        "woorden": woordverschil(str(voor or ""), str(na or "")) if voor != na else [],
        "terug": regel.na is not None,
        "eerste": regel.nummer == 1 and regel.voor is not None,
    }


def woordverschil(oud: str, nieuw: str) -> list[tuple[str, str]]:
    """The change from ``oud`` to ``nieuw`` as (kind, text) pieces: "", "weg" or "erbij".

    >>> woordverschil("je krijgt 50%", "je krijgt 100%")
    [('', 'je krijgt'), ('weg', '50%'), ('erbij', '100%')]
    """
    a, b = oud.split(), nieuw.split()
    stukken: list[tuple[str, str]] = []
    for soort, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if soort == "equal":
            stukken.append(("", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            stukken.append(("weg", " ".join(a[i1:i2])))
        if j2 > j1:
            stukken.append(("erbij", " ".join(b[j1:j2])))
    return stukken


def _ontbreekt(nieuw: NieuweVraag) -> str | None:
    """What the form still lacks, in Dutch; None when it is complete."""
    for naam, waarde in (
        ("de vraag", nieuw.vraag),
        ("het antwoord", nieuw.antwoord),
        ("het document", nieuw.document),
        ("het artikel", nieuw.artikel),
    ):
        if not waarde:
            return f"Vul {naam} in."
    if len(nieuw.varianten) < MIN_FORMULERINGEN:
        aantal = len(nieuw.varianten)
        return f"Schrijf minstens {MIN_FORMULERINGEN} andere formuleringen (nu {aantal})."
    return None


def _eerste_regel(fout: Exception) -> str:
    return str(fout).splitlines()[0]
