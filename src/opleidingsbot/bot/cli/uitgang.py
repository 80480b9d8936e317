"""The command's exit codes: one list, so every command means the same by each."""

from __future__ import annotations

from enum import IntEnum


class Uitgang(IntEnum):
    """What a command's exit code says.

    ``bot.cli.main`` maps the errors no command handles itself: bad configuration is
    ``FOUTE_INVOER``, a reader that went away is ``PIJP_DICHT``.
    """

    GOED = 0
    GEWEIGERD = 1
    """A change refused (stale copy, clash, invalid entry) or broken rules or FAQ files."""
    FOUTE_INVOER = 2
    """Bad input or configuration: the message names the field, the row or the variable."""
    PIJP_DICHT = 141
    """128 + SIGPIPE: what a shell reports when the reader closed the pipe early."""
