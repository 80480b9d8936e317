"""``opleidingsbot console``: HR's console in the browser, and sign-in links for it.

``console`` serves the app (uvicorn) on the same FAQ folder and database as the bot;
``console --link`` prints a single-use sign-in link for HR, valid for ten minutes.
Behind a reverse proxy on a sub-path, give the path with ``--root-path`` and the public
address in ``OPLEIDINGSBOT_CONSOLE_URL``.
"""

from __future__ import annotations

import argparse
import sys

from opleidingsbot.bot.cli.gemeente import faq_gemeenten, onbekend
from opleidingsbot.bot.cli.uitgang import Uitgang
from opleidingsbot.bot.console.toegang import LINK_GELDIG
from opleidingsbot.bot.instellingen import Instellingen


def registreer(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``console`` command."""
    parser = sub.add_parser("console", help="de HR-console in de browser")
    parser.add_argument("--host", default="127.0.0.1", help="adres (standaard: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="poort (standaard: 8080)")
    parser.add_argument("--root-path", default="", help="het subpad achter een proxy, bijv. /hr")
    parser.add_argument(
        "--link", action="store_true", help="maak een inloglink voor HR (werkt één keer)"
    )
    parser.add_argument("--gemeente", help="bij --link: alleen deze gemeente (standaard: alle)")
    parser.add_argument("--naam", default="hr", help="bij --link: wie inlogt, voor de historie")
    parser.set_defaults(uitvoeren=uitvoeren)


def uitvoeren(args: argparse.Namespace) -> int:
    """Print a sign-in link, or serve the console until Ctrl-C."""
    instellingen = Instellingen()
    if args.link:
        return _link(args, instellingen)
    import uvicorn  # only when serving: the other commands start faster

    from opleidingsbot.bot.console.app import maak_app
    from opleidingsbot.bot.opbouw import bouw_console

    app = maak_app(bouw_console(instellingen))
    print(f"HR-console op http://{args.host}:{args.port}{args.root_path} (stoppen: Ctrl-C)")
    print("Inloggen: maak een link met 'opleidingsbot console --link'.")
    sys.stdout.flush()
    uvicorn.run(app, host=args.host, port=args.port, root_path=args.root_path, log_level="warning")
    return Uitgang.GOED


def _link(args: argparse.Namespace, instellingen: Instellingen) -> int:
    from opleidingsbot.bot.opbouw import console_links

    if onbekend(args.gemeente, faq_gemeenten()):
        return Uitgang.FOUTE_INVOER
    gemeenten = None if args.gemeente is None else frozenset({args.gemeente})
    print(console_links(instellingen)(f"console:{args.naam}", gemeenten))
    print(f"Deze link werkt één keer, {LINK_GELDIG // 60} minuten lang.", file=sys.stderr)
    return Uitgang.GOED
