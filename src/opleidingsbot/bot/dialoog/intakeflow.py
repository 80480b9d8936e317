"""The intake as a conversation: ask, read, go back, answer a question in between.

Then the quote with "waarom?", "wat als ik vertrek?" and the draft request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal

from opleidingsbot.bot import teksten as t
from opleidingsbot.bot.concept import maak_concept
from opleidingsbot.bot.dialoog.berichten import Bericht, Document, Knop, knop_data
from opleidingsbot.bot.dialoog.diensten import Diensten
from opleidingsbot.bot.dialoog.intake import (
    Vraagstap,
    fouttekst,
    lees_antwoord,
    maak_intake,
    toon_antwoord,
    volgende,
)
from opleidingsbot.bot.dialoog.lezen import lijkt_vraag
from opleidingsbot.bot.dialoog.situatie import lees_vertrek
from opleidingsbot.bot.dialoog.toestand import Stap, Toestand, Waarde
from opleidingsbot.bot.weergave import offerte_tekst, uitleg_tekst
from opleidingsbot.rules import Intake, Offerte, Regelboek, RegelFout, maak_offerte
from opleidingsbot.rules.contract import Vertrek
from opleidingsbot.rules.opmaak import euro, getal
from opleidingsbot.rules.rulebook import Regeling

logger = logging.getLogger(__name__)

Beantwoord = Callable[[Toestand, str], list[Bericht]]
WAT_ALS = Bericht(t.WAT_ALS_VRAAG, getal_verwacht=True)
MAX_WAT_ALS = 5
"""How many what-ifs the draft request lists (the last ones asked)."""


class IntakeGesprek:
    """The guided pre-intake for one employer's regeling."""

    def __init__(self, diensten: Diensten, regelboek: Regelboek, beantwoord: Beantwoord) -> None:
        self.d = diensten
        self.regelboek = regelboek
        self.beantwoord = beantwoord

    def begin(self, toestand: Toestand) -> list[Bericht]:
        """Start a new intake (answers of an earlier one are dropped)."""
        toestand.stap = Stap.INTAKE
        toestand.antwoorden = {}
        toestand.offerte_klaar = False
        toestand.situatie = {}
        toestand.wat_als = []
        self.d.tel("intake-start", toestand.gemeente)
        return [Bericht(t.INTAKE_START), *self._vraag(toestand)]

    def begin_met(self, toestand: Toestand, situatie: dict[str, Waarde]) -> list[Bericht]:
        """Start an intake with the facts a message gave: ask only for the rest.

        The costs fill their question; the moment of leaving or stopping is kept for the
        quote, which then says what the employee would repay in that case.
        """
        self.begin(toestand)
        if situatie.get("studiekosten") is not None:
            toestand.antwoorden["studiekosten"] = situatie["studiekosten"]
        toestand.situatie = dict(situatie)
        vraag = self._vraag(toestand)
        return [Bericht(t.REKEN_START), *vraag]

    def huidige_stap(self, toestand: Toestand) -> str | None:
        """The name of the question the intake waits for (for the statistics)."""
        regeling = self._regeling(toestand)
        stap = volgende(toestand.antwoorden, regeling) if regeling else None
        return stap.naam if stap else None

    def hervat(self, toestand: Toestand) -> list[Bericht]:
        """After an answer in between: ask the current question again."""
        if toestand.stap == Stap.INTAKE:
            vraag = self._vraag(toestand)
            if len(vraag) == 1 and vraag[0].knoppen is not None:
                eerst = vraag[0]
                tekst = f"{t.VERDER_MET_INTAKE}\n\n{eerst.tekst}"
                return [Bericht(tekst, eerst.knoppen, getal_verwacht=eerst.getal_verwacht)]
            return [Bericht(t.VERDER_MET_INTAKE), *vraag]
        if toestand.stap == Stap.WAT_ALS:
            return [WAT_ALS]
        return []

    # --- input ------------------------------------------------------------------------

    def tekst(self, toestand: Toestand, tekst: str) -> list[Bericht]:
        """A typed answer to the current question, or a question in between."""
        if toestand.stap == Stap.WAT_ALS:
            vertrek = lees_vertrek(tekst)
            if vertrek is None or (vertrek[0] == "na_afronding" and vertrek[1] is None):
                if lijkt_vraag(tekst):
                    return self.beantwoord(toestand, tekst) + self.hervat(toestand)
                return [Bericht(t.FOUT_WAT_ALS), WAT_ALS]
            return self._wat_als(toestand, *vertrek)
        if tekst.strip().lower() == t.TERUG.lower():
            return self._intake_knop(toestand, "terug")
        regeling = self._regeling(toestand)
        stap = volgende(toestand.antwoorden, regeling) if regeling else None
        if stap is None:
            return self._klaar(toestand)
        gelezen, waarde = lees_antwoord(stap, tekst, self.d.klok().date())
        if gelezen and not (stap.soort == "tekst" and lijkt_vraag(tekst)):
            toestand.antwoorden[stap.naam] = waarde
            return self._vraag(toestand)
        if lijkt_vraag(tekst):
            return self.beantwoord(toestand, tekst) + self.hervat(toestand)
        return [Bericht(fouttekst(stap, tekst)), *self._vraag(toestand)]

    def knop(self, toestand: Toestand, actie: str) -> list[Bericht]:
        """A button of the current step (its number was checked by the caller)."""
        if toestand.stap == Stap.INTAKE:
            return self._intake_knop(toestand, actie)
        if toestand.stap in (Stap.OFFERTE, Stap.WAT_ALS) and toestand.offerte_klaar:
            return self._offerte_knop(toestand, actie)
        return [Bericht(t.OUDE_KNOP)]

    def _intake_knop(self, toestand: Toestand, actie: str) -> list[Bericht]:
        regeling = self._regeling(toestand)
        stap = volgende(toestand.antwoorden, regeling) if regeling else None
        if actie == "terug":
            if not toestand.antwoorden:
                return [Bericht(t.TERUG_KAN_NIET), *self._vraag(toestand)]
            laatste = list(toestand.antwoorden)[-1]
            oud = toestand.antwoorden.pop(laatste)
            vraag = self._vraag(toestand)
            terug_bij = volgende(toestand.antwoorden, regeling) if regeling else None
            if terug_bij is None or terug_bij.naam != laatste:
                return vraag  # an answer filled in from a message: no step of its own
            eerder = t.EERDER_ANTWOORD.format(antwoord=toon_antwoord(terug_bij, oud))
            return [Bericht(eerder), *vraag]
        nummer = actie[1:]
        if stap is None or actie[:1] != "k" or not (nummer.isascii() and nummer.isdigit()):
            return [Bericht(t.OUDE_KNOP)]
        keuze = int(nummer)
        if keuze >= len(stap.keuzes):
            return [Bericht(t.OUDE_KNOP)]
        toestand.antwoorden[stap.naam] = stap.keuzes[keuze][1]
        return self._vraag(toestand)

    # --- asking -----------------------------------------------------------------------

    def _regeling(self, toestand: Toestand) -> Regeling | None:
        assert toestand.gemeente is not None
        try:
            return self.regelboek.kies(toestand.gemeente, self.d.klok().date())
        except RegelFout:
            return None

    def _vraag(self, toestand: Toestand) -> list[Bericht]:
        regeling = self._regeling(toestand)
        if regeling is None:
            toestand.stap = Stap.MENU
            return [Bericht(t.REGELING_FOUT.format(fout=toestand.gemeente))]
        stap = volgende(toestand.antwoorden, regeling)
        if stap is None:
            return self._klaar(toestand)
        return [self._vraagbericht(toestand, stap)]

    def _vraagbericht(self, toestand: Toestand, stap: Vraagstap) -> Bericht:
        nummer = toestand.nieuw_volgnummer()
        knoppen = [
            Knop(label, knop_data(nummer, f"k{i}")) for i, (label, _) in enumerate(stap.keuzes)
        ]
        rijen = (
            [knoppen[i : i + 3] for i in range(0, len(knoppen), 3)]
            if len(knoppen) > 3
            else [knoppen]
        )
        if len(stap.keuzes) > 4 and stap.naam == "doel_kies":
            rijen = [[k] for k in knoppen]
        if toestand.antwoorden:
            rijen.append([Knop(t.TERUG, knop_data(nummer, "terug"))])
        getal = stap.soort in ("bedrag", "getal", "duur")  # numbers typed: buttons get letters
        return Bericht(stap.tekst, [r for r in rijen if r], getal_verwacht=getal)

    # --- the quote --------------------------------------------------------------------

    def intake(self, toestand: Toestand, vertrek: dict[str, object] | None = None) -> Intake:
        """The Intake from the answers so far; with a what-if for repayment if given."""
        assert toestand.gemeente is not None
        intake = maak_intake(toestand.antwoorden, toestand.gemeente, self.d.klok().date())
        if vertrek:
            intake = Intake.model_validate(
                {**intake.model_dump(), "vertrek": vertrek}, strict=False
            )
        return intake

    def offerte(self, toestand: Toestand, vertrek: dict[str, object] | None = None) -> Offerte:
        """The rules engine's quote for this intake."""
        return maak_offerte(self.intake(toestand, vertrek), self.regelboek, self.d.klok().date())

    def _klaar(self, toestand: Toestand) -> list[Bericht]:
        offerte = self.offerte(toestand)
        if not toestand.offerte_klaar:
            self.d.tel("intake-klaar", toestand.gemeente)
        toestand.stap = Stap.OFFERTE
        toestand.offerte_klaar = True
        naam = str(toestand.antwoorden.get("naam") or "je opleiding")
        kop = t.OFFERTE_KOP.format(naam=naam)
        berichten = [Bericht(f"{kop}\n\n{offerte_tekst(offerte)}", self._offerteknoppen(toestand))]
        if toestand.situatie.get("moment"):  # the case the employee described: work it out
            moment = str(toestand.situatie["moment"])
            maanden = toestand.situatie.get("maanden_na_afronding")
            if moment != "na_afronding" or maanden is not None:
                berichten.append(
                    self._wat_als(
                        toestand, moment, Decimal(str(maanden)) if maanden is not None else None
                    )[0]
                )
        return berichten

    def _offerteknoppen(self, toestand: Toestand) -> list[list[Knop]]:
        nummer = toestand.nieuw_volgnummer()
        return [
            [Knop(t.KNOP_WAAROM, knop_data(nummer, "waarom"))],
            [Knop(t.KNOP_WAT_ALS, knop_data(nummer, "watals"))],
            [Knop(t.KNOP_CONCEPT, knop_data(nummer, "concept"))],
            [Knop(t.KNOP_MENU, knop_data(nummer, "menu"))],
        ]

    def _offerte_knop(self, toestand: Toestand, actie: str) -> list[Bericht]:
        if actie == "waarom":
            toestand.stap = Stap.OFFERTE
            tekst = uitleg_tekst(self.offerte(toestand))
            return [Bericht(tekst, self._offerteknoppen(toestand))]
        if actie == "watals":
            toestand.stap = Stap.WAT_ALS
            return [WAT_ALS]
        if actie == "concept":
            toestand.stap = Stap.OFFERTE
            return [self._concept(toestand)]
        if actie == "menu":
            toestand.naar_menu()
            return [Bericht(t.GESTOPT)]
        return [Bericht(t.OUDE_KNOP)]

    def _wat_als(
        self, toestand: Toestand, moment: str, maanden: Decimal | None = None
    ) -> list[Bericht]:
        """What the employee repays when leaving (or stopping) at that moment."""
        if maanden is not None and maanden != maanden.to_integral_value():
            toestand.stap = Stap.WAT_ALS  # the contract counts whole months: ask again
            return [Bericht(t.HELE_MAANDEN), WAT_ALS]
        vertrek: dict[str, object] = {"moment": moment, "reden": "eigen_initiatief"}
        if maanden is not None:
            vertrek["maanden_na_afronding"] = maanden
        terug = self.offerte(toestand, vertrek).terugbetaling
        gevraagd: dict[str, Waarde] = {"moment": moment}  # kept for the draft request
        if maanden is not None:
            gevraagd["maanden_na_afronding"] = str(maanden)
        if gevraagd not in toestand.wat_als:
            toestand.wat_als = [*toestand.wat_als, gevraagd][-MAX_WAT_ALS:]
        if terug.bedrag is not None:
            uitkomst = t.WAT_ALS_BEDRAG.format(bedrag=euro(terug.bedrag))
        else:
            uitkomst = t.WAT_ALS_ONBEKEND
        toestand.stap = Stap.OFFERTE
        if moment == "tijdens_opleiding":
            tekst = t.WAT_ALS_TIJDENS.format(uitkomst=uitkomst)
        elif moment == "afgebroken":
            tekst = t.WAT_ALS_AFGEBROKEN.format(uitkomst=uitkomst)
        else:
            tekst = t.WAT_ALS_UITKOMST.format(
                maanden=getal(maanden or Decimal(0)), uitkomst=uitkomst
            )
        return [Bericht(tekst, self._offerteknoppen(toestand))]

    def _concept(self, toestand: Toestand) -> Bericht:
        intake = self.intake(toestand)
        offerte = self.offerte(toestand)
        wat_als = []
        for gevraagd in toestand.wat_als:
            vertrek: dict[str, object] = {**gevraagd, "reden": "eigen_initiatief"}
            terug = self.offerte(toestand, vertrek).terugbetaling
            wat_als.append((Vertrek.model_validate(vertrek, strict=False), terug))
        assert toestand.gemeente is not None
        pad = maak_concept(
            intake,
            offerte,
            self.d.concept_map,
            self.d.klok().date(),
            wat_als,
            self.d.gemeenten.get(toestand.gemeente),
        )
        self.d.tel("concept", toestand.gemeente)
        return Bericht(t.CONCEPT_KLAAR, self._offerteknoppen(toestand), Document(pad, pad.name))
