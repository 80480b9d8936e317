"""The FAQ store's contract, on each place the FAQ can live: files, SQLite, PostgreSQL.

Two stores on one place stand for two processes: what one writes, the other reads; a
stale or invalid edit changes nothing; a held lock is refused in plain Dutch; a crash in
the middle of a write leaves the old FAQ with its old history.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from filelock import FileLock

from opleidingsbot.bot.opslag.database import verbind
from opleidingsbot.bot.opslag.faqtabel import SLOT, DatabaseBron, open_faq
from opleidingsbot.knowledge.faq import FAQ_MAP, FaqFout, FaqItem, lees_faq, lees_map
from opleidingsbot.knowledge.store import LOCK_NAAM, FaqStore, VerouderdFout, versie_van
from tests.conftest import opleidingsbot

WACHT = 0.3
OpenStore = Callable[[], FaqStore]


@pytest.fixture
def map_(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FAQ_MAP, tmp_path / "faq"))


@pytest.fixture(params=["bestanden", "sqlite", "postgresql"])
def plek(request: pytest.FixtureRequest, tmp_path: Path, map_: Path) -> str:
    """Where the FAQ lives in this test: its folder, a SQLite file or a PostgreSQL URL."""
    if request.param == "bestanden":
        return str(map_)
    if request.param == "sqlite":
        return str(tmp_path / "db.sqlite3")
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def open_store(plek: str, map_: Path) -> Iterator[OpenStore]:
    """Opens a new store on the test's place each call (a process of its own)."""
    stores: list[FaqStore] = []

    def open_() -> FaqStore:
        if plek == str(map_):
            store = FaqStore(map_, wachttijd=WACHT)
        else:
            store = open_faq(plek, map_, wachttijd=WACHT)
        stores.append(store)
        return store

    yield open_
    for store in stores:
        store.sluit()


def _eerste(store: FaqStore, gemeente: str = "haarlem") -> FaqItem:
    return store.faq().bestanden[gemeente].vragen[0]


def _binnen(voorwaarde: Callable[[], bool], seconden: float = 2.0) -> bool:
    """The condition holds within so many seconds (a listener hears of a change async)."""
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(0.02)
    return voorwaarde()


def _stand(store: FaqStore) -> tuple[dict[str, str], int]:
    """The texts by name and the number of history lines: what a write may change."""
    teksten = {p.name: t for p, t in store.bron.teksten().items()}
    return teksten, len(store.bron.audit())


def test_a_reader_sees_an_edit_by_another_process(open_store: OpenStore) -> None:
    lezer, schrijver = open_store(), open_store()
    oud = _eerste(lezer)
    assert lezer.faq() is lezer.faq(), "no reload without a change"
    schrijver.wijzig(oud.model_copy(update={"antwoord": "Nieuw antwoord."}), versie_van(oud))
    assert _binnen(lambda: _eerste(lezer).antwoord == "Nieuw antwoord.", seconden=1.0)
    assert _eerste(schrijver).antwoord == "Nieuw antwoord."


def test_a_stale_edit_is_refused_and_changes_nothing(open_store: OpenStore) -> None:
    ik, collega = open_store(), open_store()
    oud = _eerste(ik)
    collega.wijzig(oud.model_copy(update={"antwoord": "Van je collega."}), versie_van(oud))
    voor = _stand(ik)
    with pytest.raises(VerouderdFout) as fout:
        ik.wijzig(oud.model_copy(update={"antwoord": "Van mij."}), versie_van(oud))
    assert fout.value.huidig.antwoord == "Van je collega."
    assert _stand(ik) == voor


def test_an_invalid_edit_writes_nothing(open_store: OpenStore) -> None:
    store = open_store()
    oud = _eerste(store)
    voor = _stand(store)
    with pytest.raises(FaqFout, match="varianten: is te kort"):
        store.wijzig(oud.model_copy(update={"varianten": ["een"]}), versie_van(oud))
    assert _stand(store) == voor
    assert _eerste(store) == oud


@contextlib.contextmanager
def _slot_elders(plek: str, map_: Path) -> Iterator[None]:
    """Another process holds the FAQ's writers' lock."""
    if plek == str(map_):
        with FileLock(map_ / LOCK_NAAM):
            yield
    elif plek.startswith("postgresql"):
        with psycopg.connect(plek) as ander:
            ander.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (SLOT,))
            yield
    else:
        schrijver = sqlite3.connect(plek, isolation_level=None)
        schrijver.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            schrijver.rollback()
            schrijver.close()


def test_a_lock_held_elsewhere_is_refused_in_plain_dutch(
    open_store: OpenStore, plek: str, map_: Path
) -> None:
    store = open_store()
    oud = _eerste(store)
    begin = time.monotonic()
    with _slot_elders(plek, map_), pytest.raises(FaqFout, match="De FAQ is bezet"):
        store.wijzig(oud.model_copy(update={"antwoord": "Nieuw."}), versie_van(oud))
    assert time.monotonic() - begin < 5, "gives up after its waiting time"
    store.wijzig(oud.model_copy(update={"antwoord": "Nieuw."}), versie_van(oud))
    assert _eerste(store).antwoord == "Nieuw."


def test_history_names_who_and_an_edit_can_be_undone(open_store: OpenStore) -> None:
    store, ander = open_store(), open_store()
    oud = _eerste(store)
    store.wijzig(oud.model_copy(update={"antwoord": "Eerst."}), versie_van(oud), door="cli:anna")
    regels = ander.geschiedenis(oud.id)
    *import_, laatste = regels  # a database's FAQ starts with its import, one line each
    assert [(r.door, r.actie) for r in import_] in ([], [("import:start", "toegevoegd")])
    assert (laatste.door, laatste.actie) == ("cli:anna", "gewijzigd")
    assert laatste.na is not None and laatste.na["antwoord"] == "Eerst."
    doel = import_[-1].nummer if import_ else 0
    terug = ander.herstel(oud.id, doel, versie_van(_eerste(ander)), door="cli:bas")
    assert terug.antwoord == oud.antwoord
    assert _binnen(lambda: _eerste(store).antwoord == oud.antwoord)
    assert [r.door for r in store.geschiedenis(oud.id)][-2:] == ["cli:anna", "cli:bas"]


def test_a_crash_in_the_middle_of_a_write_leaves_the_old_faq(
    open_store: OpenStore, plek: str, map_: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if plek == str(map_):
        pytest.skip("files: test_faq_store's crash test covers the atomic rename")
    store = open_store()
    oud = _eerste(store)
    voor = _stand(store)
    schrijf = DatabaseBron.schrijf

    def stroomuitval(self: DatabaseBron, *args: object) -> None:
        schrijf(self, *args)  # type: ignore[arg-type]
        raise OSError("stroomuitval")

    monkeypatch.setattr(DatabaseBron, "schrijf", stroomuitval)
    with pytest.raises(OSError, match="stroomuitval"):
        store.wijzig(oud.model_copy(update={"antwoord": "Half."}), versie_van(oud))
    monkeypatch.undo()
    nieuw = open_store()
    assert _stand(nieuw) == voor
    assert _eerste(nieuw) == oud


def test_the_folder_is_imported_once_when_processes_start_together(
    pg_url: str, map_: Path
) -> None:
    stores: list[FaqStore] = []
    fouten: list[BaseException] = []

    def start() -> None:
        try:
            stores.append(open_faq(pg_url, map_, wachttijd=10))
        except BaseException as fout:
            fouten.append(fout)

    draden = [threading.Thread(target=start) for _ in range(3)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    try:
        assert not fouten
        aantal = sum(len(b.vragen) for b in stores[0].faq().bestanden.values())
        assert len(stores[0].bron.audit()) == aantal, "one history line per entry, once"
        assert {p.name: t for p, t in stores[1].bron.teksten().items()} == {
            p.name: t for p, t in lees_map(map_).items()
        }
    finally:
        for store in stores:
            store.sluit()


def test_import_validates_the_whole_and_writes_only_what_changed(
    tmp_path: Path, map_: Path
) -> None:
    store = open_faq(str(tmp_path / "db.sqlite3"), map_)
    try:
        voor = _stand(store)
        assert store.importeer(lees_map(map_), door="cli:anna") == []
        assert _stand(store) == voor, "the same folder again: nothing changes"
        pad = map_ / "haarlem.yaml"
        pad.write_text(pad.read_text(encoding="utf-8") + "\n  - kapot: [", encoding="utf-8")
        with pytest.raises(FaqFout):
            store.importeer(lees_map(map_), door="cli:anna")
        assert _stand(store) == voor
    finally:
        store.sluit()


def test_the_schema_holds_the_faq_beside_the_rest(tmp_path: Path) -> None:
    db = verbind(tmp_path / "db.sqlite3")
    try:
        tabellen = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"faq_teksten", "faq_geschiedenis", "gesprekken"} <= tabellen
    finally:
        db.close()


def _cli(pg_url: str, map_: Path, *args: str) -> tuple[int, str, str]:
    omgeving = {
        **os.environ,
        "OPLEIDINGSBOT_DATABASE_URL": pg_url,
        "OPLEIDINGSBOT_FAQ_MAP": str(map_),
    }
    uit = opleidingsbot("faq", *args, omgeving=omgeving)
    return uit.returncode, uit.stdout, uit.stderr


def test_hr_edits_the_database_faq_and_exports_it_as_yaml(
    pg_url: str, map_: Path, tmp_path: Path
) -> None:
    code, uit, fout = _cli(pg_url, map_, "validate")
    assert code == 0, fout
    id_ = lees_faq(lees_map(map_)).bestanden["haarlem"].vragen[0].id
    code, uit, _ = _cli(pg_url, map_, "show", id_)
    versie = re.search(r"^versie: ([0-9a-f]{12})$", uit, re.MULTILINE)
    assert code == 0 and versie, uit
    code, _, fout = _cli(
        pg_url, map_, "edit", id_, "--versie", versie.group(1), "--antwoord", "Uit de database."
    )
    assert code == 0, fout
    assert "Uit de database." not in (map_ / "haarlem.yaml").read_text(encoding="utf-8")
    code, uit, fout = _cli(pg_url, map_, "db-export", str(tmp_path / "uit"))
    assert code == 0, fout
    assert "Uit de database." in (tmp_path / "uit" / "haarlem.yaml").read_text(encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "uit").glob("*.yaml")) == sorted(
        p.name for p in map_.glob("*.yaml")
    )
    code, uit, _ = _cli(pg_url, map_, "history", id_)
    assert code == 0 and "Uit de database." in uit

    code, uit, fout = _cli(pg_url, map_, "db-import", str(map_))
    assert code == 0, fout
    assert "1 vraag veranderd" in uit
    code, uit, _ = _cli(pg_url, map_, "show", id_)
    assert "Uit de database." not in uit


def test_db_commands_without_a_database_say_so(map_: Path) -> None:
    omgeving = {k: v for k, v in os.environ.items() if k != "OPLEIDINGSBOT_DATABASE_URL"}
    uit = opleidingsbot("faq", "db-export", str(map_), omgeving=omgeving)
    assert uit.returncode == 1 and "OPLEIDINGSBOT_DATABASE_URL is niet gezet" in uit.stderr
    uit = opleidingsbot("faq", "db-import", str(map_ / "nergens"), omgeving=omgeving)
    assert uit.returncode == 2 and "geen map" in uit.stderr
