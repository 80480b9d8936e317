"""Write FAQ files and single entries as YAML that reads back to the same model.

A file is replaced atomically: a temporary file beside it, synced, then renamed.

The layout follows the hand-written files: keys in the model's order, lists indented
under their key, tags on one line, answers folded at 88 columns (literal when they hold
line breaks), and a blank line between entries. Other scalars are never split over
lines, however long. Reading the text back gives exactly the same model values.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any

import yaml

from opleidingsbot.knowledge.faq import FaqBestand, FaqItem

BREEDTE = 88


class _Blok(str):
    """A text written as a block: folded, or literal when it holds line breaks."""

    __slots__ = ()


class _Regel(list[str]):
    """A short list written on one line: ``[a, b]``."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent block lists under their key ("  - id: ..."), as in the hand-written files.
        super().increase_indent(flow, False)

    # Only block texts are folded at BREEDTE; a plain or quoted scalar stays on one line.
    def write_plain(self, text: str, split: bool = True) -> None:
        super().write_plain(text, False)

    def write_single_quoted(self, text: str, split: bool = True) -> None:
        super().write_single_quoted(text, False)

    def write_double_quoted(self, text: str, split: bool = True) -> None:
        super().write_double_quoted(text, False)

    def ignore_aliases(self, data: Any) -> bool:
        # Equal dates are equal values, not one shared object: no "&id001" in the files.
        return True


# PyYAML writes these raw in plain and single-quoted style and reads them back as a
# line break (or a space); double quotes escape them.
_ANDERE_REGELEINDES = frozenset("\x85\u2028\u2029")


def _tekst(dumper: yaml.SafeDumper, tekst: str) -> yaml.ScalarNode:
    stijl = '"' if _ANDERE_REGELEINDES.intersection(tekst) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", tekst, style=stijl)


def _blok(dumper: yaml.SafeDumper, tekst: _Blok) -> yaml.ScalarNode:
    if _ANDERE_REGELEINDES.intersection(tekst):
        return _tekst(dumper, str(tekst))
    stijl = "|" if "\n" in tekst else ">"
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(tekst), style=stijl)


def _regel(dumper: yaml.SafeDumper, lijst: _Regel) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(lijst), flow_style=True)


_Dumper.add_representer(str, _tekst)
_Dumper.add_representer(_Blok, _blok)
_Dumper.add_representer(_Regel, _regel)


def vraag_data(vraag: FaqItem) -> dict[str, Any]:
    """The entry as plain data in the model's key order, ready for YAML."""
    data = vraag.model_dump(mode="python")
    data["bron"] = [dict(b) for b in data["bron"]]
    data["antwoord"] = _Blok(vraag.antwoord)
    data["tags"] = _Regel(vraag.tags)
    if vraag.wist_je_dat is None:
        del data["wist_je_dat"]
    else:
        data["wist_je_dat"] = _Blok(vraag.wist_je_dat)
    return data


def dump(data: Any) -> str:
    """YAML text for plain data built by vraag_data and friends."""
    tekst: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=BREEDTE,
        default_flow_style=False,
    )
    return tekst


def bestand_naar_yaml(bestand: FaqBestand) -> str:
    """One FAQ file as YAML text, with a blank line between entries."""
    data = {
        "gemeente": bestand.gemeente,
        "documenten": dict(bestand.documenten),
        "vragen": [vraag_data(v) for v in bestand.vragen],
    }
    tekst = dump(data)
    # Every entry starts with its id; the first follows "vragen:" directly.
    return re.sub(r"(?<!\nvragen:)\n(  - id: )", r"\n\n\1", tekst)


def vraag_naar_yaml(vraag: FaqItem, versie: str | None = None) -> str:
    """One entry as YAML text, with its version last when given (for ``faq show --yaml``)."""
    data = vraag_data(vraag)
    if versie is not None:
        data["versie"] = versie
    return dump(data)


def schrijf_atomisch(pad: Path, tekst: str) -> None:
    """Replace ``pad`` by ``tekst``: a temporary file beside it, synced, then renamed."""
    fd, naam = tempfile.mkstemp(dir=pad.parent, prefix=f".{pad.name}.", suffix=".tmp")
    tijdelijk = Path(naam)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as bestand:
            bestand.write(tekst)
            bestand.flush()
            os.fsync(bestand.fileno())
        try:
            os.chmod(tijdelijk, stat.S_IMODE(pad.stat().st_mode))
        except FileNotFoundError:
            os.chmod(tijdelijk, 0o644)
        os.replace(tijdelijk, pad)
    except BaseException:
        tijdelijk.unlink(missing_ok=True)
        raise
    sync_map(pad.parent)


def sync_map(map_: Path) -> None:
    """Make the rename durable; not possible (nor needed) on Windows."""
    if os.name == "nt":  # pragma: no cover
        return
    fd = os.open(map_, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
