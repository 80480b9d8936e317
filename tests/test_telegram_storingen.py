"""Quick users and Telegram's errors, through the real Application and the fake Bot API."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import logging
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from opleidingsbot.bot import teksten as t
from opleidingsbot.bot.dialoog.berichten import Bericht, Invoer, Tekst
from opleidingsbot.bot.kanalen import herhaal, telegram
from opleidingsbot.bot.kanalen.logregel import ZonderGebruikersdata
from opleidingsbot.rules import Regelboek
from tests.chatdriver import Klok, bouw
from tests.fakes import FakeBotApi, post_update, vrije_poort
from tests.telegramdriver import TelegramGebruiker, draaiende_bot

HAARLEM_IN_EEN_ADEM = [
    "/intake",
    "Hbo Bestuurskunde",
    "Hogeschool Leiden",
    "hbo",
    "september 2027",
    "4 jaar",
    "ja",  # diploma
    "nee",  # van werk naar werk
    "nee",  # verplicht
    "nee",  # huidige functie
    "ja",  # intern
    "nee",  # zicht op een functie
    "ja",  # klopt
    "ja",  # pop
    "groot",  # kans
    "€ 7.500",
    "450,50",
    "geen",  # verblijfkosten
    "36",
    "8",
]
"""A whole intake typed without waiting for the bot: twenty messages."""
KLAAR = "Dit krijg je waarschijnlijk voor Hbo Bestuurskunde"


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


@pytest.fixture(autouse=True)
def _korte_pauzes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(herhaal, "EERSTE_PAUZE", 0.01)


async def _gestart(api: FakeBotApi, user_id: int) -> TelegramGebruiker:
    u = TelegramGebruiker(api, user_id)
    await u.zeg("/start", t.KIES_GEMEENTE)
    await u.druk("Haarlem", t.WAT_KAN_IK)
    return u


def _antwoorden_sinds(u: TelegramGebruiker, begin: int) -> list[str]:
    return u.teksten()[begin:]


@pytest.mark.parametrize("verzendtijd", [0.0, 0.15])
async def test_a_burst_of_twenty_messages_is_handled_whole_and_in_order(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek, verzendtijd: float
) -> None:
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        u = await _gestart(api, 301)
        begin = len(u.teksten())
        api.vertraag("sendMessage", verzendtijd)
        for tekst in HAARLEM_IN_EEN_ADEM:
            api.stuur_tekst(301, tekst)
        await api.wacht_op(
            lambda: any(KLAAR in x for x in u.teksten()[begin:]), timeout=60, wat="the quote"
        )
        teksten = _antwoorden_sinds(u, begin)
    # each message got its own reply: the intake's questions, one after the other
    vragen = [x for x in teksten if any(x.endswith(v) for v in t.INTAKE_VRAGEN.values())]
    assert len(teksten) >= len(HAARLEM_IN_EEN_ADEM)
    assert teksten.index(next(x for x in teksten if KLAAR in x)) == len(teksten) - 1
    assert len(vragen) >= 15, teksten
    assert not any(t.KIES_KNOP in x or "begrijp" in x for x in teksten), teksten


async def test_a_burst_does_not_hold_up_another_user(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        snel = await _gestart(api, 302)
        ander = await _gestart(api, 303)
        api.vertraag("sendMessage", 0.05)
        for tekst in HAARLEM_IN_EEN_ADEM * 2:
            api.stuur_tekst(302, tekst)
        await ander.zeg("moet ik een studieovereenkomst tekenen voor mijn opleiding", "Bron:")
        # the other user's answer came while the burst was still being worked off
        assert not any(KLAAR in x for x in snel.teksten()[-1:])


@pytest.mark.parametrize(
    ("code", "retry_after"), [(429, 1), (500, None), (502, None)], ids=["429", "500", "502"]
)
async def test_flood_control_and_server_errors_lose_no_reply(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek, code: int, retry_after: int | None
) -> None:
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        u = await _gestart(api, 304)
        api.faal_bij("sendMessage", code, "fout", keer=2, retry_after=retry_after)
        await u.zeg("/intake", t.INTAKE_VRAGEN["naam"])
        await u.zeg("Hbo Bestuurskunde", t.INTAKE_VRAGEN["instelling"])
    mislukt = [v for v in api.berichten(304, ook_mislukt=True) if v.foutcode == code]
    assert len(mislukt) == 2


async def test_a_reply_telegram_never_took_comes_with_the_next_one(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        u = await _gestart(api, 305)
        await u.zeg("/intake", t.INTAKE_VRAGEN["naam"])
        api.faal_bij("sendMessage", 500, keer=herhaal.POGINGEN)
        api.stuur_tekst(305, "Hbo Bestuurskunde")
        await api.wacht_op(
            lambda: len([v for v in api.berichten(305, ook_mislukt=True) if v.foutcode]) == 5,
            wat="five failed sends",
        )
        assert t.INTAKE_VRAGEN["instelling"] not in u.teksten()
        nieuw = await u.zeg("Hogeschool Leiden", t.INTAKE_VRAGEN["niveau"])
    teksten = [v.tekst for v in nieuw]
    assert teksten.index(t.INTAKE_VRAGEN["instelling"]) < teksten.index(t.INTAKE_VRAGEN["niveau"])


async def test_a_failing_command_list_at_start_is_retried(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    api.faal_bij("setMyCommands", 502, "Bad Gateway", keer=2)
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        u = await _gestart(api, 306)
        await u.zeg("moet ik een studieovereenkomst tekenen voor mijn opleiding", "Bron:")
    assert len(api.aanroepen("setMyCommands")) >= 1


async def test_idle_intakes_and_left_over_drafts_are_gone_after_a_restart(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    klok = Klok()
    gesprek = bouw(tmp_path, regelboek, klok)
    async with draaiende_bot(api, gesprek):
        u = await _gestart(api, 307)
        await u.zeg("/intake", t.INTAKE_VRAGEN["naam"])
        await u.zeg("Hbo Bestuurskunde", t.INTAKE_VRAGEN["instelling"])
    achtergebleven = gesprek.d.concept_map / "concept-aanvraag-x.docx"
    achtergebleven.parent.mkdir(parents=True, exist_ok=True)
    achtergebleven.write_bytes(b"not sent")
    klok.nu += dt.timedelta(hours=49)
    async with draaiende_bot(api, gesprek):
        toestand = gesprek.d.gesprekken.laad("telegram:307")
        assert toestand is not None and toestand.antwoorden == {}
        assert not achtergebleven.exists()
        # the user hears of it at the next message
        await u.zeg("hallo", t.INTAKE_VERLOPEN.split("{")[0][:20])


async def test_messages_sent_while_each_reply_takes_a_second_all_get_one(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        u = await _gestart(api, 308)
        begin = len(u.teksten())
        api.vertraag("sendMessage", 1.0)
        for tekst in HAARLEM_IN_EEN_ADEM[:5]:  # up to the question about the duration
            api.stuur_tekst(308, tekst)
            await asyncio.sleep(0.4)
        await api.wacht_op(
            lambda: t.INTAKE_VRAGEN["duur"] in u.teksten()[begin:],
            timeout=30,
            wat="the fifth reply",
        )
        teksten = u.teksten()[begin:]
    vragen = [t.INTAKE_VRAGEN[n] for n in ("naam", "instelling", "niveau", "startdatum", "duur")]
    assert [x for x in teksten if x in vragen] == vragen


async def test_a_message_without_a_sender_is_ignored(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        u = await _gestart(api, 309)
        chat = {"id": 309, "type": "private", "first_name": "X"}
        api.stuur_update({"message": {"message_id": 900, "chat": chat, "date": 1, "text": "hoi"}})
        await u.zeg("/intake", t.INTAKE_VRAGEN["naam"])


async def test_no_user_text_reaches_a_log_line(
    api: FakeBotApi,
    tmp_path: Path,
    regelboek: Regelboek,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    geheim = "Xyzzy-geheim"
    gesprek = bouw(tmp_path, regelboek, Klok())
    echte = gesprek.verwerk

    def soms_kapot(gebruiker: str, invoer: Invoer) -> list[Bericht]:
        if isinstance(invoer, Tekst) and invoer.tekst.startswith("kapot"):
            raise ValueError(f"kan '{invoer.tekst}' niet lezen")  # quotes what was typed
        return echte(gebruiker, invoer)

    monkeypatch.setattr(gesprek, "verwerk", soms_kapot)
    with caplog.at_level(logging.DEBUG):
        async with draaiende_bot(api, gesprek):
            u = await _gestart(api, 310)
            await u.zeg(f"mag {geheim} mee naar de cursus", t.ONBEKEND[:20])
            await u.zeg("/intake", t.INTAKE_VRAGEN["naam"])
            await u.zeg(f"Opleiding {geheim}", t.INTAKE_VRAGEN["instelling"])
            api.stuur_tekst(310, f"kapot {geheim}")
            await u.zeg("Hogeschool Leiden", t.INTAKE_VRAGEN["niveau"])
    assert any("ValueError" in r.getMessage() + (r.exc_text or "") for r in caplog.records)
    for record in caplog.records:
        eigen = record.name.split(".")[0] in ("bot", "knowledge", "rules")
        if eigen or record.levelno >= logging.INFO:
            assert geheim not in record.getMessage(), (record.name, record.getMessage())
            assert geheim not in (record.exc_text or ""), record.name


async def test_a_sticker_is_answered_in_its_place_in_the_row(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        u = await _gestart(api, 312)
        begin = len(u.teksten())
        api.vertraag("sendMessage", 0.1)
        api.stuur_tekst(312, "/intake")
        api.stuur_ander(312, "sticker")
        api.stuur_tekst(312, "Hbo Bestuurskunde")
        await api.wacht_op(
            lambda: t.INTAKE_VRAGEN["instelling"] in u.teksten(), wat="the second question"
        )
    teksten = u.teksten()[begin:]
    assert teksten.index(t.INTAKE_VRAGEN["naam"]) < teksten.index(t.WAAROM_NIET["geen-tekst"])
    assert teksten.index(t.WAAROM_NIET["geen-tekst"]) < teksten.index(
        t.INTAKE_VRAGEN["instelling"]
    )


async def test_a_slow_engine_call_holds_up_nobody_for_long(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One user's long call (an HR save waiting on the FAQ lock): the others are told."""
    monkeypatch.setattr(telegram, "MOTOR_WACHTTIJD", 0.2)
    gesprek = bouw(tmp_path, regelboek, Klok())
    echt = gesprek.verwerk
    klaar = threading.Event()

    def traag(gebruiker: str, invoer: Invoer) -> list[Bericht]:
        if isinstance(invoer, Tekst) and invoer.tekst == "traag":
            klaar.wait(timeout=20)
        return echt(gebruiker, invoer)

    monkeypatch.setattr(gesprek, "verwerk", traag)
    async with draaiende_bot(api, gesprek):
        traag_gebruiker = await _gestart(api, 313)
        ander = await _gestart(api, 314)
        api.stuur_tekst(313, "traag")
        await asyncio.sleep(0.3)
        # the event loop is free: the other user hears at once that it is busy
        await ander.zeg("moet ik een studieovereenkomst tekenen", t.TE_DRUK)
        klaar.set()
        await api.wacht_op(lambda: len(traag_gebruiker.teksten()) > 3, wat="the slow user's reply")
        await ander.zeg("moet ik een studieovereenkomst tekenen", "Bron:")


async def test_an_engine_error_gets_an_apology_and_the_next_message_works(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek, monkeypatch: pytest.MonkeyPatch
) -> None:
    gesprek = bouw(tmp_path, regelboek, Klok())
    echt = gesprek.verwerk
    fouten = [sqlite3.OperationalError("database is locked")]

    def soms_kapot(gebruiker: str, invoer: Invoer) -> list[Bericht]:
        if fouten:
            raise fouten.pop()
        return echt(gebruiker, invoer)

    async with draaiende_bot(api, gesprek):
        u = await _gestart(api, 315)
        monkeypatch.setattr(gesprek, "verwerk", soms_kapot)
        await u.zeg("/intake", t.STORING)
        await u.zeg("/intake", t.INTAKE_VRAGEN["naam"])


async def test_an_update_that_cannot_be_read_is_skipped_once_and_blocks_nobody(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek, caplog: pytest.LogCaptureFixture
) -> None:
    async with draaiende_bot(api, bouw(tmp_path, regelboek, Klok())):
        u = await _gestart(api, 310)
        chat = {"id": 310, "type": "private", "first_name": "Geheim"}
        van = {"id": 310, "is_bot": False, "first_name": "Geheim"}
        kapot = {"message_id": 901, "chat": chat, "from": van, "date": "nooit", "text": "BSN"}
        with caplog.at_level(logging.DEBUG):
            nummer = api.stuur_update({"message": kapot})["update_id"]
            await u.zeg("/intake", t.INTAKE_VRAGEN["naam"])
    regels = [r.getMessage() + (r.exc_text or "") for r in caplog.records]
    overgeslagen = [r for r in regels if f"update {nummer}" in r]
    assert len(overgeslagen) == 1, regels
    assert not any("Geheim" in r or "BSN" in r for r in regels)


async def test_a_webhook_update_that_cannot_be_read_leaves_no_user_data_in_the_log(
    api: FakeBotApi, tmp_path: Path, regelboek: Regelboek
) -> None:
    app = telegram.bouw_applicatie(bouw(tmp_path, regelboek, Klok()), api.token, api.base_url)
    uitvoer = io.StringIO()
    schrijver = logging.StreamHandler(uitvoer)
    schrijver.addFilter(ZonderGebruikersdata())
    logging.getLogger().addHandler(schrijver)
    poort = vrije_poort()
    url = f"http://127.0.0.1:{poort}/hook"
    kapot = {
        "update_id": 77,
        "message": {
            "message_id": 1,
            "date": "nooit",
            "chat": {"id": 311, "type": "private", "first_name": "Geheim"},
            "text": "mijn BSN",
        },
    }
    await app.initialize()
    assert app.updater is not None
    try:
        await app.updater.start_webhook(
            listen="127.0.0.1", port=poort, url_path="hook", webhook_url=url, secret_token="s"
        )
        assert await post_update(url, kapot, "s") == 400
    finally:
        await app.updater.stop()
        await app.shutdown()
        logging.getLogger().removeHandler(schrijver)
    log = uitvoer.getvalue()
    assert "left out of the log" in log and "TypeError" in log
    assert "Geheim" not in log and "BSN" not in log
