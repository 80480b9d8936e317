"""``opleidingsbot vragen``: HR's review queue from the command line, and its export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from opleidingsbot.bot.cli.gemeente import faq_gemeenten, onbekend
from opleidingsbot.bot.cli.uitgang import Uitgang
from opleidingsbot.bot.instellingen import Instellingen
from opleidingsbot.bot.opslag.database import verbind
from opleidingsbot.bot.opslag.wachtrij import Groep, Wachtrij
from opleidingsbot.knowledge.spreadsheet import InvoerFout, Rij, schrijf_spreadsheet

KOLOMMEN = ("gemeente", "vraag", "aantal", "eerst_gesteld", "laatst_gesteld", "bijna", "soort")
BREEDTES = {"vraag": 60, "bijna": 40}


def registreer(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``vragen`` command."""
    parser = sub.add_parser("vragen", help="HR: onbeantwoorde vragen bekijken of exporteren")
    parser.add_argument("--gemeente", help="alleen deze werkgever")
    taken = parser.add_subparsers(dest="taak")
    export = taken.add_parser("export", help="naar een spreadsheet (.csv of .xlsx)")
    export.add_argument("pad", type=Path)
    export.add_argument("--gemeente", help="alleen deze werkgever")
    parser.set_defaults(uitvoeren=uitvoeren)


def als_rij(groep: Groep) -> Rij:
    """One group of similar questions as a spreadsheet row (the FAQ's format: ; and UTF-8)."""
    tijden = sorted(v.tijd for v in groep.vragen)
    return {
        "gemeente": groep.gemeente,
        "vraag": groep.voorbeeld.vraag,
        "aantal": str(len(groep.vragen)),
        "eerst_gesteld": tijden[0].isoformat(timespec="minutes"),
        "laatst_gesteld": tijden[-1].isoformat(timespec="minutes"),
        "bijna": "\n".join(groep.bijna()),
        "soort": ", ".join(sorted({v.soort for v in groep.vragen})),
    }


def uitvoeren(args: argparse.Namespace) -> int:
    """List the open groups, or export them."""
    if onbekend(args.gemeente, faq_gemeenten()):
        return Uitgang.FOUTE_INVOER
    instellingen = Instellingen()
    if not instellingen.opslag_bestaat():
        print("Nog geen gegevens: er zijn nog geen vragen gesteld.")
        return Uitgang.GOED
    groepen = Wachtrij(verbind(instellingen.opslag)).groepen(args.gemeente)
    if getattr(args, "pad", None):
        try:
            schrijf_spreadsheet(args.pad, KOLOMMEN, [als_rij(g) for g in groepen], BREEDTES)
        except InvoerFout as fout:
            print(f"fout: {fout}", file=sys.stderr)
            return Uitgang.FOUTE_INVOER
        print(f"{len(groepen)} vragen geschreven naar {args.pad}.")
        return Uitgang.GOED
    for groep in groepen:
        print(f"{len(groep.vragen):3}x  {groep.gemeente}  {groep.voorbeeld.vraag}")
    if not groepen:
        print("Er staan geen onbeantwoorde vragen open.")
    return Uitgang.GOED
