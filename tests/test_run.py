"""``opleidingsbot run`` as a real process against the fake Bot API: polling, kill -9, webhook."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from opleidingsbot.bot import teksten as t
from opleidingsbot.bot.opslag.database import open_database
from opleidingsbot.bot.opslag.gesprekken import Gesprekken
from tests.conftest import opleidingsbot
from tests.fakes import FakeBotApi, post_update, vrije_poort


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


def start_bot(
    api: FakeBotApi, data: Path, *args: str, token: str | None = None
) -> subprocess.Popen[str]:
    commando = shutil.which("opleidingsbot", path=str(Path(sys.executable).parent))
    assert commando
    omgeving = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": token or api.token,
        "TELEGRAM_API_URL": api.base_url,
        "OPLEIDINGSBOT_DATA_MAP": str(data),
        "OPLEIDINGSBOT_GEMEENTE": "haarlem",
    }
    return subprocess.Popen(
        [commando, "run", *args], env=omgeving, stderr=subprocess.PIPE, text=True
    )


def stop(proces: subprocess.Popen[str], sein: int = signal.SIGTERM) -> str:
    proces.send_signal(sein)
    try:
        _, fouten = proces.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proces.kill()
        _, fouten = proces.communicate()
    return fouten


def test_kill_9_mid_intake_then_resume(api: FakeBotApi, tmp_path: Path) -> None:
    bot = start_bot(api, tmp_path)
    try:
        api.stuur_tekst(201, "/intake")
        api.wacht_op_sync(lambda: t.INTAKE_VRAGEN["naam"] in api.teksten(201), timeout=30)
        api.stuur_tekst(201, "Mbo Bestuursdienstverlening")
        api.wacht_op_sync(lambda: t.INTAKE_VRAGEN["instelling"] in api.teksten(201))
    finally:
        stop(bot, signal.SIGKILL)
    api.stuur_tekst(201, "ROC Nova")  # typed while the bot is down
    bot = start_bot(api, tmp_path)
    try:
        api.wacht_op_sync(lambda: t.INTAKE_VRAGEN["niveau"] in api.teksten(201), timeout=30)
    finally:
        fouten = stop(bot)
    assert api.token not in fouten, "the token is never logged"
    toestand = Gesprekken(open_database(tmp_path / "opleidingsbot.sqlite3")).laad("telegram:201")
    assert toestand is not None
    assert toestand.antwoorden == {"naam": "Mbo Bestuursdienstverlening", "instelling": "ROC Nova"}
    assert api.teksten(201).count(t.INTAKE_VRAGEN["instelling"]) == 1, "nothing handled twice"


def test_a_short_telegram_outage_at_start_is_waited_out(api: FakeBotApi, tmp_path: Path) -> None:
    api.faal_bij("getMe", 502, "Bad Gateway", keer=2)
    api.faal_bij("deleteWebhook", 500, keer=1)
    bot = start_bot(api, tmp_path)
    try:
        api.stuur_tekst(202, "/intake")
        api.wacht_op_sync(lambda: t.INTAKE_VRAGEN["naam"] in api.teksten(202), timeout=30)
        assert bot.poll() is None, "still running"
    finally:
        fouten = stop(bot)
    assert len(api.aanroepen("getMe")) >= 3
    assert api.token not in fouten


def test_a_rejected_token_is_explained_and_never_shown(api: FakeBotApi, tmp_path: Path) -> None:
    fout_token = "987654:GeheimGeheimGeheimGeheimGeheim12345"
    bot = start_bot(api, tmp_path, token=fout_token)
    _, fouten = bot.communicate(timeout=60)
    assert bot.returncode == 2
    assert "Telegram weigert het token" in fouten
    assert fout_token not in fouten and "GeheimGeheim" not in fouten


@pytest.mark.parametrize(
    ("variabele", "waarde", "melding"),
    [
        ("OPLEIDINGSBOT_HR_IDS", "12,abc", "geen Telegram-id: abc"),
        ("OPLEIDINGSBOT_GEMEENTE", "../x", "'../x' is geen gemeente"),
    ],
)
def test_bad_configuration_is_a_dutch_message(
    tmp_path: Path, variabele: str, waarde: str, melding: str
) -> None:
    omgeving = {**os.environ, "OPLEIDINGSBOT_DATA_MAP": str(tmp_path), variabele: waarde}
    for opdracht in (["chat"], ["run"], ["stats"]):
        uit = opleidingsbot(*opdracht, omgeving=omgeving)
        assert uit.returncode == 2, (opdracht, uit.stderr)
        assert f"{variabele}: {melding}" in uit.stderr and "Traceback" not in uit.stderr


def test_webhook_mode_checks_the_secret_token(api: FakeBotApi, tmp_path: Path) -> None:
    poort = vrije_poort()
    url = f"http://127.0.0.1:{poort}/hook"
    env_geheim = "dit-is-het-geheim-van-de-webhook"
    os.environ["TELEGRAM_WEBHOOK_SECRET"] = env_geheim
    try:
        bot = start_bot(
            api, tmp_path, "--webhook", url, "--listen", "127.0.0.1", "--port", str(poort)
        )
    finally:
        del os.environ["TELEGRAM_WEBHOOK_SECRET"]
    try:
        api.wacht_op_sync(lambda: bool(api.aanroepen("setWebhook")), timeout=30)
        [instellen] = api.aanroepen("setWebhook")
        assert instellen.params["secret_token"] == env_geheim
        api.stuur_tekst(202, "/start")
        api.wacht_op_sync(lambda: any(t.WELKOM in x for x in api.teksten(202)), timeout=30)
        nep = {
            "update_id": 9999,
            "message": {
                "message_id": 1,
                "date": int(time.time()),
                "chat": {"id": 203, "type": "private"},
                "from": {"id": 203, "is_bot": False, "first_name": "Nep"},
                "text": "/start",
            },
        }
        import asyncio

        assert asyncio.run(post_update(url, nep, "fout-geheim")) == 403
        assert asyncio.run(post_update(url, nep, None)) == 403
        time.sleep(0.5)
        assert api.teksten(203) == [], "a forged update is not handled"
    finally:
        stop(bot)


def test_run_without_token_explains_what_to_set(tmp_path: Path) -> None:
    commando = shutil.which("opleidingsbot", path=str(Path(sys.executable).parent))
    assert commando
    omgeving = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    uit = subprocess.run(
        [commando, "run"], env=omgeving, capture_output=True, text=True, timeout=30, cwd=tmp_path
    )
    assert uit.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in uit.stderr and "opleidingsbot chat" in uit.stderr
