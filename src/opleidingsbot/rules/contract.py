"""The public shape of the rules engine: an Intake in, an Offerte out.

Field names follow ``shared/contracts/offerte.md`` exactly. Extra fields in an
Intake are refused, so a typo in a field name is reported instead of ignored.
Booleans are strict: ``"ja"`` or ``"true"`` as a string is a type error, not a guess.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, StrictBool, field_validator

from opleidingsbot.rules.opmaak import getal

Bedrag = Annotated[
    Decimal,
    Field(ge=0, allow_inf_nan=False, max_digits=14),
    PlainSerializer(float, return_type=float, when_used="json"),
]
"""Euros: a non-negative decimal, written to JSON as a number."""

Getal = Annotated[
    Decimal,
    Field(ge=0, allow_inf_nan=False, max_digits=12),
    PlainSerializer(float, return_type=float, when_used="json"),
]


class Doel(StrEnum):
    """Why the employee wants the training (the contract's ``doel``)."""

    verplicht_voor_functie = "verplicht_voor_functie"
    huidige_functie = "huidige_functie"
    toekomstige_functie_intern = "toekomstige_functie_intern"
    loopbaan_intern = "loopbaan_intern"
    loopbaan_extern = "loopbaan_extern"
    van_werk_naar_werk = "van_werk_naar_werk"
    persoonlijke_interesse = "persoonlijke_interesse"


class Kans(StrEnum):
    """How likely the training improves the employee's chances on the labour market."""

    groot = "groot"
    klein = "klein"
    onbekend = "onbekend"


class VertrekMoment(StrEnum):
    """When the employee leaves, or stops the study, in a what-if."""

    tijdens_opleiding = "tijdens_opleiding"
    na_afronding = "na_afronding"
    afgebroken = "afgebroken"


class VertrekReden(StrEnum):
    """Why the employment ends, in a what-if."""

    eigen_initiatief = "eigen_initiatief"
    verwijtbaar_ontslag = "verwijtbaar_ontslag"
    niet_verwijtbaar = "niet_verwijtbaar"


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Opleiding(_Strikt):
    """The training itself."""

    naam: str | None = None
    instelling: str | None = None
    niveau: str | None = None
    startdatum: dt.date | None = None
    diploma_of_certificaat: StrictBool | None = None


class Kosten(_Strikt):
    """The costs of the training; a missing part counts as 0 (contract)."""

    studiekosten: Bedrag = Decimal(0)
    reiskosten: Bedrag = Decimal(0)
    verblijfkosten: Bedrag = Decimal(0)


class Vertrek(_Strikt):
    """A what-if for repayment: leaving, or stopping the study."""

    moment: VertrekMoment
    maanden_na_afronding: Getal | None = Field(
        default=None,
        description="Whole months between the end of the study and leaving (contract: int).",
    )
    reden: VertrekReden | None = None

    @field_validator("maanden_na_afronding")
    @classmethod
    def _hele_maanden(cls, maanden: Decimal | None) -> Decimal | None:
        """The contract counts whole months: 12.5 is refused, not rounded."""
        if maanden is not None and maanden != maanden.to_integral_value():
            raise ValueError(
                f"moet een heel aantal maanden zijn, zoals 12 of 13 (niet {getal(maanden)})"
            )
        return maanden


class Intake(_Strikt):
    """The facts the guided pre-intake collects."""

    gemeente: Annotated[str, Field(min_length=1)]
    peildatum: dt.date | None = None
    doel: Doel
    leidinggevende_akkoord: StrictBool | None = None
    in_pop: StrictBool | None = None
    in_opleidingsplan: StrictBool | None = None
    zicht_op_functie: StrictBool | None = None
    kans_arbeidsmarkt: Kans | None = None
    eigen_initiatief: StrictBool | None = None
    opleiding: Opleiding | None = None
    duur_maanden: Annotated[int, Field(ge=0, le=240)] | None = None
    kosten: Kosten | None = None
    in_werktijd: StrictBool | None = None
    contract_uren_per_week: Annotated[Getal, Field(le=80)] | None = None
    studie_uren_per_week: Annotated[Getal, Field(le=80)] | None = None
    vertrek: Vertrek | None = None


class Vergoeding(BaseModel):
    """The reimbursement part of a quote."""

    percentage: int | None = None
    alternatieven: list[int] = Field(default_factory=list)
    bedrag: Bedrag | None = None
    toelichting: str = ""


class Verlof(BaseModel):
    """The study-leave part of a quote."""

    toelichting: str = ""
    examen_voorbereiding_max_uren_per_jaar: Getal | None = None
    in_werktijd: str = ""


class Trede(BaseModel):
    """One step of a repayment staffel: up to and including this many months, this share."""

    tot_maanden_na_afronding: int
    percentage: int


class Terugbetaling(BaseModel):
    """The repayment part of a quote."""

    van_toepassing: bool | None = None
    drempel: Bedrag | None = None
    staffel: list[Trede] = Field(default_factory=list)
    bedrag: Bedrag | None = None
    toelichting: str = ""


class Bron(BaseModel):
    """A document and the article or paragraph a part of the quote rests on."""

    model_config = ConfigDict(frozen=True)

    document: str
    artikel: str


class Stap(BaseModel):
    """One step of the explanation: which row of which table, on which facts."""

    tabel: str
    vraag: str
    rij: str | None
    status: str
    feiten: dict[str, str]
    bronnen: list[Bron]
    tekst: str


class Offerte(BaseModel):
    """The quote: what the employee will likely get, and on what grounds."""

    gemeente: str
    regeling: str
    peildatum: dt.date
    categorie: str | None = None
    vergoeding: Vergoeding = Field(default_factory=Vergoeding)
    verlof: Verlof = Field(default_factory=Verlof)
    terugbetaling: Terugbetaling = Field(default_factory=Terugbetaling)
    voorwaarden: list[str] = Field(default_factory=list)
    open_vragen: list[str] = Field(default_factory=list)
    bronnen: list[Bron] = Field(default_factory=list)
    uitleg: list[Stap] = Field(default_factory=list)
