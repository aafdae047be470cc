"""Norway's public holidays and the Sunday/holiday window of AML § 10-10 (1).

One place for the calendar facts that the law (the Sunday rule), the cost (the public-holiday
allowance) and a dated yearly rota all need, so that they cannot disagree. Pure functions of the
date (the year's holidays are cached).

- Public holidays: helligdagsloven § 2 (1 Jan, skjærtorsdag, langfredag, 1st and 2nd Easter day,
  Kristi himmelfartsdag, 1st and 2nd Whit day, 25 and 26 Dec) and the høytidsdager 1 and 17 May,
  from the `holidays` package. Ordinary Sundays are not among them: the package can add every
  Sunday (`include_sundays`), and is told not to.
- The window, § 10-10 (1): from 18:00 the day before a Sunday or public holiday to 22:00 on it;
  from 15:00 on julaften, påskeaften and pinseaften; the day before 1 or 17 May is an ordinary
  workday (the window starts at 00:00 on the day) unless that day before is itself a Sunday or
  holiday. Windows of days in a row join, which gives the law's "to 22:00 the day before the next
  workday".

Clock time within a date is minutes from its midnight: an interval (start, end) with
0 <= start < end <= 1440.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from holidays.countries.norway import Norway

MINUTES_PER_DAY = 24 * 60
SUNDAY = 6
EVENING_START = time(18)  # the eve of a Sunday or holiday
HIGH_EVE_START = time(15)  # julaften, påskeaften, pinseaften
WINDOW_END = time(22)

Interval = tuple[int, int]

ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=64)
def _calendar(year: int) -> dict[date, tuple[str, ...]]:
    """The package's holidays of one year, each date with its bokmål names (two may share a date:
    17 May 2027 is also 2. pinsedag)."""
    found = Norway(years=year, include_sundays=False, language="no")
    return {day: tuple(found.get_list(day)) for day in sorted(found)}


def public_holidays(year: int) -> list[tuple[date, str]]:
    """Norway's public holidays in `year` in date order, each date once with its bokmål name
    (names that share a date joined by « og »); ordinary Sundays are not included."""
    return [(day, " og ".join(names)) for day, names in _calendar(year).items()]


def is_public_holiday(day: date) -> bool:
    """Whether `day` is a public holiday (helligdagsloven § 2, 1 or 17 May); not a mere Sunday."""
    return day in _calendar(day.year)


def is_sunday_or_holiday(day: date) -> bool:
    """Whether § 10-10 treats `day` as a søn- eller helgedag."""
    return day.weekday() == SUNDAY or is_public_holiday(day)


def easter_sunday(year: int) -> date:
    """Easter Sunday (Gregorian computus, Meeus/Jones/Butcher): it fixes påskeaften and
    pinseaften, and which of 1 and 17 May are also a holiday of § 2 (Kristi himmelfart, pinse)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * weekday_shift) // 433
    month = (h + weekday_shift - 7 * m + 90) // 25
    day = (h + weekday_shift - 7 * m + 33 * month + 19) % 32
    return date(year, month, day)


def _movable_feasts(year: int) -> frozenset[date]:
    """The holidays of § 2 that move with Easter."""
    easter = easter_sunday(year)
    return frozenset(easter + timedelta(days=n) for n in (-3, -2, 0, 1, 39, 49, 50))


def _is_high_eve(day: date) -> bool:
    """Julaften, påskeaften or pinseaften: the window starts at 15:00."""
    easter = easter_sunday(day.year)
    return (day.month, day.day) == (12, 24) or day in (
        easter - ONE_DAY,
        easter + timedelta(days=48),
    )


def _is_may_day_only(day: date) -> bool:
    """1 or 17 May on a weekday that is no other holiday: its eve is no Sunday eve."""
    return (
        day.month == 5
        and day.day in (1, 17)
        and day.weekday() != SUNDAY
        and day not in _movable_feasts(day.year)
    )


def sunday_holiday_window(day: date) -> tuple[datetime, datetime]:
    """The § 10-10 (1) window of a Sunday or public holiday: from 18:00 the day before (15:00 on
    julaften, påskeaften, pinseaften; 00:00 on the day itself for 1 and 17 May when the day
    before is an ordinary day) to 22:00 on the day. ValueError for any other day."""
    if not is_sunday_or_holiday(day):
        raise ValueError(f"{day} is neither a Sunday nor a public holiday")
    end = datetime.combine(day, WINDOW_END)
    eve = day - ONE_DAY
    if _is_may_day_only(day) and not is_sunday_or_holiday(eve):
        return datetime.combine(day, time(0)), end
    return datetime.combine(eve, HIGH_EVE_START if _is_high_eve(eve) else EVENING_START), end


def _clip(start: datetime, end: datetime, day: date) -> Interval | None:
    """The part of [start, end) on `day`, in minutes from its midnight."""
    midnight = datetime.combine(day, time(0))
    first = max(0, int((start - midnight).total_seconds()) // 60)
    last = min(MINUTES_PER_DAY, int((end - midnight).total_seconds()) // 60)
    return (first, last) if first < last else None


def _merge(intervals: list[Interval]) -> tuple[Interval, ...]:
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def window_minutes(day: date, *, sundays: bool = False) -> tuple[Interval, ...]:
    """The minutes of `day` inside the § 10-10 window of a public holiday (with `sundays`, of an
    ordinary Sunday too), merged and sorted: the day's own window and the eve of the next day.
    E.g. Thursday 25 Mar 2027 (skjærtorsdag, before langfredag) gives ((0, 1440),)."""
    intervals: list[Interval] = []
    for holy in (day, day + ONE_DAY):
        if is_public_holiday(holy) or (sundays and holy.weekday() == SUNDAY):
            part = _clip(*sunday_holiday_window(holy), day)
            if part is not None:
                intervals.append(part)
    return _merge(intervals)


def window_minutes_total(intervals: tuple[Interval, ...]) -> int:
    """How many minutes the intervals hold."""
    return sum(end - start for start, end in intervals)


@dataclass(frozen=True)
class HolidayTime:
    """One public holiday's share of its year's window time, by calendar date: the holiday's own
    day (with the eve of a holiday the next day) and the part of its eve that is no holiday
    itself. Shares never overlap, so a year's holiday time is counted once."""

    holiday: date
    name: str
    parts: tuple[tuple[date, tuple[Interval, ...]], ...]

    @property
    def minutes(self) -> int:
        return sum(window_minutes_total(intervals) for _, intervals in self.parts)


def holiday_times(year: int) -> list[HolidayTime]:
    """The year's public-holiday window time split by holiday, each minute once: a minute on a
    holiday belongs to that holiday, a minute on an eve to the holiday that follows. The eve of
    1 Jan (31 Dec the year before) belongs to this year; the eve of next year's 1 Jan does not."""
    shares: list[HolidayTime] = []
    for holy, name in public_holidays(year):
        parts: list[tuple[date, tuple[Interval, ...]]] = []
        eve = holy - ONE_DAY
        if not is_public_holiday(eve):
            eve_part = window_minutes(eve)
            if eve_part:
                parts.append((eve, eve_part))
        parts.append((holy, window_minutes(holy)))
        shares.append(HolidayTime(holy, name, tuple(parts)))
    return shares
