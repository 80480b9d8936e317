"""Dutch normalisation for matching: case, accents, punctuation, stop words, synonyms, stems.

"Krijg ik opleidingsverlof?" and "hoeveel studieverlof krijg je" must meet on the same
words. Compound words the index knows are split ("studiekosten" → "studie kosten"),
so a question can match on either part.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Set
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process

from opleidingsbot.knowledge.taal import lemma, zipf

STOPWOORDEN = frozenset(
    [
        "met",
        "mag",
        "krijg",
        "krijgen",
        "ben",
        "daar",
        "daarvoor",
        "nou",
        "toch",
        "uit",
        "bv",
        "gaan",
        "doen",
        "iets",
        "soort",
        "er",
        "dat",
        "deze",
        "dit",
        "hun",
        "ermee",
        "erachter",
        "aan",
        "af",
        "al",
        "als",
        "bij",
        "dan",
        "dat",
        "de",
        "den",
        "der",
        "des",
        "die",
        "dit",
        "door",
        "dus",
        "een",
        "en",
        "er",
        "ga",
        "gaat",
        "had",
        "heb",
        "hebben",
        "heeft",
        "het",
        "hier",
        "hij",
        "hun",
        "ik",
        "in",
        "is",
        "ja",
        "je",
        "jij",
        "jou",
        "jouw",
        "kan",
        "kun",
        "kunnen",
        "kunt",
        "maar",
        "me",
        "meer",
        "mij",
        "mijn",
        "moet",
        "moeten",
        "na",
        "naar",
        "nog",
        "nu",
        "of",
        "om",
        "ook",
        "op",
        "over",
        "te",
        "tot",
        "u",
        "uw",
        "van",
        "veel",
        "voor",
        "wat",
        "we",
        "wel",
        "wij",
        "wil",
        "wilt",
        "word",
        "wordt",
        "worden",
        "zal",
        "ze",
        "zelf",
        "zich",
        "zij",
        "zijn",
        "zo",
        "zou",
        "zit",
        "even",
        "graag",
        "eigenlijk",
        "precies",
        "gewoon",
        "mn",
        "m'n",
        "ff",
        "effe",
        "bijv",
        "svp",
        "pls",
        "plz",
        "welke",
        "welk",
    ]
) | frozenset(
    # how a question is put, not what it asks: polite and formal frames ("kunt u mij
    # mededelen", "graag verneem ik"), worry ("ik lig er wakker van"), and the names of
    # the employers themselves (every entry of an employer is about that employer)
    [
        "alstublieft",
        "alsjeblieft",
        "beleefd",
        "benieuwd",
        "daarover",
        "hierover",
        "mededelen",
        "meedelen",
        "vernemen",
        "verneem",
        "vertellen",
        "uitleggen",
        "toelichten",
        "informeren",
        "vragen",
        "vraag",
        "vroeg",
        "afvragen",
        "weten",
        "zeggen",
        "begrijpen",
        "snap",
        "snappen",
        "help",
        "helpen",
        "hulp",
        "hallo",
        "hoi",
        "hey",
        "beste",
        "geachte",
        "dank",
        "bedankt",
        "alvast",
        "groet",
        "groeten",
        "vriendelijke",
        "mvg",
        "bang",
        "zorgen",
        "zorg",
        "ongerust",
        "bezorgd",
        "wakker",
        "nerveus",
        "spannend",
        "eerlijk",
        "gezegd",
        "echt",
        "heel",
        "erg",
        "zeker",
        "misschien",
        "beetje",
        "haarlem",
        "capelle",
        "ijssel",
        "kaag",
        "braassem",
    ]
)

SYNONIEMEN: dict[str, str] = {
    # training
    "cursus": "opleiding",
    "cursussen": "opleiding",
    "training": "opleiding",
    "trainingen": "opleiding",
    "studie": "opleiding",
    "studies": "opleiding",
    "opleidingen": "opleiding",
    "leergang": "opleiding",
    "scholing": "opleiding",
    "opleidingsverlof": "studieverlof",
    "studieuren": "studieverlof",
    "studietijd": "studieverlof",
    # repayment
    "terugbetalingsverplichting": "terugbetalen",
    "terugbetaling": "terugbetalen",
    "terugbetalingsregeling": "terugbetalen",
    "terugbetaal": "terugbetalen",
    "terugbetaald": "terugbetalen",
    "terugbetalingsplicht": "terugbetalen",
    "teruggeven": "terugbetalen",
    "terugstorten": "terugbetalen",
    "terugvorderen": "terugbetalen",
    # people
    "manager": "leidinggevende",
    "baas": "leidinggevende",
    "lg": "leidinggevende",
    "chef": "leidinggevende",
    "afdelingshoofd": "leidinggevende",
    "teamleider": "leidinggevende",
    # money
    "vergoed": "vergoeding",
    "vergoeden": "vergoeding",
    "vergoedt": "vergoeding",
    "betaald": "vergoeding",
    "betaalt": "vergoeding",
    "betalen": "vergoeding",
    "kost": "kosten",
    "prijs": "kosten",
    # plans and budgets
    "ontwikkelplan": "pop",
    "ontwikkelingsplan": "pop",
    "popgesprek": "pop",
    "keuzebudget": "ikb",
    "bedrijfshulpverlening": "bhv",
    "weg": "weggaan",
    "vertrek": "weggaan",
    "vertrekken": "weggaan",
    "ontslag": "weggaan",
    "opzeggen": "weggaan",
    "stoppen": "stop",
    "stopt": "stop",
    "afbreken": "stop",
    "afgebroken": "stop",
    "kappen": "stop",
    "ophouden": "stop",
    "stopzetten": "stop",
    "tentamen": "examen",
    "tentamens": "examen",
    "examens": "examen",
    "toets": "examen",
    "declareren": "declaratie",
    "voorschieten": "declaratie",
    "voorgeschoten": "declaratie",
    # decisions and objections
    "afgewezen": "afwijzing",
    "afwijzen": "afwijzing",
    "afgekeurd": "afwijzing",
    "afkeuren": "afwijzing",
    "beroep": "bezwaar",
    "knoop": "beslissen",
    "doorhakken": "beslissen",
    "beslist": "beslissen",
    "besluit": "beslissen",
    "besluiten": "beslissen",
    # travel
    "trein": "reiskosten",
    "treinkosten": "reiskosten",
    "ov": "reiskosten",
    "reisgeld": "reiskosten",
    "kilometervergoeding": "reiskosten",
    # delay
    "uitloop": "vertraging",
    "uitlopen": "vertraging",
    "uitloopt": "vertraging",
    "vertraagd": "vertraging",
    "concernplan": "opleidingsplan",
    # chat abbreviations
    "hvl": "hoeveel",
    "hvel": "hoeveel",
    "opl": "opleiding",
    "oplding": "opleiding",
    "afd": "afdeling",
    "wrm": "waarom",
    "wnr": "wanneer",
    "ivm": "verband",
    "mbt": "over",
    "evt": "eventueel",
    "concernopleidingsplan": "opleidingsplan",
    "declaratie": "declaratie",
    "bonnetjes": "declaratie",
    "bonnetje": "declaratie",
    "aeno": "aofonds",
}

_TEKEN = re.compile(r"[^a-z0-9€]+")
_STEMMER = snowballstemmer.stemmer("dutch")


@lru_cache(maxsize=65536)
def zonder_accenten(tekst: str) -> str:
    """Strip accents and diacritics.

    >>> zonder_accenten("geëvalueerd café")
    'geevalueerd cafe'
    """
    vorm = unicodedata.normalize("NFKD", tekst)
    return "".join(c for c in vorm if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def stam(woord: str) -> str:
    """The Dutch Snowball stem, so "terugbetaling" and "terugbetalen" meet.

    >>> [stam(w) for w in ("opleidingen", "kosten", "terugbetaling", "terugbetalen", "bhv")]
    ['opleid', 'kost', 'terugbetaal', 'terugbetaal', 'bhv']
    """
    return str(_STEMMER.stemWord(woord))


VASTE_COMBINATIES: dict[tuple[str, ...], str] = {
    ("van", "werk", "naar", "werk"): "vwnw",
    ("hoe", "lang"): "hoelang",
    ("hoe", "veel"): "hoeveel",
    ("a", "o", "fonds"): "aofonds",
    ("a", "en", "o", "fonds"): "aofonds",
    ("aeno", "fonds"): "aofonds",
    ("a", "o"): "aofonds",
    ("individueel", "keuzebudget"): "ikb",
    ("individuele", "keuzebudget"): "ikb",
    ("persoonlijk", "ontwikkelplan"): "pop",
    ("persoonlijk", "ontwikkelingsplan"): "pop",
    ("persoonlijke", "ontwikkelplan"): "pop",
    ("persoonlijk", "ontwikkelings", "plan"): "pop",
    ("ontwikkelings", "plan"): "pop",
    ("km", "vergoeding"): "reiskosten",
    ("terug", "betalen"): "terugbetalen",
    ("terug", "storten"): "terugbetalen",
}
"""Word groups that mean one thing, as the words come out of the text ("a&o" gives "a o")."""
_LANGSTE = max(map(len, VASTE_COMBINATIES))
_BEGIN = frozenset(groep[0] for groep in VASTE_COMBINATIES)


def _combineer(woorden_: list[str], vormen: list[str]) -> list[tuple[str, str]]:
    """Replace the longest fixed word group at each position by its one word.

    Each word comes out beside its written form; a group's form is its words joined.
    """
    uit: list[tuple[str, str]] = []
    i = 0
    while i < len(woorden_):
        if woorden_[i] not in _BEGIN:
            uit.append((woorden_[i], vormen[i]))
            i += 1
            continue
        for lengte in range(min(_LANGSTE, len(woorden_) - i), 0, -1):
            samen = VASTE_COMBINATIES.get(tuple(woorden_[i : i + lengte]))
            if samen:
                uit.append((samen, " ".join(vormen[i : i + lengte])))
                i += lengte
                break
        else:
            uit.append((woorden_[i], vormen[i]))
            i += 1
    return uit


def woorden(tekst: str) -> list[str]:
    """Lowercase, accent-free dictionary forms without punctuation, synonyms made one."""
    return [w for w, _ in _met_vorm(tekst)]


_GESCHREVEN = re.compile(r"[a-z0-9€\u00c0-\u024f]+")


def _met_vorm(tekst: str) -> list[tuple[str, str]]:
    """Each word as the matcher reads it, beside the form it was written in.

    A word becomes its lemma ("besloten" → "besluiten"), loses its accents and takes its
    synonym: that of the written form first, so a synonym for one form still holds.
    """
    paren = [
        deel for geschreven in _GESCHREVEN.findall(tekst.lower()) for deel in _delen(geschreven)
    ]
    if not _BEGIN.isdisjoint(w for w, _ in paren):
        paren = _combineer([w for w, _ in paren], [v for _, v in paren])
    return [(_kern(woord, vorm), vorm) for woord, vorm in paren]


@lru_cache(maxsize=131072)
def _delen(geschreven: str) -> tuple[tuple[str, str], ...]:
    """A written word's accent-free parts ("a&o" gives two), each beside the written word."""
    return tuple(
        (deel, geschreven) for deel in _TEKEN.sub(" ", zonder_accenten(geschreven)).split()
    )


@lru_cache(maxsize=131072)
def _kern(woord: str, vorm: str) -> str:
    """The word as the matcher reads it: its synonym, or its lemma's (see ``_met_vorm``)."""
    if woord in SYNONIEMEN:
        return SYNONIEMEN[woord]
    kern = woord
    if woord.isalpha() and woord == zonder_accenten(vorm):  # the whole written word
        kern = _TEKEN.sub("", zonder_accenten(lemma(vorm))) or woord
    return SYNONIEMEN.get(kern, kern)


def normaliseer(
    tekst: str, woordenschat: Iterable[str] = (), gezien: Set[str] = frozenset()
) -> list[str]:
    """Return the stemmed content words of ``tekst``; split compounds the index knows.

    ``woordenschat`` holds the stems compounds are split into and typos corrected to;
    stems in ``gezien`` are kept as they are.

    >>> normaliseer("Krijg ik mijn Studiekosten vergoed?", {"opleid", "kost"})
    ['opleid', 'kost', 'vergoed']
    """
    return [stam_ for stam_, _ in lees(tekst, woordenschat, gezien)]


def lees(
    tekst: str, woordenschat: Iterable[str] = (), gezien: Set[str] = frozenset()
) -> list[tuple[str, float]]:
    """Like ``normaliseer``, each stem beside how common its written word is (Zipf).

    A compound's parts share the compound's (low) frequency: "studiekosten" is no
    ordinary word, even if "kosten" is.
    """
    bekend = woordenschat if isinstance(woordenschat, (set, frozenset)) else set(woordenschat)
    uitkomst: list[tuple[str, float]] = []
    for woord, vorm in _met_vorm(tekst):
        if woord in STOPWOORDEN:
            continue
        frequentie = zipf(vorm)
        uitkomst.extend((deel, frequentie) for deel in _splits(woord, bekend, gezien))
    return uitkomst


def _splits(woord: str, bekend: Set[str], gezien: Set[str]) -> list[str]:
    """Split a compound into two known stems (with an optional linking s), else stem it.

    A stem in ``gezien`` (the index has it, if only from one phrasing) stays as it is.
    An unknown word too short to be a compound (under 8 letters) may still be a typo.
    """
    gestamd = stam(woord)
    if not bekend or gestamd in bekend or gestamd in gezien:
        return [gestamd]
    if len(woord) < 8:
        return [_verbeter(gestamd, bekend)]
    for i in range(4, len(woord) - 3):
        links, rechts = woord[:i], woord[i:]
        for kandidaat in (links, links[:-1] if links.endswith("s") else links):
            eerste = stam(SYNONIEMEN.get(kandidaat, kandidaat))
            tweede = stam(SYNONIEMEN.get(rechts, rechts))
            if eerste in bekend and tweede in bekend:
                return [eerste, tweede]
    return [_verbeter(gestamd, bekend)]


TYPO_GRENS = 85.0


def _verbeter(gestamd: str, bekend: Set[str]) -> str:
    """A typo's nearest known stem ("studiefaciliteten" → "studiefaciliteit"), else itself.

    Of equally near stems the first in alphabetical order wins, in every process. Only
    stems of a length that can reach ``TYPO_GRENS`` are compared: fuzz.ratio is
    2·matches / (len a + len b), so a stem more than about a third longer or a quarter
    shorter never scores 85.
    """
    if len(gestamd) < 6 or not TYPO_GRENS:
        return gestamd
    per_lengte = _per_lengte(bekend if isinstance(bekend, frozenset) else frozenset(bekend))
    grens = TYPO_GRENS / 100
    kortst = math.ceil(len(gestamd) * grens / (2 - grens))
    langst = math.floor(len(gestamd) * (2 - grens) / grens)
    gevonden = [
        (-beste[1], str(beste[0]))
        for n in range(kortst, langst + 1)
        if (
            beste := process.extractOne(
                gestamd, per_lengte.get(n, ()), scorer=fuzz.ratio, score_cutoff=TYPO_GRENS
            )
        )
    ]
    return min(gevonden)[1] if gevonden else gestamd


@lru_cache(maxsize=8)
def _per_lengte(bekend: frozenset[str]) -> dict[int, tuple[str, ...]]:
    """The vocabulary by word length, once (a matcher's frozenset lives as long as it)."""
    groepen: dict[int, list[str]] = {}
    for woord in bekend:
        groepen.setdefault(len(woord), []).append(woord)
    return {n: tuple(sorted(woorden)) for n, woorden in groepen.items()}
