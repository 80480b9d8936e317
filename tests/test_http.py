"""The aiohttp client for the Bot API: failures become python-telegram-bot's errors."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.error import BadRequest, NetworkError, TimedOut

from bot.kanalen.http import AiohttpVerzoek
from tests.fakes.botapi import FakeBotApi


@pytest.fixture
async def stille_server() -> AsyncIterator[str]:
    """A server that accepts connections and never answers."""
    open_verbindingen: list[asyncio.StreamWriter] = []

    async def zwijg(_: asyncio.StreamReader, schrijver: asyncio.StreamWriter) -> None:
        open_verbindingen.append(schrijver)

    server = await asyncio.start_server(zwijg, "127.0.0.1", 0)
    poort = server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{poort}/bot"
    for schrijver in open_verbindingen:
        schrijver.close()
    server.close()


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_no_answer_in_time_is_timed_out(stille_server: str) -> None:
    verzoek = AiohttpVerzoek(1, lezen=0.2)
    await verzoek.initialize()
    try:
        with pytest.raises(TimedOut):
            await verzoek.post(f"{stille_server}/getMe")
    finally:
        await verzoek.shutdown()


async def test_no_free_connection_in_time_is_timed_out(stille_server: str) -> None:
    verzoek = AiohttpVerzoek(1, lezen=5.0, verbinden=0.1, wachten_op_verbinding=0.2)
    await verzoek.initialize()
    bezet = asyncio.create_task(verzoek.post(f"{stille_server}/getMe"))
    try:
        await asyncio.sleep(0.1)  # the one connection is now waiting for an answer
        begin = asyncio.get_running_loop().time()
        with pytest.raises(TimedOut):
            await verzoek.post(f"{stille_server}/getMe")
        assert asyncio.get_running_loop().time() - begin < 2.0
        assert not bezet.done()
    finally:
        bezet.cancel()
        await verzoek.shutdown()


async def test_refused_connection_is_a_network_error() -> None:
    verzoek = AiohttpVerzoek(1)
    await verzoek.initialize()
    try:
        with pytest.raises(NetworkError) as fout:
            await verzoek.post(f"http://127.0.0.1:{vrije_poort()}/bot/getMe")
        assert not isinstance(fout.value, TimedOut)
    finally:
        await verzoek.shutdown()


async def test_not_initialized_says_so() -> None:
    with pytest.raises(RuntimeError, match="not initialized"):
        await AiohttpVerzoek(1).do_request("http://127.0.0.1:1/bot/getMe", "POST")


async def test_fields_arrive_as_the_bot_api_reads_them() -> None:
    with FakeBotApi() as api:
        bot = Bot(api.token, base_url=api.base_url, request=AiohttpVerzoek(2))
        async with bot:
            bericht = await bot.send_message(42, "héllo & <b>", disable_notification=True)
            with pytest.raises(BadRequest):
                await bot.send_message(42, "")  # the server's error, with its description
            await bot.send_document(42, b"PK\x03\x04 docx", filename="aanvraag.docx")
        [verzonden, _] = api.aanroepen("sendMessage")
        assert verzonden.params["text"] == "héllo & <b>"
        assert verzonden.params["disable_notification"] is True
        assert bericht.text == "héllo & <b>"
        [document] = api.aanroepen("sendDocument")
        assert document.bestanden["document"] == b"PK\x03\x04 docx"
        assert document.bestandsnamen["document"] == "aanvraag.docx"
        assert document.chat_id == 42


async def test_a_reopened_client_works_again() -> None:
    with FakeBotApi() as api:
        verzoek = AiohttpVerzoek(1)
        for _ in range(2):
            await verzoek.initialize()
            antwoord = await verzoek.post(f"{api.base_url}{api.token}/getMe")
            assert isinstance(antwoord, dict) and antwoord["is_bot"] is True
            await verzoek.shutdown()
