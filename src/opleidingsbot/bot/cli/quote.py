"""``opleidingsbot quote``: read an Intake as JSON on stdin, print the Offerte.

``--json`` prints one Offerte as JSON; ``--jsonl`` answers one Intake per line, in
order, with an error object on a line that cannot be answered; without a flag the
quote is printed in plain Dutch, and ``--uitleg`` adds the step-by-step explanation.
Bad input gives a message on stderr that names the field, and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from typing import TextIO

from pydantic import ValidationError

from opleidingsbot.bot.cli.uitgang import Uitgang
from opleidingsbot.bot.weergave import offerte_tekst, uitleg_tekst
from opleidingsbot.rules import Intake, Offerte, Regelboek, RegelFout, laad_regelboek, maak_offerte
from opleidingsbot.rules.fouten import RegelingFout
from opleidingsbot.yamlload import vertaal_probleem

FOUT_CODE = 2


def registreer(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``quote`` command."""
    parser = sub.add_parser("quote", help="een offerte maken voor een intake (JSON op stdin)")
    vorm = parser.add_mutually_exclusive_group()
    vorm.add_argument("--json", action="store_true", help="één intake in, één offerte als JSON")
    vorm.add_argument("--jsonl", action="store_true", help="één intake per regel")
    parser.add_argument("--uitleg", action="store_true", help="leg stap voor stap uit waarom")
    parser.set_defaults(uitvoeren=uitvoeren)


@dataclass
class Invoerfout(Exception):
    """An intake that cannot be quoted; ``velden`` names what is wrong, per field."""

    velden: list[tuple[str, str]]

    def tekst(self) -> str:
        """One line per field."""
        return "\n".join(
            f"fout in '{veld}': {melding}" if veld else f"fout: {melding}"
            for veld, melding in self.velden
        )

    def als_json(self, regel: int) -> dict[str, object]:
        """The error object printed on this line in ``--jsonl`` mode."""
        return {
            "fout": {
                "regel": regel,
                "velden": [{"veld": v, "melding": m} for v, m in self.velden],
            }
        }


def uitvoeren(args: argparse.Namespace, invoer: TextIO | None = None) -> int:
    """Run the command; returns the exit code."""
    invoer = invoer or sys.stdin  # read at call time: tests and callers may replace stdin
    try:
        regelboek = laad_regelboek()
    except RegelingFout as fout:
        print(f"fout in de regelingen:\n{fout.melding}", file=sys.stderr)
        return Uitgang.GEWEIGERD
    if args.jsonl:
        return _per_regel(regelboek, invoer)
    try:
        offerte = offerte_voor(invoer.read(), regelboek)
    except Invoerfout as fout:
        print(fout.tekst(), file=sys.stderr)
        return FOUT_CODE
    if args.json:
        print(offerte.model_dump_json())
    else:
        print(offerte_tekst(offerte))
        if args.uitleg:
            print()
            print(uitleg_tekst(offerte))
    return Uitgang.GOED


def _per_regel(regelboek: Regelboek, invoer: TextIO) -> int:
    code = 0
    for nummer, regel in enumerate(invoer, start=1):
        if not regel.strip():
            continue
        try:
            print(offerte_voor(regel, regelboek).model_dump_json(), flush=True)
        except Invoerfout as fout:
            print(json.dumps(fout.als_json(nummer), ensure_ascii=False), flush=True)
            print(f"regel {nummer}: {fout.tekst()}", file=sys.stderr)
            code = FOUT_CODE
    return code


def offerte_voor(tekst: str, regelboek: Regelboek) -> Offerte:
    """Parse one Intake from JSON text and quote it; raise Invoerfout on bad input."""
    if not tekst.strip():
        raise Invoerfout([("", "geen invoer: geef een intake als JSON op standaardinvoer")])
    try:
        data = json.loads(tekst)
    except json.JSONDecodeError as fout:
        melding = f"geen geldige JSON (regel {fout.lineno}, kolom {fout.colno}: {fout.msg})"
        raise Invoerfout([("", melding)]) from fout
    if not isinstance(data, dict):
        raise Invoerfout([("", 'de intake moet een JSON-object zijn, zoals {"gemeente": ...}')])
    try:
        intake = Intake.model_validate_json(tekst)
    except ValidationError as fout:
        velden = [(".".join(str(d) for d in p["loc"]), vertaal_probleem(p)) for p in fout.errors()]
        raise Invoerfout(velden) from fout
    try:
        return maak_offerte(intake, regelboek)
    except RegelFout as fout:
        raise Invoerfout([(fout.veld or "", fout.melding)]) from fout
