"""A quick B1 check of an answer HR writes: long sentences, formal "u", other names for HR.

With it a readability score: Flesch-Douma, Flesch's reading ease fitted to Dutch
(206.835 - 0.93 x words per sentence - 77 x syllables per word). Syllables are counted
as groups of vowels, with the Dutch double vowels (ij, ie, oe, eu, ui, ...) as one.

Not a verdict on the text, but the points a B1 editor looks at first: a sentence of
more than ``MAX_WOORDEN`` words, "u" where the bot says "je", and names of the HR
contact that the bot does not use (it says "HR" or "je HR-adviseur").
"""

from __future__ import annotations

import re

MAX_WOORDEN = 15
"""A B1 sentence has about fifteen words or fewer."""
_ZINNEN = re.compile(r"(?<=[.!?])\s+|\n+")
_WOORD = re.compile(r"[\w€%'-]+")
_U_VORM = re.compile(r"\b(u|uw|bent u|heeft u|kunt u)\b", re.IGNORECASE)
ANDERE_NAMEN = ("HRM-adviseur", "P&O", "P&JZ", "personeelszaken")


def opmerkingen(tekst: str) -> list[str]:
    """What to look at again in ``tekst``, in Dutch; empty when nothing stands out."""
    uit = []
    for zin in (z.strip() for z in _ZINNEN.split(tekst)):
        aantal = len(_WOORD.findall(zin))
        if aantal > MAX_WOORDEN:
            begin = " ".join(zin.split()[:6])
            uit.append(f"Lange zin ({aantal} woorden): “{begin} …”. Maak er twee zinnen van.")
    if _U_VORM.search(tekst):
        uit.append("Schrijf in je-vorm: ‘je’ en ‘jouw’, niet ‘u’ en ‘uw’.")
    for naam in ANDERE_NAMEN:
        if naam.lower() in tekst.lower():
            uit.append(f"Schrijf ‘HR’ of ‘je HR-adviseur’, niet ‘{naam}’.")
    return uit


_KLINKERS = re.compile(r"ij|ie|oe|eu|ui|ou|au|ei|aa|ee|oo|uu|[aeiouyàáâäèéêëìíîïòóôöùúûü]")


def lettergrepen(woord: str) -> int:
    """About how many syllables a Dutch word has (at least one).

    >>> lettergrepen("opleiding"), lettergrepen("terugbetalen"), lettergrepen("je")
    (3, 5, 1)
    """
    return max(1, len(_KLINKERS.findall(woord.lower())))


def leesgemak(tekst: str) -> tuple[int, str]:
    """The Flesch-Douma score (0-100, higher is easier) and what it means in Dutch."""
    zinnen = [z for z in _ZINNEN.split(tekst) if _WOORD.search(z)]
    woorden = [w for w in _WOORD.findall(tekst) if any(c.isalpha() for c in w)]
    if not zinnen or not woorden:
        return 100, "makkelijk"
    score = (
        206.835
        - 0.93 * len(woorden) / len(zinnen)
        - 77 * sum(lettergrepen(w) for w in woorden) / len(woorden)
    )
    score = round(min(100.0, max(0.0, score)))
    if score >= 60:
        return score, "makkelijk"
    if score >= 40:
        return score, "redelijk"
    return score, "moeilijk"
