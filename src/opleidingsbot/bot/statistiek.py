"""HR's statistics: counts per ISO week from the event log and the review queue.

Everything here is a count or an anonymous question text; the store keeps no identity.
Times are stored as ISO 8601 in UTC; weeks are ISO weeks (Monday to Sunday, UTC).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from opleidingsbot.bot.opslag.database import Database, als_database
from opleidingsbot.knowledge.normalize import woorden

ZONDER_STAP = "(onbekend)"
"""Key in ``afgebroken_per_stap`` when the engine could not name the step."""


@dataclass(frozen=True)
class Week:
    """The figures of one ISO week."""

    jaar: int
    nummer: int
    begin: dt.date
    """The Monday the week starts on."""
    beantwoord: int = 0
    gesuggereerd: int = 0
    onbekend: int = 0
    geen_van_deze: int = 0
    intakes_gestart: int = 0
    intakes_klaar: int = 0
    intakes_afgebroken: int = 0
    afgebroken_per_stap: dict[str, int] = field(default_factory=dict)
    concepten: int = 0

    @property
    def vragen(self) -> int:
        """All questions: answered, answered with suggestions, and unknown."""
        return self.beantwoord + self.gesuggereerd + self.onbekend

    @property
    def label(self) -> str:
        """Short name for a chart or a chat message, e.g. ``wk 21``."""
        return f"wk {self.nummer}"

    @property
    def iso(self) -> str:
        """The ISO name, e.g. ``2026-W21``."""
        return f"{self.jaar}-W{self.nummer:02d}"


@dataclass(frozen=True)
class Telling:
    """A text (topic or question) and how often it occurred."""

    tekst: str
    aantal: int


def begin_van_week(moment: dt.datetime | dt.date) -> dt.date:
    """The Monday of the ISO week ``moment`` falls in (UTC for a datetime)."""
    if isinstance(moment, dt.datetime):
        moment = _utc(moment).date()
    return moment - dt.timedelta(days=moment.weekday())


def weekcijfers(
    db: Database | sqlite3.Connection,
    *,
    gemeente: str | None = None,
    weken: int = 8,
    nu: dt.datetime | None = None,
) -> list[Week]:
    """The last ``weken`` ISO weeks up to and including the current one, oldest first.

    Weeks without any event are included with zeros. ``gemeente`` None means all employers.
    """
    if weken < 1:
        raise ValueError("weken moet minstens 1 zijn")
    db = als_database(db)
    laatste = begin_van_week(nu or dt.datetime.now(dt.UTC))
    eerste = laatste - dt.timedelta(weeks=weken - 1)
    einde = laatste + dt.timedelta(weeks=1)
    # The string range uses the index on tijd (a day's margin for odd offsets);
    # date() then gives the exact UTC day.
    sql = (
        f"SELECT soort, detail, {_DAG[db.dialect]} AS dag, COUNT(*) AS aantal FROM gebeurtenissen"
        " WHERE tijd >= ? AND tijd < ?"
    )
    parameters: list[str] = [
        (eerste - dt.timedelta(days=1)).isoformat(),
        (einde + dt.timedelta(days=1)).isoformat(),
    ]
    if gemeente:
        sql += " AND gemeente = ?"
        parameters.append(gemeente)
    sql += " GROUP BY soort, detail, dag"

    tellers: dict[dt.date, Counter[str]] = {}
    stappen: dict[dt.date, Counter[str]] = {}
    for soort, detail, dag, aantal in db.execute(sql, parameters):
        if dag is None:
            continue
        datum = dt.date.fromisoformat(dag)
        if not eerste <= datum < einde:
            continue
        maandag = begin_van_week(datum)
        tellers.setdefault(maandag, Counter())[soort] += aantal
        if soort == "intake-afgebroken":
            stappen.setdefault(maandag, Counter())[detail or ZONDER_STAP] += aantal

    uitkomst: list[Week] = []
    for i in range(weken):
        maandag = eerste + dt.timedelta(weeks=i)
        teller = tellers.get(maandag, Counter())
        jaar, nummer, _ = maandag.isocalendar()
        uitkomst.append(
            Week(
                jaar=jaar,
                nummer=nummer,
                begin=maandag,
                beantwoord=teller["vraag-antwoord"],
                gesuggereerd=teller["vraag-suggesties"],
                onbekend=teller["vraag-onbekend"],
                geen_van_deze=teller["geen-van-deze"],
                intakes_gestart=teller["intake-start"],
                intakes_klaar=teller["intake-klaar"],
                intakes_afgebroken=teller["intake-afgebroken"],
                afgebroken_per_stap=dict(sorted(stappen.get(maandag, Counter()).items())),
                concepten=teller["concept"],
            )
        )
    return uitkomst


def top_onderwerpen(
    db: Database | sqlite3.Connection, gemeente: str | None, sinds: dt.datetime, n: int = 5
) -> list[Telling]:
    """The ``n`` topics answered most often since ``sinds``; most first, then by name."""
    db = als_database(db)
    sql = (
        "SELECT detail, COUNT(*) AS aantal FROM gebeurtenissen"
        " WHERE soort = 'vraag-antwoord' AND detail IS NOT NULL"
        f" AND tijd >= ? AND {_VANAF[db.dialect]}"
    )
    moment = _utc(sinds)
    parameters: list[str] = [(moment.date() - dt.timedelta(days=1)).isoformat(), _sql_tijd(moment)]
    if gemeente:
        sql += " AND gemeente = ?"
        parameters.append(gemeente)
    sql += " GROUP BY detail ORDER BY aantal DESC, detail LIMIT ?"
    rijen = db.execute(sql, [*parameters, n]).fetchall()
    return [Telling(str(detail), int(aantal)) for detail, aantal in rijen]


def top_onbeantwoord(
    db: Database | sqlite3.Connection, gemeente: str | None, sinds: dt.datetime, n: int = 5
) -> list[Telling]:
    """The ``n`` open unanswered questions asked most often since ``sinds``.

    Questions that differ only in case, accents or punctuation count as one; the text
    shown is the phrasing used most (the oldest on a tie).
    """
    db = als_database(db)
    sql = f"SELECT vraag FROM onbeantwoord WHERE status = 'open' AND {_VANAF[db.dialect]}"
    parameters = [_sql_tijd(_utc(sinds))]
    if gemeente:
        sql += " AND gemeente = ?"
        parameters.append(gemeente)
    groepen: dict[str, Counter[str]] = {}
    for (vraag,) in db.execute(sql + " ORDER BY id", parameters):
        tekst = " ".join(str(vraag).split())
        sleutel = " ".join(woorden(tekst)) or tekst.casefold()
        groepen.setdefault(sleutel, Counter())[tekst] += 1
    tellingen = [
        # most_common keeps first-seen order on a tie, and rows come oldest first.
        Telling(varianten.most_common(1)[0][0], sum(varianten.values()))
        for varianten in groepen.values()
    ]
    tellingen.sort(key=lambda t: (-t.aantal, t.tekst.casefold()))
    return tellingen[:n]


_DAG = {
    "sqlite": "date(tijd)",
    "postgresql": "to_char(tijd::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
}
"""The UTC day of the stored ISO time, as ``YYYY-MM-DD``."""
_VANAF = {
    "sqlite": "julianday(tijd) >= julianday(?)",
    "postgresql": "tijd::timestamptz >= (?::timestamp AT TIME ZONE 'UTC')",
}
"""The stored ISO time at or after a UTC moment (``_sql_tijd``), whatever its offset."""


# --- text output ----------------------------------------------------------------------

KOLOMMEN: list[tuple[str, str]] = [
    ("Vragen", "vragen"),
    ("Beantwoord", "beantwoord"),
    ("Suggesties", "gesuggereerd"),
    ("Onbekend", "onbekend"),
    ("Geen v.d.", "geen_van_deze"),
    ("Intakes", "intakes_gestart"),
    ("Klaar", "intakes_klaar"),
    ("Gestopt", "intakes_afgebroken"),
    ("Concepten", "concepten"),
]


def als_tabel(weken: list[Week], onderwerpen: list[Telling], onbeantwoord: list[Telling]) -> str:
    """The figures as a plain-text table for the terminal, one row per week."""
    kop = ["Week", *(naam for naam, _ in KOLOMMEN)]
    rijen = [[w.iso, *(str(getattr(w, veld)) for _, veld in KOLOMMEN)] for w in weken]
    rijen.append(["Totaal", *(str(_som(weken, veld)) for _, veld in KOLOMMEN)])
    breedtes = [max(len(r[i]) for r in [kop, *rijen]) for i in range(len(kop))]

    def regel(cellen: list[str]) -> str:
        eerste = cellen[0].ljust(breedtes[0])
        rest = (c.rjust(b) for c, b in zip(cellen[1:], breedtes[1:], strict=True))
        return "  ".join([eerste, *rest])

    lijn = "-" * len(regel(kop))
    regels = [regel(kop), lijn, *(regel(r) for r in rijen[:-1]), lijn, regel(rijen[-1])]
    regels += ["", *_lijsten(weken, onderwerpen, onbeantwoord, breedte=72)]
    return "\n".join(regels)


def als_bericht(weken: list[Week], onderwerpen: list[Telling], onbeantwoord: list[Telling]) -> str:
    """The same figures, compact for a chat message (lines of at most 40 characters)."""
    vragen = _som(weken, "vragen")
    regels = [
        f"Vragen: {vragen}",
        f"- beantwoord: {_som(weken, 'beantwoord')}",
        f"- met suggesties: {_som(weken, 'gesuggereerd')}",
        f"- onbekend: {_som(weken, 'onbekend')}",
        f"Geen van deze: {_som(weken, 'geen_van_deze')}",
        f"Intakes gestart: {_som(weken, 'intakes_gestart')}",
        f"- klaar: {_som(weken, 'intakes_klaar')}",
        f"- gestopt: {_som(weken, 'intakes_afgebroken')}",
        f"Concepten: {_som(weken, 'concepten')}",
        "",
    ]
    kop = ["Week", "Vragen", "Antw.", "Klaar"]
    rijen = [[w.label, str(w.vragen), str(w.beantwoord), str(w.intakes_klaar)] for w in weken]
    breedtes = [max(len(r[i]) for r in [kop, *rijen]) for i in range(len(kop))]
    for cellen in [kop, *rijen]:
        rest = (c.rjust(b) for c, b in zip(cellen[1:], breedtes[1:], strict=True))
        regels.append("  ".join([cellen[0].ljust(breedtes[0]), *rest]))
    regels += ["", *_lijsten(weken, onderwerpen, onbeantwoord, breedte=40)]
    return "\n".join(regels)


def _lijsten(
    weken: list[Week], onderwerpen: list[Telling], onbeantwoord: list[Telling], breedte: int
) -> list[str]:
    """Where intakes stopped, the top topics and the top open questions."""
    stappen: Counter[str] = Counter()
    for w in weken:
        stappen.update(w.afgebroken_per_stap)
    regels = ["Intake gestopt bij:"]
    regels += _opsomming(
        [Telling(s, a) for s, a in sorted(stappen.items(), key=lambda x: (-x[1], x[0]))],
        breedte,
        genummerd=False,
    )
    regels += ["", "Meest gevraagde onderwerpen:", *_opsomming(onderwerpen, breedte)]
    regels += ["", "Open vragen zonder antwoord:", *_opsomming(onbeantwoord, breedte)]
    return regels


def _opsomming(tellingen: list[Telling], breedte: int, *, genummerd: bool = True) -> list[str]:
    if not tellingen:
        return ["- nog geen"]
    regels = []
    for i, t in enumerate(tellingen, start=1):
        begin = f"{i}. " if genummerd else "- "
        eind = f" ({t.aantal})"
        ruimte = max(breedte - len(begin) - len(eind), 10)
        tekst = t.tekst if len(t.tekst) <= ruimte else t.tekst[: ruimte - 1].rstrip() + "…"
        regels.append(f"{begin}{tekst}{eind}")
    return regels


def _som(weken: list[Week], veld: str) -> int:
    return sum(int(getattr(w, veld)) for w in weken)


def _utc(moment: dt.datetime) -> dt.datetime:
    """A naive datetime is taken as UTC; an aware one is converted."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _sql_tijd(moment: dt.datetime) -> str:
    """A UTC moment in a form SQLite's julianday() reads."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")
