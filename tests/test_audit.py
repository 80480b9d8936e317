"""The FAQ history: a line per changed entry, read back oldest first, and restore."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from opleidingsbot.knowledge.audit import GESCHIEDENIS_NAAM, verschil
from opleidingsbot.knowledge.faq import FAQ_MAP, FaqItem, laad_faq
from opleidingsbot.knowledge.faqexport import exporteer, importeer
from opleidingsbot.knowledge.store import (
    FaqStore,
    OnbekendFout,
    VerouderdFout,
    VerwijderdFout,
    versie_van,
)

DAG = dt.date(2030, 5, 17)


@pytest.fixture
def store(tmp_path: Path) -> FaqStore:
    return FaqStore(Path(shutil.copytree(FAQ_MAP, tmp_path / "faq")))


def _regels(store: FaqStore) -> list[dict[str, Any]]:
    pad = store.map / GESCHIEDENIS_NAAM
    return [json.loads(r) for r in pad.read_text(encoding="utf-8").splitlines()]


def _vraag(store: FaqStore, id_: str) -> FaqItem:
    gevonden = store.faq().vraag(id_)
    assert gevonden is not None
    return gevonden[0]


def _bestanden(store: FaqStore) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(store.map.iterdir()) if p.suffix != ".lock"}


def test_add_edit_switch_off_and_remove_each_write_one_line(store: FaqStore) -> None:
    basis = store.faq().bestanden["haarlem"].vragen[0]
    nieuw = basis.model_copy(update={"id": "haarlem-nieuw", "onderwerp": "nieuw"})
    begin = dt.datetime.now(dt.UTC)
    store.voeg_toe("haarlem", nieuw, vandaag=DAG, door="telegram:12345")
    toegevoegd = _vraag(store, "haarlem-nieuw")
    store.wijzig(toegevoegd.model_copy(update={"antwoord": "Anders."}), versie_van(toegevoegd),
                 door="cli:anna")  # fmt: skip
    gewijzigd = _vraag(store, "haarlem-nieuw")
    store.wijzig(gewijzigd.model_copy(update={"actief": False}), versie_van(gewijzigd))
    uit = _vraag(store, "haarlem-nieuw")
    store.verwijder("haarlem-nieuw", versie_van(uit), door="cli:bob")

    regels = _regels(store)
    assert [r["actie"] for r in regels] == ["toegevoegd", "gewijzigd", "gewijzigd", "verwijderd"]
    assert [r["door"] for r in regels] == ["telegram:12345", "cli:anna", "onbekend", "cli:bob"]
    assert {r["id"] for r in regels} == {"haarlem-nieuw"}
    assert {r["gemeente"] for r in regels} == {"haarlem"}
    assert set(regels[0]) == {"tijd", "door", "actie", "id", "gemeente", "voor", "na"}
    for regel in regels:
        tijd = dt.datetime.fromisoformat(regel["tijd"])
        assert tijd.utcoffset() == dt.timedelta(0) and tijd >= begin
    assert regels[0]["voor"] is None and regels[0]["na"] == toegevoegd.model_dump(mode="json")
    assert (
        regels[1]["voor"]["antwoord"] == basis.antwoord
        and regels[1]["na"]["antwoord"] == "Anders."
    )
    assert "actief" not in regels[2]["voor"] and regels[2]["na"]["actief"] is False
    assert regels[3]["voor"] == uit.model_dump(mode="json") and regels[3]["na"] is None


def test_import_writes_a_line_per_changed_row_only(store: FaqStore, tmp_path: Path) -> None:
    pad = tmp_path / "faq.csv"
    exporteer(store.faq(), pad, gemeente="kaag-en-braassem")
    tekst = pad.read_text(encoding="utf-8-sig")
    eerste = store.faq().bestanden["kaag-en-braassem"].vragen[0]
    pad.write_text(
        tekst.replace(eerste.antwoord, "Uit Excel.", 1), encoding="utf-8-sig", newline=""
    )
    verslag = importeer(store, pad, door="cli:hr")
    assert verslag.gewijzigd == [eerste.id] and verslag.ongewijzigd > 10
    regels = _regels(store)
    assert len(regels) == 1
    assert (regels[0]["id"], regels[0]["door"], regels[0]["actie"]) == (
        eerste.id, "cli:hr", "gewijzigd",
    )  # fmt: skip
    assert regels[0]["voor"]["antwoord"] == eerste.antwoord
    assert regels[0]["na"]["antwoord"] == "Uit Excel."


def test_history_is_oldest_first_numbered_per_entry(store: FaqStore) -> None:
    een, twee = store.faq().bestanden["haarlem"].vragen[:2]
    for i in range(3):
        huidig = _vraag(store, een.id)
        store.wijzig(huidig.model_copy(update={"antwoord": f"Versie {i}."}), versie_van(huidig))
        if i == 1:
            store.wijzig(twee.model_copy(update={"antwoord": "Ander."}), versie_van(twee))
    geschiedenis = store.geschiedenis(een.id)
    assert [r.nummer for r in geschiedenis] == [1, 2, 3]
    assert [r.na["antwoord"] for r in geschiedenis if r.na] == [
        "Versie 0.",
        "Versie 1.",
        "Versie 2.",
    ]
    assert geschiedenis[0].tijd <= geschiedenis[1].tijd <= geschiedenis[2].tijd
    assert [r.nummer for r in store.geschiedenis(twee.id)] == [1]
    assert store.geschiedenis("bestaat-niet") == []


def test_restore_an_edited_entry(store: FaqStore) -> None:
    oud = store.faq().bestanden["haarlem"].vragen[0]
    store.wijzig(oud.model_copy(update={"antwoord": "Eerste."}), versie_van(oud), vandaag=DAG)
    eerste = _vraag(store, oud.id)
    store.wijzig(eerste.model_copy(update={"antwoord": "Fout."}), versie_van(eerste))
    fout = _vraag(store, oud.id)
    terug = store.herstel(oud.id, 1, versie_van(fout), door="cli:anna", vandaag=DAG)
    assert terug == eerste
    assert _vraag(store, oud.id).antwoord == "Eerste."
    laatste = store.geschiedenis(oud.id)[-1]
    assert (laatste.nummer, laatste.actie, laatste.door) == (3, "hersteld", "cli:anna")
    assert laatste.voor == fout.model_dump(mode="json")
    assert laatste.na == eerste.model_dump(mode="json")
    # A line can also be named by its time: back to "Fout." (line 2).
    tweede = store.geschiedenis(oud.id)[1]
    terug = store.herstel(oud.id, tweede.tijd.isoformat(), versie_van(eerste), vandaag=DAG)
    assert terug.antwoord == "Fout." and _vraag(store, oud.id) == terug


def test_restore_a_removed_entry_adds_it_to_its_gemeente(store: FaqStore) -> None:
    weg = store.faq().bestanden["kaag-en-braassem"].vragen[2]
    aantal = len(store.faq().bestanden["kaag-en-braassem"].vragen)
    store.verwijder(weg.id, versie_van(weg), door="cli:bob")
    assert store.faq().vraag(weg.id) is None
    verwijderd = store.geschiedenis(weg.id)
    assert [r.actie for r in verwijderd] == ["verwijderd"]
    terug = store.herstel(weg.id, verwijderd[0].nummer, None, vandaag=weg.bijgewerkt)
    assert terug == weg
    bestand = laad_faq(store.map).bestanden["kaag-en-braassem"]
    assert len(bestand.vragen) == aantal and bestand.vragen[-1] == weg
    assert weg.id in {v.id for v, _ in store.faq().zichtbaar("kaag-en-braassem")}
    assert [r.actie for r in store.geschiedenis(weg.id)] == ["verwijderd", "hersteld"]


def test_stale_or_unknown_restore_is_refused_and_writes_nothing(store: FaqStore) -> None:
    oud = store.faq().bestanden["haarlem"].vragen[0]
    store.wijzig(oud.model_copy(update={"antwoord": "Een."}), versie_van(oud))
    een = _vraag(store, oud.id)
    store.wijzig(een.model_copy(update={"antwoord": "Twee."}), versie_van(een))
    twee = _vraag(store, oud.id)
    voor = _bestanden(store)
    with pytest.raises(VerouderdFout) as fout:
        store.herstel(oud.id, 1, versie_van(een))  # the version before the last edit
    assert fout.value.huidig == twee
    with pytest.raises(VerouderdFout):
        store.herstel(oud.id, 1, None)  # "I saw it removed", but it is there
    with pytest.raises(OnbekendFout, match="geen wijziging 7"):
        store.herstel(oud.id, 7, versie_van(twee))
    with pytest.raises(OnbekendFout):
        store.herstel(oud.id, "2001-01-01T00:00:00+00:00", versie_van(twee))
    assert _bestanden(store) == voor
    store.verwijder(oud.id, versie_van(twee))
    voor = _bestanden(store)
    with pytest.raises(VerwijderdFout):
        store.herstel(oud.id, 1, versie_van(twee))  # someone removed it since
    assert _bestanden(store) == voor


def test_history_write_failure_changes_nothing(
    store: FaqStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    oud = store.faq().bestanden["haarlem"].vragen[0]
    store.wijzig(oud.model_copy(update={"antwoord": "Goed."}), versie_van(oud))
    goed = _vraag(store, oud.id)
    voor = _bestanden(store)

    def schijf_vol(_: int) -> None:
        raise OSError("schijf vol")

    monkeypatch.setattr(os, "fsync", schijf_vol)
    with pytest.raises(OSError, match="schijf vol"):
        store.wijzig(goed.model_copy(update={"antwoord": "Kwijt."}), versie_van(goed))
    monkeypatch.undo()
    assert _bestanden(store) == voor, "no YAML changed, and the history is cut back"
    assert laad_faq(store.map).vraag(oud.id) == (goed, laad_faq(store.map).bestanden["haarlem"])


def test_a_line_whose_change_did_not_land_is_not_shown(
    store: FaqStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    oud = store.faq().bestanden["haarlem"].vragen[0]

    def stroomuitval(*_: object) -> None:
        raise OSError("stroomuitval")

    monkeypatch.setattr(os, "replace", stroomuitval)
    with pytest.raises(OSError):
        store.wijzig(oud.model_copy(update={"antwoord": "Nooit."}), versie_van(oud))
    monkeypatch.undo()
    assert [r["na"]["antwoord"] for r in _regels(store)] == ["Nooit."]
    assert store.geschiedenis(oud.id) == []
    store.wijzig(oud.model_copy(update={"antwoord": "Wel."}), versie_van(oud))
    geschiedenis = store.geschiedenis(oud.id)
    assert [(r.nummer, r.na["antwoord"] if r.na else None) for r in geschiedenis] == [(2, "Wel.")]
    with pytest.raises(OnbekendFout):
        store.herstel(oud.id, 1, versie_van(_vraag(store, oud.id)))


def test_a_hand_edit_after_a_line_keeps_the_line(store: FaqStore) -> None:
    oud = store.faq().bestanden["haarlem"].vragen[0]
    store.wijzig(oud.model_copy(update={"antwoord": "Via de store."}), versie_van(oud))
    pad = store.map / "haarlem.yaml"
    pad.write_text(pad.read_text(encoding="utf-8").replace("Via de store.", "Met de hand."),
                   encoding="utf-8")  # fmt: skip
    assert _vraag(store, oud.id).antwoord == "Met de hand."
    assert [r.nummer for r in store.geschiedenis(oud.id)] == [1]


def test_a_torn_line_is_skipped_and_the_next_line_starts_fresh(store: FaqStore) -> None:
    oud = store.faq().bestanden["haarlem"].vragen[0]
    (store.map / GESCHIEDENIS_NAAM).write_text('{"tijd": "2030-0', encoding="utf-8")
    store.wijzig(oud.model_copy(update={"antwoord": "Na de scheur."}), versie_van(oud))
    regels = (store.map / GESCHIEDENIS_NAAM).read_text(encoding="utf-8").splitlines()
    assert regels[0] == '{"tijd": "2030-0' and json.loads(regels[1])["id"] == oud.id
    assert [r.nummer for r in store.geschiedenis(oud.id)] == [1]


def test_diff_names_changed_texts_and_counts_list_items() -> None:
    vraag = laad_faq().bestanden["haarlem"].vragen[0]
    voor = vraag.model_dump(mode="json")
    na = vraag.model_copy(
        update={
            "antwoord": "Een heel ander antwoord dat langer is dan dertig tekens.",
            "varianten": [*vraag.varianten[1:], "nieuw een", "nieuw twee"],
            "actief": False,
            "bijgewerkt": DAG,
        }
    ).model_dump(mode="json")
    regels = verschil(voor, na)
    assert "varianten: +2 −1" in regels
    assert "actief: ja → nee" in regels
    assert any(r.startswith('antwoord: "') and '→ "Een heel ander antwoord dat l…"' in r
               for r in regels)  # fmt: skip
    assert not any(r.startswith(("bijgewerkt", "vraag", "tags")) for r in regels)
    assert verschil(None, na) == [f'vraag: "{vraag.vraag[:29].rstrip()}…"']
