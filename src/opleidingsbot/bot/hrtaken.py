"""HR's changes to the FAQ and the review queue, shared by the chat and the console.

One place decides what "add this question as a phrasing" means: through the same
``FaqStore`` (locked, atomic, audited, refused when the entry changed since it was
shown) and the same clash check as the command line. The callers translate errors.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from opleidingsbot.bot.opslag.wachtrij import Groep, Wachtrij
from opleidingsbot.knowledge.clashes import weiger_botsingen
from opleidingsbot.knowledge.faq import FaqItem
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
