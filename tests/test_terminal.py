"""The terminal chat through the real console script: stdin in, stdout out."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest

from opleidingsbot.bot import teksten as t
from tests.conftest import console_script, opleidingsbot


def chat(tmp_path: Path, regels: list[str], *args: str) -> str:
    omgeving = {**os.environ, "OPLEIDINGSBOT_DATA_MAP": str(tmp_path / "data")}
    uit = opleidingsbot(
        "chat", *args, "--map", str(tmp_path), invoer="\n".join(regels) + "\n", omgeving=omgeving
    )
    assert uit.returncode == 0, uit.stderr
    return uit.stdout


def test_piped_question_is_answered_and_the_chat_ends_cleanly(tmp_path: Path) -> None:
    # the installed console script itself, in a process of its own
    omgeving = {**os.environ, "OPLEIDINGSBOT_DATA_MAP": str(tmp_path / "data")}
    proces = console_script(
        "chat",
        "--gemeente",
        "haarlem",
        "--map",
        str(tmp_path),
        invoer="moet ik een studieovereenkomst tekenen voor mijn opleiding\n",
        omgeving=omgeving,
    )
    assert proces.returncode == 0, proces.stderr
    uit = proces.stdout
    assert "Bron:" in uit
    assert uit.rstrip().endswith(t.TOT_ZIENS)


HAARLEM_INTAKE = [
    "2",  # menu: start de intake
    "Hbo Bestuurskunde",
    "Hogeschool Leiden",
    "2",  # hbo
    "1-9-2027",
    "36",
    "1",  # diploma: ja
    "2",  # vwnw: nee
    "moet ik terugbetalen als ik vertrek?",  # a question in between
    "2",  # verplicht: nee
    "2",  # huidig: nee
    "1",  # intern: ja
    "2",  # zicht: nee
    "1",  # klopt
    "1",  # pop: ja
    "1",  # kans: groot
    "€ 7.500",
    "450,50",
    "a",  # verblijfkosten: geen
    "36",
    "8",
    "1",  # waarom?
    "2",  # wat als ik vertrek?
    "18",
    "3",  # concept-aanvraag
]
"""A whole Haarlem intake typed as a person types it, ending in a draft request."""


def test_whole_intake_typed_as_numbers_and_text(tmp_path: Path) -> None:
    regels = HAARLEM_INTAKE
    uit = chat(tmp_path, regels, "--gemeente", "haarlem")
    assert "[1] Ja  [2] Nee  [3] Terug" in uit
    assert "[a] Geen  [b] Terug" in uit
    assert t.VERDER_MET_INTAKE in uit
    assert "Dit krijg je waarschijnlijk voor Hbo Bestuurskunde" in uit
    assert "waarschijnlijk 100%. Dat is € 7.950,50." in uit
    assert "Waarom? Zo kom ik tot deze inschatting" in uit
    assert "Als je 18 maanden na je opleiding zelf vertrekt" in uit
    [docx_pad] = list(tmp_path.glob("concept-aanvraag-hbo-bestuurskunde-*.docx"))
    assert str(docx_pad) in uit
    tekst = "\n".join(p.text for p in docx.Document(str(docx_pad)).paragraphs)
    assert "100%, dat is € 7.950,50." in tekst


def test_hr_commands_need_the_hr_flag(tmp_path: Path) -> None:
    assert t.ALLEEN_HR in chat(tmp_path, ["/faq"], "--gemeente", "haarlem")
    assert t.HR_FAQ_MENU in chat(tmp_path, ["/faq"], "--gemeente", "haarlem", "--hr")


def test_the_chat_writes_drafts_to_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    werkmap = tmp_path / "hier"
    werkmap.mkdir()
    monkeypatch.chdir(werkmap)
    omgeving = {**os.environ, "OPLEIDINGSBOT_DATA_MAP": str(tmp_path / "data")}
    invoer = "\n".join(HAARLEM_INTAKE) + "\n"
    uit = opleidingsbot("chat", "--gemeente", "haarlem", invoer=invoer, omgeving=omgeving)
    assert uit.returncode == 0, uit.stderr
    [docx_pad] = list((tmp_path / "data" / "concepten").glob("concept-aanvraag-*.docx"))
    assert str(docx_pad) in uit.stdout
    assert list(werkmap.iterdir()) == []


def test_a_button_can_be_typed_by_its_label(tmp_path: Path) -> None:
    uit = chat(
        tmp_path,
        ["Start de intake", "Hbo Bestuurskunde", "weet ik nog niet"],
        "--gemeente",
        "haarlem",
    )
    assert t.INTAKE_VRAGEN["naam"] in uit
    assert t.INTAKE_VRAGEN["niveau"] in uit  # "weet ik nog niet" pressed the institute's button
