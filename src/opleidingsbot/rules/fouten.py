"""Errors of the rules engine, each with a Dutch message and the field it is about."""

from __future__ import annotations

import datetime as dt


class RegelFout(Exception):
    """Base class: something the engine cannot answer; ``veld`` names the intake field."""

    veld: str | None = None

    def __init__(self, melding: str, veld: str | None = None) -> None:
        super().__init__(melding)
        self.melding = melding
        if veld is not None:
            self.veld = veld


class InvoerFout(RegelFout):
    """The intake itself is wrong: a value that does not fit, or a missing field."""


class OnbekendeGemeente(RegelFout):
    """No regeling at all for this employer."""

    veld = "gemeente"

    def __init__(self, gemeente: str, bekend: list[str]) -> None:
        super().__init__(
            f"onbekende gemeente '{gemeente}'; bekend zijn: {', '.join(sorted(bekend))}"
        )


class GeenRegelingOpDatum(RegelFout):
    """The employer has regelingen, but none is in force on the peildatum."""

    veld = "peildatum"

    def __init__(self, gemeente: str, peildatum: dt.date, perioden: list[str]) -> None:
        super().__init__(
            f"geen regeling van {gemeente} geldig op {peildatum.isoformat()}; "
            f"de regelingen die er zijn: {'; '.join(perioden)}"
        )


class RegelingFout(RegelFout):
    """A regeling file that cannot be used: every problem with its file and line."""

    def __init__(self, problemen: list[str]) -> None:
        self.problemen = problemen
        super().__init__("\n".join(problemen))


class TabelFout(RegelFout):
    """A decision table that gives no answer (a gap) or two at once (a conflict)."""
