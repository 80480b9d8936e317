"""The ``--gemeente`` option: one check and one Dutch message for every command."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from opleidingsbot.bot.instellingen import Instellingen
from opleidingsbot.knowledge.faq import FaqFout, laad_faq


def onbekend(gemeente: str | None, bekend: Iterable[str]) -> bool:
    """Whether ``gemeente`` is given and not known; if so, say which ones are (exit code 2)."""
    bekend = sorted(bekend)
    if gemeente is None or gemeente in bekend:
        return False
    print(
        f"fout in 'gemeente': onbekend: '{gemeente}'; bekend: {', '.join(bekend)}",
        file=sys.stderr,
    )
    return True


def faq_gemeenten() -> list[str]:
    """The employers with an FAQ in the configured folder (none when it cannot be read)."""
    try:
        return laad_faq(Instellingen().faq_map).gemeenten()
    except FaqFout:
        return []
