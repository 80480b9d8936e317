"""The FAQ's history: one JSON line per changed entry, appended and never rewritten.

The file is ``<faq map>/.geschiedenis.jsonl`` (the FAQ loader only reads ``*.yaml``).
Each line is one changed entry::

    {"tijd": "2030-05-17T10:11:12.123456+00:00", "door": "cli:anna",
     "actie": "gewijzigd", "id": "...", "gemeente": "haarlem",
     "voor": {...entry...} or null, "na": {...entry...} or null}

``voor`` and ``na`` are the entry as ``FaqItem.model_dump(mode="json")``: null before an
addition and after a removal. ``actie`` is toegevoegd, gewijzigd, verwijderd or hersteld.

Order of a change (FaqStore.bewerk, all inside the FAQ lock): validate the new FAQ,
append its lines here (flushed and fsynced), then replace the YAML files. So the FAQ
never changes without its line: if the lines cannot be written, nothing changes. A
crash after the lines and before (or between) the YAML files leaves a line for a
change that did not land. Readers tell by what came after it: the entry's state after
a line is the ``voor`` of the entry's next line, or for its last line the entry as it is
on disk now. A line after which the entry is still as it was before it (its ``voor``)
did not land: ``doorgevoerd`` leaves it out. A change made by hand (an edited YAML
file) has no line; the line before it still counts, as the entry did change (unless the
hand edit put back exactly the entry as it was before that line).

Every line keeps its ``nummer``: its place among all lines about the same id (1 is the
first). Numbers never change, as the file only grows; after a crash they may skip one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from opleidingsbot.knowledge.faq import FaqItem
from opleidingsbot.knowledge.faqyaml import sync_map

logger = logging.getLogger(__name__)

GESCHIEDENIS_NAAM = ".geschiedenis.jsonl"

Actie = Literal["toegevoegd", "gewijzigd", "verwijderd", "hersteld"]
ACTIES: tuple[str, ...] = get_args(Actie)
Data = dict[str, Any]

# Fields left out of the diff: the store sets bijgewerkt on every change.
_NIET_IN_VERSCHIL = frozenset({"id", "bijgewerkt"})
_KORT = 30


@dataclass(frozen=True)
class AuditRegel:
    """One line of the history: one entry changed, by whom, and how it was before and after."""

    nummer: int
    """Place among all lines about this id, from 1; never changes."""
    tijd: dt.datetime
    """When, in UTC."""
    door: str
    actie: Actie
    id: str
    gemeente: str
    voor: Data | None
    na: Data | None

    def json(self) -> str:
        """The line as it is written (without ``nummer``, which follows from its place)."""
        return json.dumps(
            {
                "tijd": self.tijd.isoformat(timespec="microseconds"),
                "door": self.door,
                "actie": self.actie,
                "id": self.id,
                "gemeente": self.gemeente,
                "voor": self.voor,
                "na": self.na,
            },
            ensure_ascii=False,
        )

    def vraag_daarna(self) -> FaqItem | None:
        """The entry as this line left it, or None when it was removed."""
        return None if self.na is None else FaqItem.model_validate(self.na)

    def vraag_ervoor(self) -> FaqItem | None:
        """The entry as it was before this line, or None when it was added."""
        return None if self.voor is None else FaqItem.model_validate(self.voor)


def nieuwe_regel(
    tijd: dt.datetime, door: str, actie: Actie, gemeente: str,
    voor: FaqItem | None, na: FaqItem | None,
) -> AuditRegel:  # fmt: skip
    """A line for one changed entry (``nummer`` 0: it is known only once read back)."""
    vraag = na or voor
    if vraag is None:
        raise ValueError("a line needs the entry before or after the change")
    return AuditRegel(
        nummer=0,
        tijd=tijd.astimezone(dt.UTC),
        door=door,
        actie=actie,
        id=vraag.id,
        gemeente=gemeente,
        voor=None if voor is None else voor.model_dump(mode="json"),
        na=None if na is None else na.model_dump(mode="json"),
    )


def schrijf(pad: Path, regels: Sequence[AuditRegel]) -> None:
    """Append the lines to ``pad``, flushed and fsynced before this returns.

    If writing fails, the file is cut back to where it was (as far as possible) and the
    error raised: the caller must then not make the change.
    """
    if not regels:
        return
    data = "".join(r.json() + "\n" for r in regels).encode("utf-8")
    nieuw = not pad.exists()
    with pad.open("a+b") as bestand:
        begin = bestand.seek(0, os.SEEK_END)
        try:
            if begin:
                bestand.seek(begin - 1)
                if bestand.read(1) != b"\n":  # a line torn by an earlier crash
                    data = b"\n" + data
            bestand.write(data)  # append mode: always at the end
            bestand.flush()
            os.fsync(bestand.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                bestand.truncate(begin)
            raise
    if nieuw:
        sync_map(pad.parent)


def lees(pad: Path) -> list[AuditRegel]:
    """Every readable line, oldest first, numbered per id; a broken line is skipped."""
    try:
        tekst = pad.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return lees_regels(tekst.splitlines(), str(pad))


def lees_regels(regels: Iterable[str], bron: str) -> list[AuditRegel]:
    """``lees`` for lines from anywhere (``bron`` names where, in warnings)."""
    tellers: Counter[str] = Counter()
    uitkomst: list[AuditRegel] = []
    for regelnummer, regel in enumerate(regels, start=1):
        if not regel.strip():
            continue
        try:
            data = json.loads(regel)
            id_, actie = str(data["id"]), str(data["actie"])
            if actie not in ACTIES:
                raise ValueError(f"unknown actie {actie!r}")
            tijd = dt.datetime.fromisoformat(data["tijd"])
            voor, na = data["voor"], data["na"]
            if not all(d is None or isinstance(d, dict) for d in (voor, na)):
                raise ValueError("voor and na must be objects or null")
        except (ValueError, KeyError, TypeError) as fout:
            logger.warning("%s:%d: line skipped (%s)", bron, regelnummer, fout)
            continue
        tellers[id_] += 1
        uitkomst.append(
            AuditRegel(
                nummer=tellers[id_],
                tijd=tijd,
                door=str(data["door"]),
                actie=actie,  # type: ignore[arg-type]  # checked against ACTIES above
                id=id_,
                gemeente=str(data["gemeente"]),
                voor=voor,
                na=na,
            )
        )
    return uitkomst


def doorgevoerd(regels: Sequence[AuditRegel], nu: FaqItem | None) -> list[AuditRegel]:
    """The lines of one entry (oldest first) whose change landed; ``nu``: the entry now.

    A line did not land when the entry afterwards (the next line's ``voor``, or ``nu``
    after the last line) is still its ``voor`` rather than its ``na``.
    """
    nu_data = None if nu is None else nu.model_dump(mode="json")
    uitkomst = []
    for i, regel in enumerate(regels):
        daarna = regels[i + 1].voor if i + 1 < len(regels) else nu_data
        if daarna == regel.voor and daarna != regel.na:
            continue
        uitkomst.append(regel)
    return uitkomst


def verschil(voor: Data | None, na: Data | None) -> list[str]:
    """A short description of what changed, one field a line.

    Texts as ``antwoord: "oud…" → "nieuw…"``, lists as ``varianten: +2 −1``. An added
    or removed entry is shown by its question.
    """
    if voor is None or na is None:
        ander = na if voor is None else voor
        return [f"vraag: {_kort(ander.get('vraag') if ander else None)}"]
    oud, nieuw = _volledig(voor), _volledig(na)
    regels = []
    for veld in FaqItem.model_fields:
        if veld in _NIET_IN_VERSCHIL or oud.get(veld) == nieuw.get(veld):
            continue
        a, b = oud.get(veld), nieuw.get(veld)
        if isinstance(a, list) and isinstance(b, list):
            oude_items = Counter(json.dumps(x, sort_keys=True) for x in a)
            nieuwe_items = Counter(json.dumps(x, sort_keys=True) for x in b)
            erbij = sum((nieuwe_items - oude_items).values())
            eraf = sum((oude_items - nieuwe_items).values())
            regels.append(f"{veld}: +{erbij} −{eraf}" if erbij or eraf else f"{veld}: volgorde")
        elif isinstance(a, bool) or isinstance(b, bool):
            regels.append(f"{veld}: {_ja_nee(a)} → {_ja_nee(b)}")
        else:
            regels.append(f"{veld}: {_kort(a)} → {_kort(b)}")
    return regels


def _volledig(data: Data) -> Data:
    """The entry's data with the fields model_dump leaves out at their default (actief)."""
    standaard = {
        naam: veld.get_default(call_default_factory=True)
        for naam, veld in FaqItem.model_fields.items()
        if not veld.is_required()
    }
    return {**standaard, **data}


def _kort(waarde: object) -> str:
    if waarde is None:
        return "(leeg)"
    tekst = " ".join(str(waarde).split())
    if len(tekst) > _KORT:
        tekst = tekst[: _KORT - 1].rstrip() + "…"
    return f'"{tekst}"'


def _ja_nee(waarde: object) -> str:
    return "ja" if waarde else "nee"
