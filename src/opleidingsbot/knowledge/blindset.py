"""Blind question sets: written from the sources alone, judged by what the answer says.

A blind set is written by someone who has seen only ``../shared/bronnen``: not the FAQ,
its entry ids or the tests. So a question carries no entry to expect, but the facts
any right answer must state, as regular expressions over the answer text. "Answered
right" is then what a person gets: a sure answer that says the right thing.

Each question has a style (phone-typed, a situation, a manager asking, everyday words,
formal, worried) or ``buiten_domein``: a question the sources do not answer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from opleidingsbot.knowledge.faq import FaqItem
from opleidingsbot.knowledge.matcher import Uitkomst

BUITEN_DOMEIN = "buiten_domein"

Oordeel = Literal[
    "goed", "fout", "bedoel_je_goed", "bedoel_je", "weet_niet", "geweigerd", "niet_geweigerd"
]
"""In domain: right, wrong facts, "bedoel je" with or without a right option, refused.
Out of domain: refused, or not."""


@dataclass(frozen=True)
class BlindVraag:
    """A question as an employee wrote it, and the facts a right answer states."""

    vraag: str
    gemeente: str
    stijl: str
    feiten: tuple[re.Pattern[str], ...]
    bron: str = ""

    @property
    def binnen_domein(self) -> bool:
        """Whether the sources answer it."""
        return self.stijl != BUITEN_DOMEIN


def laad(pad: Path) -> list[BlindVraag]:
    """Read a blind set; a question in domain without facts is an error."""
    data = yaml.safe_load(pad.read_text(encoding="utf-8"))
    uit = []
    for i, v in enumerate(data["vragen"]):
        feiten = tuple(re.compile(f, re.IGNORECASE) for f in v.get("feiten") or [])
        vraag = BlindVraag(
            " ".join(str(v["vraag"]).split()), v["gemeente"], v["stijl"], feiten, v.get("bron", "")
        )
        if vraag.binnen_domein and not feiten:
            raise ValueError(f"{pad}: vraag {i + 1} heeft geen feiten")
        uit.append(vraag)
    return uit


def antwoordtekst(entry: FaqItem) -> str:
    """What the employee reads of an entry: the answer and its tip."""
    return f"{entry.antwoord}\n{entry.wist_je_dat or ''}"


def zegt_het(vraag: BlindVraag, entry: FaqItem) -> bool:
    """Whether the entry's answer states every fact the question needs."""
    tekst = antwoordtekst(entry)
    return all(feit.search(tekst) for feit in vraag.feiten)


def beoordeel(vraag: BlindVraag, uitkomst: Uitkomst) -> Oordeel:
    """The outcome as the person who asked sees it."""
    if not vraag.binnen_domein:
        return "geweigerd" if uitkomst.status == "onbekend" else "niet_geweigerd"
    if uitkomst.antwoorden:
        tekst = "\n".join(antwoordtekst(k.vraag) for k in uitkomst.antwoorden)
        return "goed" if all(feit.search(tekst) for feit in vraag.feiten) else "fout"
    if uitkomst.status == "suggesties":
        if any(zegt_het(vraag, k.vraag) for k in uitkomst.suggesties):
            return "bedoel_je_goed"
        return "bedoel_je"
    return "weet_niet"


@dataclass
class Telling:
    """Outcomes counted over a group of questions."""

    oordelen: Counter[str] = field(default_factory=Counter)

    @property
    def binnen(self) -> int:
        """Questions in domain."""
        return sum(n for o, n in self.oordelen.items() if o not in ("geweigerd", "niet_geweigerd"))

    @property
    def buiten(self) -> int:
        """Questions out of domain."""
        return self.oordelen["geweigerd"] + self.oordelen["niet_geweigerd"]

    def deel(self, *oordelen: str) -> float:
        """The share of these outcomes among the group's questions of their kind."""
        buiten = oordelen[0] in ("geweigerd", "niet_geweigerd")
        noemer = self.buiten if buiten else self.binnen
        return sum(self.oordelen[o] for o in oordelen) / noemer if noemer else 0.0


def tel(paren: Iterable[tuple[BlindVraag, Oordeel]]) -> dict[str, Telling]:
    """Count per style, and over all questions in domain and out (key ``alle``)."""
    uit: dict[str, Telling] = {"alle": Telling()}
    for vraag, oordeel in paren:
        uit.setdefault(vraag.stijl, Telling()).oordelen[oordeel] += 1
        uit["alle"].oordelen[oordeel] += 1
    return uit
