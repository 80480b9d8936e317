"""Who may use HR's console: single-use sign-in links, and the CSRF token of a session.

The console keeps no passwords. HR gets a link (``opleidingsbot console --link`` on the
server) that is signed with the console's key, names who it is for and which employers
they may see, and expires after ``LINK_GELDIG`` seconds. The console accepts each link
once. The session that follows is Starlette's signed cookie (HttpOnly, SameSite=strict,
expiring); every form carries the session's CSRF token.
"""

from __future__ import annotations

import hmac
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

LINK_GELDIG = 10 * 60
"""A sign-in link works this many seconds after it was made."""
SESSIE_GELDIG = 8 * 60 * 60
"""A session ends this many seconds after sign-in: one working day."""
_ZOUT = "opleidingsbot-console-link"


@dataclass(frozen=True)
class Beheerder:
    """A signed-in HR member: who, and the employers they may see (None: every one)."""

    wie: str
    gemeenten: frozenset[str] | None

    def mag(self, gemeente: str) -> bool:
        """Whether this person may see and change this employer's FAQ and queue."""
        return self.gemeenten is None or gemeente in self.gemeenten


class LinkFout(ValueError):
    """A sign-in link that is not (or no longer) valid; the message is for the user."""


def sleutel(map_: Path, gezet: str | None = None) -> str:
    """The console's signing key: the configured one, else a key file in the data folder.

    The file is made on first use, readable by its owner only, so the console and
    ``console --link`` on the same server agree without configuration.
    """
    if gezet:
        return gezet
    pad = map_ / "console.key"
    if not pad.exists():
        map_.mkdir(parents=True, exist_ok=True)
        tijdelijk = pad.with_suffix(f".{secrets.token_hex(4)}.tmp")
        descriptor = os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as bestand:
            bestand.write(secrets.token_urlsafe(32))
        try:
            os.link(tijdelijk, pad)  # fails if another process made the key first
        except FileExistsError:
            pass
        finally:
            tijdelijk.unlink()
    return pad.read_text(encoding="ascii").strip()


class Links:
    """Makes and checks sign-in links; remembers the links used, so each works once."""

    def __init__(self, geheim: str, geldig: int = LINK_GELDIG) -> None:
        self._serializer = URLSafeTimedSerializer(geheim, salt=_ZOUT)
        self.geldig = geldig
        self._gebruikt: dict[str, float] = {}
        """The nonces of links used, with when: kept as long as such a link could work."""
        self._mutex = threading.Lock()

    def maak(self, wie: str, gemeenten: frozenset[str] | None) -> str:
        """A token for a sign-in link."""
        inhoud = {
            "wie": wie,
            "gemeenten": None if gemeenten is None else sorted(gemeenten),
            "nonce": secrets.token_urlsafe(12),
        }
        return self._serializer.dumps(inhoud)

    def gebruik(self, token: str) -> Beheerder:
        """Check a link's token and spend it; raise LinkFout with a Dutch message."""
        try:
            inhoud = self._serializer.loads(token, max_age=self.geldig)
        except SignatureExpired as fout:
            raise LinkFout("Deze link is verlopen. Vraag een nieuwe link aan.") from fout
        except BadSignature as fout:
            raise LinkFout("Deze link klopt niet. Vraag een nieuwe link aan.") from fout
        nonce = str(inhoud["nonce"])
        nu = time.monotonic()
        with self._mutex:
            if nonce in self._gebruikt:
                raise LinkFout("Deze link is al gebruikt. Vraag een nieuwe link aan.")
            for oud in [n for n, t in self._gebruikt.items() if nu - t > self.geldig]:
                del self._gebruikt[oud]
            self._gebruikt[nonce] = nu
        gemeenten = inhoud["gemeenten"]
        return Beheerder(
            str(inhoud["wie"]), None if gemeenten is None else frozenset(map(str, gemeenten))
        )


def csrf_token(sessie: dict[str, object]) -> str:
    """The session's CSRF token, made on first use."""
    token = sessie.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(24)
        sessie["csrf"] = token
    return token


def csrf_klopt(sessie: dict[str, object], gegeven: object) -> bool:
    """Whether a form's token is the session's (compared in constant time)."""
    verwacht = sessie.get("csrf")
    return (
        isinstance(verwacht, str)
        and isinstance(gegeven, str)
        and hmac.compare_digest(verwacht, gegeven)
    )
