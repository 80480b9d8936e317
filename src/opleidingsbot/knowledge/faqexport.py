"""Export the FAQ to a spreadsheet for HR, and import their changes back.

One row per entry, the columns in KOLOMMEN. Lists go one item per line inside a cell
(``varianten``; ``bron`` as ``document | artikel``), tags are comma-separated, and
``actief`` is ``ja`` or ``nee`` (switched off; empty, or a file without the column, means
``ja``). The file format (CSV with ``;``, or XLSX) is in knowledge.spreadsheet.

Import is all or nothing: a row whose id exists edits that entry, a row with a new id
adds it to the row's gemeente, a row equal to the entry is skipped, and nothing is ever
deleted. A row whose ``versie`` is no longer the entry's version (someone changed it
after the export) is refused. If any row is refused or wrong, nothing is written and
every problem is listed with its row number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from opleidingsbot.knowledge.faq import Faq, FaqItem
from opleidingsbot.knowledge.spreadsheet import (
    InvoerFout,
    Rij,
    lees_spreadsheet,
    schrijf_spreadsheet,
)
from opleidingsbot.knowledge.store import ONBEKEND, Controle, FaqStore, versie_van
from opleidingsbot.yamlload import vertaal_probleem

KOLOMMEN = (
    "id", "gemeente", "onderwerp", "vraag", "varianten", "antwoord", "bron", "tags",
    "wist_je_dat", "actief", "bijgewerkt", "versie",
)  # fmt: skip
VERPLICHT = ("id", "gemeente", "onderwerp", "vraag", "varianten", "antwoord", "bron")
OPTIONEEL = ("actief",)
"""Columns an export made before they existed lacks; read as empty cells."""
BREEDTES = {
    "vraag": 40, "varianten": 40, "antwoord": 60, "bron": 30, "wist_je_dat": 40, "actief": 8,
}  # fmt: skip
JA, NEE = "ja", "nee"

__all__ = ["KOLOMMEN", "ImportFout", "ImportVerslag", "InvoerFout", "exporteer", "importeer"]


class ImportFout(ValueError):
    """Rows that were refused; ``invoer`` is true when some row is wrong (not only stale)."""

    def __init__(self, problemen: list[str], *, invoer: bool) -> None:
        self.problemen = problemen
        self.invoer = invoer
        super().__init__("\n".join(problemen))


@dataclass
class ImportVerslag:
    """What an import changed."""

    toegevoegd: list[str] = field(default_factory=list)
    gewijzigd: list[str] = field(default_factory=list)
    ongewijzigd: int = 0

    def tekst(self) -> str:
        """One line for HR."""
        return (
            f"{len(self.toegevoegd)} toegevoegd, {len(self.gewijzigd)} gewijzigd, "
            f"{self.ongewijzigd} ongewijzigd."
        )


def naar_rij(vraag: FaqItem, gemeente: str) -> Rij:
    """One entry as spreadsheet cells."""
    return {
        "id": vraag.id,
        "gemeente": gemeente,
        "onderwerp": vraag.onderwerp,
        "vraag": vraag.vraag,
        "varianten": "\n".join(vraag.varianten),
        "antwoord": vraag.antwoord,
        "bron": "\n".join(f"{b.document} | {b.artikel}" for b in vraag.bron),
        "tags": ", ".join(vraag.tags),
        "wist_je_dat": vraag.wist_je_dat or "",
        "actief": JA if vraag.actief else NEE,
        "bijgewerkt": vraag.bijgewerkt.isoformat(),
        "versie": versie_van(vraag),
    }


def exporteer(faq: Faq, pad: Path, gemeente: str | None = None) -> int:
    """Write the entries of one gemeente's file (or of all files); return how many."""
    rijen = [
        naar_rij(vraag, bestand.gemeente)
        for bestand in faq.bestanden.values()
        if gemeente is None or bestand.gemeente == gemeente
        for vraag in bestand.vragen
    ]
    schrijf_spreadsheet(pad, KOLOMMEN, rijen, BREEDTES)
    return len(rijen)


def importeer(
    store: FaqStore, pad: Path, *, vandaag: dt.date | None = None,
    controle: Controle | None = None, door: str = ONBEKEND,
) -> ImportVerslag:  # fmt: skip
    """Apply the rows of ``pad`` to the store, all or nothing; ``door`` goes in the history.

    Raises InvoerFout or ImportFout (nothing written), or what FaqStore.bewerk raises.
    """
    faq = store.faq()
    verslag = ImportVerslag()
    problemen: list[str] = []
    conflicten: list[str] = []
    toevoegen: list[tuple[str, FaqItem]] = []
    wijzigen: list[tuple[FaqItem, str]] = []
    gezien: dict[str, int] = {}
    for nummer, rij in lees_spreadsheet(pad, KOLOMMEN, OPTIONEEL):
        plek = f"{pad.name} rij {nummer}"
        fouten: list[str] = []
        id_ = rij["id"].strip()
        if id_ in gezien:
            fouten.append(f"kolom id: '{id_}' staat ook in rij {gezien[id_]}")
        gezien.setdefault(id_, nummer)
        gevonden = faq.vraag(id_)
        vraag = _van_rij(rij, faq, gevonden[0] if gevonden else None, fouten)
        if fouten or vraag is None:
            problemen += [f"{plek}, {fout}" for fout in fouten]
            continue
        gemeente, versie = rij["gemeente"].strip(), rij["versie"].strip()
        if gevonden is None:
            if versie:
                conflicten.append(
                    f"{plek}: vraag '{id_}' bestaat niet meer (verwijderd?). Maak de cel "
                    "versie leeg als je hem opnieuw wilt toevoegen."
                )
            else:
                toevoegen.append((gemeente, vraag))
            continue
        huidig, bestand = gevonden
        if bestand.gemeente != gemeente:
            problemen.append(
                f"{plek}, kolom gemeente: vraag '{id_}' hoort bij {bestand.gemeente}. "
                "Een vraag verplaatsen kan niet met een import."
            )
        elif vraag == huidig:
            verslag.ongewijzigd += 1
        elif versie != versie_van(huidig):
            conflicten.append(
                f"{plek}: iemand anders heeft vraag '{id_}' gewijzigd na je export "
                f"(nu versie {versie_van(huidig)}). Exporteer opnieuw en breng je "
                "wijziging daarin aan."
            )
        else:
            wijzigen.append((vraag, versie))
    if problemen or conflicten:
        raise ImportFout(problemen + conflicten, invoer=bool(problemen))
    if toevoegen or wijzigen:
        store.bewerk(
            toevoegen=toevoegen, wijzigen=wijzigen, vandaag=vandaag, controle=controle, door=door
        )
    verslag.toegevoegd = [v.id for _, v in toevoegen]
    verslag.gewijzigd = [v.id for v, _ in wijzigen]
    return verslag


def _van_rij(rij: Rij, faq: Faq, huidig: FaqItem | None, fouten: list[str]) -> FaqItem | None:
    """The entry a row describes; every problem goes to ``fouten`` as 'kolom X: ...'."""
    for kolom in VERPLICHT:
        if not rij[kolom].strip():
            fouten.append(f"kolom {kolom}: is leeg")
    gemeente = rij["gemeente"].strip()
    bestand = faq.bestanden.get(gemeente)
    if gemeente and bestand is None:
        bekend = ", ".join(sorted(faq.bestanden))
        fouten.append(f"kolom gemeente: onbekend: '{gemeente}' (wel: {bekend})")
    bronnen: list[dict[str, str]] = []
    for regel in _regels(rij["bron"]):
        document, streep, artikel = regel.partition("|")
        document = document.strip()
        if not streep:
            fouten.append(f"kolom bron: '{regel}' heeft geen ' | ' tussen document en artikel")
        elif bestand is not None and document not in bestand.documenten:
            bekend = ", ".join(bestand.documenten)
            fouten.append(f"kolom bron: onbekend document '{document}' (wel: {bekend})")
        bronnen.append({"document": document, "artikel": artikel.strip()})
    datum = rij["bijgewerkt"].strip()
    bijgewerkt: dt.date = huidig.bijgewerkt if huidig else dt.date.today()
    if datum:
        try:
            bijgewerkt = dt.date.fromisoformat(datum)
        except ValueError:
            fouten.append(f"kolom bijgewerkt: '{datum}' moet een datum zijn (jjjj-mm-dd)")
    actief = rij["actief"].strip().lower()
    if actief not in {"", JA, NEE}:
        fouten.append(f"kolom actief: '{rij['actief'].strip()}' moet ja of nee zijn")
    if fouten:
        return None
    data: dict[str, Any] = {
        "id": rij["id"].strip(),
        "onderwerp": rij["onderwerp"].strip(),
        "vraag": rij["vraag"],
        "varianten": _regels(rij["varianten"]),
        "antwoord": rij["antwoord"],
        "bron": bronnen,
        "tags": [t.strip() for t in rij["tags"].split(",") if t.strip()],
        "wist_je_dat": rij["wist_je_dat"] or None,
        "bijgewerkt": bijgewerkt,
        "actief": actief != NEE,
    }
    try:
        vraag = FaqItem.model_validate(data)
    except ValidationError as fout:
        for probleem in fout.errors():
            fouten.append(f"kolom {probleem['loc'][0]}: {vertaal_probleem(probleem)}")
        return None
    # bijgewerkt is not an edit of its own: the store sets it on every change.
    if huidig is not None and vraag.model_copy(update={"bijgewerkt": huidig.bijgewerkt}) == huidig:
        return huidig
    return vraag


def _regels(cel: str) -> list[str]:
    """The non-empty lines of a cell, without surrounding spaces."""
    return [r.strip() for r in cel.split("\n") if r.strip()]
