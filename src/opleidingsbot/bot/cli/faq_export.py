"""``opleidingsbot faq export|import``: the FAQ as a spreadsheet HR edits in Excel.

The format follows the file's extension: ``.csv`` (UTF-8, ``;``) or ``.xlsx``. An
import is all or nothing; see knowledge.faqexport for what each row does.
Exit codes: 0 done, 1 refused (stale rows, clash, invalid FAQ), 2 wrong input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from opleidingsbot.bot.cli.faq_bewerken import (
    botsingcontrole,
    cli_door,
    open_store,
    opslaan,
    store_en_faq,
)
from opleidingsbot.bot.cli.gemeente import onbekend
from opleidingsbot.bot.cli.uitgang import Uitgang
from opleidingsbot.knowledge.faqexport import (
    ImportFout,
    ImportVerslag,
    InvoerFout,
    exporteer,
    importeer,
)


def registreer(
    taken: argparse._SubParsersAction[argparse.ArgumentParser], algemeen: argparse.ArgumentParser
) -> None:
    """Add export and import to ``faq``."""
    uit = taken.add_parser(
        "export", parents=[algemeen], help="vragen naar een spreadsheet (.csv of .xlsx)"
    )
    uit.add_argument("pad", type=Path, help="het bestand dat je maakt: .csv of .xlsx")
    uit.add_argument("--gemeente", help="alleen de vragen van deze werkgever (of algemeen)")
    uit.set_defaults(uitvoeren=exporteren_uitvoeren)
    binnen = taken.add_parser(
        "import", parents=[algemeen], help="een aangepaste spreadsheet terugzetten"
    )
    binnen.add_argument("pad", type=Path, help="de spreadsheet: .csv of .xlsx")
    binnen.add_argument("--toch", action="store_true", help="ook opslaan als er een botsing is")
    binnen.set_defaults(uitvoeren=importeren_uitvoeren)


def exporteren_uitvoeren(args: argparse.Namespace) -> int:
    """Write the entries to a spreadsheet."""
    geopend = store_en_faq(args)
    if isinstance(geopend, int):
        return geopend
    _store, faq = geopend
    if onbekend(args.gemeente, faq.bestanden):
        return Uitgang.FOUTE_INVOER
    try:
        aantal = exporteer(faq, args.pad, args.gemeente)
    except InvoerFout as fout:
        print("\n".join(f"fout in 'pad': {p}" for p in fout.problemen), file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    except OSError as fout:
        print(f"fout in 'pad': kan {args.pad} niet schrijven ({fout.strerror})", file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    print(f"{aantal} vragen geschreven naar {args.pad}.")
    return Uitgang.GOED


def importeren_uitvoeren(args: argparse.Namespace) -> int:
    """Apply a spreadsheet's rows: all or nothing."""
    store = open_store(args)
    if store is None:
        return Uitgang.FOUTE_INVOER
    verslag = ImportVerslag()

    def doe() -> None:
        nonlocal verslag
        verslag = importeer(store, args.pad, controle=botsingcontrole(args.toch), door=cli_door())

    try:
        code = opslaan(doe)
    except InvoerFout as fout:
        print("\n".join(fout.problemen) + "\nNiets opgeslagen.", file=sys.stderr)
        return Uitgang.FOUTE_INVOER
    except ImportFout as fout:
        print("\n".join(fout.problemen) + "\nNiets opgeslagen.", file=sys.stderr)
        return Uitgang.FOUTE_INVOER if fout.invoer else Uitgang.GEWEIGERD
    if code == 0:
        print(verslag.tekst())
    return code
