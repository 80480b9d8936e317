"""Drive the conversation engine as a user would: type text, press buttons by label."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

from opleidingsbot.bot.dialoog.berichten import Bericht, Druk, Tekst
from opleidingsbot.bot.dialoog.diensten import Diensten
from opleidingsbot.bot.dialoog.gesprek import Gesprek
from opleidingsbot.bot.opbouw import FAQ_WACHTTIJD
from opleidingsbot.bot.opslag.database import verbind
from opleidingsbot.bot.opslag.gesprekken import Gebeurtenissen, Gesprekken
from opleidingsbot.bot.opslag.wachtrij import Wachtrij
from opleidingsbot.knowledge.faq import FAQ_MAP, laad_faq
from opleidingsbot.knowledge.levend import LevendeMatcher
from opleidingsbot.knowledge.matcher import Matcher
from opleidingsbot.knowledge.store import FaqStore
from opleidingsbot.rules import Regelboek

GEMEENTEN = {
    "capelle-aan-den-ijssel": "Capelle aan den IJssel",
    "haarlem": "Haarlem",
    "kaag-en-braassem": "Kaag en Braassem",
}


class Klok:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.nu = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.nu


_MATCHER: list[Matcher] = []


def gedeelde_matcher() -> Matcher:
    """One matcher for all tests (building it takes a moment)."""
    if not _MATCHER:
        _MATCHER.append(Matcher(laad_faq()))
    return _MATCHER[0]


def bouw(
    map_: Path,
    regelboek: Regelboek,
    klok: Klok,
    gemeente: str | None = None,
    *,
    hr: frozenset[str] = frozenset(),
    hr_van: dict[str, str] | None = None,
    opslag: Path | str | None = None,
) -> Gesprek:
    """A conversation engine over a SQLite file in ``map_`` (or the store ``opslag``).

    With ``hr`` (user keys of HR staff for every employer) or ``hr_van`` (user key to
    the one employer they are HR of) the FAQ is a copy in ``map_/faq`` that HR may
    change, with a matcher that follows it; else the shared read-only matcher.
    """
    hr_van = hr_van or {}

    def is_hr(gebruiker: str, gemeente: str | None) -> bool:
        eigen = hr_van.get(gebruiker)
        return gebruiker in hr or (eigen is not None and gemeente in (None, eigen))

    db = verbind(opslag or map_ / "db.sqlite3")
    store: FaqStore | None = None
    matcher: Callable[[], Matcher] = gedeelde_matcher
    if hr or hr_van:
        if not (map_ / "faq").exists():
            shutil.copytree(FAQ_MAP, map_ / "faq")
        store = FaqStore(map_ / "faq", wachttijd=FAQ_WACHTTIJD)
        matcher = LevendeMatcher(store)
    diensten = Diensten(
        matcher=matcher,
        gesprekken=Gesprekken(db),
        wachtrij=Wachtrij(db),
        gebeurtenissen=Gebeurtenissen(db),
        gemeenten=GEMEENTEN,
        concept_map=map_ / "concepten",
        vaste_gemeente=gemeente,
        klok=klok,
        faq_store=store,
        is_hr=is_hr,
    )
    return Gesprek(diensten, regelboek)


class Gebruiker:
    """One user in a conversation; remembers the last message with buttons."""

    def __init__(self, gesprek: Gesprek, naam: str = "test:1") -> None:
        self.gesprek = gesprek
        self.naam = naam
        self.laatste: list[Bericht] = []
        self.knoppen: dict[str, str] = {}

    def zeg(self, tekst: str) -> list[Bericht]:
        return self._ontvang(self.gesprek.verwerk(self.naam, Tekst(tekst)))

    def druk(self, label: str) -> list[Bericht]:
        assert label in self.knoppen, f"no button {label!r}; there are {list(self.knoppen)}"
        return self._ontvang(self.gesprek.verwerk(self.naam, Druk(self.knoppen[label])))

    def druk_data(self, data: str) -> list[Bericht]:
        return self._ontvang(self.gesprek.verwerk(self.naam, Druk(data)))

    def tekst(self) -> str:
        return "\n".join(b.tekst for b in self.laatste)

    def _ontvang(self, berichten: list[Bericht]) -> list[Bericht]:
        self.laatste = berichten
        for bericht in berichten:
            if bericht.knoppen:
                self.knoppen = {k.label: k.data for k in bericht.alle_knoppen()}
        return berichten
