"""Every Dutch sentence the assistant says to an employee, in one place for B1 review.

Plain Dutch, je-vorm, short sentences, the main point first. The terminal chat and
Telegram use the same texts.
"""

from __future__ import annotations

ONBEKEND = (
    "Dat weet ik niet. Ik wil je geen verkeerd antwoord geven. "
    "Stel je vraag aan je HR-adviseur of aan je leidinggevende. "
    "Ik geef je vraag door aan HR, zodat ik hem later wel kan beantwoorden."
)
BEDOEL_JE = "Dat weet ik niet zeker. Bedoel je een van deze vragen?"
GEEN_VAN_DEZE = "Geen van deze"
BRON = "Bron: {bronnen}"

WAAROM_NIET = {
    "leeg": "Je bericht is leeg. Typ je vraag, bijvoorbeeld: hoeveel studieverlof krijg ik?",
    "geen-tekst": "Ik kan alleen tekst lezen. Typ je vraag in woorden.",
    "te-lang": ("Je bericht is te lang voor mij. Stel één korte vraag, in één of twee zinnen."),
    "engels": (
        "Ik begrijp alleen vragen in het Nederlands. Sorry, I only understand questions in Dutch."
    ),
}
"""Why a question was not looked up: the matcher's ``reden``."""
