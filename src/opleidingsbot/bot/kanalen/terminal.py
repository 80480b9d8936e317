"""The terminal chat: the same conversation as on Telegram, on stdin and stdout.

Buttons are printed numbered, ``[1] Ja  [2] Nee  [3] Terug``; typing the number, or the
button's label ("Start de intake"), presses the button. Where the answer itself is a
number, the buttons get letters instead.
Works with piped input and ends cleanly at the end of it.
"""

from __future__ import annotations

import string
from typing import TextIO

from opleidingsbot.bot import teksten as t
from opleidingsbot.bot.dialoog.berichten import Bericht, Druk, Invoer, Tekst
from opleidingsbot.bot.dialoog.gesprek import Gesprek

GEBRUIKER = "terminal"


class Terminal:
    """Reads lines, prints the assistant's messages, remembers the last buttons."""

    def __init__(self, gesprek: Gesprek, uit: TextIO) -> None:
        self.gesprek = gesprek
        self.uit = uit
        self.knoppen: dict[str, str] = {}

    def verwerk(self, regel: str) -> None:
        """One line typed by the user."""
        self.toon(self.gesprek.verwerk(GEBRUIKER, self.invoer(regel)))

    def invoer(self, regel: str) -> Invoer:
        """A button press when the line names a button shown last, else text."""
        sleutel = regel.strip().lower()
        if sleutel in self.knoppen:
            return Druk(self.knoppen[sleutel])
        return Tekst(regel.rstrip("\n"))

    def toon(self, berichten: list[Bericht]) -> None:
        """Print messages; the buttons of the last message with buttons become typeable."""
        for bericht in berichten:
            print(bericht.tekst, file=self.uit)
            if bericht.document:
                print(t.CONCEPT_BESTAND.format(pad=bericht.document.pad), file=self.uit)
            if bericht.afbeelding:
                bericht.afbeelding.pad.unlink(missing_ok=True)  # the table says it all here
            knoppen = bericht.alle_knoppen()
            if knoppen:
                tekens = string.ascii_lowercase if bericht.getal_verwacht else None
                sleutels = [tekens[i] if tekens else str(i + 1) for i in range(len(knoppen))]
                self.knoppen = {k.label.strip().lower(): k.data for k in knoppen}
                self.knoppen |= {s: k.data for s, k in zip(sleutels, knoppen, strict=True)}
                print(
                    "  ".join(f"[{s}] {k.label}" for s, k in zip(sleutels, knoppen, strict=True)),
                    file=self.uit,
                )
            print(file=self.uit)
        self.uit.flush()


def chat(gesprek: Gesprek, invoer: TextIO, uit: TextIO) -> int:
    """Run the chat until the end of the input."""
    terminal = Terminal(gesprek, uit)
    print(t.TERMINAL_UITLEG, file=uit)
    terminal.verwerk("/start")
    for regel in invoer:
        if regel.strip():
            terminal.verwerk(regel)
    print(t.TOT_ZIENS, file=uit)
    return 0
