"""Load regeling files, check them against their schema, and choose one by date.

Loading compiles every cell once; a mistake is reported with its file, line and key.
A new employer is a new YAML file in a folder: no code changes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from opleidingsbot.rules.cells import Cel, CelFout, lees_cel
from opleidingsbot.rules.feiten import ENGINE_FEITEN, INTAKE_FEITEN, UITKOMST_FEITEN, Feit
from opleidingsbot.rules.fouten import GeenRegelingOpDatum, OnbekendeGemeente, RegelingFout
from opleidingsbot.rules.opmaak import datum
from opleidingsbot.rules.schema import RegelingBestand, Rij, Tabel, Uitkomsten
from opleidingsbot.yamlload import (
    YamlDocument,
    YamlFout,
    laad_yaml,
    pydantic_problemen,
    vertaal_probleem,
)

REGELINGEN_MAP = Path(__file__).parent / "regelingen"
SCENARIO_ACHTERVOEGSEL = ".scenarios.yaml"
_PLEK = re.compile(r"\{([a-z_.]+)\}")
EXTRA_PLEKKEN = {"terugbetaling.bedrag", "terugbetaling.maanden_tekort"}
"""Placeholders an uitleg may use besides the facts: amounts the engine computes."""


@dataclass(frozen=True)
class RegelRij:
    """A row, compiled: its cells parsed and its outcome typed."""

    rij: Rij
    cellen: dict[str, Cel]
    uitkomsten: Uitkomsten
    kenmerken: dict[str, str]
    regel: int | None

    @property
    def id(self) -> str:
        """The row's id, as cited in scenarios and explanations."""
        return self.rij.id


@dataclass(frozen=True)
class RegelTabel:
    """A decision table, compiled."""

    tabel: Tabel
    rijen: tuple[RegelRij, ...]


@dataclass(frozen=True)
class Regeling:
    """One version of one employer's regeling, ready to evaluate."""

    bestand: RegelingBestand
    pad: Path
    feiten: dict[str, Feit]
    tabellen: tuple[RegelTabel, ...]

    @property
    def gemeente(self) -> str:
        """The employer's key, as in the intake."""
        return self.bestand.gemeente

    def geldig_op(self, datum: dt.date) -> bool:
        """True when ``datum`` lies in the period of validity (both ends included)."""
        tot = self.bestand.geldig_tot
        return self.bestand.geldig_van <= datum and (tot is None or datum <= tot)

    def periode(self) -> str:
        """The period of validity in words: "geldt sinds 1 januari 2020"."""
        van, tot = datum(self.bestand.geldig_van), self.bestand.geldig_tot
        if tot is None:
            return f"geldt sinds {van}"
        return f"geldt van {van} tot en met {datum(tot)}"

    def vraag(self, feit: str) -> str:
        """The question for an unknown fact, in this regeling's own words."""
        return self.bestand.vragen.get(feit) or self.feiten[feit].vraag


@dataclass(frozen=True)
class Regelboek:
    """All regelingen that are loaded, to choose from by employer and date."""

    regelingen: tuple[Regeling, ...]

    def gemeenten(self) -> list[str]:
        """The employers that have at least one regeling."""
        return sorted({r.gemeente for r in self.regelingen})

    def kies(self, gemeente: str, peildatum: dt.date) -> Regeling:
        """Return the regeling in force for ``gemeente`` on ``peildatum``; no fall-through."""
        eigen = [r for r in self.regelingen if r.gemeente == gemeente]
        if not eigen:
            raise OnbekendeGemeente(gemeente, self.gemeenten())
        for regeling in eigen:
            if regeling.geldig_op(peildatum):
                return regeling
        raise GeenRegelingOpDatum(gemeente, peildatum, [r.periode() for r in eigen])


def laad_regelboek(*mappen: Path) -> Regelboek:
    """Load every regeling file under the given folders (default: ``rules/regelingen``)."""
    paden = sorted(
        pad
        for map_ in (mappen or (REGELINGEN_MAP,))
        for pad in map_.rglob("*.yaml")
        if not pad.name.endswith(SCENARIO_ACHTERVOEGSEL)
    )
    regelingen: list[Regeling] = []
    problemen: list[str] = []
    for pad in paden:
        try:
            regelingen.append(laad_regeling(pad))
        except RegelingFout as fout:
            problemen.extend(fout.problemen)
    problemen.extend(_overlappende_perioden(regelingen))
    if problemen:
        raise RegelingFout(problemen)
    return Regelboek(tuple(regelingen))


def _overlappende_perioden(regelingen: list[Regeling]) -> list[str]:
    problemen = []
    for i, een in enumerate(regelingen):
        for ander in regelingen[i + 1 :]:
            if een.gemeente != ander.gemeente:
                continue
            if een.geldig_op(ander.bestand.geldig_van) or ander.geldig_op(een.bestand.geldig_van):
                problemen.append(
                    f"{ander.pad}: geldigheid ({ander.periode()}) overlapt met {een.pad} "
                    f"({een.periode()})"
                )
    return problemen


def laad_regeling(pad: Path) -> Regeling:
    """Load and compile one regeling file; raise RegelingFout naming file, line and key."""
    try:
        document = laad_yaml(pad)
    except YamlFout as fout:
        raise RegelingFout([str(fout)]) from fout
    try:
        bestand = RegelingBestand.model_validate(document.data)
    except ValidationError as fout:
        raise RegelingFout(pydantic_problemen(fout, document)) from fout
    return _compileer(bestand, document)


def _compileer(bestand: RegelingBestand, document: YamlDocument) -> Regeling:
    feiten: dict[str, Feit] = {**INTAKE_FEITEN, **UITKOMST_FEITEN, **ENGINE_FEITEN}
    problemen: list[str] = []
    for naam, afgeleid in bestand.afgeleid.items():
        for deel in afgeleid.som:
            if feiten.get(deel, Feit("tekst", "")).soort != "getal":
                problemen.append(
                    f"{document.plaats(('afgeleid', naam, 'som'))}: afgeleid.{naam}: "
                    f"'{deel}' is geen bekend getal-feit"
                )
        feiten[naam] = Feit("getal", afgeleid.vraag or "", geld=afgeleid.geld)
    for naam, waarden in bestand.kenmerken.items():
        feiten[naam] = Feit("keuze", "", tuple(waarden))
    if bestand.vergoedbare_kosten not in feiten:
        problemen.append(
            f"{document.plaats(('vergoedbare_kosten',))}: vergoedbare_kosten: "
            f"onbekend feit '{bestand.vergoedbare_kosten}'"
        )
    tabellen = []
    for t, tabel in enumerate(bestand.tabellen):
        rijen = []
        for r, rij in enumerate(tabel.rijen):
            loc = ("tabellen", t, "rijen", r)
            waar = f"tabel {tabel.id}, rij {rij.id}"
            gecompileerd = _compileer_rij(rij, bestand, feiten, document, loc, waar, problemen)
            if gecompileerd:
                rijen.append(gecompileerd)
        _dubbele_ids(tabel, document, ("tabellen", t), problemen)
        tabellen.append(RegelTabel(tabel, tuple(rijen)))
    if problemen:
        raise RegelingFout(problemen)
    return Regeling(bestand, document.pad, feiten, tuple(tabellen))


def _dubbele_ids(
    tabel: Tabel, document: YamlDocument, loc: tuple[str | int, ...], problemen: list[str]
) -> None:
    gezien: set[str] = set()
    for r, rij in enumerate(tabel.rijen):
        if rij.id in gezien:
            plaats = document.plaats((*loc, "rijen", r, "id"))
            problemen.append(f"{plaats}: tabel {tabel.id}: rij-id '{rij.id}' staat er twee keer")
        gezien.add(rij.id)


def _compileer_rij(
    rij: Rij,
    bestand: RegelingBestand,
    feiten: dict[str, Feit],
    document: YamlDocument,
    loc: tuple[str | int, ...],
    waar: str,
    problemen: list[str],
) -> RegelRij | None:
    aantal = len(problemen)

    def meld(sub: tuple[str | int, ...], tekst: str) -> None:
        problemen.append(f"{document.plaats((*loc, *sub))}: {waar}: {tekst}")

    cellen: dict[str, Cel] = {}
    for naam, ruw in rij.als.items():
        if naam not in feiten:
            meld(("als", naam), f"onbekend feit '{naam}'")
            continue
        try:
            cellen[naam] = lees_cel(ruw, feiten[naam])
        except CelFout as fout:
            meld(("als", naam), f"{naam}: {fout}")
    kenmerken = {k: v for k, v in rij.dan.items() if k in bestand.kenmerken}
    for naam, waarde in kenmerken.items():
        if waarde not in bestand.kenmerken[naam]:
            meld(("dan", naam), f"'{waarde}' is geen waarde van kenmerk {naam}")
    uitkomsten = Uitkomsten()
    try:
        uitkomsten = Uitkomsten.model_validate(
            {k: v for k, v in rij.dan.items() if k not in kenmerken}
        )
    except ValidationError as fout:
        for probleem in fout.errors():
            sub = ("dan", *probleem["loc"])
            sleutel = ".".join(str(d) for d in probleem["loc"])
            meld(sub, f"dan.{sleutel}: {vertaal_probleem(probleem)}")
    for b, bron in enumerate(rij.bron):
        if bron.document not in bestand.documenten:
            meld(("bron", b), f"document '{bron.document}' staat niet onder documenten")
    for plek in _PLEK.findall(rij.uitleg):
        if plek not in feiten and plek not in EXTRA_PLEKKEN:
            meld(("uitleg",), f"onbekende plek {{{plek}}} in de uitleg")
    if len(problemen) > aantal:
        return None
    return RegelRij(rij, cellen, uitkomsten, kenmerken, document.regel((*loc, "id")))
