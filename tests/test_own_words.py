"""Facts carry over from the sources, their sentences do not: no 8-word run is copied."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from opleidingsbot.knowledge.faq import FAQ_MAP
from opleidingsbot.rules.rulebook import REGELINGEN_MAP

ROOT = Path(__file__).parent.parent
BRONNEN = ROOT.parent / "shared" / "bronnen"
RUN = 8
DATA = [
    *sorted(REGELINGEN_MAP.rglob("*.yaml")),
    *sorted(FAQ_MAP.glob("*.yaml")),
]


def _woorden(tekst: str) -> list[str]:
    return re.findall(r"[a-z0-9à-ÿ€]+", tekst.lower())


def _runs(woorden: list[str]) -> set[tuple[str, ...]]:
    return {tuple(woorden[i : i + RUN]) for i in range(len(woorden) - RUN + 1)}


def _teksten(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for sleutel, waarde in data.items():
            if sleutel not in {"titel", "bestand", "naam", "documenten"}:  # names, not prose
                yield from _teksten(waarde)
    elif isinstance(data, list):
        for item in data:
            yield from _teksten(item)


@pytest.fixture(scope="module")
def bron_runs() -> set[tuple[str, ...]]:
    if not BRONNEN.is_dir():
        pytest.skip(f"source documents not found at {BRONNEN}")
    runs: set[tuple[str, ...]] = set()
    for pad in BRONNEN.glob("*.txt"):
        runs |= _runs(_woorden(pad.read_text(encoding="utf-8")))
    return runs


@pytest.mark.parametrize("pad", DATA, ids=lambda p: p.name)
def test_no_sentence_is_copied_from_the_sources(
    pad: Path, bron_runs: set[tuple[str, ...]]
) -> None:
    data = yaml.safe_load(pad.read_text(encoding="utf-8"))
    for tekst in _teksten(data):
        gekopieerd = _runs(_woorden(tekst)) & bron_runs
        assert not gekopieerd, f"{pad.name}: copied from a source: {' '.join(min(gekopieerd))}"
