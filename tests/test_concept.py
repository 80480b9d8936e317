"""The draft request (DOCX): A4, fields to fill in, and the intake's and quote's figures."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table

from opleidingsbot.bot.concept import bouw_concept, maak_concept
from opleidingsbot.bot.teksten import CONCEPT as C
from opleidingsbot.rules import Regelboek, maak_offerte
from opleidingsbot.rules.contract import Intake, Offerte, Terugbetaling, Vertrek

VANDAAG = dt.date(2026, 12, 4)

HELE_INTAKE: dict[str, Any] = {
    "gemeente": "haarlem",
    "doel": "loopbaan_intern",
    "zicht_op_functie": False,
    "kans_arbeidsmarkt": "groot",
    "leidinggevende_akkoord": True,
    "in_pop": True,
    "opleiding": {
        "naam": "Hbo Bestuurskunde",
        "instelling": "Hogeschool Inholland",
        "niveau": "hbo",
        "startdatum": "2027-09-01",
        "diploma_of_certificaat": True,
    },
    "duur_maanden": 48,
    "kosten": {"studiekosten": 7500, "reiskosten": "450.50"},
    "in_werktijd": False,
    "contract_uren_per_week": 36,
    "studie_uren_per_week": "8.5",
}


def offerte_voor(data: dict[str, Any], regelboek: Regelboek) -> tuple[Intake, Offerte]:
    intake = Intake.model_validate(data, strict=False)
    return intake, maak_offerte(intake, regelboek, VANDAAG)


def opnieuw_gelezen(document: DocxDocument) -> DocxDocument:
    """Saved and opened again, as the employee's word processor would."""
    buffer = io.BytesIO()
    document.save(buffer)
    return docx.Document(io.BytesIO(buffer.getvalue()))


def rijen(tabel: Table) -> dict[str, str]:
    return {r.cells[0].text: r.cells[1].text for r in tabel.rows}


def tabel_met(document: DocxDocument, label: str) -> dict[str, str]:
    [tabel] = [t for t in document.tables if label in rijen(t)]
    return rijen(tabel)


def tekst(document: DocxDocument) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def onder_kop(document: DocxDocument, kop: str) -> list[str]:
    """The paragraphs after a heading, up to the next heading."""
    gevonden: list[str] = []
    bezig = False
    for alinea in document.paragraphs:
        if alinea.style is not None and alinea.style.name.startswith("Heading"):
            if bezig:
                break
            bezig = alinea.text == kop
        elif bezig:
            gevonden.append(alinea.text)
    return gevonden


@pytest.fixture(scope="module")
def haarlem(regelboek: Regelboek) -> tuple[Intake, Offerte, DocxDocument]:
    intake, offerte = offerte_voor(HELE_INTAKE, regelboek)
    document = bouw_concept(intake, offerte, VANDAAG, werkgever="Haarlem")
    return intake, offerte, opnieuw_gelezen(document)


def test_the_page_is_a4_with_sensible_margins(haarlem: tuple[Any, Any, DocxDocument]) -> None:
    [sectie] = haarlem[2].sections
    assert sectie.page_width is not None and sectie.page_height is not None
    assert (round(sectie.page_width.mm), round(sectie.page_height.mm)) == (210, 297)
    for marge in (
        sectie.top_margin,
        sectie.bottom_margin,
        sectie.left_margin,
        sectie.right_margin,
    ):
        assert marge is not None and 15 <= marge.mm <= 30


def test_it_is_a_request_with_fields_to_fill_in(haarlem: tuple[Any, Any, DocxDocument]) -> None:
    document = haarlem[2]
    assert document.paragraphs[0].text == "Aanvraag opleiding"
    gegevens = rijen(document.tables[0])
    assert list(gegevens) == [
        "Naam",
        "Functie",
        "Afdeling",
        "Leidinggevende",
        "Werkgever",
        "Datum",
    ]
    leeg = ("Naam", "Functie", "Afdeling", "Leidinggevende")
    assert [gegevens[veld] for veld in leeg] == ["", "", "", ""], "left for the employee"
    assert gegevens["Werkgever"] == "Haarlem" and gegevens["Datum"] == "04-12-2026"
    assert "Ik wil graag de opleiding hieronder volgen." in tekst(document)
    handtekening = rijen(document.tables[-1])
    assert set(handtekening.values()) == {""} and any("leidinggevende" in k for k in handtekening)


def test_the_training_costs_and_hours_are_in_it(haarlem: tuple[Any, Any, DocxDocument]) -> None:
    document = haarlem[2]
    opleiding = tabel_met(document, C["duur"])
    assert opleiding[C["duur"]] == "48 maanden (4 jaar)"
    assert opleiding[C["naam"]] == "Hbo Bestuurskunde"
    assert opleiding[C["instelling"]] == "Hogeschool Inholland"
    assert opleiding[C["start"]] == "01-09-2027"
    kosten = tabel_met(document, C["totaal"])
    assert kosten[C["studiekosten"]] == "€ 7.500,00"
    assert kosten[C["reiskosten"]] == "€ 450,50"
    assert kosten[C["verblijfkosten"]] == "€ 0,00"
    assert kosten[C["totaal"]] == "€ 7.950,50"
    assert kosten[C["contract_uren"]] == "36 uur per week"
    assert kosten[C["studie_uren"]] == "8,5 uur per week"
    assert kosten[C["in_werktijd"]] == "nee"


def test_the_quote_per_part_with_each_article_cited_once(
    haarlem: tuple[Any, Offerte, DocxDocument],
) -> None:
    _, offerte, document = haarlem
    regeling = onder_kop(document, C["regeling"])
    assert any(r.startswith("Vergoeding: 100%, dat is € 7.950,50.") for r in regeling)
    assert any(r.startswith("Studieverlof: ") for r in regeling)
    assert any(
        r.startswith(f"Terugbetalen: {offerte.terugbetaling.toelichting}") for r in regeling
    )
    geciteerd = [
        stuk
        for alinea in document.paragraphs
        for voor in (C["bron"], C["ook_gebruikt"])
        if alinea.text.startswith(voor)
        for stuk in alinea.text.removeprefix(voor).strip().removesuffix(".").split("; ")
    ]
    hoofd = "Beleidskader individuele opleidingen gemeente Haarlem (2020)"
    verwacht = [
        b.artikel if b.document == hoofd else f"{b.document}, {b.artikel}" for b in offerte.bronnen
    ]
    assert sorted(geciteerd) == sorted(verwacht), "every source once, none twice"
    assert "volgens de beleidskader" not in tekst(document).lower()


def test_open_questions_and_the_checklist(haarlem: tuple[Any, Offerte, DocxDocument]) -> None:
    _, offerte, document = haarlem
    assert offerte.open_vragen and offerte.voorwaarden
    assert onder_kop(document, "Punten om te bespreken") == offerte.open_vragen
    checklist = onder_kop(document, C["checklist"])
    assert checklist[: len(offerte.voorwaarden)] == [f"☐ {v}" for v in offerte.voorwaarden]
    assert checklist[len(offerte.voorwaarden)].startswith("Bron: ")


def test_no_table_has_a_header_row(haarlem: tuple[Any, Any, DocxDocument]) -> None:
    document = haarlem[2]
    assert len(document.tables) == 4
    for tabel in document.tables:
        kijk = tabel._tbl.tblPr.find(qn("w:tblLook"))
        assert kijk is not None and kijk.get(qn("w:firstRow")) == "0"
        assert not tabel._tbl.xpath(".//w:tblHeader")
        eerste, tweede = (tabel.rows[i].cells[1].paragraphs[0].runs for i in (0, 1))
        assert [r.bold for r in eerste] == [r.bold for r in tweede], (
            "the first row looks like data"
        )


def test_the_what_ifs_asked_are_worked_out(regelboek: Regelboek) -> None:
    data = {
        **HELE_INTAKE,
        "gemeente": "kaag-en-braassem",
        "doel": "huidige_functie",
        "kosten": {"studiekosten": 4000},
    }
    intake, offerte = offerte_voor(data, regelboek)
    gevraagd = []
    for vertrek in (
        {"moment": "na_afronding", "maanden_na_afronding": 12, "reden": "eigen_initiatief"},
        {"moment": "afgebroken", "reden": "eigen_initiatief"},
    ):
        _, met_vertrek = offerte_voor({**data, "vertrek": vertrek}, regelboek)
        gevraagd.append((Vertrek.model_validate(vertrek, strict=False), met_vertrek.terugbetaling))
    assert gevraagd[0][1].bedrag == Decimal(2000)
    document = opnieuw_gelezen(bouw_concept(intake, offerte, VANDAAG, gevraagd))
    wat_als = onder_kop(document, C["wat_als"])
    assert wat_als[0] == (
        "Als ik 12 maanden na de opleiding zelf vertrek, "
        "betaal ik waarschijnlijk € 2.000,00 terug."
    )
    assert wat_als[1].startswith("Als ik zelf met de opleiding stop, ")
    assert len(wat_als) == 2


def test_a_vertrek_in_the_intake_is_a_what_if_too(regelboek: Regelboek) -> None:
    data = {
        **HELE_INTAKE,
        "gemeente": "kaag-en-braassem",
        "doel": "huidige_functie",
        "kosten": {"studiekosten": 4000},
        "vertrek": {
            "moment": "na_afronding",
            "maanden_na_afronding": 18,
            "reden": "eigen_initiatief",
        },
    }
    intake, offerte = offerte_voor(data, regelboek)
    assert offerte.terugbetaling.bedrag == Decimal(1000) and intake.vertrek is not None
    ook_gevraagd = (intake.vertrek, Terugbetaling(bedrag=Decimal(1000)))
    document = bouw_concept(intake, offerte, VANDAAG, [ook_gevraagd])
    assert onder_kop(document, C["wat_als"]) == [
        "Als ik 18 maanden na de opleiding zelf vertrek, "
        "betaal ik waarschijnlijk € 1.000,00 terug."
    ], "listed once"


def test_a_short_intake_leaves_out_what_it_does_not_know(regelboek: Regelboek) -> None:
    intake, offerte = offerte_voor({"gemeente": "haarlem", "doel": "huidige_functie"}, regelboek)
    document = opnieuw_gelezen(bouw_concept(intake, offerte, VANDAAG))
    assert "Werkgever" not in rijen(document.tables[0])
    opleiding = tabel_met(document, C["duur"])
    assert opleiding[C["duur"]] == C["onbekend"]
    assert not any(C["contract_uren"] in rijen(t) for t in document.tables)
    assert C["wat_als"] not in tekst(document)


def test_the_file_is_written_with_the_training_in_its_name(
    regelboek: Regelboek, tmp_path: Any
) -> None:
    intake, offerte = offerte_voor(HELE_INTAKE, regelboek)
    pad = maak_concept(intake, offerte, tmp_path / "concepten", VANDAAG)
    assert pad.name.startswith("concept-aanvraag-hbo-bestuurskunde-2026-12-04-")
    assert tabel_met(docx.Document(str(pad)), C["duur"])[C["duur"]].startswith("48 maanden")
    assert not list(pad.parent.glob("*.tmp"))
