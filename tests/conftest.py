"""Shared fixtures: the real rulebook, fixture folders, and the installed command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rules import Regelboek, laad_regelboek

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


def opleidingsbot(
    *args: str, invoer: str = "", omgeving: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed console script as a user would, with ``invoer`` on stdin."""
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
