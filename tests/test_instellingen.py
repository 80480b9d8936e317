"""Configuration: read from the environment, the token never shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from opleidingsbot.bot.instellingen import Instellingen, instellingen_fout
from opleidingsbot.bot.opbouw import hr_controle


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:zeer-vertrouwelijk")
    monkeypatch.setenv("OPLEIDINGSBOT_HR_IDS", "11, 22,33")
    monkeypatch.setenv("OPLEIDINGSBOT_DATA_MAP", str(tmp_path))
    monkeypatch.setenv("OPLEIDINGSBOT_GEMEENTE", "haarlem")
    instellingen = Instellingen()
    assert instellingen.hr_ids == {11, 22, 33}
    assert instellingen.database == tmp_path / "opleidingsbot.sqlite3"
    assert instellingen.gemeente == "haarlem"
    assert instellingen.telegram_bot_token is not None
    assert instellingen.telegram_bot_token.get_secret_value() == "123:zeer-vertrouwelijk"
    assert "vertrouwelijk" not in repr(instellingen) + str(instellingen)


def test_no_token_means_terminal_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert Instellingen().telegram_bot_token is None
    assert Instellingen().hr_ids == frozenset()


def test_bad_hr_ids_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPLEIDINGSBOT_HR_IDS", "11,jan")
    with pytest.raises(ValidationError):
        Instellingen()


def test_hr_per_employer_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPLEIDINGSBOT_HR_PER_GEMEENTE", "haarlem=111, 222; kaag-en-braassem=333")
    monkeypatch.setenv("OPLEIDINGSBOT_HR_IDS", "9")
    instellingen = Instellingen()
    assert instellingen.hr_per_gemeente == {
        "haarlem": frozenset({111, 222}),
        "kaag-en-braassem": frozenset({333}),
    }
    assert instellingen.hr_ids_alle() == {9, 111, 222, 333}
    is_hr = hr_controle(instellingen)
    assert is_hr("telegram:111", "haarlem") and not is_hr("telegram:111", "kaag-en-braassem")
    assert is_hr("telegram:9", "kaag-en-braassem") and is_hr("telegram:333", None)
    assert not is_hr("telegram:444", None) and not is_hr("telegram:²", "haarlem")


@pytest.mark.parametrize("waarde", ["haarlem", "haarlem=1,x", "../x=1"])
def test_bad_hr_per_employer_is_refused(monkeypatch: pytest.MonkeyPatch, waarde: str) -> None:
    monkeypatch.setenv("OPLEIDINGSBOT_HR_PER_GEMEENTE", waarde)
    with pytest.raises(ValidationError) as fout:
        Instellingen()
    assert "OPLEIDINGSBOT_HR_PER_GEMEENTE" in instellingen_fout(fout.value)
