"""Run the real bot against the fake Bot API and talk to it as Telegram users."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import Application

from opleidingsbot.bot.dialoog.gesprek import Gesprek
from opleidingsbot.bot.kanalen.telegram import bouw_applicatie
from tests.fakes import FakeBotApi, Verzoek

App = Application[Any, Any, Any, Any, Any, Any]


@asynccontextmanager
async def draaiende_bot(
    api: FakeBotApi, gesprek: Gesprek
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """The bot, polling the fake server, for the duration of the block."""
    app = bouw_applicatie(gesprek, api.token, base_url=api.base_url)
    async with pollend(app, post_init=True):
        yield app


@asynccontextmanager
async def pollend(app: App, *, post_init: bool = False) -> AsyncIterator[App]:
    """Start polling (fast: no pause between polls), and stop cleanly afterwards."""
    await app.initialize()
    if post_init and app.post_init:
        await app.post_init(app)  # run_polling would call it; here we start by hand
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        if post_init and app.post_stop:
            await app.post_stop(app)
        await app.shutdown()


class TelegramGebruiker:
    """A user in a private chat with the bot."""

    def __init__(self, api: FakeBotApi, user_id: int) -> None:
        self.api = api
        self.id = user_id

    def berichten(self) -> list[Verzoek]:
        return [
            v for v in self.api.berichten(self.id) if v.methode in ("sendMessage", "sendDocument")
        ]

    def teksten(self) -> list[str]:
        return [v.tekst or "" for v in self.berichten()]

    async def zeg(self, tekst: str, tot: str) -> list[Verzoek]:
        """Send a text; wait for a reply containing ``tot``; return the new messages."""
        return await self._wacht(lambda: self.api.stuur_tekst(self.id, tekst), tot)

    async def druk(self, label: str, tot: str) -> list[Verzoek]:
        """Press the button with this label on the latest message that has it."""
        for verzoek in reversed(self.berichten()):
            for rij in verzoek.knoppen:
                for knop in rij:
                    if knop["text"] == label:
                        message_id = verzoek.resultaat["message_id"]
                        data = knop["callback_data"]
                        return await self._wacht(
                            lambda d=data, m=message_id: self.api.druk_knop(self.id, d, m), tot
                        )
        raise AssertionError(f"no button {label!r} in {self.teksten()[-3:]}")

    async def _wacht(self, actie: Any, tot: str) -> list[Verzoek]:
        begin = len(self.berichten())
        actie()

        def klaar() -> bool:
            nieuw = self.berichten()[begin:]
            return any(tot in (v.tekst or "") or tot in str(v.bestandsnamen) for v in nieuw)

        await self.api.wacht_op(klaar, wat=f"a reply containing {tot!r}")
        return self.berichten()[begin:]
