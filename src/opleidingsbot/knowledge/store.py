"""The FAQ folder as a store: readers see edits without a restart, writers never clash.

Readers call ``faq()``: a cheap check of every file's (inode, mtime, size) tells whether
another process changed something; then the folder is reloaded. A reload that fails
keeps the last good FAQ and the error (``laatste_fout``).

Writers take a lock file shared by all processes, reload inside it, refuse an edit made
on an old version (``VerouderdFout``), validate the whole result as the loader does,
and only then write each changed file atomically: the old or the new file, never half.

Every change also appends one line per changed entry to the history
(``.geschiedenis.jsonl``, see knowledge.audit), inside the same lock and before the YAML
files are replaced: the FAQ never changes without its line. ``geschiedenis`` reads an
entry's history and ``herstel`` puts an entry back as a line left it.

Where the files live is a ``FaqBron``: a folder (``MapBron``, the default) or a table of
a database shared by several processes (``bot.opslag.faqtabel``). The store's logic is
the same for both: the texts are YAML, edits are checked against each entry's version,
and the history is written with the change.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from filelock import FileLock, Timeout
from pydantic import ValidationError

from opleidingsbot.knowledge import audit
from opleidingsbot.knowledge.audit import GESCHIEDENIS_NAAM, Actie, AuditRegel, Data
from opleidingsbot.knowledge.faq import (
    FAQ_MAP,
    Faq,
    FaqBestand,
    FaqFout,
    FaqItem,
    lees_faq,
    lees_map,
)
from opleidingsbot.knowledge.faqyaml import bestand_naar_yaml, schrijf_atomisch
from opleidingsbot.yamlload import vertaal_probleem

logger = logging.getLogger(__name__)

LOCK_NAAM = ".faq.lock"
WACHTTIJD = 10.0
ONBEKEND = "onbekend"

Handtekening = dict[str, tuple[int, int, int]]
# Called with the new FAQ and the ids added or edited, before anything is written.
Controle = Callable[[Faq, set[str]], None]


class VerouderdFout(ValueError):
    """Someone changed the entry since the caller read it; ``huidig`` is how it is now."""

    def __init__(self, verouderd: Sequence[FaqItem]) -> None:
        self.verouderd = tuple(verouderd)
        self.huidig = self.verouderd[0]
        ids = ", ".join(v.id for v in self.verouderd)
        super().__init__(f"iemand anders heeft dit intussen gewijzigd: {ids}")


class BezetFout(Exception):
    """Another writer holds the FAQ's lock longer than this one waits."""


class OnbekendFout(ValueError):
    """No entry with this id, or no FAQ file for this gemeente, or no such history line."""


class VerwijderdFout(ValueError):
    """The caller read the entry at a version, but someone removed it since."""

    def __init__(self, id_: str) -> None:
        self.id = id_
        super().__init__(f"iemand anders heeft vraag '{id_}' intussen verwijderd")


def versie_van(vraag: FaqItem) -> str:
    """A short hash of the entry's content: it changes with every change to the entry."""
    data = json.dumps(vraag.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


class FaqBron(Protocol):
    """Where the FAQ's YAML texts and their history are kept."""

    naam: str
    """For messages: the folder, or the database."""

    def handtekening(self) -> object:
        """Cheap to get; it changes when anyone changed a text."""

    def teksten(self) -> dict[Path, str]:
        """Every FAQ text, by its (file) name."""

    def pad(self, naam: str) -> Path:
        """The key in ``teksten`` of the text with this file name."""

    def vergrendeld(self) -> AbstractContextManager[None]:
        """The writers' lock, shared by every process; raises ``BezetFout`` when busy."""

    def schrijf(self, regels: Sequence[AuditRegel], teksten: dict[Path, str]) -> None:
        """Store the history lines and the changed texts (lock held): all, or none."""

    def audit(self) -> list[AuditRegel]:
        """Every history line, oldest first, numbered per id (``audit.lees``)."""

    def sluit(self) -> None:
        """Let go of what the source holds open (connections, listeners)."""


class MapBron:
    """The FAQ as ``*.yaml`` files in a folder, with a lock file and a history file."""

    def __init__(self, map_: Path, wachttijd: float) -> None:
        self.map = map_
        self.naam = str(map_)
        self._lock = FileLock(map_ / LOCK_NAAM, timeout=wachttijd)

    def handtekening(self) -> Handtekening:
        """Every file's (inode, mtime, size)."""
        # Called before every answer: os.scandir costs a third of Path.glob with stat.
        uitkomst: Handtekening = {}
        with os.scandir(self.map) as items:
            for item in items:
                if item.name.endswith(".yaml"):
                    with contextlib.suppress(FileNotFoundError):
                        st = item.stat()
                        uitkomst[item.name] = (st.st_ino, st.st_mtime_ns, st.st_size)
        return uitkomst

    def teksten(self) -> dict[Path, str]:
        """The text of every ``*.yaml`` in the folder."""
        return lees_map(self.map)

    def pad(self, naam: str) -> Path:
        """The file in the folder."""
        return self.map / naam

    @contextlib.contextmanager
    def vergrendeld(self) -> Iterator[None]:
        """The lock file ``.faq.lock``."""
        try:
            with self._lock:
                yield
        except Timeout as fout:
            raise BezetFout(str(fout)) from fout

    def schrijf(self, regels: Sequence[AuditRegel], teksten: dict[Path, str]) -> None:
        """The history first: if it cannot be written, no file has changed."""
        audit.schrijf(self.map / GESCHIEDENIS_NAAM, regels)
        for pad, tekst in teksten.items():
            schrijf_atomisch(pad, tekst)

    def audit(self) -> list[AuditRegel]:
        """The lines of ``.geschiedenis.jsonl``."""
        return audit.lees(self.map / GESCHIEDENIS_NAAM)

    def sluit(self) -> None:
        """Files hold nothing open."""


class FaqStore:
    """The FAQ: read with ``faq()``, change with the lock held."""

    def __init__(
        self, map_: Path = FAQ_MAP, wachttijd: float | None = None, *, bron: FaqBron | None = None
    ) -> None:
        """A folder ``map_``, or another ``bron``.

        ``wachttijd``: seconds a writer waits for another's lock (default ``WACHTTIJD``).
        """
        self.bron: FaqBron = bron or MapBron(map_, WACHTTIJD if wachttijd is None else wachttijd)
        self.map = map_
        """The folder, when the FAQ is kept in files (without ``bron``)."""
        self.generatie = 0
        self.laatste_fout: FaqFout | None = None
        self._faq: Faq | None = None
        self._handtekening: object = None
        self._mutex = threading.RLock()

    def faq(self) -> Faq:
        """The current FAQ; reloaded when a file changed. The first load raises FaqFout."""
        with self._mutex:
            handtekening = self.bron.handtekening()
            if self._faq is None or handtekening != self._handtekening:
                try:
                    self._laad(handtekening)
                except FaqFout as fout:
                    if self._faq is None:
                        raise
                    logger.warning(
                        "FAQ in %s not reloaded, keeping the last good one: %s",
                        self.bron.naam,
                        fout,
                    )
                    self.laatste_fout = fout
                    self._handtekening = handtekening  # retry when the files change again
            assert self._faq is not None
            return self._faq

    def sluit(self) -> None:
        """Close the source's connections; the store is not used after this."""
        self.bron.sluit()

    @staticmethod
    def versie(vraag: FaqItem) -> str:
        """The entry's version, for refusing an edit made on an old one."""
        return versie_van(vraag)

    def gemeente_van(self, id_: str) -> str | None:
        """The gemeente whose file holds the entry, if any."""
        gevonden = self.faq().vraag(id_)
        return gevonden[1].gemeente if gevonden else None

    def voeg_toe(
        self, gemeente: str, vraag: FaqItem, *, vandaag: dt.date | None = None,
        controle: Controle | None = None, door: str = ONBEKEND,
    ) -> None:  # fmt: skip
        """Add an entry at the end of the gemeente's file."""
        self.bewerk(toevoegen=[(gemeente, vraag)], vandaag=vandaag, controle=controle, door=door)

    def wijzig(
        self, vraag: FaqItem, versie: str, *, vandaag: dt.date | None = None,
        controle: Controle | None = None, door: str = ONBEKEND,
    ) -> None:  # fmt: skip
        """Replace the entry with the same id, if it is still at ``versie``."""
        self.bewerk(wijzigen=[(vraag, versie)], vandaag=vandaag, controle=controle, door=door)

    def verwijder(self, id_: str, versie: str, *, door: str = ONBEKEND) -> None:
        """Remove the entry, if it is still at ``versie``."""
        self.bewerk(verwijderen=[(id_, versie)], door=door)

    def bewerk(
        self,
        *,
        toevoegen: Sequence[tuple[str, FaqItem]] = (),
        wijzigen: Sequence[tuple[FaqItem, str]] = (),
        verwijderen: Sequence[tuple[str, str]] = (),
        vandaag: dt.date | None = None,
        controle: Controle | None = None,
        door: str = ONBEKEND,
    ) -> None:
        """Apply all changes or none; ``controle`` may refuse the new FAQ by raising.

        Added and edited entries get ``bijgewerkt`` = today. Each changed entry gets a
        history line naming ``door`` (who: "cli:anna", "telegram:12345"); the lines are
        written and synced before any file is replaced. Each changed file is written
        atomically; a crash between two files leaves each file whole.
        """
        with self._mutex, self._vergrendeld():
            teksten = self.bron.teksten()
            self._bewerk(
                teksten, lees_faq(teksten), toevoegen, wijzigen, verwijderen,
                vandaag=vandaag, controle=controle, door=door,
            )  # fmt: skip

    def geschiedenis(self, id_: str) -> list[AuditRegel]:
        """Every change to the entry that landed, oldest first (see knowledge.audit)."""
        with self._mutex, self._vergrendeld():  # no change half done while we look
            return self._geschiedenis(id_, lees_faq(self.bron.teksten()))

    def herstel(
        self, id_: str, regel: int | str, versie_nu: str | None, *, door: str = ONBEKEND,
        vandaag: dt.date | None = None, controle: Controle | None = None,
    ) -> FaqItem:  # fmt: skip
        """Put the entry back as history line ``regel`` left it; return it as saved now.

        ``regel`` is the line's ``nummer`` or its ``tijd`` (ISO). The entry becomes the
        line's ``na``, or for a removal its ``voor``; ``regel`` 0 is the entry as it was
        before its first recorded change (undoing the first edit). ``versie_nu`` is the
        version the caller saw now, or None if the caller saw the entry removed: as with
        any edit, a change by someone else since is refused (VerouderdFout, or
        VerwijderdFout when the entry is gone). An entry that exists is restored where it
        is; a removed one is added again to the line's gemeente. ``bijgewerkt`` becomes
        today, as with every change; the history line says "hersteld".
        """
        with self._mutex, self._vergrendeld():
            teksten = self.bron.teksten()
            oud = lees_faq(teksten)
            gekozen, data = _terug_naar(self._geschiedenis(id_, oud), id_, regel)
            try:
                doel = FaqItem.model_validate(data)
            except ValidationError as fout:
                raise FaqFout(
                    [f"wijziging {gekozen.nummer} van vraag '{id_}' is niet meer geldig: {fout}"]
                ) from fout
            huidig = oud.vraag(id_)
            if huidig is None:
                if versie_nu is not None:
                    raise VerwijderdFout(id_)
                toevoegen, wijzigen = [(gekozen.gemeente, doel)], []
            elif versie_nu != versie_van(huidig[0]):
                raise VerouderdFout([huidig[0]])
            else:
                toevoegen, wijzigen = [], [(doel, versie_nu)]
            nieuw = self._bewerk(
                teksten, oud, toevoegen, wijzigen, (),
                vandaag=vandaag, controle=controle, door=door, actie="hersteld",
            )  # fmt: skip
            terug = nieuw.vraag(id_)
            assert terug is not None
            return terug[0]

    def importeer(self, teksten: dict[Path, str], *, door: str = ONBEKEND) -> list[str]:
        """Put these FAQ texts in the store (by file name), replacing those of that name.

        The result is validated as a whole first; each entry that changed gets a history
        line, as with an edit. Texts of other names stay. Returns the changed entries' ids.
        """
        with self._mutex, self._vergrendeld():
            teksten_nu = self.bron.teksten()
            oud = lees_faq(teksten_nu)
            binnen = {self.bron.pad(p.name): t for p, t in teksten.items()}
            nieuw_teksten = {**teksten_nu, **binnen}
            nieuw = lees_faq(nieuw_teksten)
            ids = [v.id for b in oud.bestanden.values() for v in b.vragen]
            ids += [v.id for b in nieuw.bestanden.values() for v in b.vragen]
            regels = _regels(oud, nieuw, ids, door, None)
            gewijzigd = {p: t for p, t in binnen.items() if teksten_nu.get(p) != t}
            if gewijzigd:
                self.bron.schrijf(regels, gewijzigd)
            self._zet(nieuw, self.bron.handtekening())
            return [r.id for r in regels]

    def _geschiedenis(self, id_: str, faq: Faq) -> list[AuditRegel]:
        regels = [r for r in self.bron.audit() if r.id == id_]
        gevonden = faq.vraag(id_)
        return audit.doorgevoerd(regels, gevonden[0] if gevonden else None)

    def _bewerk(
        self,
        teksten: dict[Path, str],
        oud: Faq,
        toevoegen: Sequence[tuple[str, FaqItem]],
        wijzigen: Sequence[tuple[FaqItem, str]],
        verwijderen: Sequence[tuple[str, str]],
        *,
        vandaag: dt.date | None,
        controle: Controle | None,
        door: str,
        actie: Actie | None = None,
    ) -> Faq:
        """The change itself, with the lock held and ``oud`` just read from ``teksten``.

        ``actie`` names every history line (for a restore); else it follows from the
        change: toegevoegd, gewijzigd or verwijderd.
        """
        dag = vandaag or dt.date.today()
        vragen = {g: list(b.vragen) for g, b in oud.bestanden.items()}
        gewijzigd: set[str] = set()
        verouderd: list[FaqItem] = []
        taken: list[tuple[str, str, FaqItem | None]] = [
            (v.id, versie, v.model_copy(update={"bijgewerkt": dag})) for v, versie in wijzigen
        ]
        taken += [(id_, versie, None) for id_, versie in verwijderen]
        for id_, versie, nieuw in taken:
            gemeente, i = _zoek(vragen, id_)
            if versie_van(vragen[gemeente][i]) != versie:
                verouderd.append(vragen[gemeente][i])
            elif nieuw is None:
                del vragen[gemeente][i]
            else:
                vragen[gemeente][i] = nieuw
            gewijzigd.add(gemeente)
        if verouderd:
            raise VerouderdFout(verouderd)
        for gemeente, vraag in toevoegen:
            if gemeente not in vragen:
                raise OnbekendFout(f"er is geen FAQ-bestand voor gemeente '{gemeente}'")
            bezet = [g for g, lijst in vragen.items() if any(v.id == vraag.id for v in lijst)]
            if bezet:
                raise FaqFout([f"id '{vraag.id}' bestaat al (bij {bezet[0]})"])
            vragen[gemeente].append(vraag.model_copy(update={"bijgewerkt": dag}))
            gewijzigd.add(gemeente)
        nieuwe_teksten = {
            oud.paden[g]: bestand_naar_yaml(_valideer(oud.bestanden[g], vragen[g]))
            for g in sorted(gewijzigd)
        }
        nieuw_faq = lees_faq({**teksten, **nieuwe_teksten})
        if controle is not None:
            controle(nieuw_faq, {v.id for v, _ in wijzigen} | {v.id for _, v in toevoegen})
        ids = [id_ for id_, _, _ in taken] + [v.id for _, v in toevoegen]
        regels = _regels(oud, nieuw_faq, ids, door, actie)
        self.bron.schrijf(regels, nieuwe_teksten)
        self._zet(nieuw_faq, self.bron.handtekening())
        return nieuw_faq

    def _laad(self, handtekening: object) -> None:
        nieuw = lees_faq(self.bron.teksten())
        if self._faq is not None:
            # a file that vanished is a mistake, not an employer leaving: that takes a restart
            weg = sorted(set(self._faq.bestanden) - set(nieuw.bestanden))
            if weg:
                raise FaqFout([f"het FAQ-bestand van '{g}' is weg" for g in weg])
        self._zet(nieuw, handtekening)

    def _zet(self, faq: Faq, handtekening: object) -> None:
        self._faq = faq
        self._handtekening = handtekening
        self.laatste_fout = None
        self.generatie += 1

    @contextlib.contextmanager
    def _vergrendeld(self) -> Iterator[None]:
        try:
            with self.bron.vergrendeld():
                yield
        except BezetFout as fout:
            raise FaqFout(
                ["De FAQ is bezet: iemand anders slaat net iets op. Probeer het zo opnieuw."]
            ) from fout


def _regels(
    oud: Faq, nieuw: Faq, ids: Sequence[str], door: str, actie: Actie | None
) -> list[AuditRegel]:
    """A history line for each of ``ids`` that differs between ``oud`` and ``nieuw``."""
    tijd = dt.datetime.now(dt.UTC)
    uitkomst = []
    for id_ in dict.fromkeys(ids):
        voor, na = oud.vraag(id_), nieuw.vraag(id_)
        if voor and na and (voor[0], voor[1].gemeente) == (na[0], na[1].gemeente):
            continue  # not changed: no line
        gemeente = na[1].gemeente if na else voor[1].gemeente if voor else ""
        soort: Actie = actie or (
            "toegevoegd" if voor is None else "verwijderd" if na is None else "gewijzigd"
        )
        uitkomst.append(
            audit.nieuwe_regel(
                tijd, door, soort, gemeente, voor[0] if voor else None, na[0] if na else None
            )
        )
    return uitkomst


def _terug_naar(
    regels: Sequence[AuditRegel], id_: str, regel: int | str
) -> tuple[AuditRegel, Data | None]:
    """The history line to go back to, and the entry as that line left it.

    Line 0 is the entry before the first recorded change: the first line's ``voor``.
    """
    if regel == 0 and regels:
        if regels[0].voor is None:
            raise OnbekendFout(f"vraag '{id_}' heeft geen versie van voor de eerste wijziging")
        return regels[0], regels[0].voor
    gekozen = _kies(regels, id_, regel)
    return gekozen, gekozen.na if gekozen.na is not None else gekozen.voor


def _kies(regels: Sequence[AuditRegel], id_: str, regel: int | str) -> AuditRegel:
    """The history line with this number, or with this time (ISO)."""
    for kandidaat in reversed(regels):
        if isinstance(regel, int):
            if kandidaat.nummer == regel:
                return kandidaat
        elif _zelfde_tijd(kandidaat.tijd, regel):
            return kandidaat
    raise OnbekendFout(f"vraag '{id_}' heeft geen wijziging {regel}")


def _zelfde_tijd(tijd: dt.datetime, tekst: str) -> bool:
    try:
        ander = dt.datetime.fromisoformat(tekst)
    except ValueError:
        return False
    return ander.tzinfo is not None and ander == tijd


def _zoek(vragen: dict[str, list[FaqItem]], id_: str) -> tuple[str, int]:
    """Where the entry with ``id_`` is in the (partly edited) lists."""
    for gemeente, lijst in vragen.items():
        for i, vraag in enumerate(lijst):
            if vraag.id == id_:
                return gemeente, i
    raise OnbekendFout(f"er is geen vraag met id '{id_}'")


def _valideer(oud: FaqBestand, vragen: list[FaqItem]) -> FaqBestand:
    """The file with new entries, validated from plain data as the loader would."""
    data = {
        "gemeente": oud.gemeente,
        "documenten": oud.documenten,
        "vragen": [v.model_dump() for v in vragen],
    }
    try:
        return FaqBestand.model_validate(data)
    except ValidationError as fout:
        problemen = []
        for probleem in fout.errors():
            loc = list(probleem["loc"])
            plek = oud.gemeente
            if loc[:1] == ["vragen"] and len(loc) > 1 and isinstance(loc[1], int):
                plek, loc = f"{plek}, vraag {vragen[loc[1]].id}", loc[2:]
            sleutel = ".".join(str(deel) for deel in loc) or "(vraag)"
            problemen.append(f"{plek}: {sleutel}: {vertaal_probleem(probleem)}")
        raise FaqFout(problemen) from fout
