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
    def concept_map(self) -> Path:
        """Where the terminal chat writes draft requests."""
        return self.data_map / "concepten"

    @property
    def uitgaand_map(self) -> Path:
        """Where Telegram's drafts wait until they are sent (the clean-up empties it)."""
        return self.data_map / "uitgaand"
