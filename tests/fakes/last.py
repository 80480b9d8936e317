"""A load generator inside the fake Bot API's own process, for ``make bench``.

Run as ``python -m tests.fakes.last USERS QUESTIONS_EACH [HR_USER]``: it starts the fake server,
prints ``{"base_url", "base_file_url", "token"}`` as one JSON line, and waits for a bot
to poll. Then every user asks a question, and asks the next one as soon as the bot's
reply arrives (a closed loop). With ``HR_USER``, that user opens HR's review queue
(``/vragen``) five times a second meanwhile; their replies are not in the figures. At
the end it prints the figures as one JSON line.
Running in its own process keeps the fake's work off the bot's CPU and GIL.
"""

from __future__ import annotations

import json
import statistics
import sys
import threading
import time
from pathlib import Path

import yaml

from tests.fakes.botapi import FakeBotApi, Verzoek

EERSTE_GEBRUIKER = 10_000


def vragen() -> list[str]:
    """The dev set's questions, as varied traffic."""
    pad = Path(__file__).parents[1] / "data" / "dev_vragen.yaml"
    return [str(v["vraag"]) for v in yaml.safe_load(pad.read_text(encoding="utf-8"))["vragen"]]


HR_PAUZE = 0.2
"""Seconds between two ``/vragen`` of the HR user."""


def draai(gebruikers: int, per_gebruiker: int, hr: int | None = None) -> dict[str, float]:
    """Serve, generate the load, and return the figures."""
    teksten = vragen()
    api = FakeBotApi()
    api.start()  # stopped when the process ends
    print(
        json.dumps(
            {"base_url": api.base_url, "base_file_url": api.base_file_url, "token": api.token}
        ),
        flush=True,
    )
    slot = threading.Lock()
    klaar = threading.Event()
    verstuurd: dict[int, float] = {}
    antwoorden = dict.fromkeys(range(EERSTE_GEBRUIKER, EERSTE_GEBRUIKER + gebruikers), 0)
    latenties: list[float] = []
    dubbel = 0
    begin = [0.0]
    hr_antwoorden = [0]

    def hr_lus() -> None:
        assert hr is not None
        while not klaar.wait(HR_PAUZE):
            api.stuur_tekst(hr, "/vragen")

    def stuur(uid: int) -> None:
        nummer = antwoorden[uid]
        verstuurd[uid] = time.perf_counter()
        api.stuur_tekst(uid, teksten[(uid * 7 + nummer) % len(teksten)])

    def bij_verzoek(verzoek: Verzoek) -> None:
        nonlocal dubbel
        if verzoek.methode == "getUpdates" and not begin[0]:
            with slot:
                if not begin[0]:
                    begin[0] = time.perf_counter()
                    for uid in antwoorden:
                        stuur(uid)
                    if hr is not None:
                        threading.Thread(target=hr_lus, daemon=True).start()
            return
        if verzoek.methode == "sendMessage" and verzoek.chat_id == hr:
            hr_antwoorden[0] += 1
            return
        if verzoek.methode != "sendMessage" or verzoek.chat_id not in antwoorden:
            return
        uid = verzoek.chat_id
        with slot:
            if antwoorden[uid] >= per_gebruiker:
                dubbel += 1
                return
            latenties.append((time.perf_counter() - verstuurd[uid]) * 1000)
            antwoorden[uid] += 1
            if antwoorden[uid] < per_gebruiker:
                stuur(uid)
            elif all(a >= per_gebruiker for a in antwoorden.values()):
                klaar.set()

    api.bij_verzoek = bij_verzoek
    klaar.wait(timeout=300)
    duur = time.perf_counter() - begin[0]
    time.sleep(0.3)  # a duplicate reply would arrive now
    api.bij_verzoek = None
    latenties.sort()
    verloren = sum(max(0, per_gebruiker - a) for a in antwoorden.values())
    return {
        "updates_per_s": sum(antwoorden.values()) / duur,
        "p50_ms": statistics.median(latenties) if latenties else 0.0,
        "p99_ms": latenties[max(0, int(len(latenties) * 0.99) - 1)] if latenties else 0.0,
        "verloren": verloren,
        "dubbel": dubbel,
        "hr_antwoorden": hr_antwoorden[0],
    }


if __name__ == "__main__":
    uitslag = draai(int(sys.argv[1]), int(sys.argv[2]), *map(int, sys.argv[3:4]))
    print(json.dumps(uitslag), flush=True)
    sys.stdin.read()  # keep serving until the bot has stopped polling
