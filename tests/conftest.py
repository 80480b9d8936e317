"""Shared fixtures: the real rulebook, fixture folders, and the installed command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rules import Regelboek, laad_regelboek

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def regelboek() -> Regelboek:
    return laad_regelboek()


def opleidingsbot(*args: str, invoer: str = "") -> subprocess.CompletedProcess[str]:
    """Run the installed console script as a user would, with ``invoer`` on stdin."""
    commando = shutil.which("opleidingsbot", path=str(Path(sys.executable).parent))
    assert commando, "the opleidingsbot console script is not installed"
    return subprocess.run(
        [commando, *args], input=invoer, capture_output=True, text=True, timeout=60, check=False
    )
