"""The console's B1 points and readability score, on texts whose answer is known."""

from __future__ import annotations

from opleidingsbot.knowledge.leesbaarheid import leesgemak, opmerkingen


def test_short_plain_sentences_read_easier_than_one_long_official_one() -> None:
    makkelijk = leesgemak("Je krijgt je cursus betaald. Vraag het aan je baas.")
    moeilijk = leesgemak(
        "Indien de medewerker gedurende de looptijd van de studieovereenkomst op eigen "
        "initiatief het dienstverband beëindigt, is terugbetaling van de studiekosten "
        "overeenkomstig de daartoe vastgestelde terugbetalingsregeling verschuldigd."
    )
    assert makkelijk[1] == "makkelijk" and moeilijk[1] == "moeilijk"
    assert makkelijk[0] > moeilijk[0] + 40


def test_the_points_name_the_long_sentence_the_u_form_and_another_name_for_hr() -> None:
    punten = opmerkingen(
        "U kunt bij P&O terecht. Een opleiding die je nodig hebt voor je werk wordt altijd "
        "helemaal door de gemeente betaald als je leidinggevende akkoord is."
    )
    assert any(p.startswith("Lange zin (2") for p in punten), punten
    assert any("je-vorm" in p for p in punten)
    assert any("P&O" in p for p in punten)
    assert opmerkingen("Je krijgt het betaald. Vraag het aan HR.") == []
