"""The FAQ store: reload on change, keep the last good FAQ, refuse stale or invalid edits."""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import shutil
from pathlib import Path

import pytest
import yaml
from filelock import FileLock
from hypothesis import given, settings
from hypothesis import strategies as st

from opleidingsbot.knowledge import store as store_module
from opleidingsbot.knowledge.audit import GESCHIEDENIS_NAAM
from opleidingsbot.knowledge.faq import (
    FAQ_MAP,
    Bron,
    FaqBestand,
    FaqFout,
    FaqItem,
    laad_faq,
    lees_faq,
)
from opleidingsbot.knowledge.faqyaml import bestand_naar_yaml, vraag_naar_yaml
from opleidingsbot.knowledge.store import (
    LOCK_NAAM,
    FaqStore,
    OnbekendFout,
    VerouderdFout,
    versie_van,
)

DAG = dt.date(2030, 5, 17)


@pytest.fixture
def map_(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FAQ_MAP, tmp_path / "faq"))


def _eerste(store: FaqStore, gemeente: str = "haarlem") -> FaqItem:
    return store.faq().bestanden[gemeente].vragen[0]


def _inhoud(map_: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(map_.iterdir())}


def test_reader_sees_an_edit_by_another_writer(map_: Path) -> None:
    lezer, schrijver = FaqStore(map_), FaqStore(map_)
    oud = _eerste(lezer)
    assert lezer.generatie == 1
    assert lezer.faq() is lezer.faq(), "no reload without a change"
    schrijver.wijzig(oud.model_copy(update={"antwoord": "Nieuw antwoord."}), versie_van(oud))
    assert _eerste(lezer).antwoord == "Nieuw antwoord."
    assert lezer.generatie == 2


def test_broken_file_keeps_the_last_good_faq(map_: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = FaqStore(map_)
    goed = store.faq()
    pad = map_ / "haarlem.yaml"
    tekst = pad.read_text(encoding="utf-8")
    pad.write_text(tekst + "\n  - id: [kapot\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="opleidingsbot.knowledge.store"):
        assert store.faq() is goed
    assert store.laatste_fout is not None and "haarlem.yaml" in str(store.laatste_fout)
    assert "keeping the last good one" in caplog.text
    assert store.generatie == 1
    pad.write_text(tekst + "\n", encoding="utf-8")
    assert store.faq() is not goed
    assert store.laatste_fout is None and store.generatie == 2


def test_a_removed_file_keeps_the_last_good_faq(map_: Path) -> None:
    store = FaqStore(map_)
    goed = store.faq()
    pad = map_ / "haarlem.yaml"
    tekst = pad.read_bytes()
    pad.unlink()
    assert store.faq() is goed
    assert "haarlem" in goed.gemeenten()
    assert store.laatste_fout is not None and "'haarlem' is weg" in str(store.laatste_fout)
    pad.write_bytes(tekst)
    assert store.faq() is not goed and store.laatste_fout is None


def test_first_load_of_a_broken_folder_raises(map_: Path) -> None:
    (map_ / "algemeen.yaml").write_text("gemeente: algemeen\n", encoding="utf-8")
    with pytest.raises(FaqFout, match=r"algemeen\.yaml"):
        FaqStore(map_).faq()


def test_edit_sets_date_and_version_and_leaves_no_temporary_files(map_: Path) -> None:
    store = FaqStore(map_)
    oud = _eerste(store)
    nieuw = oud.model_copy(update={"antwoord": 'Ja; met "quotes" en één regel.\nEn nog één.'})
    store.wijzig(nieuw, versie_van(oud), vandaag=DAG)
    opnieuw = laad_faq(map_).vraag(oud.id)
    assert opnieuw is not None
    assert opnieuw[0] == nieuw.model_copy(update={"bijgewerkt": DAG})
    assert versie_van(opnieuw[0]) != versie_van(oud) and len(versie_van(oud)) == 12
    assert sorted(p.name for p in map_.iterdir() if not p.name.endswith(".yaml")) == sorted(
        [GESCHIEDENIS_NAAM, LOCK_NAAM]
    )


def test_crash_before_the_rename_leaves_the_old_file(
    map_: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FaqStore(map_)
    voor = _inhoud(map_)
    oud = _eerste(store)

    def stroomuitval(*_: object) -> None:
        raise OSError("stroomuitval")

    monkeypatch.setattr(os, "replace", stroomuitval)
    with pytest.raises(OSError, match="stroomuitval"):
        store.wijzig(oud.model_copy(update={"antwoord": "Half."}), versie_van(oud))
    monkeypatch.undo()
    na = _inhoud(map_)
    na.pop(LOCK_NAAM)
    # The history line was written first; as the change did not land, it is not shown.
    assert b'"Half."' in na.pop(GESCHIEDENIS_NAAM)
    assert store.geschiedenis(oud.id) == []
    assert na == voor
    assert FaqStore(map_).faq().vraag(oud.id) == (oud, store.faq().bestanden["haarlem"])


def test_stale_edit_is_refused_and_names_the_other_change(map_: Path) -> None:
    ik, collega = FaqStore(map_), FaqStore(map_)
    oud = _eerste(ik)
    collega.wijzig(oud.model_copy(update={"antwoord": "Antwoord van je collega."}), ik.versie(oud))
    voor = _inhoud(map_)
    with pytest.raises(VerouderdFout) as fout:
        ik.wijzig(oud.model_copy(update={"antwoord": "Mijn antwoord."}), ik.versie(oud))
    assert fout.value.huidig.antwoord == "Antwoord van je collega."
    with pytest.raises(VerouderdFout):
        ik.verwijder(oud.id, versie_van(oud))
    assert _inhoud(map_) == voor


def test_invalid_edit_is_refused_and_nothing_written(map_: Path) -> None:
    store = FaqStore(map_)
    oud = _eerste(store)
    voor = _inhoud(map_)
    onbekend = oud.model_copy(update={"bron": [Bron(document="bestaat-niet", artikel="1")]})
    with pytest.raises(FaqFout, match="bestaat-niet"):
        store.wijzig(onbekend, versie_van(oud))
    te_kort = oud.model_copy(update={"varianten": ["een"]})  # model_copy does not validate
    with pytest.raises(FaqFout, match=f"haarlem, vraag {oud.id}: varianten: is te kort"):
        store.wijzig(te_kort, versie_van(oud))

    def weiger(*_: object) -> None:
        raise ValueError("geweigerd")

    with pytest.raises(ValueError, match="geweigerd"):
        store.wijzig(oud.model_copy(update={"antwoord": "x"}), versie_van(oud), controle=weiger)
    assert {k: v for k, v in _inhoud(map_).items() if k != LOCK_NAAM} == voor


def test_add_and_remove(map_: Path) -> None:
    store = FaqStore(map_)
    algemeen = _eerste(store, "algemeen")
    with pytest.raises(FaqFout, match=f"id '{algemeen.id}' bestaat al"):
        store.voeg_toe("haarlem", algemeen)
    with pytest.raises(OnbekendFout, match="gemeente 'nergens'"):
        store.voeg_toe("nergens", algemeen.model_copy(update={"id": "nieuw"}))
    with pytest.raises(OnbekendFout, match="'bestaat-niet'"):
        store.verwijder("bestaat-niet", "0" * 12)
    nieuw = algemeen.model_copy(update={"id": "algemeen-nieuw"})
    store.voeg_toe("algemeen", nieuw, vandaag=DAG)
    assert store.faq().bestanden["algemeen"].vragen[-1] == nieuw.model_copy(
        update={"bijgewerkt": DAG}
    )
    assert store.gemeente_van("algemeen-nieuw") == "algemeen"
    aantal = len(laad_faq(map_).bestanden["algemeen"].vragen)
    store.verwijder(algemeen.id, versie_van(algemeen))
    assert laad_faq(map_).vraag(algemeen.id) is None
    assert len(laad_faq(map_).bestanden["algemeen"].vragen) == aantal - 1


def test_lock_held_elsewhere_refuses_with_a_clear_message(
    map_: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "WACHTTIJD", 0.2)
    store = FaqStore(map_)
    oud = _eerste(store)
    with FileLock(map_ / LOCK_NAAM), pytest.raises(FaqFout, match="bezet"):
        store.wijzig(oud.model_copy(update={"antwoord": "x"}), versie_van(oud))


def _voeg_toe(map_: Path, nummer: int) -> None:
    store = FaqStore(map_)
    basis = _eerste(store, "kaag-en-braassem")
    for i in range(3):
        store.voeg_toe("kaag-en-braassem", basis.model_copy(update={"id": f"p{nummer}-{i}"}))


def test_writers_in_parallel_processes_lose_nothing(map_: Path) -> None:
    context = multiprocessing.get_context("spawn")
    processen = [context.Process(target=_voeg_toe, args=(map_, n)) for n in range(3)]
    for proces in processen:
        proces.start()
    for proces in processen:
        proces.join(timeout=120)
        assert proces.exitcode == 0
    ids = {v.id for v in laad_faq(map_).bestanden["kaag-en-braassem"].vragen}
    assert {f"p{n}-{i}" for n in range(3) for i in range(3)} <= ids


def test_yaml_round_trip_of_every_real_entry() -> None:
    faq = laad_faq()
    for gemeente, bestand in faq.bestanden.items():
        terug = lees_faq({Path(f"{gemeente}.yaml"): bestand_naar_yaml(bestand)})
        assert terug.bestanden[gemeente] == bestand
        for vraag in bestand.vragen:
            data = yaml.safe_load(vraag_naar_yaml(vraag, versie_van(vraag)))
            assert data.pop("versie") == versie_van(vraag)
            assert FaqItem.model_validate(data) == vraag


teksten = st.text(min_size=1) | st.text(st.sampled_from(" \n\t:#-'\"\r>|\x85é;"), min_size=1)


@settings(max_examples=200, deadline=None)
@given(
    teksten, teksten, st.lists(teksten, min_size=4, max_size=5), st.none() | st.text(),
    st.booleans(),
)  # fmt: skip
def test_yaml_round_trip_of_any_text(
    vraag: str, antwoord: str, varianten: list[str], wist_je_dat: str | None, actief: bool
) -> None:
    entry = FaqItem(
        id="a", onderwerp="b", vraag=vraag, varianten=varianten, antwoord=antwoord,
        bron=[Bron(document="d", artikel=vraag)], tags=varianten[:2], wist_je_dat=wist_je_dat,
        bijgewerkt=DAG, actief=actief,
    )  # fmt: skip
    bestand = FaqBestand(gemeente="x", documenten={"d": "D"}, vragen=[entry])
    tekst = bestand_naar_yaml(bestand)
    assert lees_faq({Path("x.yaml"): tekst}).bestanden["x"] == bestand
    assert ("actief: false" in tekst) is not actief


def test_switched_off_entry_is_hidden_and_the_general_entry_comes_back(map_: Path) -> None:
    store = FaqStore(map_)
    voor = _inhoud(map_)
    eigen = store.faq().vraag("haarlem-loopbaanadvies")
    assert eigen is not None
    vraag = eigen[0]
    zichtbaar = {v.id for v, _ in store.faq().zichtbaar("haarlem")}
    assert vraag.id in zichtbaar and "algemeen-loopbaanadvies" not in zichtbaar
    store.wijzig(vraag.model_copy(update={"actief": False}), versie_van(vraag), vandaag=DAG)
    faq = laad_faq(map_)
    zichtbaar = {v.id for v, _ in faq.zichtbaar("haarlem")}
    assert vraag.id not in zichtbaar and "algemeen-loopbaanadvies" in zichtbaar
    gevonden = faq.vraag(vraag.id)
    assert gevonden is not None and gevonden[0].actief is False, "HR still finds it"
    assert "    actief: false\n" in (map_ / "haarlem.yaml").read_text(encoding="utf-8")
    assert versie_van(gevonden[0]) != versie_van(vraag)
    # Switched on again with its old date: the file is as the writer writes the original.
    store.wijzig(gevonden[0].model_copy(update={"actief": True}), versie_van(gevonden[0]),
                 vandaag=vraag.bijgewerkt)  # fmt: skip
    origineel = lees_faq({Path("haarlem.yaml"): voor["haarlem.yaml"].decode("utf-8")})
    tekst = (map_ / "haarlem.yaml").read_text(encoding="utf-8")
    assert tekst == bestand_naar_yaml(origineel.bestanden["haarlem"])
    assert vraag.id in {v.id for v, _ in laad_faq(map_).zichtbaar("haarlem")}


def test_an_active_entry_keeps_its_version_and_yaml_without_actief() -> None:
    for bestand in laad_faq().bestanden.values():
        for vraag in bestand.vragen:
            assert vraag.actief and "actief" not in vraag.model_dump(mode="json")
            assert "\nactief:" not in vraag_naar_yaml(vraag)
