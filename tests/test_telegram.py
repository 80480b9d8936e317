"""The real python-telegram-bot Application against a fake Bot API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from opleidingsbot.bot import teksten as t
from opleidingsbot.bot.opslag.database import open_database
from opleidingsbot.bot.opslag.wachtrij import Wachtrij
from opleidingsbot.rules import Regelboek
from tests.chatdriver import Klok, bouw
from tests.conftest import opleidingsbot
from tests.fakes import FakeBotApi
from tests.telegramdriver import TelegramGebruiker, draaiende_bot


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


async def start(u: TelegramGebruiker, gemeente: str = "Haarlem") -> None:
    await u.zeg("/start", t.KIES_GEMEENTE)
    await u.druk(gemeente, t.WAT_KAN_IK)


async def tot_doelvragen(u: TelegramGebruiker) -> None:
    await u.zeg("/intake", t.INTAKE_VRAGEN["naam"])
    await u.zeg("Hbo <b>Bestuurskunde</b> *vet*", t.INTAKE_VRAGEN["instelling"])
    await u.zeg("Hogeschool Leiden", t.INTAKE_VRAGEN["niveau"])
    await u.druk("hbo", t.INTAKE_VRAGEN["startdatum"])
    await u.zeg("september 2027", t.INTAKE_VRAGEN["duur"])
    await u.zeg("36", t.INTAKE_VRAGEN["diploma"])
    await u.druk("Ja", t.INTAKE_VRAGEN["doel_vwnw"])


async def huidige_functie_in_pop(u: TelegramGebruiker, daarna: str) -> None:
    """Kaag en Braassem's goal questions: for the current job, in the pop."""
    await u.druk("Nee", t.INTAKE_VRAGEN["doel_verplicht"])
    await u.druk("Nee", t.INTAKE_VRAGEN["doel_huidig"])
    await u.druk("Ja", "Klopt dat?")
    await u.druk("Ja", "leidinggevende")
    await u.druk("Ja", "pop")
    await u.druk("Ja", daarna)


async def test_commands_registered_and_question_answered_with_source(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        [commandos] = api.aanroepen("setMyCommands")
        namen = [c["command"] for c in commandos.params["commands"]]
        assert {
            "start",
            "intake",
            "help",
            "menu",
            "stop",
            "privacy",
            "vergeet",
            "wistjedat",
        } <= set(namen)
        u = TelegramGebruiker(api, 101)
        await start(u)
        [antwoord] = await u.zeg(
            "moet ik een studieovereenkomst tekenen voor mijn opleiding", "Bron:"
        )
        assert "parse_mode" not in antwoord.params


async def test_suggestions_and_none_of_these_are_queued(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        u = TelegramGebruiker(api, 102)
        await start(u)
        [bericht] = await u.zeg("verlof", t.BEDOEL_JE)
        labels = [k["text"] for rij in bericht.knoppen for k in rij]
        assert labels[-1] == t.GEEN_VAN_DEZE
        await u.druk(labels[0], "Bron:")
        await u.druk(t.GEEN_VAN_DEZE, t.GEEN_VAN_DEZE_DANK)
        assert len(api.aanroepen("answerCallbackQuery")) >= 3
    [vraag] = Wachtrij(open_database(tmp_path / "db.sqlite3")).open_vragen("haarlem")
    assert vraag.soort == "geen-van-deze" and vraag.vraag == "verlof"


async def test_intake_quote_why_what_if_and_docx(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        u = TelegramGebruiker(api, 103)
        await start(u, "Kaag en Braassem")
        await tot_doelvragen(u)
        await u.zeg(
            "hoeveel opleidingsbudget is er bij kaag en braassem?", t.INTAKE_VRAGEN["doel_vwnw"]
        )
        assert u.teksten()[-1] == f"{t.VERDER_MET_INTAKE}\n\n{t.INTAKE_VRAGEN['doel_vwnw']}"
        assert "Bron:" in u.teksten()[-2]
        await huidige_functie_in_pop(u, t.INTAKE_VRAGEN["studiekosten"])
        await u.zeg("4.000,-", t.INTAKE_VRAGEN["reiskosten"])
        await u.druk(t.GEEN_KOSTEN, t.INTAKE_VRAGEN["verblijfkosten"])
        await u.druk(t.GEEN_KOSTEN, t.INTAKE_VRAGEN["contract_uren"])
        await u.zeg("36", t.INTAKE_VRAGEN["studie_uren"])
        [offerte] = await u.zeg("6", "Dit krijg je waarschijnlijk")
        assert offerte.tekst and "Hbo <b>Bestuurskunde</b> *vet*" in offerte.tekst
        assert "waarschijnlijk 100%. Dat is € 4.000,00." in offerte.tekst
        assert "Speerpunt 2" in offerte.tekst
        await u.druk(t.KNOP_WAAROM, "Waarom? Zo kom ik")
        await u.druk(t.KNOP_WAT_ALS, t.WAT_ALS_VRAAG)
        [wat_als] = await u.zeg("12", "Als je 12 maanden na je opleiding zelf vertrekt")
        assert wat_als.tekst and "€ 2.000,00" in wat_als.tekst
        nieuw = await u.druk(t.KNOP_CONCEPT, ".docx")
        [document] = [v for v in nieuw if v.methode == "sendDocument"]
        concept = docx.Document(io.BytesIO(document.bestanden["document"]))
        tekst = "\n".join(p.text for p in concept.paragraphs)
        assert "100%, dat is € 4.000,00." in tekst
        assert "Speerpunt 2" in tekst
        assert (
            "Als ik 12 maanden na de opleiding zelf vertrek, betaal ik waarschijnlijk "
            "€ 2.000,00 terug." in tekst
        ), "the what-if asked is in the draft"
        werkgever = [
            r.cells[1].text for r in concept.tables[0].rows if r.cells[0].text == "Werkgever"
        ]
        assert werkgever == ["Kaag en Braassem"]
    assert not list((tmp_path / "concepten").glob("*.docx")), "the draft is not kept"


async def test_a_situation_message_leads_to_a_prefilled_intake_and_its_quote(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    situatie = (
        "Mijn opleiding kostte 4.800 euro en de gemeente betaalde alles. Ik ben 18 maanden "
        "na de einddatum weggegaan naar een andere werkgever. Hoeveel moet ik terugbetalen?"
    )
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        u = TelegramGebruiker(api, 110)
        await start(u, "Kaag en Braassem")
        nieuw = await u.zeg(situatie, t.REKEN_AANBOD.split("?")[0])
        assert "kosten € 4.800,00" in (nieuw[-1].tekst or "")
        await u.druk(t.KNOP_REKEN, t.INTAKE_VRAGEN["naam"])
        await u.zeg("Hbo Bestuurskunde", t.INTAKE_VRAGEN["instelling"])
        await u.druk(t.WEET_NOG_NIET, t.INTAKE_VRAGEN["niveau"])
        await u.druk("hbo", t.INTAKE_VRAGEN["startdatum"])
        await u.druk(t.WEET_NOG_NIET, t.INTAKE_VRAGEN["duur"])
        await u.zeg("anderhalf jaar", t.INTAKE_VRAGEN["diploma"])
        await u.druk("Ja", t.INTAKE_VRAGEN["doel_vwnw"])
        # the costs came from the message: after the goal, the travel costs are next
        await huidige_functie_in_pop(u, t.INTAKE_VRAGEN["reiskosten"])
        await u.druk(t.GEEN_KOSTEN, t.INTAKE_VRAGEN["verblijfkosten"])
        await u.druk(t.GEEN_KOSTEN, t.INTAKE_VRAGEN["contract_uren"])
        await u.zeg("36", t.INTAKE_VRAGEN["studie_uren"])
        nieuw = await u.zeg("6", "Als je 18 maanden na je opleiding zelf vertrekt")
        # Kaag en Braassem: 1/24 for each month short of 24, so 6/24 of € 4.800
        assert "€ 1.200,00" in (nieuw[-1].tekst or "")
        assert "waarschijnlijk 100%. Dat is € 4.800,00." in (nieuw[0].tekst or "")


async def test_restart_mid_intake_resumes(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    u = TelegramGebruiker(api, 104)
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        await start(u)
        await tot_doelvragen(u)
        await u.druk("Nee", t.INTAKE_VRAGEN["doel_verplicht"])
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        await u.druk("Nee", t.INTAKE_VRAGEN["doel_huidig"])


async def test_forget_me(api: FakeBotApi, tmp_path: Path, regelboek: Regelboek) -> None:
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        u = TelegramGebruiker(api, 105)
        await start(u)
        await u.zeg("/vergeet", t.VERGEET_VRAAG)
        await u.druk(t.VERGEET_JA, t.VERGETEN)
    db = open_database(tmp_path / "db.sqlite3")
    assert db.execute("SELECT count(*) FROM gesprekken").fetchone()[0] == 0


async def test_bad_input_never_crashes_or_loses_the_intake(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        u = TelegramGebruiker(api, 106)
        await start(u)
        await tot_doelvragen(u)
        await u.zeg("blauw", t.KIES_KNOP)  # text where a button was expected
        oud = next(v for v in u.berichten() if v.knoppen and "niveau" in (v.tekst or ""))
        data = oud.knoppen[0][0]["callback_data"]
        await u._wacht(lambda: api.druk_knop(106, data, oud.resultaat["message_id"]), t.OUDE_KNOP)
        await u._wacht(lambda: api.druk_knop(106, "nooit-verstuurd", 99999), t.OUDE_KNOP)
        await u.zeg("x" * 4096, t.WAAROM_NIET["te-lang"])
        for soort in ("sticker", "photo", "voice"):
            await u._wacht(lambda s=soort: api.stuur_ander(106, s), t.WAAROM_NIET["geen-tekst"])
        voor = len(u.berichten())
        api.stuur_tekst(106, "ja", edited=True)
        api.stuur_tekst(106, "hallo", chat_type="group", chat_id=-500)
        await asyncio.sleep(0.5)
        assert len(u.berichten()) == voor, "edited messages are ignored"
        assert not api.berichten(-500), "group chats are ignored"
        await u.druk("Nee", t.INTAKE_VRAGEN["doel_verplicht"])  # the intake is intact


async def test_blocked_user_does_not_break_the_bot(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        geblokkeerd, ander = TelegramGebruiker(api, 107), TelegramGebruiker(api, 108)
        await start(geblokkeerd)
        api.blokkeer(107)
        api.stuur_tekst(107, "hoeveel studieverlof krijg ik")
        await start(ander)
        await ander.zeg("moet ik een studieovereenkomst tekenen voor mijn opleiding", "Bron:")
        mislukt = [v for v in api.berichten(107, ook_mislukt=True) if not v.gelukt]
        assert mislukt and mislukt[0].foutcode == 403


async def test_hr_fixes_an_answer_live_and_others_are_refused(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    gesprek = bouw(tmp_path, regelboek, Klok(), hr=frozenset({"telegram:301"}))
    async with draaiende_bot(api, gesprek):
        anna, jan = TelegramGebruiker(api, 301), TelegramGebruiker(api, 302)
        await start(anna)
        await start(jan)
        await jan.zeg("/faq", t.ALLEEN_HR)
        await anna.zeg("/faq", t.HR_FAQ_MENU)
        await anna.druk(t.HR_ZOEK, t.HR_TYP_ZOEK)
        vraag = "moet ik een studieovereenkomst tekenen voor mijn opleiding"
        doel = gesprek.d.matcher().zoek(vraag, "haarlem").beste
        assert doel is not None
        [keuze] = await anna.zeg("studieovereenkomst tekenen", t.HR_KIES_VRAAG)
        labels = [k["text"] for rij in keuze.knoppen for k in rij]
        # HR picks the entry that answers the employee's question
        await anna.druk(
            next(x for x in labels if doel.vraag.vraag.startswith(x.rstrip("…"))), "Antwoord:"
        )
        await anna.druk(t.HR_ANTWOORD_AANPASSEN, t.HR_TYP_ANTWOORD)
        await anna.zeg("Ja, altijd vooraf tekenen. <b>Nieuw</b> sinds vandaag.", "Opslaan?")
        await anna.druk(t.HR_OPSLAAN, t.HR_OPGESLAGEN)
        [antwoord] = await jan.zeg(vraag, "Nieuw")
        assert antwoord.tekst and "<b>Nieuw</b> sinds vandaag." in antwoord.tekst
        # the audit names who did it; HR's command line undoes it, live for the bot
        store = gesprek.d.faq_store
        assert store is not None
        beste = gesprek.d.matcher().zoek(vraag, "haarlem").beste
        assert beste is not None
        [regel] = store.geschiedenis(beste.vraag.id)
        assert regel.door == "telegram:301" and regel.voor is not None
        uit = await asyncio.to_thread(
            opleidingsbot,
            "faq", "restore", beste.vraag.id, "0", "--versie", store.versie(beste.vraag),
            "--faq-map", str(tmp_path / "faq"),
        )  # fmt: skip
        assert uit.returncode == 0, uit.stderr
        [terug] = await jan.zeg(vraag, "Bron:")
        assert terug.tekst and regel.voor["antwoord"] in terug.tekst
        assert [r.actie for r in store.geschiedenis(beste.vraag.id)] == ["gewijzigd", "hersteld"]


async def test_two_hr_staff_second_stale_save_is_refused(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    gesprek = bouw(tmp_path, regelboek, Klok(), hr=frozenset({"telegram:321", "telegram:322"}))
    async with draaiende_bot(api, gesprek):
        anna, bert = TelegramGebruiker(api, 321), TelegramGebruiker(api, 322)
        for hr in (anna, bert):
            await start(hr)
            await hr.zeg("/faq", t.HR_FAQ_MENU)
            await hr.druk(t.HR_ZOEK, t.HR_TYP_ZOEK)
            [keuze] = await hr.zeg("studieovereenkomst tekenen", t.HR_KIES_VRAAG)
            await hr.druk(keuze.knoppen[0][0]["text"], "Antwoord:")
            await hr.druk(t.HR_ANTWOORD_AANPASSEN, t.HR_TYP_ANTWOORD)
        await anna.zeg("Antwoord van Anna.", "Opslaan?")
        await bert.zeg("Antwoord van Bert.", "Opslaan?")
        await anna.druk(t.HR_OPSLAAN, t.HR_OPGESLAGEN)
        [geweigerd] = await bert.druk(t.HR_OPSLAAN, "Niet opgeslagen")
        assert geweigerd.tekst == t.HR_VEROUDERD.format(antwoord="Antwoord van Anna.")


async def test_hr_turns_a_queued_question_into_a_phrasing_and_sees_stats(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    vraag = "wordt mijn parkeervergunning bij de hogeschool betaald"
    gesprek = bouw(tmp_path, regelboek, Klok(), hr=frozenset({"telegram:311"}))
    async with draaiende_bot(api, gesprek):
        anna, jan = TelegramGebruiker(api, 311), TelegramGebruiker(api, 312)
        await start(jan)
        await jan.zeg(vraag, t.ONBEKEND)
        await start(anna)
        [item] = await anna.zeg("/vragen", "keer gesteld")
        doel = next(
            k["text"] for rij in item.knoppen for k in rij if k["text"].startswith("Hoort bij")
        )
        await anna.druk(doel, t.HR_WACHTRIJ_LEEG)
        await jan.zeg(vraag, "Bron:")
        nieuw = await anna.zeg("/stats", t.HR_STATS_KOP)
        await api.wacht_op(lambda: bool(api.aanroepen("sendPhoto")))
        [foto] = api.aanroepen("sendPhoto")
        assert foto.chat_id == 311 and foto.bestanden["photo"].startswith(b"\x89PNG")
        tabel = nieuw[0].tekst or ""
        assert "Vragen: 2" in tabel and "- beantwoord: 1" in tabel and "- onbekend: 1" in tabel
    assert not list((tmp_path / "concepten").glob("*.png")), "the chart is not kept"
