"""Find the question in a longer message; the other sentences are its context.

People describe their situation first and ask last: "Mijn master kostte 9.000 euro. Ik
ben anderhalf jaar geleden klaar. Hoeveel moet ik terugbetalen?" The question sentence
says what they want to know; the rest still says what it is about, so the matcher weighs
its words less instead of dropping them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ZIN_EINDE = re.compile(r"(?<=[.!?])\s+|\n+")
VRAAGWOORDEN = frozenset(
    [
        "wat",
        "hoe",
        "hoeveel",
        "hoelang",
        "wanneer",
        "waar",
        "waarom",
        "waardoor",
        "waarvoor",
        "wie",
        "welke",
        "welk",
        "mag",
        "mogen",
        "moet",
        "moeten",
        "kan",
        "kun",
        "kunt",
        "kunnen",
        "krijg",
        "krijgt",
        "krijgen",
        "is",
        "zijn",
        "wordt",
        "worden",
        "heb",
        "heeft",
        "hebben",
        "zal",
        "zou",
        "valt",
        "vallen",
        "telt",
        "geldt",
        "betaalt",
        "klopt",
        "bestaat",
        "weet",
        "weten",
        "graag",
    ]
)
"""Words a question starts with, when it has no question mark."""


@dataclass(frozen=True)
class Deel:
    """A sentence of a message, and whether it is (part of) the question itself."""

    tekst: str
    vraag: bool


def delen(bericht: str) -> list[Deel]:
    """The message's sentences, the question marked: with "?", else a question word, else last.

    >>> [d.vraag for d in delen("Ik stop. Ik heb 3.000 euro gekregen. Moet ik terugbetalen?")]
    [False, False, True]
    >>> [d.vraag for d in delen("hoeveel studieverlof krijg ik")]
    [True]
    """
    zinnen = [z.strip() for z in _ZIN_EINDE.split(bericht) if z.strip()]
    if len(zinnen) <= 1:
        return [Deel(bericht, True)]
    vragen = {i for i, z in enumerate(zinnen) if z.endswith("?")}
    if not vragen:
        vragen = {i for i, z in enumerate(zinnen) if _eerste_woord(z) in VRAAGWOORDEN}
    if not vragen:
        vragen = {len(zinnen) - 1}
    return [Deel(z, i in vragen) for i, z in enumerate(zinnen)]


def _eerste_woord(zin: str) -> str:
    woorden = re.findall(r"[^\W\d_]+", zin.lower())
    return woorden[0] if woorden else ""
