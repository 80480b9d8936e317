"""The conversation engine: one input in, the assistant's messages out, state saved.

Channel-neutral: Telegram's handlers and the terminal chat both call ``verwerk``.
The state is loaded from and written to the store on every input, so a restart in
the middle of an intake resumes at the same step.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import logging
import random
import re
from collections.abc import Callable

from rapidfuzz import fuzz

from opleidingsbot.bot import teksten as t
from opleidingsbot.bot.console.toegang import LINK_GELDIG
from opleidingsbot.bot.dialoog.berichten import (
    Bericht,
    Druk,
    GeenTekst,
    Invoer,
    Knop,
    knop_data,
    lees_knop,
)
from opleidingsbot.bot.dialoog.diensten import Diensten
from opleidingsbot.bot.dialoog.hr import HrGesprek
from opleidingsbot.bot.dialoog.intakeflow import IntakeGesprek
from opleidingsbot.bot.dialoog.lezen import lees_ja_nee, lijkt_vraag
from opleidingsbot.bot.dialoog.situatie import lees_situatie
from opleidingsbot.bot.dialoog.toestand import Stap, Toestand
from opleidingsbot.bot.opslag.database import transactie
from opleidingsbot.bot.opslag.wachtrij import Soort
from opleidingsbot.bot.weergave import antwoord_tekst
from opleidingsbot.knowledge.invoer import MAX_LENGTE
from opleidingsbot.knowledge.matcher import Uitkomst
from opleidingsbot.rules import Regelboek
from opleidingsbot.rules.opmaak import euro, getal

logger = logging.getLogger(__name__)

VERLOOP = dt.timedelta(hours=48)
"""An intake without activity for this long is wiped (privacy, and stale answers)."""
VERLOOP_TEKST = "twee dagen"
WACHTRIJ_PER_UUR = 20
"""Questions one user may add to HR's queue in an hour."""


class Gesprek:
    """Turns each input into replies; the intake itself lives in ``IntakeGesprek``."""

    def __init__(self, diensten: Diensten, regelboek: Regelboek) -> None:
        self.d = diensten
        self.intake = IntakeGesprek(diensten, regelboek, self.beantwoord)
        self.hr = HrGesprek(diensten, diensten.faq_store) if diensten.faq_store else None
        self._gebruiker = ""
        """Whose input is being handled (one at a time): for the queue's limit."""
        self._in_wachtrij: dict[str, collections.deque[dt.datetime]] = {}
        """When each user's recent questions went to HR's queue (memory only, no names kept)."""

    def opwarmen(self) -> None:
        """Build the FAQ index now, so the first question after a start is answered at once."""
        self.d.matcher()

    def verwerk(self, gebruiker: str, invoer: Invoer) -> list[Bericht]:
        """Handle one input from ``gebruiker``; the new state is stored before returning.

        One transaction: the new state, the queued question and the counts are stored
        together, or (on an error) not at all, so the user can simply try again.
        """
        with transactie(self.d.gesprekken.db):
            berichten = self._verwerk(gebruiker, invoer)
        if self.d.gesprekken.logboek_legen:  # after /vergeet, once the delete is committed
            self.d.gesprekken.leeg_logboek()
        return berichten

    def ruim_op(self) -> int:
        """Wipe the answers of intakes left idle longer than VERLOOP; return how many.

        Run at start and every hour, so an intake is gone also for someone who never
        comes back. The user hears of it at the next message, as at an idle return.
        """
        nu = self.d.klok()
        aantal = 0
        with transactie(self.d.gesprekken.db):
            for gebruiker, toestand in self.d.gesprekken.stil_sinds(nu - VERLOOP):
                if toestand is None:  # unreadable: nothing of it may stay
                    self.d.gesprekken.vergeet(gebruiker)
                    aantal += 1
                elif not toestand.verlopen and self._verloop(toestand, nu):
                    toestand.verlopen = True
                    self.d.gesprekken.bewaar(gebruiker, toestand)
                    aantal += 1
        self.d.gesprekken.leeg_logboek()
        return aantal

    def _verwerk(self, gebruiker: str, invoer: Invoer) -> list[Bericht]:
        self._gebruiker = gebruiker
        nu = self.d.klok()
        kapot: list[Bericht] = []
        try:
            opgeslagen = self.d.gesprekken.laad(gebruiker)
        except ValueError:  # a stored state that no longer reads: start anew, never a dead end
            logger.warning("a stored conversation could not be read; it starts anew")
            opgeslagen, kapot = None, [Bericht(t.GESPREK_KAPOT)]
        toestand = opgeslagen or Toestand(gemeente=self.d.vaste_gemeente)
        if self.d.vaste_gemeente and toestand.gemeente != self.d.vaste_gemeente:
            # a deployment for one employer: its regels hold, whatever was stored before
            toestand.naar_menu()
            toestand.gemeente = self.d.vaste_gemeente
        if invoer.update_id is not None:
            if toestand.laatste_update is not None and invoer.update_id <= toestand.laatste_update:
                logger.info("skipped an update that was handled before")
                return []
            toestand.laatste_update = invoer.update_id
        berichten = kapot + self._verloop(toestand, nu)
        if isinstance(invoer, GeenTekst):  # the step stays as it was
            berichten.append(Bericht(t.WAAROM_NIET["geen-tekst"]))
        elif isinstance(invoer, Druk):
            berichten += self._knop(toestand, invoer.data, gebruiker)
        elif invoer.tekst.startswith("/"):
            berichten += self._commando(toestand, invoer.tekst, gebruiker)
        elif (woord := _los_commando(invoer.tekst)) and not toestand.stap.is_hr:
            berichten += self._commando(toestand, f"/{woord}", gebruiker)
        else:
            berichten += self._tekst(toestand, invoer.tekst, gebruiker)
        if toestand.stap == Stap.VERGETEN:
            self.d.gesprekken.vergeet(gebruiker)
        else:
            toestand.bijgewerkt = nu
            self.d.gesprekken.bewaar(gebruiker, toestand)
        return berichten

    # --- dispatch ---------------------------------------------------------------------

    def _verloop(self, toestand: Toestand, nu: dt.datetime) -> list[Bericht]:
        """Drop an intake idle longer than VERLOOP, or say the clean-up already did."""
        if toestand.verlopen:
            toestand.verlopen = False
            return [Bericht(t.INTAKE_VERLOPEN.format(verloop=VERLOOP_TEKST))]
        bezig = toestand.stap in (Stap.INTAKE, Stap.OFFERTE, Stap.WAT_ALS) and toestand.antwoorden
        if not (bezig and toestand.bijgewerkt and nu - toestand.bijgewerkt > VERLOOP):
            return []
        if toestand.stap == Stap.INTAKE:
            self._tel("intake-afgebroken", toestand, self.intake.huidige_stap(toestand))
        toestand.naar_menu()
        return [Bericht(t.INTAKE_VERLOPEN.format(verloop=VERLOOP_TEKST))]

    def _commando(self, toestand: Toestand, tekst: str, gebruiker: str) -> list[Bericht]:
        woorden = tekst[1:].split()
        naam = woorden[0].split("@")[0].lower() if woorden and tekst[1:2].strip() else ""
        if naam in t.HR_COMMANDO_OMSCHRIJVINGEN:
            return self._hr_commando(toestand, naam, gebruiker)
        commando = self._commandos.get(naam)
        return commando(toestand, gebruiker) if commando else [Bericht(t.ONBEKEND_COMMANDO)]

    @functools.cached_property
    def _commandos(self) -> dict[str, Callable[[Toestand, str], list[Bericht]]]:
        """Every user's commands, by name: each gets the state and who typed it."""
        return {
            "start": lambda toestand, _: self._start(toestand),
            "help": self._hulp,
            "menu": lambda toestand, _: self._menu_commando(toestand),
            "stop": lambda toestand, _: self._stop(toestand),
            "gemeente": lambda toestand, _: self._gemeente_commando(toestand),
            "privacy": lambda _, __: [Bericht(t.PRIVACY.format(verloop=VERLOOP_TEKST))],
            "wistjedat": lambda toestand, _: self._tip(toestand),
            "vergeet": lambda toestand, _: self._vergeet(toestand),
            "intake": lambda toestand, _: self._intake_commando(toestand),
        }

    def _hulp(self, toestand: Toestand, gebruiker: str) -> list[Bericht]:
        """/help; in the middle of an intake it keeps the intake, and asks again."""
        hulp = t.HULP
        if self.hr and self.d.is_hr(gebruiker, None):
            regels = (
                f"- /{naam}: {uitleg}" for naam, uitleg in t.HR_COMMANDO_OMSCHRIJVINGEN.items()
            )
            hulp += "\n\n" + t.HULP_HR + "\n" + "\n".join(regels)
        return [Bericht(hulp), *self.intake.hervat(toestand)]

    def _menu_commando(self, toestand: Toestand) -> list[Bericht]:
        if toestand.stap == Stap.INTAKE and toestand.antwoorden:
            nummer = toestand.nieuw_volgnummer()
            knoppen = [
                Knop(t.KNOP_INTAKE_STOPPEN, knop_data(nummer, "menu-stop")),
                Knop(t.KNOP_INTAKE_VERDER, knop_data(nummer, "menu-verder")),
            ]
            return [Bericht(t.MENU_TIJDENS_INTAKE, [knoppen])]
        self._stop_intake(toestand)
        return [self._menu(toestand)]

    def _stop(self, toestand: Toestand) -> list[Bericht]:
        bezig = toestand.stap != Stap.MENU
        self._stop_intake(toestand)
        return [Bericht(t.GESTOPT if bezig else t.NIETS_TE_STOPPEN)]

    def _gemeente_commando(self, toestand: Toestand) -> list[Bericht]:
        self._stop_intake(toestand)
        return [self._kies_gemeente(toestand)]

    def _vergeet(self, toestand: Toestand) -> list[Bericht]:
        toestand.stap = Stap.VERGEET
        nummer = toestand.nieuw_volgnummer()
        knoppen = [
            Knop(t.VERGEET_JA, knop_data(nummer, "vergeet-ja")),
            Knop(t.VERGEET_NEE, knop_data(nummer, "vergeet-nee")),
        ]
        return [Bericht(t.VERGEET_VRAAG, [knoppen])]

    def _intake_commando(self, toestand: Toestand) -> list[Bericht]:
        if toestand.gemeente is None:
            return [self._kies_gemeente(toestand)]
        return self.intake.begin(toestand)

    def _tekst(self, toestand: Toestand, tekst: str, gebruiker: str) -> list[Bericht]:
        if toestand.stap.is_hr:
            if self.hr and self.d.is_hr(gebruiker, toestand.gemeente):
                return self.hr.tekst(toestand, tekst, gebruiker)
            toestand.naar_menu()
        if len(tekst) > MAX_LENGTE:
            return [Bericht(t.WAAROM_NIET["te-lang"]), *self.intake.hervat(toestand)]
        if toestand.gemeente is None:
            gekozen = self._gemeente_uit_tekst(tekst)
            if gekozen:
                if lijkt_vraag(tekst):  # "ik werk in Haarlem, krijg ik mijn hbo vergoed?"
                    toestand.uitgestelde_vraag = tekst
                return self._gemeente_gekozen(toestand, gekozen)
            if tekst.strip():
                toestand.uitgestelde_vraag = tekst
            return [self._kies_gemeente(toestand)]
        if toestand.stap in (Stap.INTAKE, Stap.WAT_ALS):
            return self.intake.tekst(toestand, tekst)
        if toestand.stap == Stap.GEMEENTE:
            gekozen = self._gemeente_uit_tekst(tekst)
            return (
                self._gemeente_gekozen(toestand, gekozen)
                if gekozen
                else [Bericht(t.ONBEKENDE_GEMEENTE), self._kies_gemeente(toestand)]
            )
        if toestand.situatie and (ja_nee := lees_ja_nee(tekst)) is not None:
            # "ja" typed to the offer to work a situation out, instead of the button
            return self._reken(toestand) if ja_nee else self._niet_rekenen(toestand)
        return self.beantwoord(toestand, tekst)

    @functools.cached_property
    def _vaste_knoppen(self) -> dict[str, Callable[[Toestand], list[Bericht]]]:
        """The buttons that mean the same at every step, by action."""
        return {
            "menu-vraag": lambda _: [Bericht(t.TYP_JE_VRAAG)],
            "menu-intake": self.intake.begin,
            "menu-tip": self._tip,
            "menu-stop": self._menu_stop,
            "menu-verder": self.intake.hervat,
            "reken": self._reken,
            "niet-rekenen": self._niet_rekenen,
            "vergeet-ja": self._vergeet_ja,
            "vergeet-nee": self._vergeet_nee,
        }

    def _menu_stop(self, toestand: Toestand) -> list[Bericht]:
        self._stop_intake(toestand)
        return [self._menu(toestand)]

    def _reken(self, toestand: Toestand) -> list[Bericht]:
        if not toestand.situatie:
            return self.intake.knop(toestand, "reken")
        return self.intake.begin_met(toestand, toestand.situatie)

    def _niet_rekenen(self, toestand: Toestand) -> list[Bericht]:
        toestand.situatie = {}
        return [Bericht(t.NIET_REKENEN)]

    def _vergeet_ja(self, toestand: Toestand) -> list[Bericht]:
        if toestand.stap != Stap.VERGEET:
            return self.intake.knop(toestand, "vergeet-ja")
        toestand.stap = Stap.VERGETEN
        return [Bericht(t.VERGETEN)]

    def _vergeet_nee(self, toestand: Toestand) -> list[Bericht]:
        if toestand.stap != Stap.VERGEET:
            return self.intake.knop(toestand, "vergeet-nee")
        toestand.naar_menu()
        return [Bericht(t.NIET_VERGETEN)]

    def _knop(self, toestand: Toestand, data: str, gebruiker: str) -> list[Bericht]:
        gelezen = lees_knop(data)
        if gelezen is None:
            logger.info("ignored unknown button data")
            return [Bericht(t.OUDE_KNOP)]
        nummer, actie = gelezen
        if actie.startswith("faq:"):
            return self._faq_knop(toestand, actie.removeprefix("faq:"))
        if actie.startswith("gvd:"):
            return self._geen_van_deze(toestand, actie.removeprefix("gvd:"))
        if actie.startswith("hr-") and not (
            self.hr and self.d.is_hr(gebruiker, toestand.gemeente)
        ):
            return [Bericht(t.ALLEEN_HR)]
        if nummer != toestand.volgnummer:
            return [Bericht(t.OUDE_KNOP)]
        if actie.startswith("hr-") and self.hr:
            return self.hr.knop(toestand, actie, gebruiker)
        if actie.startswith("gemeente:"):
            gekozen = actie.removeprefix("gemeente:")
            if gekozen in self.d.gemeenten:
                return self._gemeente_gekozen(toestand, gekozen)
            return [Bericht(t.OUDE_KNOP)]
        vaste_knop = self._vaste_knoppen.get(actie)
        if vaste_knop:
            return vaste_knop(toestand)
        return self.intake.knop(toestand, actie)

    def _hr_commando(self, toestand: Toestand, naam: str, gebruiker: str) -> list[Bericht]:
        """/faq, /vragen, /stats: for HR staff only; anyone else is refused, nothing changes."""
        if self.hr is None or not self.d.is_hr(gebruiker, None):
            return [Bericht(t.ALLEEN_HR)]
        if naam == "console":
            return [self._console_link(gebruiker)]
        self._stop_intake(toestand)
        if toestand.gemeente is None:
            return [self._kies_gemeente(toestand)]
        if not self.d.is_hr(gebruiker, toestand.gemeente):
            naam = self.d.gemeenten.get(toestand.gemeente, toestand.gemeente)
            return [Bericht(t.ALLEEN_HR_VAN.format(gemeente=naam))]
        if naam == "faq":
            return self.hr.menu(toestand)
        if naam == "vragen":
            return self.hr.wachtrij(toestand)
        return self.hr.statistiek(toestand)

    def _console_link(self, gebruiker: str) -> Bericht:
        """A sign-in link to the console for the employers this person is HR of."""
        if self.d.console_link is None:
            return Bericht(t.CONSOLE_UIT)
        eigen = frozenset(g for g in self.d.gemeenten if self.d.is_hr(gebruiker, g))
        link = self.d.console_link(gebruiker, None if eigen == set(self.d.gemeenten) else eigen)
        return Bericht(t.CONSOLE_LINK.format(link=link, minuten=LINK_GELDIG // 60))

    # --- start, employer, menu --------------------------------------------------------

    def _start(self, toestand: Toestand) -> list[Bericht]:
        self._stop_intake(toestand)
        welkom = t.WELKOM + "\n" + t.PRIVACY_KORT
        if toestand.gemeente is None and not self.d.vaste_gemeente:
            return [Bericht(welkom), self._kies_gemeente(toestand)]
        toestand.gemeente = toestand.gemeente or self.d.vaste_gemeente
        assert toestand.gemeente is not None
        naam = self.d.gemeenten.get(toestand.gemeente, toestand.gemeente)
        welkom += "\n" + t.GEMEENTE_GEKOZEN.format(naam=naam)
        return [Bericht(welkom), self._menu(toestand)]

    def _kies_gemeente(self, toestand: Toestand) -> Bericht:
        if self.d.vaste_gemeente:
            toestand.gemeente = self.d.vaste_gemeente
            return self._menu(toestand)
        toestand.stap = Stap.GEMEENTE
        nummer = toestand.nieuw_volgnummer()
        knoppen = [
            [Knop(naam, knop_data(nummer, f"gemeente:{code}"))]
            for code, naam in self.d.gemeenten.items()
        ]
        return Bericht(t.KIES_GEMEENTE, knoppen)

    def _gemeente_uit_tekst(self, tekst: str) -> str | None:
        return gemeente_uit_tekst(tekst, self.d.gemeenten)

    def _gemeente_gekozen(self, toestand: Toestand, gemeente: str) -> list[Bericht]:
        toestand.gemeente = gemeente
        toestand.stap = Stap.MENU
        berichten = [Bericht(t.GEMEENTE_GEKOZEN.format(naam=self.d.gemeenten[gemeente]))]
        if toestand.uitgestelde_vraag:
            vraag, toestand.uitgestelde_vraag = toestand.uitgestelde_vraag, None
            return berichten + self.beantwoord(toestand, vraag)
        return [*berichten, self._menu(toestand)]

    def _menu(self, toestand: Toestand) -> Bericht:
        toestand.stap = Stap.MENU
        nummer = toestand.nieuw_volgnummer()
        knoppen = [
            [Knop(t.MENU_VRAAG, knop_data(nummer, "menu-vraag"))],
            [Knop(t.MENU_INTAKE, knop_data(nummer, "menu-intake"))],
            [Knop(t.MENU_TIP, knop_data(nummer, "menu-tip"))],
        ]
        return Bericht(t.WAT_KAN_IK, knoppen)

    def _stop_intake(self, toestand: Toestand) -> None:
        if toestand.stap == Stap.INTAKE:
            self._tel("intake-afgebroken", toestand, self.intake.huidige_stap(toestand))
        toestand.naar_menu()

    # --- answers from the FAQ ---------------------------------------------------------

    def beantwoord(self, toestand: Toestand, vraag: str) -> list[Bericht]:
        """Answer a free question from the employer's FAQ (also in the middle of an intake).

        A message that describes a case (costs, and leaving or stopping) also gets the
        offer to work it out: an intake with those facts filled in.
        """
        if toestand.stap in (Stap.INTAKE, Stap.WAT_ALS):
            return self._zoek_antwoord(toestand, vraag)
        aanbod = self._reken_aanbod(toestand, vraag)
        return self._zoek_antwoord(toestand, vraag, met_aanbod=bool(aanbod)) + aanbod

    def _zoek_antwoord(
        self, toestand: Toestand, vraag: str, *, met_aanbod: bool = False
    ) -> list[Bericht]:
        """The FAQ's answer; with an offer to work the case out, no dead end when unsure."""
        assert toestand.gemeente is not None
        uitkomst = self.d.matcher().zoek(vraag, toestand.gemeente)
        if uitkomst.reden:
            return [Bericht(t.WAAROM_NIET[uitkomst.reden])]
        if uitkomst.antwoorden:
            for k in uitkomst.antwoorden:
                self._tel("vraag-antwoord", toestand, k.vraag.onderwerp)
            return [Bericht(antwoord_tekst(k.vraag, k.bestand)) for k in uitkomst.antwoorden]
        if uitkomst.status == "suggesties":
            self._tel("vraag-suggesties", toestand)
            sleutel = toestand.onthoud_gemiste_vraag(uitkomst.vraag)
            knoppen = [
                [Knop(k.vraag.vraag, knop_data(0, f"faq:{k.vraag.id}"))]
                for k in uitkomst.suggesties
            ]
            knoppen.append([Knop(t.GEEN_VAN_DEZE, knop_data(0, f"gvd:{sleutel}"))])
            return [Bericht(t.BEDOEL_JE, knoppen)]
        self._tel("vraag-onbekend", toestand)
        self._naar_wachtrij(toestand.gemeente, uitkomst, "onbekend")
        return [Bericht(t.ONBEKEND_MET_AANBOD if met_aanbod else t.ONBEKEND)]

    def _reken_aanbod(self, toestand: Toestand, vraag: str) -> list[Bericht]:
        situatie = lees_situatie(vraag)
        if not situatie.te_berekenen or situatie.studiekosten is None or not situatie.moment:
            return []
        feiten = [t.REKEN_KOSTEN.format(bedrag=euro(situatie.studiekosten))]
        if situatie.maanden_na_afronding is not None:
            feiten.append(t.REKEN_MAANDEN.format(maanden=getal(situatie.maanden_na_afronding)))
        else:
            feiten.append(t.REKEN_MOMENT[situatie.moment])
        toestand.situatie = {
            "studiekosten": str(situatie.studiekosten),
            "moment": situatie.moment,
            "maanden_na_afronding": (
                str(situatie.maanden_na_afronding)
                if situatie.maanden_na_afronding is not None
                else None
            ),
        }
        nummer = toestand.nieuw_volgnummer()
        knoppen = [
            [
                Knop(t.KNOP_REKEN, knop_data(nummer, "reken")),
                Knop(t.KNOP_NIET_REKENEN, knop_data(nummer, "niet-rekenen")),
            ]
        ]
        return [Bericht(t.REKEN_AANBOD.format(feiten=", ".join(feiten)), knoppen)]

    def _faq_knop(self, toestand: Toestand, id_: str) -> list[Bericht]:
        matcher = self.d.matcher()
        gevonden = matcher.faq.vraag(id_)
        if gevonden is None or toestand.gemeente is None or not gevonden[0].actief:
            return [Bericht(t.OUDE_KNOP)]
        vraag, bestand = gevonden
        self._tel("suggestie-gekozen", toestand, vraag.onderwerp)
        return [Bericht(antwoord_tekst(vraag, bestand)), *self.intake.hervat(toestand)]

    def _naar_wachtrij(self, gemeente: str, uitkomst: Uitkomst, soort: Soort) -> None:
        """Queue a question for HR, at most WACHTRIJ_PER_UUR per user an hour.

        One user cannot flood HR's list; the answer they get does not change.
        """
        nu = self.d.klok()
        recent = self._in_wachtrij.setdefault(self._gebruiker, collections.deque())
        while recent and nu - recent[0] > dt.timedelta(hours=1):
            recent.popleft()
        if len(recent) >= WACHTRIJ_PER_UUR:
            logger.info("a user reached the queue's limit; question not queued")
            return
        recent.append(nu)
        self.d.wachtrij.bewaar(gemeente, uitkomst, soort, nu)

    def _geen_van_deze(self, toestand: Toestand, sleutel: str) -> list[Bericht]:
        vraag = toestand.gemiste_vragen.pop(sleutel, None)
        if vraag is None or toestand.gemeente is None:
            return [Bericht(t.OUDE_KNOP)]
        uitkomst = self.d.matcher().zoek(vraag, toestand.gemeente)
        self._naar_wachtrij(toestand.gemeente, uitkomst, "geen-van-deze")
        self._tel("geen-van-deze", toestand)
        return [Bericht(t.GEEN_VAN_DEZE_DANK), *self.intake.hervat(toestand)]

    def _tip(self, toestand: Toestand) -> list[Bericht]:
        if toestand.gemeente is None:
            return [self._kies_gemeente(toestand)]
        tips = [
            v.wist_je_dat
            for v, _ in self.d.matcher().faq.zichtbaar(toestand.gemeente)
            if v.wist_je_dat
        ]
        if not tips:
            return [Bericht(t.GEEN_TIP)]
        return [Bericht(t.WIST_JE_DAT.format(tip=random.choice(tips)))]

    def _tel(self, soort: str, toestand: Toestand, detail: str | None = None) -> None:
        self.d.tel(soort, toestand.gemeente, detail)


_LOSSE_COMMANDO_S = frozenset({"stop", "help", "menu"})


_KLEINE_WOORDEN = frozenset({"aan", "den", "de", "en", "in", "op", "gemeente"})


def gemeente_uit_tekst(tekst: str, gemeenten: dict[str, str]) -> str | None:
    """The employer a typed name points at: whole or in part, a small typo allowed.

    "capelle", "Kaag", "gemeente haarlm" and "ik werk in Haarlem" each name one employer.
    A word that fits several (or none) names nobody: the buttons ask again.

    >>> namen = {"haarlem": "Haarlem", "kaag-en-braassem": "Kaag en Braassem"}
    >>> [gemeente_uit_tekst(x, namen) for x in ("haarlm", "Kaag", "Kaag en Braassem", "Leiden")]
    ['haarlem', 'kaag-en-braassem', 'kaag-en-braassem', None]
    """
    kaal = re.sub(r"[^a-z]", "", tekst.lower())
    for code, naam in gemeenten.items():
        if kaal in (re.sub(r"[^a-z]", "", naam.lower()), code.replace("-", "")):
            return code
    getypt = [w for w in re.findall(r"[a-z]+", tekst.lower()) if len(w) >= 4]
    gevonden = {
        code
        for code, naam in gemeenten.items()
        for deel in re.findall(r"[a-z]+", naam.lower())
        if deel not in _KLEINE_WOORDEN and len(deel) >= 4
        for woord in getypt
        if fuzz.ratio(woord, deel) >= 85
    }
    return gevonden.pop() if len(gevonden) == 1 else None


def _los_commando(tekst: str) -> str | None:
    """A command typed without its slash ("stop", "Help!", "menu"), at any step.

    >>> [_los_commando(x) for x in ("stop", " Help! ", "menu.", "stop de intake", "hbo")]
    ['stop', 'help', 'menu', None, None]
    """
    woord = tekst.strip().lower().strip(".!? ")
    return woord if woord in _LOSSE_COMMANDO_S else None
