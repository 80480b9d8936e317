"""The ``opleidingsbot`` command and its subcommands."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from pydantic import ValidationError

from opleidingsbot.bot.cli import chat, console, faq, quote, regels, run, stats, vraag, vragen
from opleidingsbot.bot.cli.uitgang import Uitgang
from opleidingsbot.bot.instellingen import Instellingen, instellingen_fout
from opleidingsbot.bot.opslag.database import DatabaseFout


def bouw_parser() -> argparse.ArgumentParser:
    """All subcommands, registered in one place."""
    parser = argparse.ArgumentParser(
        prog="opleidingsbot",
        description="Opleidingsbot: opleidingsbeleid van je werkgever, met bronnen.",
    )
    sub = parser.add_subparsers(dest="opdracht", required=True)
    quote.registreer(sub)
    vraag.registreer(sub)
    faq.registreer(sub)
    regels.registreer(sub)
    chat.registreer(sub)
    run.registreer(sub)
    stats.registreer(sub)
    vragen.registreer(sub)
    console.registreer(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = bouw_parser().parse_args(argv)
    try:
        code: int = args.uitvoeren(args)
        sys.stdout.flush()
    except ValidationError as fout:
        if fout.title != Instellingen.__name__:
            raise
        print(instellingen_fout(fout), file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    except DatabaseFout as fout:
        print(f"fout in de instellingen:\n  OPLEIDINGSBOT_DATABASE_URL: {fout}", file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    except BrokenPipeError:
        # the reader went away ("faq list | head"): stop quietly, as other commands do;
        # stdout goes to devnull so the interpreter's last flush finds no broken pipe
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return Uitgang.PIJP_DICHT
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
