"""A new employer is a new data file: a made-up regeling loads and quotes with no code change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opleidingsbot.rules import laad_regelboek, maak_offerte
from opleidingsbot.rules.check import controleer
from opleidingsbot.rules.fouten import GeenRegelingOpDatum, RegelingFout
from opleidingsbot.rules.scenarios import intake_uit_data
from tests.conftest import FIXTURES


def test_made_up_regeling_quotes_without_code() -> None:
    regelboek = laad_regelboek(FIXTURES / "regelingen")
    intake = intake_uit_data(
        {
            "gemeente": "voorbeeldstad",
            "peildatum": "2024-05-01",
            "doel": "verplicht_voor_functie",
            "kosten": {"studiekosten": 1200, "reiskosten": 300},
            "vertrek": {"moment": "na_afronding", "maanden_na_afronding": 5},
        }
    )
    offerte = maak_offerte(intake, regelboek)
    assert offerte.vergoeding.percentage == 80
    assert offerte.vergoeding.bedrag == Decimal("1200.00")
    # pro rata over 12 months: 5 months after the end leaves 7 full months short
    assert offerte.terugbetaling.bedrag == Decimal("700.00")
    assert [s.rij for s in offerte.uitleg] == ["A", "T1", "W1"]
    assert {b.artikel for b in offerte.bronnen} == {"artikel 2", "artikel 4", "artikel 5"}


def test_made_up_regeling_passes_check() -> None:
    rapport = controleer(FIXTURES / "regelingen")
    assert rapport.in_orde, rapport.problemen


def test_validity_end_is_inclusive_and_nothing_falls_through() -> None:
    regelboek = laad_regelboek(FIXTURES / "regelingen")
    assert regelboek.kies("voorbeeldstad", dt.date(2025, 12, 31)).bestand.id.endswith("2024")
    with pytest.raises(GeenRegelingOpDatum, match="2026-01-01"):
        regelboek.kies("voorbeeldstad", dt.date(2026, 1, 1))


def test_broken_regeling_names_file_line_and_key() -> None:
    with pytest.raises(RegelingFout) as fout:
        laad_regelboek(FIXTURES / "kapot")
    problemen = fout.value.problemen
    assert any("fouten.yaml:14" in p and "leidinggevende_akoord" in p for p in problemen)
    assert any("fouten.yaml:19" in p and "'vakantie'" in p for p in problemen)
    assert any("fouten.yaml:20" in p and "<= 100" in p for p in problemen)
    assert any("fouten.yaml:21" in p and "'regelin'" in p for p in problemen)
    assert any("{onbekend_feit}" in p for p in problemen)


def test_check_finds_overlap_and_gap() -> None:
    rapport = controleer(FIXTURES / "overlap")
    tekst = "\n".join(rapport.problemen)
    assert "T1 (regeling 1) en T2 (regeling 2) passen allebei" in tekst
    assert "geen rij past bij totaal=999.99" in tekst
    assert "wordt door geen enkel scenario getest" in tekst


def test_yaml_syntax_error_and_duplicate_key(tmp_path) -> None:
    (tmp_path / "a.yaml").write_text("id: x\nid: y\n", encoding="utf-8")
    with pytest.raises(RegelingFout, match=r"a.yaml:2: sleutel 'id' staat er twee keer"):
        laad_regelboek(tmp_path)
    (tmp_path / "a.yaml").write_text("id: [x\n", encoding="utf-8")
    with pytest.raises(RegelingFout, match=r"a.yaml:2: YAML-fout"):
        laad_regelboek(tmp_path)
