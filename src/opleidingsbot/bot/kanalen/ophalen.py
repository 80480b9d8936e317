"""Fetching updates so that one unreadable update cannot stop the bot for everyone.

When ``getUpdates`` returns an update python-telegram-bot cannot turn into an object
(a field of an unexpected type), PTB raises for the whole batch, logs the raw data (users'
names and texts) and asks for the same batch again: forever, for every user. Here each
update of the batch is read first; one that fails is replaced by its bare ``update_id``.
No handler takes such an update, and the offset moves past it.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from telegram import Update
from telegram.request import HTTPXRequest, RequestData

logger = logging.getLogger(__name__)


class UpdatesOphalen(HTTPXRequest):
    """PTB's own httpx client for ``getUpdates``, with unreadable updates taken out."""

    async def do_request(  # PTB's signature
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = HTTPXRequest.DEFAULT_NONE,
        write_timeout: Any = HTTPXRequest.DEFAULT_NONE,
        connect_timeout: Any = HTTPXRequest.DEFAULT_NONE,
        pool_timeout: Any = HTTPXRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send the request; in a ``getUpdates`` answer, blank out what cannot be read."""
        status, inhoud = await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
        if status != 200 or not url.endswith("/getUpdates"):
            return status, inhoud
        return status, zonder_onleesbare(inhoud)


def zonder_onleesbare(inhoud: bytes) -> bytes:
    """The ``getUpdates`` answer with each update PTB cannot read cut to its ``update_id``."""
    try:
        antwoord = json.loads(inhoud)
        updates = antwoord["result"]
    except (ValueError, KeyError, TypeError):
        return inhoud  # not an answer we know: PTB reports it
    if not isinstance(updates, list):
        return inhoud
    veranderd = False
    for i, update in enumerate(updates):
        try:
            Update.de_json(update, None)
        except Exception as fout:  # any failure makes the update unreadable
            nummer = update.get("update_id") if isinstance(update, dict) else None
            if not isinstance(nummer, int):
                return inhoud  # without a number the offset cannot move past it
            # the error's type only: its message may quote what the user sent
            soort = type(fout).__name__
            logger.warning("skipped update %d: it cannot be read (%s)", nummer, soort)
            updates[i] = {"update_id": nummer}
            veranderd = True
    return json.dumps(antwoord).encode() if veranderd else inhoud
