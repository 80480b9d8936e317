"""``opleidingsbot faq add|edit|remove|export|import`` as HR runs them, on a copy of the FAQ."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from opleidingsbot.knowledge.faq import FAQ_MAP, laad_faq
from tests.conftest import opleidingsbot

ID = "kaag-en-braassem"


@pytest.fixture
def map_(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FAQ_MAP, tmp_path / "faq"))


def faq(map_: Path, *args: str) -> tuple[int, str, str]:
    uit = opleidingsbot("faq", "--faq-map", str(map_), *args)
    return uit.returncode, uit.stdout, uit.stderr


def _versie(uitvoer: str) -> str:
    gevonden = re.search(r"^versie: ([0-9a-f]{12})$", uitvoer, re.MULTILINE)
    assert gevonden, uitvoer
    return gevonden.group(1)


def _yaml(map_: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(map_.glob("*.yaml"))}


def _eerste_id(map_: Path, gemeente: str = ID) -> str:
    return laad_faq(map_).bestanden[gemeente].vragen[0].id


def test_edit_from_file_then_stale_edit_is_refused(map_: Path, tmp_path: Path) -> None:
    id_ = _eerste_id(map_)
    code, uit, _ = faq(map_, "show", id_, "--yaml")
    assert code == 0 and "versie:" in uit
    data = yaml.safe_load(uit)
    data["antwoord"] = "Het nieuwe antwoord van HR."
    bestand = tmp_path / "vraag.yaml"
    bestand.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, uit, fout = faq(map_, "edit", id_, "--bestand", str(bestand))
    assert code == 0, fout
    code, uit, _ = faq(map_, "show", id_)
    assert "Antwoord: Het nieuwe antwoord van HR." in uit
    assert _versie(uit) != data["versie"]
    data["antwoord"] = "Een wijziging op de oude versie."
    bestand.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, _, fout = faq(map_, "edit", id_, "--bestand", str(bestand))
    assert code == 1
    assert "Iemand anders" in fout and "Het nieuwe antwoord van HR." in fout
    assert "Een wijziging" not in faq(map_, "show", id_)[1]


def test_edit_with_field_flags_needs_a_version(map_: Path) -> None:
    id_ = _eerste_id(map_)
    code, _, fout = faq(map_, "edit", id_, "--antwoord", "Zonder versie.")
    assert code == 2 and f"faq show {id_}" in fout
    versie = _versie(faq(map_, "show", id_)[1])
    code, _, fout = faq(
        map_, "edit", id_, "--versie", versie, "--antwoord", "Kort; en \"duidelijk\".",
        "--variant-erbij", "mag ik een zeppelin besturen", "--tags", "a, b",
    )  # fmt: skip
    assert code == 0, fout
    toon = faq(map_, "show", id_)[1]
    assert 'Antwoord: Kort; en "duidelijk".' in toon and "- mag ik een zeppelin besturen" in toon
    assert laad_faq(map_).bestanden[ID].vragen[0].tags == ["a", "b"]
    code, _, fout = faq(map_, "edit", id_, "--versie", versie, "--antwoord", "")
    assert code == 2 and "'antwoord'" in fout


def test_add_list_remove_and_clash(map_: Path, tmp_path: Path) -> None:
    bestaand = laad_faq(map_).bestanden[ID].vragen[0]
    nieuw = {
        "id": "kaag-zeppelin",
        "onderwerp": "zeppelin",
        "vraag": "Betaalt de gemeente mijn zeppelinbrevet?",
        "varianten": [
            "vergoeding voor een zeppelin vliegbrevet",
            "luchtschip cursus betaald door werkgever",
            "zeppelinbrevet studiekosten",
            "mag ik leren varen met een luchtschip",
        ],
        "antwoord": "Nee, dat staat niet in de regeling.",
        "bron": [bestaand.bron[0].model_dump()],
    }
    bestand = tmp_path / "nieuw.yaml"
    botst = {**nieuw, "varianten": [*nieuw["varianten"], bestaand.varianten[0]]}
    bestand.write_text(yaml.safe_dump(botst), encoding="utf-8")
    code, _, fout = faq(map_, "add", "--gemeente", ID, "--bestand", str(bestand))
    assert code == 1 and "botsing" in fout and bestaand.id in fout and "--toch" in fout
    assert laad_faq(map_).vraag("kaag-zeppelin") is None
    bestand.write_text(yaml.safe_dump(nieuw), encoding="utf-8")
    code, _, fout = faq(map_, "add", "--gemeente", ID, "--bestand", str(bestand))
    assert code == 0, fout
    assert "kaag-zeppelin" in faq(map_, "list", "--gemeente", ID)[1]
    code, _, fout = faq(map_, "add", "--gemeente", ID, "--bestand", str(bestand))
    assert code == 1 and "bestaat al" in fout
    code, _, fout = faq(map_, "remove", "kaag-zeppelin", "--versie", "000000000000")
    assert code == 1 and "Iemand anders" in fout
    versie = _versie(faq(map_, "show", "kaag-zeppelin")[1])
    assert faq(map_, "remove", "kaag-zeppelin", "--versie", versie)[0] == 0
    assert "kaag-zeppelin" not in faq(map_, "list")[1]


@pytest.mark.parametrize("soort", ["csv", "xlsx"])
def test_export_then_import_unchanged(map_: Path, tmp_path: Path, soort: str) -> None:
    voor = _yaml(map_)
    pad = tmp_path / f"faq.{soort}"
    code, uit, fout = faq(map_, "export", str(pad))
    assert code == 0 and pad.exists(), fout
    code, uit, fout = faq(map_, "import", str(pad))
    assert code == 0, fout
    assert "0 toegevoegd, 0 gewijzigd" in uit
    assert _yaml(map_) == voor


def _lees(pad: Path) -> list[dict[str, str]]:
    with pad.open(encoding="utf-8-sig", newline="") as bestand:
        return list(csv.DictReader(bestand, delimiter=";"))


def _schrijf(pad: Path, rijen: list[dict[str, str]]) -> None:
    with pad.open("w", encoding="utf-8-sig", newline="") as bestand:
        schrijver = csv.DictWriter(bestand, fieldnames=list(rijen[0]), delimiter=";")
        schrijver.writeheader()
        schrijver.writerows(rijen)


def test_import_of_a_changed_answer_and_a_stale_import(map_: Path, tmp_path: Path) -> None:
    pad = tmp_path / "faq.csv"
    assert faq(map_, "export", str(pad), "--gemeente", ID)[0] == 0
    rijen = _lees(pad)
    rijen[0]["antwoord"] = 'Antwoord uit Excel; met één "teken".'
    _schrijf(pad, rijen)
    code, uit, fout = faq(map_, "import", str(pad))
    assert code == 0 and "1 gewijzigd" in uit, fout
    assert 'Antwoord: Antwoord uit Excel; met één "teken".' in faq(map_, "show", rijen[0]["id"])[1]
    historie = faq(map_, "history", rijen[0]["id"])[1]
    assert re.search(r"^1\. .*  cli:\S+  gewijzigd  \(kaag-en-braassem\)$", historie, re.MULTILINE)
    assert '→ "Antwoord uit Excel; met één' in historie
    # The same sheet again: its versie is now old, so the row is refused.
    rijen[0]["antwoord"] = "Nog een keer."
    _schrijf(pad, rijen)
    voor = _yaml(map_)
    code, _, fout = faq(map_, "import", str(pad))
    assert code == 1 and "faq.csv rij 2" in fout and "Niets opgeslagen" in fout
    assert _yaml(map_) == voor


def test_bad_csv_names_row_and_column(map_: Path, tmp_path: Path) -> None:
    pad = tmp_path / "faq.csv"
    faq(map_, "export", str(pad), "--gemeente", ID)
    rijen = _lees(pad)
    _schrijf(pad, [{k: v for k, v in r.items() if k != "vraag"} for r in rijen])
    code, _, fout = faq(map_, "import", str(pad))
    assert code == 2 and "rij 1, kolom vraag: ontbreekt" in fout
    rijen[2]["bijgewerkt"] = "morgen"
    _schrijf(pad, rijen)
    voor = _yaml(map_)
    code, _, fout = faq(map_, "import", str(pad))
    assert code == 2 and "rij 4, kolom bijgewerkt" in fout
    assert _yaml(map_) == voor


def test_folder_from_environment_and_option_after_the_task(
    map_: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (map_ / "algemeen.yaml").unlink()
    monkeypatch.setenv("OPLEIDINGSBOT_FAQ_MAP", str(map_))
    assert "algemeen-" not in opleidingsbot("faq", "list").stdout
    monkeypatch.delenv("OPLEIDINGSBOT_FAQ_MAP")
    assert "algemeen-" not in opleidingsbot("faq", "list", "--faq-map", str(map_)).stdout
    assert "algemeen-" in opleidingsbot("faq", "list").stdout
    fout = opleidingsbot("faq", "--faq-map", str(map_ / "nergens"), "list")
    assert fout.returncode == 2 and "faq-map" in fout.stderr


def test_first_run_copies_the_faq_into_the_data_folder_and_edits_land_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("OPLEIDINGSBOT_DATA_MAP", str(data))
    monkeypatch.delenv("OPLEIDINGSBOT_FAQ_MAP", raising=False)
    geleverd = _yaml(FAQ_MAP)
    assert opleidingsbot("faq", "list").returncode == 0
    assert _yaml(data / "faq") == geleverd
    vraag = laad_faq(data / "faq").bestanden[ID].vragen[0]
    versie = _versie(faq(data / "faq", "show", vraag.id)[1])
    bewerkt = opleidingsbot(
        "faq", "edit", vraag.id, "--antwoord", "Alleen in de data-map.", "--versie", versie
    )
    assert bewerkt.returncode == 0, bewerkt.stderr
    # the next start keeps HR's edit, and the shipped FAQ was never touched
    assert opleidingsbot("faq", "list").returncode == 0
    assert "Alleen in de data-map." in faq(data / "faq", "show", vraag.id)[1]
    assert _yaml(FAQ_MAP) == geleverd
    assert [p.name for p in data.iterdir()].count("faq") == 1
    assert not [p for p in data.iterdir() if p.name.startswith(".faq-")]


def test_ask_answers_from_the_folder_in_the_settings(
    map_: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vraag = laad_faq(map_).bestanden[ID].vragen[0]
    code, _, fout = faq(
        map_,
        "edit",
        vraag.id,
        "--antwoord",
        "Dit antwoord staat alleen in de kopie.",
        "--versie",
        _versie(faq(map_, "show", vraag.id)[1]),
    )
    assert code == 0, fout
    monkeypatch.setenv("OPLEIDINGSBOT_FAQ_MAP", str(map_))
    uit = opleidingsbot("ask", vraag.vraag, "--gemeente", ID)
    assert "alleen in de kopie" in uit.stdout, uit.stdout
    monkeypatch.delenv("OPLEIDINGSBOT_FAQ_MAP")
    assert "alleen in de kopie" not in opleidingsbot("ask", vraag.vraag, "--gemeente", ID).stdout


def test_a_list_whose_reader_went_away_ends_quietly() -> None:
    # "faq list | head": the reader closes the pipe before the list is written
    commando = shutil.which("opleidingsbot", path=str(Path(sys.executable).parent))
    assert commando
    with subprocess.Popen(
        [commando, "faq", "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as proces:
        assert proces.stdout and proces.stderr
        proces.stdout.close()
        fout = proces.stderr.read()
        proces.wait(timeout=60)
    assert fout == ""
    assert proces.returncode == 141
