"""Find near-identical phrasings of different entries: the matcher cannot tell them apart."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from opleidingsbot.knowledge.faq import Faq
from opleidingsbot.knowledge.normalize import normaliseer

DREMPEL = 95.0


@dataclass(frozen=True)
class Botsing:
    """Two phrasings of two entries that an employee of ``gemeente`` could both reach."""

    gemeente: str
    een: tuple[str, str]
    ander: tuple[str, str]
    score: float

    def tekst(self) -> str:
        """One line for HR."""
        return (
            f"{self.gemeente}: '{self.een[1]}' ({self.een[0]}) lijkt te veel op "
            f"'{self.ander[1]}' ({self.ander[0]}), score {self.score:.0f}"
        )


def botsingen(faq: Faq, drempel: float = DREMPEL, alleen: set[str] | None = None) -> list[Botsing]:
    """Every pair of near-identical phrasings of different entries, per employer.

    With ``alleen``, only pairs with a phrasing of those entries (a change's check:
    far fewer comparisons than the whole FAQ against itself).
    """
    gevonden: dict[tuple[str, str, str, str], Botsing] = {}
    for gemeente in faq.gemeenten():
        regels = [
            (v.id, f, " ".join(normaliseer(f)))
            for v, _ in faq.zichtbaar(gemeente)
            for f in v.formuleringen
        ]
        keuzes = {i: norm for i, (_, _, norm) in enumerate(regels)}
        for id_, tekst, norm in regels:
            if not norm or (alleen is not None and id_ not in alleen):
                continue
            for _, score, j in process.extract(
                norm, keuzes, scorer=fuzz.token_sort_ratio, score_cutoff=drempel, limit=None
            ):
                ander_id, ander_tekst, _ = regels[j]
                if ander_id == id_:
                    continue
                a, b = sorted((id_, ander_id))
                c, d = sorted((tekst, ander_tekst))
                sleutel = (a, b, c, d)
                if sleutel not in gevonden:
                    gevonden[sleutel] = Botsing(
                        gemeente, (id_, tekst), (ander_id, ander_tekst), score
                    )
    return list(gevonden.values())


class BotsingFout(ValueError):
    """A change would make phrasings of different entries too alike."""

    def __init__(self, gevonden: list[Botsing]) -> None:
        self.gevonden = gevonden
        super().__init__(f"{len(gevonden)} botsende formuleringen")


def weiger_botsingen(faq: Faq, gewijzigd: set[str]) -> None:
    """Raise BotsingFout when a changed entry's phrasing clashes with another entry's.

    Fits ``FaqStore``'s ``controle`` hook: it runs inside the lock, before writing.
    """
    gevonden = botsingen(faq, alleen=gewijzigd)
    if gevonden:
        raise BotsingFout(gevonden)
