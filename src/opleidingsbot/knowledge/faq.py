"""The curated FAQ: one YAML file per employer plus ``algemeen``, validated at load.

An employer's entry overrides the general entries on the same ``onderwerp``, as a
local answer overrides a national one. A mistake is reported with file and line.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from opleidingsbot.yamlload import YamlDocument, YamlFout, lees_yaml, pydantic_problemen

FAQ_MAP = Path(__file__).parent / "faq"
ALGEMEEN = "algemeen"

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9\-]*$")]
Tekst = Annotated[str, Field(min_length=1)]


class FaqFout(ValueError):
    """An FAQ file that cannot be used: every problem with its file and line."""

    def __init__(self, problemen: list[str]) -> None:
        self.problemen = problemen
        super().__init__("\n".join(problemen))


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bron(_Strikt):
    """The document (a key of ``documenten``) and article an answer rests on."""

    document: str
    artikel: Tekst


class FaqItem(_Strikt):
    """One FAQ entry: the question, how employees phrase it, and the answer with its source."""

    id: Slug
    onderwerp: Slug
    vraag: Tekst
    varianten: Annotated[list[Tekst], Field(min_length=4)]
    antwoord: Tekst
    bron: Annotated[list[Bron], Field(min_length=1)]
    tags: list[str] = Field(default_factory=list)
    wist_je_dat: str | None = None
    bijgewerkt: dt.date
    actief: Annotated[bool, Field(exclude_if=lambda actief: actief is True)] = True
    """False: HR switched the entry off; employees do not see it, HR can switch it back.

    Left out of ``model_dump`` while True, so the YAML files and every entry's version
    stay as they were before this field existed.
    """

    @property
    def formuleringen(self) -> list[str]:
        """The question and all its phrasings."""
        return [self.vraag, *self.varianten]


class FaqBestand(_Strikt):
    """One employer's FAQ file (or the general one)."""

    gemeente: Slug
    documenten: dict[str, Tekst]
    vragen: list[FaqItem]

    @model_validator(mode="after")
    def _bronnen_bekend(self) -> FaqBestand:
        for vraag in self.vragen:
            for bron in vraag.bron:
                if bron.document not in self.documenten:
                    raise ValueError(
                        f"vraag {vraag.id}: document '{bron.document}' staat niet onder documenten"
                    )
        return self


@dataclass(frozen=True)
class Faq:
    """All FAQ files, loaded: per gemeente the entries an employee of that employer sees."""

    bestanden: dict[str, FaqBestand]
    paden: dict[str, Path] = field(default_factory=dict)
    """The file each gemeente was read from (empty for an FAQ built in memory)."""

    def gemeenten(self) -> list[str]:
        """The employers that have an FAQ of their own."""
        return sorted(g for g in self.bestanden if g != ALGEMEEN)

    def zichtbaar(self, gemeente: str) -> list[tuple[FaqItem, FaqBestand]]:
        """The employer's entries, then the general ones on topics the employer leaves open.

        Entries switched off (``actief`` false) are left out, and an employer's entry that
        is switched off no longer hides the general entry on its topic.
        """
        eigen = self.bestanden.get(gemeente)
        algemeen = self.bestanden.get(ALGEMEEN)
        uitkomst = [(v, eigen) for v in eigen.vragen if v.actief] if eigen else []
        eigen_onderwerpen = {v.onderwerp for v, _ in uitkomst}
        if algemeen:
            uitkomst += [
                (v, algemeen)
                for v in algemeen.vragen
                if v.actief and v.onderwerp not in eigen_onderwerpen
            ]
        return uitkomst

    def vraag(self, id_: str) -> tuple[FaqItem, FaqBestand] | None:
        """Find an entry by id, in any file; also one that is switched off."""
        for bestand in self.bestanden.values():
            for vraag in bestand.vragen:
                if vraag.id == id_:
                    return vraag, bestand
        return None


def laad_faq(map_: Path = FAQ_MAP) -> Faq:
    """Load every ``*.yaml`` under ``map_``; raise FaqFout naming file and line."""
    return lees_faq(lees_map(map_))


def werkmap(doel: Path) -> Path:
    """``doel`` holding the FAQ HR edits; the first call copies the shipped FAQ there.

    HR's edits then never land in the installed package, where an upgrade would replace
    them or a read-only install refuse them. The copy is made beside ``doel`` and renamed
    into place, so a crash or a second process never leaves half a FAQ. A later release's
    FAQ is not merged in: HR's folder is theirs.
    """
    if doel.is_dir():
        return doel
    doel.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = Path(tempfile.mkdtemp(prefix=".faq-", dir=doel.parent))
    try:
        shutil.copytree(FAQ_MAP, tijdelijk / "faq", ignore=shutil.ignore_patterns("__*"))
        try:
            os.rename(tijdelijk / "faq", doel)
        except OSError:
            if not doel.is_dir():  # another process won the race: its copy is as good
                raise
    finally:
        shutil.rmtree(tijdelijk, ignore_errors=True)
    return doel


def lees_map(map_: Path) -> dict[Path, str]:
    """The text of every ``*.yaml`` under ``map_``; raise FaqFout if one cannot be read."""
    teksten: dict[Path, str] = {}
    problemen: list[str] = []
    for pad in sorted(map_.glob("*.yaml")):
        try:
            teksten[pad] = pad.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as fout:
            problemen.append(f"{pad}: kan het bestand niet lezen ({fout})")
    if problemen:
        raise FaqFout(problemen)
    return teksten


class _Ongeldig(Exception):
    def __init__(self, problemen: list[str]) -> None:
        super().__init__(problemen)
        self.problemen = problemen


@functools.lru_cache(maxsize=2048)  # every file of hundreds of employers, old and new
def _lees_bestand(pad: Path, tekst: str) -> tuple[FaqBestand, YamlDocument]:
    """One file, parsed and validated; the same text is parsed once (the models are frozen).

    The store reads every file again before and after each edit, and the live matcher on
    each change: only the file that changed is parsed anew.
    """
    document = lees_yaml(tekst, pad)
    try:
        return FaqBestand.model_validate(document.data), document
    except ValidationError as fout:
        raise _Ongeldig(pydantic_problemen(fout, document)) from fout


def lees_faq(teksten: Mapping[Path, str]) -> Faq:
    """Parse and validate FAQ files given as text; raise FaqFout naming file and line.

    The loader and the store (before it writes) share this one check: every file against
    FaqBestand, every id unique over all files, every gemeente in one file only.
    """
    bestanden: dict[str, FaqBestand] = {}
    paden: dict[str, Path] = {}
    problemen: list[str] = []
    gezien: dict[str, Path] = {}
    for pad in sorted(teksten):
        try:
            bestand, document = _lees_bestand(pad, teksten[pad])
        except YamlFout as fout:
            problemen.append(str(fout))
            continue
        except _Ongeldig as fout:
            problemen.extend(fout.problemen)
            continue
        for i, vraag in enumerate(bestand.vragen):
            if vraag.id in gezien:
                plaats = document.plaats(("vragen", i, "id"))
                problemen.append(f"{plaats}: id '{vraag.id}' staat ook in {gezien[vraag.id]}")
            gezien[vraag.id] = pad
        if bestand.gemeente in paden:
            plaats = document.plaats(("gemeente",))
            problemen.append(
                f"{plaats}: gemeente '{bestand.gemeente}' staat ook in {paden[bestand.gemeente]}"
            )
        bestanden[bestand.gemeente] = bestand
        paden[bestand.gemeente] = pad
    if problemen:
        raise FaqFout(problemen)
    return Faq(bestanden, paden)
