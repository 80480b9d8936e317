"""The services a conversation uses, built once by the composition root."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from opleidingsbot.bot.opslag.gesprekken import Gebeurtenissen, Gesprekken
from opleidingsbot.bot.opslag.wachtrij import Wachtrij
from opleidingsbot.knowledge.matcher import Matcher
from opleidingsbot.knowledge.store import FaqStore


def _nu() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _niemand(gebruiker: str, gemeente: str | None) -> bool:
    return False


@dataclass
class Diensten:
    """What the conversation needs, built once by the composition root."""

    matcher: Callable[[], Matcher]
    """The current FAQ matcher (rebuilt when HR changes the FAQ)."""
    gesprekken: Gesprekken
    wachtrij: Wachtrij
    gebeurtenissen: Gebeurtenissen
    gemeenten: dict[str, str]
    """Employer key to display name."""
    concept_map: Path
    """Where draft requests are written."""
    vaste_gemeente: str | None = None
    klok: Callable[[], dt.datetime] = _nu
    faq_store: FaqStore | None = None
    """Where HR's changes go; None: no HR functions (e.g. a read-only FAQ)."""
    is_hr: Callable[[str, str | None], bool] = _niemand
    """Whether a user is HR for an employer (None: for any employer), from the
    configuration only."""

    console_link: Callable[[str, frozenset[str] | None], str] | None = None
    """A single-use sign-in link to HR's console for this person and these employers
    (None: every one); None when this deployment has no console."""

    def tel(self, soort: str, gemeente: str | None, detail: str | None = None) -> None:
        """Count an event for HR's statistics (never who caused it)."""
        self.gebeurtenissen.tel(soort, gemeente, detail, self.klok())
