"""HR's weekly chart as a PNG, for Telegram or a file.

Drawn with matplotlib's object API on the Agg backend: no display, no pyplot state
shared between calls, so the bot can draw from any thread.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # before anything imports a backend

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from opleidingsbot.bot.statistiek import Week

KLEUREN = {
    "beantwoord": "#2e7d32",
    "suggesties": "#f9a825",
    "onbekend": "#c62828",
    "klaar": "#1565c0",
}


def weekgrafiek(weken: list[Week], titel: str) -> bytes:
    """The week chart as PNG bytes (8x4 inches at 100 dpi).

    Stacked bars per week: answered, answered with suggestions, unknown; a line for
    finished intakes.
    """
    figuur = Figure(figsize=(8, 4), dpi=100)
    as_ = figuur.add_subplot()
    x = list(range(len(weken)))
    beantwoord = [w.beantwoord for w in weken]
    suggesties = [w.gesuggereerd for w in weken]
    onbekend = [w.onbekend for w in weken]
    onder = [a + b for a, b in zip(beantwoord, suggesties, strict=True)]

    staven = [
        as_.bar(x, beantwoord, color=KLEUREN["beantwoord"], label="beantwoord"),
        as_.bar(x, suggesties, bottom=beantwoord, color=KLEUREN["suggesties"], label="suggesties"),
        as_.bar(x, onbekend, bottom=onder, color=KLEUREN["onbekend"], label="onbekend"),
    ]
    (lijn,) = as_.plot(
        x,
        [w.intakes_klaar for w in weken],
        color=KLEUREN["klaar"],
        marker="o",
        linewidth=2,
        label="intakes klaar",
    )

    as_.set_title(titel)
    as_.set_ylabel("aantal")
    as_.set_xticks(x, [w.label for w in weken])
    as_.yaxis.set_major_locator(MaxNLocator(integer=True))
    hoogste = max([*(w.vragen for w in weken), *(w.intakes_klaar for w in weken), 0])
    as_.set_ylim(0, max(hoogste * 1.15, 1))
    as_.grid(axis="y", alpha=0.3)
    as_.set_axisbelow(True)
    for kant in ("top", "right"):
        as_.spines[kant].set_visible(False)
    as_.legend(
        handles=[*staven, lijn],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1),
        fontsize="small",
        frameon=False,
        ncols=4,
    )
    figuur.tight_layout()

    buffer = io.BytesIO()
    figuur.savefig(buffer, format="png")
    return buffer.getvalue()
