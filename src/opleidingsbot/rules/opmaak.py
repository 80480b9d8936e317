"""Write amounts and facts the Dutch way, for explanations and quotes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from opleidingsbot.rules.calculators import afronden


def euro(bedrag: Decimal | int | float) -> str:
    """Format an amount as Dutch euros.

    >>> euro(Decimal("1250.5")), euro(3000), euro(Decimal("0.456"))
    ('€ 1.250,50', '€ 3.000,00', '€ 0,46')
    """
    tekst = f"{afronden(Decimal(str(bedrag))):,.2f}"
    return "€ " + tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def getal(waarde: Decimal) -> str:
    """Format a number without needless decimals, with a decimal comma.

    >>> getal(Decimal("18.50")), getal(Decimal(24))
    ('18,5', '24')
    """
    tekst = format(waarde.normalize(), "f")
    return tekst.replace(".", ",")


_MAANDEN = (
    *("januari", "februari", "maart", "april", "mei", "juni"),
    *("juli", "augustus", "september", "oktober", "november", "december"),
)


def datum(dag: dt.date) -> str:
    """A date in words, the way a letter writes it.

    >>> datum(dt.date(2020, 1, 1)), datum(dt.date(2024, 12, 31))
    ('1 januari 2020', '31 december 2024')
    """
    return f"{dag.day} {_MAANDEN[dag.month - 1]} {dag.year}"


def waarde(waarde: object, geld: bool = False) -> str:
    """Format a fact's value for a person; an unknown fact reads "onbekend".

    >>> waarde(True), waarde(None), waarde("huidige_functie"), waarde(Decimal(2000), geld=True)
    ('ja', 'onbekend', 'huidige functie', '€ 2.000,00')
    >>> waarde(dt.date(2025, 9, 1))
    '1-9-2025'
    """
    if waarde is None:
        return "onbekend"
    if isinstance(waarde, dt.date):
        return f"{waarde.day}-{waarde.month}-{waarde.year}"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, Decimal):
        return euro(waarde) if geld else getal(waarde)
    return str(waarde).replace("_", " ")
