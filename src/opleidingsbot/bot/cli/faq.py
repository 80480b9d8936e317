"""``opleidingsbot faq``: HR's view on the FAQ (list, show, history, validate).

Editing is in bot.cli.faq_bewerken (add, edit, remove, restore) and bot.cli.faq_export
(export, import). Every task works on the folder given by ``--faq-map``, else
``OPLEIDINGSBOT_FAQ_MAP``, else ``faq/`` in the data folder (a copy of the shipped FAQ
made on first use).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from opleidingsbot.bot.cli import faq_bewerken, faq_database, faq_export
from opleidingsbot.bot.cli.faq_bewerken import MAP_VARIABELE, met_geschiedenis, store_en_faq
from opleidingsbot.bot.cli.gemeente import onbekend
from opleidingsbot.bot.cli.uitgang import Uitgang
from opleidingsbot.knowledge.audit import AuditRegel, verschil
from opleidingsbot.knowledge.clashes import botsingen
from opleidingsbot.knowledge.faq import ALGEMEEN
from opleidingsbot.knowledge.faqyaml import vraag_naar_yaml
from opleidingsbot.knowledge.store import versie_van

MAP_HULP = f"map met de FAQ-bestanden (standaard faq/ in de datamap, of ${MAP_VARIABELE})"
UIT = "(staat uit)"


def registreer(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``faq`` command."""
    parser = sub.add_parser("faq", help="de FAQ bekijken, controleren en bewerken")
    parser.add_argument("--faq-map", type=Path, help=MAP_HULP)
    # Also accepted after the task ("faq edit ... --faq-map X"); SUPPRESS keeps the value
    # given before the task when it is not repeated.
    algemeen = argparse.ArgumentParser(add_help=False)
    algemeen.add_argument("--faq-map", type=Path, default=argparse.SUPPRESS, help=MAP_HULP)
    taken = parser.add_subparsers(dest="taak", required=True)
    lijst = taken.add_parser("list", parents=[algemeen], help="alle vragen, per werkgever")
    lijst.add_argument("--gemeente", help="alleen deze werkgever (met de algemene vragen)")
    lijst.set_defaults(uitvoeren=lijst_uitvoeren)
    toon = taken.add_parser("show", parents=[algemeen], help="één vraag helemaal")
    toon.add_argument("id")
    toon.add_argument(
        "--yaml",
        action="store_true",
        help="als YAML: bewaar het, pas het aan en geef het terug met 'faq edit ID --bestand'",
    )
    toon.set_defaults(uitvoeren=toon_uitvoeren)
    historie = taken.add_parser(
        "history", parents=[algemeen], help="alle wijzigingen van één vraag: wie, wat, wanneer"
    )
    historie.add_argument("id")
    historie.set_defaults(uitvoeren=geschiedenis_uitvoeren)
    controle = taken.add_parser(
        "validate", parents=[algemeen], help="bestanden en botsende formuleringen controleren"
    )
    controle.set_defaults(uitvoeren=controle_uitvoeren)
    faq_bewerken.registreer(taken, algemeen)
    faq_export.registreer(taken, algemeen)
    faq_database.registreer(taken)


def lijst_uitvoeren(args: argparse.Namespace) -> int:
    """Print id, topic and question, one entry per line; ``(staat uit)`` when switched off.

    With ``--gemeente``: what the employer's employees see, then the entries of the
    employer and of algemeen that are switched off.
    """
    geopend = store_en_faq(args)
    if isinstance(geopend, int):
        return geopend
    _store, faq = geopend
    if args.gemeente:
        if onbekend(args.gemeente, faq.gemeenten()):
            return Uitgang.FOUTE_INVOER
        regels = [(v, b.gemeente) for v, b in faq.zichtbaar(args.gemeente)]
        bestanden = [faq.bestanden[args.gemeente]]
        if ALGEMEEN in faq.bestanden:
            bestanden.append(faq.bestanden[ALGEMEEN])
        regels += [(v, b.gemeente) for b in bestanden for v in b.vragen if not v.actief]
    else:
        regels = [(v, b.gemeente) for b in faq.bestanden.values() for v in b.vragen]
    for vraag, gemeente in regels:
        uit = "" if vraag.actief else f"\t{UIT}"
        print(f"{vraag.id}\t{gemeente}\t{vraag.onderwerp}\t{vraag.vraag}{uit}")
    return Uitgang.GOED


def toon_uitvoeren(args: argparse.Namespace) -> int:
    """Print one entry with its phrasings, answer, sources and version."""
    geopend = store_en_faq(args)
    if isinstance(geopend, int):
        return geopend
    _store, faq = geopend
    gevonden = faq.vraag(args.id)
    if gevonden is None:
        print(f"fout in 'id': geen vraag met id '{args.id}'", file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    vraag, bestand = gevonden
    if args.yaml:
        print(f"# {bestand.gemeente}: pas aan en geef terug met")
        print(f"# opleidingsbot faq edit {vraag.id} --bestand BESTAND.yaml")
        print(vraag_naar_yaml(vraag, versie_van(vraag)), end="")
        return Uitgang.GOED
    print(
        f"{vraag.id} ({bestand.gemeente}, onderwerp {vraag.onderwerp}, bijgewerkt "
        f"{vraag.bijgewerkt.isoformat()})"
    )
    if not vraag.actief:
        print(
            "Deze vraag staat uit: medewerkers zien hem niet. Zet hem aan met "
            f"'opleidingsbot faq edit {vraag.id} --aan --versie {versie_van(vraag)}'."
        )
    print(f"Vraag: {vraag.vraag}")
    print("Ook gevraagd als:\n" + "\n".join(f"- {f}" for f in vraag.varianten))
    print(f"Antwoord: {vraag.antwoord}")
    if vraag.wist_je_dat:
        print(f"Wist je dat: {vraag.wist_je_dat}")
    for bron in vraag.bron:
        print(f"Bron: {bestand.documenten[bron.document]}, {bron.artikel}")
    print(f"versie: {versie_van(vraag)}")
    return Uitgang.GOED


def geschiedenis_uitvoeren(args: argparse.Namespace) -> int:
    """Print every change to one entry: number, time, who, what, and what changed."""
    geopend = met_geschiedenis(args)
    if isinstance(geopend, int):
        return geopend
    _store, faq, regels = geopend
    gevonden = faq.vraag(args.id)
    if not regels and gevonden is None:
        print(f"fout in 'id': geen vraag met id '{args.id}'", file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    if not regels:
        print(f"Van vraag {args.id} zijn nog geen wijzigingen bewaard.")
    for regel in regels:
        print(geschiedenis_regel(regel))
    if gevonden is None:
        print(f"Nu: verwijderd. Terugzetten: 'opleidingsbot faq restore {args.id} NUMMER'.")
    elif regels:
        versie = versie_van(gevonden[0])
        uit = "" if gevonden[0].actief else f" {UIT}"
        print(
            f"Nu: versie {versie}{uit}. Terugzetten: "
            f"'opleidingsbot faq restore {args.id} NUMMER --versie {versie}' "
            "(NUMMER 0: zoals het was vóór de eerste wijziging)."
        )
    return Uitgang.GOED


def geschiedenis_regel(regel: AuditRegel) -> str:
    """One change: number, local time, who, what, then the changed fields indented."""
    tijd = regel.tijd.astimezone().strftime("%d-%m-%Y %H:%M")
    kop = f"{regel.nummer}. {tijd}  {regel.door}  {regel.actie}  ({regel.gemeente})"
    return "\n".join([kop, *(f"   {r}" for r in verschil(regel.voor, regel.na))])


def controle_uitvoeren(args: argparse.Namespace) -> int:
    """Validate every file and report phrasings that clash; exit 1 on any problem."""
    geopend = store_en_faq(args)
    if isinstance(geopend, int):
        return geopend
    _store, faq = geopend
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
        return Uitgang.GEWEIGERD
    print("Alles in orde.")
    return Uitgang.GOED
