"""``opleidingsbot chat``: the assistant in the terminal, no account or token needed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from opleidingsbot.bot.cli.uitgang import Uitgang
from opleidingsbot.bot.instellingen import Instellingen


def registreer(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``chat`` command."""
    parser = sub.add_parser("chat", help="met de opleidingsbot chatten in de terminal")
    parser.add_argument(
        "--gemeente", help="je werkgever, bijv. haarlem (anders vraagt de bot het)"
    )
    parser.add_argument(
        "--map",
        type=Path,
        help="waar de concept-aanvraag komt (standaard: de map concepten in de datamap)",
    )
    parser.add_argument(
        "--hr", action="store_true", help="als HR-medewerker: /faq, /vragen en /stats werken"
    )
    parser.set_defaults(uitvoeren=uitvoeren)


def uitvoeren(args: argparse.Namespace) -> int:
    """Run the terminal chat on stdin and stdout."""
    from opleidingsbot.bot.kanalen.terminal import (
        chat,  # the conversation engine: only when chatting
    )
    from opleidingsbot.bot.opbouw import bouw_gesprek

    instellingen = Instellingen()
    if args.gemeente:
        instellingen = instellingen.model_copy(update={"gemeente": args.gemeente})
    try:
        gesprek = bouw_gesprek(instellingen, concept_map=args.map, terminal_is_hr=args.hr)
    except ValueError as fout:
        print(f"fout: {fout}", file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    try:
        return chat(gesprek, sys.stdin, sys.stdout)
    except KeyboardInterrupt:
        print(file=sys.stdout)
        return Uitgang.GOED
