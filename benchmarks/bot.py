"""``make bench``, bot part: the CPU each update costs the bot, over real HTTP.

200 users chat at once with the real ``Application`` against the fake Bot API on
127.0.0.1. Each user sends a question, waits for the reply, and sends the next (a
closed loop, like people). The fake and its load generator run in a process of their
own, so this process's CPU time is the bot's: the engine, python-telegram-bot and its
httpx client. Measured: CPU milliseconds per update (the target is 1 ms at most),
updates per second, reply latency p50/p99, and lost or duplicated replies; beside a
bare python-telegram-bot echo handler on the same client, so the cost of the bot's own
work shows. The flood-control rate limiter is left out here: with it, Telegram's own
cap of about 30 messages per second would be measured instead of the bot.
"""

from __future__ import annotations

import asyncio
import functools
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from opleidingsbot.bot.kanalen.telegram import bouw_applicatie, http_client
from opleidingsbot.bot.opslag.database import open_database, transactie
from opleidingsbot.bot.opslag.wachtrij import Wachtrij
from opleidingsbot.knowledge.matcher import Uitkomst
from opleidingsbot.rules import laad_regelboek
from tests.chatdriver import Klok, bouw

GEBRUIKERS = 200
VRAGEN_PER_GEBRUIKER = 10


@dataclass(frozen=True)
class Doorvoer:
    """The figures of one run."""

    updates_per_s: float
    cpu_ms_per_update: float
    p50_ms: float
    p99_ms: float
    verloren: int
    dubbel: int
    hr_antwoorden: int = 0


BotBouwer = Callable[[str, str], Application[Any, Any, Any, Any, Any, Any]]
"""Makes the bot under test from the fake's token and base URL."""


async def meet(maak: BotBouwer, hr: int | None = None, gebruikers: int = GEBRUIKERS) -> Doorvoer:
    """Start the load generator (its own process), run the bot against it, collect figures.

    With ``hr``, that user opens HR's review queue five times a second meanwhile.
    """
    extra = [str(hr)] if hr is not None else []
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.fakes.last",
            str(gebruikers),
            str(VRAGEN_PER_GEBRUIKER),
            *extra,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proces.stdout is not None and proces.stdin is not None
    adres = json.loads(proces.stdout.readline())
    app = maak(adres["token"], adres["base_url"])
    await app.initialize()
    await app.start()
    assert app.updater is not None
    cpu_voor = time.process_time()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    regel = await asyncio.to_thread(proces.stdout.readline)
    cpu = time.process_time() - cpu_voor
    await app.updater.stop()
    await app.stop()
    await app.shutdown()
    proces.stdin.close()
    proces.wait(timeout=10)
    cijfers = json.loads(regel)
    return Doorvoer(**cijfers, cpu_ms_per_update=cpu * 1000 / (gebruikers * VRAGEN_PER_GEBRUIKER))


def echo_app(token: str, base_url: str) -> Application[Any, Any, Any, Any, Any, Any]:
    """The baseline: a bare python-telegram-bot echo handler, same client and concurrency."""

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.effective_chat is not None
        await context.bot.send_message(update.effective_chat.id, update.message.text or "")

    app = (
        http_client(ApplicationBuilder().token(token))
        .base_url(base_url)
        .base_file_url(base_url.replace("/bot", "/file/bot"))
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    return app


WACHTRIJ_GROOTTE = 10_000
OPEN_BIJ_HR = 5_000
"""Open questions in the queue while HR opens it and the other users chat."""
GEBRUIKERS_BIJ_HR = 20
"""Users chatting meanwhile: a busy hour, well below what saturates the CPU."""
HR_GEBRUIKER = 9_999

WOORDEN = [
    "opleiding",
    "kosten",
    "verlof",
    "terugbetalen",
    "studie",
    "hbo",
    "mbo",
    "cursus",
    "fiets",
    "parkeren",
    "kantine",
    "koffie",
    "hond",
    "laptop",
    "rooster",
    "vakantie",
    "salaris",
    "pensioen",
    "thuiswerken",
    "bureau",
    "lunch",
]


def vul(wachtrij: Wachtrij, aantal: int) -> list[float]:
    """Queue ``aantal`` varied open questions for Haarlem; the seconds each took."""
    rng = random.Random(7)
    tijden = []
    with transactie(wachtrij.db):
        for _ in range(aantal):
            vraag = " ".join(rng.choices(WOORDEN, k=rng.randint(4, 9)))
            vraag += f" {rng.randint(0, 3000)}"
            begin = time.perf_counter()
            wachtrij.bewaar("haarlem", Uitkomst("onbekend", vraag), "onbekend")
            tijden.append(time.perf_counter() - begin)
    return tijden


def wachtrij_meting(map_: Path) -> tuple[float, float, float, int]:
    """HR's queue with 10,000 open questions: adding one (p50, p99 ms) and HR's list (s)."""
    db = open_database(map_ / "wachtrij.sqlite3")
    wachtrij = Wachtrij(db)
    tijden = sorted(vul(wachtrij, WACHTRIJ_GROOTTE))
    begin = time.perf_counter()
    groepen = wachtrij.groepen("haarlem")
    lijst = time.perf_counter() - begin
    db.close()
    p50, p99 = tijden[len(tijden) // 2] * 1000, tijden[int(len(tijden) * 0.99)] * 1000
    return p50, p99, lijst, len(groepen)


async def hoofd() -> int:
    """Run both and print the table."""
    regelboek = laad_regelboek()
    with tempfile.TemporaryDirectory() as map_:
        gesprek = bouw(Path(map_), regelboek, Klok(), gemeente="haarlem")
        gesprek.opwarmen()  # as ``opleidingsbot run`` does before it polls
        bouwers: list[tuple[str, BotBouwer]] = [
            ("PTB echo handler", echo_app),
            (
                "opleidingsbot (full)",
                lambda token, url: bouw_applicatie(gesprek, token, url, floodbegrenzing=False),
            ),
        ]
        uitslagen = [(naam, await meet(maak)) for naam, maak in bouwers]
    drukte: list[Doorvoer] = []
    for hr in (None, HR_GEBRUIKER):
        with tempfile.TemporaryDirectory() as map_:
            hr_ids = frozenset({f"telegram:{HR_GEBRUIKER}"})
            gesprek = bouw(Path(map_), regelboek, Klok(), gemeente="haarlem", hr=hr_ids)
            gesprek.opwarmen()
            vul(gesprek.d.wachtrij, OPEN_BIJ_HR)
            drukte.append(
                await meet(
                    functools.partial(bouw_applicatie, gesprek, floodbegrenzing=False),
                    hr=hr,
                    gebruikers=GEBRUIKERS_BIJ_HR,
                )
            )
    print(
        f"\nbot throughput: {GEBRUIKERS} users at once, {VRAGEN_PER_GEBRUIKER} questions each, "
        "real HTTP to a fake Bot API on 127.0.0.1"
    )
    print(
        f"{'':24} {'CPU ms/upd':>10} {'updates/s':>10} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'lost':>5} {'dupl.':>6}"
    )
    for naam, d in uitslagen:
        print(
            f"{naam:24} {d.cpu_ms_per_update:10.2f} {d.updates_per_s:10.0f} {d.p50_ms:8.1f} "
            f"{d.p99_ms:8.1f} {d.verloren:5d} {d.dubbel:6d}"
        )
    eigen = uitslagen[1][1].cpu_ms_per_update - uitslagen[0][1].cpu_ms_per_update
    print(f"the bot's own work: {eigen:.2f} ms CPU per update above the echo handler")
    zonder, met = drukte
    print(
        f"\n{GEBRUIKERS_BIJ_HR} users chat while {OPEN_BIJ_HR} questions are open: p99 reply "
        f"{zonder.p99_ms:.0f} ms; with HR opening /vragen five times a second "
        f"({met.hr_antwoorden} replies to HR) {met.p99_ms:.0f} ms (target: under 1 s)"
    )
    with tempfile.TemporaryDirectory() as map_:
        p50, p99, lijst, aantal = wachtrij_meting(Path(map_))
    print(
        f"\nHR's queue with {WACHTRIJ_GROOTTE} open questions: queueing one p50 {p50:.1f} ms, "
        f"p99 {p99:.1f} ms; HR's list ({aantal} groups) {lijst:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(hoofd()))
