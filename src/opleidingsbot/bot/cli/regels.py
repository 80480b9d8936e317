"""``opleidingsbot rules check``: validate every regeling and run its scenarios."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from opleidingsbot.bot.cli.uitgang import Uitgang
from opleidingsbot.rules.check import controleer


def registreer(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``rules`` command."""
    parser = sub.add_parser("rules", help="regelingen controleren")
    taken = parser.add_subparsers(dest="taak", required=True)
    check = taken.add_parser("check", help="alle regelingen en scenario's controleren")
    check.add_argument("mappen", nargs="*", type=Path, help="mappen met regelingen")
    check.set_defaults(uitvoeren=check_uitvoeren)


def check_uitvoeren(args: argparse.Namespace) -> int:
    """Print what the check found; exit 1 when anything is wrong."""
    rapport = controleer(*args.mappen)
    for regel in rapport.samenvatting:
        print(regel)
    if rapport.in_orde:
        print("Alles in orde.")
        return Uitgang.GOED
    print(f"{len(rapport.problemen)} probleem/problemen gevonden:", file=sys.stderr)
    for probleem in rapport.problemen:
        print(f"- {probleem}", file=sys.stderr)
    return Uitgang.GEWEIGERD
