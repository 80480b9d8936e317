"""Shared fixtures: the real rulebook, fixture folders, and the command run in-process."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from opleidingsbot.bot.cli import main
from opleidingsbot.bot.opslag.database import Database, verbind
from opleidingsbot.rules import Regelboek, laad_regelboek
from tests.pgserver import PostgresServer, bin_map

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True, scope="session")
def _eigen_data_map(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep every test's store (and the commands they run) out of the user's data folder."""
    data_map = tmp_path_factory.mktemp("data")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OPLEIDINGSBOT_DATA_MAP", str(data_map))
        mp.delenv("TELEGRAM_BOT_TOKEN", raising=False)
        mp.delenv("OPLEIDINGSBOT_HR_IDS", raising=False)
        mp.delenv("OPLEIDINGSBOT_GEMEENTE", raising=False)
        yield data_map


@pytest.fixture(scope="session")
def regelboek() -> Regelboek:
    return laad_regelboek()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the session (started here, stopped at the end)."""
    bin_ = bin_map()
    if bin_ is None:
        melding = "no PostgreSQL server binaries (initdb, pg_ctl); .ci/run installs them"
        if os.environ.get("CI"):
            pytest.fail(melding)
        pytest.skip(melding)
    server = PostgresServer(bin_)
    yield server
    server.stop()


_DATABASES = iter(range(1, 1_000_000))


@pytest.fixture
def pg_url(postgres_server: PostgresServer) -> str:
    """The URL of a new, empty database of its own for one test."""
    import psycopg

    naam = f"test_{next(_DATABASES)}"
    with psycopg.connect(postgres_server.url(), autocommit=True) as beheer:
        beheer.execute(f"CREATE DATABASE {naam}")
    return postgres_server.url(naam)


@pytest.fixture(params=["sqlite", "postgresql"])
def opslag_doel(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """One test's store: a SQLite file, or a PostgreSQL database (each test runs on both)."""
    if request.param == "sqlite":
        return tmp_path / "db.sqlite3"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def open_opslag(opslag_doel: Path | str) -> Iterator[Callable[[], Database]]:
    """Opens a new connection to the test's store each call; all closed at the end."""
    geopend: list[Database] = []

    def open_() -> Database:
        geopend.append(verbind(opslag_doel))
        return geopend[-1]

    yield open_
    for database in geopend:
        database.close()


def opleidingsbot(
    *args: str, invoer: str = "", omgeving: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the command as a user would, in this process: ``invoer`` on stdin, output captured.

    The command's ``main(argv)`` runs with its own stdin, stdout, stderr and environment,
    so a test pays no interpreter start-up; ``console_script`` runs the installed script
    itself, for the few tests that need a real process.
    """
    uit, fout = io.StringIO(), io.StringIO()
    oude_omgeving = dict(os.environ)
    if omgeving is not None:
        os.environ.clear()
        os.environ.update(omgeving)
    try:
        with (
            contextlib.redirect_stdout(uit),
            contextlib.redirect_stderr(fout),
            _stdin(invoer),
        ):
            try:
                code = main(list(args))
            except SystemExit as einde:  # argparse: --help, or a usage error
                code = einde.code if isinstance(einde.code, int) else 2
    finally:
        os.environ.clear()
        os.environ.update(oude_omgeving)
    opdracht = ["opleidingsbot", *args]
    return subprocess.CompletedProcess(opdracht, code, uit.getvalue(), fout.getvalue())


@contextlib.contextmanager
def _stdin(invoer: str) -> Iterator[None]:
    oud = sys.stdin
    sys.stdin = io.StringIO(invoer)
    try:
        yield
    finally:
        sys.stdin = oud


def console_script(
    *args: str, invoer: str = "", omgeving: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed console script in a process of its own, with ``invoer`` on stdin."""
    commando = shutil.which("opleidingsbot", path=str(Path(sys.executable).parent))
    assert commando, "the opleidingsbot console script is not installed"
    return subprocess.run(
        [commando, *args],
        input=invoer,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=omgeving,
    )
