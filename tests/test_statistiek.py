"""HR's statistics: weekly counts, top lists, the text table, the PNG chart and the command."""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from opleidingsbot.bot.grafiek import weekgrafiek
from opleidingsbot.bot.opslag.database import Database, open_database
from opleidingsbot.bot.opslag.gesprekken import Gebeurtenissen
from opleidingsbot.bot.opslag.wachtrij import Soort, Wachtrij
from opleidingsbot.bot.statistiek import (
    Telling,
    Week,
    als_bericht,
    als_tabel,
    top_onbeantwoord,
    top_onderwerpen,
    weekcijfers,
)
from opleidingsbot.knowledge.matcher import Uitkomst
from tests.conftest import opleidingsbot

PNG = b"\x89PNG\r\n\x1a\n"


def t(maand: int, dag: int, uur: int = 10, minuut: int = 0, seconde: int = 0) -> dt.datetime:
    return dt.datetime(2026, maand, dag, uur, minuut, seconde, tzinfo=dt.UTC)


NU = t(5, 20, 12)
"""Wednesday of ISO week 21 (18-24 May 2026)."""

GEBEURTENISSEN: list[tuple[dt.datetime, str, str | None, str | None]] = [
    # week 16: before the five weeks asked for
    *[(t(4, 14), "vraag-antwoord", "haarlem", "studieverlof")] * 5,
    # week 17: nothing
    # week 18
    (t(4, 28), "vraag-antwoord", "haarlem", "studieverlof"),
    (t(4, 29), "vraag-antwoord", "haarlem", "studieverlof"),
    (t(4, 29), "vraag-onbekend", "haarlem", None),
    (t(4, 30), "intake-start", "haarlem", None),
    (t(4, 30), "intake-afgebroken", "haarlem", "opleiding"),
    (t(5, 3, 23, 59, 59), "vraag-antwoord", "utrecht", "studiekosten"),
    # week 19: nothing
    # week 20
    (t(5, 11, 0, 0, 0), "vraag-antwoord", "haarlem", "studiekosten"),
    (t(5, 12), "vraag-suggesties", "haarlem", None),
    (t(5, 12), "vraag-suggesties", "haarlem", None),
    (t(5, 12), "geen-van-deze", "haarlem", None),
    (t(5, 13), "intake-start", "haarlem", None),
    (t(5, 13), "intake-klaar", "haarlem", None),
    (t(5, 13), "concept", "haarlem", None),
    (t(5, 14), "intake-start", "haarlem", None),
    (t(5, 14), "intake-afgebroken", "haarlem", "kosten"),
    (t(5, 15), "vraag-onbekend", None, None),
    (t(5, 17, 23, 59, 59), "vraag-antwoord", "haarlem", "studieverlof"),
    # week 21
    (t(5, 18, 0, 0, 0), "vraag-onbekend", "haarlem", None),
    (t(5, 18), "intake-start", "haarlem", None),
    (t(5, 18), "intake-afgebroken", "haarlem", None),
    *[(t(5, 19), "vraag-antwoord", "utrecht", "thuiswerken")] * 3,
    (t(5, 19), "intake-start", "utrecht", None),
    (t(5, 19), "intake-klaar", "utrecht", None),
    (t(5, 19), "concept", "utrecht", None),
    (t(5, 20, 11), "intake-afgebroken", "utrecht", "opleiding"),
]

ONBEANTWOORD: list[tuple[dt.datetime, str, str, Soort, str]] = [
    (t(4, 1), "haarlem", "Oude vraag van voor de periode?", "onbekend", "open"),
    (t(5, 12), "haarlem", "Mag ik thuis studeren?", "onbekend", "open"),
    (t(5, 13), "haarlem", "mag ik THUIS studeren", "geen-van-deze", "open"),
    (t(5, 14), "haarlem", "Wie betaalt mijn boeken?", "onbekend", "open"),
    (t(5, 15), "haarlem", "Wie betaalt  mijn boeken", "onbekend", "open"),
    (t(5, 16), "haarlem", "Krijg ik vrij voor een examen?", "onbekend", "verwerkt"),
    (t(5, 18), "haarlem", "Zijn er e-learnings?", "onbekend", "open"),
    (t(5, 19), "haarlem", "Mag ik thuis stúderen!!", "onbekend", "open"),
    (t(5, 19), "utrecht", "Mag ik thuis studeren?", "onbekend", "open"),
]


def vul(db: Database) -> None:
    gebeurtenissen = Gebeurtenissen(db)
    for tijd, soort, gemeente, detail in GEBEURTENISSEN:
        gebeurtenissen.tel(soort, gemeente, detail, tijd)
    wachtrij = Wachtrij(db)
    for tijd, gemeente, vraag, soort, status in ONBEANTWOORD:
        id_ = wachtrij.bewaar(gemeente, Uitkomst("onbekend", vraag), soort, tijd)
        db.execute("UPDATE onbeantwoord SET status = ? WHERE id = ?", (status, id_))


@pytest.fixture
def db(open_opslag: Callable[[], Database]) -> Database:
    """The filled store, on SQLite and on PostgreSQL."""
    verbinding = open_opslag()
    vul(verbinding)
    return verbinding


def leeg(jaar: int, nummer: int, begin: dt.date) -> Week:
    return Week(jaar, nummer, begin)


WEEK17 = leeg(2026, 17, dt.date(2026, 4, 20))
WEEK19 = leeg(2026, 19, dt.date(2026, 5, 4))


def test_all_employers_per_week_with_empty_weeks(db: Database) -> None:
    assert weekcijfers(db, weken=5, nu=NU) == [
        WEEK17,
        Week(
            2026, 18, dt.date(2026, 4, 27),
            beantwoord=3, onbekend=1, intakes_gestart=1, intakes_afgebroken=1,
            afgebroken_per_stap={"opleiding": 1},
        ),
        WEEK19,
        Week(
            2026, 20, dt.date(2026, 5, 11),
            beantwoord=2, gesuggereerd=2, onbekend=1, geen_van_deze=1,
            intakes_gestart=2, intakes_klaar=1, intakes_afgebroken=1,
            afgebroken_per_stap={"kosten": 1}, concepten=1,
        ),
        Week(
            2026, 21, dt.date(2026, 5, 18),
            beantwoord=3, onbekend=1, intakes_gestart=2, intakes_klaar=1,
            intakes_afgebroken=2, afgebroken_per_stap={"(onbekend)": 1, "opleiding": 1},
            concepten=1,
        ),
    ]  # fmt: skip


def test_vragen_is_answered_plus_suggested_plus_unknown(db: Database) -> None:
    assert [w.vragen for w in weekcijfers(db, weken=5, nu=NU)] == [0, 4, 0, 5, 4]


def test_one_employer(db: Database) -> None:
    assert weekcijfers(db, gemeente="haarlem", weken=5, nu=NU) == [
        WEEK17,
        Week(
            2026, 18, dt.date(2026, 4, 27),
            beantwoord=2, onbekend=1, intakes_gestart=1, intakes_afgebroken=1,
            afgebroken_per_stap={"opleiding": 1},
        ),
        WEEK19,
        Week(
            2026, 20, dt.date(2026, 5, 11),
            beantwoord=2, gesuggereerd=2, geen_van_deze=1, intakes_gestart=2,
            intakes_klaar=1, intakes_afgebroken=1, afgebroken_per_stap={"kosten": 1},
            concepten=1,
        ),
        Week(
            2026, 21, dt.date(2026, 5, 18),
            onbekend=1, intakes_gestart=1, intakes_afgebroken=1,
            afgebroken_per_stap={"(onbekend)": 1},
        ),
    ]  # fmt: skip
    utrecht = weekcijfers(db, gemeente="utrecht", weken=5, nu=NU)
    assert [(w.nummer, w.beantwoord, w.intakes_klaar, w.concepten) for w in utrecht] == [
        (17, 0, 0, 0),
        (18, 1, 0, 0),
        (19, 0, 0, 0),
        (20, 0, 0, 0),
        (21, 3, 1, 1),
    ]
    assert all(w == Week(w.jaar, w.nummer, w.begin) for w in weekcijfers(db, gemeente="ede"))


def test_week_count_and_boundaries(db: Database) -> None:
    [week21] = weekcijfers(db, weken=1, nu=NU)
    assert (week21.iso, week21.label, week21.vragen) == ("2026-W21", "wk 21", 4)
    # The first moment of week 22 still counts week 21 in full and nothing after it.
    volgende = weekcijfers(db, weken=2, nu=t(5, 25, 0, 0, 0))
    assert [(w.nummer, w.vragen) for w in volgende] == [(21, 4), (22, 0)]
    # A naive "now" is taken as UTC; another zone is converted.
    amsterdam = dt.timezone(dt.timedelta(hours=2))
    assert weekcijfers(db, weken=5, nu=dt.datetime(2026, 5, 20, 12)) == weekcijfers(
        db, weken=5, nu=NU
    )
    [week20] = weekcijfers(db, weken=1, nu=dt.datetime(2026, 5, 18, 1, tzinfo=amsterdam))
    assert week20.nummer == 20
    with pytest.raises(ValueError):
        weekcijfers(db, weken=0, nu=NU)


def test_weeks_across_new_year(open_opslag: Callable[[], Database]) -> None:
    nu = dt.datetime(2027, 1, 6, tzinfo=dt.UTC)
    weken = weekcijfers(open_opslag(), weken=3, nu=nu)
    assert [w.iso for w in weken] == ["2026-W52", "2026-W53", "2027-W01"]
    assert [w.begin for w in weken] == [
        dt.date(2026, 12, 21),
        dt.date(2026, 12, 28),
        dt.date(2027, 1, 4),
    ]


def test_top_topics(db: Database) -> None:
    sinds = t(4, 20, 0)
    assert top_onderwerpen(db, None, sinds) == [
        Telling("studieverlof", 3),
        Telling("thuiswerken", 3),
        Telling("studiekosten", 2),
    ]
    assert top_onderwerpen(db, None, sinds, n=1) == [Telling("studieverlof", 3)]
    assert top_onderwerpen(db, "haarlem", sinds) == [
        Telling("studieverlof", 3),
        Telling("studiekosten", 1),
    ]
    # sinds is inclusive: the answer at 00:00:00 on 11 May counts.
    assert top_onderwerpen(db, None, t(5, 11, 0)) == [
        Telling("thuiswerken", 3),
        Telling("studiekosten", 1),
        Telling("studieverlof", 1),
    ]
    assert top_onderwerpen(db, "ede", sinds) == []


def test_top_unanswered_groups_identical_questions(db: Database) -> None:
    sinds = t(4, 20, 0)
    assert top_onbeantwoord(db, None, sinds) == [
        Telling("Mag ik thuis studeren?", 4),
        Telling("Wie betaalt mijn boeken?", 2),
        Telling("Zijn er e-learnings?", 1),
    ]
    assert top_onbeantwoord(db, "haarlem", sinds, n=2) == [
        Telling("Mag ik thuis studeren?", 3),
        Telling("Wie betaalt mijn boeken?", 2),
    ]
    assert top_onbeantwoord(db, "haarlem", t(5, 18, 0)) == [
        Telling("Mag ik thuis stúderen!!", 1),
        Telling("Zijn er e-learnings?", 1),
    ]
    assert top_onbeantwoord(db, "utrecht", t(5, 20, 0)) == []


def test_table_has_every_figure(db: Database) -> None:
    weken = weekcijfers(db, weken=5, nu=NU)
    sinds = dt.datetime.combine(weken[0].begin, dt.time(), dt.UTC)
    tabel = als_tabel(weken, top_onderwerpen(db, None, sinds), top_onbeantwoord(db, None, sinds))
    regels = tabel.splitlines()
    assert regels[0].split() == [
        "Week", "Vragen", "Beantwoord", "Suggesties", "Onbekend", "Geen", "v.d.",
        "Intakes", "Klaar", "Gestopt", "Concepten",
    ]  # fmt: skip
    rijen = {r.split()[0]: r.split()[1:] for r in regels if r[:4] in ("2026", "Tota")}
    assert rijen == {
        "2026-W17": ["0"] * 9,
        "2026-W18": ["4", "3", "0", "1", "0", "1", "0", "1", "0"],
        "2026-W19": ["0"] * 9,
        "2026-W20": ["5", "2", "2", "1", "1", "2", "1", "1", "1"],
        "2026-W21": ["4", "3", "0", "1", "0", "2", "1", "2", "1"],
        "Totaal": ["13", "8", "2", "3", "1", "5", "2", "4", "2"],
    }
    # Right-aligned columns: every table row is as wide as the header.
    assert len({len(r) for r in regels[:8]}) == 1
    for regel in [
        "Intake gestopt bij:",
        "- opleiding (2)",
        "- kosten (1)",
        "- (onbekend) (1)",
        "1. studieverlof (3)",
        "2. thuiswerken (3)",
        "3. studiekosten (2)",
        "1. Mag ik thuis studeren? (4)",
        "2. Wie betaalt mijn boeken? (2)",
    ]:
        assert regel in regels


def test_chat_message_is_narrow(db: Database) -> None:
    weken = weekcijfers(db, weken=5, nu=NU)
    lang = Telling("Mag ik mijn opleiding volgen in de tijd van de baas als ik parttime werk?", 2)
    bericht = als_bericht(weken, top_onderwerpen(db, None, t(1, 1)), [lang])
    regels = bericht.splitlines()
    assert max(len(r) for r in regels) <= 40
    for regel in ["Vragen: 13", "- beantwoord: 8", "- met suggesties: 2", "- onbekend: 3",
                  "Geen van deze: 1", "Intakes gestart: 5", "- klaar: 2", "- gestopt: 4",
                  "Concepten: 2", "- opleiding (2)"]:  # fmt: skip
        assert regel in regels
    assert [r.split() for r in regels if r.startswith("wk 2")] == [
        ["wk", "20", "5", "2", "1"],
        ["wk", "21", "4", "3", "1"],
    ]
    assert any(r.startswith("1. Mag ik mijn opleiding") and r.endswith("… (2)") for r in regels)


def test_empty_store(open_opslag: Callable[[], Database]) -> None:
    weken = weekcijfers(open_opslag(), nu=NU)
    assert len(weken) == 8 and all(w.vragen == 0 for w in weken)
    assert [w.begin for w in weken] == [
        dt.date(2026, 5, 18) - dt.timedelta(weeks=7 - i) for i in range(8)
    ]
    tabel = als_tabel(weken, [], [])
    assert "Meest gevraagde onderwerpen:\n- nog geen" in tabel
    assert weekgrafiek(weken, "Leeg").startswith(PNG)


def test_chart_is_a_png_of_800_by_400(db: Database) -> None:
    png = weekgrafiek(weekcijfers(db, weken=8, nu=NU), "Alle gemeenten, wk 14 t/m wk 21")
    assert png.startswith(PNG)
    assert len(png) > 10_000
    assert png[12:16] == b"IHDR"
    assert struct.unpack(">II", png[16:24]) == (800, 400)


def test_command_without_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPLEIDINGSBOT_DATA_MAP", str(tmp_path / "data"))
    uitvoer = opleidingsbot("stats")
    assert uitvoer.returncode == 0, uitvoer.stderr
    assert "nog geen gegevens" in uitvoer.stdout.lower()
    assert not (tmp_path / "data" / "opleidingsbot.sqlite3").exists()


def test_command_prints_table_and_writes_chart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPLEIDINGSBOT_DATA_MAP", str(tmp_path))
    db = open_database(tmp_path / "opleidingsbot.sqlite3")
    nu = dt.datetime.now(dt.UTC)
    gebeurtenissen = Gebeurtenissen(db)
    for soort, gemeente, detail in [
        ("vraag-antwoord", "haarlem", "studieverlof"),
        ("vraag-antwoord", "haarlem", "studieverlof"),
        ("vraag-onbekend", "haarlem", None),
        ("intake-start", "haarlem", None),
        ("intake-klaar", "haarlem", None),
        ("vraag-antwoord", "utrecht", "thuiswerken"),
    ]:
        gebeurtenissen.tel(soort, gemeente, detail, nu)
    Wachtrij(db).bewaar("haarlem", Uitkomst("onbekend", "Mag ik thuis studeren?"), "onbekend", nu)
    db.close()

    png = tmp_path / "grafieken" / "week.png"
    uitvoer = opleidingsbot("stats", "--gemeente", "haarlem", "--weken", "3", "--png", str(png))
    assert uitvoer.returncode == 0, uitvoer.stderr
    regels = uitvoer.stdout.splitlines()
    assert regels[0].startswith("Opleidingsbot, haarlem: wk ")
    assert len([r for r in regels if r.startswith(f"{nu.year}-W") or r[:4].isdigit()]) == 3
    [totaal] = [r.split()[1:] for r in regels if r.startswith("Totaal")]
    assert totaal == ["3", "2", "0", "1", "0", "1", "1", "0", "0"]
    assert "1. studieverlof (2)" in regels
    assert "1. Mag ik thuis studeren? (1)" in regels
    assert png.read_bytes().startswith(PNG)
    assert f"Grafiek opgeslagen in {png}" in regels

    alle = opleidingsbot("stats")
    assert alle.returncode == 0, alle.stderr
    [totaal] = [r.split()[1:] for r in alle.stdout.splitlines() if r.startswith("Totaal")]
    assert totaal[:2] == ["4", "3"]


def test_command_refuses_zero_weeks() -> None:
    uitvoer = opleidingsbot("stats", "--weken", "0")
    assert uitvoer.returncode == 2
    assert "1 tot en met 520" in uitvoer.stderr


@pytest.mark.parametrize("opdracht", [["stats"], ["vragen"], ["vragen", "export", "x.csv"]])
def test_unknown_employer_is_an_error(opdracht: list[str], tmp_path: Path) -> None:
    uitvoer = opleidingsbot(*opdracht, "--gemeente", "amsterdam")
    assert uitvoer.returncode == 2
    assert "onbekend: 'amsterdam'" in uitvoer.stderr and "haarlem" in uitvoer.stderr
    assert uitvoer.stdout == ""
