"""The composition root: build the services once, from the configuration."""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from pathlib import Path

from opleidingsbot.bot.console.basis import ConsoleDiensten
from opleidingsbot.bot.console.toegang import Links, sleutel
from opleidingsbot.bot.dialoog.diensten import Diensten
from opleidingsbot.bot.dialoog.gesprek import Gesprek
from opleidingsbot.bot.instellingen import Instellingen
from opleidingsbot.bot.opslag.database import verbind
from opleidingsbot.bot.opslag.faqtabel import open_faq
from opleidingsbot.bot.opslag.gesprekken import Gebeurtenissen, Gesprekken
from opleidingsbot.bot.opslag.wachtrij import Wachtrij
from opleidingsbot.knowledge.levend import LevendeMatcher
from opleidingsbot.knowledge.store import FaqStore
from opleidingsbot.rules import Regelboek, laad_regelboek

FAQ_WACHTTIJD = 1.0
"""Seconds HR's save in the chat waits for a lock another process holds on the FAQ.

The engine handles one input at a time, so every user waits with it: HR is told to try
again (the draft is kept) rather than keeping everyone waiting for the CLI's 10 s.
"""


def faq_store(instellingen: Instellingen, wachttijd: float | None = None) -> FaqStore:
    """The FAQ: the folder, or with ``OPLEIDINGSBOT_DATABASE_URL`` the database's copy."""
    if instellingen.database_url is None:
        return FaqStore(instellingen.faq_map, wachttijd=wachttijd)
    return open_faq(instellingen.database_url.get_secret_value(), instellingen.faq_map, wachttijd)


def gemeentenamen(regelboek: Regelboek, store: FaqStore) -> dict[str, str]:
    """Employers with both a regeling and an FAQ, by key, with their display names."""
    met_faq = set(store.faq().gemeenten())
    namen = {r.gemeente: r.bestand.gemeente_naam for r in regelboek.regelingen}
    return {code: namen[code] for code in sorted(namen) if code in met_faq}


def bouw_console(instellingen: Instellingen) -> ConsoleDiensten:
    """HR's console on the same FAQ folder and database as the bot."""
    store = faq_store(instellingen)
    geheim = console_sleutel(instellingen)
    verbinding = verbind(instellingen.opslag)
    return ConsoleDiensten(
        store=store,
        matcher=LevendeMatcher(store),
        wachtrij=Wachtrij(verbinding),
        gebeurtenissen=Gebeurtenissen(verbinding),
        gemeenten=gemeentenamen(laad_regelboek(), store),
        links=Links(geheim),
        geheim=geheim,
        alleen_https=instellingen.console_https,
    )


def console_sleutel(instellingen: Instellingen) -> str:
    """The key that signs the console's links and sessions (see ``toegang.sleutel``)."""
    gezet = instellingen.console_geheim
    return sleutel(instellingen.data_map, gezet.get_secret_value() if gezet else None)


def hr_controle(
    instellingen: Instellingen, terminal_is_hr: bool = False
) -> Callable[[str, str | None], bool]:
    """Who is HR, and for which employer: Telegram ids from the configuration.

    ``OPLEIDINGSBOT_HR_IDS`` are HR for every employer, ``OPLEIDINGSBOT_HR_PER_GEMEENTE``
    for their own only. With ``gemeente`` None the question is: HR for any employer? In
    the terminal (one person, at the machine) HR means ``--hr``.
    """

    def is_hr(gebruiker: str, gemeente: str | None) -> bool:
        kanaal, _, nummer = gebruiker.partition(":")
        if kanaal == "terminal":
            return terminal_is_hr
        if kanaal != "telegram" or not (
            nummer.lstrip("-").isascii() and nummer.lstrip("-").isdigit()
        ):
            return False
        wie = int(nummer)
        if wie in instellingen.hr_ids:
            return True
        if gemeente is None:
            return wie in instellingen.hr_ids_alle()
        return wie in instellingen.hr_per_gemeente.get(gemeente, frozenset())

    return is_hr


def bouw_gesprek(
    instellingen: Instellingen, concept_map: Path | None = None, terminal_is_hr: bool = False
) -> Gesprek:
    """The conversation engine with its store, matcher and rulebook."""
    verbinding = verbind(instellingen.opslag)
    regelboek = laad_regelboek()
    store = faq_store(instellingen, wachttijd=FAQ_WACHTTIJD)
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
        console_link=console_links(instellingen),
    )
    return Gesprek(diensten, regelboek)


def console_links(instellingen: Instellingen) -> Callable[[str, frozenset[str] | None], str]:
    """Makes sign-in links to the console at ``OPLEIDINGSBOT_CONSOLE_URL``."""
    links = Links(console_sleutel(instellingen))
    adres = instellingen.console_url.rstrip("/")

    def link(wie: str, gemeenten: frozenset[str] | None) -> str:
        return f"{adres}/aanmelden?{urllib.parse.urlencode({'token': links.maak(wie, gemeenten)})}"

    return link
