"""Spreadsheet files as rows of text cells: CSV or XLSX, chosen by the file's extension.

CSV is written as UTF-8 with a byte order mark and ``;`` between fields: Excel with
Dutch settings then shows accents right and puts each field in its own column. On
reading, a header without ``;`` but with ``,`` is read with ``,``. XLSX (openpyxl,
because HR opens the file in Excel) keeps every cell as text, so Excel turns neither a
date nor ``=...`` into something else. Row numbers are the ones Excel shows: the header
is row 1.

A CSV cell that starts like a formula (``=``, ``+``, ``-``, ``@``, tab or carriage
return) gets a leading ``'``, as OWASP advises against CSV injection: Excel then shows
text instead of running ``=HYPERLINK(...)`` typed into the bot by anyone. Reading
takes that one ``'`` off again, so an export read back changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

SCHEIDING = ";"
_FORMULE = re.compile(r"'*[=+\-@\t\r]")
"""A cell Excel would read as a formula, also after the quotes that neutralise it."""

Rij = dict[str, str]


class InvoerFout(ValueError):
    """A spreadsheet that cannot be read as rows: each problem with row and column."""

    def __init__(self, problemen: list[str]) -> None:
        self.problemen = problemen
        super().__init__("\n".join(problemen))


def schrijf_spreadsheet(
    pad: Path, kolommen: Sequence[str], rijen: Sequence[Rij], breedtes: dict[str, int]
) -> None:
    """Write a header and the rows to ``.csv`` or ``.xlsx``."""
    if soort(pad) == "csv":
        with pad.open("w", encoding="utf-8-sig", newline="") as uit:
            schrijver = csv.writer(uit, delimiter=SCHEIDING, lineterminator="\r\n")
            schrijver.writerow(kolommen)
            schrijver.writerows([neutraliseer(rij[k]) for k in kolommen] for rij in rijen)
    else:
        _schrijf_xlsx(pad, kolommen, rijen, breedtes)


def lees_spreadsheet(
    pad: Path, kolommen: Sequence[str], optioneel: Sequence[str] = ()
) -> list[tuple[int, Rij]]:
    """The rows with their row number; blank rows are skipped.

    Every column must be there, except those in ``optioneel`` (an older file may lack
    them): a missing optional column reads as empty cells.
    """
    cellen_per_rij = _lees_csv(pad) if soort(pad) == "csv" else _lees_xlsx(pad)
    if not cellen_per_rij:
        raise InvoerFout([f"{pad.name}: het bestand is leeg"])
    kop = [k.strip().lower() for k in cellen_per_rij[0]]
    ontbreekt = [k for k in kolommen if k not in kop and k not in optioneel]
    if ontbreekt:
        raise InvoerFout([f"{pad.name} rij 1, kolom {k}: ontbreekt" for k in ontbreekt])
    uitkomst = []
    for nummer, ruw in enumerate(cellen_per_rij[1:], start=2):
        cellen = [c.replace("\r\n", "\n").replace("\r", "\n") for c in ruw]
        if not any(c.strip() for c in cellen):
            continue
        cellen += [""] * (len(kop) - len(cellen))
        uitkomst.append((nummer, {k: cellen[kop.index(k)] if k in kop else "" for k in kolommen}))
    return uitkomst


def neutraliseer(cel: str) -> str:
    """A CSV cell that no spreadsheet runs as a formula.

    >>> neutraliseer("=1+1"), neutraliseer("-50"), neutraliseer("'=1"), neutraliseer("@x")
    ("'=1+1", "'-50", "''=1", "'@x")
    >>> neutraliseer("Wat is een pop?")
    'Wat is een pop?'
    """
    return "'" + cel if _FORMULE.match(cel) else cel


def herstel(cel: str) -> str:
    """The cell as it was before ``neutraliseer``.

    >>> herstel("'-50"), herstel("''=1"), herstel("'s middags")
    ('-50', "'=1", "'s middags")
    """
    return cel[1:] if cel.startswith("'") and _FORMULE.match(cel[1:]) else cel


def soort(pad: Path) -> str:
    """``csv`` or ``xlsx``, from the file name."""
    uitkomst = pad.suffix.lower().lstrip(".")
    if uitkomst not in {"csv", "xlsx"}:
        raise InvoerFout([f"{pad.name}: de naam moet eindigen op .csv of .xlsx"])
    return uitkomst


def _lees_csv(pad: Path) -> list[list[str]]:
    if not pad.is_file():
        raise InvoerFout([f"{pad.name}: bestand niet gevonden ({pad})"])
    try:
        tekst = pad.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as fout:
        raise InvoerFout(
            [f"{pad.name}: dit is geen UTF-8. Sla het in Excel op als 'CSV UTF-8'."]
        ) from fout
    except OSError as fout:
        raise InvoerFout([f"{pad.name}: kan het bestand niet lezen ({fout.strerror})"]) from fout
    kop = tekst.split("\n", 1)[0]
    scheiding = "," if SCHEIDING not in kop and "," in kop else SCHEIDING
    try:
        rijen = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
        return [[herstel(cel) for cel in rij] for rij in rijen]
    except csv.Error as fout:
        raise InvoerFout([f"{pad.name}: geen geldige CSV ({fout})"]) from fout


def _lees_xlsx(pad: Path) -> list[list[str]]:
    from openpyxl import load_workbook  # only here: it takes a while to import
    from openpyxl.utils.exceptions import InvalidFileException

    if not pad.is_file():
        raise InvoerFout([f"{pad.name}: bestand niet gevonden ({pad})"])
    try:
        boek = load_workbook(pad, read_only=True, data_only=True)
    except (OSError, InvalidFileException, zipfile.BadZipFile, KeyError) as fout:
        raise InvoerFout(
            [f"{pad.name}: kan het Excel-bestand niet lezen. Is het wel een .xlsx-bestand?"]
        ) from fout
    try:
        blad = boek.worksheets[0]
        return [[_tekst(c) for c in rij] for rij in blad.iter_rows(values_only=True)]
    finally:
        boek.close()


def _tekst(waarde: object) -> str:
    """A cell as text; Excel may have turned a typed date or number into one."""
    if waarde is None:
        return ""
    if isinstance(waarde, dt.datetime):
        return waarde.date().isoformat()
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde)


def _schrijf_xlsx(
    pad: Path, kolommen: Sequence[str], rijen: Sequence[Rij], breedtes: dict[str, int]
) -> None:
    from openpyxl import Workbook  # only here: it takes a while to import
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import IllegalCharacterError

    boek = Workbook()
    blad = boek.active
    assert blad is not None
    blad.title = "faq"
    blad.append(list(kolommen))
    for cel in blad[1]:
        cel.font = Font(bold=True)
    for nummer, rij in enumerate(rijen, start=2):
        try:
            blad.append([rij[k] for k in kolommen])
        except IllegalCharacterError as fout:
            raise InvoerFout(
                [f"rij {nummer}: bevat een teken dat Excel niet kan opslaan"]
            ) from fout
    for kolom in blad.iter_cols(min_row=2):
        for cel in kolom:
            cel.data_type = "s"  # text, also when it starts with "=": never a formula
            cel.alignment = Alignment(wrap_text=True, vertical="top")
    for i, naam in enumerate(kolommen, start=1):
        blad.column_dimensions[get_column_letter(i)].width = breedtes.get(naam, 16)
    blad.freeze_panes = "A2"
    boek.save(pad)
