"""The schema of a regeling file: strict, so a typo names its file, line and key.

One YAML file per version of a regeling. It declares its documents, its period of
validity (``geldig_tot`` inclusive; ``null`` means still in force), derived facts,
and an ordered list of decision tables. See ``rules/HANDLEIDING.md`` for HR.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Naam = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.\-]*$")]


class Document(_Strikt):
    """A source document a row can cite."""

    titel: str
    bestand: str | None = None
    beschikbaar: bool = True
    """False for a document the sources mention but we do not have."""


class BronVerwijzing(_Strikt):
    """Where a row's rule stands: a declared document and its article or paragraph."""

    document: str
    artikel: str


class Percentage(_Strikt):
    """Repay this share of the grondslag (Capelle artikel 8 lid 2 and 4)."""

    soort: Literal["percentage"]
    percentage: Annotated[int, Field(ge=0, le=100)]
    grondslag: str = "vergoeding.bedrag"


class Staffel(_Strikt):
    """Repay by the months after the end of the study, per the quote's staffel."""

    soort: Literal["staffel"]
    grondslag: str = "vergoeding.bedrag"


class ProRata(_Strikt):
    """Repay 1/termijn of the grondslag for every full month short of the term."""

    soort: Literal["pro_rata"]
    termijn_maanden: Annotated[int, Field(gt=0, le=120)]
    grondslag: str = "vergoeding.bedrag"


Berekening = Annotated[Percentage | Staffel | ProRata, Field(discriminator="soort")]


class TredeSpec(_Strikt):
    """A step of a staffel: up to and including ``tot_maanden_na_afronding`` months."""

    tot_maanden_na_afronding: Annotated[int, Field(ge=0, le=120)]
    percentage: Annotated[int, Field(ge=0, le=100)]


class Uitkomsten(_Strikt):
    """What a row sets in the quote. Every key is optional; each is checked on its type."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    categorie: str | None = None
    vergoeding_percentage: Annotated[int, Field(ge=0, le=100)] | None = Field(
        None, alias="vergoeding.percentage"
    )
    vergoeding_alternatieven: list[Annotated[int, Field(ge=0, le=100)]] | None = Field(
        None, alias="vergoeding.alternatieven"
    )
    vergoeding_toelichting: str | None = Field(None, alias="vergoeding.toelichting")
    verlof_toelichting: str | None = Field(None, alias="verlof.toelichting")
    verlof_examen_voorbereiding_max_uren_per_jaar: Decimal | None = Field(
        None, alias="verlof.examen_voorbereiding_max_uren_per_jaar"
    )
    verlof_in_werktijd: str | None = Field(None, alias="verlof.in_werktijd")
    terugbetaling_van_toepassing: bool | None = Field(None, alias="terugbetaling.van_toepassing")
    terugbetaling_drempel: Decimal | None = Field(None, alias="terugbetaling.drempel")
    terugbetaling_staffel: list[TredeSpec] | None = Field(None, alias="terugbetaling.staffel")
    terugbetaling_toelichting: str | None = Field(None, alias="terugbetaling.toelichting")
    terugbetaling_berekening: Berekening | None = Field(None, alias="terugbetaling.berekening")


class Rij(_Strikt):
    """A row of a decision table: if every cell in ``als`` holds, ``dan`` applies."""

    id: Annotated[str, Field(min_length=1)]
    als: dict[str, Any] = Field(default_factory=dict)
    dan: dict[str, Any] = Field(default_factory=dict)
    bron: list[BronVerwijzing]
    uitleg: Annotated[str, Field(min_length=1)]
    voorwaarden: list[str] = Field(default_factory=list)
    open_vragen: list[str] = Field(default_factory=list)
    interpretatie: list[str] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _lijsten(cls, data: Any) -> Any:
        """Accept a single ``bron`` or ``interpretatie`` where a list is meant."""
        if isinstance(data, dict):
            for sleutel in ("bron", "interpretatie"):
                if isinstance(data.get(sleutel), dict | str):
                    data = {**data, sleutel: [data[sleutel]]}
        return data


class Tabel(_Strikt):
    """A decision table with a hit policy.

    ``uniek``: at most one row may apply; two at once is an error. ``eerste``: the
    first row that applies, from top to bottom, wins. ``verzamel``: every row that
    applies adds its outcome (for conditions and notes).
    """

    id: Naam
    vraag: str
    hit_policy: Literal["uniek", "eerste", "verzamel"] = "uniek"
    alleen_met: list[Literal["vertrek", "kosten", "opleiding"]] = Field(default_factory=list)
    rijen: Annotated[list[Rij], Field(min_length=1)]


class Afgeleid(_Strikt):
    """A derived fact: the sum of other facts (amounts)."""

    som: Annotated[list[str], Field(min_length=1)]
    vraag: str | None = None
    geld: bool = True


class RegelingBestand(_Strikt):
    """One version of one employer's regeling."""

    id: Naam
    gemeente: Naam
    gemeente_naam: str
    naam: str
    geldig_van: dt.date
    geldig_tot: dt.date | None = None
    documenten: dict[str, Document]
    vragen: dict[str, str] = Field(default_factory=dict)
    afgeleid: dict[str, Afgeleid] = Field(default_factory=dict)
    kenmerken: dict[str, list[str]] = Field(default_factory=dict)
    vergoedbare_kosten: str
    """The fact whose amount the reimbursement percentage applies to."""
    tabellen: Annotated[list[Tabel], Field(min_length=1)]

    @model_validator(mode="after")
    def _periode(self) -> RegelingBestand:
        if self.geldig_tot is not None and self.geldig_tot < self.geldig_van:
            raise ValueError("geldig_tot ligt voor geldig_van")
        return self


class Scenario(_Strikt):
    """An OpenFisca-style test: an intake and the quote fields it must give."""

    naam: str
    intake: dict[str, Any]
    verwacht: dict[str, Any] = Field(default_factory=dict)
    verwacht_rijen: list[str] = Field(default_factory=list)
    verwacht_bronnen: list[BronVerwijzing] = Field(default_factory=list)
