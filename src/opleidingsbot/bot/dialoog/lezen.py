"""Read what an employee types: amounts, numbers, dates, yes and no.

Each reader returns the value, or None when the text cannot be read, so the dialogue
can ask again with a clear example. Negative amounts and nonsense are refused.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

MAX_BEDRAG = Decimal("1000000")
"""No training costs a million euros: a larger number is a typing error."""

_BEDRAG = re.compile(r"^(?:€|eur|euro)?\s*(\d[\d.\s]*(?:,(?:\d{1,2}|-{1,2}))?)\s*(?:€|eur|euro)?$")
MAANDNAMEN = {
    naam: nummer
    for nummer, namen in enumerate(
        (
            ("januari", "jan"),
            ("februari", "feb"),
            ("maart", "mrt", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augustus", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for naam in namen
}


def lees_bedrag(tekst: str) -> Decimal | None:
    """An amount in euros as Dutch people type it; None for negatives and nonsense.

    >>> [str(lees_bedrag(t)) for t in ("1.250,50", "€ 1250", "1250 euro", "1250,-", "€1.000")]
    ['1250.50', '1250', '1250', '1250', '1000']
    >>> [lees_bedrag(t) for t in ("-50", "veel", "1,2,3", "", "12.34.5", "2000000")]
    [None, None, None, None, None, None]
    """
    kaal = tekst.strip().lower().replace("\u00a0", " ")
    gevonden = _BEDRAG.match(kaal)
    if not gevonden:
        return None
    getal = gevonden.group(1).replace(" ", "").rstrip("-").rstrip(",")
    heel, _, centen = getal.partition(",")
    groepen = heel.split(".")
    if len(groepen) > 1 and not all(len(g) == 3 for g in groepen[1:]):
        return None  # "12.34" is not a Dutch thousands separator
    try:
        bedrag = Decimal("".join(groepen) + (f".{centen}" if centen else ""))
    except InvalidOperation:
        return None
    return bedrag if bedrag <= MAX_BEDRAG else None


def lees_getal(tekst: str, minimum: int = 0, maximum: int = 240) -> Decimal | None:
    """A number (months, hours) within bounds; a comma or point for a fraction.

    At most two decimals: "8,00000000000001" is a slip of the keyboard, not a number.

    >>> [lees_getal(t) for t in ("36", "4,5", " 12 maanden", "-3", "999", "twaalf")]
    [Decimal('36'), Decimal('4.5'), Decimal('12'), None, None, None]
    >>> lees_getal("8,00000000000001") is None
    True
    """
    gevonden = re.match(r"^\s*(-?\d+(?:[.,]\d{1,2})?)\s*[a-z]*\s*$", tekst.lower())
    if not gevonden:
        return None
    getal = Decimal(gevonden.group(1).replace(",", "."))
    return getal if minimum <= getal <= maximum else None


def lees_datum(tekst: str, vandaag: dt.date) -> dt.date | None:
    """A start date: "1-9-2027", "2027-09-01", "september 2027" or "sep 27" (the 1st).

    >>> d = dt.date(2026, 11, 23)
    >>> {lees_datum(t, d) for t in ("1-9-2027", "2027-09-01", "september 2027", "sep 27")}
    {datetime.date(2027, 9, 1)}
    >>> [lees_datum(t, d) for t in ("31-2-2027", "morgen", "1-1-1990")]
    [None, None, None]
    """
    kaal = tekst.strip().lower()
    datum: dt.date | None = None
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", kaal):
            datum = dt.date(int(m[1]), int(m[2]), int(m[3]))
        elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})", kaal):
            datum = dt.date(_jaar(m[3]), int(m[2]), int(m[1]))
        elif (m := re.fullmatch(r"([a-z]+)\.?\s+'?(\d{2}|\d{4})", kaal)) and m[1] in MAANDNAMEN:
            datum = dt.date(_jaar(m[2]), MAANDNAMEN[m[1]], 1)
    except ValueError:
        return None
    if datum is None or not vandaag.year - 5 <= datum.year <= vandaag.year + 10:
        return None
    return datum


def _jaar(tekst: str) -> int:
    return int(tekst) + 2000 if len(tekst) == 2 else int(tekst)


JA = frozenset({"ja", "j", "jawel", "yes", "klopt", "ok", "oke", "oké", "zeker", "jazeker"})
NEE = frozenset({"nee", "n", "neen", "no", "niet", "nope"})


BEAAMD = frozenset({"graag", "prima", "goed", "doe", "maar", "dat", "is", "reken", "uit", "dan"})
"""Words that may follow a yes ("ja graag", "ja, reken maar uit")."""
AFGESLAGEN = frozenset({"dank", "je", "bedankt", "hoeft", "niet", "hoor", "liever"})
"""Words that may follow a no ("nee, dank je", "nee hoor")."""


def lees_ja_nee(tekst: str) -> bool | None:
    """Yes or no, in a word or a short reply that starts with one; None otherwise.

    >>> [lees_ja_nee(t) for t in ("Ja", "nee!", "klopt", "ja graag", "nee, dank je")]
    [True, False, True, True, False]
    >>> [lees_ja_nee(t) for t in ("misschien", "ja maar hoeveel dan?", "graag")]
    [None, None, True]
    """
    if tekst.rstrip().endswith("?"):
        return None
    woorden = re.findall(r"[a-zé]+", tekst.lower())
    if not woorden:
        return None
    eerste, rest = woorden[0], set(woorden[1:])
    if (eerste in JA and rest <= BEAAMD) or woorden == ["graag"]:
        return True
    if eerste in NEE and rest <= AFGESLAGEN:
        return False
    return None


_VRAAGWOORDEN = frozenset(
    [
        "hoe",
        "hoeveel",
        "wat",
        "wanneer",
        "waar",
        "waarom",
        "wie",
        "welke",
        "welk",
        "moet",
        "mag",
        "kan",
        "kun",
        "krijg",
        "wordt",
        "word",
        "is",
        "ben",
        "heb",
        "geldt",
        "telt",
        "betaalt",
        "vergoedt",
    ]
)


def lijkt_vraag(tekst: str) -> bool:
    """A typed question (not an answer to the current step).

    >>> [lijkt_vraag(x) for x in ("moet ik terugbetalen?", "Hbo Bestuurskunde", "hoe zit dat")]
    [True, False, True]
    """
    woorden = re.findall(r"[a-zà-ÿ]+", tekst.lower())
    return tekst.rstrip().endswith("?") or (len(woorden) >= 3 and woorden[0] in _VRAAGWOORDEN)
