"""HR in the chat: fix an answer, turn a queued question into an answer, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from filelock import FileLock

from opleidingsbot.bot import teksten as t
from opleidingsbot.bot.dialoog.berichten import knop_data
from opleidingsbot.bot.dialoog.toestand import HrConcept, Toestand
from opleidingsbot.bot.opslag.database import open_database
from opleidingsbot.bot.opslag.wachtrij import Wachtrij
from opleidingsbot.knowledge.faq import laad_faq
from opleidingsbot.knowledge.store import LOCK_NAAM
from opleidingsbot.rules import Regelboek
from tests.chatdriver import Gebruiker, Klok, bouw

HR = frozenset({"hr:anna", "hr:bert"})
VRAAG = "moet ik een studieovereenkomst tekenen voor mijn opleiding"
ONBEKEND = "wordt mijn parkeervergunning bij de hogeschool betaald"


@pytest.fixture
def map_(tmp_path: Path) -> Path:
    return tmp_path


def gebruiker(map_: Path, regelboek: Regelboek, naam: str) -> Gebruiker:
    u = Gebruiker(bouw(map_, regelboek, Klok(), "haarlem", hr=HR), naam)
    u.zeg("/start")
    return u


def open_vraag(hr: Gebruiker, zoek: str) -> None:
    hr.zeg("/faq")
    hr.druk(t.HR_ZOEK)
    hr.zeg(zoek)
    eerste = next(iter(hr.knoppen))
    hr.druk(eerste)
    assert "Antwoord:" in hr.tekst()


def test_hr_fixes_an_answer_and_the_next_user_gets_it(map_: Path, regelboek: Regelboek) -> None:
    anna = gebruiker(map_, regelboek, "hr:anna")
    open_vraag(anna, "studieovereenkomst tekenen")
    anna.druk(t.HR_ANTWOORD_AANPASSEN)
    anna.zeg("Ja. Je tekent de studieovereenkomst voor je begint. Vraag HR om het formulier.")
    assert "Opslaan?" in anna.tekst()
    anna.druk(t.HR_OPSLAAN)
    assert anna.tekst() == t.HR_OPGESLAGEN
    jan = gebruiker(map_, regelboek, "user:jan")
    jan.zeg(VRAAG)
    assert "Vraag HR om het formulier." in jan.tekst()
    assert "Bron:" in jan.tekst()
    store = anna.gesprek.d.faq_store
    assert store is not None
    uitkomst = jan.gesprek.d.matcher().zoek(VRAAG, "haarlem")
    assert uitkomst.beste is not None
    [regel] = store.geschiedenis(uitkomst.beste.vraag.id)
    assert regel.door == "hr:anna" and regel.actie == "gewijzigd"
    assert regel.voor is not None and regel.na is not None
    assert regel.na["antwoord"].endswith("Vraag HR om het formulier.")
    assert regel.voor["antwoord"] != regel.na["antwoord"]


def test_a_save_while_another_process_holds_the_faq_keeps_the_draft(
    map_: Path, regelboek: Regelboek
) -> None:
    anna = gebruiker(map_, regelboek, "hr:anna")
    open_vraag(anna, "studieovereenkomst tekenen")
    anna.druk(t.HR_ANTWOORD_AANPASSEN)
    anna.zeg("Ja, en vraag HR om het formulier.")
    with FileLock(map_ / "faq" / LOCK_NAAM):  # the CLI saving at the same moment
        anna.druk(t.HR_OPSLAAN)
        assert "bezet" in anna.tekst()
    anna.druk(t.HR_OPSLAAN)  # the draft is still there: a second press saves it
    assert anna.tekst() == t.HR_OPGESLAGEN
    antwoorden = [v.antwoord for b in laad_faq(map_ / "faq").bestanden.values() for v in b.vragen]
    assert "Ja, en vraag HR om het formulier." in antwoorden


def test_second_save_of_a_stale_copy_is_refused(map_: Path, regelboek: Regelboek) -> None:
    anna = gebruiker(map_, regelboek, "hr:anna")
    bert = gebruiker(map_, regelboek, "hr:bert")
    open_vraag(anna, "studieovereenkomst tekenen")
    open_vraag(bert, "studieovereenkomst tekenen")
    anna.druk(t.HR_ANTWOORD_AANPASSEN)
    anna.zeg("Antwoord van Anna.")
    bert.druk(t.HR_ANTWOORD_AANPASSEN)
    bert.zeg("Antwoord van Bert.")
    anna.druk(t.HR_OPSLAAN)
    bert.druk(t.HR_OPSLAAN)
    assert bert.tekst() == t.HR_VEROUDERD.format(antwoord="Antwoord van Anna.")
    antwoorden = [v.antwoord for b in laad_faq(map_ / "faq").bestanden.values() for v in b.vragen]
    assert "Antwoord van Anna." in antwoorden and "Antwoord van Bert." not in antwoorden


def test_queued_question_becomes_a_phrasing_and_is_answered(
    map_: Path, regelboek: Regelboek
) -> None:
    jan = gebruiker(map_, regelboek, "user:jan")
    jan.zeg(ONBEKEND)
    assert jan.tekst() == t.ONBEKEND
    jan.zeg(ONBEKEND.upper() + "?")  # the same question again: one group for HR
    anna = gebruiker(map_, regelboek, "hr:anna")
    anna.zeg("/vragen")
    assert "2 keer gesteld" in anna.tekst() and ONBEKEND in anna.tekst()
    doel = next(label for label in anna.knoppen if label.startswith("Hoort bij"))
    anna.druk(doel)
    assert anna.laatste[0].tekst.startswith("Toegevoegd.")
    assert anna.laatste[-1].tekst == t.HR_WACHTRIJ_LEEG
    jan.zeg(ONBEKEND)
    assert "Bron:" in jan.tekst()
    assert Wachtrij(open_database(map_ / "db.sqlite3")).open_vragen() == []


def test_queued_question_becomes_a_new_entry(map_: Path, regelboek: Regelboek) -> None:
    jan = gebruiker(map_, regelboek, "user:jan")
    jan.zeg(ONBEKEND)
    anna = gebruiker(map_, regelboek, "hr:anna")
    anna.zeg("/vragen")
    anna.druk(t.HR_NIEUW)
    anna.zeg(
        "Dat kan, als je leidinggevende akkoord is. Reis- en verblijfkosten spreek je vooraf af."
    )
    anna.druk(next(iter(anna.knoppen)))  # the first document
    anna.zeg("§ 3.1")
    for variant in (
        "opleiding in het buitenland",
        "cursus in duitsland",
        "studie abroad",
        "training buitenland volgen",
    ):
        anna.zeg(variant)
    assert "Opslaan?" in anna.tekst()
    anna.druk(t.HR_OPSLAAN)
    assert anna.tekst() == t.HR_OPGESLAGEN
    jan.zeg(ONBEKEND)  # the question HR turned into an entry is answered now
    assert "Reis- en verblijfkosten spreek je vooraf af." in jan.tekst()
    jan.zeg("kan ik een cursus in duitsland volgen")  # and its phrasings lead to it
    assert jan.tekst() == t.BEDOEL_JE or "Reis- en verblijfkosten" in jan.tekst()
    if jan.tekst() == t.BEDOEL_JE:
        jan.druk(next(iter(jan.knoppen)))
        assert "Reis- en verblijfkosten spreek je vooraf af." in jan.tekst()


def test_a_draft_stored_in_the_old_shape_still_loads() -> None:
    # before HrConcept, the queue's ids and the phrasings were kept as joined strings
    oud = {"stap": "hr-nieuw-variant", "hr": {"groep": "3,14", "varianten": "a, b\nc", "id": None}}
    toestand = Toestand.model_validate(oud)
    assert toestand.hr == HrConcept(groep=[3, 14], varianten=["a, b", "c"])
    assert Toestand.model_validate_json(toestand.model_dump_json()) == toestand


def test_switched_off_entry_is_no_longer_answered(map_: Path, regelboek: Regelboek) -> None:
    anna = gebruiker(map_, regelboek, "hr:anna")
    open_vraag(anna, "studieovereenkomst tekenen")
    id_ = str(anna.gesprek.d.gesprekken.laad("hr:anna").hr.id)  # type: ignore[union-attr]
    anna.druk(t.HR_ZET_UIT)
    anna.druk(t.HR_OPSLAAN)
    assert anna.tekst() == t.HR_OPGESLAGEN
    jan = gebruiker(map_, regelboek, "user:jan")
    uitkomst = jan.gesprek.d.matcher().zoek(VRAAG, "haarlem")
    assert all(
        k.vraag.id != id_
        for k in [*([uitkomst.beste] if uitkomst.beste else []), *uitkomst.suggesties]
    )


@pytest.mark.parametrize("commando", ["/faq", "/vragen", "/stats"])
def test_non_hr_is_refused_and_nothing_changes(
    map_: Path, regelboek: Regelboek, commando: str
) -> None:
    jan = gebruiker(map_, regelboek, "user:jan")
    jan.zeg(ONBEKEND)
    voor = {p.name: p.read_bytes() for p in (map_ / "faq").glob("*.yaml")}
    jan.zeg(commando)
    assert jan.tekst() == t.ALLEEN_HR
    for actie in ("hr-zoek", "hr-opslaan", "hr-afwijzen", "hr-erbij:haarlem-studieovereenkomst"):
        assert jan.druk_data(knop_data(0, actie))[0].tekst == t.ALLEEN_HR
    assert {p.name: p.read_bytes() for p in (map_ / "faq").glob("*.yaml")} == voor
    assert len(Wachtrij(open_database(map_ / "db.sqlite3")).open_vragen()) == 1


def test_stats_show_the_scripted_weeks_figures(map_: Path, regelboek: Regelboek) -> None:
    jan = gebruiker(map_, regelboek, "user:jan")
    jan.zeg(VRAAG)  # answered
    jan.zeg("hoeveel uur studieverlof krijg ik")  # answered
    jan.zeg(ONBEKEND)  # unknown
    jan.zeg("/intake")
    jan.zeg("Hbo Bestuurskunde")
    jan.zeg("/stop")  # stopped at the institute question
    anna = gebruiker(map_, regelboek, "hr:anna")
    [bericht] = anna.zeg("/stats")
    regels = bericht.tekst.splitlines()
    assert "Vragen: 3" in regels and "- beantwoord: 2" in regels and "- onbekend: 1" in regels
    assert "Intakes gestart: 1" in regels and "- gestopt: 1" in regels
    assert any("instelling" in r for r in regels)
    assert any(ONBEKEND[:30] in r for r in regels)
    assert "jan" not in bericht.tekst, "counts only, no names"
    assert bericht.afbeelding is not None
    assert bericht.afbeelding.pad.read_bytes().startswith(b"\x89PNG")


def test_dismissed_question_leaves_the_queue(map_: Path, regelboek: Regelboek) -> None:
    jan = gebruiker(map_, regelboek, "user:jan")
    jan.zeg(ONBEKEND)
    jan.zeg("mag ik mijn hond meenemen naar de les")
    anna = gebruiker(map_, regelboek, "hr:anna")
    anna.zeg("/vragen")
    eerste = anna.laatste[-1].tekst
    assert "(1 van 2)" in eerste
    anna.druk(t.HR_AFWIJZEN)
    assert anna.laatste[0].tekst == t.HR_AFGEWEZEN
    assert "(1 van 1)" in anna.laatste[-1].tekst
    status = open_database(map_ / "db.sqlite3").execute(
        "SELECT status, count(*) FROM onbeantwoord GROUP BY status ORDER BY status"
    )
    assert [tuple(r) for r in status] == [("afgewezen", 1), ("open", 1)]


def test_help_lists_the_hr_commands_for_hr_only(map_: Path, regelboek: Regelboek) -> None:
    anna = gebruiker(map_, regelboek, "hr:anna")
    anna.zeg("/help")
    assert t.HULP_HR in anna.tekst() and "/vragen" in anna.tekst()
    jan = gebruiker(map_, regelboek, "user:jan")
    jan.zeg("help")
    assert t.HULP in jan.tekst() and t.HULP_HR not in jan.tekst()


@pytest.mark.parametrize("commando", ["/faq", "/vragen", "/stats"])
def test_hr_of_one_employer_cannot_see_or_change_another(
    map_: Path, regelboek: Regelboek, commando: str
) -> None:
    gesprek = bouw(map_, regelboek, Klok(), hr_van={"hr:carla": "capelle-aan-den-ijssel"})
    jan = Gebruiker(gesprek, "user:jan")
    jan.zeg("/start")
    jan.druk("Haarlem")
    jan.zeg(ONBEKEND)  # an open question in Haarlem's queue
    carla = Gebruiker(gesprek, "hr:carla")
    carla.zeg("/start")
    carla.druk("Haarlem")
    voor = {p.name: p.read_bytes() for p in (map_ / "faq").glob("*.yaml")}
    carla.zeg(commando)
    assert carla.tekst() == t.ALLEEN_HR_VAN.format(gemeente="Haarlem")
    for actie in ("hr-zoek", "hr-opslaan", "hr-afwijzen", "hr-erbij:haarlem-studieovereenkomst"):
        assert carla.druk_data(knop_data(0, actie))[0].tekst == t.ALLEEN_HR
    assert ONBEKEND not in carla.tekst()
    assert {p.name: p.read_bytes() for p in (map_ / "faq").glob("*.yaml")} == voor
    # her own employer works, and says which employer it shows
    carla.zeg("/gemeente")
    carla.druk("Capelle aan den IJssel")
    carla.zeg(commando)
    assert carla.tekst() != t.ALLEEN_HR_VAN.format(gemeente="Capelle aan den IJssel")
    assert t.ALLEEN_HR not in carla.tekst()


def test_an_hr_step_stops_when_the_employer_changes(map_: Path, regelboek: Regelboek) -> None:
    gesprek = bouw(map_, regelboek, Klok(), hr_van={"hr:carla": "capelle-aan-den-ijssel"})
    carla = Gebruiker(gesprek, "hr:carla")
    carla.zeg("/start")
    carla.druk("Capelle aan den IJssel")
    carla.zeg("/faq")
    carla.druk(t.HR_ZOEK)
    carla.zeg("/gemeente")
    carla.druk("Haarlem")
    voor = {p.name: p.read_bytes() for p in (map_ / "faq").glob("*.yaml")}
    carla.zeg("studieovereenkomst")  # no longer a search in HR's FAQ
    assert "Antwoord:" not in carla.tekst()
    assert {p.name: p.read_bytes() for p in (map_ / "faq").glob("*.yaml")} == voor
