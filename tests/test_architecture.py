"""The domain knows nothing of Telegram."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PAKKET = ROOT / "src" / "opleidingsbot"


def imports(map_: Path) -> list[tuple[Path, str]]:
    """Every imported module name under ``map_``, with its file."""
    gevonden = []
    for pad in map_.rglob("*.py"):
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            if isinstance(knoop, ast.Import):
                gevonden += [(pad, alias.name) for alias in knoop.names]
            elif isinstance(knoop, ast.ImportFrom) and knoop.module:
                gevonden.append((pad, knoop.module))
    return gevonden


@pytest.mark.parametrize("pakket", ["rules", "knowledge"])
def test_domain_does_not_import_telegram(pakket: str) -> None:
    for pad, naam in imports(PAKKET / pakket):
        assert not naam.startswith(("telegram", "opleidingsbot.bot")), f"{pad} imports {naam}"


@pytest.mark.parametrize(
    ("pakket", "ander"),
    [("rules", "opleidingsbot.knowledge"), ("knowledge", "opleidingsbot.rules")],
)
def test_the_two_domains_share_only_the_yaml_plumbing(pakket: str, ander: str) -> None:
    for pad, naam in imports(PAKKET / pakket):
        assert not naam.startswith(ander), f"{pad} imports {naam}"


@pytest.mark.parametrize("pakket", ["bot/dialoog", "bot/opslag"])
def test_dialogue_and_store_are_channel_neutral(pakket: str) -> None:
    for pad, naam in imports(PAKKET / pakket):
        verboden = ("telegram", "opleidingsbot.bot.kanalen")
        assert not naam.startswith(verboden), f"{pad} imports {naam}"


@pytest.mark.parametrize("pakket", ["src", "tests", "benchmarks"])
def test_no_private_module_of_python_telegram_bot(pakket: str) -> None:
    # PTB's modules starting with an underscore may change in any release
    for pad, naam in imports(ROOT / pakket):
        if naam.startswith("telegram"):
            assert not any(deel.startswith("_") for deel in naam.split(".")), f"{pad}: {naam}"
