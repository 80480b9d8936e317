"""The fake Bot API server: the real python-telegram-bot Application polls it end to end."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
import warnings
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBDeprecationWarning

from tests.fakes import FakeBotApi, post_update, vrije_poort
from tests.telegramdriver import pollend

App = Application[Any, Any, Any, Any, Any, Any]


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


def bouw_app(api: FakeBotApi) -> App:
    return (
        ApplicationBuilder()
        .token(api.token)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .build()
    )


@contextlib.asynccontextmanager
async def losse_bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url) as bot:
        yield bot


async def test_three_users_commands_echo_and_buttons(api: FakeBotApi) -> None:
    verwerkt: Counter[int] = Counter()

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        verwerkt[update.update_id] += 1
        assert update.message and update.effective_user
        knoppen = InlineKeyboardMarkup([[InlineKeyboardButton("Ja", callback_data="ja")]])
        await update.message.reply_text(f"Welkom {update.effective_user.id}", reply_markup=knoppen)

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        verwerkt[update.update_id] += 1
        assert update.message and update.message.text
        await update.message.reply_text(f"echo: {update.message.text}")

    async def knop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        verwerkt[update.update_id] += 1
        query = update.callback_query
        assert query and isinstance(query.message, Message) and query.message.text
        await query.answer("ok")
        await query.edit_message_text(f"{query.message.text} -> gekozen: {query.data}")

    app = bouw_app(api)
    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_handler(CallbackQueryHandler(knop))
    gebruikers = [1001, 1002, 1003]
    async with pollend(app):
        geplaatst = []
        for stap in ("/start", "hallo", "tweede"):
            for gebruiker in gebruikers:
                tekst = stap if stap == "/start" else f"{stap} {gebruiker}"
                geplaatst.append(api.stuur_tekst(gebruiker, tekst)["update_id"])
        await api.wacht_op(
            lambda: all(len(api.berichten(g)) == 3 for g in gebruikers), wat="3 replies each"
        )
        for gebruiker in gebruikers:
            welkom = api.berichten(gebruiker)[0].resultaat["message_id"]
            geplaatst.append(api.druk_knop(gebruiker, "ja", welkom)["update_id"])
        await api.wacht_op(
            lambda: all(len(api.berichten(g)) == 4 for g in gebruikers), wat="the edits"
        )
    assert api.openstaand == 0, "the last updates were confirmed on stop"

    for gebruiker in gebruikers:
        assert api.teksten(gebruiker) == [
            f"Welkom {gebruiker}",
            f"echo: hallo {gebruiker}",
            f"echo: tweede {gebruiker}",
            f"Welkom {gebruiker} -> gekozen: ja",
        ]
        verstuurd = api.berichten(gebruiker)
        assert [v.methode for v in verstuurd] == ["sendMessage"] * 3 + ["editMessageText"]
        assert all(v.chat_id == gebruiker for v in verstuurd)
        assert verstuurd[0].knoppen == [[{"text": "Ja", "callback_data": "ja"}]]
        ids = [v.resultaat["message_id"] for v in verstuurd[:3]]
        assert ids == sorted(ids) and len(set(ids)) == 3 and min(ids) > 3  # after the 3 inputs
        welkom = api.bericht(gebruiker, ids[0])
        assert welkom is not None
        assert welkom["text"] == f"Welkom {gebruiker} -> gekozen: ja"
        assert "reply_markup" not in welkom, "editing without reply_markup drops the keyboard"
    antwoorden = api.aanroepen("answerCallbackQuery")
    assert len(antwoorden) == 3 and all(v.gelukt for v in antwoorden)
    assert {v.params["text"] for v in antwoorden} == {"ok"}
    assert sorted(verwerkt) == sorted(geplaatst)
    assert set(verwerkt.values()) == {1}, "no update was handled twice"


async def test_send_document_records_name_and_exact_bytes(api: FakeBotApi) -> None:
    inhoud = b"naam;bedrag\r\n--grens\r\n\x00\xff\xfe einde"

    async def rapport(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message
        await update.message.reply_document(inhoud, filename="rapport.csv", caption="Hier")

    app = bouw_app(api)
    app.add_handler(CommandHandler("rapport", rapport))
    async with pollend(app):
        api.stuur_tekst(42, "/rapport")
        await api.wacht_op(lambda: len(api.berichten(42)) == 1)
        [verzoek] = api.berichten(42)
        document = verzoek.resultaat["document"]
        bestand = await app.bot.get_file(document["file_id"])
        gedownload = bytes(await bestand.download_as_bytearray())
    assert verzoek.methode == "sendDocument" and verzoek.tekst == "Hier"
    assert verzoek.bestandsnamen == {"document": "rapport.csv"}
    assert verzoek.bestanden["document"] == inhoud
    assert document["file_name"] == "rapport.csv" and document["file_size"] == len(inhoud)
    assert gedownload == inhoud


async def test_blocked_user_raises_forbidden(api: FakeBotApi) -> None:
    fouten: list[object] = []

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message
        await update.message.reply_text("Welkom")

    async def bij_fout(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        fouten.append(context.error)

    app = bouw_app(api)
    app.add_handler(CommandHandler("start", start))
    app.add_error_handler(bij_fout)
    async with pollend(app):
        api.stuur_tekst(7, "/start")
        await api.wacht_op(lambda: len(api.berichten(7)) == 1)
        api.blokkeer(7)
        api.stuur_tekst(7, "/start")
        await api.wacht_op(lambda: len(fouten) == 1, wat="the error handler")
        with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
            await app.bot.send_message(7, "nog iets")
        await app.bot.send_message(8, "andere gebruiker")
    assert isinstance(fouten[0], Forbidden)
    assert [v.foutcode for v in api.berichten(7, ook_mislukt=True)] == [None, 403, 403]
    assert api.teksten(7) == ["Welkom"]
    assert api.teksten(8) == ["andere gebruiker"]


async def test_stickers_photos_voice_and_edits_are_parsed(api: FakeBotApi) -> None:
    gezien: dict[str, Any] = {}

    def onthoud(soort: str) -> Any:
        async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            gezien[soort] = update.effective_message

        return handler

    app = bouw_app(api)
    app.add_handler(MessageHandler(filters.Sticker.ALL, onthoud("sticker")))
    app.add_handler(MessageHandler(filters.PHOTO, onthoud("photo")))
    app.add_handler(MessageHandler(filters.VOICE, onthoud("voice")))
    app.add_handler(
        MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.TEXT, onthoud("edited"))
    )
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT, onthoud("text")))
    async with pollend(app):
        origineel = api.stuur_tekst(5, "eerste versie")["message"]["message_id"]
        api.stuur_ander(5, "sticker")
        api.stuur_ander(5, "photo", bijschrift="foto")
        api.stuur_ander(5, "voice")
        api.stuur_tekst(5, "tweede versie", edited=True)
        await api.wacht_op(lambda: len(gezien) == 5, wat=f"all kinds, saw {sorted(gezien)}")
    assert gezien["sticker"].sticker.emoji == "👍" and gezien["sticker"].text is None
    assert gezien["photo"].photo[-1].width == 800 and gezien["photo"].caption == "foto"
    assert gezien["voice"].voice.mime_type == "audio/ogg" and gezien["voice"].text is None
    assert gezien["edited"].text == "tweede versie"
    assert gezien["edited"].message_id == origineel and gezien["edited"].edit_date is not None
    assert gezien["text"].text == "eerste versie"


async def test_bot_api_checks_like_the_real_server(api: FakeBotApi) -> None:
    async with losse_bot(api) as bot:
        assert bot.username == "test_bot" and bot.id == 123
        with pytest.raises(BadRequest, match=r'(?i)unsupported start tag "br"'):
            await bot.send_message(1, "regel<br>regel", parse_mode=ParseMode.HTML)
        ok = await bot.send_message(1, "<b>vet</b> &amp; 1 &lt; 2", parse_mode=ParseMode.HTML)
        assert ok.text == "vet & 1 < 2"
        with pytest.raises(BadRequest, match=r"(?i)character '.' is reserved"):
            await bot.send_message(1, "*€ 1.500*", parse_mode=ParseMode.MARKDOWN_V2)
        ok = await bot.send_message(1, "*€ 1\\.500*", parse_mode=ParseMode.MARKDOWN_V2)
        assert ok.text == "€ 1.500"
        with pytest.raises(BadRequest, match=r"(?i)message is too long"):
            await bot.send_message(1, "x" * 4097)
        with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
            markup = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
            await bot.send_message(1, "knoppen", reply_markup=markup)
        with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
            await bot.edit_message_text("vet & 1 < 2", chat_id=1, message_id=ok.message_id - 1)
        with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
            await bot.edit_message_text("weg", chat_id=1, message_id=999)
        query_id = api.druk_knop(1, "oud", 12345)["callback_query"]["id"]
        assert await bot.answer_callback_query(query_id) is True
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await bot.answer_callback_query(query_id)
        api.faal_bij("sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3)
        with warnings.catch_warnings(), pytest.raises(RetryAfter):
            # PTB 22 warns that retry_after will become a timedelta.
            warnings.simplefilter("ignore", PTBDeprecationWarning)
            await bot.send_message(1, "te snel")
        assert (await bot.send_message(1, "weer goed")).text == "weer goed"
        await bot.set_my_commands([("start", "Begin"), ("help", "Uitleg")])
        assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
        assert await bot.do_api_request("onbekendeMethode") is True
    assert api.aanroepen("onbekendeMethode")[0].gelukt
    verkeerd = Bot("999:FOUT", base_url=api.base_url)
    with pytest.raises(InvalidToken, match=r"(?i)rejected by the server"):
        await verkeerd.initialize()
    await verkeerd.shutdown()
    with pytest.raises(AssertionError, match=r"(?i)no button with callback_data 'nee'"):
        api.druk_knop(1, "nee", ok.message_id)


async def test_long_poll_wakes_at_once_and_offset_confirms(api: FakeBotApi) -> None:
    async with losse_bot(api) as bot:
        eerste = api.stuur_tekst(1, "een")["update_id"]
        [update] = await bot.get_updates(timeout=5)
        [opnieuw] = await bot.get_updates(timeout=5)
        assert update.update_id == opnieuw.update_id == eerste, "unconfirmed: delivered again"
        threading.Timer(0.2, api.stuur_tekst, args=(1, "twee")).start()
        begin = time.monotonic()
        [volgende] = await bot.get_updates(offset=eerste + 1, timeout=5)
        duur = time.monotonic() - begin
        assert volgende.message and volgende.message.text == "twee"
        assert 0.1 < duur < 1.5, f"long poll should wake when the update arrives, took {duur}"
        begin = time.monotonic()
        assert (
            await bot.get_updates(offset=volgende.update_id + 1, timeout=dt.timedelta(seconds=0.3))
            == ()
        )
        assert time.monotonic() - begin >= 0.25
        assert api.openstaand == 0
        api.stuur_tekst(1, "drie")
        await bot.set_webhook("https://voorbeeld.invalid/hook")
        with pytest.raises(Conflict, match=r"(?i)webhook is active"):
            await bot.get_updates()
        await bot.delete_webhook(drop_pending_updates=True)
        assert await bot.get_updates(timeout=0) == ()


def test_sync_wait_lists_recent_calls_on_timeout(api: FakeBotApi) -> None:
    api.wacht_op_sync(lambda: True, timeout=0.1)
    with pytest.raises(AssertionError, match=r"(?i)unconfirmed updates: 1"):
        api.stuur_tekst(3, "hoi")
        api.wacht_op_sync(lambda: False, timeout=0.05, wat="nothing")


async def test_webhook_mode_delivers_updates_with_the_secret(api: FakeBotApi) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message and update.message.text
        await update.message.reply_text(f"echo: {update.message.text}")

    app = bouw_app(api)
    app.add_handler(MessageHandler(filters.TEXT, echo))
    poort = vrije_poort()
    url = f"http://127.0.0.1:{poort}/hook"
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_webhook(
        listen="127.0.0.1", port=poort, url_path="hook", webhook_url=url, secret_token="geheim"
    )
    try:
        [instellen] = api.aanroepen("setWebhook")
        assert instellen.params["url"] == url and instellen.params["secret_token"] == "geheim"
        api.stuur_tekst(11, "via webhook")
        await api.wacht_op(lambda: api.teksten(11) == ["echo: via webhook"])
        nep = {
            "update_id": 999,
            "message": {
                "message_id": 50,
                "date": int(time.time()),
                "chat": {"id": 12, "type": "private", "first_name": "X"},
                "from": {"id": 12, "is_bot": False, "first_name": "X"},
                "text": "met de hand",
            },
        }
        assert await post_update(url, nep, "fout") == 403
        assert await post_update(url, nep, "geheim") == 200
        await api.wacht_op(lambda: api.teksten(12) == ["echo: met de hand"])
        assert api.openstaand == 0
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
