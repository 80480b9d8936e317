"""Generic calculators for amounts: pure functions on Decimal, rounded to cents at the end.

No calculator knows an employer: the regeling's data chooses the calculator and its
parameters. Every result is between 0 and the grondslag it is taken from.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HONDERD = Decimal(100)


def afronden(bedrag: Decimal) -> Decimal:
    """Round to cents, half up (the usual rule for euro amounts).

    >>> afronden(Decimal("1.005")), afronden(Decimal("2.004"))
    (Decimal('1.01'), Decimal('2.00'))
    """
    return bedrag.quantize(CENT, rounding=ROUND_HALF_UP)


def percentage_van(grondslag: Decimal, percentage: int | Decimal) -> Decimal:
    """Return ``percentage`` % of ``grondslag``, in cents.

    >>> percentage_van(Decimal("1250.50"), 50)
    Decimal('625.25')
    """
    return afronden(grondslag * Decimal(percentage) / HONDERD)


def staffel_percentage(maanden: Decimal, treden: Sequence[tuple[int, int]]) -> int:
    """Return the share of the first step whose bound is not below ``maanden``, else 0.

    Each step is ``(tot_en_met_maanden, percentage)``; the bound is included, so a step
    "binnen een jaar" of 12 still holds at exactly 12 months (see rules/README.md).

    >>> treden = [(12, 100), (24, 75), (36, 50)]
    >>> [staffel_percentage(Decimal(m), treden) for m in ("0", "12", "12.5", "24", "36", "37")]
    [100, 100, 75, 75, 50, 0]
    """
    for grens, percentage in sorted(treden):
        if maanden <= grens:
            return percentage
    return 0


def volle_maanden_tekort(maanden: Decimal, termijn: int) -> int:
    """Return the number of whole months that ``maanden`` falls short of ``termijn``.

    A month that is only partly short does not count ("iedere volle maand").

    >>> [volle_maanden_tekort(Decimal(m), 24) for m in ("0", "18", "18.5", "23.9", "24", "30")]
    [24, 6, 5, 0, 0, 0]
    """
    tekort = Decimal(termijn) - maanden
    if tekort <= 0:
        return 0
    return min(termijn, int(tekort.to_integral_value(rounding=ROUND_FLOOR)))


def pro_rata(grondslag: Decimal, maanden: Decimal, termijn: int) -> Decimal:
    """Return 1/termijn of ``grondslag`` for every full month short of the term, in cents.

    >>> pro_rata(Decimal(4800), Decimal(18), 24)
    Decimal('1200.00')
    >>> pro_rata(Decimal(4800), Decimal("23.5"), 24)
    Decimal('0.00')
    """
    return afronden(grondslag * volle_maanden_tekort(maanden, termijn) / Decimal(termijn))
