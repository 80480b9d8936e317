"""Configuration from environment variables or a ``.env`` file, validated once at start.

``TELEGRAM_BOT_TOKEN`` unset means terminal mode. The token is a ``SecretStr``: it never
shows up in a log line or a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from opleidingsbot.knowledge.faq import werkmap

STANDAARD_DATA_MAP = Path.home() / ".local" / "share" / "opleidingsbot"


def instellingen_fout(fout: ValidationError) -> str:
    """Bad configuration in Dutch, naming the variable: no traceback for a typo in .env."""
    regels = ["fout in de instellingen:"]
    for probleem in fout.errors():
        veld = str(probleem["loc"][0]) if probleem["loc"] else "?"
        naam = Instellingen.model_fields[veld].alias if veld in Instellingen.model_fields else veld
        melding = str(probleem.get("ctx", {}).get("error") or probleem["msg"])
        regels.append(f"  {naam}: {melding}")
    return "\n".join(regels)


class Instellingen(BaseSettings):
    """Everything a deployment sets; nothing here comes from chat input."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    telegram_bot_token: SecretStr | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_url: str | None = Field(default=None, alias="TELEGRAM_API_URL")
    """Another Bot API server, e.g. a self-hosted one: ``http://host:8081/bot``."""
    webhook_geheim: SecretStr | None = Field(default=None, alias="TELEGRAM_WEBHOOK_SECRET")
    """Telegram sends it in a header on every webhook call; others are refused."""
    hr_ids: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(), alias="OPLEIDINGSBOT_HR_IDS"
    )
    """Telegram user ids of HR staff for every employer, comma-separated in the environment."""
    hr_per_gemeente: Annotated[dict[str, frozenset[int]], NoDecode] = Field(
        default_factory=dict, alias="OPLEIDINGSBOT_HR_PER_GEMEENTE"
    )
    """HR staff of one employer each: ``haarlem=111,222;kaag-en-braassem=333``."""
    data_map: Path = Field(default=STANDAARD_DATA_MAP, alias="OPLEIDINGSBOT_DATA_MAP")
    faq_map_gezet: Path | None = Field(default=None, alias="OPLEIDINGSBOT_FAQ_MAP")
    """Another FAQ folder than ``faq/`` in the data folder (read it as ``faq_map``)."""
    gemeente: str | None = Field(default=None, alias="OPLEIDINGSBOT_GEMEENTE")
    """Fixes the employer for a one-employer deployment."""
    console_url: str = Field(default="http://127.0.0.1:8080", alias="OPLEIDINGSBOT_CONSOLE_URL")
    """Where HR reaches the console (with a proxy's sub-path): sign-in links start with it."""
    console_geheim: SecretStr | None = Field(default=None, alias="OPLEIDINGSBOT_CONSOLE_GEHEIM")
    """Signs links and sessions; unset: a key file in the data folder (one server)."""
    console_https: bool = Field(default=False, alias="OPLEIDINGSBOT_CONSOLE_HTTPS")
    """The session cookie only over HTTPS: set it when a TLS proxy serves the console."""
    database_url: SecretStr | None = Field(default=None, alias="OPLEIDINGSBOT_DATABASE_URL")
    """``postgresql://user:password@host/db``: one store for many processes or employers.

    Unset: the SQLite file in the data folder. A secret: the URL may hold a password.
    """

    @field_validator("database_url")
    @classmethod
    def _postgres_url(cls, waarde: SecretStr | None) -> SecretStr | None:
        if waarde is None or not waarde.get_secret_value().strip():
            return None
        url = waarde.get_secret_value().strip()
        if not url.startswith(("postgresql://", "postgres://")):
            raise ValueError(
                "geen PostgreSQL-adres: begin met postgresql://, "
                "zoals postgresql://gebruiker:wachtwoord@server/opleidingsbot"
            )
        from psycopg.conninfo import conninfo_to_dict  # psycopg: only with a URL

        try:
            delen = conninfo_to_dict(url)
        except Exception:  # the driver's message may repeat the password: not shown
            raise ValueError(
                "dit PostgreSQL-adres klopt niet; schrijf het "
                "zoals postgresql://gebruiker:wachtwoord@server:5432/opleidingsbot"
            ) from None
        if not all(p.strip().isdecimal() for p in str(delen.get("port", "0")).split(",")):
            raise ValueError("de poort in het PostgreSQL-adres moet een getal zijn, zoals 5432")
        return SecretStr(url)

    @field_validator("hr_ids", mode="before")
    @classmethod
    def _lijst(cls, waarde: object) -> object:
        if isinstance(waarde, str):
            delen = [deel for deel in waarde.replace(" ", "").split(",") if deel]
            fout = [deel for deel in delen if not deel.lstrip("-").isdecimal()]
            if fout:
                raise ValueError(f"geen Telegram-id: {', '.join(fout)} (alleen cijfers)")
            return frozenset(int(deel) for deel in delen)
        return waarde

    @field_validator("hr_per_gemeente", mode="before")
    @classmethod
    def _per_gemeente(cls, waarde: object) -> object:
        if not isinstance(waarde, str):
            return waarde
        uit: dict[str, frozenset[int]] = {}
        for deel in filter(None, (d.strip() for d in waarde.split(";"))):
            gemeente, teken, ids = deel.partition("=")
            if not teken:
                raise ValueError(f"'{deel}': schrijf gemeente=id,id (zoals haarlem=111,222)")
            uit[cls._sleutel(gemeente.strip()) or ""] = cls._lijst(ids)  # type: ignore[assignment]
        return uit

    def hr_ids_alle(self) -> frozenset[int]:
        """Everyone who is HR for some employer (their chats get HR's command menu)."""
        return self.hr_ids.union(*self.hr_per_gemeente.values())

    @field_validator("gemeente")
    @classmethod
    def _sleutel(cls, waarde: str | None) -> str | None:
        if waarde is not None and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", waarde):
            raise ValueError(f"'{waarde}' is geen gemeente (zoals haarlem of kaag-en-braassem)")
        return waarde

    @property
    def faq_map(self) -> Path:
        """The FAQ folder HR edits: ``OPLEIDINGSBOT_FAQ_MAP``, else ``faq/`` in the data folder.

        The first read copies the shipped FAQ into the data folder (``werkmap``).
        """
        return self.faq_map_gezet or werkmap(self.data_map / "faq")

    @property
    def database(self) -> Path:
        """The SQLite file with conversations, the review queue and the audit."""
        return self.data_map / "opleidingsbot.sqlite3"

    @property
    def opslag(self) -> Path | str:
        """Where the store is: the PostgreSQL URL when set, else the SQLite file."""
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return self.database

    def opslag_bestaat(self) -> bool:
        """Whether there can be data yet: a server is always asked, a file must exist."""
        return self.database_url is not None or self.database.exists()

    @property
    def concept_map(self) -> Path:
        """Where the terminal chat writes draft requests."""
        return self.data_map / "concepten"

    @property
    def uitgaand_map(self) -> Path:
        """Where Telegram's drafts wait until they are sent (the clean-up empties it)."""
        return self.data_map / "uitgaand"
