"""The FAQ folder as a store: readers see edits without a restart, writers never clash.

Readers call ``faq()``: a cheap check of every file's (inode, mtime, size) tells whether
another process changed something; then the folder is reloaded. A reload that fails
keeps the last good FAQ and the error (``laatste_fout``).

Writers take a lock file shared by all processes, reload inside it, refuse an edit made
on an old version (``VerouderdFout``), validate the whole result as the loader does,
and only then write each changed file atomically: the old or the new file, never half.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from filelock import FileLock, Timeout
from pydantic import ValidationError

from knowledge.faq import FAQ_MAP, Faq, FaqBestand, FaqFout, Vraag, lees_faq, lees_map
from knowledge.faqyaml import bestand_naar_yaml, schrijf_atomisch
from rules.rulebook import vertaal_probleem

logger = logging.getLogger(__name__)

LOCK_NAAM = ".faq.lock"
WACHTTIJD = 10.0

Handtekening = dict[str, tuple[int, int, int]]
# Called with the new FAQ and the ids added or edited, before anything is written.
Controle = Callable[[Faq, set[str]], None]


class VerouderdFout(ValueError):
    """Someone changed the entry since the caller read it; ``huidig`` is how it is now."""

    def __init__(self, verouderd: Sequence[Vraag]) -> None:
        self.verouderd = tuple(verouderd)
        self.huidig = self.verouderd[0]
        ids = ", ".join(v.id for v in self.verouderd)
        super().__init__(f"iemand anders heeft dit intussen gewijzigd: {ids}")


class OnbekendFout(ValueError):
    """No entry with this id, or no FAQ file for this gemeente."""


def versie_van(vraag: Vraag) -> str:
    """A short hash of the entry's content: it changes with every change to the entry."""
    data = json.dumps(vraag.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


class FaqStore:
    """The FAQ files in one folder: read with ``faq()``, change with the lock held."""

    def __init__(self, map_: Path = FAQ_MAP) -> None:
        self.map = map_
        self.generatie = 0
        self.laatste_fout: FaqFout | None = None
        self._faq: Faq | None = None
        self._handtekening: Handtekening | None = None
        self._mutex = threading.RLock()
        self._lock = FileLock(map_ / LOCK_NAAM, timeout=WACHTTIJD)

    def faq(self) -> Faq:
        """The current FAQ; reloaded when a file changed. The first load raises FaqFout."""
        with self._mutex:
            handtekening = self._handtekening_nu()
            if self._faq is None or handtekening != self._handtekening:
                try:
                    self._laad(handtekening)
                except FaqFout as fout:
                    if self._faq is None:
                        raise
                    logger.warning(
                        "FAQ in %s not reloaded, keeping the last good one: %s", self.map, fout
                    )
                    self.laatste_fout = fout
                    self._handtekening = handtekening  # retry when the files change again
            assert self._faq is not None
            return self._faq

    @staticmethod
    def versie(vraag: Vraag) -> str:
        """The entry's version, for refusing an edit made on an old one."""
        return versie_van(vraag)

    def gemeente_van(self, id_: str) -> str | None:
        """The gemeente whose file holds the entry, if any."""
        gevonden = self.faq().vraag(id_)
        return gevonden[1].gemeente if gevonden else None

    def voeg_toe(
        self, gemeente: str, vraag: Vraag, *, vandaag: dt.date | None = None,
        controle: Controle | None = None,
    ) -> None:
        """Add an entry at the end of the gemeente's file."""
        self.bewerk(toevoegen=[(gemeente, vraag)], vandaag=vandaag, controle=controle)

    def wijzig(
        self, vraag: Vraag, versie: str, *, vandaag: dt.date | None = None,
        controle: Controle | None = None,
    ) -> None:
        """Replace the entry with the same id, if it is still at ``versie``."""
        self.bewerk(wijzigen=[(vraag, versie)], vandaag=vandaag, controle=controle)

    def verwijder(self, id_: str, versie: str) -> None:
        """Remove the entry, if it is still at ``versie``."""
        self.bewerk(verwijderen=[(id_, versie)])

    def bewerk(
        self,
        *,
        toevoegen: Sequence[tuple[str, Vraag]] = (),
        wijzigen: Sequence[tuple[Vraag, str]] = (),
        verwijderen: Sequence[tuple[str, str]] = (),
        vandaag: dt.date | None = None,
        controle: Controle | None = None,
    ) -> None:
        """Apply all changes or none; ``controle`` may refuse the new FAQ by raising.

        Added and edited entries get ``bijgewerkt`` = today. Each changed file is
        written atomically; a crash between two files leaves each file whole.
        """
        dag = vandaag or dt.date.today()
        with self._mutex, self._vergrendeld():
            teksten = lees_map(self.map)
            oud = lees_faq(teksten)
            vragen = {g: list(b.vragen) for g, b in oud.bestanden.items()}
            gewijzigd: set[str] = set()
            verouderd: list[Vraag] = []
            taken: list[tuple[str, str, Vraag | None]] = [
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
            for pad, tekst in nieuwe_teksten.items():
                schrijf_atomisch(pad, tekst)
            self._zet(nieuw_faq, self._handtekening_nu())

    def _laad(self, handtekening: Handtekening) -> None:
        self._zet(lees_faq(lees_map(self.map)), handtekening)

    def _zet(self, faq: Faq, handtekening: Handtekening) -> None:
        self._faq = faq
        self._handtekening = handtekening
        self.laatste_fout = None
        self.generatie += 1

    def _handtekening_nu(self) -> Handtekening:
        uitkomst: Handtekening = {}
        for pad in self.map.glob("*.yaml"):
            with contextlib.suppress(FileNotFoundError):
                st = pad.stat()
                uitkomst[pad.name] = (st.st_ino, st.st_mtime_ns, st.st_size)
        return uitkomst

    @contextlib.contextmanager
    def _vergrendeld(self) -> Iterator[None]:
        try:
            with self._lock:
                yield
        except Timeout as fout:
            raise FaqFout(
                ["De FAQ is bezet: iemand anders slaat net iets op. Probeer het zo opnieuw."]
            ) from fout


def _zoek(vragen: dict[str, list[Vraag]], id_: str) -> tuple[str, int]:
    """Where the entry with ``id_`` is in the (partly edited) lists."""
    for gemeente, lijst in vragen.items():
        for i, vraag in enumerate(lijst):
            if vraag.id == id_:
                return gemeente, i
    raise OnbekendFout(f"er is geen vraag met id '{id_}'")


def _valideer(oud: FaqBestand, vragen: list[Vraag]) -> FaqBestand:
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
