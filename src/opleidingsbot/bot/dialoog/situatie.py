"""Read the facts of a case from what people type: costs, durations, leaving or stopping.

"Mijn master kostte 9.000 euro. Ik ben anderhalf jaar geleden klaar en werk nu ergens
anders." holds the study costs (9.000), the moment of leaving (after finishing) and the
months since (18). The same readers serve the intake's answers ("4 jaar", "18 mnd") and
the what-if ("na 10 maanden", "tijdens de opleiding"). A reader returns None for what
it cannot read: a fact it does not find stays an open question, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from opleidingsbot.bot.dialoog.lezen import MAANDNAMEN, lees_bedrag

Moment = Literal["tijdens_opleiding", "na_afronding", "afgebroken"]

_TELWOORDEN = {
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "achttien": 18,
    "vierentwintig": 24,
}
_GETAL = r"(\d+(?:[.,]\d+)?|" + "|".join(_TELWOORDEN) + r"|anderhalf|anderhalve|half|halve)"
_EENHEID = r"(maanden|maand|mnd|mndn|mnden|jaar|jaren|jr|j)\b"
_DUUR = re.compile(rf"\b(?:een\s+)?{_GETAL}\s*{_EENHEID}", re.IGNORECASE)
_KAAL_GETAL = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*$")


def _aantal(woord: str) -> Decimal | None:
    woord = woord.lower()
    if woord in ("anderhalf", "anderhalve"):
        return Decimal("1.5")
    if woord in ("half", "halve"):
        return Decimal("0.5")
    if woord in _TELWOORDEN:
        return Decimal(_TELWOORDEN[woord])
    try:
        return Decimal(woord.replace(",", "."))
    except ArithmeticError:
        return None


def lees_maanden(tekst: str, maximum: int = 600) -> Decimal | None:
    """A duration in months: a bare number is months, years count twelve.

    >>> [str(lees_maanden(t)) for t in ("4 jaar", "anderhalf jaar", "18 mnd", "24", "2,5 jaar")]
    ['48', '18', '18', '24', '30']
    >>> [str(lees_maanden(t)) for t in ("een half jaar", "tien maanden", "1 jr")]
    ['6', '10', '12']
    >>> [lees_maanden(t) for t in ("lang", "-3", "8,00000000000001", "900 jaar")]
    [None, None, None, None]
    """
    kaal = _KAAL_GETAL.match(tekst)
    if kaal:
        aantal, eenheid = _aantal(kaal[1]), "maanden"
    elif gevonden := _DUUR.search(tekst):
        aantal, eenheid = _aantal(gevonden[1]), gevonden[2].lower()
    else:
        return None
    if aantal is None or aantal.as_tuple().exponent < -2:  # type: ignore[operator]
        return None  # "8,00000000000001" is a slip of the keyboard, not a duration
    maanden = aantal * 12 if eenheid.startswith("j") else aantal
    maanden = maanden.normalize() if maanden != maanden.to_integral() else maanden.quantize(1)
    return maanden if 0 <= maanden <= maximum else None


_STOPPEN = re.compile(
    r"\b(stop(pen|t)?|gestopt|afbreken|afgebroken|breek\w*\s+\w+\s+af|kap(pen)?|gekapt|"
    r"niet af ?(maken|gemaakt)|haak\w*\s+af|afgehaakt)\b",
    re.IGNORECASE,
)
_TIJDENS = re.compile(
    r"\b(tijdens|midden in|halverwege)\s+(de|mijn|m'n|mn|die|een|het)?\s*"
    r"(opleiding|studie|cursus|training|master|bachelor)|\bnog (niet klaar|bezig)\b",
    re.IGNORECASE,
)
_VERTREK = re.compile(
    r"\b(vertrek\w*|weg ?ga\w*|ga\w* weg|ontslag|andere (baan|werkgever|gemeente|job)|"
    r"nieuwe (baan|werkgever|job)|ergens anders|elders|uit dienst|over ?stap\w*|"
    r"opzeg\w*|zeg\w* .{0,20}op)\b",
    re.IGNORECASE,
)
_KLAAR = re.compile(
    r"\b(klaar|afgerond|afgestudeerd|diploma (gehaald|binnen)|einddatum|afgesloten|"
    r"na (de |mijn )?(afronding|opleiding|studie))\b",
    re.IGNORECASE,
)
_GELEDEN = re.compile(
    rf"{_GETAL}\s*{_EENHEID}\s*(geleden|later|na\b)|\bna\s+{_GETAL}\s*{_EENHEID}"
)
_MAAND_JAAR = re.compile(
    r"\b(" + "|".join(sorted(MAANDNAMEN, key=len, reverse=True)) + r")\.?\s+(20\d\d)\b",
    re.IGNORECASE,
)


def lees_vertrek(tekst: str) -> tuple[Moment, Decimal | None] | None:
    """When someone leaves or stops: the moment, and for after finishing the months since.

    >>> lees_vertrek("na 10 maanden")
    ('na_afronding', Decimal('10'))
    >>> lees_vertrek("tijdens de opleiding")
    ('tijdens_opleiding', None)
    >>> lees_vertrek("ik stop ermee")
    ('afgebroken', None)
    >>> lees_vertrek("geen idee") is None
    True
    """
    if _TIJDENS.search(tekst):
        return "tijdens_opleiding", None
    if _STOPPEN.search(tekst):
        return "afgebroken", None
    maanden = _maanden_sinds_afronding(tekst)
    if maanden is not None:
        return "na_afronding", maanden
    if _VERTREK.search(tekst) and _KLAAR.search(tekst):
        return "na_afronding", None
    return None


def _maanden_sinds_afronding(tekst: str) -> Decimal | None:
    """Months from finishing to leaving: "anderhalf jaar geleden", "na 10 maanden", two dates."""
    if gevonden := _GELEDEN.search(tekst):
        return lees_maanden(gevonden[0])
    if lees_maanden(tekst) is not None and _KAAL_GETAL.match(tekst):
        return lees_maanden(tekst)
    data = [(int(j), MAANDNAMEN[m.lower()]) for m, j in _MAAND_JAAR.findall(tekst)]
    if len(data) == 2 and _KLAAR.search(tekst):
        (j1, m1), (j2, m2) = data
        verschil = (j2 - j1) * 12 + (m2 - m1)
        return Decimal(verschil) if verschil >= 0 else None
    return None


_BEDRAG_IN_TEKST = re.compile(
    r"(?:€\s*(\d[\d.]*(?:,\d{1,2}|,-)?))|(?:\b(\d[\d.]*(?:,\d{1,2})?)\s*(?:euro|eur)\b)",
    re.IGNORECASE,
)


def lees_kosten(tekst: str) -> Decimal | None:
    """The largest amount in euros in a message (the study's cost, as a rule).

    >>> str(lees_kosten("Mijn master kostte 9.000 euro, ik kreeg 50% van € 2.400 terug"))
    '9000'
    >>> lees_kosten("ik werk 32 uur") is None
    True
    """
    bedragen = [
        lees_bedrag(a or b) for a, b in _BEDRAG_IN_TEKST.findall(tekst.replace("\u00a0", " "))
    ]
    gelezen = [b for b in bedragen if b is not None]
    return max(gelezen) if gelezen else None


@dataclass(frozen=True)
class Situatie:
    """The facts of a case read from a message."""

    studiekosten: Decimal | None = None
    moment: Moment | None = None
    maanden_na_afronding: Decimal | None = None

    @property
    def te_berekenen(self) -> bool:
        """Costs and a moment of leaving or stopping: enough to offer working it out."""
        return self.studiekosten is not None and self.moment is not None


def lees_situatie(tekst: str) -> Situatie:
    """Costs, and when someone leaves or stops, as far as the message says them.

    >>> s = lees_situatie("Mijn master kostte 9.000 euro en is betaald door de gemeente. "
    ...     "Ik ben anderhalf jaar geleden klaar en werk nu ergens anders.")
    >>> (str(s.studiekosten), s.moment, str(s.maanden_na_afronding), s.te_berekenen)
    ('9000', 'na_afronding', '18', True)
    """
    kosten = lees_kosten(tekst)
    gelezen = lees_vertrek(tekst) if _VERTREK.search(tekst) or _STOPPEN.search(tekst) else None
    moment, maanden = gelezen if gelezen else (None, None)
    return Situatie(kosten, moment, maanden)
