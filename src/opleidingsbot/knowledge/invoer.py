"""Check a question before matching: empty, no words, too long, or not in Dutch.

The matcher answers none of these; it says why, so the bot can reply clearly instead
of guessing. Control characters are removed first: they carry no meaning in a question.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Reden = Literal["leeg", "geen-tekst", "te-lang", "engels"]
MAX_LENGTE = 500
"""Longer questions are refused: one question fits in far fewer characters."""

_ENGELS = frozenset(
    [
        "the",
        "a",
        "an",
        "is",
        "are",
        "do",
        "does",
        "can",
        "could",
        "i",
        "my",
        "me",
        "you",
        "your",
        "how",
        "what",
        "when",
        "where",
        "which",
        "who",
        "will",
        "would",
        "should",
        "for",
        "to",
        "of",
        "get",
        "and",
        "with",
        "leave",
        "course",
        "courses",
        "reimbursed",
        "pay",
        "paid",
        "study",
        "training",
        "much",
        "many",
        "have",
        "has",
        "if",
        "from",
        "this",
        "that",
        "there",
    ]
)
_NEDERLANDS = frozenset(
    [
        "de",
        "het",
        "een",
        "is",
        "zijn",
        "ik",
        "mijn",
        "je",
        "jij",
        "wat",
        "hoe",
        "wanneer",
        "waar",
        "wie",
        "welke",
        "kan",
        "kun",
        "mag",
        "moet",
        "voor",
        "van",
        "met",
        "en",
        "of",
        "krijg",
        "als",
        "niet",
        "wel",
        "ook",
        "dat",
        "die",
        "er",
        "op",
        "in",
        "aan",
        "bij",
        "naar",
    ]
)
_WOORD = re.compile(r"[^\W_]+")


def schoon(tekst: str) -> str:
    r"""Replace control and format characters by spaces and collapse whitespace.

    >>> schoon("hoeveel\x00studie\x1bverlof\u200b krijg ik")
    'hoeveel studie verlof krijg ik'
    """
    tekens = (" " if unicodedata.category(c) in ("Cc", "Cf") else c for c in tekst)
    return " ".join("".join(tekens).split())


def reden_om_niet_te_zoeken(tekst: str) -> Reden | None:
    """Why a (cleaned) question cannot be matched, or None when it can.

    >>> [reden_om_niet_te_zoeken(t) for t in ("", "🙂🙂", "how much leave do I get?", "hoi")]
    ['leeg', 'geen-tekst', 'engels', None]
    """
    if not tekst.strip():
        return "leeg"
    woorden = [w.lower() for w in _WOORD.findall(tekst)]
    if not woorden:
        return "geen-tekst"
    if len(tekst) > MAX_LENGTE:
        return "te-lang"
    engels = sum(w in _ENGELS for w in woorden)
    nederlands = sum(w in _NEDERLANDS for w in woorden)
    if len(woorden) >= 3 and engels >= 2 and engels > 2 * nederlands:
        return "engels"
    return None
