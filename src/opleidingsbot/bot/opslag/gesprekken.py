"""Conversation states in the store, one row per user, written at once (no flush delay)."""

from __future__ import annotations

import datetime as dt
import sqlite3

from opleidingsbot.bot.dialoog.toestand import Toestand
from opleidingsbot.bot.opslag.database import Database, als_database


class Gesprekken:
    """Load and save each user's ``Toestand``."""

    def __init__(self, verbinding: Database | sqlite3.Connection) -> None:
        self.db = als_database(verbinding)

    def laad(self, gebruiker: str) -> Toestand | None:
        """The stored state, or None for a new user.

        Inside a transaction this also locks the user (``Database.vergrendel``) until it
        ends: another process handling the same user waits, and sees this one's save.
        """
        self.db.vergrendel(gebruiker)
        rij = self.db.execute(
            "SELECT toestand FROM gesprekken WHERE gebruiker = ?", (gebruiker,)
        ).fetchone()
        return Toestand.model_validate_json(rij[0]) if rij else None

    def bewaar(self, gebruiker: str, toestand: Toestand) -> None:
        """Write the state; committed before this returns."""
        moment = toestand.bijgewerkt or dt.datetime.now(dt.UTC)
        self.db.execute(
            "INSERT INTO gesprekken (gebruiker, toestand, bijgewerkt) VALUES (?, ?, ?) "
            "ON CONFLICT (gebruiker) DO UPDATE SET toestand = excluded.toestand, "
            "bijgewerkt = excluded.bijgewerkt",
            (gebruiker, toestand.model_dump_json(), moment.isoformat()),
        )

    def vergeet(self, gebruiker: str) -> None:
        """Delete everything stored about this user (``leeg_logboek`` after the commit)."""
        self.db.execute("DELETE FROM gesprekken WHERE gebruiker = ?", (gebruiker,))
        self.logboek_legen = True

    logboek_legen = False
    """Set by ``vergeet``: the write-ahead log still holds the deleted state."""

    def leeg_logboek(self) -> None:
        """Copy the write-ahead log into the file and empty it: nothing deleted stays there."""
        self.db.leeg_logboek()
        self.logboek_legen = False

    def stil_sinds(self, grens: dt.datetime) -> list[tuple[str, Toestand | None]]:
        """Every user not heard from since ``grens``, with the state (None if unreadable).

        Inside a transaction each of them is locked first (in a fixed order, so two
        clean-ups cannot deadlock) and the states are read after: a user whose input is
        being handled elsewhere is waited for, then left out if now active again.
        """
        tot = grens.isoformat()
        stil = self.db.execute(
            "SELECT gebruiker FROM gesprekken WHERE bijgewerkt < ? ORDER BY gebruiker", (tot,)
        ).fetchall()
        for (gebruiker,) in stil:
            self.db.vergrendel(gebruiker)
        vergrendeld = {gebruiker for (gebruiker,) in stil}
        rijen = self.db.execute(
            "SELECT gebruiker, toestand FROM gesprekken WHERE bijgewerkt < ? ORDER BY gebruiker",
            (tot,),
        ).fetchall()
        uit: list[tuple[str, Toestand | None]] = []
        for gebruiker, tekst in rijen:
            if gebruiker not in vergrendeld:  # silent only since the first look: next time
                continue
            try:
                uit.append((gebruiker, Toestand.model_validate_json(tekst)))
            except ValueError:
                uit.append((gebruiker, None))
        return uit


class Gebeurtenissen:
    """Counts for HR's statistics: what happened, for which employer, never who."""

    def __init__(self, verbinding: Database | sqlite3.Connection) -> None:
        self.db = als_database(verbinding)

    def tel(
        self,
        soort: str,
        gemeente: str | None,
        detail: str | None = None,
        tijd: dt.datetime | None = None,
    ) -> None:
        """Record one event."""
        moment = tijd or dt.datetime.now(dt.UTC)
        self.db.execute(
            "INSERT INTO gebeurtenissen (soort, gemeente, detail, tijd) VALUES (?, ?, ?, ?)",
            (soort, gemeente, detail, moment.isoformat()),
        )
