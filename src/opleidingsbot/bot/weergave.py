"""Render a quote in plain Dutch for a person: the chat, the terminal, the draft request.

Each part (reimbursement, leave, repayment, conditions) names the articles it rests
on, taken from the engine's explanation steps for that part's table.
"""

from __future__ import annotations

from opleidingsbot.bot.teksten import (
    ANTWOORD_OP,
    BRON,
    NIETS_TERUG,
    OOK_GOED_OM_TE_WETEN,
    VERGOEDING_OOK,
    VERGOEDING_OOK_NIETS,
    VERGOEDING_OPEN,
    VERGOEDING_OPEN_NIETS,
    VOORBEELD_TERUG,
    WAAROM_KOP,
)
from opleidingsbot.knowledge.faq import FaqBestand, FaqItem
from opleidingsbot.rules.contract import Bron, Offerte
from opleidingsbot.rules.explain import leg_uit
from opleidingsbot.rules.opmaak import euro, getal

DELEN = ("vergoeding", "verlof", "terugbetaling", "vertrek", "voorwaarden")


def antwoord_tekst(vraag: FaqItem, bestand: FaqBestand) -> str:
    """An FAQ answer as the employee sees it: its question, answer, tip and source.

    The entry's own question comes first, so a person sees at once when the bot answered
    another question than theirs. The tip is part of the answer: a fact only in a tip
    would reach only those who press "Wist je dat?".
    """
    bron = "; ".join(f"{bestand.documenten[b.document]}, {b.artikel}" for b in vraag.bron)
    delen = [ANTWOORD_OP.format(vraag=vraag.vraag), vraag.antwoord]
    if vraag.wist_je_dat:
        delen.append(OOK_GOED_OM_TE_WETEN.format(tip=vraag.wist_je_dat))
    delen.append(BRON.format(bronnen=bron))
    return "\n\n".join(delen)


def bronnen_van(offerte: Offerte, *tabellen: str) -> list[Bron]:
    """The sources of the rows applied in these tables, without repeats, in order."""
    gezien: list[Bron] = []
    for stap in offerte.uitleg:
        if stap.tabel in tabellen:
            gezien.extend(b for b in stap.bronnen if b not in gezien)
    return gezien


def bron_tekst(bronnen: list[Bron]) -> str:
    """Sources in one line: "Bron: document, artikel; …" (empty when there are none)."""
    if not bronnen:
        return ""
    return "Bron: " + "; ".join(f"{b.document}, {b.artikel}" for b in bronnen) + "."


def vergoeding_tekst(offerte: Offerte) -> str:
    """The reimbursement in a sentence or two; 0% is said as "niets"."""
    v = offerte.vergoeding
    if v.percentage is not None:
        bedrag = f" Dat is {euro(v.bedrag)}." if v.bedrag is not None else ""
        tekst = f"Vergoeding: waarschijnlijk {v.percentage}%.{bedrag} {v.toelichting}"
        return " ".join([tekst, *ook_tekst(v.alternatieven)])
    if v.alternatieven:
        opties = procenten([p for p in v.alternatieven if p])
        if opties:
            tekst = VERGOEDING_OPEN.format(opties=opties)
            if 0 in v.alternatieven:
                tekst += " " + VERGOEDING_OOK_NIETS
        else:
            tekst = VERGOEDING_OPEN_NIETS
        return f"{tekst} {v.toelichting}"
    return f"Vergoeding: geen vast percentage. {v.toelichting}"


def procenten(percentages: list[int]) -> str:
    """Percentages in words: "100%", "100% of 50%", "100%, 75% of 50%".

    >>> procenten([100]), procenten([100, 50]), procenten([100, 75, 50])
    ('100%', '100% of 50%', '100%, 75% of 50%')
    """
    delen = [f"{p}%" for p in percentages]
    if len(delen) < 2:
        return "".join(delen)
    return ", ".join(delen[:-1]) + " of " + delen[-1]


def ook_tekst(
    alternatieven: list[int], ook: str = VERGOEDING_OOK, niets: str = VERGOEDING_OOK_NIETS
) -> list[str]:
    """The other percentages in plain sentences; 0% becomes "niets vergoed".

    The draft passes its own ``ook`` and ``niets``: it speaks in the employee's "ik".
    """
    zinnen = []
    anders = [p for p in alternatieven if p]
    if anders:
        zinnen.append(ook.format(opties=procenten(anders)))
    if 0 in alternatieven:
        zinnen.append(niets)
    return zinnen


def verlof_tekst(offerte: Offerte) -> str:
    """The study leave in a sentence or two."""
    verlof = offerte.verlof
    tekst = f"Verlof: {verlof.toelichting}"
    if verlof.examen_voorbereiding_max_uren_per_jaar is not None:
        uren = getal(verlof.examen_voorbereiding_max_uren_per_jaar)
        tekst += f" Voor examenvoorbereiding: ten hoogste {uren} uur per jaar."
    return tekst


def offerte_tekst(offerte: Offerte) -> str:
    """The quote as short Dutch paragraphs: main point first, one subject each."""
    t = offerte.terugbetaling

    def met_bron(tekst: str, *tabellen: str) -> str:
        bron = bron_tekst(bronnen_van(offerte, *tabellen))
        return f"{tekst}\n{bron}" if bron else tekst

    delen = [f"Je regeling: {offerte.regeling}."]
    if offerte.categorie:
        delen.append(f"Soort aanvraag: {offerte.categorie}.")
    delen.append(met_bron(vergoeding_tekst(offerte), "vergoeding"))
    delen.append(met_bron(verlof_tekst(offerte), "verlof"))
    terug = f"Terugbetalen: {t.toelichting}"
    if t.bedrag is not None:
        if t.bedrag != 0:
            terug += " " + VOORBEELD_TERUG.format(bedrag=euro(t.bedrag))
        elif t.van_toepassing is not False:  # no obligation: the toelichting says so already
            terug += " " + NIETS_TERUG
    delen.append(met_bron(terug, "terugbetaling", "vertrek"))
    if offerte.voorwaarden:
        lijst = "\n".join(f"- {w}" for w in offerte.voorwaarden)
        delen.append(met_bron(f"Wat je moet regelen:\n{lijst}", "voorwaarden"))
    if offerte.open_vragen:
        delen.append("Nog open:\n" + "\n".join(f"- {w}" for w in offerte.open_vragen))
    getoond = bronnen_van(offerte, *DELEN)
    overig = [b for b in offerte.bronnen if b not in getoond]
    if overig:
        delen.append("Ook gebruikt:\n" + "\n".join(f"- {b.document}, {b.artikel}" for b in overig))
    delen.append("Dit is een inschatting. Je leidinggevende beslist.")
    return "\n\n".join(delen)


def uitleg_tekst(offerte: Offerte) -> str:
    """The step-by-step explanation ("waarom?") as Dutch text."""
    return WAAROM_KOP + "\n\n" + "\n\n".join(leg_uit(offerte))
