"""``opleidingsbot faq add|edit|remove|restore``: HR changes one entry, safely.

An edit or removal names the version it was made on (``faq show`` prints it): if
someone changed the entry in the meantime, it is refused and the current entry shown.
A change that makes a phrasing clash with another entry is refused unless ``--toch``.
``edit --uit`` switches an entry off (employees no longer see it), ``--aan`` back on.
``restore`` puts an entry back as a change in ``faq history`` left it. Every change is
recorded in the history as made by ``cli:<user>``.
Exit codes: 0 done, 1 refused (stale, clash, invalid FAQ), 2 wrong input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from opleidingsbot.bot.cli.uitgang import Uitgang
from opleidingsbot.bot.instellingen import Instellingen
from opleidingsbot.bot.opslag.database import DatabaseFout
from opleidingsbot.knowledge.audit import AuditRegel
from opleidingsbot.knowledge.clashes import BotsingFout, botsingen
from opleidingsbot.knowledge.faq import Faq, FaqFout, FaqItem
from opleidingsbot.knowledge.store import (
    ONBEKEND,
    Controle,
    FaqStore,
    OnbekendFout,
    VerouderdFout,
    VerwijderdFout,
    versie_van,
)
from opleidingsbot.yamlload import YamlFout, laad_yaml, pydantic_problemen, vertaal_probleem

MAP_VARIABELE = "OPLEIDINGSBOT_FAQ_MAP"


def registreer(
    taken: argparse._SubParsersAction[argparse.ArgumentParser], algemeen: argparse.ArgumentParser
) -> None:
    """Add the editing tasks to ``faq``."""
    toch = argparse.ArgumentParser(add_help=False)
    toch.add_argument("--toch", action="store_true", help="ook opslaan als er een botsing is")
    erbij = taken.add_parser("add", parents=[algemeen, toch], help="een nieuwe vraag toevoegen")
    erbij.add_argument("--gemeente", required=True, help="bij deze werkgever (of algemeen)")
    erbij.add_argument("--bestand", type=Path, required=True, help="de vraag als YAML")
    erbij.set_defaults(uitvoeren=toevoegen_uitvoeren)
    wijzig = taken.add_parser("edit", parents=[algemeen, toch], help="een vraag wijzigen")
    wijzig.add_argument("id")
    wijzig.add_argument("--versie", help="de versie die 'faq show ID' liet zien")
    wijzig.add_argument("--bestand", type=Path, help="de hele vraag, zoals 'faq show ID --yaml'")
    wijzig.add_argument("--vraag", help="nieuwe vraag")
    wijzig.add_argument("--antwoord", help="nieuw antwoord")
    wijzig.add_argument("--wist-je-dat", help="nieuwe 'wist je dat' (leeg: weghalen)")
    wijzig.add_argument("--variant-erbij", action="append", default=[], help="extra formulering")
    wijzig.add_argument("--tags", help="nieuwe tags, met komma's ertussen")
    aan_uit = wijzig.add_mutually_exclusive_group()
    aan_uit.add_argument(
        "--uit", action="store_true", help="uitzetten: medewerkers zien de vraag niet meer"
    )
    aan_uit.add_argument("--aan", action="store_true", help="weer aanzetten")
    wijzig.set_defaults(uitvoeren=wijzigen_uitvoeren)
    weg = taken.add_parser("remove", parents=[algemeen], help="een vraag verwijderen")
    weg.add_argument("id")
    weg.add_argument("--versie", help="de versie die 'faq show ID' liet zien")
    weg.set_defaults(uitvoeren=verwijderen_uitvoeren)
    terug = taken.add_parser(
        "restore", parents=[algemeen, toch], help="een vraag terugzetten zoals hij eerder was"
    )
    terug.add_argument("id")
    terug.add_argument(
        "nummer", type=int, help="het nummer uit 'faq history ID' (0: vóór de eerste wijziging)"
    )
    terug.add_argument(
        "--versie", help="de versie die 'faq history ID' nu liet zien (niet nodig als hij weg is)"
    )
    terug.set_defaults(uitvoeren=herstellen_uitvoeren)


def cli_door() -> str:
    """Who makes a change from the command line, for the history: ``cli:<user>``."""
    try:
        gebruiker = os.environ.get("USER") or getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment nor in the passwd file
        gebruiker = ONBEKEND
    return f"cli:{gebruiker}"


def open_store(args: argparse.Namespace) -> FaqStore | None:
    """The store for ``--faq-map`` (or the variable, or the default); None after a message.

    With ``OPLEIDINGSBOT_DATABASE_URL`` and no ``--faq-map``: the database's FAQ.
    """
    instellingen = Instellingen()
    if args.faq_map is None and instellingen.database_url is not None:
        from opleidingsbot.bot.opbouw import faq_store  # the bot's parts: only when used

        try:
            return faq_store(instellingen)
        except (DatabaseFout, FaqFout) as fout:
            print(f"fout: {fout}", file=sys.stderr)
            return None
    map_ = args.faq_map or instellingen.faq_map
    if not map_.is_dir():
        print(f"fout in 'faq-map': geen map: '{map_}'", file=sys.stderr)
        return None
    return FaqStore(map_)


def store_en_faq(args: argparse.Namespace) -> tuple[FaqStore, Faq] | int:
    """The store and its FAQ, or the exit code after printing what is wrong."""
    store = open_store(args)
    if store is None:
        return Uitgang.FOUTE_INVOER
    faq = laad(store)
    return Uitgang.GEWEIGERD if faq is None else (store, faq)


def met_geschiedenis(args: argparse.Namespace) -> tuple[FaqStore, Faq, list[AuditRegel]] | int:
    """The store, its FAQ and the history of ``args.id``, or the exit code after an error."""
    geopend = store_en_faq(args)
    if isinstance(geopend, int):
        return geopend
    store, faq = geopend
    try:
        return store, faq, store.geschiedenis(args.id)
    except FaqFout as fout:
        print("\n".join(fout.problemen), file=sys.stderr)
        return Uitgang.GEWEIGERD


def laad(store: FaqStore) -> Faq | None:
    """The FAQ, or None after printing every problem."""
    try:
        return store.faq()
    except FaqFout as fout:
        print("\n".join(fout.problemen), file=sys.stderr)
        return None


def botsingcontrole(toch: bool) -> Controle:
    """Refuse (or with ``toch`` only report) clashes that involve the changed entries."""

    def controle(faq: Faq, ids: set[str]) -> None:
        gevonden = botsingen(faq, alleen=ids)
        for botsing in gevonden:
            print(f"botsing: {botsing.tekst()}", file=sys.stderr)
        if gevonden and not toch:
            raise BotsingFout(gevonden)

    return controle


def opslaan(doe: Callable[[], object]) -> int:
    """Run a store change and turn every refusal into a Dutch message and exit code."""
    try:
        doe()
    except VerouderdFout as fout:
        for huidig in fout.verouderd:
            print(verouderd_tekst(huidig), file=sys.stderr)
        return Uitgang.GEWEIGERD
    except VerwijderdFout as fout:
        print(
            f"Iemand anders heeft vraag {fout.id} intussen verwijderd. Er is niets opgeslagen.\n"
            f"Bekijk wat er gebeurd is met 'opleidingsbot faq history {fout.id}'.",
            file=sys.stderr,
        )
        return Uitgang.GEWEIGERD
    except BotsingFout:
        print(
            "Niet opgeslagen: maak de formuleringen duidelijker verschillend, "
            "of sla toch op met --toch.",
            file=sys.stderr,
        )
        return Uitgang.GEWEIGERD
    except OnbekendFout as fout:
        print(f"fout: {fout}", file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    except FaqFout as fout:
        print("Niet opgeslagen:\n" + "\n".join(fout.problemen), file=sys.stderr)
        return Uitgang.GEWEIGERD
    return Uitgang.GOED


def verouderd_tekst(huidig: FaqItem) -> str:
    """Tell that someone else changed the entry, and show it as it is now."""
    return (
        f"Iemand anders heeft vraag {huidig.id} intussen gewijzigd. "
        "Je wijziging is niet opgeslagen.\n"
        f"Zo staat de vraag nu (versie {versie_van(huidig)}, "
        f"bijgewerkt {huidig.bijgewerkt.isoformat()}):\n"
        f"Vraag: {huidig.vraag}\nAntwoord: {huidig.antwoord}\n"
        f"Bekijk hem met 'opleidingsbot faq show {huidig.id}' en breng je wijziging "
        "daarin opnieuw aan."
    )


def lees_vraag(pad: Path, aanvulling: dict[str, Any]) -> tuple[FaqItem, str | None] | None:
    """The entry in a YAML file and the ``versie`` in it; None after printing the problems."""
    try:
        document = laad_yaml(pad)
    except YamlFout as fout:
        print(f"fout in 'bestand': {fout}", file=sys.stderr)
        return None
    if not isinstance(document.data, dict):
        print(f"fout in 'bestand': {pad} bevat geen vraag (id, vraag, ...)", file=sys.stderr)
        return None
    data = {**aanvulling, **document.data}
    versie = data.pop("versie", None)
    try:
        return FaqItem.model_validate(data), None if versie is None else str(versie)
    except ValidationError as fout:
        print("\n".join(pydantic_problemen(fout, document)), file=sys.stderr)
        return None


def toevoegen_uitvoeren(args: argparse.Namespace) -> int:
    """Add the entry in ``--bestand`` to the gemeente's file."""
    store = open_store(args)
    if store is None:
        return Uitgang.FOUTE_INVOER
    gelezen = lees_vraag(args.bestand, {"bijgewerkt": dt.date.today()})
    if gelezen is None:
        return Uitgang.FOUTE_INVOER
    vraag = gelezen[0]
    code = opslaan(
        lambda: store.voeg_toe(
            args.gemeente, vraag, controle=botsingcontrole(args.toch), door=cli_door()
        )
    )
    if code == 0:
        print(f"Vraag {vraag.id} toegevoegd bij {args.gemeente}.")
    return code


def wijzigen_uitvoeren(args: argparse.Namespace) -> int:
    """Edit an entry from a file or from field flags, if it is still at ``--versie``."""
    geopend = store_en_faq(args)
    if isinstance(geopend, int):
        return geopend
    store, faq = geopend
    gevonden = faq.vraag(args.id)
    if gevonden is None:
        print(f"fout in 'id': geen vraag met id '{args.id}'", file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    velden = _velden(args, gevonden[0])
    if args.bestand and velden:
        print("fout: kies --bestand of losse velden, niet allebei.", file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    if args.bestand:
        gelezen = lees_vraag(args.bestand, {"id": args.id})
        if gelezen is None:
            return Uitgang.FOUTE_INVOER
        vraag, versie = gelezen[0], args.versie or gelezen[1]
        if vraag.id != args.id:
            print(f"fout in 'bestand': het id is '{vraag.id}', niet '{args.id}'", file=sys.stderr)
            return Uitgang.FOUTE_INVOER
    elif velden:
        try:
            vraag = FaqItem.model_validate({**gevonden[0].model_dump(), **velden})
        except ValidationError as fout:
            for probleem in fout.errors():
                veld = probleem["loc"][0]
                print(f"fout in '{veld}': {vertaal_probleem(probleem)}", file=sys.stderr)
            return Uitgang.FOUTE_INVOER
        versie = args.versie
    else:
        print("fout: geef --bestand of een veld om te wijzigen (zie --help).", file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    if not versie:
        print(zonder_versie(args.id), file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    if velden and vraag == gevonden[0]:
        stand = "" if "actief" not in velden else " staat al " + ("aan" if vraag.actief else "uit")
        print(f"Vraag {args.id}{stand}: er is niets veranderd.")
        return Uitgang.GOED
    code = opslaan(
        lambda: store.wijzig(vraag, versie, controle=botsingcontrole(args.toch), door=cli_door())
    )
    if code == 0:
        nieuw = store.faq().vraag(args.id)
        versie_nu = versie_van(nieuw[0]) if nieuw else "?"
        stand = "" if vraag.actief == gevonden[0].actief else aan_uit_tekst(vraag.actief)
        print(f"Vraag {args.id} gewijzigd{stand}. Nieuwe versie: {versie_nu}")
    return code


def verwijderen_uitvoeren(args: argparse.Namespace) -> int:
    """Remove an entry, if it is still at ``--versie``."""
    store = open_store(args)
    if store is None:
        return Uitgang.FOUTE_INVOER
    if not args.versie:
        print(zonder_versie(args.id), file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    code = opslaan(lambda: store.verwijder(args.id, args.versie, door=cli_door()))
    if code == 0:
        print(f"Vraag {args.id} verwijderd.")
    return code


def herstellen_uitvoeren(args: argparse.Namespace) -> int:
    """Put an entry back as change ``nummer`` of its history left it."""
    geopend = met_geschiedenis(args)
    if isinstance(geopend, int):
        return geopend
    store, faq, regels = geopend
    eerste_voor = bool(regels) and regels[0].voor is not None
    if not (args.nummer == 0 and eerste_voor) and not any(r.nummer == args.nummer for r in regels):
        nummers = ", ".join(str(r.nummer) for r in regels) or "geen"
        print(
            f"fout in 'nummer': vraag {args.id} heeft geen wijziging {args.nummer} "
            f"(wel: {nummers}). Bekijk ze met 'opleidingsbot faq history {args.id}'.",
            file=sys.stderr,
        )
        return Uitgang.FOUTE_INVOER
    if not args.versie and faq.vraag(args.id) is not None:
        print(zonder_versie(args.id, "history"), file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    hersteld: list[FaqItem] = []

    def doe() -> None:
        controle = botsingcontrole(args.toch)
        versie = args.versie or None
        hersteld.append(
            store.herstel(args.id, args.nummer, versie, door=cli_door(), controle=controle)
        )

    code = opslaan(doe)
    if code == 0:
        stand = "" if hersteld[0].actief else " (hij staat uit)"
        print(
            f"Vraag {args.id} teruggezet zoals na wijziging {args.nummer}{stand}. "
            f"Nieuwe versie: {versie_van(hersteld[0])}"
        )
    return code


def aan_uit_tekst(actief: bool) -> str:
    """How a switched entry is described after a change."""
    return " en staat weer aan" if actief else " en staat nu uit: medewerkers zien hem niet"


def zonder_versie(id_: str, taak: str = "show") -> str:
    """Ask for the version first (shown by ``faq show``, or ``faq history``)."""
    return (
        f"fout in 'versie': die ontbreekt. Bekijk eerst de vraag met "
        f"'opleidingsbot faq {taak} {id_}' en geef de versie mee met --versie."
    )


def _velden(args: argparse.Namespace, huidig: FaqItem) -> dict[str, Any]:
    velden: dict[str, Any] = {}
    if args.vraag is not None:
        velden["vraag"] = args.vraag
    if args.antwoord is not None:
        velden["antwoord"] = args.antwoord
    if args.wist_je_dat is not None:
        velden["wist_je_dat"] = args.wist_je_dat or None
    if args.variant_erbij:
        velden["varianten"] = [*huidig.varianten, *args.variant_erbij]
    if args.tags is not None:
        velden["tags"] = [t.strip() for t in args.tags.split(",") if t.strip()]
    if args.uit or args.aan:
        velden["actief"] = bool(args.aan)
    return velden
