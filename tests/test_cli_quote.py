"""``opleidingsbot quote`` as a user runs it: JSON in, quote out, clear errors on bad input."""

from __future__ import annotations

import json

import pytest

from tests.conftest import opleidingsbot

KAAG = {
    "gemeente": "kaag-en-braassem",
    "peildatum": "2025-03-01",
    "doel": "verplicht_voor_functie",
    "kosten": {"studiekosten": 4800},
    "vertrek": {"moment": "na_afronding", "maanden_na_afronding": 18, "reden": "eigen_initiatief"},
}


def test_json_gives_the_contract_fields() -> None:
    uit = opleidingsbot("quote", "--json", invoer=json.dumps(KAAG))
    assert uit.returncode == 0, uit.stderr
    offerte = json.loads(uit.stdout)
    for veld in (
        "gemeente",
        "regeling",
        "categorie",
        "vergoeding",
        "verlof",
        "terugbetaling",
        "voorwaarden",
        "open_vragen",
        "bronnen",
    ):
        assert veld in offerte
    assert offerte["vergoeding"]["percentage"] == 100
    assert offerte["terugbetaling"]["bedrag"] == 1200.0
    assert offerte["terugbetaling"]["drempel"] == 3000.0
    assert {"document", "artikel"} <= set(offerte["bronnen"][0])


def test_jsonl_answers_every_line_in_order_with_errors_in_place() -> None:
    regels = [
        json.dumps(KAAG),
        "{kapot",
        json.dumps(
            {
                **KAAG,
                "gemeente": "haarlem",
                "doel": "persoonlijke_interesse",
                "opleiding": {"diploma_of_certificaat": True},  # inside the kader (Inleiding)
            }
        ),
        json.dumps({**KAAG, "kosten": {"studiekosten": -5}}),
    ]
    uit = opleidingsbot("quote", "--jsonl", invoer="\n".join(regels) + "\n")
    assert uit.returncode == 2
    antwoorden = [json.loads(r) for r in uit.stdout.splitlines()]
    assert len(antwoorden) == 4
    assert antwoorden[0]["gemeente"] == "kaag-en-braassem"
    assert antwoorden[1]["fout"]["regel"] == 2
    assert antwoorden[2]["vergoeding"]["percentage"] == 0
    assert antwoorden[3]["fout"]["velden"][0]["veld"] == "kosten.studiekosten"
    assert "Traceback" not in uit.stderr


def test_plain_dutch_and_explanation() -> None:
    uit = opleidingsbot("quote", "--uitleg", invoer=json.dumps(KAAG))
    assert uit.returncode == 0, uit.stderr
    assert "Vergoeding: waarschijnlijk 100%. Dat is € 4.800,00." in uit.stdout
    assert "In jouw voorbeeld betaal je € 1.200,00 terug." in uit.stdout
    assert "Waarom?" in uit.stdout
    assert "Er ontbreken 6 volle maanden aan de 24" in uit.stdout
    assert "Speerpunt 2, Terugbetalingsregeling" in uit.stdout


@pytest.mark.parametrize(
    ("invoer", "veld", "melding"),
    [
        ({**KAAG, "gemeente": "amsterdam"}, "gemeente", "onbekende gemeente 'amsterdam'"),
        ({k: v for k, v in KAAG.items() if k != "doel"}, "doel", "ontbreekt"),
        ({**KAAG, "kosten": {"studiekosten": -1}}, "kosten.studiekosten", ">= 0"),
        ({**KAAG, "kosten": {"studiekosten": "veel"}}, "kosten.studiekosten", "getal"),
        ({**KAAG, "in_pop": "ja"}, "in_pop", "true of false"),
        ({**KAAG, "doel": "hobby"}, "doel", "geen toegestane waarde"),
        ({**KAAG, "peildatum": "2020-12-31"}, "peildatum", "geen regeling van kaag-en-braassem"),
        ({**KAAG, "kosten_totaal": 5}, "kosten_totaal", "onbekende sleutel"),
        (
            {**KAAG, "vertrek": {"moment": "na_afronding", "maanden_na_afronding": 18.5}},
            "vertrek.maanden_na_afronding",
            "moet een heel aantal maanden zijn, zoals 12 of 13 (niet 18,5)",
        ),
    ],
)
def test_bad_input_names_the_field_and_exits_2(
    invoer: dict[str, object], veld: str, melding: str
) -> None:
    uit = opleidingsbot("quote", "--json", invoer=json.dumps(invoer))
    assert uit.returncode == 2
    assert f"'{veld}'" in uit.stderr
    assert melding in uit.stderr
    assert "Traceback" not in uit.stderr
    assert uit.stdout == ""


@pytest.mark.parametrize(
    ("invoer", "melding"),
    [("", "geen invoer"), ("{niet json", "geen geldige JSON"), ("[1, 2]", "JSON-object")],
)
def test_malformed_or_empty_stdin(invoer: str, melding: str) -> None:
    uit = opleidingsbot("quote", invoer=invoer)
    assert uit.returncode == 2
    assert melding in uit.stderr
    assert "Traceback" not in uit.stderr


def test_rules_check_command() -> None:
    uit = opleidingsbot("rules", "check")
    assert uit.returncode == 0, uit.stderr
    assert "Alles in orde." in uit.stdout
