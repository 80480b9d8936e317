"""The domain knows nothing of Telegram."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize("pakket", ["rules", "knowledge"])
def test_domain_does_not_import_telegram(pakket: str) -> None:
    for pad in (ROOT / pakket).rglob("*.py"):
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            namen: list[str] = []
            if isinstance(knoop, ast.Import):
                namen = [alias.name for alias in knoop.names]
            elif isinstance(knoop, ast.ImportFrom) and knoop.module:
                namen = [knoop.module]
            for naam in namen:
                assert not naam.startswith(("telegram", "bot")), f"{pad} imports {naam}"
