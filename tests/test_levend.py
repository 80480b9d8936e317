"""The running matcher follows the FAQ on disk: no restart, and a broken file is ignored."""

from __future__ import annotations

import shutil
from pathlib import Path

from opleidingsbot.knowledge.faq import FAQ_MAP
from opleidingsbot.knowledge.levend import LevendeMatcher
from opleidingsbot.knowledge.store import FaqStore

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
