"""The composition root: build the services once, from the configuration."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bot.dialoog.diensten import Diensten
from bot.dialoog.gesprek import Gesprek
from bot.instellingen import Instellingen
from bot.opslag.database import open_database
from bot.opslag.gesprekken import Gebeurtenissen, Gesprekken
from bot.opslag.wachtrij import Wachtrij
from knowledge.levend import LevendeMatcher
from knowledge.store import FaqStore
from rules import Regelboek, laad_regelboek


def gemeentenamen(regelboek: Regelboek, store: FaqStore) -> dict[str, str]:
    """Employers with both a regeling and an FAQ, by key, with their display names."""
    met_faq = set(store.faq().gemeenten())
    namen = {r.gemeente: r.bestand.gemeente_naam for r in regelboek.regelingen}
    return {code: namen[code] for code in sorted(namen) if code in met_faq}


def hr_controle(instellingen: Instellingen, terminal_is_hr: bool = False) -> Callable[[str], bool]:
    """Who is HR: Telegram ids from the configuration; in the terminal, only with ``--hr``."""

    def is_hr(gebruiker: str) -> bool:
        kanaal, _, nummer = gebruiker.partition(":")
        if kanaal == "telegram":
            return nummer.lstrip("-").isdigit() and int(nummer) in instellingen.hr_ids
        return kanaal == "terminal" and terminal_is_hr

    return is_hr


def bouw_gesprek(
    instellingen: Instellingen, concept_map: Path | None = None, terminal_is_hr: bool = False
) -> Gesprek:
    """The conversation engine with its store, matcher and rulebook."""
    verbinding = open_database(instellingen.database)
    regelboek = laad_regelboek()
    store = FaqStore(instellingen.faq_map)
    gemeenten = gemeentenamen(regelboek, store)
    if instellingen.gemeente and instellingen.gemeente not in gemeenten:
        raise ValueError(
            f"OPLEIDINGSBOT_GEMEENTE: onbekende gemeente '{instellingen.gemeente}'; "
            f"bekend: {', '.join(gemeenten)}"
        )
    diensten = Diensten(
        matcher=LevendeMatcher(store),
        gesprekken=Gesprekken(verbinding),
        wachtrij=Wachtrij(verbinding),
        gebeurtenissen=Gebeurtenissen(verbinding),
        gemeenten=gemeenten,
        concept_map=concept_map or instellingen.concept_map,
        vaste_gemeente=instellingen.gemeente,
        faq_store=store,
        is_hr=hr_controle(instellingen, terminal_is_hr),
    )
    return Gesprek(diensten, regelboek)
