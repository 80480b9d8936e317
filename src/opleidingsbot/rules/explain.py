"""Explain a quote step by step in Dutch: which row applied, on which facts, on which article.

The facts are named in plain words, as the person gave them; the contract's own names
(``vergoeding.percentage``, ``vertrek.moment``) stay in the JSON and never reach a reader.
A characteristic a table derives (Capelle's ``soort``) is not a fact the person gave:
the step's own text says what it means.
"""

from __future__ import annotations

import re

from opleidingsbot.rules.contract import Offerte, Stap

NAMEN = {
    "doel": "je doel",
    "leidinggevende_akkoord": "je leidinggevende vindt de opleiding nodig",
    "in_pop": "in je pop",
    "in_opleidingsplan": "in het opleidingsplan",
    "zicht_op_functie": "nieuwe functie in zicht",
    "kans_arbeidsmarkt": "kans dat de opleiding je helpt",
    "eigen_initiatief": "je eigen idee",
    "duur_maanden": "duur in maanden",
    "startdatum": "start",
    "opleiding.niveau": "niveau",
    "opleiding.diploma_of_certificaat": "diploma of certificaat",
    "kosten.studiekosten": "lesgeld, examens en boeken",
    "kosten.reiskosten": "reiskosten",
    "kosten.verblijfkosten": "verblijfkosten",
    "in_werktijd": "lessen of examens in werktijd",
    "contract_uren_per_week": "uren per week in je contract",
    "studie_uren_per_week": "studie-uren per week",
    "vertrek.moment": "wanneer je weggaat",
    "vertrek.maanden_na_afronding": "maanden na de opleiding",
    "vertrek.reden": "waarom je weggaat",
    "vergoeding.percentage": "vergoeding",
    "vergoeding.bedrag": "vergoeding in euro",
    "terugbetaling.van_toepassing": "terugbetalen geldt",
    "totale_kosten": "totale kosten",
    "opleidingskosten": "totale kosten",
    "vergoedbare_kosten": "kosten die meetellen",
    "reis_en_verblijf": "reis- en verblijfkosten",
}
"""Every fact a table may test, in plain words (a test keeps this complete)."""

WAARDEN = {
    "doel": {
        "verplicht voor functie": "verplicht voor je functie",
        "huidige functie": "beter worden in je functie",
        "toekomstige functie intern": "een andere functie bij de gemeente",
        "loopbaan intern": "je loopbaan bij de gemeente",
        "loopbaan extern": "werk buiten de gemeente",
        "van werk naar werk": "van werk naar ander werk",
        "persoonlijke interesse": "je eigen interesse",
    },
    "vertrek.moment": {
        "tijdens opleiding": "tijdens de opleiding",
        "na afronding": "na de opleiding",
        "afgebroken": "je stopt met de opleiding",
    },
    "vertrek.reden": {
        "eigen initiatief": "je gaat zelf weg",
        "verwijtbaar ontslag": "ontslag door eigen schuld",
        "niet verwijtbaar": "ontslag zonder eigen schuld",
    },
}


def leg_uit(offerte: Offerte) -> list[str]:
    """Return the explanation of ``offerte`` as numbered Dutch steps, one per table row."""
    return [_stap(nummer, stap) for nummer, stap in enumerate(offerte.uitleg, start=1)]


def feit_tekst(naam: str, waarde: str) -> str | None:
    """A fact as a reader sees it: "je doel: je loopbaan bij de gemeente"; None if derived."""
    if naam not in NAMEN:
        return None
    waarde = WAARDEN.get(naam, {}).get(waarde, waarde)
    if naam == "vergoeding.percentage" and waarde != "onbekend":
        waarde += "%"
    if naam == "startdatum" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", waarde):
        waarde = "-".join(reversed(waarde.split("-")))
    return f"{NAMEN[naam]}: {waarde}"


def _stap(nummer: int, stap: Stap) -> str:
    bronnen = "; ".join(f"{b.document}, {b.artikel}" for b in stap.bronnen)
    feiten = ", ".join(
        tekst for naam, waarde in stap.feiten.items() if (tekst := feit_tekst(naam, waarde))
    )
    regels = [f"{nummer}. {stap.vraag}", f"   {stap.tekst}"]
    if feiten:
        regels.append(f"   Gebruikt: {feiten}.")
    regels.append(f"   Bron: {bronnen}.")
    return "\n".join(regels)
