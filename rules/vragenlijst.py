"""Which situation facts a regeling tests for a given goal: the questions worth asking.

The guided pre-intake asks only what the employer's own regeling looks at. A new
regeling file brings its own questions with it: no code per employer.
"""

from __future__ import annotations

from rules.rulebook import Regeling

SITUATIE_FEITEN = (
    "leidinggevende_akkoord",
    "in_pop",
    "in_opleidingsplan",
    "eigen_initiatief",
    "zicht_op_functie",
    "kans_arbeidsmarkt",
    "in_werktijd",
)
"""Facts about the situation, in the order a conversation asks them."""


def te_vragen(regeling: Regeling, doel: str) -> list[str]:
    """The situation facts some row of ``regeling`` tests for requests with this ``doel``.

    A row whose ``doel`` cell rules this goal out does not count.
    """
    gebruikt: set[str] = set()
    for tabel in regeling.tabellen:
        for rij in tabel.rijen:
            cel = rij.cellen.get("doel")
            if cel is not None and cel.evalueer(doel) is False:
                continue
            gebruikt.update(rij.cellen)
    return [feit for feit in SITUATIE_FEITEN if feit in gebruikt]
