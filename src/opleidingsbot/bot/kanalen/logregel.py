"""Errors in the log without what users typed: the kind of error and where, never its text.

An exception's message may hold a user's words (a parser quoting its input, PTB quoting
an update); the traceback's file names, lines and code hold none.
"""

from __future__ import annotations

import logging
import traceback

ONTVANGEN = "Received data was"
"""How python-telegram-bot's lines begin the raw update they quote (names and texts)."""


def zonder_bericht(fout: BaseException) -> str:
    """The error's type and traceback, without its message."""
    plekken = "".join(traceback.format_tb(fout.__traceback__))
    return f"{type(fout).__name__}\n{plekken.rstrip()}"


def log_fout(logger: logging.Logger, wat: str, fout: BaseException | None) -> None:
    """Log ``wat`` with the error's type and traceback, but not its message."""
    if fout is None:
        logger.error("%s", wat)
        return
    logger.error("%s: %s", wat, zonder_bericht(fout))


class ZonderGebruikersdata(logging.Filter):
    """Keeps users' data out of python-telegram-bot's own log lines.

    PTB logs a raw update it cannot read (``Received data was %r``) and the messages of
    errors raised while handling one. Such a line keeps its text up to the quote, and its
    error keeps only type and traceback. Every line passes.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite a line from a ``telegram`` logger; lines from elsewhere are left alone."""
        if not record.name.startswith("telegram"):
            return True
        tekst = str(record.msg)
        if ONTVANGEN in tekst:
            record.msg = tekst.split(ONTVANGEN)[0] + "(the update is left out of the log)"
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = zonder_bericht(record.exc_info[1])
            record.exc_info = None
        return True
