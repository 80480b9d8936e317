"""``opleidingsbot faq db-import|db-export``: the FAQ between YAML files and the database.

With ``OPLEIDINGSBOT_DATABASE_URL`` set, the database holds the FAQ that every process
reads and HR edits. The YAML files stay the format people read, review and version:
``db-export`` writes the database's FAQ to a folder, ``db-import`` puts a folder's files
back (all or nothing, validated as a whole; each changed entry gets a history line).
Exit codes: 0 done, 1 refused (invalid FAQ, busy), 2 wrong input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from opleidingsbot.bot.cli.faq_bewerken import cli_door
from opleidingsbot.bot.cli.uitgang import Uitgang
from opleidingsbot.bot.instellingen import Instellingen
from opleidingsbot.bot.opslag.database import DatabaseFout
from opleidingsbot.knowledge.faq import FaqFout, lees_map
from opleidingsbot.knowledge.faqyaml import schrijf_atomisch
from opleidingsbot.knowledge.store import FaqStore

GEEN_DATABASE = (
    "fout: OPLEIDINGSBOT_DATABASE_URL is niet gezet. Zonder database staat de FAQ al in bestanden."
)


def registreer(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add db-import and db-export to ``faq``."""
    binnen = sub.add_parser("db-import", help="YAML-bestanden in de database zetten")
    binnen.add_argument("map", type=Path, help="de map met de .yaml-bestanden")
    binnen.set_defaults(uitvoeren=importeren_uitvoeren)
    uit = sub.add_parser("db-export", help="de FAQ uit de database als YAML-bestanden")
    uit.add_argument("map", type=Path, help="de map waarin de .yaml-bestanden komen")
    uit.set_defaults(uitvoeren=exporteren_uitvoeren)


def _store(vulling: Path | None = None) -> FaqStore | None:
    from opleidingsbot.bot.opslag.faqtabel import open_faq  # psycopg: only when used

    instellingen = Instellingen()
    if instellingen.database_url is None:
        print(GEEN_DATABASE, file=sys.stderr)
        return None
    try:
        return open_faq(
            instellingen.database_url.get_secret_value(), vulling or instellingen.faq_map
        )
    except (DatabaseFout, FaqFout) as fout:
        print(f"fout: {fout}", file=sys.stderr)
        return None


def importeren_uitvoeren(args: argparse.Namespace) -> int:
    """Put the folder's YAML files in the database."""
    if not args.map.is_dir():
        print(f"fout: geen map: '{args.map}'", file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    try:
        teksten = lees_map(args.map)
    except FaqFout as fout:
        print("\n".join(fout.problemen), file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    if not teksten:
        print(f"fout: geen .yaml-bestanden in '{args.map}'", file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    store = _store(args.map)
    if store is None:
        return Uitgang.GEWEIGERD
    try:
        ids = store.importeer(teksten, door=cli_door())
    except FaqFout as fout:
        print("\n".join(fout.problemen), file=sys.stderr)
        print("Er is niets veranderd.", file=sys.stderr)
        return Uitgang.GEWEIGERD
    vragen = "1 vraag" if len(ids) == 1 else f"{len(ids)} vragen"
    print(f"{len(teksten)} bestanden gelezen; {vragen} veranderd in de database.")
    return Uitgang.GOED


def exporteren_uitvoeren(args: argparse.Namespace) -> int:
    """Write the database's FAQ to a folder, one YAML file per employer."""
    store = _store()
    if store is None:
        return Uitgang.GEWEIGERD
    teksten = store.bron.teksten()
    args.map.mkdir(parents=True, exist_ok=True)
    for pad, tekst in teksten.items():
        schrijf_atomisch(args.map / pad.name, tekst)
    print(f"{len(teksten)} bestanden geschreven in '{args.map}'.")
    return Uitgang.GOED
