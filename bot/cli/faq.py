"""``opleidingsbot faq``: HR's view on the FAQ (list, show, validate).

Adding, editing, importing and exporting follow in the knowledge base issue.
"""

from __future__ import annotations

import argparse
import sys

from knowledge.clashes import botsingen
from knowledge.faq import FaqFout, laad_faq


def registreer(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``faq`` command."""
    parser = sub.add_parser("faq", help="de FAQ bekijken en controleren")
    taken = parser.add_subparsers(dest="taak", required=True)
    lijst = taken.add_parser("list", help="alle vragen, per werkgever")
    lijst.add_argument("--gemeente", help="alleen deze werkgever (met de algemene vragen)")
    lijst.set_defaults(uitvoeren=lijst_uitvoeren)
    toon = taken.add_parser("show", help="één vraag helemaal")
    toon.add_argument("id")
    toon.set_defaults(uitvoeren=toon_uitvoeren)
    controle = taken.add_parser("validate", help="bestanden en botsende formuleringen controleren")
    controle.set_defaults(uitvoeren=controle_uitvoeren)


def lijst_uitvoeren(args: argparse.Namespace) -> int:
    """Print id, topic and question, one entry per line."""
    faq = laad_faq()
    if args.gemeente:
        if args.gemeente not in faq.gemeenten():
            print(f"fout in 'gemeente': onbekend: '{args.gemeente}'", file=sys.stderr)
            return 2
        regels = [(v, b.gemeente) for v, b in faq.zichtbaar(args.gemeente)]
    else:
        regels = [(v, b.gemeente) for b in faq.bestanden.values() for v in b.vragen]
    for vraag, gemeente in regels:
        print(f"{vraag.id}\t{gemeente}\t{vraag.onderwerp}\t{vraag.vraag}")
    return 0


def toon_uitvoeren(args: argparse.Namespace) -> int:
    """Print one entry with its phrasings, answer and sources."""
    gevonden = laad_faq().vraag(args.id)
    if gevonden is None:
        print(f"fout in 'id': geen vraag met id '{args.id}'", file=sys.stderr)
        return 2
    vraag, bestand = gevonden
    print(
        f"{vraag.id} ({bestand.gemeente}, onderwerp {vraag.onderwerp}, bijgewerkt "
        f"{vraag.bijgewerkt.isoformat()})"
    )
    print(f"Vraag: {vraag.vraag}")
    print("Ook gevraagd als:\n" + "\n".join(f"- {f}" for f in vraag.varianten))
    print(f"Antwoord: {vraag.antwoord}")
    if vraag.wist_je_dat:
        print(f"Wist je dat: {vraag.wist_je_dat}")
    for bron in vraag.bron:
        print(f"Bron: {bestand.documenten[bron.document]}, {bron.artikel}")
    return 0


def controle_uitvoeren(args: argparse.Namespace) -> int:
    """Validate every file and report phrasings that clash; exit 1 on any problem."""
    try:
        faq = laad_faq()
    except FaqFout as fout:
        print("\n".join(fout.problemen), file=sys.stderr)
        return 1
    totaal = sum(len(b.vragen) for b in faq.bestanden.values())
    print(f"{totaal} vragen in {len(faq.bestanden)} bestanden gelezen.")
    gevonden = botsingen(faq)
    for botsing in gevonden:
        print(f"botsing: {botsing.tekst()}", file=sys.stderr)
    if gevonden:
        print(
            f"{len(gevonden)} botsende formuleringen: maak ze duidelijker verschillend.",
            file=sys.stderr,
        )
        return 1
    print("Alles in orde.")
    return 0
