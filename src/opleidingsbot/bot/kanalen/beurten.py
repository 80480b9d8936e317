"""Each user's updates one at a time, in the order they came; users go side by side.

A handler only puts the work in its user's row and returns: the update's slot in
python-telegram-bot's concurrency is free at once, so a user who sends twenty messages
in a burst does not hold up anyone else, and none of the twenty overtakes another.
The row's worker is a task the caller starts (``Application.create_task``, which
``Application.stop`` waits for), so work in a row is finished on a clean shutdown.
"""

from __future__ import annotations

import asyncio
import collections
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from opleidingsbot.bot.kanalen.logregel import log_fout

logger = logging.getLogger(__name__)

Klus = Callable[[], Awaitable[None]]
Starter = Callable[[Coroutine[Any, Any, None]], object]

MAXIMUM_WACHTEND = 100
"""Work a user may have waiting; beyond it, new messages are dropped (and logged)."""


class Beurten:
    """One row of work per user; a row's worker runs until the row is empty."""

    def __init__(self, gelijktijdig: int, maximum: int = MAXIMUM_WACHTEND) -> None:
        self.maximum = maximum
        self._rijen: dict[str, collections.deque[Klus]] = {}
        self._plaatsen = asyncio.Semaphore(gelijktijdig)
        """Work in progress over all users at once: as many as the HTTP pool has room for."""

    def plan(self, gebruiker: str, klus: Klus, start: Starter) -> bool:
        """Queue ``klus`` behind the user's earlier work; False when too much is waiting."""
        rij = self._rijen.get(gebruiker)
        if rij is None:
            rij = self._rijen[gebruiker] = collections.deque([klus])
            start(self._werk(gebruiker, rij))
            return True
        if len(rij) >= self.maximum:
            logger.warning("a user has %d messages waiting; a new one is dropped", len(rij))
            return False
        rij.append(klus)
        return True

    def wachtend(self, gebruiker: str) -> int:
        """How much work of this user is waiting or running."""
        return len(self._rijen.get(gebruiker, ()))

    async def _werk(self, gebruiker: str, rij: collections.deque[Klus]) -> None:
        try:
            while rij:
                try:
                    async with self._plaatsen:
                        await rij[0]()
                except Exception as fout:  # one failed update must not stop the next ones
                    log_fout(logger, "error while handling an update", fout)
                finally:
                    rij.popleft()
        finally:
            # no await between the last popleft and here: nothing can be added unseen
            del self._rijen[gebruiker]
