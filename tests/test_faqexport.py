"""Spreadsheet export and import: exact round trip, all or nothing, clear row messages."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from opleidingsbot.knowledge.faq import FAQ_MAP
from opleidingsbot.knowledge.faqexport import (
    KOLOMMEN,
    ImportFout,
    InvoerFout,
    exporteer,
    importeer,
)
from opleidingsbot.knowledge.store import FaqStore, versie_van

DAG = dt.date(2030, 5, 17)
LASTIG = 'Zo; met "aanhalingstekens", één komma\nen een tweede regel | met streep.'


@pytest.fixture
def store(tmp_path: Path) -> FaqStore:
    return FaqStore(Path(shutil.copytree(FAQ_MAP, tmp_path / "faq")))


def _yaml(store: FaqStore) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(store.map.glob("*.yaml"))}


def _lees_csv(pad: Path) -> list[dict[str, str]]:
    with pad.open(encoding="utf-8-sig", newline="") as bestand:
        return list(csv.DictReader(bestand, delimiter=";"))


def _schrijf_csv(pad: Path, rijen: list[dict[str, str]], scheiding: str = ";") -> None:
    with pad.open("w", encoding="utf-8-sig", newline="") as bestand:
        schrijver = csv.DictWriter(bestand, fieldnames=list(rijen[0]), delimiter=scheiding)
        schrijver.writeheader()
        schrijver.writerows(rijen)


@pytest.mark.parametrize("soort", ["csv", "xlsx"])
def test_export_then_import_changes_nothing_even_for_awkward_text(
    store: FaqStore, tmp_path: Path, soort: str
) -> None:
    oud = store.faq().bestanden["haarlem"].vragen[0]
    lastig = oud.model_copy(
        update={"vraag": "=SOM(1;2) is geen formule", "antwoord": LASTIG, "wist_je_dat": None}
    )
    store.wijzig(lastig, versie_van(oud), vandaag=DAG)
    voor = _yaml(store)
    pad = tmp_path / f"faq.{soort}"
    totaal = sum(len(b.vragen) for b in store.faq().bestanden.values())
    assert exporteer(store.faq(), pad) == totaal
    verslag = importeer(store, pad)
    assert (verslag.toegevoegd, verslag.gewijzigd) == ([], [])
    assert verslag.ongewijzigd > 100
    assert _yaml(store) == voor
    if soort == "xlsx":
        blad = load_workbook(pad).worksheets[0]
        formule = [c for c in blad["D"] if str(c.value).startswith("=SOM")]
        assert len(formule) == 1 and formule[0].data_type == "s", "text, not a formula"


def test_changed_row_is_an_edit_and_new_row_an_addition(store: FaqStore, tmp_path: Path) -> None:
    pad = tmp_path / "faq.csv"
    exporteer(store.faq(), pad, gemeente="kaag-en-braassem")
    rijen = _lees_csv(pad)
    assert {r["gemeente"] for r in rijen} == {"kaag-en-braassem"}
    rijen[0]["antwoord"] = LASTIG
    rijen.append({**rijen[1], "id": "kaag-nieuw", "versie": "", "onderwerp": "nieuw"})
    _schrijf_csv(pad, rijen, scheiding=",")  # a comma-separated save works too
    verslag = importeer(store, pad, vandaag=DAG)
    assert verslag.gewijzigd == [rijen[0]["id"]] and verslag.toegevoegd == ["kaag-nieuw"]
    gewijzigd = store.faq().vraag(rijen[0]["id"])
    assert gewijzigd is not None and gewijzigd[0].antwoord == LASTIG
    assert gewijzigd[0].bijgewerkt == DAG


def test_stale_or_wrong_rows_write_nothing_and_are_all_listed(
    store: FaqStore, tmp_path: Path
) -> None:
    pad = tmp_path / "faq.csv"
    exporteer(store.faq(), pad, gemeente="haarlem")
    rijen = _lees_csv(pad)
    eerste = store.faq().bestanden["haarlem"].vragen[0]
    store.wijzig(eerste.model_copy(update={"antwoord": "Van een collega."}), versie_van(eerste))
    voor = _yaml(store)
    rijen[0]["antwoord"] = "Mijn versie."
    rijen[1]["antwoord"] = "Ook gewijzigd, maar dit gaat niet door."
    _schrijf_csv(pad, rijen)
    with pytest.raises(ImportFout) as fout:
        importeer(store, pad)
    assert not fout.value.invoer
    assert any("faq.csv rij 2" in p and "iemand anders" in p for p in fout.value.problemen)
    rijen[1]["bijgewerkt"] = "gisteren"
    rijen[2]["gemeente"] = "nergens"
    rijen[3]["varianten"] = "maar één"
    rijen[4]["bron"] = "geen streep"
    _schrijf_csv(pad, rijen)
    with pytest.raises(ImportFout) as fout:
        importeer(store, pad)
    tekst = "\n".join(fout.value.problemen)
    assert fout.value.invoer
    assert "rij 3, kolom bijgewerkt" in tekst and "rij 4, kolom gemeente" in tekst
    assert "rij 5, kolom varianten: is te kort" in tekst and "rij 6, kolom bron" in tekst
    assert _yaml(store) == voor


def test_missing_column_is_named(store: FaqStore, tmp_path: Path) -> None:
    pad = tmp_path / "faq.csv"
    exporteer(store.faq(), pad)
    rijen = [{k: v for k, v in r.items() if k != "antwoord"} for r in _lees_csv(pad)]
    _schrijf_csv(pad, rijen)
    with pytest.raises(InvoerFout, match=r"faq\.csv rij 1, kolom antwoord: ontbreekt"):
        importeer(store, pad)
    with pytest.raises(InvoerFout, match=r"\.csv of \.xlsx"):
        exporteer(store.faq(), tmp_path / "faq.txt")
    assert list(KOLOMMEN)[-1] == "versie"


@pytest.mark.parametrize("soort", ["csv", "xlsx"])
def test_switched_off_entry_round_trips_as_nee(
    store: FaqStore, tmp_path: Path, soort: str
) -> None:
    oud = store.faq().bestanden["haarlem"].vragen[1]
    store.wijzig(oud.model_copy(update={"actief": False}), versie_van(oud), vandaag=DAG)
    voor = _yaml(store)
    pad = tmp_path / f"faq.{soort}"
    exporteer(store.faq(), pad, gemeente="haarlem")
    if soort == "xlsx":
        blad = load_workbook(pad).worksheets[0]
        kop = [c.value for c in blad[1]]
        waarden = {
            r[0]: r[kop.index("actief")] for r in blad.iter_rows(min_row=2, values_only=True)
        }
    else:
        waarden = {r["id"]: r["actief"] for r in _lees_csv(pad)}
    assert waarden[oud.id] == "nee"
    assert {w for i, w in waarden.items() if i != oud.id} == {"ja"}
    verslag = importeer(store, pad)
    assert verslag.gewijzigd == [] and _yaml(store) == voor


def test_actief_column_switches_on_and_off(store: FaqStore, tmp_path: Path) -> None:
    pad = tmp_path / "faq.csv"
    exporteer(store.faq(), pad, gemeente="haarlem")
    rijen = _lees_csv(pad)
    rijen[0]["actief"] = " Nee "
    rijen[1]["actief"] = ""  # empty: ja, as the entry already is
    _schrijf_csv(pad, rijen)
    verslag = importeer(store, pad, vandaag=DAG, door="cli:hr")
    assert verslag.gewijzigd == [rijen[0]["id"]]
    uit = store.faq().vraag(rijen[0]["id"])
    assert uit is not None and uit[0].actief is False
    assert rijen[0]["id"] not in {v.id for v, _ in store.faq().zichtbaar("haarlem")}
    rijen[0]["actief"] = "misschien"
    _schrijf_csv(pad, rijen)
    with pytest.raises(ImportFout, match="rij 2, kolom actief: 'misschien' moet ja of nee zijn"):
        importeer(store, pad)


def test_old_file_without_actief_column_means_ja(store: FaqStore, tmp_path: Path) -> None:
    pad = tmp_path / "faq.csv"
    exporteer(store.faq(), pad, gemeente="kaag-en-braassem")
    rijen = [{k: v for k, v in r.items() if k != "actief"} for r in _lees_csv(pad)]
    _schrijf_csv(pad, rijen)
    verslag = importeer(store, pad)
    assert verslag.gewijzigd == [] and verslag.ongewijzigd == len(rijen)
    # Switched off after that old export: the old row is stale, it cannot switch it on.
    eerste = store.faq().bestanden["kaag-en-braassem"].vragen[0]
    store.wijzig(eerste.model_copy(update={"actief": False}), versie_van(eerste))
    with pytest.raises(ImportFout, match="iemand anders heeft vraag"):
        importeer(store, pad)
    rijen[0]["versie"] = versie_van(store.faq().bestanden["kaag-en-braassem"].vragen[0])
    _schrijf_csv(pad, rijen)
    assert importeer(store, pad).gewijzigd == [eerste.id]
    assert store.faq().bestanden["kaag-en-braassem"].vragen[0].actief is True
