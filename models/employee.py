"""Employees: position, competence, languages, and what is personal to each (rules, pins, wishes)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from models.base import Frozen

# Sami languages of the administrative area (sameloven § 3-5), by ISO 639 code.
SAMI_LANGUAGES: dict[str, tuple[str, str]] = {
    "se": ("nordsamisk", "North Sami"),
    "smj": ("lulesamisk", "Lule Sami"),
    "sma": ("sørsamisk", "South Sami"),
}
# Other spellings people write for them (compared in lower case): the ISO 639-3 code of North
# Sami, the Norwegian and English names and each language's own name.
_LANGUAGE_SPELLINGS: dict[str, str] = {
    "sme": "se",
    "nordsamisk": "se",
    "north sami": "se",
    "northern sami": "se",
    "davvisámegiella": "se",
    "lulesamisk": "smj",
    "lule sami": "smj",
    "julevsámegiella": "smj",
    "sørsamisk": "sma",
    "south sami": "sma",
    "southern sami": "sma",
    "åarjelsaemien": "sma",
}
VALID_LANGUAGES_NB = "se (nordsamisk), smj (lulesamisk) eller sma (sørsamisk)"
VALID_LANGUAGES_EN = "se (North Sami), smj (Lule Sami) or sma (South Sami)"


def language_code(value: object) -> str:
    """The language's code (se, smj, sma) from any known spelling of it: the code in any case,
    the ISO 639-3 code, the Norwegian, English or Sami name. Anything else is refused, so that
    a speaker never silently stops counting as one."""
    if not isinstance(value, str):
        raise PydanticCustomError("unknown_language", "unknown_language", {"value": value})
    key = " ".join(value.strip().lower().replace("-", " ").split())
    if key in SAMI_LANGUAGES:
        return key
    if key in _LANGUAGE_SPELLINGS:
        return _LANGUAGE_SPELLINGS[key]
    raise PydanticCustomError("unknown_language", "unknown_language", {"value": value})


LanguageCode = Annotated[str, BeforeValidator(language_code)]


class RuleOverrides(Frozen):
    """This employee's own value for a rule; empty means the unit's rule applies."""

    weekend_every: int | None = Field(default=None, ge=1, le=8)
    max_consecutive_days: int | None = Field(default=None, ge=1, le=14)
    max_consecutive_nights: int | None = Field(default=None, ge=1, le=14)
    min_consecutive_days_off: int | None = Field(default=None, ge=1, le=7)
    hours_tolerance_h_per_week: float | None = Field(default=None, ge=0, le=10)
    min_consecutive_days: int | None = Field(default=None, ge=1, le=14)
    max_weekends: int | None = Field(default=None, ge=0, le=54)
    min_hours: float | None = Field(
        default=None, ge=0, description="Least hours over the whole rota, replacing the tolerance."
    )
    max_hours: float | None = Field(
        default=None, ge=0, description="Most hours over the whole rota, replacing the tolerance."
    )
    three_shift: bool | None = Field(
        default=None,
        description="In three-shift turnus (nights and day or evening shifts, with the time"
        " credit) or not; empty: as their rota makes them.",
    )

    @model_validator(mode="after")
    def _min_below_max(self) -> RuleOverrides:
        low, high = self.min_hours, self.max_hours
        if low is not None and high is not None and low > high:
            raise PydanticCustomError("min_hours_above_max", "min_hours_above_max")
        return self

    def is_empty(self) -> bool:
        return all(value is None for value in self.model_dump().values())


class Pin(Frozen):
    """A fixed cell: this employee works this shift on this rota day (0-based)."""

    day: int = Field(ge=0)
    shift: str


class Wish(Frozen):
    """A wish (ønske): `on` asks for the shift (or any shift), `off` asks to be free of it (or the
    day). The weight says how much it matters against other wishes."""

    day: int = Field(ge=0)
    shift: str | None = None
    kind: Literal["on", "off"] = "off"
    weight: int = Field(default=1, ge=1, le=1000)


class Employee(Frozen):
    """A person (or a vacant position) on the rota."""

    id: str = Field(min_length=1, max_length=40, description="Unique id, e.g. an employee number.")
    name: str = Field(default="", description="Name as shown on the rota.")
    person: str | None = Field(
        default=None,
        min_length=1,
        max_length=40,
        description="The person who holds the position, when one person holds more than one"
        " (e.g. 60 % here and 40 % in another unit): the same key in each. Empty means the"
        " position's id.",
    )
    home_unit: str | None = Field(
        default=None,
        min_length=1,
        description="The unit the person belongs to, in one rota for several units (after"
        " merge_unit): the workbook groups people by it. Empty means this unit.",
    )
    competence: str = Field(description="Competence code, e.g. SPL.")
    position_pct: float = Field(ge=0, le=100, description="Stillingsprosent: position size in %.")
    desired_pct: float | None = Field(
        default=None, ge=0, le=100, description="Position the employee wants (uønsket deltid)."
    )
    min_pct: float | None = Field(
        default=None, ge=0, le=100, description="Smallest position for position optimisation."
    )
    max_pct: float | None = Field(
        default=None, ge=0, le=100, description="Largest position for position optimisation."
    )
    vacant: bool = Field(default=False, description="A vacant position (no person yet).")
    may_go: bool = Field(
        default=False,
        description="A temporary position, or one not to be refilled: cut before others when"
        " årsverk are taken away.",
    )
    languages: tuple[LanguageCode, ...] = Field(
        default=(), description="Language codes spoken, e.g. se (North Sami), smj, sma."
    )
    allowed_shifts: tuple[str, ...] | None = Field(
        default=None, description="Shift codes this person may work; empty means all."
    )
    max_shifts: dict[str, Annotated[int, Field(ge=0, le=400)]] = Field(
        default_factory=dict,
        description="Most shifts of each type over the whole rota, e.g. {N: 4}; 0 = never.",
    )
    unavailable_days: tuple[int, ...] = Field(
        default=(), description="Rota days (0-based) this person cannot work."
    )
    annual_pay: float | None = Field(
        default=None, ge=0, description="Annual pay at 100 % in NOK; empty means the competence's."
    )
    seniority_years: int | None = Field(default=None, ge=0, le=60)
    age: int | None = Field(default=None, ge=14, le=80, description="Age (holiday pay from 60).")
    rules: RuleOverrides = Field(default_factory=RuleOverrides)
    pins: tuple[Pin, ...] = ()
    wishes: tuple[Wish, ...] = ()

    @model_validator(mode="after")
    def _bounds_in_order(self) -> Employee:
        if self.min_pct is not None and self.max_pct is not None and self.min_pct > self.max_pct:
            raise PydanticCustomError("min_pct_above_max", "min_pct_above_max")
        return self

    @property
    def person_key(self) -> str:
        """Who holds the position: the person key, or the position's own id."""
        return self.person or self.id

    @property
    def fte(self) -> float:
        """Årsverk: the position as a share of one full-time equivalent."""
        return self.position_pct / 100

    @property
    def wants_more(self) -> bool:
        """In unwanted part-time (uønsket deltid): wants a bigger position than they have."""
        return self.desired_pct is not None and self.desired_pct > self.position_pct

    def allows_shift(self, code: str) -> bool:
        """Whether the person may work this shift type at all (no list: every type)."""
        return self.allowed_shifts is None or code in self.allowed_shifts

    @property
    def display_name(self) -> str:
        return self.name or self.id
