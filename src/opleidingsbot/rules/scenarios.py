"""Scenario files (OpenFisca-style YAML tests): an intake and the quote fields it must give.

A scenario file sits next to its regeling (``x.yaml`` → ``x.scenarios.yaml``). Pytest
runs every scenario as a test, and ``opleidingsbot rules check`` runs the same files.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from opleidingsbot.rules.contract import Intake
from opleidingsbot.rules.engine import maak_offerte
from opleidingsbot.rules.fouten import RegelFout, RegelingFout
from opleidingsbot.rules.rulebook import SCENARIO_ACHTERVOEGSEL, Regelboek
from opleidingsbot.rules.schema import Scenario
from opleidingsbot.yamlload import YamlFout, laad_yaml, pydantic_problemen

VANDAAG = dt.date(2026, 1, 1)
"""Scenarios without a peildatum are quoted on this fixed day, so they never drift."""

_LIJST = TypeAdapter(list[Scenario])


@dataclass
class ScenarioUitslag:
    """The outcome of one scenario: the differences found and the rows that fired."""

    pad: Path
    scenario: Scenario
    regel: int | None
    fouten: list[str] = field(default_factory=list)
    rijen: set[str] = field(default_factory=set)

    @property
    def naam(self) -> str:
        """File and name, for reports."""
        return f"{self.pad.name}:{self.regel}: {self.scenario.naam}"


def scenario_bestanden(*mappen: Path) -> list[Path]:
    """Every scenario file under the given folders."""
    return sorted(p for m in mappen for p in m.rglob(f"*{SCENARIO_ACHTERVOEGSEL}"))


def laad_scenarios(pad: Path) -> list[tuple[Scenario, int | None]]:
    """Read a scenario file; raise RegelingFout with file and line on a mistake."""
    try:
        document = laad_yaml(pad)
        scenarios = _LIJST.validate_python(document.data or [])
    except YamlFout as fout:
        raise RegelingFout([str(fout)]) from fout
    except ValidationError as fout:
        raise RegelingFout(pydantic_problemen(fout, document)) from fout
    return [(s, document.regel((i,))) for i, s in enumerate(scenarios)]


def intake_uit_data(data: dict[str, Any]) -> Intake:
    """Validate an intake given as plain data, with the same strict rules as JSON input."""
    return Intake.model_validate_json(json.dumps(data, default=str))


def draai_scenario(
    scenario: Scenario, regelboek: Regelboek, pad: Path, regel: int | None = None
) -> ScenarioUitslag:
    """Quote the scenario's intake and compare every expected field."""
    uitslag = ScenarioUitslag(pad, scenario, regel)
    try:
        offerte = maak_offerte(intake_uit_data(scenario.intake), regelboek, VANDAAG)
    except (ValidationError, RegelFout) as fout:
        uitslag.fouten.append(f"geen offerte: {fout}")
        return uitslag
    uitslag.rijen = {f"{s.tabel}/{s.rij}" for s in offerte.uitleg if s.rij}
    data = offerte.model_dump(mode="json")
    for pad_, verwacht in scenario.verwacht.items():
        gekregen = _zoek(data, pad_)
        if not _gelijk(gekregen, verwacht):
            uitslag.fouten.append(f"{pad_}: verwacht {verwacht!r}, gekregen {gekregen!r}")
    for rij in scenario.verwacht_rijen:
        if rij not in uitslag.rijen:
            uitslag.fouten.append(f"rij {rij} is niet toegepast (wel: {sorted(uitslag.rijen)})")
    artikelen = {b.artikel for b in offerte.bronnen}
    for bron in scenario.verwacht_bronnen:
        if bron.artikel not in artikelen:
            uitslag.fouten.append(f"bron {bron.artikel} ontbreekt")
    return uitslag


def draai_alle(regelboek: Regelboek, *mappen: Path) -> list[ScenarioUitslag]:
    """Run every scenario file under the folders."""
    uitslagen = []
    for pad in scenario_bestanden(*mappen):
        for scenario, regel in laad_scenarios(pad):
            uitslagen.append(draai_scenario(scenario, regelboek, pad, regel))
    return uitslagen


def _zoek(data: Any, pad: str) -> Any:
    for deel in pad.split("."):
        if isinstance(data, list) and deel.isdigit():
            data = data[int(deel)] if int(deel) < len(data) else None
        elif isinstance(data, dict):
            data = data.get(deel)
        else:
            return None
    return data


def _gelijk(gekregen: Any, verwacht: Any) -> bool:
    if isinstance(verwacht, bool) or verwacht is None or isinstance(gekregen, bool):
        return gekregen is verwacht
    if isinstance(verwacht, int | float) and isinstance(gekregen, int | float):
        return Decimal(str(gekregen)) == Decimal(str(verwacht))
    return bool(gekregen == verwacht)
