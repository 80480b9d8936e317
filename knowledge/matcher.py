"""Match a question to the FAQ of the asker's employer, with rapidfuzz; honest when unsure.

The index is built once per FAQ: every phrasing of every visible entry, normalised.
A cheap prefilter (an inverted index of words) narrows the candidates before rapidfuzz
scores them, so the cost grows with the matches, not the size of the FAQ. Three
outcomes: ``antwoord`` (sure), ``suggesties`` (close: "bedoel je…?"), ``onbekend``.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

from knowledge.faq import Faq, FaqBestand, Vraag
from knowledge.invoer import Reden, reden_om_niet_te_zoeken, schoon
from knowledge.normalize import normaliseer

Status = Literal["antwoord", "suggesties", "onbekend"]


@dataclass(frozen=True)
class Drempels:
    """Score bounds as ``make bench`` calibrates them (it says when these differ)."""

    antwoord: float = 56.0
    suggestie: float = 56.0
    marge: float = 4.0
    """An answer needs this lead over the best other entry; else it is a suggestion."""


@dataclass(frozen=True)
class Kandidaat:
    """An FAQ entry with its best score for the question."""

    vraag: Vraag
    bestand: FaqBestand
    score: float


@dataclass(frozen=True)
class Uitkomst:
    """What the matcher concluded, with the near misses HR may want to see."""

    status: Status
    vraag: str
    beste: Kandidaat | None = None
    suggesties: list[Kandidaat] = field(default_factory=list)
    reden: Reden | None = None
    """Why the question was not matched at all (empty, too long, English…)."""


@dataclass
class _Index:
    teksten: dict[int, str]
    eigenaar: dict[int, int]
    per_woord: dict[str, set[int]]
    idf: dict[str, float]
    zeldzaamst: float
    vragen: list[tuple[Vraag, FaqBestand]]
    woorden_per_vraag: list[frozenset[str]]
    """Per entry: the words of all its phrasings together."""
    antwoord_woorden: list[frozenset[str]]
    """Per entry: the words of its answer, tags and topic (weaker evidence)."""


@dataclass(frozen=True)
class Gewichten:
    """How the score (0-100) is made up; chosen on the dev set's calibration half."""

    volgorde: float = 0.5
    """rapidfuzz token_sort_ratio against the best phrasing."""
    formulering: float = 0.1
    """Share of the question's (idf-weighted) words that this phrasing has."""
    vraag: float = 0.32
    """Share of the question's words found in any phrasing of the entry."""
    antwoord: float = 0.08
    """Share of the question's words found in the entry's answer, tags or topic."""


class Matcher:
    """The FAQ index for every employer, built once; ``zoek`` is pure and thread-safe."""

    voorselectie = 40
    """How many phrasings the prefilter passes to rapidfuzz."""
    max_postings = 2000
    """A word in more phrasings than this only counts when the question has no rarer word."""
    onbekend_gewicht = 1.5
    """A word no phrasing uses weighs this many times the rarest word one does (chosen on
    calibration, then checked on two fresh dev sets: more answered, no more wrong)."""

    def __init__(
        self, faq: Faq, drempels: Drempels | None = None, gewichten: Gewichten | None = None
    ) -> None:
        self.faq = faq
        self.drempels = drempels or Drempels()
        self.gewichten = gewichten or Gewichten()
        alle = [f for b in faq.bestanden.values() for v in b.vragen for f in v.formuleringen]
        bijteksten = [_bijtekst(v) for b in faq.bestanden.values() for v in b.vragen]
        self.woordenschat, self._gezien = _woordenschat(alle, bijteksten)
        # general entries appear in every employer's index: normalise each text once
        tokens = {f: self._normaliseer(f) for f in [*alle, *bijteksten]}
        self._indexen = {g: self._bouw(faq.zichtbaar(g), tokens) for g in faq.gemeenten()}

    def _normaliseer(self, tekst: str) -> list[str]:
        return normaliseer(tekst, self.woordenschat, self._gezien)

    def gemeenten(self) -> list[str]:
        """The employers this matcher knows."""
        return sorted(self._indexen)

    @staticmethod
    def _bouw(vragen: list[tuple[Vraag, FaqBestand]], tokens_van: dict[str, list[str]]) -> _Index:
        teksten: dict[int, str] = {}
        eigenaar: dict[int, int] = {}
        per_woord: dict[str, set[int]] = defaultdict(set)
        for nummer, (vraag, _) in enumerate(vragen):
            for formulering in vraag.formuleringen:
                sleutel = len(teksten)
                tokens = tokens_van[formulering]
                teksten[sleutel] = " ".join(tokens)
                eigenaar[sleutel] = nummer
                for token in set(tokens):
                    per_woord[token].add(sleutel)
        woorden_per_vraag = [
            frozenset(t for f in v.formuleringen for t in tokens_van[f]) for v, _ in vragen
        ]
        # rarity among entries, not phrasings: an entry with many phrasings must not make
        # its own words look common
        in_vragen = Counter(w for woorden in woorden_per_vraag for w in woorden)
        idf = {w: math.log(1 + len(vragen) / in_vragen[w]) for w in per_woord}
        zeldzaamst = max(idf.values(), default=1.0)
        antwoord_woorden = [frozenset(tokens_van[_bijtekst(v)]) for v, _ in vragen]
        return _Index(
            teksten,
            eigenaar,
            dict(per_woord),
            idf,
            zeldzaamst,
            vragen,
            woorden_per_vraag,
            antwoord_woorden,
        )

    def zoek(self, vraag: str, gemeente: str, aantal: int = 3) -> Uitkomst:
        """Match ``vraag`` against the employer's FAQ and then the general entries."""
        index = self._indexen.get(gemeente)
        if index is None:
            raise KeyError(gemeente)
        vraag = schoon(vraag)
        reden = reden_om_niet_te_zoeken(vraag)
        if reden:
            return Uitkomst("onbekend", vraag, reden=reden)
        kandidaten = self._kandidaten(index, self._normaliseer(vraag))
        return beslis(vraag, kandidaten, self.drempels, aantal)

    def kandidaten(self, vraag: str, gemeente: str) -> list[Kandidaat]:
        """All scored candidates for a question, best first (for calibration and HR)."""
        vraag = schoon(vraag)
        if reden_om_niet_te_zoeken(vraag):
            return []
        return self._kandidaten(self._indexen[gemeente], self._normaliseer(vraag))

    def _kandidaten(self, index: _Index, tokens: list[str]) -> list[Kandidaat]:
        """Score the phrasings that share the most (idf-weighted) words; best per entry.

        Stage 1 (prefilter): add up the idf of the shared words per phrasing, from the
        inverted index, and keep the best ``self.voorselectie``. Stage 2: rapidfuzz on those.
        """
        # in the question's order, not a set's: ties then break the same way in every
        # process (a set of strings iterates by hash, which Python salts per process)
        woorden = list(dict.fromkeys(tokens))
        bekend = [t for t in woorden if t in index.per_woord]
        if not bekend:
            return []
        # a word the FAQ never uses weighs more than the rarest word it does use: it
        # hints at another subject
        onbekend = self.onbekend_gewicht * index.zeldzaamst
        gewicht = sum(index.idf.get(t, onbekend) for t in woorden) or 1.0
        # a very common word adds little: walk its long posting list only if nothing rarer
        # is there (the coverage score below still counts it for the kept candidates)
        zeldzaam_genoeg = [t for t in bekend if len(index.per_woord[t]) <= self.max_postings]
        gelopen = zeldzaam_genoeg or bekend
        overgeslagen = [t for t in bekend if t not in gelopen]
        overlap: dict[int, float] = defaultdict(float)
        for token in gelopen:
            idf = index.idf[token]
            for sleutel in index.per_woord[token]:
                overlap[sleutel] += idf
        keuzes = {
            s: index.teksten[s]
            for s in heapq.nlargest(self.voorselectie, overlap, key=overlap.__getitem__)
        }
        # rapidfuzz without processor: the texts are normalised already
        ruw = process.extract(" ".join(tokens), keuzes, scorer=fuzz.token_sort_ratio, limit=None)
        g = self.gewichten

        def dekking(woorden_hier: frozenset[str] | set[str]) -> float:
            """Share (0-100) of the question's idf-weighted words found in these words."""
            return 100.0 * sum(index.idf[t] for t in bekend if t in woorden_hier) / gewicht

        per_vraag: dict[int, float] = {}
        vraagdeel: dict[int, float] = {}  # the entry-level part, once per entry
        for _, volgorde, sleutel in ruw:
            nummer = index.eigenaar[sleutel]
            if nummer not in vraagdeel:
                vraagdeel[nummer] = g.vraag * dekking(index.woorden_per_vraag[nummer]) + (
                    g.antwoord * dekking(index.antwoord_woorden[nummer])
                )
            gedeeld = overlap[sleutel]
            if overgeslagen:
                hier = set(keuzes[sleutel].split())
                gedeeld += sum(index.idf[t] for t in overgeslagen if t in hier)
            score = (
                g.volgorde * volgorde
                + g.formulering * 100.0 * gedeeld / gewicht
                + vraagdeel[nummer]
            )
            if score > per_vraag.get(nummer, -1.0):
                per_vraag[nummer] = score
        geordend = sorted(per_vraag.items(), key=lambda kv: kv[1], reverse=True)
        return [Kandidaat(*index.vragen[n], round(s, 1)) for n, s in geordend]


def beslis(vraag: str, kandidaten: list[Kandidaat], d: Drempels, aantal: int = 3) -> Uitkomst:
    """The outcome from the scored candidates: sure, close, or unknown."""
    if not kandidaten:
        return Uitkomst("onbekend", vraag)
    beste, *rest = kandidaten
    suggesties = [k for k in kandidaten[:aantal] if k.score >= d.suggestie]
    if beste.score >= d.antwoord and (not rest or beste.score - rest[0].score >= d.marge):
        return Uitkomst("antwoord", vraag, beste, suggesties[1:])
    if suggesties:
        return Uitkomst("suggesties", vraag, beste, suggesties)
    return Uitkomst("onbekend", vraag, beste, [])


def _woordenschat(
    formuleringen: list[str], bijteksten: list[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """The stems compounds are split into and typos corrected to; and every indexed stem.

    Phrasings are typed the way employees type, typos included ("boekn"): a stem from
    one phrasing only may be such a typo, so it counts only when another phrasing or an
    answer (written with care) uses it too. Every stem of the answers counts.
    """
    keer = Counter(w for f in formuleringen for w in set(normaliseer(f)))
    uit_bijteksten = {w for tekst in bijteksten for w in normaliseer(tekst)}
    betrouwbaar = frozenset(w for w, n in keer.items() if n > 1) | uit_bijteksten
    return betrouwbaar, frozenset(keer) | uit_bijteksten


def _bijtekst(vraag: Vraag) -> str:
    """The answer, tags and topic of an entry: words that support a match less strongly."""
    return " ".join([vraag.antwoord, *vraag.tags, vraag.onderwerp.replace("-", " ")])


def bronnen(kandidaat: Kandidaat) -> list[dict[str, str]]:
    """The sources of an entry, with the document's full title."""
    titels = kandidaat.bestand.documenten
    return [{"document": titels[b.document], "artikel": b.artikel} for b in kandidaat.vraag.bron]


def als_json(uitkomst: Uitkomst) -> dict[str, object]:
    """The ``opleidingsbot ask --json`` shape."""
    beste = uitkomst.beste if uitkomst.status == "antwoord" else None
    return {
        "status": uitkomst.status,
        "id": beste.vraag.id if beste else None,
        "vraag": beste.vraag.vraag if beste else None,
        "antwoord": beste.vraag.antwoord if beste else None,
        "score": uitkomst.beste.score if uitkomst.beste else None,
        "bronnen": bronnen(beste) if beste else [],
        "suggesties": [
            {"id": k.vraag.id, "vraag": k.vraag.vraag, "score": k.score}
            for k in uitkomst.suggesties
        ],
        "reden": uitkomst.reden,
    }
