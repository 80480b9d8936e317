"""The running matcher follows the FAQ on disk: no restart, and a broken file is ignored."""

from __future__ import annotations

import shutil
from pathlib import Path

from opleidingsbot.knowledge.faq import FAQ_MAP, Faq
from opleidingsbot.knowledge.levend import LevendeMatcher
from opleidingsbot.knowledge.matcher import Matcher
from opleidingsbot.knowledge.store import FaqStore, versie_van

VRAAG = "moet ik een studieovereenkomst tekenen voor mijn opleiding"


def test_change_on_disk_is_live_and_broken_file_keeps_last_good(tmp_path: Path) -> None:
    map_ = tmp_path / "faq"
    shutil.copytree(FAQ_MAP, map_)
    matcher = LevendeMatcher(FaqStore(map_))
    eerst = matcher()
    uitkomst = eerst.zoek(VRAAG, "haarlem")
    assert uitkomst.status == "antwoord" and uitkomst.beste is not None
    id_ = uitkomst.beste.vraag.id
    assert matcher() is eerst, "no rebuild without a change"

    # another process (HR's command) changes the answer in the file
    pad = map_ / "haarlem.yaml"
    oud = uitkomst.beste.vraag.antwoord
    tekst = pad.read_text(encoding="utf-8")
    schrijver = FaqStore(map_)
    vraag = schrijver.faq().vraag(id_)
    assert vraag is not None
    nieuw = vraag[0].model_copy(update={"antwoord": "Ja. Nieuw antwoord van HR."})
    schrijver.wijzig(nieuw, schrijver.versie(vraag[0]))
    tweede = matcher()
    assert tweede is not eerst
    beste = tweede.zoek(VRAAG, "haarlem").beste
    assert beste is not None and beste.vraag.antwoord == "Ja. Nieuw antwoord van HR."
    assert oud not in pad.read_text(encoding="utf-8") or oud != beste.vraag.antwoord

    # a broken file never replaces the last good FAQ
    pad.write_text(tekst.replace("vragen:", "vragen: [", 1), encoding="utf-8")
    derde = matcher()
    beste = derde.zoek(VRAAG, "haarlem").beste
    assert beste is not None and beste.vraag.antwoord == "Ja. Nieuw antwoord van HR."
    assert matcher.store.laatste_fout is not None
    assert "haarlem.yaml" in str(matcher.store.laatste_fout)


def _vragen(faq: Faq) -> list[str]:
    """Every entry's question, plus a typo'd and a mixed one: what the comparison asks."""
    uit = [v.vraag for b in faq.bestanden.values() for v in b.vragen]
    return [*uit, "hoevel studieverlof krijg ik", "moet ik terugbetalen als ik opzeg en weg ga"]


def _zelfde(a: Matcher, b: Matcher) -> None:
    """Two matchers that answer every question alike, with the same scores."""
    assert a.woordenschat == b.woordenschat and a._gezien == b._gezien
    assert a.gemeenten() == b.gemeenten()
    for gemeente in a.gemeenten():
        for vraag in _vragen(b.faq):
            links = [(k.vraag.id, k.score) for k in a.kandidaten(vraag, gemeente)]
            rechts = [(k.vraag.id, k.score) for k in b.kandidaten(vraag, gemeente)]
            assert links == rechts, (gemeente, vraag)


def test_an_edit_rebuilds_only_its_employer_and_matches_as_a_full_build(tmp_path: Path) -> None:
    map_ = Path(shutil.copytree(FAQ_MAP, tmp_path / "faq"))
    store = FaqStore(map_)
    levend = LevendeMatcher(store)
    eerst = levend()
    assert sorted(eerst.gebouwd) == eerst.gemeenten()

    haarlem = store.faq().bestanden["haarlem"].vragen[0]
    nieuw = haarlem.model_copy(
        update={"varianten": [*haarlem.varianten, "mag ik met de zeppelin naar mijn cursus"]}
    )
    store.wijzig(nieuw, versie_van(haarlem))
    tweede = levend()
    assert tweede.gebouwd == ["haarlem"]
    assert tweede._indexen["kaag-en-braassem"] is eerst._indexen["kaag-en-braassem"]
    uitkomst = tweede.zoek("mag ik met de zeppelin naar mijn cursus", "haarlem")
    assert uitkomst.beste is not None and uitkomst.beste.vraag.id == haarlem.id
    _zelfde(tweede, Matcher(store.faq()))

    kaag = store.faq().bestanden["kaag-en-braassem"].vragen
    store.verwijder(kaag[0].id, versie_van(kaag[0]))
    store.voeg_toe("kaag-en-braassem", kaag[0].model_copy(update={"id": "kaag-opnieuw"}))
    derde = levend()
    assert derde.gebouwd == ["kaag-en-braassem"]
    _zelfde(derde, Matcher(store.faq()))

    algemeen = store.faq().bestanden["algemeen"].vragen[0]
    store.wijzig(
        algemeen.model_copy(
            update={"antwoord": algemeen.antwoord + " Vraag het je leidinggevende."}
        ),
        versie_van(algemeen),
    )
    vierde = levend()
    assert sorted(vierde.gebouwd) == vierde.gemeenten(), "every employer shows the general file"
    _zelfde(vierde, Matcher(store.faq()))
