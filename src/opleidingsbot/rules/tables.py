"""Evaluate one decision table under its hit policy.

A row applies (True), does not (False), or cannot be decided yet (None) because a
fact it tests is unknown. Undecided rows never silently fail: they become the
candidates of an open outcome, and their unknown facts become open questions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from opleidingsbot.rules.fouten import TabelFout
from opleidingsbot.rules.rulebook import RegelRij, RegelTabel

Lezer = Callable[[str], object]


@dataclass(frozen=True)
class RijUitslag:
    """How one row came out, with the facts it read and those that were unknown."""

    rij: RegelRij
    uitkomst: bool | None
    gelezen: dict[str, object]
    onbekend: tuple[str, ...]


@dataclass
class TabelUitslag:
    """The outcome of a table: the rows that apply, or the candidates while facts are open."""

    tabel: RegelTabel
    toegepast: list[RijUitslag] = field(default_factory=list)
    kandidaten: list[RijUitslag] = field(default_factory=list)

    @property
    def open(self) -> bool:
        """True when the outcome still depends on unknown facts."""
        return bool(self.kandidaten)

    def onbekende_feiten(self) -> list[str]:
        """The unknown facts the candidates depend on, in order, without repeats."""
        return list(dict.fromkeys(f for k in self.kandidaten for f in k.onbekend))


def evalueer_rij(rij: RegelRij, lees: Lezer) -> RijUitslag:
    """Test every cell of ``rij``: False wins over unknown, unknown over True."""
    gelezen: dict[str, object] = {}
    onbekend: list[str] = []
    uitkomst: bool | None = True
    for naam, cel in rij.cellen.items():
        waarde = lees(naam)
        gelezen[naam] = waarde
        resultaat = cel.evalueer(waarde)
        if resultaat is False:
            uitkomst = False
        elif resultaat is None:
            onbekend.append(naam)
            if uitkomst is True:
                uitkomst = None
    if uitkomst is False:
        onbekend = []
    return RijUitslag(rij, uitkomst, gelezen, tuple(onbekend))


def evalueer_tabel(tabel: RegelTabel, lees: Lezer) -> TabelUitslag:
    """Evaluate ``tabel``; raise TabelFout on a conflict (uniek) or a gap."""
    uitslagen = [evalueer_rij(rij, lees) for rij in tabel.rijen]
    beleid = tabel.tabel.hit_policy
    ja = [u for u in uitslagen if u.uitkomst is True]
    misschien = [u for u in uitslagen if u.uitkomst is None]
    if beleid == "verzamel":
        return TabelUitslag(tabel, toegepast=ja, kandidaten=misschien)
    if beleid == "eerste":
        return _eerste(tabel, uitslagen)
    if len(ja) > 1:
        rijen = " en ".join(f"{u.rij.id} ({_bron(u.rij)})" for u in ja)
        raise TabelFout(f"tabel {tabel.tabel.id}: rijen {rijen} passen allebei")
    if ja:
        return TabelUitslag(tabel, toegepast=ja)
    if misschien:
        return TabelUitslag(tabel, kandidaten=misschien)
    raise TabelFout(_gat(tabel, uitslagen))


def _eerste(tabel: RegelTabel, uitslagen: list[RijUitslag]) -> TabelUitslag:
    """The first row that applies wins, unless a row above it is still undecided."""
    misschien: list[RijUitslag] = []
    for uitslag in uitslagen:
        if uitslag.uitkomst is None:
            misschien.append(uitslag)
        elif uitslag.uitkomst:
            if not misschien:
                return TabelUitslag(tabel, toegepast=[uitslag])
            return TabelUitslag(tabel, kandidaten=[*misschien, uitslag])
    if misschien:
        return TabelUitslag(tabel, kandidaten=misschien)
    raise TabelFout(_gat(tabel, uitslagen))


def _gat(tabel: RegelTabel, uitslagen: list[RijUitslag]) -> str:
    feiten = {naam: waarde for u in uitslagen for naam, waarde in u.gelezen.items()}
    tekst = ", ".join(f"{k}={v}" for k, v in feiten.items())
    return f"tabel {tabel.tabel.id}: geen rij past bij {tekst}"


def _bron(rij: RegelRij) -> str:
    return "; ".join(f"{b.document} {b.artikel}" for b in rij.rij.bron)
