"""HR's console: in a real browser (headless Chromium over real HTTP) and at the HTTP level."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from opleidingsbot.bot.console.app import maak_app
from opleidingsbot.bot.console.basis import ConsoleDiensten
from opleidingsbot.bot.console.toegang import Links
from opleidingsbot.bot.opslag.database import open_database
from opleidingsbot.bot.opslag.gesprekken import Gebeurtenissen
from opleidingsbot.bot.opslag.wachtrij import Wachtrij
from opleidingsbot.knowledge.faq import laad_faq
from opleidingsbot.knowledge.levend import LevendeMatcher
from opleidingsbot.knowledge.store import FaqStore
from opleidingsbot.rules import Regelboek
from tests.chatdriver import GEMEENTEN, Gebruiker, Klok, bouw
from tests.fakes.botapi import vrije_poort

ONBEKEND = "wordt mijn parkeervergunning bij de hogeschool betaald"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCHERMEN = Path(os.environ.get("OPLEIDINGSBOT_SCHERMEN", "/tmp/opleidingsbot-schermen"))


@dataclass
class Omgeving:
    map_: Path
    console: ConsoleDiensten
    werknemer: Gebruiker

    def link(self, gemeenten: frozenset[str] | None = None) -> str:
        return "/aanmelden?token=" + self.console.links.maak("console:anna", gemeenten)

    def faq_id(self, tekst: str) -> str:
        for bestand in laad_faq(self.map_ / "faq").bestanden.values():
            for vraag in bestand.vragen:
                if vraag.vraag == tekst:
                    return vraag.id
        raise KeyError(tekst)


def console_op(map_: Path, klok: Callable[[], dt.datetime]) -> ConsoleDiensten:
    """The console on the bot's FAQ folder and database, as ``bouw_console`` makes it."""
    store = FaqStore(map_ / "faq")
    verbinding = open_database(map_ / "db.sqlite3")
    return ConsoleDiensten(
        store=store,
        matcher=LevendeMatcher(store),
        wachtrij=Wachtrij(verbinding),
        gebeurtenissen=Gebeurtenissen(verbinding),
        klok=klok,
        gemeenten=dict(GEMEENTEN),
        links=Links("geheim-voor-de-test"),
        geheim="geheim-voor-de-test",
    )


@pytest.fixture
def omgeving(tmp_path: Path, regelboek: Regelboek) -> Omgeving:
    # the bot on a copy of the FAQ that HR may change; a question it cannot answer
    gesprek = bouw(tmp_path, regelboek, Klok(), "haarlem", hr=frozenset({"hr:niemand"}))
    werknemer = Gebruiker(gesprek, "telegram:41")
    werknemer.zeg("/start")
    werknemer.zeg(ONBEKEND)
    assert "weet ik niet" in werknemer.tekst()
    console = console_op(tmp_path, gesprek.d.klok)
    return Omgeving(tmp_path, console, werknemer)


@contextlib.contextmanager
def serveer(console: ConsoleDiensten, root_path: str = "") -> Iterator[str]:
    """The console over real HTTP on 127.0.0.1, as ``opleidingsbot console`` serves it."""
    poort = vrije_poort()
    config = uvicorn.Config(
        maak_app(console), host="127.0.0.1", port=poort, log_level="warning", root_path=root_path
    )
    uvi = uvicorn.Server(config)
    draad = threading.Thread(target=uvi.run, daemon=True)
    draad.start()
    for _ in range(200):
        if uvi.started:
            break
        time.sleep(0.05)
    assert uvi.started
    try:
        yield f"http://127.0.0.1:{poort}"
    finally:
        uvi.should_exit = True
        draad.join(timeout=10)


@pytest.fixture
def server(omgeving: Omgeving) -> Iterator[str]:
    with serveer(omgeving.console) as adres:
        yield adres


@pytest.fixture
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium ontbreekt: .ci/run installeert het (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


def test_hr_signs_in_with_a_link_and_turns_a_queued_question_into_a_phrasing(
    omgeving: Omgeving, server: str, browser: object
) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    pagina = browser.new_page()
    pagina.goto(server + omgeving.link())
    expect(pagina.get_by_role("heading", name="Vragen zonder antwoord")).to_be_visible()
    rij = pagina.get_by_role("row").filter(has_text=ONBEKEND)
    expect(rij).to_contain_text("1×")
    SCHERMEN.mkdir(parents=True, exist_ok=True)
    pagina.screenshot(path=SCHERMEN / "console-vragen.png", full_page=True)

    doel = "Krijg ik reiskosten voor mijn opleiding vergoed?"
    rij.get_by_label("Hoort bij").select_option(omgeving.faq_id(doel))
    rij.get_by_role("button", name="Voeg toe als formulering").click()
    expect(pagina.get_by_role("status")).to_contain_text("Opgeslagen")
    expect(pagina.get_by_text(ONBEKEND)).to_have_count(1)  # only in the message, not the table
    expect(pagina.get_by_role("row").filter(has_text=ONBEKEND)).to_have_count(0)

    # the next employee who asks it gets the entry's answer, from the bot that runs
    omgeving.werknemer.zeg(ONBEKEND)
    assert f"Antwoord op de vraag: {doel}" in omgeving.werknemer.tekst()
    wijziging = laad_faq(omgeving.map_ / "faq").vraag(omgeving.faq_id(doel))
    assert wijziging is not None and ONBEKEND in wijziging[0].varianten


def test_a_used_or_forged_link_is_refused_in_the_browser(
    omgeving: Omgeving, server: str, browser: object
) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    link = omgeving.link()
    eerste = browser.new_page()
    eerste.goto(server + link)
    expect(eerste.get_by_role("heading", name="Vragen zonder antwoord")).to_be_visible()
    tweede = browser.new_context().new_page()  # another browser, the same link
    antwoord = tweede.goto(server + link)
    assert antwoord is not None and antwoord.status == 403
    expect(tweede.get_by_role("alert")).to_contain_text("al gebruikt")
    vals = tweede.goto(server + link[:-3] + "abc")
    assert vals is not None and vals.status == 403
    expect(tweede.get_by_role("alert")).to_contain_text("klopt niet")
    tweede.goto(server + "/vragen")  # without a session: back to how to sign in
    expect(tweede.get_by_role("heading", name="Inloggen")).to_be_visible()


def test_an_expired_link_is_refused(
    omgeving: Omgeving, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = omgeving.link()
    later = time.time() + 11 * 60
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: later)
    with httpx.Client(base_url=server) as client:
        antwoord = client.get(link)
    assert antwoord.status_code == 403 and "verlopen" in antwoord.text


def _formulier(html: str, actie: str) -> dict[str, str]:
    gevonden = re.search(rf'action="/vragen/{actie}".*?</form>', html, re.S)
    assert gevonden, html
    velden = re.findall(r'name="(\w+)" value="([^"]*)"', gevonden.group(0))
    return dict(velden)


def test_hr_of_another_employer_sees_nothing_and_changes_nothing(
    omgeving: Omgeving, server: str
) -> None:
    with httpx.Client(base_url=server, follow_redirects=True) as haarlem:
        haarlem.get(omgeving.link(frozenset({"haarlem"})))
        velden = _formulier(haarlem.get("/vragen").text, "afwijzen")
    with httpx.Client(base_url=server, follow_redirects=True) as capelle:
        capelle.get(omgeving.link(frozenset({"capelle-aan-den-ijssel"})))
        lijst = capelle.get("/vragen")
        assert ONBEKEND not in lijst.text
        assert capelle.get("/vragen?gemeente=haarlem").status_code == 403
        # haarlem's form, posted with capelle's own session token: refused
        eigen = re.search(r'name="csrf" value="([^"]+)"', lijst.text)
        assert eigen
        capelle.post("/vragen/afwijzen", data={**velden, "csrf": eigen.group(1)})
    assert [v.vraag for v in omgeving.console.wachtrij.open_vragen("haarlem")] == [ONBEKEND]


def test_a_form_without_the_sessions_token_changes_nothing(
    omgeving: Omgeving, server: str
) -> None:
    with httpx.Client(base_url=server, follow_redirects=True) as client:
        client.get(omgeving.link())
        velden = _formulier(client.get("/vragen").text, "afwijzen")
        antwoord = client.post("/vragen/afwijzen", data={**velden, "csrf": "vals"})
    assert "verlopen" in antwoord.text
    assert [v.vraag for v in omgeving.console.wachtrij.open_vragen("haarlem")] == [ONBEKEND]


def test_every_page_sends_its_security_headers(server: str) -> None:
    antwoord = httpx.get(server + "/")
    assert "default-src 'self'" in antwoord.headers["content-security-policy"]
    assert antwoord.headers["referrer-policy"] == "no-referrer"


def test_the_console_key_file_is_made_once_and_private(tmp_path: Path) -> None:
    from opleidingsbot.bot.console.toegang import sleutel

    eerste = sleutel(tmp_path)
    assert sleutel(tmp_path) == eerste and len(eerste) >= 32
    assert (tmp_path / "console.key").stat().st_mode & 0o077 == 0
    assert sleutel(tmp_path, "gezet") == "gezet"


def test_the_operators_link_signs_in_to_the_console_of_the_same_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opleidingsbot.bot.instellingen import Instellingen
    from opleidingsbot.bot.opbouw import bouw_console
    from tests.conftest import opleidingsbot

    monkeypatch.setenv("OPLEIDINGSBOT_DATA_MAP", str(tmp_path))
    monkeypatch.setenv("OPLEIDINGSBOT_CONSOLE_URL", "https://intranet/hr/")
    uit = opleidingsbot("console", "--link", "--gemeente", "haarlem", "--naam", "anna")
    assert uit.returncode == 0, uit.stderr
    assert uit.stdout.startswith("https://intranet/hr/aanmelden?token=")
    token = uit.stdout.strip().split("token=", 1)[1]
    beheerder = bouw_console(Instellingen()).links.gebruik(token)
    assert beheerder.wie == "console:anna" and beheerder.gemeenten == frozenset({"haarlem"})
    fout = opleidingsbot("console", "--link", "--gemeente", "nergens")
    assert fout.returncode == 2 and "nergens" in fout.stderr


def test_hr_tests_a_question_previews_an_edit_and_saves_it(
    omgeving: Omgeving, server: str, browser: object
) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    pagina = browser.new_page()
    pagina.goto(server + omgeving.link(frozenset({"haarlem"})))
    pagina.get_by_role("link", name="FAQ").click()
    pagina.get_by_label("Test een vraag").fill("krijg ik mijn reiskosten vergoed")
    pagina.get_by_role("button", name="Wat zegt de bot?").click()
    doel = "Krijg ik reiskosten voor mijn opleiding vergoed?"
    expect(pagina.locator(".test .chat")).to_contain_text(f"Antwoord op de vraag: {doel}")
    pagina.get_by_role("link", name="Bekijk of wijzig deze vraag").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text(doel)

    lang = (
        "Je krijgt je reiskosten voor je opleiding vergoed als je met het openbaar vervoer "
        "reist en je leidinggevende daar vooraf akkoord op heeft gegeven."
    )
    pagina.get_by_label("Antwoord (kort").fill(lang)
    pagina.get_by_role("button", name="Bekijk").click()
    expect(pagina.locator("#voorbeeld")).to_contain_text(lang)
    expect(pagina.locator(".b1")).to_contain_text("Lange zin")
    assert lang not in laad_faq(omgeving.map_ / "faq").vraag(omgeving.faq_id(doel))[0].antwoord  # type: ignore[index]

    kort = "Ja, met het openbaar vervoer. Vraag het eerst aan je leidinggevende."
    pagina.get_by_label("Antwoord (kort").fill(kort)
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_role("status")).to_contain_text("Opgeslagen")
    SCHERMEN.mkdir(parents=True, exist_ok=True)
    pagina.screenshot(path=SCHERMEN / "console-faq.png", full_page=True)
    omgeving.werknemer.zeg("krijg ik mijn reiskosten vergoed")
    assert kort in omgeving.werknemer.tekst()


def test_a_save_on_a_version_someone_else_changed_is_refused_side_by_side(
    omgeving: Omgeving, server: str, browser: object
) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    doel = "Krijg ik reiskosten voor mijn opleiding vergoed?"
    id_ = omgeving.faq_id(doel)
    pagina = browser.new_page()
    pagina.goto(server + omgeving.link())
    pagina.goto(f"{server}/faq/{id_}")
    # meanwhile a colleague changes the answer from the command line
    store = FaqStore(omgeving.map_ / "faq")
    gevonden = store.faq().vraag(id_)
    assert gevonden is not None
    ander = gevonden[0].model_copy(update={"antwoord": "Het antwoord van een collega."})
    store.wijzig(ander, store.versie(gevonden[0]), door="cli:piet")

    pagina.get_by_label("Antwoord (kort").fill("Mijn eigen nieuwe antwoord.")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_role("alert")).to_contain_text("iemand anders")
    expect(pagina.locator(".naast").first).to_contain_text("Het antwoord van een collega.")
    expect(pagina.locator(".naast").first).to_contain_text("Mijn eigen nieuwe antwoord.")
    assert store.faq().vraag(id_)[0].antwoord == "Het antwoord van een collega."  # type: ignore[index]


def test_history_shows_each_change_as_a_diff_and_restores_a_version(
    omgeving: Omgeving, server: str, browser: object
) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    doel = "Krijg ik reiskosten voor mijn opleiding vergoed?"
    id_ = omgeving.faq_id(doel)
    store = FaqStore(omgeving.map_ / "faq")
    origineel = store.faq().vraag(id_)[0]  # type: ignore[index]
    for tekst in ("Ja, je krijgt 50% terug.", "Ja, je krijgt 100% terug."):
        huidig = store.faq().vraag(id_)[0]  # type: ignore[index]
        nieuw = huidig.model_copy(update={"antwoord": tekst})
        store.wijzig(nieuw, store.versie(huidig), door="cli:piet")

    pagina = browser.new_page()
    pagina.goto(server + omgeving.link())
    pagina.goto(f"{server}/faq/{id_}/geschiedenis")
    laatste = pagina.locator(".geschiedenis > li").first
    expect(laatste).to_contain_text("Wijziging 2")
    expect(laatste).to_contain_text("cli:piet")
    expect(laatste.locator("del")).to_have_text("50%")
    expect(laatste.locator("ins")).to_have_text("100%")
    SCHERMEN.mkdir(parents=True, exist_ok=True)
    pagina.screenshot(path=SCHERMEN / "console-geschiedenis.png", full_page=True)

    pagina.get_by_role("button", name="Zet terug zoals vóór wijziging 1").click()
    expect(pagina.get_by_role("status")).to_contain_text("Teruggezet")
    assert store.faq().vraag(id_)[0].antwoord == origineel.antwoord  # type: ignore[index]
    expect(pagina.locator(".geschiedenis > li").first).to_contain_text("console:anna")
    omgeving.werknemer.zeg("krijg ik mijn reiskosten vergoed")
    assert origineel.antwoord in omgeving.werknemer.tekst()


def test_the_figures_page_counts_the_scripted_run(
    omgeving: Omgeving, server: str, browser: object
) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    omgeving.werknemer.zeg("krijg ik mijn reiskosten vergoed")  # answered; the fixture's was not
    pagina = browser.new_page()
    pagina.goto(server + omgeving.link(frozenset({"haarlem"})))
    pagina.get_by_role("link", name="Cijfers").click()
    totaal = pagina.locator("tfoot tr")
    kolommen = pagina.locator("thead th").all_inner_texts()
    waarden = dict(zip(kolommen[1:], totaal.locator("td").all_inner_texts(), strict=True))
    assert waarden["Vragen"] == "2" and waarden["Beantwoord"] == "1" and waarden["Onbekend"] == "1"
    expect(pagina.get_by_text(ONBEKEND)).to_be_visible()  # among the open questions
    # the chart comes from the app itself (matplotlib's first chart takes a moment)
    pagina.wait_for_function("() => document.querySelector('img').naturalWidth > 0")
    SCHERMEN.mkdir(parents=True, exist_ok=True)
    pagina.screenshot(path=SCHERMEN / "console-cijfers.png", full_page=True)
    assert pagina.goto(server + "/cijfers?gemeente=alle").status == 403  # type: ignore[union-attr]


def test_hr_gets_a_link_in_the_chat_for_their_own_employers_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opleidingsbot.bot import teksten as t
    from opleidingsbot.bot.dialoog.berichten import Tekst
    from opleidingsbot.bot.instellingen import Instellingen
    from opleidingsbot.bot.opbouw import bouw_console, bouw_gesprek

    monkeypatch.setenv("OPLEIDINGSBOT_DATA_MAP", str(tmp_path))
    monkeypatch.setenv("OPLEIDINGSBOT_HR_PER_GEMEENTE", "haarlem=77")
    gesprek = bouw_gesprek(Instellingen())
    antwoord = gesprek.verwerk("telegram:77", Tekst("/console"))[-1].tekst
    gevonden = re.search(r"/aanmelden\?token=(\S+)", antwoord)
    assert gevonden, antwoord
    beheerder = bouw_console(Instellingen()).links.gebruik(gevonden.group(1))
    assert beheerder.wie == "telegram:77" and beheerder.gemeenten == frozenset({"haarlem"})
    assert gesprek.verwerk("telegram:78", Tekst("/console"))[-1].tekst == t.ALLEEN_HR


def test_the_queue_filters_by_week_and_exports_without_live_formulas(
    omgeving: Omgeving, server: str
) -> None:
    formule = '=HYPERLINK("http://example.org","klik")'
    omgeving.werknemer.zeg(formule)
    with httpx.Client(base_url=server, follow_redirects=True) as client:
        client.get(omgeving.link())
        deze_week = client.get("/vragen", params={"week": "2026-W48"}).text
        vorige_week = client.get("/vragen", params={"week": "2026-W47"}).text
        csv_ = client.get("/vragen/export", params={"soort": "csv", "week": "2026-W48"})
        xlsx = client.get("/vragen/export", params={"soort": "xlsx"})
    assert ONBEKEND in deze_week and ONBEKEND not in vorige_week
    tekst = csv_.content.decode("utf-8-sig")
    assert csv_.headers["content-disposition"].endswith('vragen-2026-W48.csv"')
    assert ONBEKEND in tekst and "'=HYPERLINK" in tekst
    assert ";=HYPERLINK" not in tekst and '"=HYPERLINK' not in tekst
    assert xlsx.content[:2] == b"PK"  # a real workbook (a zip)


def test_a_queued_question_becomes_a_new_entry_the_bot_then_answers(
    omgeving: Omgeving, server: str, browser: object
) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    pagina = browser.new_page()
    pagina.goto(server + omgeving.link(frozenset({"haarlem"})))
    pagina.get_by_role("link", name="Maak er een nieuwe vraag van").click()
    expect(pagina.get_by_label("De vraag")).to_have_value(ONBEKEND)
    antwoord = "Nee. Parkeren bij je opleiding betaal je zelf. Vraag HR als je twijfelt."
    pagina.get_by_label("Het antwoord").fill(antwoord)
    pagina.get_by_label("Waar staat het?").select_option(index=1)
    pagina.get_by_label("Het artikel").fill("§ 3.1")
    pagina.get_by_label("andere manieren").fill("parkeren bij de hogeschool\nparkeerkosten")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_role("alert")).to_contain_text("minstens 4")  # nothing saved yet
    expect(pagina.get_by_label("Het antwoord")).to_have_value(antwoord)  # nothing lost
    pagina.get_by_label("andere manieren").fill(
        "parkeren bij de hogeschool\nparkeerkosten opleiding\n"
        "parkeergeld bij mijn studie\nbetaalt de gemeente mijn parkeerplaats bij school"
    )
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_role("status")).to_contain_text("Opgeslagen")
    expect(pagina.get_by_role("heading", level=1)).to_have_text(ONBEKEND)
    assert omgeving.console.wachtrij.open_vragen("haarlem") == []
    omgeving.werknemer.zeg(ONBEKEND)
    assert antwoord in omgeving.werknemer.tekst()

    pagina.get_by_role("button", name="Zet uit").click()
    expect(pagina.get_by_role("status")).to_contain_text("Staat uit")
    omgeving.werknemer.zeg(ONBEKEND)
    assert antwoord not in omgeving.werknemer.tekst()


def test_behind_a_proxy_on_a_sub_path_every_link_and_form_keeps_the_prefix(
    omgeving: Omgeving,
) -> None:
    # the proxy passes https://intranet/hr/... on as /... (prefix stripped)
    with (
        serveer(omgeving.console, root_path="/hr") as adres,
        httpx.Client(base_url=adres) as client,
    ):
        aangemeld = client.get(omgeving.link())
        assert aangemeld.headers["location"] == "/hr/vragen"
        html = client.get("/vragen").text
    assert 'href="/hr/statisch/console.css"' in html
    acties = re.findall(r'action="([^"]+)"', html)
    assert acties and all(a.startswith("/hr/") for a in acties), acties


async def test_over_the_fake_bot_api_a_phrasing_added_in_the_console_is_answered(
    tmp_path: Path, regelboek: Regelboek
) -> None:
    from opleidingsbot.bot import teksten as t
    from tests.fakes import FakeBotApi
    from tests.telegramdriver import TelegramGebruiker, draaiende_bot

    gesprek = bouw(tmp_path, regelboek, Klok(), "haarlem", hr=frozenset({"hr:niemand"}))
    console = console_op(tmp_path, gesprek.d.klok)
    doel = "Krijg ik reiskosten voor mijn opleiding vergoed?"
    with FakeBotApi() as api, serveer(console) as adres:
        async with draaiende_bot(api, gesprek):
            jan = TelegramGebruiker(api, 501)
            await jan.zeg("/start", t.WAT_KAN_IK)
            await jan.zeg(ONBEKEND, "weet ik niet")
            async with httpx.AsyncClient(base_url=adres, follow_redirects=True) as hr:
                await hr.get("/aanmelden?token=" + console.links.maak("console:anna", None))
                velden = _formulier((await hr.get("/vragen")).text, "formulering")
                bestanden = console.store.faq().bestanden.values()
                ids = [v.id for b in bestanden for v in b.vragen if v.vraag == doel]
                velden["vraag_id"] = ids[0]
                opgeslagen = await hr.post("/vragen/formulering", data=velden)
                assert "Opgeslagen" in opgeslagen.text
            await jan.zeg(ONBEKEND, f"Antwoord op de vraag: {doel}")
