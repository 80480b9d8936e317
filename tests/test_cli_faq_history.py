"""``opleidingsbot faq edit --uit|--aan``, ``faq history`` and ``faq restore`` as HR runs them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from opleidingsbot.knowledge.audit import GESCHIEDENIS_NAAM
from opleidingsbot.knowledge.faq import FAQ_MAP, laad_faq
from tests.conftest import opleidingsbot

ID = "haarlem-loopbaanadvies"
ALGEMEEN_ID = "algemeen-loopbaanadvies"


@pytest.fixture
def map_(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("USER", "hr-anna")
    return Path(shutil.copytree(FAQ_MAP, tmp_path / "faq"))


def faq(map_: Path, *args: str) -> tuple[int, str, str]:
    uit = opleidingsbot("faq", "--faq-map", str(map_), *args)
    return uit.returncode, uit.stdout, uit.stderr


def _versie(map_: Path, id_: str = ID) -> str:
    gevonden = re.search(r"^versie: ([0-9a-f]{12})$", faq(map_, "show", id_)[1], re.MULTILINE)
    assert gevonden
    return gevonden.group(1)


def _yaml(map_: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(map_.glob("*.yaml"))}


def _ids(uitvoer: str) -> list[str]:
    return [regel.split("\t")[0] for regel in uitvoer.splitlines()]


def test_switch_off_and_on(map_: Path) -> None:
    code, _, fout = faq(map_, "edit", ID, "--uit")
    assert code == 2 and f"faq show {ID}" in fout, "a version is needed"
    code, uit, fout = faq(map_, "edit", ID, "--uit", "--versie", _versie(map_))
    assert code == 0 and "staat nu uit" in uit, fout
    lijst = faq(map_, "list")[1]
    assert f"{ID}\thaarlem\t" in lijst
    assert next(r for r in lijst.splitlines() if r.startswith(ID)).endswith("\t(staat uit)")
    assert "(staat uit)" not in next(r for r in lijst.splitlines() if r.startswith(ALGEMEEN_ID))
    zichtbaar = faq(map_, "list", "--gemeente", "haarlem")[1].splitlines()
    assert f"{ALGEMEEN_ID}\talgemeen" in "\n".join(zichtbaar), "the general entry is back"
    assert next(r for r in zichtbaar if r.startswith(ID)).endswith("(staat uit)")
    assert "Deze vraag staat uit" in faq(map_, "show", ID)[1]
    code, uit, _ = faq(map_, "edit", ID, "--uit", "--versie", _versie(map_))
    assert code == 0 and "staat al uit" in uit
    code, uit, fout = faq(map_, "edit", ID, "--aan", "--versie", _versie(map_))
    assert code == 0 and "staat weer aan" in uit, fout
    gevonden = laad_faq(map_).vraag(ID)
    assert gevonden is not None and gevonden[0].actief
    assert ALGEMEEN_ID not in _ids(faq(map_, "list", "--gemeente", "haarlem")[1])
    code, _, fout = faq(map_, "edit", ID, "--uit", "--aan", "--versie", _versie(map_))
    assert code == 2 and "not allowed with" in fout


def test_history_shows_who_what_and_a_short_diff(map_: Path) -> None:
    code, uit, _ = faq(map_, "history", ID)
    assert code == 0 and "nog geen wijzigingen" in uit
    extra = ["--variant-erbij", "loopbaancoach betaald", "--variant-erbij", "gratis advies"]
    faq(
        map_, "edit", ID, "--versie", _versie(map_), "--antwoord", "Nieuw antwoord van HR.", *extra
    )
    faq(map_, "edit", ID, "--uit", "--versie", _versie(map_))
    code, uit, fout = faq(map_, "history", ID)
    assert code == 0, fout
    regels = uit.splitlines()
    kop = re.compile(r"^(\d+)\. \d\d-\d\d-\d{4} \d\d:\d\d  cli:hr-anna  (\w+)  \(haarlem\)$")
    koppen = [kop.match(r) for r in regels if kop.match(r)]
    assert [(k.group(1), k.group(2)) for k in koppen if k] == [
        ("1", "gewijzigd"),
        ("2", "gewijzigd"),
    ]
    assert '   antwoord: "' in uit and '→ "Nieuw antwoord van HR."' in uit
    assert "   varianten: +2 −0" in uit and "   actief: ja → nee" in uit
    assert uit.index("varianten:") < uit.index("actief:"), "oldest first"
    assert f"Nu: versie {_versie(map_)} (staat uit)" in uit
    code, _, fout = faq(map_, "history", "bestaat-niet")
    assert code == 2 and "'bestaat-niet'" in fout


def test_restore_an_edit_refuses_a_stale_version_and_an_unknown_number(map_: Path) -> None:
    origineel = laad_faq(map_).vraag(ID)
    assert origineel is not None
    faq(map_, "edit", ID, "--versie", _versie(map_), "--antwoord", "Goed antwoord.")
    oud = _versie(map_)
    faq(map_, "edit", ID, "--versie", oud, "--antwoord", "Verkeerd antwoord.")
    voor = _yaml(map_)
    code, _, fout = faq(map_, "restore", ID, "1", "--versie", oud)
    assert code == 1 and "Iemand anders" in fout and "Verkeerd antwoord." in fout
    code, _, fout = faq(map_, "restore", ID, "9", "--versie", _versie(map_))
    assert code == 2 and "geen wijziging 9" in fout and f"faq history {ID}" in fout
    code, _, fout = faq(map_, "restore", ID, "1")
    assert code == 2 and "--versie" in fout
    assert _yaml(map_) == voor
    code, uit, fout = faq(map_, "restore", ID, "1", "--versie", _versie(map_))
    assert code == 0 and "teruggezet" in uit, fout
    assert "Antwoord: Goed antwoord." in faq(map_, "show", ID)[1]
    laatste = json.loads((map_ / GESCHIEDENIS_NAAM).read_text(encoding="utf-8").splitlines()[-1])
    assert (laatste["actie"], laatste["door"]) == ("hersteld", "cli:hr-anna")
    assert laatste["voor"]["antwoord"] == "Verkeerd antwoord."
    assert "3. " in faq(map_, "history", ID)[1] and "hersteld" in faq(map_, "history", ID)[1]


def test_restore_a_removed_entry(map_: Path) -> None:
    assert faq(map_, "remove", ID, "--versie", _versie(map_))[0] == 0
    assert ID not in _ids(faq(map_, "list")[1])
    code, uit, _ = faq(map_, "history", ID)
    assert code == 0 and "verwijderd" in uit and "Nu: verwijderd" in uit
    code, _, fout = faq(map_, "restore", ID, "1", "--versie", "000000000000")
    assert code == 1 and "intussen verwijderd" in fout
    code, uit, fout = faq(map_, "restore", ID, "1")
    assert code == 0, fout
    assert ID in _ids(faq(map_, "list", "--gemeente", "haarlem")[1])
    assert laad_faq(map_).bestanden["haarlem"].vragen[-1].id == ID
