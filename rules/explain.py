"""Explain a quote step by step in Dutch: which row applied, on which facts, on which article."""

from __future__ import annotations

from rules.contract import Offerte, Stap


def leg_uit(offerte: Offerte) -> list[str]:
    """Return the explanation of ``offerte`` as numbered Dutch steps, one per table row."""
    return [_stap(nummer, stap) for nummer, stap in enumerate(offerte.uitleg, start=1)]


def _stap(nummer: int, stap: Stap) -> str:
    bronnen = "; ".join(f"{b.document}, {b.artikel}" for b in stap.bronnen)
    feiten = ", ".join(
        f"{naam.replace('_', ' ')}: {waarde}" for naam, waarde in stap.feiten.items()
    )
    regels = [f"{nummer}. {stap.vraag}", f"   {stap.tekst}"]
    if feiten:
        regels.append(f"   Gebruikt: {feiten}.")
    regels.append(f"   Bron: {bronnen}.")
    return "\n".join(regels)
