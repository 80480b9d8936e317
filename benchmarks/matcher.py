"""``make bench``: what employees get from the matcher, measured on blind question sets.

Every set under tests/data/blind/ was written by a helper who saw only the sources
(``../shared/bronnen``): not the FAQ, its entry ids, the tests or another set. A
question carries the facts a right answer must state, not an entry to expect, so
"answered right" means a sure answer that says the right thing. Thresholds are
calibrated on the dev sets only; the test sets are reported and never tuned on.
``--dev`` prints the dev sets' figures alone, for work on the matcher.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

from opleidingsbot.knowledge.blindset import BlindVraag, Telling, beoordeel, laad, tel
from opleidingsbot.knowledge.faq import Faq, FaqBestand, laad_faq
from opleidingsbot.knowledge.matcher import Drempels, Kandidaat, Matcher, Uitkomst, beslis
from opleidingsbot.knowledge.normalize import normaliseer

KALIBRATIE_WEIGERING = 0.96
"""Calibration asks more refusal than the 95% target: a margin for unseen questions."""
KALIBRATIE_FOUT = 0.025
"""And fewer wrong answers than the 3% allowed."""
MARGES = (2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0)
"""A sure answer needs some lead over the best entry on another subject."""
BLIND = Path(__file__).parent.parent / "tests" / "data" / "blind"
DEV_SETS = (BLIND / "dev_a.yaml", BLIND / "dev_b.yaml")
"""Calibration and the matcher's design look at these only."""
TEST_SETS = (BLIND / "test_1.yaml", BLIND / "test_2.yaml")
"""Never tuned on: no phrasing, synonym, weight or threshold comes from them."""
STIJLEN = (
    "telefoon",
    "situatie",
    "manager",
    "alledaags",
    "formeel",
    "bezorgd",
    "twee_vragen",
)


def waarde(t: Telling) -> float:
    """What calibration maximises: right answers, and a little a right "bedoel je"."""
    return t.deel("goed") + 0.25 * t.deel("bedoel_je_goed")


def kalibreer(matcher: Matcher, vragen: Sequence[BlindVraag]) -> Drempels:
    """Choose thresholds: the most right answers within the limits for refusal and wrong.

    Out of domain at least ``KALIBRATIE_WEIGERING`` refused, in domain at most
    ``KALIBRATIE_FOUT`` answered with the wrong facts (the targets, with a margin).

    The candidates are scored once per question; each threshold choice only re-decides.
    """
    gescoord = [(v, matcher.kandidaten(v.vraag, v.gemeente)) for v in vragen]
    beste: tuple[float, Drempels] | None = None
    for antwoord, suggestie, marge in itertools.product(
        range(30, 100, 2), range(20, 90, 4), MARGES
    ):
        if suggestie > antwoord:
            continue
        drempels = Drempels(float(antwoord), float(suggestie), marge)
        t = oordelen(gescoord, drempels)["alle"]
        if t.deel("geweigerd") < KALIBRATIE_WEIGERING or t.deel("fout") > KALIBRATIE_FOUT:
            continue
        if beste is None or waarde(t) > beste[0]:
            beste = (waarde(t), drempels)
    assert beste is not None
    return beste[1]


def oordelen(
    gescoord: Sequence[tuple[BlindVraag, list[Kandidaat]]], drempels: Drempels
) -> dict[str, Telling]:
    """Decide each question under these thresholds and count the outcomes per style."""
    return tel((v, beoordeel(v, beslis(v.vraag, k, drempels))) for v, k in gescoord)


def meet(matcher: Matcher, vragen: Sequence[BlindVraag]) -> dict[str, Telling]:
    """Run the matcher over the questions and count per style."""
    return tel((v, beoordeel(v, matcher.zoek(v.vraag, v.gemeente))) for v in vragen)


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def toon(kop: str, tellingen: dict[str, Telling]) -> None:
    """Print one set's figures, per style and in all."""
    print(
        f"\n{kop:14} {'n':>4} {'right':>7} {'wrong':>7} {'bedoel je':>9} {'(right)':>8} "
        f"{'weet niet':>9} {'refused':>8}"
    )
    for stijl in (*STIJLEN, "alle"):
        t = tellingen.get(stijl)
        if t is None:
            continue
        if t.binnen:
            print(
                f"{stijl:14} {t.binnen:4} {_pct(t.deel('goed')):>7} {_pct(t.deel('fout')):>7} "
                f"{_pct(t.deel('bedoel_je', 'bedoel_je_goed')):>9} "
                f"{_pct(t.deel('bedoel_je_goed')):>8} {_pct(t.deel('weet_niet')):>9} "
                + (f"{_pct(t.deel('geweigerd')):>8}" if stijl == "alle" else "")
            )
    alle = tellingen["alle"]
    print(f"{'out of domain':14} {alle.buiten:4} {'':>45} {_pct(alle.deel('geweigerd')):>8}")


def latentie(
    zoek: Callable[[str, str], object], vragen: Sequence[BlindVraag | tuple[str, str]]
) -> tuple[float, float]:
    """p50 and p99 in milliseconds per question, over several rounds."""
    paren = [(v.vraag, v.gemeente) if isinstance(v, BlindVraag) else v for v in vragen]
    tijden = []
    for _ in range(5):
        for vraag, gemeente in paren:
            begin = time.perf_counter()
            zoek(vraag, gemeente)
            tijden.append((time.perf_counter() - begin) * 1000)
    tijden.sort()
    return statistics.median(tijden), tijden[int(len(tijden) * 0.99) - 1]


class Bm25:
    """The baseline: bm25s over the same entries (all phrasings of an entry as one text)."""

    def __init__(self, faq: Faq, drempel: float = 0.0) -> None:
        import bm25s  # only the benchmark needs it

        self.faq = faq
        self.drempel = drempel
        self.per_gemeente: dict[str, tuple[object, list[Kandidaat]]] = {}
        for gemeente in faq.gemeenten():
            vragen = faq.zichtbaar(gemeente)
            teksten = [normaliseer(" ".join(v.formuleringen)) for v, _ in vragen]
            model = bm25s.BM25()
            model.index(teksten, show_progress=False)
            self.per_gemeente[gemeente] = (model, [Kandidaat(v, b, 0.0) for v, b in vragen])

    def zoek(self, vraag: str, gemeente: str) -> Uitkomst:
        """The best entry as an answer, or "dat weet ik niet" below the threshold."""
        model, kandidaten = self.per_gemeente[gemeente]
        tokens = normaliseer(vraag) or ["__leeg__"]
        docs, scores = model.retrieve([tokens], k=1, show_progress=False)  # type: ignore[attr-defined]
        if float(scores[0][0]) <= self.drempel:
            return Uitkomst("onbekend", vraag)
        return Uitkomst("antwoord", vraag, kandidaten[int(docs[0][0])])

    def meet(self, vragen: Sequence[BlindVraag]) -> dict[str, Telling]:
        """Count per style (the baseline answers or refuses: it has no "bedoel je")."""
        return tel((v, beoordeel(v, self.zoek(v.vraag, v.gemeente))) for v in vragen)

    def kalibreer(self, vragen: Sequence[BlindVraag]) -> None:
        """Choose the refusal threshold the way the matcher's are chosen."""
        beste = (-1e9, 0.0)
        for drempel in [x / 4 for x in range(0, 80)]:
            self.drempel = drempel
            t = self.meet(vragen)["alle"]
            if t.deel("geweigerd") >= KALIBRATIE_WEIGERING and t.deel("fout") <= KALIBRATIE_FOUT:
                beste = max(beste, (waarde(t), drempel))
        self.drempel = beste[1]


def synthetisch(faq: Faq, aantal: int) -> Faq:
    """A knowledge base of ``aantal`` entries, made from the real words, for scale."""
    rng = random.Random(7)
    woorden = sorted(
        {
            w
            for b in faq.bestanden.values()
            for v in b.vragen
            for f in v.formuleringen
            for w in f.lower().split()
        }
    )
    echt = faq.bestanden["haarlem"]
    vragen = []
    for i in range(aantal):
        sjabloon = echt.vragen[i % len(echt.vragen)]
        formuleringen = [" ".join(rng.sample(woorden, 6)) for _ in range(7)]
        vragen.append(
            sjabloon.model_copy(
                update={
                    "id": f"synthetisch-{i}",
                    "onderwerp": f"s-{i}",
                    "vraag": formuleringen[0],
                    "varianten": formuleringen[1:],
                }
            )
        )
    bestand = FaqBestand(gemeente="synthetisch", documenten=echt.documenten, vragen=vragen)
    return Faq({"synthetisch": bestand})


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.matcher")
    parser.add_argument("--dev", action="store_true", help="only the dev sets (no test sets)")
    args = parser.parse_args(argv)
    faq = laad_faq()
    dev = {pad.stem: laad(pad) for pad in DEV_SETS}
    kalibratie = [v for vragen in dev.values() for v in vragen]
    print(
        f"blind dev sets: {', '.join(f'{k} ({len(v)})' for k, v in dev.items())}; "
        "calibration on both"
    )
    drempels = kalibreer(Matcher(faq), kalibratie)
    matcher = Matcher(faq, drempels)
    print(
        f"calibrated thresholds: antwoord >= {drempels.antwoord}, suggestie >= "
        f"{drempels.suggestie}, marge {drempels.marge}"
    )
    if drempels != Drempels():
        print(f"  the matcher ships with {Drempels()}: update knowledge/matcher.py")
    sets = dict(dev) if args.dev else {pad.stem: laad(pad) for pad in TEST_SETS}
    bm25 = Bm25(faq)
    bm25.kalibreer(kalibratie)
    for naam, vragen in sets.items():
        toon(f"{naam}", meet(matcher, vragen))
        alle = bm25.meet(vragen)["alle"]
        p50, p99 = latentie(matcher.zoek, vragen)
        print(
            f"matcher p50 {p50:.3f} ms, p99 {p99:.3f} ms; BM25 baseline: right "
            f"{_pct(alle.deel('goed'))}, wrong {_pct(alle.deel('fout'))}, refused "
            f"{_pct(alle.deel('geweigerd'))}"
        )
    if args.dev:
        return 0
    voorbeeld = [v for vragen in sets.values() for v in vragen]
    for aantal in (10_000,):
        groot_faq = synthetisch(faq, aantal)
        tracemalloc.start()
        begin = time.perf_counter()
        groot = Matcher(groot_faq, drempels)
        bouw = time.perf_counter() - begin
        _, piek = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        p50, p99 = latentie(groot.zoek, [(v.vraag, "synthetisch") for v in voorbeeld])
        print(
            f"\nsynthetic FAQ of {aantal} entries ({aantal * 7} phrasings): build {bouw:.2f} s, "
            f"peak memory {piek / 2**20:.1f} MiB, p50 {p50:.3f} ms, p99 {p99:.3f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
