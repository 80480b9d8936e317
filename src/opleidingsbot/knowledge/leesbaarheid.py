"""A quick B1 check of an answer HR writes: long sentences, formal "u", other names for HR.

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
