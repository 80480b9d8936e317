"""``opleidingsbot rules check``: is every regeling sound after an edit?

It loads every regeling (schema, cells, sources), probes each decision table for
gaps (no row can answer) and conflicts (two rows at once under ``uniek``) at every
threshold and every value, runs every scenario, and checks that every row is
covered by a scenario and every interpretation is written up in rules/README.md.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from opleidingsbot.rules.fouten import RegelingFout, TabelFout
from opleidingsbot.rules.rulebook import REGELINGEN_MAP, Regeling, RegelTabel, laad_regelboek
from opleidingsbot.rules.scenarios import draai_alle
from opleidingsbot.rules.tables import evalueer_tabel

INTERPRETATIES = Path(__file__).parent / "README.md"
_INTERPRETATIE = re.compile(r"^#+\s*(I-[A-Z]+\d+)\b", re.MULTILINE)
MAX_COMBINATIES = 200_000


@dataclass
class Rapport:
    """What the check found: problems (fail) and a summary (for the reader)."""

    problemen: list[str] = field(default_factory=list)
    samenvatting: list[str] = field(default_factory=list)

    @property
    def in_orde(self) -> bool:
        """True when nothing is wrong."""
        return not self.problemen


def controleer(*mappen: Path, interpretaties: Path = INTERPRETATIES) -> Rapport:
    """Run every check on the regelingen under ``mappen`` (default: rules/regelingen)."""
    mappen = mappen or (REGELINGEN_MAP,)
    rapport = Rapport()
    try:
        regelboek = laad_regelboek(*mappen)
    except RegelingFout as fout:
        rapport.problemen.extend(fout.problemen)
        return rapport
    beschreven = set(_INTERPRETATIE.findall(interpretaties.read_text(encoding="utf-8")))
    for regeling in regelboek.regelingen:
        for tabel in regeling.tabellen:
            rapport.problemen.extend(sonde(regeling, tabel))
            for rij in tabel.rijen:
                for ref in rij.rij.interpretatie:
                    if ref not in beschreven:
                        rapport.problemen.append(
                            f"{regeling.pad}:{rij.regel}: interpretatie {ref} staat niet in "
                            f"{interpretaties.name}"
                        )
    try:
        uitslagen = draai_alle(regelboek, *mappen)
    except RegelingFout as fout:
        rapport.problemen.extend(fout.problemen)
        return rapport
    gedekt: set[tuple[str, str]] = set()
    for uitslag in uitslagen:
        gemeente = str(uitslag.scenario.intake.get("gemeente"))
        gedekt.update((gemeente, rij) for rij in uitslag.rijen)
        rapport.problemen.extend(f"{uitslag.naam}: {fout}" for fout in uitslag.fouten)
    for regeling in regelboek.regelingen:
        for tabel in regeling.tabellen:
            for rij in tabel.rijen:
                if (regeling.gemeente, f"{tabel.tabel.id}/{rij.id}") not in gedekt:
                    rapport.problemen.append(
                        f"{regeling.pad}:{rij.regel}: tabel {tabel.tabel.id}, rij {rij.id} "
                        "wordt door geen enkel scenario getest"
                    )
        aantal = sum(len(t.rijen) for t in regeling.tabellen)
        rapport.samenvatting.append(
            f"{regeling.bestand.id}: {len(regeling.tabellen)} tabellen, {aantal} rijen"
        )
    geslaagd = sum(1 for u in uitslagen if not u.fouten)
    rapport.samenvatting.append(f"scenario's: {geslaagd} van {len(uitslagen)} geslaagd")
    return rapport


def sonde(regeling: Regeling, tabel: RegelTabel) -> list[str]:
    """Try every combination of the values that matter; report gaps and conflicts.

    For a number the probe takes 0, every threshold and a cent on either side; for a
    choice every value; for yes/no both; and always "unknown". A combination where no
    row applies and none is undecided is a gap; two rows under ``uniek`` a conflict.
    """
    namen = sorted({naam for rij in tabel.rijen for naam in rij.cellen})
    waarden = [_probewaarden(regeling, tabel, naam) for naam in namen]
    aantal = 1
    for lijst in waarden:
        aantal *= len(lijst)
    if aantal > MAX_COMBINATIES:
        return [f"{regeling.pad}: tabel {tabel.tabel.id}: te veel combinaties ({aantal})"]
    problemen: list[str] = []
    for combinatie in itertools.product(*waarden):
        feiten = dict(zip(namen, combinatie, strict=True))
        try:
            evalueer_tabel(tabel, feiten.__getitem__)
        except TabelFout as fout:
            melding = f"{regeling.pad}: {fout}"
            if melding not in problemen:
                problemen.append(melding)
            if len(problemen) >= 5:
                break
    return problemen


def _probewaarden(regeling: Regeling, tabel: RegelTabel, naam: str) -> list[object]:
    feit = regeling.feiten[naam]
    if feit.soort == "bool":
        return [True, False, None]
    if feit.soort == "keuze":
        return [*feit.waarden, None]
    drempels = [d for rij in tabel.rijen if naam in rij.cellen for d in rij.cellen[naam].drempels]
    if feit.soort == "getal":
        cent = Decimal("0.01")
        punten = {Decimal(0)} | {
            d + delta for d in drempels if isinstance(d, Decimal) for delta in (-cent, 0, cent)
        }
        return [*sorted(p for p in punten if p >= 0), None]
    if feit.soort == "datum":
        dag = dt.timedelta(days=1)
        stappen = (-dag, dt.timedelta(0), dag)
        dagen = {d + delta for d in drempels if isinstance(d, dt.date) for delta in stappen}
        return [*sorted(dagen), None]
    return [None]
