"""Derived values of shift types, from clock times only."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from models.shift import ShiftType


def shift(start: str, end: str, **extra: object) -> ShiftType:
    return ShiftType.model_validate({"code": "X", "start": start, "end": end, **extra})


def test_length_over_midnight() -> None:
    """A shift ending before it starts runs into the next day."""
    night = shift("21:45", "07:45")
    assert night.crosses_midnight
    assert night.length_minutes == 600
    assert night.end_minute == 31 * 60 + 45


def test_evening_and_night_minutes() -> None:
    """Evening is 17-21, night 21-06, counted from the clock times."""
    evening = shift("14:30", "22:00")
    assert evening.evening_minutes == 4 * 60
    assert evening.night_minutes == 60
    night = shift("21:45", "07:45")
    assert night.evening_minutes == 0
    assert night.night_minutes == 8 * 60 + 15
    assert night.is_night
    assert not evening.is_night


def test_weekend_minutes_of_a_friday_night() -> None:
    """A Friday night shift has its minutes after midnight on Saturday; a Sunday night only before."""
    night = shift("21:45", "07:45")
    assert night.weekend_minutes(4) == 7 * 60 + 45  # Friday start: Saturday 00:00-07:45
    assert night.weekend_minutes(5) == 600  # Saturday start: all of it
    assert night.weekend_minutes(6) == 2 * 60 + 15  # Sunday start: until midnight
    assert night.weekend_minutes(0) == 0


def test_paid_minutes_default_to_length() -> None:
    """Without paid minutes the whole shift counts (a paid pause is usual in care)."""
    assert shift("07:30", "15:00").worked_minutes == 450
    assert shift("07:30", "15:00", paid_minutes=420).worked_minutes == 420


@pytest.mark.parametrize("written", ["07:30", "7:30", "07.30", "0730"])
def test_clock_written_in_several_ways(written: str) -> None:
    """People write 07:30 in several ways; each means the same time."""
    assert shift(written, "15:00").start_minute == 450


def test_an_unquoted_yaml_time_is_the_time_written() -> None:
    """YAML reads `start: 21.45` as the number 21.45: it is 21:45, not 00:00:21."""
    assert shift(21.45, "07:30").start_minute == 21 * 60 + 45  # type: ignore[arg-type]


@pytest.mark.parametrize("written", ["7.3", 7.3, "7:3", 7.5])
def test_minutes_in_one_digit_are_refused(written: object) -> None:
    """7.3 could mean 07:03 or 07:30: refused, not read as 07:03."""
    with pytest.raises(ValidationError):
        shift(written, "15:00")  # type: ignore[arg-type]


def test_zero_length_shift_is_refused() -> None:
    """A shift that starts when it ends has no length."""
    with pytest.raises(ValidationError, match="zero_length_shift"):
        shift("08:00", "08:00")


def test_paid_minutes_cannot_exceed_length() -> None:
    """Paid minutes beyond the shift's length are a typing error."""
    with pytest.raises(ValidationError, match="paid_exceeds_length"):
        shift("08:00", "09:00", paid_minutes=90)
