"""``opleidingsbot stats``: HR's weekly figures in the terminal, optionally as a PNG chart."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from opleidingsbot.bot.cli.gemeente import faq_gemeenten, onbekend
from opleidingsbot.bot.cli.uitgang import Uitgang
from opleidingsbot.bot.instellingen import Instellingen
from opleidingsbot.bot.opslag.database import verbind
from opleidingsbot.bot.statistiek import als_tabel, top_onbeantwoord, top_onderwerpen, weekcijfers


def registreer(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``stats`` command."""
    parser = sub.add_parser("stats", help="cijfers per week: vragen, intakes en concepten")
    parser.add_argument("--gemeente", help="alleen deze gemeente, bijv. haarlem (standaard: alle)")
    parser.add_argument(
        "--weken", type=_aantal_weken, default=8, help="hoeveel weken terug (standaard: 8)"
    )
    parser.add_argument("--png", type=Path, metavar="PAD", help="sla ook een grafiek op als PNG")
    parser.set_defaults(uitvoeren=uitvoeren)


def uitvoeren(args: argparse.Namespace) -> int:
    """Print the table; write the chart when ``--png`` is given."""
    if onbekend(args.gemeente, faq_gemeenten()):
        return Uitgang.FOUTE_INVOER
    instellingen = Instellingen()
    if not instellingen.opslag_bestaat():
        print("Nog geen gegevens: de bot heeft nog niets geteld.")
        return Uitgang.GOED
    try:
        db = verbind(instellingen.opslag)
    except RuntimeError as fout:
        print(f"fout: {fout}", file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    try:
        weken = weekcijfers(db, gemeente=args.gemeente, weken=args.weken)
        sinds = dt.datetime.combine(weken[0].begin, dt.time(), dt.UTC)
        onderwerpen = top_onderwerpen(db, args.gemeente, sinds)
        onbeantwoord = top_onbeantwoord(db, args.gemeente, sinds)
    finally:
        db.close()

    wie = args.gemeente or "alle gemeenten"
    titel = f"Opleidingsbot, {wie}: {weken[0].label} t/m {weken[-1].label}"
    print(titel)
    print()
    print(als_tabel(weken, onderwerpen, onbeantwoord))
    if args.png:
        try:
            args.png.parent.mkdir(parents=True, exist_ok=True)
            from opleidingsbot.bot.grafiek import weekgrafiek  # matplotlib: only for the chart

            args.png.write_bytes(weekgrafiek(weken, titel))
        except OSError as fout:
            print(f"fout: grafiek niet opgeslagen: {fout}", file=sys.stderr)
            return Uitgang.FOUTE_INVOER
        print()
        print(f"Grafiek opgeslagen in {args.png}")
    return Uitgang.GOED


def _aantal_weken(tekst: str) -> int:
    try:
        aantal = int(tekst)
    except ValueError:
        aantal = 0
    if not 1 <= aantal <= 520:
        raise argparse.ArgumentTypeError("kies een aantal weken van 1 tot en met 520")
    return aantal
