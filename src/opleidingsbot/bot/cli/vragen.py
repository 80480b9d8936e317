"""``opleidingsbot vragen``: HR's review queue from the command line, and its export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from opleidingsbot.bot.cli.gemeente import faq_gemeenten, onbekend
from opleidingsbot.bot.cli.uitgang import Uitgang
from opleidingsbot.bot.hrtaken import exporteer_wachtrij
from opleidingsbot.bot.instellingen import Instellingen
from opleidingsbot.bot.opslag.database import verbind
from opleidingsbot.bot.opslag.wachtrij import Wachtrij
from opleidingsbot.knowledge.spreadsheet import InvoerFout


def registreer(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``vragen`` command."""
    parser = sub.add_parser("vragen", help="HR: onbeantwoorde vragen bekijken of exporteren")
    parser.add_argument("--gemeente", help="alleen deze werkgever")
    taken = parser.add_subparsers(dest="taak")
    export = taken.add_parser("export", help="naar een spreadsheet (.csv of .xlsx)")
    export.add_argument("pad", type=Path)
    export.add_argument("--gemeente", help="alleen deze werkgever")
    parser.set_defaults(uitvoeren=uitvoeren)


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
            exporteer_wachtrij(args.pad, groepen)
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
