"""Demand (bemanningsplan): how many, of which competence and language, per shift and day."""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from models.base import Frozen
from models.employee import LanguageCode

ALL_WEEKDAYS = (0, 1, 2, 3, 4, 5, 6)


class Demand(Frozen):
    """Staff wanted on one shift on a set of days: by weekday (0 = Monday) across every week, or on
    explicit rota days (0-based) for a dated plan."""

    shift: str = Field(description="Shift code.")
    weekdays: tuple[int, ...] = Field(
        default=ALL_WEEKDAYS, description="Weekdays this row applies to, 0 = Monday."
    )
    days: tuple[int, ...] | None = Field(
        default=None, description="Explicit rota days (0-based); replaces weekdays when given."
    )
    min: int = Field(ge=0, le=500, description="Staff that must be on the shift.")
    target: int | None = Field(
        default=None, ge=0, le=500, description="Staff wanted; empty means the minimum."
    )
    competence_min: dict[str, int] = Field(
        default_factory=dict, description="Least staff of each competence, e.g. {SPL: 1}."
    )
    language_min: dict[LanguageCode, int] = Field(
        default_factory=dict, description="Least speakers of each language, e.g. {se: 1}."
    )
    weight_under: float = Field(
        default=10.0, ge=0, description="Penalty per person below target (and below minimum)."
    )
    weight_over: float = Field(default=1.0, ge=0, description="Penalty per person above target.")

    @model_validator(mode="after")
    def _consistent(self) -> Demand:
        if any(not 0 <= weekday <= 6 for weekday in self.weekdays):
            raise PydanticCustomError("weekday_out_of_range", "weekday_out_of_range")
        if not self.weekdays and self.days is None:
            raise PydanticCustomError("no_days", "no_days")
        if self.target is not None and self.target < self.min:
            raise PydanticCustomError("target_below_min", "target_below_min")
        if any(count < 0 for count in (*self.competence_min.values(), *self.language_min.values())):
            raise PydanticCustomError("negative_count", "negative_count")
        if sum(self.competence_min.values()) > self.wanted:
            raise PydanticCustomError("competence_exceeds_total", "competence_exceeds_total")
        return self

    @property
    def wanted(self) -> int:
        """The target head count (the minimum when no target is given)."""
        return self.min if self.target is None else self.target

    def applies_to(self, day: int) -> bool:
        if self.days is not None:
            return day in self.days
        return day % 7 in self.weekdays
