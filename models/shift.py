"""Shift types (vakter): clock times in, every derived length and allowance window out."""

from __future__ import annotations

from datetime import time
from functools import cached_property
from typing import Annotated

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from models.base import Frozen
from models.clock import (
    EVENING_WINDOW,
    MINUTES_PER_DAY,
    NIGHT_WINDOW,
    SATURDAY,
    SUNDAY,
    minute_of_day,
    minutes_in_daily_window,
    minutes_on_weekdays,
    parse_clock,
)

ClockTime = Annotated[time, BeforeValidator(parse_clock)]

CODE_PATTERN = r"^[A-Za-zÆØÅæøå0-9_-]{1,8}$"


class ShiftType(Frozen):
    """A shift such as D 07:30-15:00. A shift ending before it starts runs past midnight and belongs
    to the day it starts. Derived lengths are cached (model building asks for them per employee
    and day): change a shift by building a new one, never with `model_copy(update=...)`."""

    code: str = Field(
        pattern=CODE_PATTERN, description="Short code used in the rota, e.g. D, A, N, L."
    )
    name: str = Field(default="", description="Name shown to people, e.g. Dagvakt.")
    start: ClockTime = Field(description="Clock time the shift starts.")
    end: ClockTime = Field(
        description="Clock time the shift ends; before start means the next day."
    )
    paid_minutes: int | None = Field(
        default=None,
        ge=1,
        le=MINUTES_PER_DAY,
        description="Paid minutes; empty means the whole shift (paid pause, AML § 10-9, usual in care).",
    )
    forbidden_next: tuple[str, ...] = Field(
        default=(),
        description="Shift codes that may not follow this one on the next day, whatever the rest.",
    )

    @model_validator(mode="after")
    def _has_length(self) -> ShiftType:
        if self.start == self.end:
            raise PydanticCustomError("zero_length_shift", "zero_length_shift")
        if self.paid_minutes is not None and self.paid_minutes > self.length_minutes:
            raise PydanticCustomError("paid_exceeds_length", "paid_exceeds_length")
        return self

    @cached_property
    def start_minute(self) -> int:
        return minute_of_day(self.start)

    @cached_property
    def end_minute(self) -> int:
        """End in minutes after the start day's midnight (past 1440 when the shift crosses midnight)."""
        end = minute_of_day(self.end)
        return end if end > self.start_minute else end + MINUTES_PER_DAY

    @cached_property
    def length_minutes(self) -> int:
        return self.end_minute - self.start_minute

    @cached_property
    def crosses_midnight(self) -> bool:
        return self.end_minute > MINUTES_PER_DAY

    @cached_property
    def worked_minutes(self) -> int:
        """Minutes that count as working hours (the paid minutes)."""
        return self.paid_minutes if self.paid_minutes is not None else self.length_minutes

    @cached_property
    def evening_minutes(self) -> int:
        """Minutes in the evening window 17:00-21:00 (KS evening allowance)."""
        return minutes_in_daily_window(self.start_minute, self.end_minute, EVENING_WINDOW)

    @cached_property
    def night_minutes(self) -> int:
        """Minutes in the night window 21:00-06:00 (AML § 10-11, KS night allowance)."""
        return minutes_in_daily_window(self.start_minute, self.end_minute, NIGHT_WINDOW)

    @cached_property
    def is_night(self) -> bool:
        """A night shift has most of its time in 21:00-06:00."""
        return 2 * self.night_minutes > self.length_minutes

    def weekend_minutes(self, weekday: int) -> int:
        """Minutes on Saturday or Sunday (KS weekend allowance, Sat 00:00 - Sun 24:00) when the
        shift starts on `weekday` (0 = Monday)."""
        return minutes_on_weekdays(self.start_minute, self.end_minute, weekday, {SATURDAY, SUNDAY})
