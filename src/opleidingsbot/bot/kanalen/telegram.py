"""Telegram's front door: thin handlers between Telegram updates and the dialogue engine.

Each handler turns an update into an ``Invoer``, lets the engine decide, and sends
what it returns. User text is sent back as plain text (no parse mode), so HTML or
Markdown typed by a user is never interpreted.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import BinaryIO

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.constants import ChatAction, ChatType
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from opleidingsbot.bot import teksten as t
from opleidingsbot.bot.dialoog.berichten import Bericht, Druk, GeenTekst, Invoer, Tekst, is_zwaar
from opleidingsbot.bot.dialoog.gesprek import Gesprek
from opleidingsbot.bot.kanalen.beurten import Beurten
from opleidingsbot.bot.kanalen.herhaal import met_herhaling
from opleidingsbot.bot.kanalen.logregel import log_fout
from opleidingsbot.bot.kanalen.ophalen import UpdatesOphalen

logger = logging.getLogger(__name__)

MAX_TEKST = 4096
GELIJKTIJDIG = 16
MOTOR_WACHTTIJD = 20.0
"""How long one user's input waits for the engine before it is told to try again."""
"""Updates handled at once (each user's own updates stay in order)."""
OPRUIMEN_ELKE = 3600.0
"""Seconds between clean-ups of idle intakes and left-over files."""
BESTAND_BEWAREN = 600.0
"""A draft or chart older than this was not sent (the send failed or the bot died)."""
WACHT_OP_VERBINDING = 30.0
"""Seconds a reply may wait for a free connection when Telegram is slow."""
PRIVE = filters.ChatType.PRIVATE
GEEN_TEKST = (
    filters.Sticker.ALL
    | filters.PHOTO
    | filters.VOICE
    | filters.AUDIO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.Document.ALL
    | filters.LOCATION
    | filters.CONTACT
    | filters.ANIMATION
)


def http_client(bouwer: ApplicationBuilder) -> ApplicationBuilder:  # type: ignore[type-arg]
    """python-telegram-bot's own httpx client, sized for the updates handled at once.

    Every update in progress may be sending a reply, so the pool has a connection for
    each; a reply waits for a free connection rather than being dropped after PTB's 1 s.
    Updates are fetched by a client that skips one it cannot read (see ``ophalen``).
    """
    return (
        bouwer.concurrent_updates(GELIJKTIJDIG)
        .connection_pool_size(GELIJKTIJDIG)
        .pool_timeout(WACHT_OP_VERBINDING)
        .get_updates_request(UpdatesOphalen(connection_pool_size=1))
    )


def gebruiker_id(update: Update) -> str:
    """The key of a Telegram user in the store."""
    assert update.effective_user is not None
    return f"telegram:{update.effective_user.id}"


def toetsenbord(bericht: Bericht) -> InlineKeyboardMarkup | None:
    """The message's buttons as an inline keyboard."""
    if not bericht.knoppen:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(k.label, callback_data=k.data) for k in rij]
            for rij in bericht.knoppen
        ]
    )


def delen(tekst: str, maximum: int = MAX_TEKST) -> list[str]:
    r"""Split a long text at paragraph breaks into parts Telegram accepts.

    >>> [len(d) for d in delen("a" * 10 + "\n\n" + "b" * 10, 12)]
    [10, 10]
    """
    stukken: list[str] = []
    huidig = ""
    for alinea in tekst.split("\n\n"):
        while len(alinea) > maximum:
            stukken.append(alinea[:maximum])
            alinea = alinea[maximum:]
        kandidaat = f"{huidig}\n\n{alinea}" if huidig else alinea
        if len(kandidaat) > maximum:
            stukken.append(huidig)
            huidig = alinea
        else:
            huidig = kandidaat
    if huidig:
        stukken.append(huidig)
    return stukken


class TelegramDeur:
    """The handlers, with the conversation engine they call."""

    def __init__(self, gesprek: Gesprek) -> None:
        self.gesprek = gesprek
        self._motor = threading.Lock()
        """One engine call at a time (one SQLite connection); sending overlaps."""
        self._beurten = Beurten(GELIJKTIJDIG)
        """Updates of one user are handled one by one, in order; users go side by side."""
        self._onbezorgd: dict[str, list[Bericht]] = {}
        """Replies Telegram did not take after every retry: sent before the next reply."""

    async def tekst(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A text message (or command) in a private chat."""
        assert update.message is not None and update.message.text is not None
        self._plan(update, context, Tekst(update.message.text, update.update_id))

    async def knop(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button press: queued in order first, then the callback is answered."""
        query = update.callback_query
        assert query is not None
        if query.message is not None and query.message.chat.type == ChatType.PRIVATE:
            self._plan(update, context, Druk(query.data or "", update.update_id))
        with contextlib.suppress(TelegramError):
            await query.answer()

    def _plan(self, update: Update, context: ContextTypes.DEFAULT_TYPE, invoer: Invoer) -> None:
        if update.effective_user is None or update.effective_chat is None:
            logger.info("ignored an update without a sender")  # nobody to answer, or to key
            return
        gebruiker = gebruiker_id(update)

        async def klus() -> None:
            await self._verwerk(update, context, invoer)

        self._beurten.plan(gebruiker, klus, context.application.create_task)

    async def geen_tekst(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A sticker, photo, voice message…: in the user's row like text, answered once."""
        self._plan(update, context, GeenTekst(update.update_id))

    async def _verwerk(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, invoer: Invoer
    ) -> None:
        assert update.effective_chat is not None
        chat_id = update.effective_chat.id
        gebruiker = gebruiker_id(update)
        if is_zwaar(invoer):  # a draft request takes a moment: show that we are busy
            with contextlib.suppress(TelegramError):
                await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)
        # always in a thread: an HR save, a full queue or a locked database may take a
        # while, and the event loop must go on serving everyone else meanwhile
        berichten = await asyncio.to_thread(self._motor_verwerk, gebruiker, invoer)
        # what could not be delivered last time comes first: the state has moved on
        berichten = self._onbezorgd.pop(gebruiker, []) + berichten
        niet_bezorgd = await self._stuur(context, chat_id, berichten)
        if niet_bezorgd:
            self._onbezorgd[gebruiker] = niet_bezorgd

    async def ruim_op(self, bestanden_ouder_dan: float = BESTAND_BEWAREN) -> None:
        """Wipe idle intakes, and drafts or charts left behind by a failed send or a crash."""

        def opruimen() -> tuple[int, int]:  # in a thread: the disk and the store are slow
            with self._motor:
                intakes = self.gesprek.ruim_op()
            grens = time.time() - bestanden_ouder_dan
            map_ = self.gesprek.d.concept_map
            oud = [p for p in map_.glob("*") if p.is_file() and p.stat().st_mtime <= grens]
            for pad in oud:
                pad.unlink(missing_ok=True)
            return intakes, len(oud)

        intakes, bestanden = await asyncio.to_thread(opruimen)
        if intakes or bestanden:
            logger.info("clean-up: %d idle intakes, %d files", intakes, bestanden)

    async def ruim_op_elk_uur(self) -> None:
        """The clean-up on a schedule, for as long as the bot runs."""
        while True:
            await asyncio.sleep(OPRUIMEN_ELKE)
            try:
                await self.ruim_op()
            except Exception:  # the next hour tries again
                logger.exception("clean-up failed")

    def _motor_verwerk(self, gebruiker: str, invoer: Invoer) -> list[Bericht]:
        """The engine's reply; on a long wait or an error, an apology, never silence.

        The engine's transaction stores nothing of an input it failed on, so the user
        can send it again.
        """
        if not self._motor.acquire(timeout=MOTOR_WACHTTIJD):
            logger.warning(
                "the engine was busy for %.0f s; a user is asked to retry", MOTOR_WACHTTIJD
            )
            return [Bericht(t.TE_DRUK)]
        try:
            return self.gesprek.verwerk(gebruiker, invoer)
        except Exception as fout:  # e.g. "database is locked" by another process
            log_fout(logger, "the engine failed on an update", fout)
            return [Bericht(t.STORING)]
        finally:
            self._motor.release()

    async def _stuur(
        self, context: ContextTypes.DEFAULT_TYPE, chat_id: int, berichten: list[Bericht]
    ) -> list[Bericht]:
        """Send the messages in order; return those Telegram did not take after retries."""
        for nummer, bericht in enumerate(berichten):
            try:
                await self._stuur_een(context, chat_id, bericht)
            except Forbidden:
                logger.info("a user blocked the bot; reply dropped")
                return []
            except TelegramError as fout:
                logger.warning(
                    "reply not delivered (%s): kept for the next one", type(fout).__name__
                )
                return berichten[nummer:]
        return []

    async def _stuur_een(
        self, context: ContextTypes.DEFAULT_TYPE, chat_id: int, bericht: Bericht
    ) -> None:
        bot = context.bot
        stukken = delen(bericht.tekst)
        for i, stuk in enumerate(stukken):
            markup = toetsenbord(bericht) if i == len(stukken) - 1 else None
            await met_herhaling(
                functools.partial(bot.send_message, chat_id, stuk, reply_markup=markup)
            )
        if bericht.document:
            naam = bericht.document.bestandsnaam
            await _stuur_bestand(
                bericht.document.pad, lambda f: bot.send_document(chat_id, f, filename=naam)
            )
        if bericht.afbeelding:
            await _stuur_bestand(bericht.afbeelding.pad, lambda f: bot.send_photo(chat_id, f))


async def _stuur_bestand(pad: Path, verstuur: Callable[[BinaryIO], Awaitable[object]]) -> None:
    """Send a file, opened anew for each try; it is deleted afterwards (see /privacy)."""

    async def poging() -> object:
        with pad.open("rb") as bestand:
            return await verstuur(bestand)

    try:
        await met_herhaling(poging)
    finally:
        pad.unlink(missing_ok=True)


async def fout(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log any error without personal data; the update is not retried."""
    log_fout(logger, "error while handling an update", context.error)


def bouw_applicatie(
    gesprek: Gesprek,
    token: str,
    base_url: str | None = None,
    *,
    floodbegrenzing: bool = True,
    hr_ids: frozenset[int] = frozenset(),
) -> Application:  # type: ignore[type-arg]
    """The composition root for Telegram: every handler registered here.

    ``base_url`` points the bot at another Bot API server (the tests' fake);
    ``floodbegrenzing=False`` drops the rate limiter, for measuring the bot itself.
    """
    deur = TelegramDeur(gesprek)

    opruimer: list[asyncio.Task[None]] = []

    async def na_start(app: Application) -> None:  # type: ignore[type-arg]
        await deur.ruim_op(bestanden_ouder_dan=0)  # nothing is being sent yet
        opruimer.append(asyncio.create_task(deur.ruim_op_elk_uur()))
        commandos = [BotCommand(c, o) for c, o in t.COMMANDO_OMSCHRIJVINGEN.items()]
        await met_herhaling(functools.partial(app.bot.set_my_commands, commandos))
        # HR staff see their own commands in their menu; others never do
        hr = commandos + [BotCommand(c, o) for c, o in t.HR_COMMANDO_OMSCHRIJVINGEN.items()]
        for hr_id in sorted(hr_ids):
            with contextlib.suppress(TelegramError):  # a chat the bot has not seen yet
                await met_herhaling(
                    functools.partial(
                        app.bot.set_my_commands, hr, scope=BotCommandScopeChat(hr_id)
                    )
                )

    async def na_stop(app: Application) -> None:  # type: ignore[type-arg]
        for taak in opruimer:
            taak.cancel()

    bouwer = http_client(ApplicationBuilder().token(token)).post_init(na_start).post_stop(na_stop)
    if floodbegrenzing:
        bouwer = bouwer.rate_limiter(AIORateLimiter())
    if base_url:
        bouwer = bouwer.base_url(base_url).base_file_url(base_url.replace("/bot", "/file/bot"))
    app = bouwer.build()
    app.add_handler(MessageHandler(PRIVE & filters.TEXT & filters.UpdateType.MESSAGE, deur.tekst))
    app.add_handler(CallbackQueryHandler(deur.knop))
    app.add_handler(
        MessageHandler(PRIVE & GEEN_TEKST & filters.UpdateType.MESSAGE, deur.geen_tekst)
    )
    app.add_error_handler(fout)
    return app
