"""Load YAML with a line number for every key, so errors can name file, line and key.

Shared by the rules engine and the knowledge base: both read YAML that people write,
and both report a mistake in Dutch with its file, line and key (pydantic's errors too).

PyYAML's composed nodes carry ``start_mark``; we build plain Python objects from them
and keep a map from each location (a tuple of keys and list indices) to its line.
Duplicate keys are an error, as in OpenFisca's loader: YAML would silently keep the last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

Loc = tuple[str | int, ...]
Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader where PyYAML was built with it: about 29 times faster at composing,
with the same nodes and marks. HR's save holds the FAQ lock while it parses every file."""


class YamlFout(ValueError):
    """A YAML file that cannot be read: syntax error or duplicate key."""


@dataclass
class YamlDocument:
    """Plain data from a YAML file, with the line of every key and list item."""

    pad: Path
    data: Any
    regels: dict[Loc, int] = field(default_factory=dict)

    def regel(self, loc: Sequence[str | int]) -> int | None:
        """Return the line of the deepest known part of ``loc`` (1-based), if any.

        >>> doc = YamlDocument(Path("x.yaml"), {}, {(): 1, ("a",): 2, ("a", 0): 3})
        >>> doc.regel(("a", 0, "b"))
        3
        >>> doc.regel(("z",))
        1
        """
        sleutel = tuple(loc)
        while sleutel:
            if sleutel in self.regels:
                return self.regels[sleutel]
            sleutel = sleutel[:-1]
        return self.regels.get(())

    def plaats(self, loc: Sequence[str | int]) -> str:
        """Return ``file:line`` for ``loc``, for error messages."""
        regel = self.regel(loc)
        return f"{self.pad}:{regel}" if regel else str(self.pad)


def laad_yaml(pad: Path) -> YamlDocument:
    """Read ``pad`` and return its data with line numbers; raise YamlFout on bad YAML."""
    try:
        tekst = pad.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as fout:
        raise YamlFout(f"{pad}: kan het bestand niet lezen ({fout})") from fout
    return lees_yaml(tekst, pad)


def lees_yaml(tekst: str, pad: Path) -> YamlDocument:
    """Parse YAML text; ``pad`` is only used in messages."""
    try:
        knoop = yaml.compose(tekst, Loader=Loader)
    except yaml.MarkedYAMLError as fout:
        regel = fout.problem_mark.line + 1 if fout.problem_mark else "?"
        raise YamlFout(f"{pad}:{regel}: YAML-fout: {fout.problem}") from fout
    except yaml.YAMLError as fout:
        raise YamlFout(f"{pad}: YAML-fout: {fout}") from fout
    document = YamlDocument(pad=pad, data=None)
    if knoop is None:
        return document
    document.data = _bouw(knoop, (), document)
    return document


_SCALAR = yaml.SafeLoader(  # a constructor for scalars only; no stream is read
    ""
)


def _bouw(knoop: yaml.Node, loc: Loc, document: YamlDocument) -> Any:
    document.regels.setdefault(loc, knoop.start_mark.line + 1)
    if isinstance(knoop, yaml.MappingNode):
        uitkomst: dict[str, Any] = {}
        for sleutel_knoop, waarde_knoop in knoop.value:
            sleutel = _SCALAR.construct_object(sleutel_knoop)
            naam = str(sleutel)
            regel = sleutel_knoop.start_mark.line + 1
            if naam in uitkomst:
                raise YamlFout(f"{document.pad}:{regel}: sleutel '{naam}' staat er twee keer")
            document.regels[(*loc, naam)] = regel
            uitkomst[naam] = _bouw(waarde_knoop, (*loc, naam), document)
        return uitkomst
    if isinstance(knoop, yaml.SequenceNode):
        return [_bouw(item, (*loc, i), document) for i, item in enumerate(knoop.value)]
    return _SCALAR.construct_object(knoop)


def pydantic_problemen(fout: ValidationError, document: YamlDocument) -> list[str]:
    """Turn a pydantic error into Dutch lines with file, line and key."""
    regels = []
    for probleem in fout.errors():
        loc = probleem["loc"]
        sleutel = ".".join(str(deel) for deel in loc) or "(bestand)"
        regels.append(f"{document.plaats(loc)}: {sleutel}: {vertaal_probleem(probleem)}")
    return regels


_MELDINGEN = {
    "missing": "ontbreekt",
    "extra_forbidden": "onbekende sleutel (typfout?)",
    "bool_type": "moet true of false zijn",
    "int_type": "moet een heel getal zijn",
    "int_parsing": "moet een heel getal zijn",
    "string_type": "moet tekst zijn",
    "date_type": "moet een datum zijn (jjjj-mm-dd)",
    "date_from_datetime_parsing": "moet een datum zijn (jjjj-mm-dd)",
    "date_parsing": "moet een datum zijn (jjjj-mm-dd)",
    "decimal_parsing": "moet een getal zijn",
    "decimal_type": "moet een getal zijn",
    "finite_number": "moet een eindig getal zijn",
    "list_type": "moet een lijst zijn",
    "dict_type": "moet een lijst met sleutels zijn",
    "model_type": "moet een lijst met sleutels zijn",
    "enum": "is geen toegestane waarde",
    "literal_error": "is geen toegestane waarde",
    "greater_than_equal": "is te klein",
    "less_than_equal": "is te groot",
    "greater_than": "is te klein",
    "too_short": "is te kort of leeg",
    "string_too_short": "is leeg",
    "string_pattern_mismatch": "alleen kleine letters, cijfers, '-', '_' en '.'",
    "union_tag_invalid": "onbekende soort berekening",
    "decimal_max_digits": "is te groot",
}


def vertaal_probleem(probleem: Any) -> str:
    """A pydantic error in plain Dutch."""
    soort = probleem["type"]
    if soort == "value_error":  # our own validators word their message in Dutch
        return str(probleem.get("ctx", {}).get("error") or probleem["msg"])
    melding = _MELDINGEN.get(soort)
    if melding is None:
        return str(probleem["msg"])
    if soort in {"enum", "literal_error"}:
        verwacht = probleem.get("ctx", {}).get("expected")
        return f"{melding} (wel: {verwacht})" if verwacht else melding
    if soort in {"greater_than_equal", "greater_than", "less_than_equal"}:
        grens = next(iter(probleem.get("ctx", {}).values()), None)
        teken = {"greater_than_equal": ">=", "greater_than": ">", "less_than_equal": "<="}[soort]
        return f"moet {teken} {grens} zijn" if grens is not None else melding
    return melding
