"""``opleidingsbot faq``: list, show and validate, as HR runs them."""

from __future__ import annotations

from opleidingsbot.knowledge.clashes import botsingen
from opleidingsbot.knowledge.faq import laad_faq
from tests.conftest import opleidingsbot


def test_validate_passes_on_the_real_faq() -> None:
    uit = opleidingsbot("faq", "validate")
    assert uit.returncode == 0, uit.stderr
    assert "173 vragen" in uit.stdout or "vragen in 4 bestanden" in uit.stdout


def test_clash_between_entries_is_found(tmp_path) -> None:
    faq = laad_faq()
    haarlem = faq.bestanden["haarlem"]
    een, twee = haarlem.vragen[0], haarlem.vragen[1]
    kopie = twee.model_copy(update={"varianten": [*twee.varianten, een.varianten[0] + "?"]})
    vragen = [een, kopie, *haarlem.vragen[2:]]
    faq.bestanden["haarlem"] = haarlem.model_copy(update={"vragen": vragen})
    gevonden = botsingen(faq)
    assert any({b.een[0], b.ander[0]} == {een.id, twee.id} for b in gevonden)


def test_list_and_show() -> None:
    lijst = opleidingsbot("faq", "list", "--gemeente", "kaag-en-braassem")
    assert lijst.returncode == 0
    ids = [regel.split("\t")[0] for regel in lijst.stdout.splitlines()]
    assert any(i.startswith("kaag-") for i in ids) and any(i.startswith("algemeen-") for i in ids)
    toon = opleidingsbot("faq", "show", ids[0])
    assert toon.returncode == 0 and "Bron:" in toon.stdout and "Antwoord:" in toon.stdout
    fout = opleidingsbot("faq", "show", "bestaat-niet")
    assert fout.returncode == 2 and "'id'" in fout.stderr
