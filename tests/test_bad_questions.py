"""Bad questions get a clear reason, never a crash and never a confident wrong answer."""

from __future__ import annotations

import json

import pytest

from opleidingsbot.bot.cli.vraag import tekst
from opleidingsbot.bot.teksten import WAAROM_NIET
from opleidingsbot.knowledge.faq import laad_faq
from opleidingsbot.knowledge.matcher import Matcher
from tests.conftest import opleidingsbot


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(laad_faq())


@pytest.mark.parametrize(
    ("vraag", "reden"),
    [
        ("", "leeg"),
        ("   \t  ", "leeg"),
        ("😀🎓📚", "geen-tekst"),
        ("?!...", "geen-tekst"),
        ("hoeveel studieverlof krijg ik " * 200, "te-lang"),
        ("How much study leave do I get for my degree?", "engels"),
        ("can I get my course reimbursed by the municipality", "engels"),
    ],
)
def test_question_that_cannot_be_matched_says_why(
    matcher: Matcher, vraag: str, reden: str
) -> None:
    uitkomst = matcher.zoek(vraag, "haarlem")
    assert uitkomst.status == "onbekend"
    assert uitkomst.reden == reden
    assert tekst(uitkomst) == WAAROM_NIET[reden]


def test_control_characters_are_ignored(matcher: Matcher) -> None:
    schoon = matcher.zoek("hoeveel uur studieverlof krijg ik", "haarlem")
    vies = matcher.zoek("hoeveel\x00 uur\x1b[31m studieverlof\x07 krijg\u200b ik", "haarlem")
    assert vies.reden is None
    assert vies.beste and schoon.beste
    assert vies.beste.vraag.id == schoon.beste.vraag.id


def test_dutch_with_an_english_word_is_still_dutch(matcher: Matcher) -> None:
    uitkomst = matcher.zoek("telt leren on the job ook als opleiding?", "haarlem")
    assert uitkomst.reden is None


def test_jsonl_answers_every_line_in_order_with_reasons() -> None:
    regels = ["", "😀", "x" * 5000, "what is the weather like today", "hoeveel studieverlof"]
    uit = opleidingsbot(
        "ask",
        "--jsonl",
        "--gemeente",
        "haarlem",
        invoer="\n".join(regels) + "\n",
    )
    assert uit.returncode == 0, uit.stderr
    antwoorden = [json.loads(r) for r in uit.stdout.splitlines()]
    assert [a["reden"] for a in antwoorden] == ["leeg", "geen-tekst", "te-lang", "engels", None]
    assert antwoorden[-1]["status"] in ("antwoord", "suggesties")
