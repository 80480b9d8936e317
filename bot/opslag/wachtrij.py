"""HR's review queue: every "dat weet ik niet" and "geen van deze", with the near misses.

Only what HR needs is kept: the employer, the question, when, and which entries came
close. Never who asked.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Literal

from knowledge.matcher import Uitkomst

Soort = Literal["onbekend", "geen-van-deze"]


@dataclass(frozen=True)
class Onbeantwoord:
    """One queued question."""

    id: int
    gemeente: str
    vraag: str
    soort: Soort
    tijd: dt.datetime
    bijna: list[dict[str, object]]
    status: str


class Wachtrij:
    """The queue in the SQLite store."""

    def __init__(self, verbinding: sqlite3.Connection) -> None:
        self.db = verbinding

    def bewaar(
        self, gemeente: str, uitkomst: Uitkomst, soort: Soort, tijd: dt.datetime | None = None
    ) -> int:
        """Queue the question of ``uitkomst`` with its near misses; returns its id."""
        kandidaten = [*([uitkomst.beste] if uitkomst.beste else []), *uitkomst.suggesties]
        bijna: list[dict[str, object]] = []
        for k in kandidaten:
            if all(b["id"] != k.vraag.id for b in bijna):
                bijna.append({"id": k.vraag.id, "score": k.score})
        moment = tijd or dt.datetime.now(dt.UTC)
        cursor = self.db.execute(
            "INSERT INTO onbeantwoord (gemeente, vraag, soort, tijd, bijna)"
            " VALUES (?, ?, ?, ?, ?)",
            (gemeente, uitkomst.vraag, soort, moment.isoformat(), json.dumps(bijna[:3])),
        )
        return int(cursor.lastrowid or 0)

    def open_vragen(self, gemeente: str | None = None) -> list[Onbeantwoord]:
        """The questions HR has not handled yet, oldest first."""
        sql = "SELECT * FROM onbeantwoord WHERE status = 'open'"
        parameters: tuple[str, ...] = ()
        if gemeente:
            sql += " AND gemeente = ?"
            parameters = (gemeente,)
        rijen = self.db.execute(sql + " ORDER BY id", parameters).fetchall()
        return [
            Onbeantwoord(
                r["id"],
                r["gemeente"],
                r["vraag"],
                r["soort"],
                dt.datetime.fromisoformat(r["tijd"]),
                json.loads(r["bijna"]),
                r["status"],
            )
            for r in rijen
        ]
