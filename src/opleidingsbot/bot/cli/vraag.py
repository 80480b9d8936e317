"""``opleidingsbot ask``: answer a question from the employer's FAQ, or say "dat weet ik niet".

``--json`` prints one result object; ``--jsonl`` reads one question per line on stdin and
prints one object per line, in order; without a flag it prints the answer as the bot would.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from opleidingsbot.bot.cli.gemeente import onbekend
from opleidingsbot.bot.cli.uitgang import Uitgang
from opleidingsbot.bot.instellingen import Instellingen
from opleidingsbot.bot.opslag.database import verbind
from opleidingsbot.bot.opslag.wachtrij import Wachtrij
from opleidingsbot.bot.teksten import BEDOEL_JE, GEEN_VAN_DEZE, ONBEKEND, WAAROM_NIET
from opleidingsbot.bot.weergave import antwoord_tekst
from opleidingsbot.knowledge.faq import FaqFout, laad_faq
from opleidingsbot.knowledge.matcher import Matcher, Uitkomst, als_json


def registreer(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``ask`` command."""
    parser = sub.add_parser("ask", help="een vraag beantwoorden uit de FAQ")
    parser.add_argument("vraag", nargs="?", help="de vraag (leeg bij --jsonl)")
    parser.add_argument("--gemeente", required=True, help="de werkgever, bijv. haarlem")
    vorm = parser.add_mutually_exclusive_group()
    vorm.add_argument("--json", action="store_true", help="het resultaat als JSON")
    vorm.add_argument("--jsonl", action="store_true", help="één vraag per regel op stdin")
    parser.add_argument(
        "--wachtrij",
        action="store_true",
        help="onbeantwoorde vragen in de wachtrij voor HR zetten (zoals de bot doet)",
    )
    parser.set_defaults(uitvoeren=uitvoeren)


def uitvoeren(args: argparse.Namespace, invoer: TextIO | None = None) -> int:
    """Run the command; returns the exit code."""
    invoer = invoer or sys.stdin  # read at call time: tests and callers may replace stdin
    try:
        matcher = Matcher(laad_faq(Instellingen().faq_map))
    except FaqFout as fout:
        print(f"fout in de FAQ:\n{fout}", file=sys.stderr)
        return Uitgang.GEWEIGERD
    if onbekend(args.gemeente, matcher.gemeenten()):
        return Uitgang.FOUTE_INVOER
    wachtrij = Wachtrij(verbind(Instellingen().opslag)) if args.wachtrij else None

    def beantwoord(vraag: str) -> Uitkomst:
        uitkomst = matcher.zoek(vraag, args.gemeente)
        if wachtrij and uitkomst.status == "onbekend" and uitkomst.reden is None:
            wachtrij.bewaar(args.gemeente, uitkomst, "onbekend")
        return uitkomst

    if args.jsonl:
        for regel in invoer:
            uitkomst = beantwoord(regel.strip())
            print(json.dumps(als_json(uitkomst), ensure_ascii=False), flush=True)
        return Uitgang.GOED
    if not args.vraag or not args.vraag.strip():
        print(
            "fout in 'vraag': stel een vraag, bijvoorbeeld: hoeveel studieverlof krijg ik?",
            file=sys.stderr,
        )
        return Uitgang.FOUTE_INVOER
    uitkomst = beantwoord(args.vraag)
    if args.json:
        print(json.dumps(als_json(uitkomst), ensure_ascii=False))
    else:
        print(tekst(uitkomst))
    return Uitgang.GOED


def tekst(uitkomst: Uitkomst) -> str:
    """The answer as the bot shows it: answer and source, suggestions, or "dat weet ik niet"."""
    if uitkomst.antwoorden:
        return "\n\n".join(antwoord_tekst(k.vraag, k.bestand) for k in uitkomst.antwoorden)
    if uitkomst.status == "suggesties":
        opties = [k.vraag.vraag for k in uitkomst.suggesties] + [GEEN_VAN_DEZE]
        return BEDOEL_JE + "\n" + "\n".join(f"[{i}] {o}" for i, o in enumerate(opties, 1))
    if uitkomst.reden:
        return WAAROM_NIET[uitkomst.reden]
    return ONBEKEND
