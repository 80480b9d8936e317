"""The guided pre-intake: which question comes next, and how to read its answer.

The answers make the ``Intake`` for the rules engine.
The goal of the training is classified from a few plain yes/no questions; the
situation questions after that are the ones the employer's own regeling tests
(``rules.vragenlijst``), in that regeling's words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from opleidingsbot.bot import teksten as t
from opleidingsbot.bot.dialoog.lezen import lees_bedrag, lees_datum, lees_getal, lees_ja_nee
from opleidingsbot.bot.dialoog.situatie import lees_maanden
from opleidingsbot.bot.dialoog.toestand import Waarde
from opleidingsbot.rules.contract import Intake
from opleidingsbot.rules.opmaak import euro, getal
from opleidingsbot.rules.rulebook import Regeling
from opleidingsbot.rules.vragenlijst import SITUATIE_FEITEN, te_vragen

Soort = Literal["tekst", "keuze", "bedrag", "getal", "duur", "datum"]
MAX_TEKST = 200


@dataclass(frozen=True)
class Vraagstap:
    """One question of the intake, and how its answer is given."""

    naam: str
    soort: Soort
    tekst: str
    keuzes: tuple[tuple[str, Waarde], ...] = ()
    """Buttons: label and the value pressing it gives."""
    minimum: int = 0
    maximum: int = 240


JA_NEE = ((t.JA, True), (t.NEE, False))
JA_NEE_WEET_NIET = (*JA_NEE, (t.WEET_NIET, None))

_OPLEIDING = (
    Vraagstap("naam", "tekst", t.INTAKE_VRAGEN["naam"]),
    Vraagstap("instelling", "tekst", t.INTAKE_VRAGEN["instelling"], ((t.WEET_NOG_NIET, None),)),
    Vraagstap("niveau", "keuze", t.INTAKE_VRAGEN["niveau"], tuple((n, n) for n in t.NIVEAUS)),
    Vraagstap("startdatum", "datum", t.INTAKE_VRAGEN["startdatum"], ((t.WEET_NOG_NIET, None),)),
    Vraagstap("duur", "duur", t.INTAKE_VRAGEN["duur"], ((t.WEET_NOG_NIET, None),), 1, 240),
    Vraagstap("diploma", "keuze", t.INTAKE_VRAGEN["diploma"], JA_NEE_WEET_NIET),
)
_KOSTEN = (
    Vraagstap("studiekosten", "bedrag", t.INTAKE_VRAGEN["studiekosten"]),
    Vraagstap("reiskosten", "bedrag", t.INTAKE_VRAGEN["reiskosten"], ((t.GEEN_KOSTEN, "0"),)),
    Vraagstap(
        "verblijfkosten", "bedrag", t.INTAKE_VRAGEN["verblijfkosten"], ((t.GEEN_KOSTEN, "0"),)
    ),
    Vraagstap(
        "contract_uren", "getal", t.INTAKE_VRAGEN["contract_uren"], ((t.WEET_NIET, None),), 1, 80
    ),
    Vraagstap(
        "studie_uren", "getal", t.INTAKE_VRAGEN["studie_uren"], ((t.WEET_NIET, None),), 0, 80
    ),
)
_DOELVRAGEN = ("doel_vwnw", "doel_verplicht", "doel_huidig", "doel_intern", "doel_extern")


def _janee(naam: str) -> Vraagstap:
    return Vraagstap(naam, "keuze", t.INTAKE_VRAGEN[naam], JA_NEE)


def gekozen_doel(antwoorden: dict[str, Waarde]) -> str | None:
    """The goal the yes/no answers point to, or None while a question is still open.

    >>> gekozen_doel({"doel_vwnw": False, "doel_verplicht": False, "doel_huidig": True})
    'huidige_functie'
    >>> gekozen_doel({"doel_vwnw": False, "doel_verplicht": False, "doel_huidig": False,
    ...               "doel_intern": True, "doel_zicht": False})
    'loopbaan_intern'
    """
    a = antwoorden
    if "doel_vwnw" not in a:
        return None
    if a["doel_vwnw"]:
        return "van_werk_naar_werk"
    if "doel_verplicht" not in a:
        return None
    if a["doel_verplicht"]:
        return "verplicht_voor_functie"
    if "doel_huidig" not in a:
        return None
    if a["doel_huidig"]:
        return "huidige_functie"
    if "doel_intern" not in a:
        return None
    if a["doel_intern"]:
        if "doel_zicht" not in a:
            return None
        return "toekomstige_functie_intern" if a["doel_zicht"] else "loopbaan_intern"
    if "doel_extern" not in a:
        return None
    return "loopbaan_extern" if a["doel_extern"] else "persoonlijke_interesse"


def doel(antwoorden: dict[str, Waarde]) -> str | None:
    """The goal: the employee's own choice if they corrected it, else the classified one."""
    gekozen = antwoorden.get("doel_kies")
    return str(gekozen) if gekozen else gekozen_doel(antwoorden)


def stappen(antwoorden: dict[str, Waarde], regeling: Regeling) -> list[Vraagstap]:
    """All questions for these answers so far, in order (later ones depend on earlier)."""
    lijst = list(_OPLEIDING)
    a = antwoorden
    for naam in _DOELVRAGEN:
        lijst.append(_janee(naam))
        if a.get(naam) is not False:
            if naam == "doel_intern" and a.get(naam):
                lijst.append(_janee("doel_zicht"))
            break
    geclassificeerd = gekozen_doel(a)
    if geclassificeerd is None:
        return lijst
    tekst = t.INTAKE_VRAGEN["doel_bevestig"].format(doel=t.DOELEN[geclassificeerd])
    lijst.append(Vraagstap("doel_bevestig", "keuze", tekst, JA_NEE))
    if a.get("doel_bevestig") is False:
        doelen = tuple((label, code) for code, label in t.DOELEN.items())
        lijst.append(Vraagstap("doel_kies", "keuze", t.INTAKE_VRAGEN["doel_kies"], doelen))
    gekozen = doel(a)
    if (
        gekozen is None
        or ("doel_bevestig" not in a)
        or (a["doel_bevestig"] is False and "doel_kies" not in a)
    ):
        return lijst
    bekend = {f: a[f"feit:{f}"] for f in SITUATIE_FEITEN if f"feit:{f}" in a}
    if "doel_zicht" in a:
        bekend["zicht_op_functie"] = a["doel_zicht"]
    for feit in te_vragen(regeling, gekozen, bekend):
        if feit == "zicht_op_functie" and "doel_zicht" in a:
            continue
        keuzes: tuple[tuple[str, Waarde], ...] = (
            tuple((label, code) for code, label in t.KANS.items())
            if feit == "kans_arbeidsmarkt"
            else JA_NEE_WEET_NIET
        )
        lijst.append(Vraagstap(f"feit:{feit}", "keuze", regeling.vraag(feit), keuzes))
    lijst.extend(_KOSTEN)
    return lijst


def volgende(antwoorden: dict[str, Waarde], regeling: Regeling) -> Vraagstap | None:
    """The first unanswered question, or None when the intake is complete."""
    return next((s for s in stappen(antwoorden, regeling) if s.naam not in antwoorden), None)


def lees_antwoord(stap: Vraagstap, tekst: str, vandaag: dt.date) -> tuple[bool, Waarde]:
    """Read a typed answer: (True, value), or (False, None) when it cannot be read."""
    kaal = tekst.strip()
    for label, waarde in stap.keuzes:
        if kaal.lower() == label.lower():
            return True, waarde
    if stap.soort == "keuze":
        ja_nee = lees_ja_nee(kaal)
        waarden = [w for _, w in stap.keuzes]
        if ja_nee is not None and ja_nee in waarden:
            return True, ja_nee
        return False, None
    if stap.soort == "tekst":
        return (0 < len(kaal) <= MAX_TEKST), kaal
    if stap.soort == "bedrag":
        bedrag = lees_bedrag(kaal)
        return bedrag is not None, str(bedrag) if bedrag is not None else None
    if stap.soort == "getal":
        getal = lees_getal(kaal, stap.minimum, stap.maximum)
        return getal is not None, str(getal) if getal is not None else None
    if stap.soort == "duur":  # "4 jaar", "anderhalf jaar", "18 mnd" or a number of months
        maanden = lees_maanden(kaal, stap.maximum)
        gelezen = maanden is not None and maanden >= stap.minimum
        return gelezen, str(maanden) if gelezen else None
    datum = lees_datum(kaal, vandaag)
    return datum is not None, datum.isoformat() if datum else None


def toon_antwoord(stap: Vraagstap, waarde: Waarde) -> str:
    """An answer as the person gave it: a button's label, an amount, a date, months."""
    for label, keuze in stap.keuzes:
        if keuze == waarde:
            return label
    if stap.soort == "bedrag":
        return euro(Decimal(str(waarde)))
    if stap.soort == "datum":
        return dt.date.fromisoformat(str(waarde)).strftime("%d-%m-%Y")
    if stap.soort == "duur":
        return t.MAANDEN.format(aantal=waarde)
    if stap.soort == "getal":
        return getal(Decimal(str(waarde)))
    return str(waarde)


def fouttekst(stap: Vraagstap, tekst: str = "") -> str:
    """What to say when an answer cannot be read."""
    if stap.soort in ("bedrag", "getal", "duur") and tekst.strip().startswith("-"):
        return t.FOUT_NEGATIEF
    if stap.soort == "bedrag":
        return t.FOUT_BEDRAG
    if stap.soort == "getal":
        return t.FOUT_GETAL.format(min=stap.minimum, max=stap.maximum)
    if stap.soort == "duur":
        return t.FOUT_DUUR
    if stap.soort == "datum":
        return t.FOUT_DATUM
    if stap.soort == "tekst":
        return t.FOUT_TEKST.format(max=MAX_TEKST)
    return t.KIES_KNOP


def maak_intake(antwoorden: dict[str, Waarde], gemeente: str, peildatum: dt.date) -> Intake:
    """The rules engine's Intake from the answers (unanswered facts stay null)."""
    a = antwoorden
    gekozen = doel(a)
    if gekozen is None:
        raise ValueError("intake without a goal")

    def getal(naam: str) -> Decimal | None:
        waarde = a.get(naam)
        return Decimal(str(waarde)) if waarde is not None else None

    feiten: dict[str, object] = {
        naam.removeprefix("feit:"): waarde
        for naam, waarde in a.items()
        if naam.startswith("feit:")
    }
    if "doel_zicht" in a:
        feiten["zicht_op_functie"] = a["doel_zicht"]
    duur = getal("duur")
    startdatum = a.get("startdatum")
    return Intake.model_validate(
        {
            "gemeente": gemeente,
            "peildatum": peildatum,
            "doel": gekozen,
            **feiten,
            "opleiding": {
                "naam": a.get("naam"),
                "instelling": a.get("instelling"),
                "niveau": a.get("niveau"),
                "startdatum": dt.date.fromisoformat(str(startdatum)) if startdatum else None,
                "diploma_of_certificaat": a.get("diploma"),
            },
            "duur_maanden": int(duur.to_integral_value()) if duur is not None else None,
            "kosten": {
                "studiekosten": getal("studiekosten") or Decimal(0),
                "reiskosten": getal("reiskosten") or Decimal(0),
                "verblijfkosten": getal("verblijfkosten") or Decimal(0),
            },
            "contract_uren_per_week": getal("contract_uren"),
            "studie_uren_per_week": getal("studie_uren"),
        },
        strict=False,
    )
