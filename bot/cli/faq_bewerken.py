"""``opleidingsbot faq add|edit|remove``: HR changes one entry, safely.

An edit or removal names the version it was made on (``faq show`` prints it): if
someone changed the entry in the meantime, it is refused and the current entry shown.
A change that makes a phrasing clash with another entry is refused unless ``--toch``.
Exit codes: 0 done, 1 refused (stale, clash, invalid FAQ), 2 wrong input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from knowledge.clashes import Botsing, botsingen
from knowledge.faq import FAQ_MAP, Faq, FaqFout, Vraag
from knowledge.store import Controle, FaqStore, OnbekendFout, VerouderdFout, versie_van
from rules.rulebook import pydantic_problemen, vertaal_probleem
from rules.yamlload import YamlFout, laad_yaml

MAP_VARIABELE = "OPLEIDINGSBOT_FAQ_MAP"


class BotsingFout(ValueError):
    """The change makes phrasings of different entries too alike."""

    def __init__(self, gevonden: list[Botsing]) -> None:
        self.gevonden = gevonden
        super().__init__(f"{len(gevonden)} botsende formuleringen")


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
    wijzig.set_defaults(uitvoeren=wijzigen_uitvoeren)
    weg = taken.add_parser("remove", parents=[algemeen], help="een vraag verwijderen")
    weg.add_argument("id")
    weg.add_argument("--versie", help="de versie die 'faq show ID' liet zien")
    weg.set_defaults(uitvoeren=verwijderen_uitvoeren)


def open_store(args: argparse.Namespace) -> FaqStore | None:
    """The store for ``--faq-map`` (or the variable, or the default); None after a message."""
    map_ = args.faq_map or Path(os.environ.get(MAP_VARIABELE) or FAQ_MAP)
    if not map_.is_dir():
        print(f"fout in 'faq-map': geen map: '{map_}'", file=sys.stderr)
        return None
    return FaqStore(map_)


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
        gevonden = [b for b in botsingen(faq) if b.een[0] in ids or b.ander[0] in ids]
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
        return 1
    except BotsingFout:
        print(
            "Niet opgeslagen: maak de formuleringen duidelijker verschillend, "
            "of sla toch op met --toch.",
            file=sys.stderr,
        )
        return 1
    except OnbekendFout as fout:
        print(f"fout: {fout}", file=sys.stderr)
        return 2
    except FaqFout as fout:
        print("Niet opgeslagen:\n" + "\n".join(fout.problemen), file=sys.stderr)
        return 1
    return 0


def verouderd_tekst(huidig: Vraag) -> str:
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


def lees_vraag(pad: Path, aanvulling: dict[str, Any]) -> tuple[Vraag, str | None] | None:
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
        return Vraag.model_validate(data), None if versie is None else str(versie)
    except ValidationError as fout:
        print("\n".join(pydantic_problemen(fout, document)), file=sys.stderr)
        return None


def toevoegen_uitvoeren(args: argparse.Namespace) -> int:
    """Add the entry in ``--bestand`` to the gemeente's file."""
    store = open_store(args)
    if store is None:
        return 2
    gelezen = lees_vraag(args.bestand, {"bijgewerkt": dt.date.today()})
    if gelezen is None:
        return 2
    vraag = gelezen[0]
    code = opslaan(
        lambda: store.voeg_toe(args.gemeente, vraag, controle=botsingcontrole(args.toch))
    )
    if code == 0:
        print(f"Vraag {vraag.id} toegevoegd bij {args.gemeente}.")
    return code


def wijzigen_uitvoeren(args: argparse.Namespace) -> int:
    """Edit an entry from a file or from field flags, if it is still at ``--versie``."""
    store = open_store(args)
    if store is None:
        return 2
    faq = laad(store)
    if faq is None:
        return 1
    gevonden = faq.vraag(args.id)
    if gevonden is None:
        print(f"fout in 'id': geen vraag met id '{args.id}'", file=sys.stderr)
        return 2
    velden = _velden(args, gevonden[0])
    if args.bestand and velden:
        print("fout: kies --bestand of losse velden, niet allebei.", file=sys.stderr)
        return 2
    if args.bestand:
        gelezen = lees_vraag(args.bestand, {"id": args.id})
        if gelezen is None:
            return 2
        vraag, versie = gelezen[0], args.versie or gelezen[1]
        if vraag.id != args.id:
            print(f"fout in 'bestand': het id is '{vraag.id}', niet '{args.id}'", file=sys.stderr)
            return 2
    elif velden:
        try:
            vraag = Vraag.model_validate({**gevonden[0].model_dump(), **velden})
        except ValidationError as fout:
            for probleem in fout.errors():
                veld = probleem["loc"][0]
                print(f"fout in '{veld}': {vertaal_probleem(probleem)}", file=sys.stderr)
            return 2
        versie = args.versie
    else:
        print("fout: geef --bestand of een veld om te wijzigen (zie --help).", file=sys.stderr)
        return 2
    if not versie:
        print(zonder_versie(args.id), file=sys.stderr)
        return 2
    code = opslaan(lambda: store.wijzig(vraag, versie, controle=botsingcontrole(args.toch)))
    if code == 0:
        nieuw = store.faq().vraag(args.id)
        versie_nu = versie_van(nieuw[0]) if nieuw else "?"
        print(f"Vraag {args.id} gewijzigd. Nieuwe versie: {versie_nu}")
    return code


def verwijderen_uitvoeren(args: argparse.Namespace) -> int:
    """Remove an entry, if it is still at ``--versie``."""
    store = open_store(args)
    if store is None:
        return 2
    if not args.versie:
        print(zonder_versie(args.id), file=sys.stderr)
        return 2
    code = opslaan(lambda: store.verwijder(args.id, args.versie))
    if code == 0:
        print(f"Vraag {args.id} verwijderd.")
    return code


def zonder_versie(id_: str) -> str:
    """Ask for the version first."""
    return (
        f"fout in 'versie': die ontbreekt. Bekijk eerst de vraag met "
        f"'opleidingsbot faq show {id_}' en geef de versie mee met --versie."
    )


def _velden(args: argparse.Namespace, huidig: Vraag) -> dict[str, Any]:
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
    return velden
