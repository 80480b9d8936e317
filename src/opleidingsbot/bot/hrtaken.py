"""HR's changes to the FAQ and the review queue, shared by the chat and the console.

One place decides what "add this question as a phrasing" means: through the same
``FaqStore`` (locked, atomic, audited, refused when the entry changed since it was
shown) and the same clash check as the command line. The callers translate errors.
"""

from __future__ import annotations

from opleidingsbot.bot.opslag.wachtrij import Wachtrij
from opleidingsbot.knowledge.clashes import weiger_botsingen
from opleidingsbot.knowledge.faq import FaqItem
from opleidingsbot.knowledge.store import FaqStore


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
