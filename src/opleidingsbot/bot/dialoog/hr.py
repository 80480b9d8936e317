"""HR in the chat: find, fix, add or switch off FAQ entries; work the review queue.

Every change goes through the same ``FaqStore`` as HR's command line: locked,
atomic, refused when someone else changed the entry since it was shown, and live
for every user at once (the matcher follows the files). Who may do this comes from
the configuration only (``Diensten.is_hr``), never from chat input.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from collections.abc import Callable

from rapidfuzz import fuzz, process, utils

from opleidingsbot.bot import teksten as t
from opleidingsbot.bot.dialoog.berichten import Bericht, Document, Knop, knop_data, kort_label
from opleidingsbot.bot.dialoog.diensten import Diensten
from opleidingsbot.bot.dialoog.toestand import HrConcept, Stap, Toestand
from opleidingsbot.bot.hrtaken import NieuweVraag, als_formulering, voeg_nieuwe_toe
from opleidingsbot.bot.statistiek import (
    als_bericht,
    top_onbeantwoord,
    top_onderwerpen,
    weekcijfers,
)
from opleidingsbot.knowledge.clashes import BotsingFout, weiger_botsingen
from opleidingsbot.knowledge.faq import ALGEMEEN, FaqFout, FaqItem
from opleidingsbot.knowledge.store import FaqStore, VerouderdFout

WEKEN = 8
"""How many weeks /stats shows."""
AANTAL_VARIANTEN = 4
"""A new entry needs this many other phrasings (the FAQ's own minimum)."""


class HrGesprek:
    """The HR dialogues; every method assumes the caller checked ``is_hr``."""

    def __init__(self, diensten: Diensten, store: FaqStore) -> None:
        self.d = diensten
        self.store = store

    # --- /faq ---------------------------------------------------------------------

    def menu(self, toestand: Toestand) -> list[Bericht]:
        """The FAQ menu: search or add."""
        toestand.stap = Stap.HR_MENU
        toestand.hr = HrConcept()
        nummer = toestand.nieuw_volgnummer()
        return [
            Bericht(
                t.HR_FAQ_MENU,
                [
                    [Knop(t.HR_ZOEK, knop_data(nummer, "hr-zoek"))],
                    [Knop(t.HR_NIEUW, knop_data(nummer, "hr-nieuw"))],
                ],
            )
        ]

    def tekst(self, toestand: Toestand, tekst: str, door: str) -> list[Bericht]:
        """Typed text in one of HR's steps; ``door`` is who, for the audit."""
        toestand.hr.door = door
        tekst = tekst.strip()
        if not tekst:
            return [Bericht(t.WAAROM_NIET["leeg"])]
        if toestand.stap == Stap.HR_ZOEK:
            return self._zoek(toestand, tekst)
        if toestand.stap == Stap.HR_ANTWOORD:
            toestand.hr.antwoord = tekst
            return self._voorbeeld(toestand, tekst)
        if toestand.stap == Stap.HR_FORMULERING:
            toestand.hr.formulering = tekst
            return self._voorbeeld(toestand, tekst)
        if toestand.stap.startswith("hr-nieuw-"):
            return self._nieuw_stap(toestand, tekst)
        return [Bericht(t.KIES_KNOP)]

    def knop(self, toestand: Toestand, actie: str, door: str) -> list[Bericht]:
        """A button of HR's current step (its number was checked by the caller)."""
        toestand.hr.door = door
        soort, _, waarde = actie.partition(":")
        handeling = self._knoppen.get(soort)
        if handeling is None:
            return self._wachtrij_knop(toestand, actie)
        return handeling(toestand, waarde)

    @functools.cached_property
    def _knoppen(self) -> dict[str, Callable[[Toestand, str], list[Bericht]]]:
        """HR's buttons outside the review queue, by action; each gets the value after ':'."""
        return {
            "hr-zoek": lambda toestand, _: self._naar(toestand, Stap.HR_ZOEK, t.HR_TYP_ZOEK),
            "hr-nieuw": lambda toestand, _: self._nieuw_begin(toestand, None),
            "hr-toon": self._toon,
            "hr-antw": lambda toestand, _: self._naar(
                toestand, Stap.HR_ANTWOORD, t.HR_TYP_ANTWOORD
            ),
            "hr-form": lambda toestand, _: self._naar(
                toestand, Stap.HR_FORMULERING, t.HR_TYP_FORMULERING
            ),
            "hr-aanuit": lambda toestand, _: self._aan_uit(toestand),
            "hr-opslaan": lambda toestand, _: self._opslaan(toestand),
            "hr-annuleer": lambda toestand, _: self._annuleer(toestand),
            "hr-doc": self._nieuw_stap,
        }

    def _naar(self, toestand: Toestand, stap: Stap, tekst: str) -> list[Bericht]:
        toestand.stap = stap
        return [Bericht(tekst)]

    def _aan_uit(self, toestand: Toestand) -> list[Bericht]:
        toestand.stap = Stap.HR_AANUIT
        vraag = self._vraag(toestand)
        if vraag is None:
            return [Bericht(t.OUDE_KNOP)]
        toestand.hr.actief = not vraag.actief
        status = t.HR_AAN if not vraag.actief else t.HR_UIT
        return self._voorbeeld(toestand, f"{vraag.vraag}\nStatus: {status}")

    def _annuleer(self, toestand: Toestand) -> list[Bericht]:
        toestand.naar_menu()
        return [Bericht(t.HR_GEANNULEERD)]

    def _zoek(self, toestand: Toestand, tekst: str) -> list[Bericht]:
        faq = self.store.faq()
        assert toestand.gemeente is not None
        bestanden = [faq.bestanden.get(toestand.gemeente), faq.bestanden.get(ALGEMEEN)]
        keuzes = {
            v.id: " ".join(v.formuleringen) for b in bestanden if b is not None for v in b.vragen
        }
        gevonden = process.extract(
            tekst,
            keuzes,
            scorer=fuzz.token_set_ratio,
            processor=utils.default_process,
            score_cutoff=50,
            limit=5,
        )
        if not gevonden:
            return [Bericht(t.HR_NIETS_GEVONDEN)]
        nummer = toestand.nieuw_volgnummer()
        knoppen = []
        for _, _, id_ in gevonden:
            vraag = faq.vraag(str(id_))
            if vraag:
                knoppen.append(
                    [Knop(kort_label(vraag[0].vraag), knop_data(nummer, f"hr-toon:{id_}"))]
                )
        return [Bericht(t.HR_KIES_VRAAG, knoppen)]

    def _toon(self, toestand: Toestand, id_: str) -> list[Bericht]:
        gevonden = self.store.faq().vraag(id_)
        if gevonden is None:
            return [Bericht(t.OUDE_KNOP)]
        vraag, bestand = gevonden
        toestand.stap = Stap.HR_TOON
        toestand.hr = HrConcept(
            door=toestand.hr.door, id=vraag.id, versie=self.store.versie(vraag)
        )
        nummer = toestand.nieuw_volgnummer()
        bron = "; ".join(f"{bestand.documenten[b.document]}, {b.artikel}" for b in vraag.bron)
        tekst = t.HR_VRAAG.format(
            vraag=vraag.vraag,
            antwoord=vraag.antwoord,
            bron=bron,
            aantal=len(vraag.formuleringen),
            status=t.HR_AAN if vraag.actief else t.HR_UIT,
            bijgewerkt=vraag.bijgewerkt.strftime("%d-%m-%Y"),
        )
        knoppen = [
            [Knop(t.HR_ANTWOORD_AANPASSEN, knop_data(nummer, "hr-antw"))],
            [Knop(t.HR_FORMULERING_ERBIJ, knop_data(nummer, "hr-form"))],
            [Knop(t.HR_ZET_UIT if vraag.actief else t.HR_ZET_AAN, knop_data(nummer, "hr-aanuit"))],
            [Knop(t.HR_ANNULEREN, knop_data(nummer, "hr-annuleer"))],
        ]
        return [Bericht(tekst, knoppen)]

    def _vraag(self, toestand: Toestand) -> FaqItem | None:
        gevonden = self.store.faq().vraag(toestand.hr.id or "")
        return gevonden[0] if gevonden else None

    def _voorbeeld(self, toestand: Toestand, tekst: str) -> list[Bericht]:
        nummer = toestand.nieuw_volgnummer()
        knoppen = [
            Knop(t.HR_OPSLAAN, knop_data(nummer, "hr-opslaan")),
            Knop(t.HR_ANNULEREN, knop_data(nummer, "hr-annuleer")),
        ]
        return [Bericht(t.HR_VOORBEELD.format(tekst=tekst), [knoppen])]

    def _opslaan(self, toestand: Toestand) -> list[Bericht]:
        if toestand.stap == Stap.HR_NIEUW_KLAAR:
            return self._nieuw_opslaan(toestand)
        vraag = self._vraag(toestand)
        if vraag is None:
            return [Bericht(t.OUDE_KNOP)]
        h = toestand.hr
        wijziging: dict[str, object] = {}
        if toestand.stap == Stap.HR_ANTWOORD and h.antwoord:
            wijziging["antwoord"] = h.antwoord
        elif toestand.stap == Stap.HR_FORMULERING and h.formulering:
            wijziging["varianten"] = [*vraag.varianten, h.formulering]
        elif toestand.stap == Stap.HR_AANUIT and h.actief is not None:
            wijziging["actief"] = h.actief
        else:
            return [Bericht(t.OUDE_KNOP)]
        versie = h.versie or ""
        return self._bewaar(toestand, lambda: self._wijzig(vraag, wijziging, versie, toestand))

    def _wijzig(
        self, vraag: FaqItem, wijziging: dict[str, object], versie: str, toestand: Toestand
    ) -> None:
        nieuw = FaqItem.model_validate({**vraag.model_dump(), **wijziging})
        self.store.wijzig(nieuw, versie, door=self._door(toestand), controle=weiger_botsingen)

    def _bewaar(self, toestand: Toestand, actie: Callable[[], object]) -> list[Bericht]:
        try:
            actie()
        except VerouderdFout as fout:
            toestand.naar_menu()
            huidig = fout.huidig.antwoord
            return [Bericht(t.HR_VEROUDERD.format(antwoord=huidig))]
        except BotsingFout as fout:
            return [Bericht(t.HR_FOUT.format(fout=fout.gevonden[0].tekst()))]
        except (FaqFout, ValueError) as fout:
            return [Bericht(t.HR_FOUT.format(fout=str(fout).splitlines()[0]))]
        toestand.naar_menu()
        return [Bericht(t.HR_OPGESLAGEN)]

    def _door(self, toestand: Toestand) -> str:
        return toestand.hr.door or "chat"

    # --- a new entry ------------------------------------------------------------------

    def _nieuw_begin(
        self, toestand: Toestand, vraag: str | None, groep: list[int] | None = None
    ) -> list[Bericht]:
        toestand.hr = HrConcept(door=toestand.hr.door, groep=groep or [])
        if vraag:
            toestand.hr.vraag = vraag
            toestand.stap = Stap.HR_NIEUW_ANTWOORD
            return [Bericht(f"“{vraag}”\n\n{t.HR_NIEUW_ANTWOORD}")]
        toestand.stap = Stap.HR_NIEUW_VRAAG
        return [Bericht(t.HR_NIEUW_VRAAG)]

    def _nieuw_stap(self, toestand: Toestand, tekst: str) -> list[Bericht]:
        h = toestand.hr
        stap = toestand.stap.removeprefix("hr-nieuw-")
        if stap == "vraag":
            h.vraag = tekst
            toestand.stap = Stap.HR_NIEUW_ANTWOORD
            return [Bericht(t.HR_NIEUW_ANTWOORD)]
        if stap == "antwoord":
            h.antwoord = tekst
            toestand.stap = Stap.HR_NIEUW_DOCUMENT
            return [self._documentvraag(toestand)]
        if stap == "document":
            if tekst not in self._documenten(toestand):
                return [self._documentvraag(toestand)]
            h.document = tekst
            toestand.stap = Stap.HR_NIEUW_ARTIKEL
            return [Bericht(t.HR_NIEUW_ARTIKEL)]
        if stap == "artikel":
            h.artikel = tekst
            h.varianten = []
            toestand.stap = Stap.HR_NIEUW_VARIANT
            return [Bericht(t.HR_NIEUW_VARIANT.format(nummer=1, totaal=AANTAL_VARIANTEN))]
        if stap == "variant":
            h.varianten.append(tekst.replace("\n", " "))
            if len(h.varianten) < AANTAL_VARIANTEN:
                nummer = len(h.varianten) + 1
                return [Bericht(t.HR_NIEUW_VARIANT.format(nummer=nummer, totaal=AANTAL_VARIANTEN))]
            toestand.stap = Stap.HR_NIEUW_KLAAR
            documenten = self._documenten(toestand)
            return self._voorbeeld(
                toestand,
                t.HR_NIEUWE_VRAAG_KLAAR.format(
                    vraag=h.vraag,
                    antwoord=h.antwoord,
                    bron=f"{documenten[h.document or '']}, {h.artikel}",
                    varianten="\n".join(f"- {v}" for v in h.varianten),
                ),
            )
        return [Bericht(t.KIES_KNOP)]

    def _documenten(self, toestand: Toestand) -> dict[str, str]:
        bestand = self.store.faq().bestanden.get(toestand.gemeente or "")
        return dict(bestand.documenten) if bestand else {}

    def _documentvraag(self, toestand: Toestand) -> Bericht:
        nummer = toestand.nieuw_volgnummer()
        knoppen = [
            [Knop(kort_label(titel), knop_data(nummer, f"hr-doc:{sleutel}"))]
            for sleutel, titel in self._documenten(toestand).items()
        ]
        return Bericht(t.HR_NIEUW_DOCUMENT, knoppen)

    def _nieuw_opslaan(self, toestand: Toestand) -> list[Bericht]:
        h = toestand.hr
        assert toestand.gemeente is not None
        nieuw = NieuweVraag(
            vraag=h.vraag or "",
            antwoord=h.antwoord or "",
            document=h.document or "",
            artikel=h.artikel or "",
            varianten=h.varianten,
        )
        gemeente, groep, door = toestand.gemeente, h.groep, self._door(toestand)
        vandaag = self.d.klok().date()
        return self._bewaar(
            toestand,
            lambda: voeg_nieuwe_toe(
                self.store, self.d.wachtrij, gemeente, nieuw, groep, door, vandaag
            ),
        )

    # --- /vragen: the review queue ----------------------------------------------------

    def wachtrij(self, toestand: Toestand, positie: int = 0) -> list[Bericht]:
        """Show one group of similar unanswered questions, most frequent first."""
        assert toestand.gemeente is not None
        groepen = self.d.wachtrij.groepen(toestand.gemeente)
        if not groepen:
            toestand.stap = Stap.MENU
            return [Bericht(t.HR_WACHTRIJ_LEEG)]
        positie %= len(groepen)
        groep = groepen[positie]
        toestand.stap = Stap.HR_WACHTRIJ
        toestand.hr = HrConcept(
            door=toestand.hr.door,
            positie=positie,
            groep=[v.id for v in groep.vragen],
            vraag=groep.voorbeeld.vraag,
        )
        nummer = toestand.nieuw_volgnummer()
        faq = self.store.faq()
        bijna = [faq.vraag(i) for i in groep.bijna()[:3]]
        bekend = [g[0] for g in bijna if g is not None]
        tekst = t.HR_WACHTRIJ.format(
            nummer=positie + 1,
            totaal=len(groepen),
            aantal=len(groep.vragen),
            vraag=groep.voorbeeld.vraag,
        )
        if bekend:
            tekst += t.HR_BIJNA.format(lijst="\n".join(f"- {v.vraag}" for v in bekend))
        knoppen = [
            [
                Knop(
                    kort_label(t.HR_ALS_FORMULERING.format(vraag=v.vraag)),
                    knop_data(nummer, f"hr-erbij:{v.id}"),
                )
            ]
            for v in bekend
        ]
        knoppen += [
            [Knop(t.HR_NIEUW, knop_data(nummer, "hr-nieuw-uit"))],
            [
                Knop(t.HR_AFWIJZEN, knop_data(nummer, "hr-afwijzen")),
                Knop(t.HR_VOLGENDE, knop_data(nummer, "hr-volgende")),
            ],
        ]
        return [Bericht(tekst, knoppen)]

    def _wachtrij_knop(self, toestand: Toestand, actie: str) -> list[Bericht]:
        if toestand.stap != Stap.HR_WACHTRIJ:
            return [Bericht(t.OUDE_KNOP)]
        h = toestand.hr
        groep, positie = h.groep, h.positie
        if actie == "hr-volgende":
            return self.wachtrij(toestand, positie + 1)
        if actie == "hr-afwijzen":
            self.d.wachtrij.zet_status(groep, "afgewezen")
            return [Bericht(t.HR_AFGEWEZEN), *self.wachtrij(toestand, positie)]
        if actie == "hr-nieuw-uit":
            return self._nieuw_begin(toestand, h.vraag, h.groep)
        if actie.startswith("hr-erbij:"):
            return self._als_formulering(toestand, actie.removeprefix("hr-erbij:"), groep, positie)
        return [Bericht(t.OUDE_KNOP)]

    def _als_formulering(
        self, toestand: Toestand, id_: str, groep: list[int], positie: int
    ) -> list[Bericht]:
        gevonden = self.store.faq().vraag(id_)
        if gevonden is None:
            return [Bericht(t.OUDE_KNOP)]
        vraag = gevonden[0]
        nieuw = toestand.hr.vraag or ""
        door = self._door(toestand)

        antwoord = self._bewaar(
            toestand,
            lambda: als_formulering(self.store, self.d.wachtrij, vraag, nieuw, groep, door),
        )
        if antwoord[0].tekst != t.HR_OPGESLAGEN:
            return antwoord
        klaar = Bericht(t.HR_TOEGEVOEGD_ALS_FORMULERING.format(vraag=vraag.vraag))
        return [klaar, *self.wachtrij(toestand, positie)]

    # --- /stats -----------------------------------------------------------------------

    def statistiek(self, toestand: Toestand) -> list[Bericht]:
        """The week's figures as a short table, with a chart where the channel can show one."""
        db = self.d.gebeurtenissen.db
        nu = self.d.klok()
        gemeente = toestand.gemeente
        weken = weekcijfers(db, gemeente=gemeente, weken=WEKEN, nu=nu)
        sinds = nu - dt.timedelta(weeks=WEKEN)
        tabel = als_bericht(
            weken, top_onderwerpen(db, gemeente, sinds), top_onbeantwoord(db, gemeente, sinds)
        )
        self.d.concept_map.mkdir(parents=True, exist_ok=True)
        pad = self.d.concept_map / f"gebruik-{secrets.token_hex(4)}.png"
        from opleidingsbot.bot.grafiek import weekgrafiek  # matplotlib: loaded only when HR asks

        pad.write_bytes(weekgrafiek(weken, t.HR_STATS_KOP))
        return [Bericht(f"{t.HR_STATS_KOP}\n\n{tabel}", afbeelding=Document(pad, pad.name))]
