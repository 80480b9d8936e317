"""The draft request: a DOCX the employee opens, edits and brings to the meeting.

Made with python-docx from the intake and the quote: the training, the costs, what
the regeling says with its articles, points to discuss, and a checklist.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument

from bot.teksten import CONCEPT as C
from bot.teksten import DOELEN
from bot.weergave import bron_tekst, bronnen_van, verlof_tekst
from rules.contract import Intake, Offerte
from rules.opmaak import euro


def maak_concept(intake: Intake, offerte: Offerte, map_: Path, vandaag: dt.date) -> Path:
    """Write the draft request into ``map_`` and return its path (a new file each time)."""
    document = Document()
    document.add_heading(C["titel"], level=0)
    document.add_paragraph(C["intro"])
    _opleiding(document, intake)
    document.add_heading(C["waarom"], level=1)
    document.add_paragraph(C["doel"].format(doel=DOELEN[intake.doel.value]))
    document.add_paragraph(C["eigen_woorden"])
    _kosten(document, intake)
    _regeling(document, offerte)
    if offerte.open_vragen:
        document.add_heading(C["bespreken"], level=1)
        for vraag in offerte.open_vragen:
            document.add_paragraph(vraag, style="List Bullet")
    if offerte.voorwaarden:
        document.add_heading(C["checklist"], level=1)
        for voorwaarde in offerte.voorwaarden:
            document.add_paragraph(f"☐ {voorwaarde}")
    document.add_heading(C["bronnen"], level=1)
    for bron in offerte.bronnen:
        document.add_paragraph(f"{bron.document}, {bron.artikel}", style="List Bullet")
    document.add_heading(C["handtekening"], level=1)
    document.add_paragraph(C["medewerker"])
    document.add_paragraph(C["leidinggevende"])
    document.sections[0].footer.paragraphs[0].text = C["voet"].format(
        datum=vandaag.strftime("%d-%m-%Y")
    )
    map_.mkdir(parents=True, exist_ok=True)
    naam = (intake.opleiding.naam if intake.opleiding else None) or "opleiding"
    slak = re.sub(r"[^a-z0-9]+", "-", naam.lower()).strip("-")[:40] or "opleiding"
    pad = map_ / f"concept-aanvraag-{slak}-{vandaag.isoformat()}-{secrets.token_hex(3)}.docx"
    tijdelijk = pad.with_suffix(".tmp")
    document.save(str(tijdelijk))
    tijdelijk.replace(pad)
    return pad


def _opleiding(document: DocxDocument, intake: Intake) -> None:
    o = intake.opleiding
    onbekend = C["onbekend"]
    diploma = o.diploma_of_certificaat if o else None
    rijen = [
        (C["naam"], (o.naam if o else None) or onbekend),
        (C["instelling"], (o.instelling if o else None) or onbekend),
        (C["niveau"], (o.niveau if o else None) or onbekend),
        (C["start"], o.startdatum.strftime("%d-%m-%Y") if o and o.startdatum else onbekend),
        (
            C["duur"],
            C["duur_waarde"].format(maanden=intake.duur_maanden)
            if intake.duur_maanden is not None
            else onbekend,
        ),
        (C["diploma"], onbekend if diploma is None else C["ja"] if diploma else C["nee"]),
    ]
    document.add_heading(C["opleiding"], level=1)
    _tabel(document, rijen)


def _kosten(document: DocxDocument, intake: Intake) -> None:
    kosten = intake.kosten
    if kosten is None:
        return
    totaal = kosten.studiekosten + kosten.reiskosten + kosten.verblijfkosten
    document.add_heading(C["kosten"], level=1)
    _tabel(
        document,
        [
            (C["studiekosten"], euro(kosten.studiekosten)),
            (C["reiskosten"], euro(kosten.reiskosten)),
            (C["verblijfkosten"], euro(kosten.verblijfkosten)),
            (C["totaal"], euro(totaal)),
        ],
    )


def _regeling(document: DocxDocument, offerte: Offerte) -> None:
    v, t = offerte.vergoeding, offerte.terugbetaling
    document.add_heading(C["regeling"], level=1)
    document.add_paragraph(C["regeling_intro"].format(regeling=offerte.regeling))
    if v.percentage is not None:
        bedrag = euro(v.bedrag) if v.bedrag is not None else C["onbekend"]
        vergoeding = C["vergoeding_waarde"].format(percentage=v.percentage, bedrag=bedrag)
    elif v.alternatieven:
        vergoeding = C["vergoeding_open"].format(
            opties=", ".join(f"{p}%" for p in v.alternatieven)
        )
    else:
        vergoeding = C["vergoeding_geen"]
    delen = [
        (C["vergoeding"], f"{vergoeding} {v.toelichting}", ("vergoeding",)),
        (C["verlof"], verlof_tekst(offerte).removeprefix("Verlof: "), ("verlof",)),
        (C["terugbetaling"], t.toelichting, ("terugbetaling", "vertrek")),
    ]
    for kop, tekst, tabellen in delen:
        alinea = document.add_paragraph()
        alinea.add_run(f"{kop}: ").bold = True
        alinea.add_run(tekst)
        bron = bron_tekst(bronnen_van(offerte, *tabellen))
        if bron:
            document.add_paragraph(bron).runs[0].italic = True
    for trede in t.staffel:
        document.add_paragraph(
            C["staffel"].format(
                maanden=trede.tot_maanden_na_afronding, percentage=trede.percentage
            ),
            style="List Bullet",
        )


def _tabel(document: DocxDocument, rijen: list[tuple[str, str]]) -> None:
    tabel = document.add_table(rows=0, cols=2)
    tabel.style = "Light List"
    for label, waarde in rijen:
        cellen = tabel.add_row().cells
        cellen[0].text = label
        cellen[1].text = waarde
