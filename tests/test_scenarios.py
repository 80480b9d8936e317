"""Every scenario file next to a regeling runs as a test of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from opleidingsbot.rules import Regelboek
from opleidingsbot.rules.check import controleer
from opleidingsbot.rules.rulebook import REGELINGEN_MAP
from opleidingsbot.rules.scenarios import draai_scenario, laad_scenarios, scenario_bestanden

SCENARIOS = [
    pytest.param(pad, scenario, regel, id=f"{pad.parent.name}:{regel}:{scenario.naam}")
    for pad in scenario_bestanden(REGELINGEN_MAP)
    for scenario, regel in laad_scenarios(pad)
]


@pytest.mark.parametrize(("pad", "scenario", "regel"), SCENARIOS)
def test_scenario(pad: Path, scenario, regel, regelboek: Regelboek) -> None:
    uitslag = draai_scenario(scenario, regelboek, pad, regel)
    assert not uitslag.fouten, "\n".join(uitslag.fouten)


def test_every_regeling_has_scenarios() -> None:
    gemeenten = {pad.parent.name for pad in scenario_bestanden(REGELINGEN_MAP)}
    assert gemeenten == {"haarlem", "capelle-aan-den-ijssel", "kaag-en-braassem"}


def test_rules_check_passes_on_the_real_regelingen() -> None:
    """Schema, gap and conflict probes, scenarios, row coverage and interpretations."""
    rapport = controleer()
    assert rapport.in_orde, "\n".join(rapport.problemen)
