"""The rules engine: employers' regelingen as data, and quotes with their sources.

Public API: ``laad_regelboek()``, ``maak_offerte(intake, regelboek)``, ``Intake``,
``Offerte``. Nothing here knows Telegram or any other channel.
"""

from opleidingsbot.rules.contract import Intake, Offerte
from opleidingsbot.rules.engine import maak_offerte
from opleidingsbot.rules.fouten import RegelFout
from opleidingsbot.rules.rulebook import Regelboek, laad_regelboek

__all__ = ["Intake", "Offerte", "RegelFout", "Regelboek", "laad_regelboek", "maak_offerte"]
