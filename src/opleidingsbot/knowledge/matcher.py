"""Match a question to the FAQ of the asker's employer, with rapidfuzz; honest when unsure.

The index is built once per FAQ: every phrasing of every visible entry, normalised.
A cheap prefilter (an inverted index of words) narrows the candidates before rapidfuzz
scores them, so the cost grows with the matches, not the size of the FAQ. Three
outcomes: ``antwoord`` (sure), ``suggesties`` (close: "bedoel je…?"), ``onbekend``.
"""

from __future__ import annotations

import heapq
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

from opleidingsbot.knowledge.faq import ALGEMEEN, Faq, FaqBestand, FaqItem
from opleidingsbot.knowledge.invoer import Reden, reden_om_niet_te_zoeken, schoon
from opleidingsbot.knowledge.normalize import lees, normaliseer
from opleidingsbot.knowledge.zinnen import Deel, delen

Status = Literal["antwoord", "suggesties", "onbekend"]


@dataclass(frozen=True)
class Drempels:
    """Score bounds as ``make bench`` calibrates them on the blind dev sets.

    The most right answers with at most 2.5% wrong and 96% refused (the bench says when
    the calibrated values differ from these).
    """

    antwoord: float = 50.0
    suggestie: float = 48.0
    marge: float = 15.0
    """An answer needs this lead over the best other entry; else it is a suggestion."""


@dataclass(frozen=True)
class Kandidaat:
    """An FAQ entry with its best score for the question."""

    vraag: FaqItem
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
    ook: list[Kandidaat] = field(default_factory=list)
    """Sure answers to the message's other questions ("Hoeveel verlof krijg ik? En moet
    ik terugbetalen?"), in the order asked after ``beste``."""

    @property
    def antwoorden(self) -> list[Kandidaat]:
        """Every entry this outcome answers with: ``beste`` and ``ook`` (none if unsure)."""
        if self.status != "antwoord" or self.beste is None:
            return []
        return [self.beste, *self.ook]


@dataclass
class _Index:
    teksten: dict[int, str]
    eigenaar: dict[int, int]
    per_woord: dict[str, set[int]]
    idf: dict[str, float]
    gewoon_idf: float
    """The median idf: the scale of a word the FAQ never uses."""
    vragen: list[tuple[FaqItem, FaqBestand]]
    woorden_per_vraag: list[frozenset[str]]
    """Per entry: the words of all its phrasings together."""
    antwoord_woorden: list[frozenset[str]]
    """Per entry: the words of its answer, tip, tags and topic (weaker evidence)."""
    per_antwoordwoord: dict[str, set[int]]
    """Per word: the entries whose answer, tip, tags or topic use it."""
    sleutels: list[range]
    """Per entry: the keys of its phrasings in ``teksten``."""
    afslag: list[float]
    """Per entry: what it scores less for being general (0 for the employer's own)."""


@dataclass(frozen=True)
class Gewichten:
    """How the score (0-100) is made up; chosen on the blind dev sets."""

    volgorde: float = 0.2
    """rapidfuzz token_sort_ratio of the question sentence against the best phrasing."""
    gelijk: float = 1.0
    """Per point of token_sort_ratio above 80: a message that is nearly one of the entry's
    own phrasings is strong evidence, more than its share of words says."""
    vraag: float = 0.32
    """Share of the question's words found in any phrasing of the entry."""
    antwoord: float = 0.35
    """Share of the question's words found in the entry's answer, tip, tags or topic."""


@dataclass(frozen=True)
class Woordgewicht:
    """How a word's weight follows from how common it is in Dutch (wordfreq's Zipf scale).

    An ordinary word ("weer", "jullie", "geleden") says little about the subject, whether
    the FAQ uses it or not; a rare one says much. A word's weight is its rarity among the
    FAQ's entries (idf) times ``factor``; a word the FAQ never uses weighs ``onbekend``
    times the FAQ's median idf, times ``factor``. Numbers and amounts are mostly facts of
    the case, not hints of its subject.
    """

    gewoon: float = 6.5
    """From this Zipf value on a word is as ordinary as Dutch gets: the lowest factor."""
    bereik: float = 2.0
    """Zipf values below ``gewoon - bereik`` weigh fully; the factor falls linearly above."""
    minimum_bekend: float = 0.3
    """The lowest factor for a word the FAQ uses (its idf still counts)."""
    minimum_onbekend: float = 0.05
    """The lowest factor for a word the FAQ never uses ("jullie" weighs next to nothing)."""
    onbekend: float = 1.5
    """A word the FAQ never uses weighs this many times the FAQ's median idf (before its
    factor): it hints at another subject, the more so the rarer it is in Dutch."""
    getal: float = 0.5
    """A number the FAQ uses counts this share of its idf; any other number nothing."""
    context: float = 0.8
    """In a message of several sentences, a word outside the question sentence counts this
    much: it tells what the question is about, not what is asked."""
    vraagzin_minimum: float = 0.25
    """A question sentence with less than this share of the weight of the message's words
    that the FAQ knows is read with the whole message."""
    context_onbekend: float = 0.0
    """A context word the FAQ never uses counts this much: it sets the scene ("ik werk
    sinds 2019 als beleidsmedewerker"), it does not change the subject."""

    def factor(self, frequentie: float, bekend: bool) -> float:
        """The share of its weight a word keeps for being common in Dutch."""
        minimum = self.minimum_bekend if bekend else self.minimum_onbekend
        return min(1.0, max(minimum, (self.gewoon - frequentie) / self.bereik))


class Matcher:
    """The FAQ index for every employer, built once; ``zoek`` is pure and thread-safe."""

    voorselectie = 15
    """How many phrasings the prefilter passes on (with the other phrasings of their entry)."""
    voorselectie_antwoord = 8
    """How many entries the prefilter passes on for the words their answers share."""
    max_postings = 300
    """The prefilter visits at most this many keys of the inverted index per message."""
    algemeen_afslag = 2.0
    """A general entry scores this much less than the employer's own entries."""
    overschreven_afslag = 10.0
    """And this much when the employer answers its topic itself: on the same subject the
    employer's answer wins, while the general fact stays within reach."""

    def __init__(
        self,
        faq: Faq,
        drempels: Drempels | None = None,
        gewichten: Gewichten | None = None,
        woordgewicht: Woordgewicht | None = None,
        *,
        vorige: Matcher | None = None,
    ) -> None:
        """Index ``faq``; with ``vorige`` (the matcher of an earlier FAQ) only what changed.

        Each file's words are read once and kept with the file (``_Bestandwoorden``); an
        employer's index is built again only when its own file or the general file is a
        new one. The result is the same as a build from nothing.
        """
        self.faq = faq
        self.drempels = drempels or Drempels()
        self.gewichten = gewichten or Gewichten()
        self.woordgewicht = woordgewicht or Woordgewicht()
        oud: dict[str, _Bestandwoorden] = vorige._woorden if vorige is not None else {}
        self._woorden: dict[str, _Bestandwoorden] = {
            g: w if (w := oud.get(g)) is not None and w.bestand is b else _Bestandwoorden.van(b)
            for g, b in faq.bestanden.items()
        }
        self._tellingen: _Tellingen = (
            _Tellingen.bij(vorige._tellingen, oud, self._woorden)
            if vorige is not None
            else _Tellingen.van(self._woorden.values())
        )
        self.woordenschat, self._gezien = self._tellingen.woordenschat()
        herbruik = vorige._indexen if vorige is not None else {}
        algemeen = self._woorden.get(ALGEMEEN)
        self._indexen: dict[str, _Index] = {}
        self.gebouwd: list[str] = []
        """The employers whose index this build made anew (the rest came from ``vorige``)."""
        for g in faq.gemeenten():
            if g in herbruik and all(oud.get(k) is self._woorden.get(k) for k in {g, ALGEMEEN}):
                self._indexen[g] = herbruik[g]
                continue
            tokens = {**(algemeen.tokens if algemeen else {}), **self._woorden[g].tokens}
            self._indexen[g] = self._bouw(_zichtbaar(faq, g), tokens)
            self.gebouwd.append(g)

    def gemeenten(self) -> list[str]:
        """The employers this matcher knows."""
        return sorted(self._indexen)

    def _bouw(
        self, vragen: list[tuple[FaqItem, FaqBestand]], tokens_van: dict[str, list[str]]
    ) -> _Index:
        teksten: dict[int, str] = {}
        eigenaar: dict[int, int] = {}
        per_woord: dict[str, set[int]] = defaultdict(set)
        sleutels: list[range] = []
        for nummer, (vraag, _) in enumerate(vragen):
            begin = len(teksten)
            for formulering in vraag.formuleringen:
                sleutel = len(teksten)
                tokens = tokens_van[formulering]
                teksten[sleutel] = " ".join(tokens)
                eigenaar[sleutel] = nummer
                for token in set(tokens):
                    per_woord[token].add(sleutel)
            sleutels.append(range(begin, len(teksten)))
        woorden_per_vraag = [
            frozenset(t for f in v.formuleringen for t in tokens_van[f]) for v, _ in vragen
        ]
        antwoord_woorden = [frozenset(tokens_van[_bijtekst(v)]) for v, _ in vragen]
        per_antwoordwoord: dict[str, set[int]] = defaultdict(set)
        for nummer, woorden in enumerate(antwoord_woorden):
            for woord in woorden:
                per_antwoordwoord[woord].add(nummer)
        # rarity among entries, not phrasings: an entry with many phrasings must not make
        # its own words look common; a word an answer uses is no stranger to the FAQ
        in_vragen = Counter(
            w for f, a in zip(woorden_per_vraag, antwoord_woorden, strict=True) for w in f | a
        )
        idf = {w: math.log(1 + len(vragen) / n) for w, n in in_vragen.items()}
        gewoon_idf = statistics.median(idf.values()) if idf else 1.0
        eigen = {v.onderwerp for v, b in vragen if b.gemeente != ALGEMEEN}
        afslag = [
            0.0
            if b.gemeente != ALGEMEEN
            else self.overschreven_afslag
            if v.onderwerp in eigen
            else self.algemeen_afslag
            for v, b in vragen
        ]
        return _Index(
            teksten,
            eigenaar,
            dict(per_woord),
            idf,
            gewoon_idf,
            vragen,
            woorden_per_vraag,
            antwoord_woorden,
            dict(per_antwoordwoord),
            sleutels,
            afslag,
        )

    def zoek(self, vraag: str, gemeente: str, aantal: int = 3) -> Uitkomst:
        """Match ``vraag`` against the employer's FAQ and the general entries."""
        index = self._indexen.get(gemeente)
        if index is None:
            raise KeyError(gemeente)
        vraag = schoon(vraag)
        reden = reden_om_niet_te_zoeken(vraag)
        if reden:
            return Uitkomst("onbekend", vraag, reden=reden)
        zinnen = delen(vraag)
        if sum(deel.vraag for deel in zinnen) >= 2:
            apart = self._elk_apart(index, vraag, zinnen)
            if apart:
                return apart
        kandidaten = self._kandidaten(index, zinnen)
        return beslis(vraag, kandidaten, self.drempels, aantal)

    def _elk_apart(self, index: _Index, vraag: str, zinnen: list[Deel]) -> Uitkomst | None:
        """Two or more questions in one message, each answered on its own, or None.

        Each question sentence is matched with the message's other sentences that are no
        question as its context (another question is no context). Only when every one
        of them gets a sure answer, each on its own subject, is the message read as
        several questions; else it is one question told in several sentences.
        """
        zeker: list[Kandidaat] = []
        for i, deel in enumerate(zinnen):
            if not deel.vraag:
                continue
            los = [Deel(d.tekst, j == i) for j, d in enumerate(zinnen) if j == i or not d.vraag]
            uitkomst = beslis(vraag, self._kandidaten(index, los), self.drempels)
            if uitkomst.status != "antwoord" or uitkomst.beste is None:
                return None
            zeker.append(uitkomst.beste)
        onderwerpen = {k.vraag.onderwerp for k in zeker}
        if len(onderwerpen) < len(zeker):
            return None
        return Uitkomst("antwoord", vraag, zeker[0], ook=zeker[1:])

    def kandidaten(self, vraag: str, gemeente: str) -> list[Kandidaat]:
        """All scored candidates for a question, best first (for calibration and HR)."""
        vraag = schoon(vraag)
        if reden_om_niet_te_zoeken(vraag):
            return []
        return self._kandidaten(self._indexen[gemeente], delen(vraag))

    def _gewogen(self, index: _Index, zinnen: list[Deel]) -> tuple[dict[str, float], list[str]]:
        """Each word of the message with its weight, and the question sentence's words.

        A question sentence that says little by itself ("Wat kan ik doen?", "Kan dat?")
        gets the message's other sentences as its own: they carry the question then.
        """
        gelezen = [
            (deel.vraag, lees(deel.tekst, self.woordenschat, self._gezien)) for deel in zinnen
        ]
        gewogen = [
            (vraag, [(t, w) for t, f in tokens if (w := self._gewicht(index, t, f)) is not None])
            for vraag, tokens in gelezen
        ]
        in_vraag = sum(w for vraag, tokens in gewogen if vraag for _, w in tokens)
        alles = sum(w for _, tokens in gewogen for t, w in tokens if t in index.idf)
        heel_bericht = in_vraag < self.woordgewicht.vraagzin_minimum * alles
        gewichten: dict[str, float] = {}
        vraagwoorden: list[str] = []
        for vraag, tokens in gewogen:
            for token, gewicht in tokens:
                if vraag or heel_bericht:
                    vraagwoorden.append(token)
                else:
                    bekend = token in index.idf
                    gewicht *= (
                        self.woordgewicht.context if bekend else self.woordgewicht.context_onbekend
                    )
                if gewicht > 0:
                    gewichten[token] = max(gewicht, gewichten.get(token, 0.0))
        return gewichten, vraagwoorden

    def _gewicht(self, index: _Index, token: str, frequentie: float) -> float | None:
        """A word's weight in the message (None: a number that is a fact of the case)."""
        wg = self.woordgewicht
        bekend = token in index.idf
        if token.isalpha():
            basis = index.idf[token] if bekend else wg.onbekend * index.gewoon_idf
            return basis * wg.factor(frequentie, bekend)
        if bekend:  # an amount the FAQ names ("meer dan 5.000"): a hint
            return index.idf[token] * wg.getal
        return None  # any other number or amount: a fact of the case, not its subject

    def _kandidaten(self, index: _Index, zinnen: list[Deel]) -> list[Kandidaat]:
        """Score the entries that share the most (weighted) words with the message.

        Stage 1 (prefilter): add up the weights of the shared words per phrasing and per
        answer, from the inverted indexes; keep the entries of the best
        ``self.voorselectie`` phrasings and of the best ``self.voorselectie_antwoord``
        answers. Stage 2: rapidfuzz on all their phrasings, against the question sentence,
        plus how much of the message the entry covers.
        """
        gewichten, vraagwoorden = self._gewogen(index, zinnen)
        if not any(t in index.idf for t in gewichten):
            return []
        totaal = sum(gewichten.values()) or 1.0
        per_formulering = self._overlap(index.per_woord, gewichten)
        per_antwoord = self._overlap(index.per_antwoordwoord, gewichten)
        nummers = dict.fromkeys(
            index.eigenaar[s]
            for s in heapq.nlargest(
                self.voorselectie, per_formulering, key=per_formulering.__getitem__
            )
        )
        nummers.update(
            dict.fromkeys(
                heapq.nlargest(
                    self.voorselectie_antwoord, per_antwoord, key=per_antwoord.__getitem__
                )
            )
        )
        # of each entry its phrasings that share a word with the message, and its question
        keuzes = {
            s: index.teksten[s]
            for n in nummers
            for s in index.sleutels[n]
            if s in per_formulering or s == index.sleutels[n].start
        }
        # rapidfuzz without processor: the texts are normalised already
        ruw = process.extract(
            " ".join(vraagwoorden), keuzes, scorer=fuzz.token_sort_ratio, limit=None
        )
        volgorde: dict[int, float] = {}
        for _, score, sleutel in ruw:  # best first: an entry's first is its best phrasing
            volgorde.setdefault(index.eigenaar[sleutel], score)
        g = self.gewichten

        def dekking(woorden_hier: Set[str]) -> float:
            """Share (0-100) of the message's weighted words found in these words."""
            return 100.0 * sum(w for t, w in gewichten.items() if t in woorden_hier) / totaal

        per_vraag = {
            n: g.volgorde * v
            + g.gelijk * max(0.0, v - 80.0)
            + g.vraag * dekking(index.woorden_per_vraag[n])
            + g.antwoord * dekking(index.antwoord_woorden[n])
            - index.afslag[n]
            for n, v in volgorde.items()
        }
        geordend = sorted(per_vraag.items(), key=lambda kv: kv[1], reverse=True)
        return [Kandidaat(*index.vragen[n], round(s, 1)) for n, s in geordend]

    def _overlap(
        self, postings: dict[str, set[int]], gewichten: dict[str, float]
    ) -> dict[int, float]:
        """Per key in these postings, the weight of the message's words it shares.

        The rarest words are walked first, until ``max_postings`` keys have been visited
        (the rarest word always): a common word adds little to tell entries apart, and
        its long posting list would make a large FAQ slow. The coverage score still
        counts every word for the entries kept.
        """
        bekend = sorted((t for t in gewichten if t in postings), key=lambda t: len(postings[t]))
        overlap: dict[int, float] = defaultdict(float)
        bezocht = 0
        for token in bekend:
            lijst = postings[token]
            if bezocht and bezocht + len(lijst) > self.max_postings:
                break
            bezocht += len(lijst)
            gewicht = gewichten[token]
            for sleutel in lijst:
                overlap[sleutel] += gewicht
        return overlap


def _zichtbaar(faq: Faq, gemeente: str) -> list[tuple[FaqItem, FaqBestand]]:
    """The employer's active entries and every active general entry.

    A general entry on a subject the employer answers itself stays in the index (its
    facts stay within reach); it loses to the employer's entry by ``overschreven_afslag``.
    """
    eigen = faq.bestanden.get(gemeente)
    algemeen = faq.bestanden.get(ALGEMEEN)
    uit = [(v, eigen) for v in eigen.vragen if v.actief] if eigen else []
    return uit + ([(v, algemeen) for v in algemeen.vragen if v.actief] if algemeen else [])


def beslis(vraag: str, kandidaten: list[Kandidaat], d: Drempels, aantal: int = 3) -> Uitkomst:
    """The outcome from the scored candidates: sure, close, or unknown."""
    if not kandidaten:
        return Uitkomst("onbekend", vraag)
    beste, *rest = kandidaten
    suggesties = [k for k in kandidaten[:aantal] if k.score >= d.suggestie]
    # the lead counts over the best entry on another subject: a general entry that the
    # employer's own answer overrides is no rival
    rivalen = [k for k in rest if k.vraag.onderwerp != beste.vraag.onderwerp]
    if beste.score >= d.antwoord and (not rivalen or beste.score - rivalen[0].score >= d.marge):
        return Uitkomst("antwoord", vraag, beste, suggesties[1:])
    if suggesties:
        return Uitkomst("suggesties", vraag, beste, suggesties)
    return Uitkomst("onbekend", vraag, beste, [])


@dataclass(frozen=True)
class _Bestandwoorden:
    """One FAQ file's words, read once: what the vocabulary and the indexes are made of."""

    bestand: FaqBestand
    tokens: dict[str, list[str]]
    """Every phrasing, answer text (``_bijtekst``) of the file, normalised."""
    keer: Counter[str]
    """Per stem: in how many phrasings of the file it occurs."""
    uit_bijteksten: Counter[str]
    """Per stem: in how many answer texts of the file it occurs."""

    @classmethod
    def van(cls, bestand: FaqBestand) -> _Bestandwoorden:
        """Read the file's texts.

        Without a vocabulary: every stem of an indexed text is in the index's ``gezien``,
        and a stem there is kept as it is, so a text reads the same with any vocabulary.
        """
        formuleringen = [f for v in bestand.vragen for f in v.formuleringen]
        bijteksten = [_bijtekst(v) for v in bestand.vragen]
        tokens = {t: normaliseer(t) for t in [*formuleringen, *bijteksten]}
        keer = Counter(w for f in formuleringen for w in set(tokens[f]))
        uit_bijteksten = Counter(w for b in bijteksten for w in set(tokens[b]))
        return cls(bestand, tokens, keer, uit_bijteksten)


@dataclass
class _Tellingen:
    """The stems' counts over every file: kept up to date by the files that changed."""

    keer: Counter[str]
    uit_bijteksten: Counter[str]

    @classmethod
    def van(cls, woorden: Iterable[_Bestandwoorden]) -> _Tellingen:
        """Counted from nothing."""
        tellingen = cls(Counter(), Counter())
        for w in woorden:
            tellingen.keer.update(w.keer)
            tellingen.uit_bijteksten.update(w.uit_bijteksten)
        return tellingen

    @classmethod
    def bij(
        cls,
        vorige: _Tellingen,
        oud: Mapping[str, _Bestandwoorden],
        nieuw: Mapping[str, _Bestandwoorden],
    ) -> _Tellingen:
        """The earlier counts, less the files that went or changed, plus the new ones."""
        tellingen = cls(Counter(vorige.keer), Counter(vorige.uit_bijteksten))
        for g, w in oud.items():
            if nieuw.get(g) is not w:
                tellingen.keer.subtract(w.keer)
                tellingen.uit_bijteksten.subtract(w.uit_bijteksten)
        for g, w in nieuw.items():
            if oud.get(g) is not w:
                tellingen.keer.update(w.keer)
                tellingen.uit_bijteksten.update(w.uit_bijteksten)
        tellingen.keer, tellingen.uit_bijteksten = +tellingen.keer, +tellingen.uit_bijteksten
        return tellingen

    def woordenschat(self) -> tuple[frozenset[str], frozenset[str]]:
        """The stems compounds are split into and typos corrected to; and every indexed stem.

        Phrasings are typed the way employees type, typos included ("boekn"): a stem from
        one phrasing only may be such a typo, so it counts only when another phrasing or an
        answer (written with care) uses it too. Every stem of the answers counts.
        """
        bij = frozenset(self.uit_bijteksten)
        betrouwbaar = frozenset(w for w, n in self.keer.items() if n > 1) | bij
        return betrouwbaar, frozenset(self.keer) | bij


def _bijtekst(vraag: FaqItem) -> str:
    """The answer, tip, tags and topic of an entry: words that support a match less strongly."""
    return " ".join(
        [vraag.antwoord, vraag.wist_je_dat or "", *vraag.tags, vraag.onderwerp.replace("-", " ")]
    )


def bronnen(kandidaat: Kandidaat) -> list[dict[str, str]]:
    """The sources of an entry, with the document's full title."""
    titels = kandidaat.bestand.documenten
    return [{"document": titels[b.document], "artikel": b.artikel} for b in kandidaat.vraag.bron]


def als_json(uitkomst: Uitkomst) -> dict[str, object]:
    """The ``opleidingsbot ask --json`` shape."""
    beste = uitkomst.beste if uitkomst.status == "antwoord" else None
    ook = [
        {
            "id": k.vraag.id,
            "vraag": k.vraag.vraag,
            "antwoord": k.vraag.antwoord,
            "bronnen": bronnen(k),
        }
        for k in (uitkomst.ook if beste else [])
    ]
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
        "ook": ook,
    }
