"""A user's conversation state: where they are, and what they answered so far.

Stored as JSON in SQLite after every step, so a restart (kill -9 included) resumes
at the same step. Only what the conversation needs is kept.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, Field, field_validator

Waarde = str | int | float | bool | None
MAX_GEMIST = 5
"""How many "bedoel je…?" questions are kept for a later "geen van deze"."""


class Stap(StrEnum):
    """Where a conversation is: the step whose input comes next.

    Stored by value in the state's JSON; a stored value no longer known makes the state
    unreadable, and the conversation starts anew with an apology.
    """

    GEMEENTE = "gemeente"
    HR_AANUIT = "hr-aanuit"
    HR_ANTWOORD = "hr-antwoord"
    HR_FORMULERING = "hr-formulering"
    HR_MENU = "hr-menu"
    HR_NIEUW_ANTWOORD = "hr-nieuw-antwoord"
    HR_NIEUW_ARTIKEL = "hr-nieuw-artikel"
    HR_NIEUW_DOCUMENT = "hr-nieuw-document"
    HR_NIEUW_KLAAR = "hr-nieuw-klaar"
    HR_NIEUW_VARIANT = "hr-nieuw-variant"
    HR_NIEUW_VRAAG = "hr-nieuw-vraag"
    HR_TOON = "hr-toon"
    HR_WACHTRIJ = "hr-wachtrij"
    HR_ZOEK = "hr-zoek"
    INTAKE = "intake"
    MENU = "menu"
    OFFERTE = "offerte"
    VERGEET = "vergeet"
    VERGETEN = "vergeten"
    WAT_ALS = "wat_als"

    @property
    def is_hr(self) -> bool:
        """One of HR's dialogues (for HR staff only)."""
        return self.value.startswith("hr-")


class HrConcept(BaseModel):
    """HR's work in progress in the chat: the entry, its version, what HR typed so far.

    One model for every HR dialogue; a field a dialogue does not use stays empty.
    """

    door: str | None = None
    """Who works on it, for the FAQ's history (``telegram:123``)."""
    id: str | None = None
    """The entry being changed."""
    versie: str | None = None
    """Its version when it was shown: a save after someone else's change is refused."""
    antwoord: str | None = None
    """A new answer for the entry, or the answer of a new entry."""
    formulering: str | None = None
    """A phrasing to add to the entry."""
    actief: bool | None = None
    """The entry switched on (True) or off (False)."""
    vraag: str | None = None
    """A new entry's question; in the review queue, the question shown."""
    document: str | None = None
    """A new entry's source: a key of the FAQ file's ``documenten``."""
    artikel: str | None = None
    varianten: list[str] = Field(default_factory=list)
    """A new entry's other phrasings."""
    groep: list[int] = Field(default_factory=list)
    """The review queue's questions this work answers (set to done when it is saved)."""
    positie: int = 0
    """Which group of the review queue is shown."""

    # A state stored before this model kept these two lists as joined strings.
    @field_validator("groep", mode="before")
    @classmethod
    def _oude_groep(cls, waarde: object) -> object:
        if isinstance(waarde, str):
            return [int(deel) for deel in waarde.split(",") if deel]
        return waarde

    @field_validator("varianten", mode="before")
    @classmethod
    def _oude_varianten(cls, waarde: object) -> object:
        if isinstance(waarde, str):
            return [regel for regel in waarde.split("\n") if regel]
        return waarde


class Toestand(BaseModel):
    """Where one user's conversation stands."""

    gemeente: str | None = None
    stap: Stap = Stap.MENU
    volgnummer: int = 0
    """Grows with every message that has buttons; a button carries the number it was sent at."""
    antwoorden: dict[str, Waarde] = Field(default_factory=dict)
    """The intake's answers by step, in the order given (for "terug")."""
    uitgestelde_vraag: str | None = None
    """A question asked before the employer was known: answered once it is."""
    gemiste_vragen: dict[str, str] = Field(default_factory=dict)
    """Questions shown with "bedoel je…?", by key, for a later "geen van deze"."""
    offerte_klaar: bool = False
    situatie: dict[str, Waarde] = Field(default_factory=dict)
    """Facts read from a message that described a case: the costs, and when the employee
    leaves or stops (the rules engine's ``vertrek``), kept while the offer to work it out
    stands and through the intake it starts."""
    wat_als: list[dict[str, Waarde]] = Field(default_factory=list)
    """The what-ifs asked about this quote (the engine's ``vertrek``), for the draft."""
    hr: HrConcept = Field(default_factory=HrConcept)
    """HR's work in progress: the entry being edited, its version, the draft."""
    bijgewerkt: dt.datetime | None = None
    laatste_update: int | None = None
    """The channel's number of the last input handled: a redelivered one is skipped."""
    verlopen: bool = False
    """The clean-up wiped an idle intake: say so at the user's next message."""

    def naar_menu(self) -> None:
        """Back to the start: an intake or HR's work in progress is dropped."""
        self.stap = Stap.MENU
        self.antwoorden = {}
        self.offerte_klaar = False
        self.situatie = {}
        self.wat_als = []
        self.hr = HrConcept()

    def onthoud_gemiste_vraag(self, vraag: str) -> str:
        """Keep a question shown with "bedoel je…?" (the last few); return its key."""
        sleutel = str(max((int(k) for k in self.gemiste_vragen), default=-1) + 1)
        self.gemiste_vragen[sleutel] = vraag
        while len(self.gemiste_vragen) > MAX_GEMIST:
            del self.gemiste_vragen[min(self.gemiste_vragen, key=int)]
        return sleutel

    def nieuw_volgnummer(self) -> int:
        """Advance to a new step; older buttons stop working."""
        self.volgnummer += 1
        return self.volgnummer
