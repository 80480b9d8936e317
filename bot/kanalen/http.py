"""The bot's HTTP client for the Bot API: python-telegram-bot's request interface on aiohttp.

python-telegram-bot ships an httpx client. Under load its connection pool costs more
than the bot's own work: before every request httpcore walks every pooled connection
and asks the socket whether it is still readable. aiohttp's connector hands out a free
connection from a queue, so the same bot answers more updates per second (``make
bench`` prints both). The behaviour python-telegram-bot relies on is kept: form fields
(multipart when a file is sent), the timeouts per call, ``TimedOut`` when no connection
frees up in time, ``NetworkError`` for any other failure of the connection.
"""

from __future__ import annotations

from typing import Any

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.ext import ApplicationBuilder
from telegram.request import BaseRequest, RequestData

ODV = ODVInput[float]


def _of(gegeven: ODV, standaard: float | None) -> float | None:
    """A timeout passed for one call, else this client's default."""
    return standaard if isinstance(gegeven, DefaultValue) else gegeven


class AiohttpVerzoek(BaseRequest):
    """A pool of ``grootte`` keep-alive connections to the Bot API server."""

    def __init__(
        self,
        grootte: int = 1,
        *,
        lezen: float | None = 5.0,
        schrijven: float | None = 5.0,
        schrijven_bestand: float | None = 20.0,
        verbinden: float | None = 5.0,
        wachten_op_verbinding: float | None = 1.0,
    ) -> None:
        self.grootte = grootte
        self._lezen = lezen
        self._schrijven = schrijven
        self._schrijven_bestand = schrijven_bestand
        self._verbinden = verbinden
        self._wachten = wachten_op_verbinding
        self._sessie: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout (python-telegram-bot adds it to long polls)."""
        return self._lezen

    async def initialize(self) -> None:
        """Open the session (again, after a shutdown)."""
        if self._sessie is None or self._sessie.closed:
            self._sessie = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.grootte),
                headers={"User-Agent": self.USER_AGENT},
                trust_env=True,  # HTTPS_PROXY and the like, as httpx honours them
            )

    async def shutdown(self) -> None:
        """Close every connection."""
        if self._sessie is not None and not self._sessie.closed:
            await self._sessie.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODV = BaseRequest.DEFAULT_NONE,
        write_timeout: ODV = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODV = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODV = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """One request; the status and the body of the answer."""
        if self._sessie is None or self._sessie.closed:
            raise RuntimeError("AiohttpVerzoek is not initialized")
        lezen = _of(read_timeout, self._lezen)
        verbinden = _of(connect_timeout, self._verbinden)
        wachten = _of(pool_timeout, self._wachten)
        met_bestand = request_data is not None and bool(request_data.multipart_data)
        schrijven = _of(write_timeout, self._schrijven_bestand if met_bestand else self._schrijven)
        # aiohttp's "connect" covers waiting for a pooled connection plus opening one; it
        # has no write timeout, so sending is bounded by a total over all the steps
        delen = (wachten, verbinden, schrijven, lezen)
        tijd = aiohttp.ClientTimeout(
            total=None if None in delen else sum(d or 0.0 for d in delen),
            connect=None if wachten is None or verbinden is None else wachten + verbinden,
            sock_connect=verbinden,
            sock_read=lezen,
        )
        try:
            async with self._sessie.request(
                method, url, data=_formulier(request_data), timeout=tijd
            ) as antwoord:
                return antwoord.status, await antwoord.read()
        except TimeoutError as fout:  # aiohttp's timeouts derive from it
            raise TimedOut from fout
        except aiohttp.ClientError as fout:
            raise NetworkError(f"aiohttp: {fout!r}") from fout


def _formulier(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """The parameters as form fields; multipart with the files when there are any."""
    if request_data is None:
        return None
    velden = request_data.json_parameters
    bestanden = request_data.multipart_data
    if not bestanden:
        return velden
    formulier = aiohttp.FormData()
    for naam, waarde in velden.items():
        formulier.add_field(naam, waarde)
    for naam, (bestandsnaam, inhoud, soort) in bestanden.items():
        formulier.add_field(naam, inhoud, filename=bestandsnaam, content_type=soort)
    return formulier


def over_aiohttp(
    bouwer: ApplicationBuilder[Any, Any, Any, Any, Any, Any],
    grootte: int,
    wachten_op_verbinding: float | None = 1.0,
) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
    """The application's calls over ``grootte`` aiohttp connections; long polls on their own."""
    return bouwer.request(
        AiohttpVerzoek(grootte, wachten_op_verbinding=wachten_op_verbinding)
    ).get_updates_request(AiohttpVerzoek(1))
