"""Load YAML with a line number for every key, so errors can name file, line and key.

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
