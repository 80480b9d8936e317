"""The cell language of a decision table (a small FEEL, parsed once at load).

A cell tests one fact. In the YAML a cell is written as:

- ``-``: anything, also an unknown fact;
- ``true`` / ``false``: that yes/no answer;
- a number, or a word: exactly that value;
- a list ``[a, b]``, or ``"a, b"``: one of these values;
- ``"niet a, b"``: none of these values;
- ``"< 2000"``, ``"<= 2000"``, ``"> 5000"``, ``">= 2000"``: a comparison; for a date fact
  the bound is an ISO date, ``"> 2024-12-31"``;
- ``"[12..24]"`` (bounds included), ``"(12..24)"`` (excluded), or mixed ``"(12..24]"``;
- ``onbekend``-test: YAML ``null`` (``~``) matches only a fact the intake left empty.

Evaluating a cell gives True, False, or None: None means the fact is unknown, so the
row can neither apply nor be ruled out (an open question, never a silent default).
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from opleidingsbot.rules.feiten import Feit


class CelFout(ValueError):
    """A cell that cannot be read, or does not fit its fact's type."""


_VERGELIJK: dict[str, Callable[[Any, Any], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
}
_BEREIK = re.compile(r"^([\[(])\s*(-?[\d.]+)\s*\.\.\s*(-?[\d.]+)\s*([\])])$")


@dataclass(frozen=True)
class Cel:
    """A parsed cell: a test on one fact."""

    tekst: str
    test: Callable[[object], bool] | None
    """None for ``-``; otherwise the test on a known value."""
    alleen_onbekend: bool = False
    drempels: tuple[Decimal | dt.date, ...] = ()

    def evalueer(self, waarde: object) -> bool | None:
        """Return True or False, or None when the fact is unknown and the cell cares.

        >>> cel = lees_cel(">= 2000", Feit("getal", "?"))
        >>> cel.evalueer(Decimal(2000)), cel.evalueer(Decimal("1999.99")), cel.evalueer(None)
        (True, False, None)
        >>> lees_cel(None, Feit("bool", "?")).evalueer(None)
        True
        """
        if self.alleen_onbekend:
            return waarde is None
        if self.test is None:
            return True
        if waarde is None:
            return None
        return self.test(waarde)


def _getal(tekst: str) -> Decimal:
    try:
        getal = Decimal(tekst.strip())
    except InvalidOperation as fout:
        raise CelFout(f"'{tekst}' is geen getal") from fout
    if not getal.is_finite():
        raise CelFout(f"'{tekst}' is geen getal")
    return getal


def _een_van(waarden: list[object], feit: Feit, tekst: str, ontkend: bool = False) -> Cel:
    verwacht: set[object] = set()
    for waarde in waarden:
        if feit.soort == "keuze":
            if str(waarde) not in feit.waarden:
                keuzes = ", ".join(feit.waarden)
                raise CelFout(f"'{waarde}' is geen mogelijke waarde (wel: {keuzes})")
            verwacht.add(str(waarde))
        elif feit.soort == "getal":
            verwacht.add(_getal(str(waarde)))
        elif feit.soort == "bool":
            if not isinstance(waarde, bool):
                raise CelFout(f"'{waarde}' is geen true of false")
            verwacht.add(waarde)
        else:
            verwacht.add(str(waarde))
    if ontkend:
        return Cel(tekst, lambda w: w not in verwacht)
    return Cel(tekst, lambda w: w in verwacht)


def lees_cel(ruw: object, feit: Feit) -> Cel:
    """Parse one cell for ``feit``; raise CelFout with a Dutch reason if it is wrong."""
    if ruw is None:
        return Cel("onbekend", None, alleen_onbekend=True)
    if isinstance(ruw, bool):
        if feit.soort != "bool":
            raise CelFout(f"{str(ruw).lower()} past niet bij een feit van soort {feit.soort}")
        return Cel(str(ruw).lower(), lambda w: w is ruw)
    if isinstance(ruw, int | float):
        return _vergelijking("==", _getal(str(ruw)), feit, str(ruw))
    if isinstance(ruw, list):
        return _een_van(ruw, feit, ", ".join(map(str, ruw)))
    if not isinstance(ruw, str):
        raise CelFout(f"'{ruw}' is geen geldige cel")
    tekst = ruw.strip()
    if tekst == "-":
        return Cel("-", None)
    for teken, _ in _VERGELIJK.items():
        if tekst.startswith(teken):
            return _vergelijking(teken, _grens(tekst[len(teken) :], feit), feit, tekst)
    bereik = _BEREIK.match(tekst)
    if bereik:
        return _bereik(bereik, feit, tekst)
    if tekst.startswith("niet "):
        return _een_van(_delen(tekst[5:]), feit, tekst, ontkend=True)
    return _een_van(_delen(tekst), feit, tekst)


def _delen(tekst: str) -> list[object]:
    return [deel.strip() for deel in tekst.split(",") if deel.strip()]


def _grens(tekst: str, feit: Feit) -> Decimal | dt.date:
    """The bound of a comparison: an ISO date for a date fact, else a number."""
    if feit.soort != "datum":
        return _getal(tekst)
    try:
        return dt.date.fromisoformat(tekst.strip())
    except ValueError as fout:
        raise CelFout(f"'{tekst.strip()}' is geen datum (jjjj-mm-dd)") from fout


def _vergelijking(teken: str, grens: Decimal | dt.date, feit: Feit, tekst: str) -> Cel:
    """A comparison with a bound.

    >>> cel = lees_cel("> 2024-12-31", Feit("datum", "?"))
    >>> cel.evalueer(dt.date(2025, 1, 1)), cel.evalueer(dt.date(2024, 12, 31))
    (True, False)
    """
    if feit.soort == "datum" and teken != "==":
        vergelijk_datum = _VERGELIJK[teken]
        return Cel(tekst, lambda w: vergelijk_datum(_als_datum(w), grens), drempels=(grens,))
    if feit.soort != "getal":
        raise CelFout(f"'{tekst}' vergelijkt getallen, maar dit feit is van soort {feit.soort}")
    if teken == "==":
        return Cel(tekst, lambda w: w == grens, drempels=(grens,))
    vergelijk = _VERGELIJK[teken]
    return Cel(tekst, lambda w: vergelijk(_als_getal(w), grens), drempels=(grens,))


def _bereik(bereik: re.Match[str], feit: Feit, tekst: str) -> Cel:
    if feit.soort != "getal":
        raise CelFout(f"'{tekst}' is een bereik, maar dit feit is van soort {feit.soort}")
    links, onder, boven, rechts = bereik.groups()
    laag, hoog = _getal(onder), _getal(boven)
    if laag > hoog:
        raise CelFout(f"'{tekst}': de ondergrens is groter dan de bovengrens")
    boven_ok = operator.ge if links == "[" else operator.gt
    onder_ok = operator.le if rechts == "]" else operator.lt

    def test(waarde: object) -> bool:
        getal = _als_getal(waarde)
        return bool(boven_ok(getal, laag)) and bool(onder_ok(getal, hoog))

    return Cel(tekst, test, drempels=(laag, hoog))


def _als_datum(waarde: object) -> dt.date:
    if isinstance(waarde, dt.date):
        return waarde
    raise CelFout(f"'{waarde}' is geen datum")


def _als_getal(waarde: object) -> Decimal:
    if isinstance(waarde, Decimal):
        return waarde
    if isinstance(waarde, int | float) and not isinstance(waarde, bool):
        return Decimal(str(waarde))
    raise CelFout(f"'{waarde}' is geen getal")
