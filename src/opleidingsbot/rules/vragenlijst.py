"""Which situation facts a regeling tests for a given goal: the questions worth asking.

The guided pre-intake asks only what the employer's own regeling looks at. A new
regeling file brings its own questions with it: no code per employer.
"""

from __future__ import annotations

from collections.abc import Mapping

from opleidingsbot.rules.rulebook import Regeling

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


def te_vragen(
    regeling: Regeling, doel: str, bekend: Mapping[str, object] | None = None
) -> list[str]:
    """The situation facts some row of ``regeling`` tests for requests with this ``doel``.

    A row whose ``doel`` cell rules this goal out does not count, nor a row that a fact
    already ``bekend`` rules out: with a function in view, Haarlem's rows on the chance
    of other work no longer apply, so that question is not asked.
    """
    bekend = {"doel": doel, **{k: v for k, v in (bekend or {}).items() if v is not None}}
    gebruikt: set[str] = set()
    for tabel in regeling.tabellen:
        for rij in tabel.rijen:
            if any(
                (cel := rij.cellen.get(feit)) is not None and cel.evalueer(waarde) is False
                for feit, waarde in bekend.items()
            ):
                continue
            gebruikt.update(rij.cellen)
    return [feit for feit in SITUATIE_FEITEN if feit in gebruikt]
