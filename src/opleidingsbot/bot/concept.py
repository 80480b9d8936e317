"""The draft request: a DOCX the employee opens, edits and brings to the meeting.

Written as the employee's request to the manager ("Aanvraag opleiding"): fields to
fill in, the training, the costs and hours, the quote per part with its articles, the
what-ifs the employee asked about, points to discuss and a checklist. A4, at most two
pages for a usual case. Made with python-docx from the intake and the quote only.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from opleidingsbot.bot.dialoog.berichten import zonder_stuurtekens
from opleidingsbot.bot.teksten import CONCEPT as C
from opleidingsbot.bot.teksten import CONCEPT_DOELEN
from opleidingsbot.bot.weergave import bronnen_van, ook_tekst, procenten, verlof_tekst
from opleidingsbot.rules.contract import (
    Bron,
    Intake,
    Offerte,
    Terugbetaling,
    Vertrek,
    VertrekMoment,
)
from opleidingsbot.rules.opmaak import euro, getal

WatAls = tuple[Vertrek, Terugbetaling]
"""A what-if the employee asked for: the moment of leaving, and the repayment it gives."""

PAGINA_BREEDTE, PAGINA_HOOGTE = Mm(210), Mm(297)  # A4
MARGE_BOVEN, MARGE_ZIJ = Cm(2), Cm(2.5)
LABEL_BREEDTE = Cm(5.2)
WAARDE_BREEDTE = Length(PAGINA_BREEDTE - 2 * MARGE_ZIJ - LABEL_BREEDTE)
GRIJS = RGBColor(0x59, 0x59, 0x59)
RAND = "A6A6A6"


def maak_concept(
    intake: Intake,
    offerte: Offerte,
    map_: Path,
    vandaag: dt.date,
    wat_als: Sequence[WatAls] = (),
    werkgever: str | None = None,
) -> Path:
    """Write the draft request into ``map_`` and return its path (a new file each time)."""
    document = bouw_concept(intake, offerte, vandaag, wat_als, werkgever)
    map_.mkdir(parents=True, exist_ok=True)
    naam = (intake.opleiding.naam if intake.opleiding else None) or "opleiding"
    slak = re.sub(r"[^a-z0-9]+", "-", naam.lower()).strip("-")[:40] or "opleiding"
    pad = map_ / f"concept-aanvraag-{slak}-{vandaag.isoformat()}-{secrets.token_hex(3)}.docx"
    tijdelijk = pad.with_suffix(".tmp")
    document.save(str(tijdelijk))
    tijdelijk.replace(pad)
    return pad


def bouw_concept(
    intake: Intake,
    offerte: Offerte,
    vandaag: dt.date,
    wat_als: Sequence[WatAls] = (),
    werkgever: str | None = None,
) -> DocxDocument:
    """The draft request as a python-docx document.

    ``wat_als`` are the what-ifs the employee asked for; a ``vertrek`` in the intake
    itself counts as one, with the quote's repayment. ``werkgever`` is the employer's
    display name, when known.
    """
    opleiding = intake.opleiding
    if opleiding:  # a state stored before input was cleaned may still hold them
        schoon = {
            veld: zonder_stuurtekens(waarde)
            for veld in ("naam", "instelling")
            if isinstance(waarde := getattr(opleiding, veld), str)
        }
        intake = intake.model_copy(update={"opleiding": opleiding.model_copy(update=schoon)})
    document = Document()
    _opmaak(document, vandaag)
    document.add_heading(C["titel"], level=0)
    _hint(document, C["intro"])
    _gegevens(document, vandaag, werkgever)
    _verzoek(document, intake, offerte)
    _opleiding(document, intake)
    _kosten_en_uren(document, intake)
    genoemd: set[Bron] = set()
    _regeling(document, offerte, genoemd)
    _wat_als(document, intake, offerte, wat_als)
    _lijst(document, C["bespreken"], offerte.open_vragen, "List Bullet")
    if offerte.voorwaarden:
        _lijst(document, C["checklist"], offerte.voorwaarden, None, teken="☐ ")
        _bron(document, offerte, bronnen_van(offerte, "voorwaarden"), genoemd)
    overig = [b for b in offerte.bronnen if b not in genoemd]
    if overig:
        _bron(document, offerte, overig, genoemd, C["ook_gebruikt"])
    _akkoord(document)
    return document


# --- layout -----------------------------------------------------------------------------


def _opmaak(document: DocxDocument, vandaag: dt.date) -> None:
    """A4 with margins of 2 to 2.5 cm, a calm font, compact headings, a footer."""
    sectie = document.sections[0]
    sectie.orientation = WD_ORIENT.PORTRAIT
    sectie.page_width, sectie.page_height = PAGINA_BREEDTE, PAGINA_HOOGTE
    sectie.top_margin = sectie.bottom_margin = MARGE_BOVEN
    sectie.left_margin = sectie.right_margin = MARGE_ZIJ
    sectie.header_distance = sectie.footer_distance = Cm(1)
    stijlen = document.styles
    normaal = stijlen["Normal"]
    normaal.font.name = "Calibri"
    normaal.font.size = Pt(10.5)
    normaal.paragraph_format.space_after = Pt(4)
    normaal.paragraph_format.line_spacing = 1.1
    titel = stijlen["Title"]
    titel.font.size = Pt(22)
    titel.paragraph_format.space_after = Pt(6)
    kop = stijlen["Heading 1"]
    kop.font.size = Pt(13)
    kop.paragraph_format.space_before = Pt(12)
    kop.paragraph_format.space_after = Pt(4)
    kop.paragraph_format.keep_with_next = True
    for naam in ("Title", "Heading 1"):  # the theme's heading font may be missing
        stijlen[naam].font.name = "Calibri"
    voet = sectie.footer.paragraphs[0]
    voet.text = C["voet"].format(datum=vandaag.strftime("%d-%m-%Y")) + " "
    voet.runs[0].font.size = Pt(8)
    voet.runs[0].font.color.rgb = GRIJS
    _paginanummer(voet)


def _paginanummer(alinea: Paragraph) -> None:
    """Append "pagina N van M" as Word fields, so they stay right after editing."""
    for stuk in C["pagina"].split(" "):
        if stuk in ("{pagina}", "{paginas}"):
            veld = OxmlElement("w:fldSimple")
            veld.set(qn("w:instr"), "PAGE" if stuk == "{pagina}" else "NUMPAGES")
            run = OxmlElement("w:r")
            opmaak = OxmlElement("w:rPr")
            for eigenschap, waarde in (("w:color", str(GRIJS)), ("w:sz", "16")):
                element = OxmlElement(eigenschap)
                element.set(qn("w:val"), waarde)
                opmaak.append(element)
            run.append(opmaak)
            tekst = OxmlElement("w:t")
            tekst.text = "1"
            run.append(tekst)
            veld.append(run)
            alinea._p.append(veld)
            alinea.add_run(" ")
        else:
            alinea.add_run(stuk + " ")
    for run in alinea.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = GRIJS


def _hint(document: DocxDocument, tekst: str) -> Paragraph:
    """A note for the employee, not part of the request: small, grey, italic."""
    alinea = document.add_paragraph()
    run = alinea.add_run(tekst)
    run.italic = True
    run.font.color.rgb = GRIJS
    run.font.size = Pt(9.5)
    return alinea


def _tabel(document: DocxDocument, rijen: Sequence[tuple[str, str]], hoog: bool = False) -> Table:
    """Label and value in two columns; every row is data, none is a header.

    Empty values are boxes to fill in; ``hoog`` makes them tall enough to write in.
    """
    tabel: Table = document.add_table(rows=len(rijen), cols=2)
    tabel.autofit = False
    _randen(tabel)
    breedtes = (LABEL_BREEDTE, WAARDE_BREEDTE)
    for rij, (label, waarde) in zip(tabel.rows, rijen, strict=True):
        cellen = rij.cells
        _vul(cellen[0], label, vet=True)
        _vul(cellen[1], waarde)
        cellen[0].width, cellen[1].width = breedtes
        if not waarde:  # a box to write in
            rij.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            rij.height = Cm(1.6) if hoog else Cm(0.75)
    rooster = tabel._tbl.tblGrid.findall(qn("w:gridCol"))
    for kolom, maat in zip(rooster, breedtes, strict=True):
        kolom.set(qn("w:w"), str(maat.twips))
    return tabel


def _vul(cel: _Cell, tekst: str, vet: bool = False) -> None:
    alinea = cel.paragraphs[0]
    alinea.paragraph_format.space_after = Pt(1)
    alinea.paragraph_format.space_before = Pt(1)
    if tekst:
        alinea.add_run(tekst).bold = vet


def _randen(tabel: Table) -> None:
    """Thin grey lines around every cell, and no header formatting at all."""
    eigenschappen = tabel._tbl.tblPr
    randen = OxmlElement("w:tblBorders")
    for kant in ("top", "left", "bottom", "right", "insideH", "insideV"):
        rand = OxmlElement(f"w:{kant}")
        rand.set(qn("w:val"), "single")
        rand.set(qn("w:sz"), "4")
        rand.set(qn("w:color"), RAND)
        randen.append(rand)
    eigenschappen.insert_element_before(
        randen, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"
    )
    kijk = eigenschappen.find(qn("w:tblLook"))
    if kijk is None:
        kijk = OxmlElement("w:tblLook")
        eigenschappen.append(kijk)
    kijk.attrib.pop(qn("w:val"), None)  # the hex form would repeat the flags below
    for vlag, waarde in (("firstRow", "0"), ("firstColumn", "0"), ("lastRow", "0")):
        kijk.set(qn(f"w:{vlag}"), waarde)


def _lijst(
    document: DocxDocument,
    kop: str,
    punten: Sequence[str],
    stijl: str | None,
    teken: str = "",
) -> None:
    if not punten:
        return
    document.add_heading(kop, level=1)
    for punt in punten:
        alinea = document.add_paragraph(f"{teken}{punt}", style=stijl)
        alinea.paragraph_format.space_after = Pt(2)


def _bron(
    document: DocxDocument,
    offerte: Offerte,
    bronnen: Sequence[Bron],
    genoemd: set[Bron],
    voor: str | None = None,
) -> bool:
    """The articles not cited before, in one short line; each is cited once.

    Returns whether there was anything left to cite.
    """
    nieuw = [b for b in bronnen if b not in genoemd]
    if not nieuw:
        return False
    genoemd.update(nieuw)
    hoofd = _hoofddocument(offerte)
    delen = [b.artikel if b.document == hoofd else f"{b.document}, {b.artikel}" for b in nieuw]
    alinea = document.add_paragraph()
    alinea.paragraph_format.space_after = Pt(6)
    run = alinea.add_run(f"{voor or C['bron']} {'; '.join(delen)}.")
    run.italic = True
    run.font.size = Pt(9)
    return True


def _hoofddocument(offerte: Offerte) -> str | None:
    """The document most of the quote rests on: its articles are cited without its name."""
    documenten = [b.document for b in offerte.bronnen]
    return max(documenten, key=documenten.count) if documenten else None


# --- content ----------------------------------------------------------------------------


def _gegevens(document: DocxDocument, vandaag: dt.date, werkgever: str | None) -> None:
    document.add_heading(C["gegevens"], level=1)
    rijen = [
        (C[veld], "") for veld in ("naam_medewerker", "functie", "afdeling", "leidinggevende")
    ]
    if werkgever:
        rijen.append((C["werkgever"], werkgever))
    rijen.append((C["datum"], vandaag.strftime("%d-%m-%Y")))
    _tabel(document, rijen)


def _verzoek(document: DocxDocument, intake: Intake, offerte: Offerte) -> None:
    document.add_heading(C["verzoek"], level=1)
    document.add_paragraph(C["verzoek_tekst"])
    doel = C["doel"].format(doel=CONCEPT_DOELEN[intake.doel.value])
    if offerte.categorie:
        doel += " " + C["categorie"].format(categorie=offerte.categorie)
    document.add_paragraph(doel)
    _hint(document, C["eigen_woorden"])


def _opleiding(document: DocxDocument, intake: Intake) -> None:
    o = intake.opleiding
    leeg = C["onbekend"]
    diploma = o.diploma_of_certificaat if o else None
    rijen = [
        (C["naam"], (o.naam if o else None) or leeg),
        (C["instelling"], (o.instelling if o else None) or leeg),
        (C["niveau"], (o.niveau if o else None) or leeg),
        (C["start"], o.startdatum.strftime("%d-%m-%Y") if o and o.startdatum else leeg),
        (C["duur"], _duur(intake.duur_maanden) if intake.duur_maanden is not None else leeg),
        (C["diploma"], leeg if diploma is None else C["ja"] if diploma else C["nee"]),
    ]
    document.add_heading(C["opleiding"], level=1)
    _tabel(document, rijen)


def _duur(maanden: int) -> str:
    """The duration in months, and in years when it is whole years: 48 maanden (4 jaar)."""
    tekst = C["duur_waarde"].format(maanden=maanden)
    if maanden >= 12 and maanden % 12 == 0:
        jaren = maanden // 12
        tekst += " " + (C["een_jaar"] if jaren == 1 else C["jaren"].format(jaren=jaren))
    return tekst


def _kosten_en_uren(document: DocxDocument, intake: Intake) -> None:
    rijen: list[tuple[str, str]] = []
    kosten = intake.kosten
    if kosten is not None:
        totaal = kosten.studiekosten + kosten.reiskosten + kosten.verblijfkosten
        rijen += [
            (C["studiekosten"], euro(kosten.studiekosten)),
            (C["reiskosten"], euro(kosten.reiskosten)),
            (C["verblijfkosten"], euro(kosten.verblijfkosten)),
            (C["totaal"], euro(totaal)),
        ]
    for label, uren in (
        (C["contract_uren"], intake.contract_uren_per_week),
        (C["studie_uren"], intake.studie_uren_per_week),
    ):
        if uren is not None:
            rijen.append((label, C["uren"].format(uren=getal(uren))))
    if intake.in_werktijd is not None:
        rijen.append((C["in_werktijd"], C["ja"] if intake.in_werktijd else C["nee"]))
    if not rijen:
        return
    document.add_heading(C["kosten_en_uren"], level=1)
    tabel = _tabel(document, rijen)
    if kosten is not None:  # the total stands out
        for cel in tabel.rows[3].cells:
            for run in cel.paragraphs[0].runs:
                run.bold = True


def _regeling(document: DocxDocument, offerte: Offerte, genoemd: set[Bron]) -> None:
    v, t = offerte.vergoeding, offerte.terugbetaling
    document.add_heading(C["regeling"], level=1)
    intro = document.add_paragraph(C["regeling_intro"].format(regeling=offerte.regeling))
    intro.paragraph_format.keep_with_next = True
    if v.percentage is not None:
        bedrag = euro(v.bedrag) if v.bedrag is not None else C["onbekend"]
        vergoeding = " ".join(
            [
                C["vergoeding_waarde"].format(percentage=v.percentage, bedrag=bedrag),
                *ook_tekst(v.alternatieven, C["vergoeding_ook"], C["vergoeding_niets"]),
            ]
        )
    elif v.alternatieven:
        anders = [p for p in v.alternatieven if p]
        vergoeding = C["vergoeding_open"].format(opties=procenten(anders)) if anders else ""
        if 0 in v.alternatieven:
            vergoeding = f"{vergoeding} {C['vergoeding_niets']}".strip()
    else:
        vergoeding = C["vergoeding_geen"]
    staffel = [
        C["staffel"].format(maanden=trede.tot_maanden_na_afronding, percentage=trede.percentage)
        for trede in t.staffel
    ]
    delen = [
        (C["vergoeding"], f"{vergoeding} {v.toelichting}", [], ("vergoeding",)),
        (C["verlof"], verlof_tekst(offerte).removeprefix("Verlof: "), [], ("verlof",)),
        (C["terugbetaling"], t.toelichting, staffel, ("terugbetaling", "vertrek")),
    ]
    for kop, tekst, punten, tabellen in delen:
        alinea = document.add_paragraph()
        alinea.paragraph_format.space_after = Pt(2)
        alinea.add_run(f"{kop}: ").bold = True
        alinea.add_run(tekst.strip())
        for punt in punten:
            document.add_paragraph(punt, style="List Bullet").paragraph_format.space_after = Pt(0)
        if not _bron(document, offerte, bronnen_van(offerte, *tabellen), genoemd):
            document.paragraphs[-1].paragraph_format.space_after = Pt(6)


def _wat_als(
    document: DocxDocument, intake: Intake, offerte: Offerte, wat_als: Sequence[WatAls]
) -> None:
    gevallen = list(wat_als)
    if intake.vertrek is not None:
        gevallen.insert(0, (intake.vertrek, offerte.terugbetaling))
    regels: list[str] = []
    for vertrek, terug in gevallen:
        regel = wat_als_tekst(vertrek, terug)
        if regel not in regels:
            regels.append(regel)
    _lijst(document, C["wat_als"], regels, "List Bullet")


def wat_als_tekst(vertrek: Vertrek, terug: Terugbetaling) -> str:
    """One what-if in the employee's words: the moment, and what they would repay.

    >>> na_een_jaar = Vertrek(moment=VertrekMoment.na_afronding, maanden_na_afronding=Decimal(12))
    >>> wat_als_tekst(na_een_jaar, Terugbetaling(bedrag=Decimal(2000)))
    'Als ik 12 maanden na de opleiding zelf vertrek, betaal ik waarschijnlijk € 2.000,00 terug.'
    """
    if vertrek.moment == VertrekMoment.na_afronding:
        maanden = getal(vertrek.maanden_na_afronding or Decimal(0))
        geval = C["wat_als_na"].format(maanden=maanden)
    elif vertrek.moment == VertrekMoment.tijdens_opleiding:
        geval = C["wat_als_tijdens"]
    else:
        geval = C["wat_als_gestopt"]
    if terug.bedrag is None:
        return f"{geval}, {C['wat_als_onbekend']}"
    if terug.bedrag == 0:
        return f"{geval}, {C['wat_als_niets']}"
    return f"{geval}, {C['wat_als_bedrag'].format(bedrag=euro(terug.bedrag))}"


def _akkoord(document: DocxDocument) -> None:
    document.add_heading(C["akkoord"], level=1)
    _tabel(
        document,
        [(C["afspraken"], ""), (C["medewerker"], ""), (C["leidinggevende_akkoord"], "")],
        hoog=True,
    )
