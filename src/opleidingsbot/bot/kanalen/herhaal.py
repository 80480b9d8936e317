"""Calls to the Bot API that survive Telegram's hiccups: flood control and 5xx errors.

A 429 says how long to wait (``retry_after``); a 5xx or a refused connection is retried
with a growing pause. Other errors are final: a bad request stays bad, and a call that
timed out may have arrived, so sending it again could send it twice.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

logger = logging.getLogger(__name__)

T = TypeVar("T")

POGINGEN = 5
EERSTE_PAUZE = 0.5
"""Seconds before the second try; doubled for each next one."""
LANGSTE_WACHT = 60.0
"""The longest flood-control wait that is honoured; a longer one is given up on."""


async def met_herhaling(
    aanroep: Callable[[], Awaitable[T]],
    *,
    pogingen: int = POGINGEN,
    pauze: float | None = None,
) -> T:
    """Await ``aanroep()``; on a 429 or a transient error, wait and try again."""
    pauze = EERSTE_PAUZE if pauze is None else pauze
    for poging in range(1, pogingen + 1):
        try:
            return await aanroep()
        except RetryAfter as fout:
            wacht = _seconden(fout.retry_after)
            if poging == pogingen or wacht > LANGSTE_WACHT:
                raise
            logger.warning("flood control: waiting %.0f s (try %d)", wacht, poging)
        except (BadRequest, TimedOut):
            raise
        except NetworkError as fout:
            if poging == pogingen:
                raise
            wacht = pauze * 2 ** (poging - 1)
            logger.warning("Bot API error %s: retrying in %.1f s", type(fout).__name__, wacht)
        await asyncio.sleep(wacht)
    raise AssertionError("unreachable")  # pragma: no cover


def _seconden(waarde: int | dt.timedelta) -> float:
    return waarde.total_seconds() if isinstance(waarde, dt.timedelta) else float(waarde)
