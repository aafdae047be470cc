"""The year's grid: whole weeks from the Monday on or before 1 January to the Sunday on or after
31 December, each grid day with its date; and the grunnturnus rolled out over it."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from models.holidays import public_holidays
from models.rota import Rota

MAIN_PERIOD = ((6, 1), (9, 30))  # ferieloven § 6: 1 June - 30 September
WORKDAYS = 5  # Monday-Friday: a holiday on one of them shortens the year's working time


@dataclass(frozen=True)
class YearFrame:
    """The grid of one year: `weeks` whole weeks from `first_monday`; day 0 is that Monday."""

    year: int

    @cached_property
    def first_monday(self) -> date:
        new_year = date(self.year, 1, 1)
        return new_year - timedelta(days=new_year.weekday())

    @cached_property
    def weeks(self) -> int:
        """53 weeks, or 54 when a leap year starts on a Sunday."""
        last = (date(self.year, 12, 31) - self.first_monday).days
        return math.ceil((last + 1) / 7)

    @property
    def days(self) -> int:
        return self.weeks * 7

    def date(self, day: int) -> date:
        """The date of grid day `day` (negative days lie before the grid)."""
        return self.first_monday + timedelta(days=day)

    def day_of(self, when: dt.date) -> int:
        return (when - self.first_monday).days

    def in_year(self, day: int) -> bool:
        return self.date(day).year == self.year

    @cached_property
    def year_days(self) -> range:
        """The grid days that are dates of the year."""
        return range(self.day_of(date(self.year, 1, 1)), self.day_of(date(self.year, 12, 31)) + 1)

    @cached_property
    def holidays(self) -> dict[int, str]:
        """The year's public holidays by grid day, with their bokmål names."""
        return {self.day_of(when): name for when, name in public_holidays(self.year)}

    def is_holiday(self, day: int) -> bool:
        return day in self.holidays

    def week_days(self, week: int) -> range:
        return range(week * 7, week * 7 + 7)

    def iso_week(self, week: int) -> int:
        """The ISO week number of grid week `week` (its Monday's)."""
        return self.date(week * 7).isocalendar()[1]

    def grid_week(self, iso_week: int) -> int | None:
        """The grid week of an ISO week number of the year, or None when the year has none."""
        try:
            monday = date.fromisocalendar(self.year, iso_week, 1)
        except ValueError:
            return None
        week = self.day_of(monday) // 7
        return week if 0 <= week < self.weeks else None

    def whole_week(self, week: int) -> bool:
        """Every day of the week lies in the year."""
        return all(self.in_year(day) for day in self.week_days(week))

    def weekday_holidays(self, week: int) -> list[int]:
        """The week's public holidays on Monday-Friday."""
        return [day for day in self.week_days(week)[:WORKDAYS] if self.is_holiday(day)]

    def in_main_period(self, week: int) -> bool:
        """The whole week lies in the main holiday period, 1 June - 30 September."""
        (first_month, first_day), (last_month, last_day) = MAIN_PERIOD
        first = date(self.year, first_month, first_day)
        last = date(self.year, last_month, last_day)
        return first <= self.date(week * 7) and self.date(week * 7 + 6) <= last

    def month_of_week(self, week: int) -> int:
        """The month a week belongs to: its Thursday's (as ISO weeks belong to years); the
        first and last weeks to January and December."""
        thursday = self.date(week * 7 + 3)
        if thursday.year < self.year:
            return 1
        if thursday.year > self.year:
            return 12
        return thursday.month

    def month_days(self, month: int) -> range:
        """The grid days shown on a month's sheet: the month's dates, with the days of the grid
        before 1 January on January's and after 31 December on December's."""
        first = self.day_of(date(self.year, month, 1))
        last = self.day_of(date(self.year, month + 1, 1)) - 1 if month < 12 else self.days - 1
        return range(0 if month == 1 else first, last + 1)


def pattern_index(day: int, base_days: int, start_week: int = 1) -> int:
    """The grunnturnus day that grid day `day` (any whole number) falls on, the year's first
    Monday being the first day of the grunnturnus's week `start_week`."""
    return (day + (start_week - 1) * 7) % base_days


def pattern_code(base: Rota, employee_id: str, day: int, start_week: int = 1) -> str | None:
    """The grunnturnus's shift for the person on grid day `day`."""
    return base.assignments[employee_id][pattern_index(day, base.days, start_week)]
