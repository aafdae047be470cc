"""Plain-Python views of a rota used by the audits: worked intervals on one clock, runs of days."""

from __future__ import annotations

from dataclasses import dataclass

from models.clock import MINUTES_PER_DAY
from models.rota import Rota
from models.shift import ShiftType
from models.unit import Unit


@dataclass(frozen=True)
class Interval:
    start: int  # minutes from the rota's first midnight
    end: int
    day: int
    code: str


def intervals(unit: Unit, rota: Rota, employee_id: str, wrap: bool = False) -> list[Interval]:
    """The employee's worked shifts as clock intervals, in order. With `wrap` (cyclic rotas) the
    rota is laid out three times, before and after itself, so rests across the seam are seen."""
    base = []
    for day, code in enumerate(rota.assignments[employee_id]):
        if code is not None:
            shift = unit.shift(code)
            start = day * MINUTES_PER_DAY + shift.start_minute
            base.append(Interval(start, start + shift.length_minutes, day, code))
    if not wrap:
        return base
    span = unit.days * MINUTES_PER_DAY
    return [
        Interval(i.start + k * span, i.end + k * span, i.day, i.code)
        for k in (-1, 0, 1)
        for i in base
    ]


@dataclass(frozen=True)
class Run:
    start: int  # first day of the run
    length: int
    touches_edge: bool  # the run meets day 0 or the last day of a dated plan


def runs(flags: list[bool], cyclic: bool) -> list[Run]:
    """Maximal runs of True in `flags`, wrapping round in a cyclic rota."""
    days = len(flags)
    if all(flags):
        return [Run(0, days if not cyclic else 10**6, not cyclic)]
    if not any(flags):
        return []
    offset = 0
    if cyclic:
        offset = next(d for d in range(days) if not flags[d])  # start the scan on a free day
    found = []
    length = 0
    first = 0
    for step in range(days):
        day = (offset + step) % days
        if flags[day]:
            if length == 0:
                first = day
            length += 1
        elif length:
            found.append(Run(first, length, not cyclic and first == 0))
            length = 0
    if length:
        found.append(Run(first, length, not cyclic))
    return found


def paid_minutes_in(shift: ShiftType, start: int, window_start: int, window_end: int) -> int:
    """The paid minutes of `shift`, started at minute `start` of the rota's clock, that lie in
    [window_start, window_end): its paid minutes spread evenly over its clock span, rounded.
    A night from Sunday 21:45 to Monday 07:45 puts 2.25 of its 10 paid hours in the week it
    starts and 7.75 in the next."""
    length = shift.length_minutes
    inside = min(window_end, start + length) - max(window_start, start)
    if inside <= 0:
        return 0
    if inside >= length:
        return shift.worked_minutes
    return round(shift.worked_minutes * inside / length)
