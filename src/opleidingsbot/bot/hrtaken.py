"""HR's changes to the FAQ and the review queue, shared by the chat and the console.

One place decides what "add this question as a phrasing" means: through the same
``FaqStore`` (locked, atomic, audited, refused when the entry changed since it was
shown) and the same clash check as the command line. The callers translate errors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from opleidingsbot.bot.opslag.wachtrij import Groep, Wachtrij
from opleidingsbot.knowledge.clashes import weiger_botsingen
from opleidingsbot.knowledge.faq import Bron, FaqItem
from opleidingsbot.knowledge.spreadsheet import Rij, schrijf_spreadsheet
from opleidingsbot.knowledge.store import FaqStore

KOLOMMEN = ("gemeente", "vraag", "aantal", "eerst_gesteld", "laatst_gesteld", "bijna", "soort")
"""The review queue's export: one row per group of similar questions."""
BREEDTES = {"vraag": 60, "bijna": 40}


def als_formulering(
    store: FaqStore,
    wachtrij: Wachtrij,
    vraag: FaqItem,
    formulering: str,
    groep: list[int],
    door: str,
    versie: str | None = None,
) -> FaqItem:
    """Add ``formulering`` to the entry and mark the queued questions as done.

    ``versie`` is the entry's version when HR saw it (None: the current one). Raises
    VerouderdFout, BotsingFout or FaqFout; then nothing changed.
    """
    kopie = FaqItem.model_validate(
        {**vraag.model_dump(), "varianten": [*vraag.varianten, formulering]}
    )
    store.wijzig(kopie, versie or store.versie(vraag), door=door, controle=weiger_botsingen)
    wachtrij.zet_status(groep, "verwerkt")
    return kopie


def als_rij(groep: Groep) -> Rij:
    """One group of similar questions as a spreadsheet row (the FAQ's format: ; and UTF-8)."""
    tijden = sorted(v.tijd for v in groep.vragen)
    return {
        "gemeente": groep.gemeente,
        "vraag": groep.voorbeeld.vraag,
        "aantal": str(len(groep.vragen)),
        "eerst_gesteld": tijden[0].isoformat(timespec="minutes"),
        "laatst_gesteld": tijden[-1].isoformat(timespec="minutes"),
        "bijna": "\n".join(groep.bijna()),
        "soort": ", ".join(sorted({v.soort for v in groep.vragen})),
    }


def exporteer_wachtrij(pad: Path, groepen: Sequence[Groep]) -> None:
    """Write the review queue to ``.csv`` (UTF-8, ``;``) or ``.xlsx``; formulas defused."""
    schrijf_spreadsheet(pad, KOLOMMEN, [als_rij(g) for g in groepen], BREEDTES)


@dataclass(frozen=True)
class NieuweVraag:
    """What HR types for a new entry; the id and topic follow from the question."""

    vraag: str
    antwoord: str
    document: str
    """A key of the employer's FAQ file's ``documenten``."""
    artikel: str
    varianten: list[str]


def voeg_nieuwe_toe(
    store: FaqStore,
    wachtrij: Wachtrij,
    gemeente: str,
    nieuw: NieuweVraag,
    groep: list[int],
    door: str,
    vandaag: dt.date,
) -> FaqItem:
    """Add a new entry to the employer's FAQ and mark the queued questions as done.

    Raises FaqFout (e.g. fewer than four phrasings), BotsingFout or ValueError; then
    nothing changed.
    """
    faq = store.faq()
    bestaand = {v.id for b in faq.bestanden.values() for v in b.vragen}
    voorvoegsel = _voorvoegsel([v.id for v in faq.bestanden[gemeente].vragen], gemeente)
    slak = _slak(nieuw.vraag)
    id_, teller = f"{voorvoegsel}-{slak}", 2
    while id_ in bestaand:
        id_, teller = f"{voorvoegsel}-{slak}-{teller}", teller + 1
    item = FaqItem.model_validate(
        {
            "id": id_,
            "onderwerp": slak,
            "vraag": nieuw.vraag,
            "varianten": nieuw.varianten,
            "antwoord": nieuw.antwoord,
            "bron": [Bron(document=nieuw.document, artikel=nieuw.artikel)],
            "bijgewerkt": vandaag,
        }
    )
    store.voeg_toe(gemeente, item, door=door, controle=weiger_botsingen)
    wachtrij.zet_status(groep, "verwerkt")
    return item


def _slak(tekst: str) -> str:
    """A short id part from a question.

    >>> _slak("Mag ik mijn BHV-cursus in werktijd doen?")
    'mag-ik-mijn-bhv-cursus-in'
    """
    woorden = re.sub(r"[^a-z0-9]+", " ", tekst.lower()).split()
    return "-".join(woorden[:6]) or "vraag"


def _voorvoegsel(ids: list[str], gemeente: str) -> str:
    """The prefix the employer's ids share ("capelle" for capelle-aan-den-ijssel)."""
    delen = [i.split("-", 1)[0] for i in ids]
    return max(set(delen), key=delen.count) if delen else gemeente
