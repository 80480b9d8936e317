"""The conversation engine, driven as a user would: questions, intake, quote, draft."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from opleidingsbot.bot import teksten as t
from opleidingsbot.bot.dialoog.berichten import Bericht
from opleidingsbot.bot.dialoog.gesprek import VERLOOP
from opleidingsbot.bot.opslag.database import open_database
from opleidingsbot.bot.opslag.wachtrij import Wachtrij
from opleidingsbot.rules import Intake, Regelboek, maak_offerte
from opleidingsbot.rules.opmaak import euro
from tests.chatdriver import Gebruiker, Klok, bouw

HAARLEM_INTAKE = {
    "gemeente": "haarlem",
    "doel": "loopbaan_intern",
    "zicht_op_functie": False,
    "in_pop": True,
    "kans_arbeidsmarkt": "groot",
    "opleiding": {
        "naam": "Hbo Bestuurskunde",
        "instelling": "Hogeschool Leiden",
        "niveau": "hbo",
        "startdatum": "2027-09-01",
        "diploma_of_certificaat": True,
    },
    "duur_maanden": 36,
    "kosten": {"studiekosten": "7500", "reiskosten": "450.50", "verblijfkosten": "0"},
    "contract_uren_per_week": "36",
    "studie_uren_per_week": "8",
}


@pytest.fixture
def klok() -> Klok:
    return Klok()


@pytest.fixture
def jan(tmp_path: Path, regelboek: Regelboek, klok: Klok) -> Gebruiker:
    gebruiker = Gebruiker(bouw(tmp_path, regelboek, klok))
    gebruiker.zeg("/start")
    gebruiker.druk("Haarlem")
    return gebruiker


def tot_doel(u: Gebruiker) -> None:
    """The training questions of the intake, typed and pressed."""
    u.zeg("/intake")
    assert u.laatste[-1].tekst == t.INTAKE_VRAGEN["naam"]
    u.zeg("Hbo Bestuurskunde")
    u.zeg("Hogeschool Leiden")
    u.druk("hbo")
    u.zeg("1-9-2027")
    u.zeg("36")
    u.druk("Ja")


def haarlem_intake(u: Gebruiker) -> None:
    """A whole Haarlem intake up to the quote."""
    tot_doel(u)
    for antwoord in ("Nee", "Nee", "Nee", "Ja", "Nee"):  # vwnw, verplicht, huidig, intern, zicht
        u.druk(antwoord)
    assert t.DOELEN["loopbaan_intern"] in u.tekst()
    u.druk("Ja")  # klopt
    u.druk("Ja")  # in pop
    u.druk("Groot")
    u.zeg("€ 7.500")
    u.zeg("450,50")
    u.druk("Geen")
    u.zeg("36")
    u.zeg("8")


def test_question_is_answered_with_its_source(jan: Gebruiker) -> None:
    jan.zeg("moet ik een studieovereenkomst tekenen voor mijn opleiding")
    assert "Bron:" in jan.tekst()


def test_unknown_question_goes_to_hr_queue(jan: Gebruiker, tmp_path: Path) -> None:
    jan.zeg("hoe laat gaat de kantine open op vrijdag")
    assert jan.tekst() == t.ONBEKEND
    [vraag] = Wachtrij(open_database(tmp_path / "db.sqlite3")).open_vragen("haarlem")
    assert vraag.vraag == "hoe laat gaat de kantine open op vrijdag" and vraag.soort == "onbekend"


def test_suggestions_then_none_of_these(jan: Gebruiker, tmp_path: Path) -> None:
    jan.zeg("verlof")
    assert jan.laatste[-1].tekst == t.BEDOEL_JE
    labels = list(jan.knoppen)
    assert labels[-1] == t.GEEN_VAN_DEZE and 2 <= len(labels) <= 4
    jan.druk(labels[0])
    assert "Bron:" in jan.tekst()
    jan.druk(t.GEEN_VAN_DEZE)
    assert t.GEEN_VAN_DEZE_DANK in jan.tekst()
    [vraag] = Wachtrij(open_database(tmp_path / "db.sqlite3")).open_vragen("haarlem")
    assert vraag.soort == "geen-van-deze" and vraag.vraag == "verlof"
    assert vraag.bijna, "the near misses are kept for HR"
    jan.druk(t.GEEN_VAN_DEZE)  # twice: the question is not queued again
    assert len(Wachtrij(open_database(tmp_path / "db.sqlite3")).open_vragen()) == 1


def test_question_before_employer_is_answered_after_choosing(
    tmp_path: Path, regelboek: Regelboek, klok: Klok
) -> None:
    u = Gebruiker(bouw(tmp_path, regelboek, klok))
    u.zeg("moet ik een studieovereenkomst tekenen voor mijn opleiding")
    assert u.laatste[-1].tekst == t.KIES_GEMEENTE
    u.druk("Kaag en Braassem")
    assert "Kaag en Braassem" in u.tekst() and "Bron:" in u.tekst()


def test_whole_intake_gives_the_engines_quote(jan: Gebruiker, regelboek: Regelboek) -> None:
    haarlem_intake(jan)
    verwacht = maak_offerte(
        Intake.model_validate({**HAARLEM_INTAKE, "peildatum": "2026-11-23"}, strict=False),
        regelboek,
        dt.date(2026, 11, 23),
    )
    tekst = jan.tekst()
    assert t.OFFERTE_KOP.format(naam="Hbo Bestuurskunde") in tekst
    assert verwacht.vergoeding.bedrag == Decimal("7950.50")
    assert f"waarschijnlijk {verwacht.vergoeding.percentage}%" in tekst
    assert euro(verwacht.vergoeding.bedrag) in tekst
    for bron in verwacht.bronnen:
        assert bron.artikel in tekst
    jan.druk(t.KNOP_WAAROM)
    assert "Mobiliteitsbehoefte" in jan.tekst()
    assert "kans dat de opleiding je helpt: groot" in jan.tekst()


def test_draft_request_is_a_docx_matching_the_quote(jan: Gebruiker, regelboek: Regelboek) -> None:
    haarlem_intake(jan)
    jan.druk(t.KNOP_CONCEPT)
    [bericht] = jan.laatste
    assert bericht.document is not None
    document = docx.Document(str(bericht.document.pad))
    tekst = "\n".join(p.text for p in document.paragraphs)
    cellen = {r.cells[0].text: r.cells[1].text for tabel in document.tables for r in tabel.rows}
    assert cellen[t.CONCEPT["naam"]] == "Hbo Bestuurskunde"
    assert cellen[t.CONCEPT["start"]] == "01-09-2027"
    assert cellen[t.CONCEPT["totaal"]] == "€ 7.950,50"
    assert "100%, dat is € 7.950,50." in tekst
    assert "§ 3.1 Mobiliteitsbehoefte" in tekst
    assert "☐ Sluit voor de start een studieovereenkomst" in tekst


def kort_intake_tot_situatie(u: Gebruiker) -> list[str]:
    """Training questions and goal "huidige functie"; answer every situation question yes."""
    u.zeg("/intake")
    u.zeg("Mbo Juridisch")
    u.druk(t.WEET_NOG_NIET)
    u.druk("mbo")
    u.druk(t.WEET_NOG_NIET)
    u.zeg("24")
    u.druk("Ja")
    for antwoord in ("Nee", "Nee", "Ja", "Ja"):  # vwnw, verplicht, huidig → klopt
        u.druk(antwoord)
    vragen = []
    while t.INTAKE_VRAGEN["studiekosten"] not in u.tekst():
        vragen.append(u.laatste[-1].tekst)
        u.druk("Ja")
    return vragen


def test_each_employer_gets_its_own_questions(
    tmp_path: Path, regelboek: Regelboek, klok: Klok
) -> None:
    capelle = Gebruiker(bouw(tmp_path, regelboek, klok, gemeente="capelle-aan-den-ijssel"))
    vragen = kort_intake_tot_situatie(capelle)
    assert (
        "Staat de studie in het opleidingsplan van de hele gemeente (het concernbrede "
        "opleidingsplan)?"
    ) in vragen
    assert any("afdelingshoofd" in v for v in vragen)
    kaag = Gebruiker(bouw(tmp_path, regelboek, klok, gemeente="kaag-en-braassem"), "test:2")
    vragen = kort_intake_tot_situatie(kaag)
    assert not any("opleidingsplan" in v for v in vragen)
    assert any("leidinggevende" in v for v in vragen)


def kaag_offerte(u: Gebruiker, studiekosten: str) -> None:
    """A short Kaag en Braassem intake up to its quote."""
    kort_intake_tot_situatie(u)
    u.zeg(studiekosten)
    u.druk("Geen")
    u.druk("Geen")
    u.druk(t.WEET_NIET)
    u.druk(t.WEET_NIET)


def test_what_if_computes_the_repayment(tmp_path: Path, regelboek: Regelboek, klok: Klok) -> None:
    u = Gebruiker(bouw(tmp_path, regelboek, klok, gemeente="kaag-en-braassem"))
    kaag_offerte(u, "4000")
    u.druk(t.KNOP_WAT_ALS)
    assert u.laatste[-1].tekst == t.WAT_ALS_VRAAG
    u.zeg("12")
    vertrek = {"moment": "na_afronding", "maanden_na_afronding": "12", "reden": "eigen_initiatief"}
    intake = Intake.model_validate(
        {
            "gemeente": "kaag-en-braassem",
            "doel": "huidige_functie",
            "leidinggevende_akkoord": True,
            "in_pop": True,
            "duur_maanden": 24,
            "kosten": {"studiekosten": "4000"},
            "vertrek": vertrek,
        },
        strict=False,
    )
    bedrag = maak_offerte(intake, regelboek, dt.date(2026, 11, 23)).terugbetaling.bedrag
    assert bedrag is not None and bedrag > 0
    assert t.WAT_ALS_BEDRAG.format(bedrag=euro(bedrag)) in u.tekst()


def test_question_in_the_middle_resumes_the_same_step(jan: Gebruiker) -> None:
    tot_doel(jan)
    vraag = jan.laatste[-1].tekst
    assert vraag == t.INTAKE_VRAGEN["doel_vwnw"]
    jan.zeg("moet ik terugbetalen als ik vertrek?")
    teksten = [b.tekst for b in jan.laatste]
    assert "Bron:" in teksten[0]
    assert teksten[-1] == f"{t.VERDER_MET_INTAKE}\n\n{vraag}"
    jan.druk("Nee")
    assert jan.laatste[-1].tekst == t.INTAKE_VRAGEN["doel_verplicht"]


def test_restart_mid_intake_resumes(
    jan: Gebruiker, tmp_path: Path, regelboek: Regelboek, klok: Klok
) -> None:
    tot_doel(jan)
    jan.druk("Nee")
    opnieuw = Gebruiker(bouw(tmp_path, regelboek, klok), jan.naam)
    opnieuw.zeg("nee")  # typed instead of pressed, in a fresh process
    assert opnieuw.laatste[-1].tekst == t.INTAKE_VRAGEN["doel_huidig"]


def test_back_button_asks_the_previous_question_again(jan: Gebruiker) -> None:
    tot_doel(jan)
    jan.druk(t.TERUG)
    assert jan.laatste[-1].tekst == t.INTAKE_VRAGEN["diploma"]
    jan.druk(t.TERUG)
    assert jan.laatste[-1].tekst == t.INTAKE_VRAGEN["duur"]


def test_stale_and_unknown_buttons_are_refused(jan: Gebruiker) -> None:
    tot_doel(jan)
    oud = jan.knoppen["Ja"]
    jan.druk("Nee")
    huidige = jan.laatste[-1].tekst
    assert jan.druk_data(oud)[0].tekst == t.OUDE_KNOP
    assert jan.druk_data("niet-van-ons")[0].tekst == t.OUDE_KNOP
    assert jan.druk_data("999|k0")[0].tekst == t.OUDE_KNOP
    jan.zeg("ja")
    assert huidige == t.INTAKE_VRAGEN["doel_verplicht"]
    assert jan.laatste[-1].tekst.startswith("Ik denk dat je opleiding hierbij hoort")


@pytest.mark.parametrize(
    ("invoer", "fout"),
    [("-50", t.FOUT_NEGATIEF), ("veel geld", t.FOUT_BEDRAG), ("1,2,3", t.FOUT_BEDRAG)],
)
def test_bad_amount_is_refused_and_asked_again(jan: Gebruiker, invoer: str, fout: str) -> None:
    haarlem_intake_tot_kosten(jan)
    jan.zeg(invoer)
    assert [b.tekst for b in jan.laatste] == [fout, t.INTAKE_VRAGEN["studiekosten"]]
    jan.zeg("1250,-")
    assert jan.laatste[-1].tekst == t.INTAKE_VRAGEN["reiskosten"]


def test_an_over_long_decimal_is_refused_politely(jan: Gebruiker) -> None:
    haarlem_intake_tot_kosten(jan)
    jan.zeg("1250")
    jan.druk("Geen")
    jan.druk("Geen")
    assert jan.laatste[-1].tekst == t.INTAKE_VRAGEN["contract_uren"]
    jan.zeg("8,00000000000001")
    assert jan.laatste[0].tekst == t.FOUT_GETAL.format(min=1, max=80)
    assert jan.laatste[-1].tekst == t.INTAKE_VRAGEN["contract_uren"]


def haarlem_intake_tot_kosten(u: Gebruiker) -> None:
    tot_doel(u)
    for antwoord in ("Nee", "Ja", "Ja", "Ja"):  # vwnw, verplicht → klopt, pop
        u.druk(antwoord)
    assert u.laatste[-1].tekst == t.INTAKE_VRAGEN["studiekosten"]


def test_idle_intake_expires_by_stored_timestamp(
    jan: Gebruiker, klok: Klok, tmp_path: Path
) -> None:
    tot_doel(jan)
    klok.nu += VERLOOP + dt.timedelta(minutes=1)
    jan.zeg("nee")
    assert jan.laatste[0].tekst.startswith("Je intake is gestopt")
    db = open_database(tmp_path / "db.sqlite3")
    afgebroken = db.execute(
        "SELECT detail FROM gebeurtenissen WHERE soort = 'intake-afgebroken'"
    ).fetchall()
    assert [r[0] for r in afgebroken] == ["doel_vwnw"]


def test_forget_me_deletes_the_conversation(jan: Gebruiker, tmp_path: Path) -> None:
    tot_doel(jan)
    jan.zeg("/vergeet")
    jan.druk(t.VERGEET_NEE)
    db = open_database(tmp_path / "db.sqlite3")
    assert db.execute("SELECT count(*) FROM gesprekken").fetchone()[0] == 1
    jan.zeg("/vergeet")
    jan.druk(t.VERGEET_JA)
    assert jan.tekst() == t.VERGETEN
    assert db.execute("SELECT count(*) FROM gesprekken").fetchone()[0] == 0


def test_stop_cancels_the_intake(jan: Gebruiker) -> None:
    tot_doel(jan)
    jan.zeg("/stop")
    assert jan.tekst() == t.GESTOPT
    jan.zeg("/stop")
    assert jan.tekst() == t.NIETS_TE_STOPPEN


def test_redelivered_update_is_handled_once(jan: Gebruiker) -> None:
    from opleidingsbot.bot.dialoog.berichten import Tekst

    tot_doel(jan)
    eerst = jan.gesprek.verwerk(jan.naam, Tekst("/stop", update_id=41))
    assert eerst[0].tekst == t.GESTOPT
    assert jan.gesprek.verwerk(jan.naam, Tekst("/stop", update_id=41)) == []
    assert (
        jan.gesprek.verwerk(jan.naam, Tekst("/stop", update_id=42))[0].tekst == t.NIETS_TE_STOPPEN
    )


def test_redelivered_sticker_is_answered_once_and_keeps_the_step(jan: Gebruiker) -> None:
    from opleidingsbot.bot.dialoog.berichten import GeenTekst

    tot_doel(jan)
    vraag = jan.laatste[-1].tekst
    eerst = jan.gesprek.verwerk(jan.naam, GeenTekst(update_id=51))
    assert [b.tekst for b in eerst] == [t.WAAROM_NIET["geen-tekst"]]
    assert jan.gesprek.verwerk(jan.naam, GeenTekst(update_id=51)) == []
    jan.zeg("/help")
    assert jan.laatste[-1].tekst.endswith(vraag)


def test_tip_privacy_and_help(jan: Gebruiker) -> None:
    from opleidingsbot.knowledge.faq import laad_faq

    tips = {v.wist_je_dat for v, _ in laad_faq().zichtbaar("haarlem") if v.wist_je_dat}
    jan.zeg("/wistjedat")
    assert jan.tekst().removeprefix("Wist je dat? ") in tips
    jan.zeg("/privacy")
    assert "/vergeet" in jan.tekst() and "twee dagen" in jan.tekst()
    jan.zeg("/help")
    assert jan.tekst() == t.HULP
    jan.zeg("/bestaatniet")
    assert jan.tekst() == t.ONBEKEND_COMMANDO


def test_every_answer_names_the_question_it_answers(jan: Gebruiker) -> None:
    jan.zeg("moet ik een studieovereenkomst tekenen voor mijn opleiding")
    eerste_regel = jan.tekst().splitlines()[0]
    assert eerste_regel.startswith(t.ANTWOORD_OP.format(vraag=""))
    vraag = eerste_regel.removeprefix(t.ANTWOORD_OP.format(vraag=""))
    assert any(v.vraag == vraag for v, _ in jan.gesprek.d.matcher().faq.zichtbaar("haarlem"))


CAPELLE_SITUATIE = (
    "Mijn master kostte 9.000 euro en is betaald door de gemeente. Ik ben anderhalf jaar "
    "geleden klaar en werk nu ergens anders. Hoeveel moet ik terugbetalen?"
)


def test_a_typed_employer_and_a_typed_yes_work_like_the_buttons(
    tmp_path: Path, regelboek: Regelboek, klok: Klok
) -> None:
    u = Gebruiker(bouw(tmp_path, regelboek, klok))
    u.zeg("/start")
    u.zeg("capelle")
    assert t.GEMEENTE_GEKOZEN.format(naam="Capelle aan den IJssel") in u.tekst()
    u.zeg(CAPELLE_SITUATIE)
    assert t.KNOP_REKEN in u.knoppen
    assert t.ONBEKEND not in u.tekst()  # no dead end beside the offer to work it out
    u.zeg("ja graag")
    assert t.REKEN_START in u.tekst()
    assert u.laatste[-1].tekst == t.INTAKE_VRAGEN["naam"]


def test_a_first_question_that_names_the_employer_is_answered(
    tmp_path: Path, regelboek: Regelboek, klok: Klok
) -> None:
    u = Gebruiker(bouw(tmp_path, regelboek, klok))
    u.zeg("/start")
    u.zeg("Ik werk bij de gemeente Haarlem. Hoeveel studieverlof krijg ik?")
    toestand = u.gesprek.d.gesprekken.laad(u.naam)
    assert toestand is not None and toestand.gemeente == "haarlem"
    assert t.GEMEENTE_GEKOZEN.format(naam="Haarlem") in u.tekst()
    assert u.laatste[-1].tekst != t.WAT_KAN_IK  # the question is handled, not the menu


def test_no_to_the_offer_typed_ends_it(tmp_path: Path, regelboek: Regelboek, klok: Klok) -> None:
    u = Gebruiker(bouw(tmp_path, regelboek, klok, gemeente="capelle-aan-den-ijssel"))
    u.zeg(CAPELLE_SITUATIE)
    u.zeg("nee, dank je")
    assert t.NIET_REKENEN in u.tekst()
    toestand = u.gesprek.d.gesprekken.laad(u.naam)
    assert toestand is not None and not toestand.situatie


def test_a_situation_becomes_a_prefilled_intake_and_its_quote(
    tmp_path: Path, regelboek: Regelboek, klok: Klok
) -> None:
    u = Gebruiker(bouw(tmp_path, regelboek, klok, gemeente="capelle-aan-den-ijssel"))
    u.zeg(CAPELLE_SITUATIE)
    aanbod = u.laatste[-1].tekst
    assert "€ 9.000,00" in aanbod and "18 maanden" in aanbod
    u.druk(t.KNOP_REKEN)
    assert t.REKEN_START in u.tekst()
    gevraagd = []
    # answer the rest as a person would; the costs are never asked again
    antwoorden = {
        t.INTAKE_VRAGEN["naam"]: "Master Bestuurskunde",
        t.INTAKE_VRAGEN["duur"]: "2 jaar",
        t.INTAKE_VRAGEN["contract_uren"]: "36",
        t.INTAKE_VRAGEN["studie_uren"]: "10",
    }
    while t.KNOP_WAT_ALS not in u.knoppen:
        vraag = u.laatste[-1].tekst
        gevraagd.append(vraag)
        assert len(gevraagd) < 40, gevraagd
        if vraag in antwoorden:
            u.zeg(antwoorden[vraag])
        elif "wo" in u.knoppen:
            u.druk("wo")
        elif t.WEET_NOG_NIET in u.knoppen:
            u.druk(t.WEET_NOG_NIET)
        elif "Geen" in u.knoppen:
            u.druk("Geen")
        elif vraag in (t.INTAKE_VRAGEN["doel_huidig"], t.INTAKE_VRAGEN["diploma"]) or (
            "Klopt dat?" in vraag
        ):
            u.druk("Ja")
        else:
            u.druk("Ja" if vraag.startswith(("Vindt", "Staat")) else "Nee")
    assert t.INTAKE_VRAGEN["studiekosten"] not in gevraagd
    vertrek = {"moment": "na_afronding", "maanden_na_afronding": 18, "reden": "eigen_initiatief"}
    toestand = u.gesprek.d.gesprekken.laad(u.naam)
    assert toestand is not None
    intake = u.gesprek.intake.intake(toestand, vertrek)
    assert intake.kosten is not None and intake.kosten.studiekosten == Decimal("9000")
    assert intake.duur_maanden == 24
    bedrag = maak_offerte(intake, regelboek, dt.date(2026, 11, 23)).terugbetaling.bedrag
    assert bedrag == Decimal("6750.00")  # art. 8 lid 6: 75% within two years
    assert (
        t.WAT_ALS_UITKOMST.format(
            maanden="18", uitkomst=t.WAT_ALS_BEDRAG.format(bedrag=euro(bedrag))
        )
        in u.tekst()
    )


def test_no_offer_to_work_it_out_without_a_case(jan: Gebruiker) -> None:
    jan.zeg("moet ik terugbetalen als ik vertrek")
    assert t.KNOP_REKEN not in jan.knoppen


def test_what_if_reads_months_years_and_during(
    tmp_path: Path, regelboek: Regelboek, klok: Klok
) -> None:
    u = Gebruiker(bouw(tmp_path, regelboek, klok, gemeente="kaag-en-braassem"))
    kaag_offerte(u, "4800")
    for typed, verwacht in (("na 10 maanden", "10"), ("na 1,5 jaar", "18")):
        u.druk(t.KNOP_WAT_ALS)
        u.zeg(typed)
        assert t.WAT_ALS_UITKOMST.split("{")[0] + verwacht in u.tekst()
    u.druk(t.KNOP_WAT_ALS)
    u.zeg("tijdens de opleiding")
    assert t.WAT_ALS_TIJDENS.split("{")[0] in u.tekst()
    u.druk(t.KNOP_WAT_ALS)
    u.zeg("geen idee")
    assert t.FOUT_WAT_ALS in u.tekst()
    u.druk(t.KNOP_WAT_ALS)
    u.zeg("na 10,5 maanden")  # the contract counts whole months: asked again, no crash
    assert t.HELE_MAANDEN in u.tekst()
    u.zeg("na 11 maanden")
    assert t.WAT_ALS_UITKOMST.split("{")[0] + "11" in u.tekst()


def test_help_menu_and_stop_work_without_a_slash_and_keep_the_intake(jan: Gebruiker) -> None:
    tot_doel(jan)
    vraag = jan.laatste[-1].tekst
    jan.zeg("help")
    assert t.HULP in jan.tekst() and vraag in jan.tekst()
    jan.zeg("/menu")
    assert jan.tekst() == t.MENU_TIJDENS_INTAKE
    jan.druk(t.KNOP_INTAKE_VERDER)
    assert vraag in jan.tekst()
    jan.zeg("Menu")
    jan.druk(t.KNOP_INTAKE_STOPPEN)
    assert t.WAT_KAN_IK in jan.tekst()
    tot_doel(jan)
    jan.zeg("stop")
    assert jan.tekst() == t.GESTOPT


def test_a_fixed_employer_holds_over_a_stored_one_and_the_greeting_names_it(
    tmp_path: Path, regelboek: Regelboek, klok: Klok
) -> None:
    eerst = Gebruiker(bouw(tmp_path, regelboek, klok))
    eerst.zeg("/start")
    eerst.druk("Haarlem")
    tot_doel(eerst)  # an intake under Haarlem's regeling is stored
    capelle = Gebruiker(bouw(tmp_path, regelboek, klok, gemeente="capelle-aan-den-ijssel"))
    capelle.zeg("/start")
    assert t.GEMEENTE_GEKOZEN.format(naam="Capelle aan den IJssel") in capelle.tekst()
    capelle.zeg("hoeveel uur examenverlof krijg ik")
    assert "Capelle" in capelle.tekst() and "Haarlem" not in capelle.tekst()


def test_back_shows_the_answer_given_before(jan: Gebruiker) -> None:
    jan.zeg("/intake")
    jan.zeg("Hbo Bestuurskunde")
    jan.zeg("Hogeschool Leiden")
    jan.druk("hbo")
    jan.zeg("1-9-2027")
    jan.zeg("4 jaar")
    jan.druk(t.TERUG)
    eerder, vraag = jan.laatste
    assert eerder.tekst == t.EERDER_ANTWOORD.format(antwoord="48 maanden")
    assert vraag.tekst == t.INTAKE_VRAGEN["duur"]
    assert vraag.getal_verwacht  # "2" is two months here, not the second button
    jan.druk(t.TERUG)
    assert jan.laatste[0].tekst == t.EERDER_ANTWOORD.format(antwoord="01-09-2027")
    jan.druk(t.TERUG)
    assert jan.laatste[0].tekst == t.EERDER_ANTWOORD.format(antwoord="hbo")


@pytest.mark.parametrize("data", ["²|menu-intake", "١|menu-intake", "7|k²", "|", "9" * 400 + "|x"])
def test_a_forged_button_is_an_old_button(jan: Gebruiker, data: str) -> None:
    jan.zeg("/intake")
    jan.zeg("Hbo Bestuurskunde")
    assert t.OUDE_KNOP in [b.tekst for b in jan.druk_data(data)]


@pytest.mark.parametrize("tekst", ["/ ", "/\u00a0", "/", "/\t"])
def test_a_command_of_only_spaces_is_an_unknown_command(jan: Gebruiker, tekst: str) -> None:
    assert jan.zeg(tekst)


def test_control_characters_never_reach_the_draft(
    jan: Gebruiker, monkeypatch: pytest.MonkeyPatch
) -> None:
    echte_zeg = jan.zeg
    eerste = [True]

    def met_stuurtekens(tekst: str) -> list[Bericht]:
        if tekst == "Hbo Bestuurskunde" and eerste[0]:  # the name, typed with control codes
            eerste[0] = False
            tekst = "Hbo\x00 Best\x07uurskunde\x1b"
        return echte_zeg(tekst)

    monkeypatch.setattr(jan, "zeg", met_stuurtekens)
    haarlem_intake(jan)
    [bericht] = jan.druk(t.KNOP_CONCEPT)
    assert bericht.document is not None
    document = docx.Document(str(bericht.document.pad))
    cellen = [c.text for tabel in document.tables for r in tabel.rows for c in r.cells]
    assert "Hbo Bestuurskunde" in cellen


def test_a_stored_state_that_cannot_be_read_starts_anew(jan: Gebruiker, tmp_path: Path) -> None:
    jan.zeg("/intake")
    db = jan.gesprek.d.gesprekken.db
    db.execute("UPDATE gesprekken SET toestand = '{\"stap\": 12, kapot'")
    antwoord = [b.tekst for b in jan.zeg("hoeveel studieverlof krijg ik")]
    assert antwoord[0] == t.GESPREK_KAPOT
    assert len(antwoord) > 1
    jan.zeg("/vergeet")
    assert jan.laatste


def test_forget_me_leaves_nothing_in_the_database_files(jan: Gebruiker, tmp_path: Path) -> None:
    jan.zeg("/intake")
    jan.zeg("Geheime Opleiding Xyzzy")
    jan.zeg("/vergeet")
    jan.druk(t.VERGEET_JA)
    assert t.VERGETEN in jan.tekst()
    for pad in tmp_path.glob("db.sqlite3*"):
        assert b"Xyzzy" not in pad.read_bytes(), pad.name


def test_one_user_cannot_flood_hrs_queue(jan: Gebruiker, tmp_path: Path, klok: Klok) -> None:
    from opleidingsbot.bot.dialoog.gesprek import WACHTRIJ_PER_UUR

    for i in range(WACHTRIJ_PER_UUR + 10):
        jan.zeg(f"hoe laat gaat de kantine open op dag {i}")
        assert jan.tekst() == t.ONBEKEND  # the answer does not change
    wachtrij = Wachtrij(open_database(tmp_path / "db.sqlite3"))
    assert len(wachtrij.open_vragen("haarlem")) == WACHTRIJ_PER_UUR
    ander = Gebruiker(jan.gesprek, "test:2")
    ander.zeg("/start")
    ander.druk("Haarlem")
    ander.zeg("mag de hond mee naar de cursus")
    klok.nu += dt.timedelta(hours=2)
    jan.zeg("waar kan ik mijn fiets stallen")
    assert len(wachtrij.open_vragen("haarlem")) == WACHTRIJ_PER_UUR + 2


def test_a_function_in_view_skips_the_question_on_other_work(jan: Gebruiker) -> None:
    tot_doel(jan)
    for antwoord in ("Nee", "Nee", "Nee", "Ja", "Ja"):  # vwnw, verplicht, huidig, intern, zicht
        jan.druk(antwoord)
    jan.druk("Ja")  # klopt
    jan.druk("Ja")  # in pop
    assert jan.laatste[-1].tekst == t.INTAKE_VRAGEN["studiekosten"]
    assert "Groot" not in jan.knoppen
