"""Turn an Intake into an Offerte under the employer's own regeling.

The engine chooses the regeling in force on the peildatum, evaluates its tables in
order, applies what the rows set, computes the amounts, and records every step with
its source, so the quote can say "waarom?". It knows no employer: all policy is data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from opleidingsbot.rules.calculators import (
    percentage_van,
    pro_rata,
    staffel_percentage,
    volle_maanden_tekort,
)
from opleidingsbot.rules.contract import Bron, Intake, Offerte, Stap, Trede
from opleidingsbot.rules.feiten import INTAKE_FEITEN, UITKOMST_FEITEN, lees_intake
from opleidingsbot.rules.opmaak import waarde
from opleidingsbot.rules.rulebook import Regelboek, Regeling, RegelRij, RegelTabel
from opleidingsbot.rules.schema import Berekening, Percentage, ProRata, Staffel, Uitkomsten
from opleidingsbot.rules.tables import RijUitslag, TabelUitslag, evalueer_tabel
from opleidingsbot.rules.teksten import (
    HANGT_AF,
    MOGELIJK,
    NIETS,
    NOG_OPEN,
    OP_DE_GRENS,
    TERUGBETALING_ONBEKEND,
)

_PLEK = re.compile(r"\{([a-z_.]+)\}")


def maak_offerte(intake: Intake, regelboek: Regelboek, vandaag: dt.date | None = None) -> Offerte:
    """Quote ``intake`` under the regeling of its gemeente on its peildatum (default: today)."""
    peildatum = intake.peildatum or vandaag or dt.date.today()
    regeling = regelboek.kies(intake.gemeente, peildatum)
    return _Offertebouw(intake, regeling, peildatum).voer_uit()


@dataclass
class _Offertebouw:
    intake: Intake
    regeling: Regeling
    peildatum: dt.date
    offerte: Offerte = field(init=False)
    kenmerken: dict[str, str] = field(default_factory=dict)
    maanden_tekort: int | None = None

    def __post_init__(self) -> None:
        self.offerte = Offerte(
            gemeente=self.regeling.gemeente,
            regeling=f"{self.regeling.bestand.naam}, {self.regeling.periode()}",
            peildatum=self.peildatum,
        )

    def voer_uit(self) -> Offerte:
        for tabel in self.regeling.tabellen:
            if any(getattr(self.intake, deel) is None for deel in tabel.tabel.alleen_met):
                continue
            uitslag = evalueer_tabel(tabel, self.lees)
            if tabel.tabel.hit_policy == "verzamel":
                uitslag.kandidaten = [k for k in uitslag.kandidaten if not _wacht_op_uitkomst(k)]
            for rij in uitslag.toegepast:
                self._pas_toe(rij)
            if uitslag.open:
                self._open(uitslag)
            for rij in uitslag.toegepast:
                self._stap(tabel, rij)
        return self.offerte

    # -- facts ---------------------------------------------------------------

    def lees(self, naam: str) -> object:
        """Return the current value of a fact, or None when it is unknown."""
        if naam in INTAKE_FEITEN:
            return lees_intake(self.intake, naam)
        if naam == "startdatum":
            opleiding = self.intake.opleiding
            return (opleiding.startdatum if opleiding else None) or self.peildatum
        afgeleid = self.regeling.bestand.afgeleid.get(naam)
        if afgeleid is not None:
            delen = [self.lees(deel) for deel in afgeleid.som]
            if any(deel is None for deel in delen):
                return None
            return sum((d for d in delen if isinstance(d, Decimal)), Decimal(0))
        if naam in self.regeling.bestand.kenmerken:
            return self.kenmerken.get(naam)
        if naam == "vergoeding.percentage":
            percentage = self.offerte.vergoeding.percentage
            return None if percentage is None else Decimal(percentage)
        if naam == "vergoeding.bedrag":
            return self.offerte.vergoeding.bedrag
        if naam == "terugbetaling.van_toepassing":
            return self.offerte.terugbetaling.van_toepassing
        if naam == "terugbetaling.bedrag":
            return self.offerte.terugbetaling.bedrag
        if naam == "terugbetaling.maanden_tekort":
            return None if self.maanden_tekort is None else Decimal(self.maanden_tekort)
        raise KeyError(naam)

    def _vragen(self, feiten: list[str]) -> list[str]:
        """The questions to ask for unknown facts; a derived fact asks for its parts."""
        vragen = []
        for feit in feiten:
            afgeleid = self.regeling.bestand.afgeleid.get(feit)
            if afgeleid is not None and not afgeleid.vraag:
                onbekend = [d for d in afgeleid.som if self.lees(d) is None]
                vragen.extend(self._vragen(onbekend))
            elif self.regeling.vraag(feit):
                vragen.append(self.regeling.vraag(feit))
        return vragen

    # -- applying rows -------------------------------------------------------

    def _pas_toe(self, uitslag: RijUitslag) -> None:
        rij = uitslag.rij
        self.kenmerken.update(rij.kenmerken)
        for naam in rij.uitkomsten.model_fields_set:
            self._zet(naam, getattr(rij.uitkomsten, naam))
        self._voeg_toe(self.offerte.voorwaarden, rij.rij.voorwaarden)
        self._voeg_toe(self.offerte.open_vragen, rij.rij.open_vragen)
        self._bronnen(rij)

    def _zet(self, naam: str, nieuw: object) -> None:
        """Set one outcome; an amount that depends on it is computed at once."""
        alias = Uitkomsten.model_fields[naam].alias or naam
        if alias == "terugbetaling.berekening":
            if isinstance(nieuw, Percentage | Staffel | ProRata):
                self._bereken_terugbetaling(nieuw)
            return
        if alias == "terugbetaling.staffel" and isinstance(nieuw, list):
            nieuw = [Trede(**trede.model_dump()) for trede in nieuw]
        doel: object = self.offerte
        *pad, laatste = alias.split(".")
        for deel in pad:
            doel = getattr(doel, deel)
        setattr(doel, laatste, nieuw)
        if alias == "vergoeding.percentage":
            self._bereken_vergoeding()

    def _bereken_vergoeding(self) -> None:
        """Vergoeding.bedrag is the percentage of the regeling's reimbursable costs."""
        percentage = self.offerte.vergoeding.percentage
        kosten = self.lees(self.regeling.bestand.vergoedbare_kosten)
        if percentage == 0:
            self.offerte.vergoeding.bedrag = Decimal("0.00")  # nothing of any amount is 0
        elif percentage is None or not isinstance(kosten, Decimal):
            self.offerte.vergoeding.bedrag = None
        else:
            self.offerte.vergoeding.bedrag = percentage_van(kosten, percentage)

    def _bereken_terugbetaling(self, berekening: Berekening) -> None:
        """Compute the euros owed in the intake's what-if, with the calculator the row names."""
        if isinstance(berekening, Percentage) and berekening.percentage == 0:
            self.offerte.terugbetaling.bedrag = Decimal("0.00")
            return
        grondslag = self.lees(berekening.grondslag)
        vertrek = self.intake.vertrek
        if not isinstance(grondslag, Decimal) or vertrek is None:
            self._voeg_toe(self.offerte.open_vragen, self._vragen([berekening.grondslag]))
            return
        if isinstance(berekening, Percentage):
            self.offerte.terugbetaling.bedrag = percentage_van(grondslag, berekening.percentage)
            return
        maanden = vertrek.maanden_na_afronding
        if maanden is None:
            self._voeg_toe(
                self.offerte.open_vragen, self._vragen(["vertrek.maanden_na_afronding"])
            )
            return
        if isinstance(berekening, ProRata):
            self.maanden_tekort = volle_maanden_tekort(maanden, berekening.termijn_maanden)
            bedrag = pro_rata(grondslag, maanden, berekening.termijn_maanden)
            self.offerte.terugbetaling.bedrag = bedrag
            return
        treden = [
            (t.tot_maanden_na_afronding, t.percentage) for t in self.offerte.terugbetaling.staffel
        ]
        if not treden:
            self._voeg_toe(self.offerte.open_vragen, [TERUGBETALING_ONBEKEND])
            return
        if any(maanden == grens for grens, _ in treden):
            self._voeg_toe(self.offerte.open_vragen, [OP_DE_GRENS.format(maanden=waarde(maanden))])
        percentage = staffel_percentage(maanden, treden)
        self.offerte.terugbetaling.bedrag = percentage_van(grondslag, percentage)

    # -- open outcomes ---------------------------------------------------------

    def _open(self, uitslag: TabelUitslag) -> None:
        """Apply only what every candidate row agrees on; name what is still open."""
        kandidaten = uitslag.kandidaten
        self.kenmerken.update(self._gedeelde_kenmerken(kandidaten))
        gezet = self._gezet(kandidaten)
        for naam in gezet:
            self._zet(naam, getattr(kandidaten[0].rij.uitkomsten, naam))
        alle = set().union(*(k.rij.uitkomsten.model_fields_set for k in kandidaten))
        for naam in alle - set(gezet):
            if naam.endswith("toelichting"):
                self._zet(naam, HANGT_AF)
        percentages: set[int | None] = set()
        for k in kandidaten:
            if "vergoeding_percentage" in k.rij.uitkomsten.model_fields_set:
                percentages.add(k.rij.uitkomsten.vergoeding_percentage)
                percentages.update(k.rij.uitkomsten.vergoeding_alternatieven or [])
        if len(percentages) > 1:
            self.offerte.vergoeding.alternatieven = sorted(
                (p for p in percentages if p is not None), reverse=True
            )
            self._zet("vergoeding_percentage", None)
        vragen = self._vragen(uitslag.onbekende_feiten())
        self._voeg_toe(self.offerte.open_vragen, vragen)
        for kandidaat in kandidaten:
            self._bronnen(kandidaat)
        mogelijk = " ".join(
            MOGELIJK.format(rij=k.rij.id, tekst=self._tekst(k), bron=_bron_tekst(k.rij))
            for k in kandidaten
        )
        self.offerte.uitleg.append(
            Stap(
                tabel=uitslag.tabel.tabel.id,
                vraag=uitslag.tabel.tabel.vraag,
                rij=None,
                status="open",
                feiten=self._feiten(kandidaten),
                bronnen=[b for k in kandidaten for b in self._bron_lijst(k.rij)],
                tekst=NOG_OPEN.format(vragen=" ".join(vragen)) + " " + mogelijk,
            )
        )

    @staticmethod
    def _gedeelde_kenmerken(kandidaten: list[RijUitslag]) -> dict[str, str]:
        """The kenmerken every candidate sets to the same value (known while others are open)."""
        eerste = kandidaten[0].rij.kenmerken
        return {
            naam: waarde
            for naam, waarde in eerste.items()
            if all(k.rij.kenmerken.get(naam) == waarde for k in kandidaten)
        }

    @staticmethod
    def _gezet(kandidaten: list[RijUitslag]) -> list[str]:
        """The outcomes every candidate sets to the same value."""
        eerste = kandidaten[0].rij.uitkomsten
        return [
            naam
            for naam in sorted(eerste.model_fields_set)
            if all(
                naam in k.rij.uitkomsten.model_fields_set
                and getattr(k.rij.uitkomsten, naam) == getattr(eerste, naam)
                for k in kandidaten
            )
        ]

    # -- explanation ------------------------------------------------------------

    def _stap(self, tabel: RegelTabel, uitslag: RijUitslag) -> None:
        self.offerte.uitleg.append(
            Stap(
                tabel=tabel.tabel.id,
                vraag=tabel.tabel.vraag,
                rij=uitslag.rij.id,
                status="toegepast",
                feiten=self._feiten([uitslag]),
                bronnen=self._bron_lijst(uitslag.rij),
                tekst=self._tekst(uitslag),
            )
        )

    def _feiten(self, uitslagen: list[RijUitslag]) -> dict[str, str]:
        feiten: dict[str, str] = {}
        for uitslag in uitslagen:
            for naam, gelezen in uitslag.gelezen.items():
                feiten[naam] = waarde(gelezen, self.regeling.feiten[naam].geld)
        return feiten

    def _tekst(self, uitslag: RijUitslag) -> str:
        """The row's uitleg with its placeholders filled in."""

        def vul(match: re.Match[str]) -> str:
            naam = match.group(1)
            feit = self.regeling.feiten.get(naam)
            geld = feit.geld if feit else naam.endswith("bedrag")
            gelezen = self.lees(naam)
            if naam == "terugbetaling.bedrag" and gelezen == 0:
                return NIETS  # "je betaalt niets terug", not "€ 0,00 terug"
            return waarde(gelezen, geld)

        return _PLEK.sub(vul, uitslag.rij.rij.uitleg).strip()

    def _bron_lijst(self, rij: RegelRij) -> list[Bron]:
        documenten = self.regeling.bestand.documenten
        return [
            Bron(document=documenten[b.document].titel, artikel=b.artikel) for b in rij.rij.bron
        ]

    def _bronnen(self, uitslag: RijUitslag | RegelRij) -> None:
        rij = uitslag.rij if isinstance(uitslag, RijUitslag) else uitslag
        for bron in self._bron_lijst(rij):
            if bron not in self.offerte.bronnen:
                self.offerte.bronnen.append(bron)

    @staticmethod
    def _voeg_toe(lijst: list[str], nieuw: list[str]) -> None:
        for tekst in nieuw:
            if tekst not in lijst:
                lijst.append(tekst)


def _wacht_op_uitkomst(kandidaat: RijUitslag) -> bool:
    """True when a collected row is undecided on an outcome an earlier table left empty.

    Such an outcome is final: the percentage is open, or there is none. A condition that
    needs it (say a reimbursement above 0%) does not apply, and is no question to ask;
    a row for the open case tests ``null`` itself.
    """
    return any(feit in UITKOMST_FEITEN for feit in kandidaat.onbekend)


def _bron_tekst(rij: RegelRij) -> str:
    return "; ".join(b.artikel for b in rij.rij.bron)
