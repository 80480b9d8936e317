"""Render a quote in plain Dutch for a person (terminal, and later the chat)."""

from __future__ import annotations

from rules.contract import Offerte
from rules.explain import leg_uit
from rules.opmaak import euro, getal


def offerte_tekst(offerte: Offerte) -> str:
    """The quote as short Dutch paragraphs: main point first, one subject each."""
    v, verlof, t = offerte.vergoeding, offerte.verlof, offerte.terugbetaling
    delen = [f"Je regeling: {offerte.regeling}."]
    if offerte.categorie:
        delen.append(f"Soort aanvraag: {offerte.categorie}.")
    if v.percentage is not None:
        bedrag = f" Dat is {euro(v.bedrag)}." if v.bedrag is not None else ""
        delen.append(f"Vergoeding: waarschijnlijk {v.percentage}%.{bedrag} {v.toelichting}")
    elif v.alternatieven:
        opties = ", ".join(f"{p}%" for p in v.alternatieven)
        delen.append(f"Vergoeding: nog niet zeker. Mogelijk is {opties}. {v.toelichting}")
    else:
        delen.append(f"Vergoeding: geen vast percentage. {v.toelichting}")
    if v.percentage is not None and v.alternatieven:
        delen.append("Het kan ook: " + ", ".join(f"{p}%" for p in v.alternatieven) + ".")
    verloftekst = f"Verlof: {verlof.toelichting}"
    if verlof.examen_voorbereiding_max_uren_per_jaar is not None:
        uren = getal(verlof.examen_voorbereiding_max_uren_per_jaar)
        verloftekst += f" Voor examenvoorbereiding: ten hoogste {uren} uur per jaar."
    delen.append(verloftekst)
    delen.append(f"Terugbetalen: {t.toelichting}")
    if t.bedrag is not None:
        delen.append(f"In jouw voorbeeld betaal je {euro(t.bedrag)} terug.")
    if offerte.voorwaarden:
        delen.append("Wat je moet regelen:\n" + "\n".join(f"- {w}" for w in offerte.voorwaarden))
    if offerte.open_vragen:
        delen.append("Nog open:\n" + "\n".join(f"- {w}" for w in offerte.open_vragen))
    bronnen = "\n".join(f"- {b.document}, {b.artikel}" for b in offerte.bronnen)
    delen.append(f"Bronnen:\n{bronnen}")
    delen.append("Dit is een inschatting. Je leidinggevende beslist.")
    return "\n\n".join(delen)


def uitleg_tekst(offerte: Offerte) -> str:
    """The step-by-step explanation ("waarom?") as Dutch text."""
    return "Waarom? Zo komen we tot deze inschatting:\n\n" + "\n\n".join(leg_uit(offerte))
