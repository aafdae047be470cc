"""Norway's public holidays and the § 10-10 window, checked against the calendar by hand."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.holidays import (
    easter_sunday,
    holiday_times,
    is_public_holiday,
    is_sunday_or_holiday,
    public_holidays,
    sunday_holiday_window,
    window_minutes,
)

HOLIDAYS_2027 = [
    (date(2027, 1, 1), "Fri"),  # første nyttårsdag
    (date(2027, 3, 25), "Thu"),  # skjærtorsdag
    (date(2027, 3, 26), "Fri"),  # langfredag
    (date(2027, 3, 28), "Sun"),  # første påskedag
    (date(2027, 3, 29), "Mon"),  # andre påskedag
    (date(2027, 5, 1), "Sat"),  # arbeidernes dag
    (date(2027, 5, 6), "Thu"),  # Kristi himmelfartsdag
    (date(2027, 5, 16), "Sun"),  # første pinsedag
    (date(2027, 5, 17), "Mon"),  # grunnlovsdag and andre pinsedag
    (date(2027, 12, 25), "Sat"),  # første juledag
    (date(2027, 12, 26), "Sun"),  # andre juledag
]


def test_public_holidays_of_2027() -> None:
    """2027 has the twelve holidays of helligdagsloven § 2 and 1/17 May on eleven dates."""
    found = public_holidays(2027)
    assert [(day, f"{day:%a}") for day, _ in found] == HOLIDAYS_2027
    names = dict(found)
    assert names[date(2027, 5, 17)] == "Andre pinsedag og Grunnlovsdag"
    assert names[date(2027, 3, 26)] == "Langfredag"


@pytest.mark.parametrize("year", [2024, 2026, 2027, 2030])
def test_ordinary_sundays_are_not_holidays(year: int) -> None:
    """A Sunday is listed only when it is a holiday in its own right (Easter, Whitsun, a fixed date)."""
    easter = easter_sunday(year)
    own_right = {easter, easter + timedelta(days=49)}
    fixed = {(1, 1), (5, 1), (5, 17), (12, 25), (12, 26)}
    day = date(year, 1, 1)
    while day.year == year:
        if day.weekday() == 6:
            expected = day in own_right or (day.month, day.day) in fixed
            assert is_public_holiday(day) == expected, day
            assert is_sunday_or_holiday(day)
        day += timedelta(days=1)


@given(st.integers(min_value=1950, max_value=2100))
def test_easter_agrees_with_the_package(year: int) -> None:
    """The computus gives the Sunday the package lists as første påskedag."""
    assert dict(public_holidays(year))[easter_sunday(year)] == "Første påskedag"


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour)


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (date(2027, 1, 10), _at(date(2027, 1, 9), 18)),  # ordinary Sunday: Saturday 18:00
        (date(2027, 1, 1), _at(date(2026, 12, 31), 18)),  # nyttårsaften is no 15:00 eve
        (date(2027, 12, 25), _at(date(2027, 12, 24), 15)),  # julaften
        (date(2027, 3, 28), _at(date(2027, 3, 27), 15)),  # påskeaften
        (date(2027, 5, 16), _at(date(2027, 5, 15), 15)),  # pinseaften
        (date(2027, 5, 1), _at(date(2027, 5, 1), 0)),  # Friday 30 April is an ordinary day
        (date(2028, 5, 17), _at(date(2028, 5, 17), 0)),  # Tuesday 16 May 2028 likewise
        (date(2027, 5, 17), _at(date(2027, 5, 16), 18)),  # the day before is pinsedag
        (date(2026, 5, 17), _at(date(2026, 5, 16), 18)),  # 17 May on a Sunday
        (date(2008, 5, 1), _at(date(2008, 4, 30), 18)),  # 1 May 2008 was also Kristi himmelfart
    ],
)
def test_window_start(day: date, start: datetime) -> None:
    """The window starts 18:00 the eve, 15:00 on jul-/påske-/pinseaften, 00:00 for a lone 1/17 May."""
    assert sunday_holiday_window(day) == (start, _at(day, 22))


def test_window_of_an_ordinary_day_is_an_error() -> None:
    """Only a Sunday or a public holiday has a window."""
    with pytest.raises(ValueError, match="neither"):
        sunday_holiday_window(date(2027, 3, 24))


@pytest.mark.parametrize(
    ("day", "sundays", "minutes"),
    [
        (date(2027, 1, 9), False, ()),  # an ordinary Saturday: no holiday time
        (date(2027, 1, 9), True, ((1080, 1440),)),  # ... but Sunday time from 18:00
        (date(2027, 3, 25), False, ((0, 1440),)),  # skjærtorsdag to 22:00, langfredag's eve on
        (date(2027, 12, 24), False, ((900, 1440),)),  # julaften from 15:00
        (date(2027, 4, 30), False, ()),  # the day before 1 May is an ordinary day
        (date(2027, 5, 1), False, ((0, 1320),)),  # 1 May to 22:00; 2 May is an ordinary Sunday
        (date(2027, 5, 1), True, ((0, 1440),)),  # ... whose window starts Saturday 18:00
        (date(2026, 12, 31), False, ((1080, 1440),)),  # the eve of 1 Jan 2027
    ],
)
def test_window_minutes_of_a_date(
    day: date, sundays: bool, minutes: tuple[tuple[int, int], ...]
) -> None:
    """A date's window time in minutes from its midnight, overlapping windows merged."""
    assert window_minutes(day, sundays=sundays) == minutes


def test_holiday_time_of_2027_by_hand() -> None:
    """Each holiday's share, e.g. første påskedag: påskeaften 15-24 and the day 00-24 = 33 h."""
    shares = {share.holiday: share for share in holiday_times(2027)}
    easter = shares[date(2027, 3, 28)]
    assert easter.parts == (
        (date(2027, 3, 27), ((900, 1440),)),
        (date(2027, 3, 28), ((0, 1440),)),
    )
    assert easter.minutes == 33 * 60
    # Langfredag's eve is skjærtorsdag, whose share it is: langfredag keeps 00-22 only.
    assert shares[date(2027, 3, 26)].parts == ((date(2027, 3, 26), ((0, 1320),)),)
    # 28 + 30 + 22 + 33 + 22 + 22 + 28 + 33 + 22 + 33 + 22 hours.
    assert sum(share.minutes for share in shares.values()) == 295 * 60


@given(st.integers(min_value=1950, max_value=2100))
def test_holiday_time_counts_every_window_minute_once(year: int) -> None:
    """The year's shares cover each date of holiday-window time exactly once, whole."""
    seen: dict[date, tuple[tuple[int, int], ...]] = {}
    for share in holiday_times(year):
        for day, intervals in share.parts:
            assert day not in seen
            seen[day] = intervals
    # Every date from the eve of 1 Jan to 30 Dec with window time is in a share, as a whole.
    day = date(year - 1, 12, 31)
    while day < date(year, 12, 31):
        assert seen.get(day, ()) == window_minutes(day)
        day += timedelta(days=1)
