"""The facts a regeling can test: their type, their question, and how to read them.

A fact is read from the Intake by a dotted name (``kosten.studiekosten``). A fact
that the intake leaves empty is ``None``: an open question, never a silent zero.
The questions below are asked in the quote's ``open_vragen``; a regeling file may
word them in its own terms (``vragen:``), e.g. "afdelingshoofd" for Capelle.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Literal

from opleidingsbot.rules.contract import Doel, Intake, Kans, VertrekMoment, VertrekReden

Soort = Literal["bool", "getal", "keuze", "tekst", "datum"]


@dataclass(frozen=True)
class Feit:
    """A fact: its type, the values a ``keuze`` can take, and the question to ask."""

    soort: Soort
    vraag: str
    waarden: tuple[str, ...] = ()
    geld: bool = False


def _keuze(enum: type[Enum], vraag: str) -> Feit:
    return Feit("keuze", vraag, tuple(str(lid.value) for lid in enum))


INTAKE_FEITEN: dict[str, Feit] = {
    "doel": _keuze(Doel, "Waarvoor wil je de opleiding volgen?"),
    "leidinggevende_akkoord": Feit(
        "bool", "Vindt je leidinggevende dat je deze opleiding nodig hebt voor je werk?"
    ),
    "in_pop": Feit("bool", "Staat de opleiding in je persoonlijk ontwikkelingsplan (pop)?"),
    "in_opleidingsplan": Feit("bool", "Staat de opleiding in het opleidingsplan?"),
    "zicht_op_functie": Feit(
        "bool", "Zijn er al afspraken of plannen over een concrete nieuwe functie?"
    ),
    "kans_arbeidsmarkt": _keuze(
        Kans, "Hoe groot is de kans dat de opleiding je helpt aan ander werk?"
    ),
    "eigen_initiatief": Feit("bool", "Vraag je de opleiding zelf aan, op eigen initiatief?"),
    "duur_maanden": Feit("getal", "Hoeveel maanden duurt de opleiding normaal?"),
    "opleiding.niveau": Feit("tekst", "Op welk niveau is de opleiding (mbo, hbo, wo, cursus)?"),
    "opleiding.diploma_of_certificaat": Feit(
        "bool", "Krijg je aan het eind een erkend diploma of certificaat?"
    ),
    "kosten.studiekosten": Feit(
        "getal", "Wat kost de opleiding zelf (lesgeld, examens, boeken)?", geld=True
    ),
    "kosten.reiskosten": Feit("getal", "Hoeveel reiskosten maak je voor de opleiding?", geld=True),
    "kosten.verblijfkosten": Feit(
        "getal", "Hoeveel verblijfkosten (zoals hotel) maak je voor de opleiding?", geld=True
    ),
    "in_werktijd": Feit("bool", "Vallen de lessen of examens in je werktijd?"),
    "contract_uren_per_week": Feit("getal", "Hoeveel uur per week werk je volgens je contract?"),
    "studie_uren_per_week": Feit("getal", "Hoeveel uur per week kost de studie je?"),
    "vertrek.moment": _keuze(VertrekMoment, "Wanneer ga je weg of stop je met de opleiding?"),
    "vertrek.maanden_na_afronding": Feit(
        "getal", "Hoeveel maanden na het einde van de opleiding ga je weg?"
    ),
    "vertrek.reden": _keuze(VertrekReden, "Waarom stopt je dienstverband?"),
}

UITKOMST_FEITEN: dict[str, Feit] = {
    "vergoeding.percentage": Feit("getal", "Welk deel van de kosten betaalt je werkgever?"),
    "vergoeding.bedrag": Feit("getal", "Hoeveel euro betaalt je werkgever?", geld=True),
    "terugbetaling.van_toepassing": Feit("bool", "Geldt er een terugbetalingsverplichting?"),
}
"""Outcomes of an earlier table that a later table may test."""

ENGINE_FEITEN: dict[str, Feit] = {
    "startdatum": Feit("datum", "Wanneer begint de opleiding?"),
}
"""Facts the engine derives: ``startdatum`` is the training's start date, or the
peildatum when the intake has none (the day the quote takes its rules from)."""


def lees_intake(intake: Intake, naam: str) -> object:
    """Return the value of a dotted intake fact, or None when the intake leaves it empty.

    Enum values come back as their plain string, numbers as Decimal.
    """
    waarde: object = intake
    for deel in naam.split("."):
        if waarde is None:
            return None
        waarde = getattr(waarde, deel)
    if isinstance(waarde, Enum):
        return str(waarde.value)
    if isinstance(waarde, int) and not isinstance(waarde, bool):
        return Decimal(waarde)
    return waarde
