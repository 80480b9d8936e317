"""Employee-facing text keeps to B1: one name for the HR contact, the bot says "ik".

The scan covers the bot's own sentences (bot/teksten.py), every text in the regelingen,
the FAQ answers, and the quotes of all scenarios as a person reads them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from opleidingsbot.bot import teksten as bot_teksten
from opleidingsbot.bot.weergave import offerte_tekst, uitleg_tekst
from opleidingsbot.knowledge.faq import FAQ_MAP
from opleidingsbot.rules import Regelboek, maak_offerte
from opleidingsbot.rules.rulebook import REGELINGEN_MAP
from opleidingsbot.rules.scenarios import (
    VANDAAG,
    intake_uit_data,
    laad_scenarios,
    scenario_bestanden,
)

ROOT = Path(__file__).parents[1]
REGELINGEN = REGELINGEN_MAP
FAQ = FAQ_MAP

VERBODEN = (
    "HRM-adviseur",
    "P&O",
    "P&JZ",
    " wij ",
    "(geldig ",
    "€ 0,00 terug",
    "Het kan ook: 0%",
    "kan je",
)
"""Each with a plain replacement: HR-adviseur, "ik", a name without dates, "niets"."""


def _strings(data: object, overslaan: frozenset[str] = frozenset()) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for sleutel, waarde in data.items():
            if sleutel not in overslaan:
                yield from _strings(waarde, overslaan)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from _strings(item, overslaan)


def _fouten(tekst: str) -> list[str]:
    """The forbidden phrases in ``tekst``, also at the start of a sentence ("Wij ...")."""
    ruim = " " + re.sub(r"[^\w€&%()-]+", " ", tekst) + " "
    gevonden = [v for v in VERBODEN if v.strip() and (v in tekst or v in ruim)]
    if re.search(r"(?:^|[.!?]\s+)Wij\b", tekst):
        gevonden.append("Wij")
    if re.search(r"\b[Kk]an je\b", tekst):
        gevonden.append("kan je")
    return sorted(set(gevonden))


def test_the_scan_finds_each_forbidden_phrase() -> None:
    assert _fouten("Vraag het bij P&O na.") == ["P&O"]
    assert _fouten("Die tekst hebben wij niet.") == [" wij "]
    assert _fouten("Wij rekenen met de helft.") == ["Wij"]
    assert _fouten("Kan je dat vragen?") == ["kan je"]
    assert _fouten("Regeling X (geldig 2020-01-01 t/m heden).") == ["(geldig "]
    assert _fouten("In jouw voorbeeld betaal je € 0,00 terug.") == ["€ 0,00 terug"]
    assert _fouten("Je kunt je HR-adviseur vragen. Ik help je.") == []


def test_the_bots_own_sentences() -> None:
    teksten = [w for n, w in vars(bot_teksten).items() if not n.startswith("_") and n.isupper()]
    fout = {t: _fouten(t) for t in _strings(teksten) if _fouten(t)}
    assert not fout


@pytest.mark.parametrize("pad", sorted(REGELINGEN.rglob("*.yaml")), ids=lambda p: p.name)
def test_the_regelingen_texts(pad: Path) -> None:
    if pad.name.endswith(".scenarios.yaml"):
        data = [s.get("verwacht", {}) for s in yaml.safe_load(pad.read_text("utf-8"))]
    else:
        data = yaml.safe_load(pad.read_text("utf-8"))
    fout = {t: _fouten(t) for t in _strings(data, frozenset({"titel"})) if _fouten(t)}
    assert not fout


@pytest.mark.parametrize("pad", sorted(FAQ.glob("*.yaml")), ids=lambda p: p.name)
def test_the_faq_answers(pad: Path) -> None:
    data = yaml.safe_load(pad.read_text("utf-8"))
    vragen = data.get("vragen", []) if isinstance(data, dict) else data
    antwoorden = [
        [v.get("antwoord", ""), v.get("wist_je_dat") or ""] for v in vragen if isinstance(v, dict)
    ]
    assert antwoorden, f"{pad.name}: no answers found"
    fout = {t: _fouten(t) for t in _strings(antwoorden) if _fouten(t)}
    assert not fout


def test_every_scenario_quote_as_a_person_reads_it(regelboek: Regelboek) -> None:
    scenarios = [s for pad in scenario_bestanden(REGELINGEN) for s, _ in laad_scenarios(pad)]
    assert len(scenarios) > 50
    fout: dict[str, list[str]] = {}
    for scenario in scenarios:
        offerte = maak_offerte(intake_uit_data(scenario.intake), regelboek, VANDAAG)
        for tekst in (offerte_tekst(offerte), uitleg_tekst(offerte)):
            if _fouten(tekst):
                fout[scenario.naam] = _fouten(tekst)
    assert not fout


def _quote(regelboek: Regelboek, **intake: object) -> str:
    return offerte_tekst(maak_offerte(intake_uit_data(intake), regelboek, VANDAAG))


def test_plain_sentences_replace_the_old_forms(regelboek: Regelboek) -> None:
    helft = _quote(
        regelboek,
        gemeente="haarlem",
        opleiding={"diploma_of_certificaat": True},
        doel="huidige_functie",
        leidinggevende_akkoord=False,
        in_pop=True,
        kosten={"studiekosten": 1000},
    )
    assert "Je regeling: Beleidskader individuele opleidingen gemeente Haarlem (2020), " in helft
    assert "geldt sinds 1 januari 2020." in helft
    assert "Het kan ook zijn dat je niets vergoed krijgt." in helft
    laat_weg = _quote(
        regelboek,
        gemeente="capelle-aan-den-ijssel",
        doel="huidige_functie",
        leidinggevende_akkoord=True,
        in_opleidingsplan=True,
        duur_maanden=24,
        opleiding={"diploma_of_certificaat": True},
        kosten={"studiekosten": 6000},
        vertrek={
            "moment": "na_afronding",
            "maanden_na_afronding": 37,
            "reden": "eigen_initiatief",
        },
    )
    assert "In jouw voorbeeld betaal je niets terug." in laat_weg
