"""Errors in the log without what users typed: the kind of error and where, never its text.

An exception's message may hold a user's words (a parser quoting its input, PTB quoting
an update); the traceback's file names, lines and code hold none.
"""

from __future__ import annotations

import logging
import traceback


def log_fout(logger: logging.Logger, wat: str, fout: BaseException | None) -> None:
    """Log ``wat`` with the error's type and traceback, but not its message."""
    if fout is None:
        logger.error("%s", wat)
        return
    plekken = "".join(traceback.format_tb(fout.__traceback__))
    logger.error("%s: %s\n%s", wat, type(fout).__name__, plekken.rstrip())
