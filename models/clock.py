"""Clock arithmetic: minutes since midnight of the day a shift starts, and the legal time windows."""

from __future__ import annotations

from datetime import time

MINUTES_PER_DAY = 24 * 60
WEEKDAYS_NB = ("Ma", "Ti", "On", "To", "Fr", "Lø", "Sø")
WEEKDAYS_EN = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
WEEKDAY_NAMES_NB = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
SATURDAY, SUNDAY = 5, 6

# KS Hovedtariffavtalen § 5 and AML § 10-11: evening 17-21, night 21-06.
EVENING_WINDOW = (17 * 60, 21 * 60)
NIGHT_WINDOW = (21 * 60, 30 * 60)  # 21:00 to 06:00 the next morning


def minute_of_day(clock: time) -> int:
    return clock.hour * 60 + clock.minute


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def minutes_in_daily_window(start: int, end: int, window: tuple[int, int]) -> int:
    """Minutes of [start, end) (relative to the shift's first midnight) inside a window that recurs daily.

    The window may run past midnight (night: 21:00-30:00); shifts span at most two days.
    """
    total = 0
    for day in (-1, 0, 1, 2):
        offset = day * MINUTES_PER_DAY
        total += overlap(start, end, window[0] + offset, window[1] + offset)
    return total


def minutes_on_weekdays(start: int, end: int, first_weekday: int, weekdays: set[int]) -> int:
    """Minutes of [start, end) that fall on the given weekdays (0 = Monday), the shift starting on
    `first_weekday`."""
    total = 0
    for day in (0, 1, 2):
        if (first_weekday + day) % 7 in weekdays:
            offset = day * MINUTES_PER_DAY
            total += overlap(start, end, offset, offset + MINUTES_PER_DAY)
    return total


def format_hours(minutes: float) -> str:
    """Hours with one decimal in Norwegian style is the caller's job; this gives '7.5'."""
    hours = minutes / 60
    return f"{hours:.2f}".rstrip("0").rstrip(".")


def parse_clock(value: object) -> object:
    """Accept the ways people write a clock time: 07:30, 7:30, 07.30, 0730, or an Excel time."""
    if isinstance(value, time):
        return value
    if hasattr(value, "time") and callable(value.time):  # datetime from a spreadsheet cell
        return value.time()
    if isinstance(value, int | float) and not isinstance(value, bool):
        # YAML reads an unquoted 21.45 as a number: the clock time it was written as.
        value = str(value)
    if isinstance(value, str):
        text = value.strip().replace(".", ":")
        if text.isdigit() and len(text) in (3, 4):
            text = f"{text[:-2]}:{text[-2:]}"
        parts = text.split(":")
        # Minutes in two digits: 7.3 is not 07:03 (nor surely 07:30), so it is refused.
        if len(parts) in (2, 3) and all(part.isdigit() for part in parts) and len(parts[1]) == 2:
            hour, minute = int(parts[0]), int(parts[1])
            if 0 <= hour <= 23 and 0 <= minute <= 59:
                return time(hour, minute)
        if text == "24:00":
            return time(0, 0)
    return value
