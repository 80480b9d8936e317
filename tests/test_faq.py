"""The FAQ files load strictly, and a broken file names its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from opleidingsbot.knowledge.faq import ALGEMEEN, FaqFout, laad_faq


def test_real_faq_loads_with_enough_entries_per_employer() -> None:
    faq = laad_faq()
    aantallen = {g: len(b.vragen) for g, b in faq.bestanden.items()}
    assert aantallen["haarlem"] >= 50
    assert aantallen["capelle-aan-den-ijssel"] >= 30
    assert aantallen["kaag-en-braassem"] >= 15
    assert aantallen[ALGEMEEN] >= 15
    for bestand in faq.bestanden.values():
        for vraag in bestand.vragen:
            assert len(vraag.varianten) >= 4, vraag.id


def test_employer_entry_overrides_general_entry_on_the_same_topic() -> None:
    faq = laad_faq()
    haarlem = faq.zichtbaar("haarlem")
    onderwerpen_haarlem = {v.onderwerp for v, b in haarlem if b.gemeente == "haarlem"}
    algemeen_zichtbaar = [v for v, b in haarlem if b.gemeente == ALGEMEEN]
    assert algemeen_zichtbaar, "general entries on other topics stay visible"
    assert all(v.onderwerp not in onderwerpen_haarlem for v in algemeen_zichtbaar)
    verborgen = [v for v in faq.bestanden[ALGEMEEN].vragen if v.onderwerp in onderwerpen_haarlem]
    assert verborgen, "at least one general entry is overridden by Haarlem"


def _schrijf(map_: Path, tekst: str) -> None:
    (map_ / "haarlem.yaml").write_text(tekst, encoding="utf-8")


GOED = """gemeente: haarlem
documenten: {b: Beleid}
vragen:
  - id: a
    onderwerp: pop
    vraag: Wat is een pop?
    varianten: [een, twee, drie, vier]
    antwoord: Een plan.
    bron: [{document: b, artikel: "1"}]
    bijgewerkt: 2026-01-01
"""


def test_good_file_loads(tmp_path: Path) -> None:
    _schrijf(tmp_path, GOED)
    assert laad_faq(tmp_path).vraag("a") is not None


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        (GOED.replace("vier]", "]"), "haarlem.yaml:7: vragen.0.varianten"),
        (GOED.replace("document: b", "document: x"), "'x' staat niet onder documenten"),
        (GOED + GOED.split("vragen:\n")[1], "id 'a' staat ook in"),
        (GOED.replace("onderwerp: pop", "onderwerp: pop\n    onderwerp: pop"), "twee keer"),
        (GOED.replace("vraag: Wat", "vraag: [Wat"), "YAML-fout"),
        (GOED.replace("bijgewerkt: 2026-01-01", "bijgewerkt: gisteren"), "datum"),
    ],
)
def test_broken_file_names_the_problem(tmp_path: Path, tekst: str, melding: str) -> None:
    _schrijf(tmp_path, tekst)
    with pytest.raises(FaqFout, match=melding):
        laad_faq(tmp_path)
