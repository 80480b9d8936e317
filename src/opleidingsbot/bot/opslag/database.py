"""Open the SQLite file and bring its schema up to date.

Migrations are numbered SQL scripts; ``PRAGMA user_version`` records the last one run,
so an upgrade keeps existing data. WAL mode lets readers work while one writer commits;
every write is committed at once, so a kill -9 loses nothing that was acknowledged.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

logger = logging.getLogger(__name__)

MIGRATIES: list[str] = [
    # 1: HR's review queue: questions the bot could not answer (no asker identity)
    """
    CREATE TABLE onbeantwoord (
        id INTEGER PRIMARY KEY,
        gemeente TEXT NOT NULL,
        vraag TEXT NOT NULL,
        soort TEXT NOT NULL CHECK (soort IN ('onbekend', 'geen-van-deze')),
        tijd TEXT NOT NULL,
        bijna TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'open'
            CHECK (status IN ('open', 'verwerkt', 'afgewezen'))
    );
    CREATE INDEX onbeantwoord_open ON onbeantwoord (gemeente, status);
    """,
    # 2: each user's conversation: written as each step completes
    """
    CREATE TABLE gesprekken (
        gebruiker TEXT PRIMARY KEY,
        toestand TEXT NOT NULL,
        bijgewerkt TEXT NOT NULL
    );
    """,
    # 3: counts for /stats: what happened, never who did it
    """
    CREATE TABLE gebeurtenissen (
        id INTEGER PRIMARY KEY,
        soort TEXT NOT NULL,
        gemeente TEXT,
        detail TEXT,
        tijd TEXT NOT NULL
    );
    CREATE INDEX gebeurtenissen_tijd ON gebeurtenissen (tijd);
    """,
    # 4: the queue groups a question when it arrives, not each time HR looks
    """
    ALTER TABLE onbeantwoord ADD COLUMN sleutel TEXT;
    ALTER TABLE onbeantwoord ADD COLUMN groep INTEGER;
    CREATE INDEX onbeantwoord_leiders ON onbeantwoord (gemeente, status, groep);
    """,
]


def open_database(pad: Path, migraties: list[str] | None = None) -> sqlite3.Connection:
    """Open (or create) the database at ``pad`` and run the migrations it has not had yet."""
    pad.parent.mkdir(parents=True, exist_ok=True)
    verbinding = sqlite3.connect(pad, timeout=10, isolation_level=None, check_same_thread=False)
    verbinding.row_factory = sqlite3.Row
    verbinding.execute("PRAGMA journal_mode=WAL")
    verbinding.execute("PRAGMA foreign_keys=ON")
    verbinding.execute("PRAGMA secure_delete=ON")  # what /vergeet deletes is overwritten
    # WAL with synchronous=NORMAL: a commit survives a crash or kill -9 of the process;
    # only a power cut may lose the last commits. Saves an fsync on every step.
    verbinding.execute("PRAGMA synchronous=NORMAL")
    migreer(verbinding, MIGRATIES if migraties is None else migraties)
    return verbinding


def migreer(verbinding: sqlite3.Connection, migraties: list[str]) -> int:
    """Run each migration after the stored ``user_version`` in its own transaction."""
    versie = int(verbinding.execute("PRAGMA user_version").fetchone()[0])
    if versie > len(migraties):
        raise RuntimeError(
            f"de database heeft schemaversie {versie}, deze versie van opleidingsbot kent er "
            f"{len(migraties)}: gebruik een nieuwere versie"
        )
    for nummer, script in enumerate(migraties[versie:], start=versie + 1):
        logger.info("database migration %s", nummer)
        verbinding.execute("BEGIN IMMEDIATE")
        try:
            for opdracht in _opdrachten(script):
                verbinding.execute(opdracht)
            verbinding.execute(f"PRAGMA user_version = {nummer}")
            verbinding.execute("COMMIT")
        except BaseException:
            verbinding.execute("ROLLBACK")
            raise
    return len(migraties)


def _opdrachten(script: str) -> list[str]:
    """Split a migration into statements (``executescript`` would commit on its own)."""
    return [deel.strip() for deel in script.split(";") if deel.strip()]


@contextmanager
def transactie(verbinding: sqlite3.Connection) -> Iterator[None]:
    """One write transaction: everything inside is stored together, or not at all."""
    verbinding.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        verbinding.execute("ROLLBACK")
        raise
    verbinding.execute("COMMIT")
