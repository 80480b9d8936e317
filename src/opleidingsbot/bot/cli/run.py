"""``opleidingsbot run``: the Telegram bot, by long polling or (``--webhook URL``) webhook."""

from __future__ import annotations

import argparse
import logging
import secrets
import sys
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from telegram import Update
from telegram.error import InvalidToken

from opleidingsbot.bot.cli.uitgang import Uitgang
from opleidingsbot.bot.instellingen import Instellingen
from opleidingsbot.bot.kanalen.logregel import ZonderGebruikersdata
from opleidingsbot.bot.opbouw import bouw_gesprek

if TYPE_CHECKING:
    from telegram.ext import Application

logger = logging.getLogger(__name__)

OPSTART_POGINGEN = 10
"""Tries of getMe and deleteWebhook at start: a short Telegram outage is waited out."""

TOKEN_GEWEIGERD = (
    "Telegram weigert het token. Kijk TELEGRAM_BOT_TOKEN na (te krijgen bij @BotFather)."
)
GEEN_TOKEN = """\
Er is geen Telegram-token ingesteld.
Zet TELEGRAM_BOT_TOKEN in je omgeving of in een .env-bestand, bijvoorbeeld:
  TELEGRAM_BOT_TOKEN=123456:ABC...   (te krijgen bij @BotFather in Telegram)
Andere instellingen (niet verplicht):
  OPLEIDINGSBOT_HR_IDS=111,222       Telegram-id's van HR-medewerkers
  OPLEIDINGSBOT_DATA_MAP=/pad        waar de database komt
  OPLEIDINGSBOT_GEMEENTE=haarlem     als de bot voor één werkgever is
Zonder account proberen? Gebruik: opleidingsbot chat"""


class VerbergGeheim(logging.Filter):
    """Takes a secret out of every log line, tracebacks included (PTB's InvalidToken names it)."""

    def __init__(self, geheim: str) -> None:
        super().__init__()
        self.geheim = geheim

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the line without the secret; every line passes."""
        bericht = record.getMessage()
        if self.geheim in bericht:
            record.msg, record.args = bericht.replace(self.geheim, "[token]"), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self.geheim in record.exc_text:
            record.exc_text = record.exc_text.replace(self.geheim, "[token]")
        return True


def verberg_in_logs(geheim: str) -> None:
    """Install the filters on every handler of the root logger (where all lines end up).

    Users' data goes first, so the secret filter sees the lines as they will be written.
    """
    for handler in logging.getLogger().handlers:
        handler.addFilter(ZonderGebruikersdata())
        handler.addFilter(VerbergGeheim(geheim))


def registreer(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``run`` command."""
    parser = sub.add_parser("run", help="de Telegram-bot starten")
    parser.add_argument("--webhook", metavar="URL", help="webhook in plaats van long polling")
    parser.add_argument("--listen", default="0.0.0.0", help="adres voor de webhook-server")
    parser.add_argument("--port", type=int, default=8443, help="poort voor de webhook-server")
    parser.set_defaults(uitvoeren=uitvoeren)


def uitvoeren(args: argparse.Namespace) -> int:
    """Start the bot; without a token, explain what to set."""
    instellingen = Instellingen()
    if instellingen.telegram_bot_token is None:
        print(GEEN_TOKEN, file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    verberg_in_logs(instellingen.telegram_bot_token.get_secret_value())
    logging.getLogger().setLevel(logging.INFO)
    for bibliotheek in ("httpx", "httpcore"):  # their request logs carry the token in the URL
        logging.getLogger(bibliotheek).setLevel(logging.WARNING)
    # python-telegram-bot is imported only when the bot runs
    from opleidingsbot.bot.kanalen.telegram import bouw_applicatie

    gesprek = bouw_gesprek(instellingen, concept_map=instellingen.uitgaand_map)
    gesprek.opwarmen()
    token = instellingen.telegram_bot_token.get_secret_value()
    app = bouw_applicatie(
        gesprek, token, instellingen.telegram_api_url, hr_ids=instellingen.hr_ids_alle()
    )
    try:
        _draai(app, args, instellingen)
    except InvalidToken:
        print(TOKEN_GEWEIGERD, file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    return Uitgang.GOED


def _draai(app: Application, args: argparse.Namespace, instellingen: Instellingen) -> None:  # type: ignore[type-arg]
    if args.webhook:
        geheim = instellingen.webhook_geheim
        sleutel = geheim.get_secret_value() if geheim else secrets.token_urlsafe(32)
        pad = urlparse(args.webhook).path.lstrip("/")
        logger.info("webhook mode on %s:%s", args.listen, args.port)
        app.run_webhook(
            listen=args.listen,
            port=args.port,
            url_path=pad,
            webhook_url=args.webhook,
            secret_token=sleutel,
            allowed_updates=Update.ALL_TYPES,
            bootstrap_retries=OPSTART_POGINGEN,
        )
    else:
        logger.info("long polling")
        app.run_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=OPSTART_POGINGEN)
