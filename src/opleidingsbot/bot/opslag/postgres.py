"""PostgreSQL behind ``Database``: one server for many deployments or processes.

psycopg 3 in autocommit mode, as SQLite runs here: each statement outside a transaction
commits at once. The stores' SQL keeps ``?`` placeholders; they become ``%s`` here.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import RowMaker

from opleidingsbot.bot.opslag.database import (
    MIGRATIES,
    Database,
    DatabaseFout,
    Dialect,
    Migratie,
    Resultaat,
    SlotBezet,
    opdrachten,
    te_nieuw,
)

logger = logging.getLogger(__name__)

MIGRATIESLOT = 0x6F706C65696469
"""Advisory lock key while migrating: outside ``hashtext``'s 32-bit range of the users'."""


class Rij(tuple[Any, ...]):
    """A row that reads by position and by column name, as ``sqlite3.Row`` does."""

    _namen: dict[str, int]

    def __getitem__(self, sleutel: Any) -> Any:
        if isinstance(sleutel, str):
            return tuple.__getitem__(self, self._namen[sleutel])
        return tuple.__getitem__(self, sleutel)

    def keys(self) -> list[str]:
        """The column names, in order."""
        return list(self._namen)


def _rijen(cursor: psycopg.Cursor[Any]) -> RowMaker[Rij]:
    namen = {kolom.name: i for i, kolom in enumerate(cursor.description or [])}

    def maak(waarden: Sequence[Any]) -> Rij:
        rij = Rij(waarden)
        rij._namen = namen
        return rij

    return maak


@functools.lru_cache(maxsize=512)
def naar_psycopg(sql: str) -> str:
    """``?`` placeholders (outside string literals) as ``%s``; a literal ``%`` as ``%%``."""
    delen = re.split(r"('(?:[^']|'')*')", sql.replace("%", "%%"))
    return "".join(deel if i % 2 else deel.replace("?", "%s") for i, deel in enumerate(delen))


class PostgresDatabase(Database):
    """A connection to a PostgreSQL database (``open_postgres``)."""

    dialect: Dialect = "postgresql"

    def __init__(self, verbinding: psycopg.Connection[Rij], url: str | None = None) -> None:
        self.verbinding = verbinding
        self.url = url
        """To connect again when the server dropped the connection (None: never)."""
        self._diepte = 0
        """Open ``transactie`` blocks: inside one, a lost connection is never replaced."""

    def _klaar(self) -> psycopg.Connection[Rij]:
        """The connection; outside a transaction a new one if the server dropped the old.

        The input that found it broken failed (the user may try again); the next one
        connects anew, after a server restart or a failover. Inside a transaction the
        connection is never swapped: the rest would run outside it.
        """
        if self._diepte == 0 and self.verbinding.broken and self.url is not None:
            logger.warning("the PostgreSQL connection was lost; connecting again")
            self.verbinding = _verbind(self.url)
        return self.verbinding

    def execute(self, sql: str, parameters: Sequence[object] = ()) -> Resultaat:
        """Run one statement."""
        return self._klaar().execute(naar_psycopg(sql), tuple(parameters))

    def executemany(self, sql: str, reeks: Iterable[Sequence[object]]) -> None:
        """Run one statement for each set of parameters."""
        with self._klaar().cursor() as cursor:
            cursor.executemany(naar_psycopg(sql), [tuple(p) for p in reeks])

    def transactie(self) -> AbstractContextManager[None]:
        """A transaction (READ COMMITTED); ``vergrendel`` serialises one user's updates."""
        return self._transactie()

    @contextmanager
    def _transactie(self) -> Iterator[None]:
        verbinding = self._klaar()
        self._diepte += 1
        try:
            with verbinding.transaction():
                yield
        finally:
            self._diepte -= 1

    def vergrendel(self, sleutel: str, wachttijd: float | None = None) -> None:
        """``pg_advisory_xact_lock``: released when the transaction commits or rolls back."""
        if wachttijd is not None:
            self.verbinding.execute(f"SET LOCAL lock_timeout = {int(wachttijd * 1000)}")
        try:
            self.verbinding.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (sleutel,))
        except psycopg.errors.LockNotAvailable as fout:
            raise SlotBezet(str(fout)) from fout
        if wachttijd is not None:
            self.verbinding.execute("SET LOCAL lock_timeout = 0")

    def close(self) -> None:
        """Close the connection."""
        self.verbinding.close()


def open_postgres(url: str, migraties: list[str | Migratie] | None = None) -> PostgresDatabase:
    """Connect to ``url`` and run the migrations the database has not had yet."""
    try:
        verbinding = _verbind(url)
    except psycopg.Error as fout:
        raise DatabaseFout(
            f"de PostgreSQL-database is niet bereikbaar: {_reden(fout)}. "
            "Kijk of de server draait en of OPLEIDINGSBOT_DATABASE_URL klopt."
        ) from None
    database = PostgresDatabase(verbinding, url)
    migreer_postgres(database, MIGRATIES if migraties is None else migraties)
    return database


def _verbind(url: str) -> psycopg.Connection[Rij]:
    verbinding = psycopg.connect(url, autocommit=True, row_factory=_rijen, connect_timeout=10)
    verbinding.execute("SET TIME ZONE 'UTC'")  # statistiek's casts of stored ISO times
    return verbinding


def _reden(fout: psycopg.Error) -> str:
    """The driver's first line, without a password that may be in it."""
    regel = (str(fout).strip().splitlines() or ["onbekende fout"])[0]
    return re.sub(r"password=\S+", "password=***", regel)


def migreer_postgres(database: PostgresDatabase, migraties: list[str | Migratie]) -> int:
    """Run each migration after the version in ``schemaversie``, each in its own transaction.

    An advisory lock keeps two processes that start at once from migrating together.
    """
    verbinding = database.verbinding
    while True:
        with verbinding.transaction():
            verbinding.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATIESLOT,))
            verbinding.execute("CREATE TABLE IF NOT EXISTS schemaversie (versie INTEGER NOT NULL)")
            rij = verbinding.execute("SELECT versie FROM schemaversie").fetchone()
            if rij is None:
                verbinding.execute("INSERT INTO schemaversie (versie) VALUES (0)")
            versie = int(rij[0]) if rij else 0
            te_nieuw(versie, migraties)
            if versie == len(migraties):
                return versie
            logger.info("database migration %s", versie + 1)
            for opdracht in opdrachten(migraties[versie], "postgresql"):
                verbinding.execute(opdracht)  # no parameters: the DDL goes as it is
            verbinding.execute("UPDATE schemaversie SET versie = %s", (versie + 1,))


def schemaversie(database: PostgresDatabase) -> int:
    """The number of migrations run (tests and diagnostics)."""
    rij = database.verbinding.execute("SELECT versie FROM schemaversie").fetchone()
    return int(rij[0]) if rij else 0


class Luisteraar:
    """Listens for ``NOTIFY`` on one channel: ``generatie`` goes up with each message.

    A thread of its own with a connection of its own. When the connection drops, it
    connects again and counts that as a message too: one may have been missed.
    """

    def __init__(
        self, url: str, kanaal: str, bij_bericht: Callable[[str], None] | None = None
    ) -> None:
        self.url = url
        self.kanaal = kanaal
        self.generatie = 0
        self.bij_bericht = bij_bericht
        self._stop = threading.Event()
        self._verbinding = self._verbind()  # listening before the first read: nothing missed
        self._draad = threading.Thread(target=self._luister, name=f"luister-{kanaal}", daemon=True)
        self._draad.start()

    def _verbind(self) -> psycopg.Connection[Any]:
        verbinding = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        verbinding.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.kanaal)))
        return verbinding

    def _luister(self) -> None:
        while not self._stop.is_set():
            try:
                for bericht in self._verbinding.notifies(timeout=0.5):
                    self._gehoord(bericht.payload)
            except psycopg.Error as fout:
                if self._stop.is_set():
                    return
                logger.warning("listener on %s lost its connection (%s)", self.kanaal, fout)
                self._stop.wait(1.0)
                try:
                    self._verbinding = self._verbind()
                except psycopg.Error:
                    continue
                self._gehoord("")

    def _gehoord(self, inhoud: str) -> None:
        self.generatie += 1
        if self.bij_bericht is not None:
            self.bij_bericht(inhoud)

    def stop(self) -> None:
        """Stop listening and close the connection."""
        self._stop.set()
        self._draad.join(timeout=5)
        self._verbinding.close()
