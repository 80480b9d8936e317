"""The "waarom?" explanation speaks plain Dutch: no contract names reach the reader."""

from __future__ import annotations

import re

import pytest

from opleidingsbot.rules import Regelboek, maak_offerte
from opleidingsbot.rules.explain import NAMEN, WAARDEN, leg_uit
from opleidingsbot.rules.rulebook import REGELINGEN_MAP
from opleidingsbot.rules.scenarios import (
    VANDAAG,
    intake_uit_data,
    laad_scenarios,
    scenario_bestanden,
)

REGELINGEN = REGELINGEN_MAP


def test_every_fact_a_table_tests_has_a_plain_name(regelboek: Regelboek) -> None:
    for regeling in regelboek.regelingen:
        kenmerken = set(regeling.bestand.kenmerken)
        for naam in regeling.feiten:
            assert naam in NAMEN or naam in kenmerken, f"{regeling.gemeente}: {naam}"


@pytest.mark.parametrize("naam", sorted(WAARDEN))
def test_every_value_of_a_choice_has_plain_words(naam: str) -> None:
    from opleidingsbot.rules.feiten import INTAKE_FEITEN

    waarden = {w.replace("_", " ") for w in INTAKE_FEITEN[naam].waarden}
    assert waarden == set(WAARDEN[naam])


def test_no_step_of_any_scenario_shows_a_contract_name(regelboek: Regelboek) -> None:
    intern = re.compile(r"[a-z]\.[a-z]|_|\b(?:soort|opleidingskosten)\b:")
    gezien = 0
    scenarios = [s for pad in scenario_bestanden(REGELINGEN) for s, _ in laad_scenarios(pad)]
    for scenario in scenarios:
        offerte = maak_offerte(intake_uit_data(scenario.intake), regelboek, VANDAAG)
        for stap in leg_uit(offerte):
            gebruikt = [r for r in stap.splitlines() if r.strip().startswith("Gebruikt:")]
            for regel in gebruikt:
                gezien += 1
                assert not intern.search(regel), regel
    assert gezien > 20
