"""What goes in and out of a conversation, free of any channel.

A button carries its action and the step it was sent at (``volgnummer``); a press on
a button of an older step is refused instead of acting on the current one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

SCHEIDING = "|"


@dataclass(frozen=True)
class Knop:
    """A button: its label and the data that comes back when it is pressed."""

    label: str
    data: str


@dataclass(frozen=True)
class Document:
    """A file for the employee, such as the draft request."""

    pad: Path
    bestandsnaam: str


@dataclass(frozen=True)
class Bericht:
    """One message from the assistant; rows of buttons under it."""

    tekst: str
    knoppen: list[list[Knop]] = field(default_factory=list)
    document: Document | None = None
    afbeelding: Document | None = None
    """A picture (HR's chart): sent as a photo on Telegram, left out in the terminal."""
    getal_verwacht: bool = False
    """The answer is typed as a number (so a typed number is not a button press)."""

    def alle_knoppen(self) -> list[Knop]:
        """The buttons in reading order, as the terminal numbers them."""
        return [knop for rij in self.knoppen for knop in rij]


@dataclass(frozen=True)
class Tekst:
    """The employee typed something (control characters are taken out at once)."""

    tekst: str
    update_id: int | None = None
    """The channel's increasing number for this input, if it has one (Telegram does)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "tekst", zonder_stuurtekens(self.tekst))


def zonder_stuurtekens(tekst: str) -> str:
    r"""The text without control characters, which no document or spreadsheet can hold.

    >>> zonder_stuurtekens("Hbo\x00 Best\x07uurskunde\x1b[31m\nregel 2")
    'Hbo Bestuurskunde[31m\nregel 2'
    """
    return "".join(
        teken
        for teken in tekst
        if teken in "\n\t"
        or (unicodedata.category(teken) not in ("Cc", "Cs") and teken not in "\ufffe\uffff")
    )


@dataclass(frozen=True)
class Druk:
    """The employee pressed a button."""

    data: str
    update_id: int | None = None


@dataclass(frozen=True)
class GeenTekst:
    """The employee sent something that is not text: a sticker, a photo, a voice message."""

    update_id: int | None = None


Invoer = Tekst | Druk | GeenTekst


def knop_data(volgnummer: int, actie: str) -> str:
    """Button data for ``actie`` at step ``volgnummer`` (Telegram allows 64 bytes).

    >>> knop_data(7, "ja")
    '7|ja'
    """
    data = f"{volgnummer}{SCHEIDING}{actie}"
    if len(data.encode()) > 64:
        raise ValueError(f"button data too long for Telegram: {data!r}")
    return data


def lees_knop(data: str) -> tuple[int, str] | None:
    """Split button data into step and action; None for data this bot never sends.

    >>> lees_knop("7|ja"), lees_knop("rommel"), lees_knop("x|ja"), lees_knop("²|ja")
    ((7, 'ja'), None, None, None)
    """
    nummer, teken, actie = data.partition(SCHEIDING)
    if not teken or not (nummer.isascii() and nummer.isdigit()) or not actie:
        return None
    return int(nummer), actie


ZWARE_ACTIES = frozenset({"concept"})
"""Actions that take noticeable time (writing a DOCX): the channel shows "typing…"."""


def is_zwaar(invoer: Invoer) -> bool:
    """Whether handling this input takes long enough to show the user we are busy.

    >>> is_zwaar(Druk("4|concept")), is_zwaar(Druk("4|waarom")), is_zwaar(Tekst("hoi"))
    (True, False, False)
    """
    if not isinstance(invoer, Druk):
        return False
    gelezen = lees_knop(invoer.data)
    return gelezen is not None and gelezen[1] in ZWARE_ACTIES


MAX_LABEL = 60
"""Telegram shows a long button label cut off; we shorten it ourselves, at a word."""


def kort_label(tekst: str, maximum: int = MAX_LABEL) -> str:
    """A button label of at most ``maximum`` characters, shortened at a word, never mid-word.

    >>> kort_label("Wat als ik binnen 24 maanden vertrek bij de gemeente?", 30)
    'Wat als ik binnen 24 maanden…'
    >>> kort_label("Kort genoeg")
    'Kort genoeg'
    """
    if len(tekst) <= maximum:
        return tekst
    ingekort = tekst[: maximum - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return (ingekort or tekst[: maximum - 1]) + "…"
