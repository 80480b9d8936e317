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

from rapidfuzz import fuzz, process

from opleidingsbot.bot.opslag.database import Database, als_database
from opleidingsbot.knowledge.matcher import Uitkomst
from opleidingsbot.knowledge.normalize import woorden

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
    """The queue in the store."""

    def __init__(self, verbinding: Database | sqlite3.Connection) -> None:
        self.db = als_database(verbinding)
        self._leiders: dict[str, dict[int, str]] = {}
        """Per employer: the first question of each open group, by id, with its key."""
        self._versie: int | None = None
        """The store's data version when the groups were read: another process's write shows
        (PostgreSQL has none: the groups are read again each time)."""

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
        nieuw = int(
            self.db.execute(
                "INSERT INTO onbeantwoord (gemeente, vraag, soort, tijd, bijna)"
                " VALUES (?, ?, ?, ?, ?) RETURNING id",
                (gemeente, uitkomst.vraag, soort, moment.isoformat(), json.dumps(bijna[:3])),
            ).fetchall()[0][0]  # all of it: SQLite finishes the statement only then
        )
        self._in_groep(nieuw, gemeente, uitkomst.vraag)
        return nieuw

    def _in_groep(self, id_: int, gemeente: str, vraag: str) -> None:
        """Store the question's key and the group it joins; a new group's first leads it."""
        sleutel = _sleutel(vraag)
        groep = self._groep_van(gemeente, sleutel) or id_
        self.db.execute(
            "UPDATE onbeantwoord SET sleutel = ?, groep = ? WHERE id = ?", (sleutel, groep, id_)
        )
        if groep == id_:
            self._leiders_van(gemeente)[id_] = sleutel

    def _leiders_van(self, gemeente: str) -> dict[int, str]:
        versie = self.db.data_versie()
        if versie is None or versie != self._versie:
            self._leiders.clear()
            self._versie = versie
        if gemeente not in self._leiders:
            self._leiders[gemeente] = {
                int(i): str(s)
                for i, s in self.db.execute(
                    "SELECT id, sleutel FROM onbeantwoord WHERE gemeente = ? AND status = 'open'"
                    " AND groep = id",
                    (gemeente,),
                )
            }
        return self._leiders[gemeente]

    def _groep_van(self, gemeente: str, sleutel: str) -> int | None:
        """The open group this question joins (its first question's id); None: a new one."""
        leiders = self._leiders_van(gemeente)
        if not leiders:
            return None
        if sleutel in leiders.values():  # the same words: no need to compare every group
            return min(int(i) for i, s in leiders.items() if s == sleutel)
        gevonden = process.extractOne(
            sleutel, leiders, scorer=fuzz.token_sort_ratio, score_cutoff=GELIJK
        )
        return int(gevonden[2]) if gevonden else None

    def open_vragen(self, gemeente: str | None = None) -> list[Onbeantwoord]:
        """The questions HR has not handled yet, oldest first."""
        return [vraag for vraag, _, _ in self._open(gemeente)]

    def _open(self, gemeente: str | None) -> list[tuple[Onbeantwoord, int, str]]:
        """The open questions, each with its group and key (grouped when they arrived)."""
        sql = "SELECT * FROM onbeantwoord WHERE status = 'open'"
        parameters: tuple[str, ...] = ()
        if gemeente:
            sql += " AND gemeente = ?"
            parameters = (gemeente,)
        rijen = self.db.execute(sql + " ORDER BY id", parameters).fetchall()
        return [
            (
                Onbeantwoord(
                    r["id"],
                    r["gemeente"],
                    r["vraag"],
                    r["soort"],
                    dt.datetime.fromisoformat(r["tijd"]),
                    json.loads(r["bijna"]),
                    r["status"],
                ),
                r["groep"] if r["groep"] is not None else r["id"],
                r["sleutel"] or "",
            )
            for r in rijen
        ]

    def groepen(self, gemeente: str | None = None) -> list[Groep]:
        """Open questions with similar ones grouped, the most frequent group first.

        Questions that read the same after normalisation, or nearly (rapidfuzz
        token_sort_ratio of at least ``GELIJK``), form one group.
        """
        self._groepeer_oude()
        groepen: dict[int, Groep] = {}
        for vraag, groep_id, sleutel in self._open(gemeente):
            groep = groepen.get(groep_id)
            if groep is None:
                groepen[groep_id] = Groep(sleutel, vraag.gemeente, [vraag])
            else:
                groep.vragen.append(vraag)
        return sorted(groepen.values(), key=lambda g: (-len(g.vragen), g.vragen[0].id))

    def _groepeer_oude(self) -> None:
        """Group questions queued before groups were kept (once, oldest first)."""
        rijen = self.db.execute(
            "SELECT id, gemeente, vraag FROM onbeantwoord WHERE groep IS NULL ORDER BY id"
        ).fetchall()
        for id_, gemeente, vraag in rijen:
            self._in_groep(id_, gemeente, vraag)

    def zet_status(self, ids: list[int], status: str) -> None:
        """Mark queued questions as handled (``verwerkt``) or dismissed (``afgewezen``)."""
        self.db.executemany(
            "UPDATE onbeantwoord SET status = ? WHERE id = ?", [(status, i) for i in ids]
        )
        self._leiders.clear()  # a handled group's first question no longer leads


def _sleutel(vraag: str) -> str:
    """A question's words in a fixed order: the same question typed otherwise reads alike."""
    return " ".join(sorted(woorden(vraag)))


GELIJK = 90.0
"""Two unanswered questions this similar (0-100) are shown to HR as one."""


@dataclass
class Groep:
    """Similar unanswered questions, shown to HR as one item."""

    sleutel: str
    gemeente: str
    vragen: list[Onbeantwoord]

    @property
    def voorbeeld(self) -> Onbeantwoord:
        """The first time it was asked."""
        return self.vragen[0]

    def bijna(self) -> list[str]:
        """The entries that came closest, most often first."""
        tellingen: dict[str, float] = {}
        for vraag in self.vragen:
            for kandidaat in vraag.bijna:
                id_ = str(kandidaat["id"])
                tellingen[id_] = tellingen.get(id_, 0.0) + float(str(kandidaat.get("score", 0)))
        return sorted(tellingen, key=lambda i: -tellingen[i])
