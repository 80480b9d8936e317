"""What the matcher knows of Dutch beyond the FAQ: lemmas and how common a word is.

Both come from well-kept libraries that ship their data (nothing is fetched at run
time): simplemma's Dutch lemma list joins irregular forms the Snowball stemmer leaves
apart ("besloten" and "besluit", "verstaat" and "verstaan"), and wordfreq's Dutch
frequency list says whether a word the FAQ never uses is ordinary Dutch ("weer",
"jullie", "geleden": no hint of another subject) or a rare word that is ("kerstpakket",
"ontruimingsplan"). Each lookup is cached; the lists load on first use (about 0.8 s).
"""

from __future__ import annotations

import math
from functools import cache, lru_cache

import wordfreq
from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy

_LEMMATIZER = Lemmatizer(lemmatization_strategy=DefaultStrategy())
_TREMA = {"e": "ë", "i": "ï"}


@lru_cache(maxsize=131072)
def lemma(woord: str) -> str:
    """The dictionary form of a lowercase Dutch word (itself when unknown).

    A separable verb's particle is joined again ("af_sluiten" becomes "afsluiten"). A
    guess that is no Dutch word is dropped: simplemma makes "ongeveren" of "ongeveer".

    A word typed without its trema finds the lemma of the form with it ("geevalueerd" as
    "geëvalueerd"): Dutch puts a trema on an e or i after another vowel.

    >>> [lemma(w) for w in ("besloten", "verstaat", "afgesloten", "uren", "hbo", "ongeveer")]
    ['besluiten', 'verstaan', 'afsluiten', 'uur', 'hbo', 'ongeveer']
    >>> lemma("geevalueerd") == lemma("geëvalueerd") == "evalueren"
    True
    """
    if not woord.isalpha():
        return woord
    vorm = str(_LEMMATIZER.lemmatize(woord, lang="nl"))
    if vorm == woord and woord.isascii():
        vorm = next((v for v in _met_trema(woord) if v != woord), woord)
    vorm = vorm.replace("_", "").lower()
    return vorm if vorm == woord or zipf(vorm) > 0 else woord


def _met_trema(woord: str) -> list[str]:
    """The lemmas of the word with a trema at each place Dutch could put one."""
    plekken = [i for i in range(1, len(woord)) if woord[i] in _TREMA and woord[i - 1] in "aeiou"]
    return [
        str(_LEMMATIZER.lemmatize(woord[:i] + _TREMA[woord[i]] + woord[i + 1 :], lang="nl"))
        for i in plekken
    ]


@cache
def _frequenties() -> dict[str, float]:
    return wordfreq.get_frequency_dict("nl", wordlist="best")


@lru_cache(maxsize=131072)
def zipf(woord: str) -> float:
    """How common a lowercase Dutch word is, on the Zipf scale (0 for an unknown word).

    7 is a word like "de", 4 an ordinary word, 1 a rare one.

    >>> zipf("jullie") > 5 > zipf("studieverlof") > 0 == zipf("ontruimingsplan")
    True
    """
    frequentie = _frequenties().get(woord, 0.0)
    return round(math.log10(frequentie) + 9, 2) if frequentie else 0.0
