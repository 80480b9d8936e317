"""The stores on SQLite and on a real PostgreSQL server: the same behaviour on both.

Every test with ``open_opslag`` runs twice (see conftest): on a SQLite file and on a
database of its own on the session's PostgreSQL server.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from opleidingsbot.bot.opslag.database import Database, transactie
from opleidingsbot.bot.opslag.gesprekken import Gebeurtenissen, Gesprekken
from opleidingsbot.bot.opslag.wachtrij import Wachtrij
from opleidingsbot.bot.statistiek import weekcijfers
from opleidingsbot.knowledge.matcher import Uitkomst

Opener = Callable[[], Database]
MOMENT = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def test_conversation_is_saved_loaded_and_forgotten(open_opslag: Opener) -> None:
    from opleidingsbot.bot.dialoog.toestand import Toestand

    gesprekken = Gesprekken(open_opslag())
    assert gesprekken.laad("test:1") is None
    gesprekken.bewaar("test:1", Toestand(gemeente="haarlem", volgnummer=3, bijgewerkt=MOMENT))
    gesprekken.bewaar("test:1", Toestand(gemeente="haarlem", volgnummer=4, bijgewerkt=MOMENT))
    geladen = gesprekken.laad("test:1")
    assert geladen is not None and geladen.volgnummer == 4 and geladen.bijgewerkt == MOMENT
    gesprekken.vergeet("test:1")
    assert gesprekken.logboek_legen
    gesprekken.leeg_logboek()
    assert gesprekken.laad("test:1") is None


def test_silent_users_are_found_and_an_unreadable_state_is_none(open_opslag: Opener) -> None:
    from opleidingsbot.bot.dialoog.toestand import Toestand

    db = open_opslag()
    gesprekken = Gesprekken(db)
    gesprekken.bewaar("test:oud", Toestand(bijgewerkt=MOMENT - dt.timedelta(days=3)))
    gesprekken.bewaar("test:nieuw", Toestand(bijgewerkt=MOMENT))
    gesprekken.bewaar("test:kapot", Toestand(bijgewerkt=MOMENT - dt.timedelta(days=3)))
    db.execute("UPDATE gesprekken SET toestand = '{kapot' WHERE gebruiker = ?", ("test:kapot",))
    with transactie(db):
        stil = gesprekken.stil_sinds(MOMENT - dt.timedelta(days=1))
    assert [(g, t is None) for g, t in stil] == [("test:kapot", True), ("test:oud", False)]


def test_one_inputs_state_queue_and_counts_are_stored_together_or_not_at_all(
    open_opslag: Opener,
) -> None:
    from opleidingsbot.bot.dialoog.toestand import Toestand

    db = open_opslag()
    gesprekken, wachtrij, gebeurtenissen = Gesprekken(db), Wachtrij(db), Gebeurtenissen(db)
    ander = open_opslag()

    def stap(fout: bool) -> None:
        with transactie(db):
            gesprekken.laad("test:1")
            gesprekken.bewaar("test:1", Toestand(gemeente="haarlem", bijgewerkt=MOMENT))
            wachtrij.bewaar("haarlem", Uitkomst("onbekend", "mag de hond mee"), "onbekend")
            gebeurtenissen.tel("vraag-onbekend", "haarlem", None, MOMENT)
            if fout:
                raise RuntimeError("the step breaks off")

    def tellingen() -> tuple[int, int, int]:
        return tuple(  # type: ignore[return-value]
            int(ander.execute(f"SELECT count(*) FROM {tabel}").fetchone()[0])
            for tabel in ("gesprekken", "onbeantwoord", "gebeurtenissen")
        )

    with pytest.raises(RuntimeError):
        stap(fout=True)
    assert tellingen() == (0, 0, 0)
    assert Wachtrij(ander).open_vragen() == []
    stap(fout=False)
    assert tellingen() == (1, 1, 1)


def test_two_store_instances_see_each_others_writes(open_opslag: Opener) -> None:
    from opleidingsbot.bot.dialoog.toestand import Toestand

    een, twee = open_opslag(), open_opslag()
    Gesprekken(een).bewaar("test:1", Toestand(gemeente="haarlem", volgnummer=7))
    gezien = Gesprekken(twee).laad("test:1")
    assert gezien is not None and gezien.volgnummer == 7

    wachtrij_een, wachtrij_twee = Wachtrij(een), Wachtrij(twee)
    assert wachtrij_twee.groepen("haarlem") == []  # reads (and caches) the empty queue
    wachtrij_een.bewaar(
        "haarlem", Uitkomst("onbekend", "Mag de hond mee naar de les?"), "onbekend"
    )
    # the other instance joins the first one's group: it saw that write
    wachtrij_twee.bewaar(
        "haarlem", Uitkomst("onbekend", "mag de hond mee naar de les"), "onbekend"
    )
    assert [len(g.vragen) for g in wachtrij_een.groepen("haarlem")] == [2]
    wachtrij_een.zet_status([v.id for v in wachtrij_een.open_vragen()], "verwerkt")
    assert wachtrij_twee.open_vragen() == []

    Gebeurtenissen(een).tel("vraag-antwoord", "haarlem", "studieverlof", MOMENT)
    [week] = weekcijfers(twee, weken=1, nu=MOMENT)
    assert week.beantwoord == 1


def test_a_users_load_and_save_wait_for_the_other_process(open_opslag: Opener) -> None:
    """While one process handles a user's input, another's load of that user waits."""
    from opleidingsbot.bot.dialoog.toestand import Toestand

    een, twee = Gesprekken(open_opslag()), Gesprekken(open_opslag())
    een.bewaar("test:1", Toestand(volgnummer=1))
    geladen = threading.Event()
    gezien: list[int] = []

    def ander_proces() -> None:
        geladen.wait(5)
        with transactie(twee.db):
            staat = twee.laad("test:1")
            assert staat is not None
            gezien.append(staat.volgnummer)

    draad = threading.Thread(target=ander_proces)
    draad.start()
    with transactie(een.db):
        staat = een.laad("test:1")
        assert staat is not None
        geladen.set()
        time.sleep(0.3)  # the other one is waiting now, not reading the old state
        staat.volgnummer = 2
        een.bewaar("test:1", staat)
    draad.join(10)
    assert gezien == [2]


def test_concurrent_writers_for_one_user_lose_no_update(open_opslag: Opener) -> None:
    from opleidingsbot.bot.dialoog.toestand import Toestand

    Gesprekken(open_opslag()).bewaar("test:1", Toestand(volgnummer=0))
    keer = 25
    fouten: list[BaseException] = []

    def schrijver(gesprekken: Gesprekken) -> None:
        try:
            for _ in range(keer):
                with transactie(gesprekken.db):
                    staat = gesprekken.laad("test:1")
                    assert staat is not None
                    time.sleep(0.001)  # widen the window a lost update would need
                    staat.volgnummer += 1
                    gesprekken.bewaar("test:1", staat)
        except BaseException as fout:
            fouten.append(fout)

    draden = [
        threading.Thread(target=schrijver, args=(Gesprekken(open_opslag()),)) for _ in range(2)
    ]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(60)
    assert fouten == []
    eind = Gesprekken(open_opslag()).laad("test:1")
    assert eind is not None and eind.volgnummer == 2 * keer


# --- PostgreSQL only: migrations, configuration, the engine end to end ---------------


def test_postgres_migrations_keep_data_and_record_the_version(pg_url: str) -> None:
    from opleidingsbot.bot.opslag.database import MIGRATIES, verbind
    from opleidingsbot.bot.opslag.postgres import PostgresDatabase, schemaversie

    oud = verbind(pg_url, MIGRATIES[:1])
    assert isinstance(oud, PostgresDatabase) and schemaversie(oud) == 1
    oud.execute(
        "INSERT INTO onbeantwoord (gemeente, vraag, soort, tijd)"
        " VALUES ('haarlem', 'x', 'onbekend', 't')"
    )
    oud.close()
    nieuw = verbind(pg_url, [*MIGRATIES, "CREATE TABLE proef (id INTEGER PRIMARY KEY)"])
    assert isinstance(nieuw, PostgresDatabase)
    assert schemaversie(nieuw) == len(MIGRATIES) + 1
    assert nieuw.execute("SELECT vraag FROM onbeantwoord").fetchone()["vraag"] == "x"
    nieuw.close()
    with pytest.raises(RuntimeError, match="nieuwere versie"):
        verbind(pg_url)


def test_postgres_failed_migration_changes_nothing(pg_url: str) -> None:
    import psycopg

    from opleidingsbot.bot.opslag.database import MIGRATIES, verbind
    from opleidingsbot.bot.opslag.postgres import PostgresDatabase, schemaversie

    verbind(pg_url).close()
    with pytest.raises(psycopg.Error):
        verbind(pg_url, [*MIGRATIES, "CREATE TABLE a (id INTEGER); CREATE TABLE a (id INTEGER)"])
    db = verbind(pg_url)
    assert isinstance(db, PostgresDatabase) and schemaversie(db) == len(MIGRATIES)
    assert db.execute("SELECT to_regclass('a') IS NULL").fetchone()[0] is True
    db.close()


def test_postgres_processes_starting_at_once_migrate_once(pg_url: str) -> None:
    from opleidingsbot.bot.opslag.database import verbind

    geopend: list[Database] = []
    fouten: list[BaseException] = []

    def start() -> None:
        try:
            geopend.append(verbind(pg_url))
        except BaseException as fout:
            fouten.append(fout)

    draden = [threading.Thread(target=start) for _ in range(4)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(30)
    assert fouten == [] and len(geopend) == 4
    for db in geopend:
        db.close()


def test_a_lost_postgres_connection_fails_one_step_and_is_made_again(pg_url: str) -> None:
    import psycopg

    from opleidingsbot.bot.dialoog.toestand import Toestand
    from opleidingsbot.bot.opslag.database import verbind

    db = verbind(pg_url)
    gesprekken = Gesprekken(db)
    gesprekken.bewaar("test:1", Toestand(volgnummer=1))
    with psycopg.connect(pg_url, autocommit=True) as beheer:
        andere = "datname = current_database() AND pid <> pg_backend_pid()"
        beheer.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE {andere}")
        for _ in range(100):  # until the server has ended it
            if not beheer.execute(f"SELECT 1 FROM pg_stat_activity WHERE {andere}").fetchone():
                break
            time.sleep(0.05)
    with pytest.raises(psycopg.OperationalError), transactie(db):
        gesprekken.laad("test:1")
    with transactie(db):
        staat = gesprekken.laad("test:1")
        assert staat is not None
        staat.volgnummer = 2
        gesprekken.bewaar("test:1", staat)
    assert (geladen := Gesprekken(verbind(pg_url)).laad("test:1")) and geladen.volgnummer == 2
    db.close()


def test_a_dialogue_runs_on_postgres_and_resumes_after_a_restart(
    tmp_path: Path, pg_url: str
) -> None:
    from opleidingsbot.bot import teksten as t
    from opleidingsbot.bot.opslag.database import verbind
    from opleidingsbot.rules import laad_regelboek
    from tests.chatdriver import Gebruiker, Klok, bouw

    regelboek, klok = laad_regelboek(), Klok()
    jan = Gebruiker(bouw(tmp_path, regelboek, klok, opslag=pg_url))
    jan.zeg("/start")
    jan.druk("Haarlem")
    jan.zeg("hoeveel studieverlof krijg ik")
    jan.zeg("mag de hond mee naar de cursus")
    assert jan.tekst() == t.ONBEKEND
    jan.zeg("/intake")
    jan.zeg("Hbo Bestuurskunde")
    assert not (tmp_path / "db.sqlite3").exists()

    # another process (a restart) goes on at the same step
    opnieuw = Gebruiker(bouw(tmp_path, regelboek, klok, opslag=pg_url), jan.naam)
    opnieuw.zeg("Hogeschool Leiden")
    assert "hbo" in opnieuw.knoppen

    db = verbind(pg_url)
    assert [v.vraag for v in Wachtrij(db).open_vragen("haarlem")] == [
        "mag de hond mee naar de cursus"
    ]
    soorten = {r["soort"] for r in db.execute("SELECT soort FROM gebeurtenissen")}
    assert {"vraag-onbekend", "intake-start"} <= soorten
    opnieuw.zeg("/vergeet")
    opnieuw.druk(t.VERGEET_JA)
    assert db.execute("SELECT count(*) FROM gesprekken").fetchone()[0] == 0
    db.close()
    for gesprek in (jan.gesprek, opnieuw.gesprek):
        gesprek.d.gesprekken.db.close()


def test_commands_use_the_postgres_url(tmp_path: Path, pg_url: str) -> None:
    import os

    from tests.conftest import opleidingsbot

    omgeving = {
        **os.environ,
        "OPLEIDINGSBOT_DATA_MAP": str(tmp_path / "data"),
        "OPLEIDINGSBOT_DATABASE_URL": pg_url,
    }
    for vraag in ("Mag de hond mee naar de les?", "mag de hond mee naar de les"):
        uit = opleidingsbot("ask", vraag, "--gemeente", "haarlem", "--wachtrij", omgeving=omgeving)
        assert uit.returncode == 0, uit.stderr
    lijst = opleidingsbot("vragen", omgeving=omgeving)
    assert lijst.stdout.startswith("  2x  haarlem  Mag de hond mee naar de les?"), lijst
    stats = opleidingsbot("stats", "--gemeente", "haarlem", omgeving=omgeving)
    assert stats.returncode == 0, stats.stderr
    assert "Mag de hond mee naar de les? (2)" in stats.stdout
    assert not (tmp_path / "data" / "opleidingsbot.sqlite3").exists()


@pytest.mark.parametrize(
    ("url", "melding"),
    [
        ("mysql://bot@server/opleidingsbot", "geen PostgreSQL-adres"),
        ("postgresql://bot:geheim@server/opleidingsbot?kleur=rood", "klopt niet"),
        ("postgresql://bot:geheim@server:poort/opleidingsbot", "poort"),
    ],
)
def test_a_bad_database_url_is_refused_in_dutch(tmp_path: Path, url: str, melding: str) -> None:
    import os

    from tests.conftest import opleidingsbot

    omgeving = {**os.environ, "OPLEIDINGSBOT_DATABASE_URL": url}
    uit = opleidingsbot("stats", omgeving=omgeving)
    assert uit.returncode == 2
    assert "OPLEIDINGSBOT_DATABASE_URL" in uit.stderr and melding in uit.stderr
    assert "geheim" not in uit.stderr and "Traceback" not in uit.stderr


def test_an_unreachable_server_is_named_at_start(tmp_path: Path) -> None:
    import os

    from tests.conftest import opleidingsbot

    url = f"postgresql://bot:geheim@/opleidingsbot?host={tmp_path}&port=1"
    omgeving = {**os.environ, "OPLEIDINGSBOT_DATABASE_URL": url}
    for opdracht in (["stats"], ["vragen"], ["chat"]):
        uit = opleidingsbot(*opdracht, omgeving=omgeving)
        assert uit.returncode == 2, (opdracht, uit.stderr)
        assert "OPLEIDINGSBOT_DATABASE_URL" in uit.stderr
        assert "niet bereikbaar" in uit.stderr
        assert "geheim" not in uit.stderr and "Traceback" not in uit.stderr


def test_the_store_is_the_sqlite_file_unless_a_url_is_set(tmp_path: Path) -> None:
    from opleidingsbot.bot.instellingen import Instellingen

    standaard = Instellingen(OPLEIDINGSBOT_DATA_MAP=tmp_path)
    assert standaard.opslag == tmp_path / "opleidingsbot.sqlite3"
    assert not standaard.opslag_bestaat()
    url = "postgresql://bot:xyzzy42@server/opleidingsbot"
    gezet = Instellingen(OPLEIDINGSBOT_DATA_MAP=tmp_path, OPLEIDINGSBOT_DATABASE_URL=url)
    assert gezet.opslag == url and gezet.opslag_bestaat()
    assert "xyzzy42" not in repr(gezet)
    assert Instellingen(OPLEIDINGSBOT_DATABASE_URL=" ").database_url is None


def test_the_clean_up_wipes_idle_intakes_on_either_store(
    tmp_path: Path, opslag_doel: Path | str
) -> None:
    from opleidingsbot.bot import teksten as t
    from opleidingsbot.bot.dialoog.gesprek import VERLOOP, VERLOOP_TEKST
    from opleidingsbot.rules import laad_regelboek
    from tests.chatdriver import Gebruiker, Klok, bouw

    klok = Klok()
    gesprek = bouw(tmp_path, laad_regelboek(), klok, opslag=opslag_doel)
    jan = Gebruiker(gesprek)
    jan.zeg("/start")
    jan.druk("Haarlem")
    jan.zeg("/intake")
    jan.zeg("Geheime Opleiding Xyzzy")
    klok.nu += VERLOOP + dt.timedelta(minutes=1)
    assert gesprek.ruim_op() == 1
    assert gesprek.ruim_op() == 0
    staat = gesprek.d.gesprekken.laad(jan.naam)
    assert staat is not None and staat.verlopen and not staat.antwoorden
    jan.zeg("hallo")
    assert jan.laatste[0].tekst == t.INTAKE_VERLOPEN.format(verloop=VERLOOP_TEKST)
    gesprek.d.gesprekken.db.close()
