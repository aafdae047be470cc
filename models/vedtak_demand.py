"""From vedtak to the unit's demand profile, each step shown so a unit leader can redo it.

1. Each vedtak's hours a week become staff hours: × staff at once (2:1 counts twice), ÷ (1 −
   the service's share for travel and indirect work), ÷ the clients one staff member serves at
   once. They are spread evenly over the vedtak's windows: staff needed at once in each window.
2. Each minute of the week adds up what every vedtak needs then; a minute two shifts cover is
   split evenly between them; a minute no shift covers is flagged with the vedtak it belongs to.
3. A shift's hours on a weekday are the staff hours it takes; its heads are the most staff it
   needs at once, rounded up (likewise each competence and Sami language; the heads are at
   least the competence heads added up).
4. Årsverk = the shifts' hours a week (heads × worked hours) ÷ the full-time week.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from models.clock import MINUTES_PER_DAY
from models.demand import Demand
from models.unit import Unit
from models.vedtak import Service, Vedtak, VedtakBook

WEEK_MINUTES = 7 * MINUTES_PER_DAY
# Staff at once below this is rounding noise, not a head.
EPSILON = 1e-6

Cell = tuple[str, int]  # shift code, weekday
_Counts = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class VedtakLine:
    """One vedtak's step 1: granted hours to staff hours, and any of its minutes no shift covers."""

    vedtak: Vedtak
    clients_per_staff: float
    indirect_pct: float
    staff_hours_per_week: float
    uncovered_minutes_per_week: int

    @property
    def service(self) -> Service:
        return self.vedtak.service


@dataclass(frozen=True)
class ShiftLine:
    """Steps 2-3 for one shift on one weekday."""

    shift: str
    weekday: int
    staff_hours: float
    peak: float
    heads: int
    competence_min: dict[str, int]
    language_min: dict[str, int]
    worked_hours: float  # one shift's worked hours

    @property
    def shift_hours(self) -> float:
        """Hours a week the heads work on this shift and weekday."""
        return self.heads * self.worked_hours


@dataclass(frozen=True)
class Derivation:
    """Vedtak → hours per shift → heads → årsverk, line by line, and the demand rows it gives."""

    reference_date: date
    vedtak: list[VedtakLine]
    not_valid: list[Vedtak]
    shifts: list[ShiftLine]
    demand: tuple[Demand, ...]
    full_time_week_h: float
    uncovered: list[VedtakLine] = field(default_factory=list)

    @property
    def granted_hours_per_week(self) -> float:
        return sum(line.vedtak.hours_per_week for line in self.vedtak)

    @property
    def staff_hours_per_week(self) -> float:
        return sum(line.staff_hours_per_week for line in self.vedtak)

    @property
    def shift_hours_per_week(self) -> float:
        return sum(line.shift_hours for line in self.shifts)

    @property
    def fte(self) -> float:
        """Årsverk the shifts take: their hours a week ÷ the full-time week."""
        return self.shift_hours_per_week / self.full_time_week_h

    @property
    def fte_of_staff_hours(self) -> float:
        """Årsverk the staff hours alone would take, before whole shifts round them up."""
        return self.staff_hours_per_week / self.full_time_week_h


def reference_date(unit: Unit, book: VedtakBook) -> date:
    """The day whose valid vedtak make the demand: the book's own, the plan's start, or 1 January
    of the budget year."""
    if book.reference_date is not None:
        return book.reference_date
    if unit.start_date is not None:
        return unit.start_date
    return date(unit.budget.budget_year or date.today().year, 1, 1)


def _minutes(start: int, length: int, weekday: int) -> Iterable[int]:
    first = weekday * MINUTES_PER_DAY + start
    return ((first + offset) % WEEK_MINUTES for offset in range(length))


def derive(unit: Unit, book: VedtakBook) -> Derivation:
    """The unit's demand from its vedtak, with every step (module docstring)."""
    day = reference_date(unit, book)
    valid = [v for v in book.vedtak if v.valid_on(day)]
    need = [0.0] * WEEK_MINUTES
    by_competence: dict[str, list[float]] = defaultdict(lambda: [0.0] * WEEK_MINUTES)
    by_language: dict[str, list[float]] = defaultdict(lambda: [0.0] * WEEK_MINUTES)
    covering: list[list[Cell]] = [[] for _ in range(WEEK_MINUTES)]
    for shift in unit.shift_types:
        for weekday in range(7):
            for minute in _minutes(shift.start_minute, shift.length_minutes, weekday):
                covering[minute].append((shift.code, weekday))
    lines = []
    for vedtak in valid:
        setting = book.setting(vedtak.service)
        staff_minutes = (
            vedtak.hours_per_week
            * 60
            * vedtak.staff
            / (1 - setting.indirect_pct / 100)
            / setting.clients_per_staff
        )
        at_once = staff_minutes / vedtak.window_minutes_per_week
        uncovered = 0
        for window in vedtak.windows:
            for weekday in window.weekdays:
                for minute in _minutes(window.start_minute, window.length_minutes, weekday):
                    need[minute] += at_once
                    if vedtak.competence:
                        by_competence[vedtak.competence][minute] += at_once
                    if vedtak.language:
                        by_language[vedtak.language][minute] += at_once
                    if not covering[minute]:
                        uncovered += 1
        lines.append(
            VedtakLine(
                vedtak,
                setting.clients_per_staff,
                setting.indirect_pct,
                staff_minutes / 60,
                uncovered,
            )
        )
    shifts = _shift_lines(unit, need, by_competence, by_language, covering)
    return Derivation(
        reference_date=day,
        vedtak=lines,
        not_valid=[v for v in book.vedtak if not v.valid_on(day)],
        shifts=shifts,
        demand=_demand_rows(shifts),
        full_time_week_h=unit.rules.full_time_week_h,
        uncovered=[line for line in lines if line.uncovered_minutes_per_week],
    )


def _shift_lines(
    unit: Unit,
    need: list[float],
    by_competence: dict[str, list[float]],
    by_language: dict[str, list[float]],
    covering: list[list[Cell]],
) -> list[ShiftLine]:
    hours: dict[Cell, float] = defaultdict(float)
    peak: dict[Cell, float] = defaultdict(float)
    competence_peak: dict[Cell, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    language_peak: dict[Cell, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for minute, cells in enumerate(covering):
        if not cells or need[minute] <= EPSILON:
            continue
        share = len(cells)
        for cell in cells:
            hours[cell] += need[minute] / share / 60
            peak[cell] = max(peak[cell], need[minute] / share)
            for code, profile in by_competence.items():
                competence_peak[cell][code] = max(
                    competence_peak[cell][code], profile[minute] / share
                )
            for code, profile in by_language.items():
                language_peak[cell][code] = max(language_peak[cell][code], profile[minute] / share)
    lines = []
    for shift in unit.shift_types:
        for weekday in range(7):
            cell = (shift.code, weekday)
            if cell not in hours:
                continue
            competence = {c: _heads(p) for c, p in competence_peak[cell].items() if _heads(p)}
            language = {c: _heads(p) for c, p in language_peak[cell].items() if _heads(p)}
            heads = max(_heads(peak[cell]), sum(competence.values()))
            lines.append(
                ShiftLine(
                    shift.code,
                    weekday,
                    hours[cell],
                    peak[cell],
                    heads,
                    competence,
                    language,
                    shift.worked_minutes / 60,
                )
            )
    return lines


def _heads(at_once: float) -> int:
    return math.ceil(at_once - EPSILON) if at_once > EPSILON else 0


def _demand_rows(lines: list[ShiftLine]) -> tuple[Demand, ...]:
    """One demand row per shift and staffing, over the weekdays that share it."""
    groups: dict[tuple[str, int, _Counts, _Counts], list[int]] = defaultdict(list)
    for line in lines:
        if line.heads == 0:
            continue
        key = (
            line.shift,
            line.heads,
            tuple(sorted(line.competence_min.items())),
            tuple(sorted(line.language_min.items())),
        )
        groups[key].append(line.weekday)
    return tuple(
        Demand(
            shift=shift,
            weekdays=tuple(weekdays),
            min=heads,
            competence_min=dict(competence),
            language_min=dict(language),
        )
        for (shift, heads, competence, language), weekdays in groups.items()
    )


def with_vedtak_demand(unit: Unit, book: VedtakBook) -> Unit:
    """The unit with its demand made from the vedtak (and the vedtak kept with it)."""
    derivation = derive(unit, book)
    return unit.model_copy(update={"demand": derivation.demand, "vedtak": book})
