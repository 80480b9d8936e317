"""The FAQ in the database: one copy for every process, edits as transactions.

Each FAQ file is a row of ``faq_teksten`` (its YAML text, by file name, with a version
that goes up with every change); each history line a row of ``faq_geschiedenis``. A
writer holds an advisory lock (SQLite: its write transaction) and stores the lines and
the texts in one transaction: the FAQ never changes without its history, and a crash
leaves the old FAQ or the new one.

Readers learn of a change cheaply. On PostgreSQL a writer sends ``NOTIFY`` with the
changed file names in the same transaction; every process listens (``postgres.Luisteraar``) and
reloads on its next question. Without a listener (SQLite, one machine) a reader compares
the versions, one small query.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from opleidingsbot.bot.opslag.database import Database, SlotBezet, verbind
from opleidingsbot.knowledge import audit
from opleidingsbot.knowledge.audit import AuditRegel
from opleidingsbot.knowledge.faq import lees_map
from opleidingsbot.knowledge.store import WACHTTIJD, BezetFout, FaqStore

logger = logging.getLogger(__name__)

KANAAL = "opleidingsbot_faq"
SLOT = "opleidingsbot:faq"
"""The advisory lock's key (``Database.vergrendel``); users' keys have a channel prefix."""


class Gehoord(Protocol):
    """What the store needs of a listener (``postgres.Luisteraar``): a change count."""

    generatie: int

    def stop(self) -> None:
        """Stop listening."""


class DatabaseBron:
    """A ``FaqBron`` (knowledge.store) in the tables of a ``Database``."""

    naam = "de database"

    def __init__(self, db: Database, wachttijd: float, luisteraar: Gehoord | None = None) -> None:
        """``db``: a connection of its own (the store uses it from several threads, locked).

        ``luisteraar``: on PostgreSQL, the process's listener for changes.
        """
        self.db = db
        self.wachttijd = wachttijd
        self.luisteraar = luisteraar
        if db.dialect == "sqlite":  # BEGIN IMMEDIATE waits this long for another writer
            db.execute(f"PRAGMA busy_timeout = {int(wachttijd * 1000)}")

    def handtekening(self) -> object:
        """The listener's count of changes, or else every text's version."""
        if self.luisteraar is not None:
            return self.luisteraar.generatie
        return tuple(self.db.execute("SELECT naam, versie FROM faq_teksten ORDER BY naam"))

    def teksten(self) -> dict[Path, str]:
        """Every FAQ text, by file name."""
        rijen = self.db.execute("SELECT naam, tekst FROM faq_teksten ORDER BY naam")
        return {Path(naam): tekst for naam, tekst in rijen}

    def pad(self, naam: str) -> Path:
        """Texts are kept by file name."""
        return Path(naam)

    @contextmanager
    def vergrendeld(self) -> Iterator[None]:
        """A transaction holding the FAQ's lock: every read and write inside sees one FAQ."""
        try:
            with self.db.transactie():
                self.db.vergrendel(SLOT, self.wachttijd)
                yield
        except SlotBezet as fout:
            raise BezetFout(str(fout)) from fout
        except sqlite3.OperationalError as fout:  # BEGIN IMMEDIATE timed out
            if "locked" not in str(fout):
                raise
            raise BezetFout(str(fout)) from fout

    def schrijf(self, regels: Sequence[AuditRegel], teksten: dict[Path, str]) -> None:
        """Lines and texts in the open transaction; listeners hear of it at the commit."""
        self.db.executemany(
            "INSERT INTO faq_geschiedenis (regel) VALUES (?)", [(r.json(),) for r in regels]
        )
        for pad, tekst in teksten.items():
            self.db.execute(
                "INSERT INTO faq_teksten (naam, tekst, versie) VALUES (?, ?, 1) "
                "ON CONFLICT (naam) DO UPDATE SET tekst = excluded.tekst, "
                "versie = faq_teksten.versie + 1",
                (pad.name, tekst),
            )
        if self.db.dialect == "postgresql" and teksten:
            namen = ",".join(sorted(p.name for p in teksten))
            self.db.execute("SELECT pg_notify(?, ?)", (KANAAL, namen))

    def audit(self) -> list[AuditRegel]:
        """Every history line, oldest first."""
        rijen = self.db.execute("SELECT regel FROM faq_geschiedenis ORDER BY nummer")
        return audit.lees_regels((regel for (regel,) in rijen), "faq_geschiedenis")

    def sluit(self) -> None:
        """Stop the listener and close the connection."""
        if self.luisteraar is not None:
            self.luisteraar.stop()
        self.db.close()

    def is_leeg(self) -> bool:
        """No FAQ text stored yet."""
        return self.db.execute("SELECT 1 FROM faq_teksten LIMIT 1").fetchone() is None


def open_faq(url: str, vulling: Path, wachttijd: float | None = None) -> FaqStore:
    """The FAQ store in the database at ``url``; filled from the folder ``vulling`` once.

    The first process to find the tables empty imports the folder (``importeer`` holds
    the lock and compares, so two processes starting together import it once). Later the
    database is the FAQ: ``opleidingsbot faq db-export`` writes it out as YAML again.
    """
    db = verbind(url)
    luisteraar = None
    if db.dialect == "postgresql":
        from opleidingsbot.bot.opslag.postgres import Luisteraar  # psycopg: only when used

        luisteraar = Luisteraar(url, KANAAL)
    bron = DatabaseBron(db, WACHTTIJD if wachttijd is None else wachttijd, luisteraar)
    store = FaqStore(bron=bron)
    if bron.is_leeg():
        store.importeer(lees_map(vulling), door="import:start")
    return store
