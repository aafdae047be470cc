"""Plan the year: vacation first, then the dated year re-planned part by part (a month of weeks
at a time), each part with the three weeks before it fixed so that rest, runs and weekends hold
across the seams.

In each part a person is asked to keep their grunnturnus (a wish for each of its shifts), their
vikar to take their shifts, and the hours to stay on course for the year: by the end of each part
the person has worked their yearly working time in proportion to the grunnturnus hours the year
has held so far, within one shift either way. What one part is short, the next makes up, so the
year ends within one shift of its target unless a part could not be planned within the band (the
band is then opened for that part, and the plan says so)."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from models.employee import Employee, Pin, Wish
from models.rota import Rota
from models.unit import Unit
from models.year_input import YearInput
from rota.annual.dated import (
    Substitute,
    dated_demand,
    first_plan,
    own_week_h,
    substitutes,
    year_target,
    year_unit,
)
from rota.annual.frame import YearFrame, pattern_code
from rota.annual.vacation import VacationPlan, plan_vacation
from rota.params import SolveParams
from rota.solve import solve

LEAD_WEEKS = 3
KEEP_WEIGHT = 1  # a grunnturnus shift not kept, against 10 for a person short of the target cover
BEFORE_WEIGHT = 50  # the grunnturnus before the grid, kept unless it breaks a rule
VIKAR_WEIGHT = 2  # a vikar's shift: more than keeping to whom they stand in for (1)
HIGH_HOLIDAY_WEIGHT = 5  # worked it last year: off this year where cover allows
DEFAULT_TIME_LIMIT_S = 240.0


@dataclass(frozen=True)
class Part:
    """A month of weeks: the grid weeks whose Thursday lies in the month."""

    month: int
    first_week: int
    last_week: int

    def days(self) -> range:
        return range(self.first_week * 7, (self.last_week + 1) * 7)


def parts_of(frame: YearFrame) -> list[Part]:
    found: list[Part] = []
    for week in range(frame.weeks):
        month = frame.month_of_week(week)
        if found and found[-1].month == month:
            found[-1] = Part(month, found[-1].first_week, week)
        else:
            found.append(Part(month, week, week))
    return found


def high_holidays(frame: YearFrame) -> dict[str, set[int]]:
    """The days of Christmas (julaften to 2. juledag) and Easter (skjærtorsdag to 2. påskedag)."""
    christmas = {frame.day_of(date(frame.year, 12, day)) for day in (24, 25, 26)}
    easter_days = [day for day, name in frame.holidays.items() if "påske" in name.lower()]
    easter = set(range(min(easter_days) - 3, max(easter_days) + 1)) if easter_days else set()
    return {"jul": christmas, "påske": easter}


@dataclass(frozen=True)
class YearPlan:
    """The planned year: the grid, the dated unit (staff and vikarer), its rota, the vacation, the
    vikarer and what the planning had to give up, in words."""

    frame: YearFrame
    base_unit: Unit
    base: Rota | None  # None when read back from a workbook
    unit: Unit
    rota: Rota
    vacation: VacationPlan
    cover: list[Substitute]
    year_input: YearInput
    notes: list[tuple[str, str]] = field(default_factory=list)  # (bokmål, English)
    runtime_s: float = 0.0


PartCallback = Callable[[int, int, int], None]  # part index, parts, month (1-12)

MONTHS_NB = (
    "Januar", "Februar", "Mars", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Desember",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def plan_year(
    unit: Unit,
    base: Rota,
    year: int,
    year_input: YearInput | None = None,
    params: SolveParams | None = None,
    on_part: PartCallback | None = None,
) -> YearPlan:
    """The year's plan from the unit and its grunnturnus (see the module's text)."""
    started = time.monotonic()
    year_input = year_input or YearInput()
    params = params or SolveParams(time_limit_s=DEFAULT_TIME_LIMIT_S)
    frame = YearFrame(year)
    start_week = year_input.start_week
    vacation = plan_vacation(unit, frame, year_input, seed=params.seed)
    cover = substitutes(unit, frame, vacation)
    dated = year_unit(unit, frame, vacation, cover, start_week)
    current = first_plan(base, frame, vacation, cover, start_week)
    rows = {who: list(row) for who, row in current.assignments.items()}
    planning = Planning(
        unit=unit,
        dated=dated,
        frame=frame,
        base=base,
        vacation=vacation,
        year_input=year_input,
        rows=rows,
        wanted={who: list(row) for who, row in current.assignments.items()},
        course=_course(unit, dated, frame, vacation, current),
    )
    tolerance = tolerance_minutes(unit)
    notes: list[tuple[str, str]] = []
    parts = parts_of(frame)
    spent = time.monotonic() - started
    for index, part in enumerate(parts):
        label = MONTHS_NB[part.month - 1]
        label_en = MONTHS_EN[part.month - 1]
        if on_part is not None:
            on_part(index, len(parts), part.month)
        left = (
            max(1.0, params.time_limit_s - spent)
            if not params.deterministic
            else params.time_limit_s - spent
        )
        share = max(1.0, left / (len(parts) - index))
        spent_before = time.monotonic()
        after_year = (part.last_week + 1) * 7 > frame.year_days.stop
        attempts = [(tolerance, True), (tolerance, False), (None, False)]
        if not after_year:
            attempts.pop(0)
        planned = None
        for attempt, (band, strict) in enumerate(attempts):
            limit = share if attempt == 0 else max(1.0, share / 2)
            planned = _plan_part(
                planning, part, band, params.model_copy(update={"time_limit_s": limit}), strict
            )
            if planned is not None:
                break
        if planned is None:
            notes.append(
                (
                    f"{label}: ingen plan innenfor reglene ble funnet i tide;"
                    " grunnturnusen med ferie og vikarer står der uendret.",
                    f"{label_en}: no plan within the rules was found in time; the"
                    " grunnturnus with vacation and vikarer stands there unchanged.",
                )
            )
        elif band is None:
            notes.append(
                (
                    f"{label}: timene kunne ikke holdes innenfor én vakt av"
                    " kursen for året; måneden er planlagt uten timegrensen.",
                    f"{label_en}: hours could not be held within one shift of the"
                    " year's course; the month was planned without the hours limit.",
                )
            )
        if planned is not None:
            for who, planned_row in planned.items():
                for day, code in planned_row.items():
                    rows[who][day] = code
        spent += (time.monotonic() - spent_before) if not params.deterministic else share
    # The days of the years either side are theirs to plan: greyed and empty here.
    rota = Rota(
        days=frame.days,
        assignments={
            who: tuple(code if frame.in_year(day) else None for day, code in enumerate(row))
            for who, row in rows.items()
        },
    )
    return YearPlan(
        frame=frame,
        base_unit=unit,
        base=base,
        unit=dated,
        rota=rota,
        vacation=vacation,
        cover=cover,
        year_input=year_input,
        notes=notes,
        runtime_s=time.monotonic() - started,
    )


def extra_hours(
    unit: Unit, frame: YearFrame, vacation: VacationPlan, part: Part
) -> dict[str, float]:
    """The extra minutes each part-timer who wants a larger position (desired % above their
    position) may work in the part: up to the desired size in each week someone else is on
    vacation and they are not."""
    found = {}
    for employee in unit.employees:
        if not wants_more(employee):
            continue
        assert employee.desired_pct is not None
        weeks = sum(
            1
            for week in range(part.first_week, part.last_week + 1)
            if not vacation.away(employee.id, week)
            and any(vacation.away(who, week) for who in vacation.weeks if who != employee.id)
        )
        share = (employee.desired_pct - employee.position_pct) / 100
        found[employee.id] = share * unit.rules_for(employee).full_time_week_h * 60 * weeks
    return found


def wants_more(employee: Employee) -> bool:
    """In part-time and wanting more (uønsket deltid): may take vacation cover as extra hours."""
    return (
        not employee.vacant
        and employee.desired_pct is not None
        and employee.desired_pct > employee.position_pct
    )


def tolerance_minutes(unit: Unit) -> int:
    """The yearly hours' tolerance: one shift, the unit's longest."""
    return max(shift.worked_minutes for shift in unit.shift_types)


def _course(
    unit: Unit, dated: Unit, frame: YearFrame, vacation: VacationPlan, plan: Rota
) -> dict[str, list[float]]:
    """For each person, the minutes they should have worked by the end of each grid day: the
    yearly working time spread over the year as their grunnturnus (less vacation) spreads its
    hours."""
    course = {}
    for employee in unit.employees:
        week_h = own_week_h(dated, plan, employee.id)
        target = year_target(unit, employee, frame, vacation, week_h).minutes
        weights = [0.0] * frame.days
        for day in frame.year_days:
            code = plan.assignments[employee.id][day]
            if code is not None:
                weights[day] = dated.shift(code).worked_minutes
        total = sum(weights) or 1.0
        running, cumulative = 0.0, []
        for weight in weights:
            running += weight
            cumulative.append(target * running / total)
        course[employee.id] = cumulative
    return course


@dataclass(frozen=True)
class Planning:
    """What every part of the year's planning shares: the unit and its dated year, the
    grunnturnus, the vacation, the year file, the plan so far (`rows`, changed as parts are
    planned), the first plan each part is asked to keep (`wanted`) and each person's course
    (minutes due by the end of each grid day)."""

    unit: Unit
    dated: Unit
    frame: YearFrame
    base: Rota
    vacation: VacationPlan
    year_input: YearInput
    rows: dict[str, list[str | None]]
    wanted: dict[str, list[str | None]]
    course: dict[str, list[float]]


@dataclass(frozen=True)
class PartProblem:
    """One part as a dated unit of its own, the plan so far as its hint, its day 0 as a grid
    day, and the grid days whose planned shifts are taken back into the year."""

    unit: Unit
    hint: Rota
    low: int
    kept: range


def part_problem(
    planning: Planning,
    part: Part,
    tolerance: int | None,
    strict: bool = False,
    extra: Mapping[str, float] | None = None,
) -> PartProblem:
    """One part: its weeks planned afresh, with the weeks before it and the week after it.

    Of the weeks before, all but the last are fixed as planned; the last (the seam) and the
    days outside the year are kept where they can be and may change, so that a night shift
    into a holiday across the seam cannot make the part impossible. The week after is planned
    too, as the grunnturnus would have it, so that nothing at the part's end rules out the next
    part; it is planned again there. Days before the grid stand for last year's plan (the
    grunnturnus), kept where they can be. With `strict` nobody works the days after the year
    (next year's plan has them), so that the hours band counts the year's days exactly."""
    unit, dated, frame, base = planning.unit, planning.dated, planning.frame, planning.base
    rows, wanted, course = planning.rows, planning.wanted, planning.course
    year_input, start_week = planning.year_input, planning.year_input.start_week
    first, stop = part.first_week * 7, (part.last_week + 1) * 7
    low = first - LEAD_WEEKS * 7
    seam = max(0, first - 7)
    high = min(frame.days, stop + 7) if stop < frame.days else stop
    weeks = (high - low) // 7
    most_h = dated.rules.average_hours_per_week * weeks
    holidays = high_holidays(frame)
    year = frame.year_days
    employees = []
    hint: dict[str, tuple[str | None, ...]] = {}
    for employee in dated.employees:
        row: list[str | None] = []
        pins, unavailable, wishes = [], [], []
        other_minutes = 0.0
        for day in range(low, high):
            local = day - low
            if day >= 0:
                code = rows[employee.id][day]
            elif employee.id in base.assignments:
                code = pattern_code(base, employee.id, day, start_week)
            else:
                code = None
            if (day >= 0 and day in employee.unavailable_days) or (strict and day >= year.stop):
                code = None
            row.append(code)
            counted = seam <= day < stop and day in year
            if not counted and code is not None:
                other_minutes += dated.shift(code).worked_minutes
            if day >= 0 and day in employee.unavailable_days:
                unavailable.append(local)
            elif strict and day >= year.stop:
                unavailable.append(local)  # next year's: left to its own plan
            elif year.start <= day < seam:
                if code is None:
                    unavailable.append(local)
                else:
                    pins.append(Pin(day=local, shift=code))
            elif day not in year or day < first:
                kind = "off" if code is None else "on"
                wishes.append(Wish(day=local, shift=code, kind=kind, weight=BEFORE_WEIGHT))
            else:
                target = wanted[employee.id][day]
                if target is not None:
                    wishes.append(Wish(day=local, shift=target, kind="on", weight=KEEP_WEIGHT))
                if employee.id not in course:
                    # A vikar follows the shifts of whom they stand in for, but each shift costs
                    # more than that wish is worth: a part-timer who wants more hours takes it
                    # first where the rules let them.
                    wishes.append(Wish(day=local, kind="off", weight=VIKAR_WEIGHT))
                person = year_input.person(employee.id)
                for name, days in holidays.items():
                    worked = person.worked_christmas if name == "jul" else person.worked_easter
                    if worked and day in days:
                        wishes.append(Wish(day=local, kind="off", weight=HIGH_HOLIDAY_WEIGHT))
        hint[employee.id] = tuple(row)
        if employee.id in course and tolerance is not None:
            done = sum(
                dated.shift(code).worked_minutes
                for day in year
                if day < seam and (code := rows[employee.id][day]) is not None
            )
            if seam - 1 in year and employee.id in (extra or {}):
                # A part-timer's hours above the course are extra hours, paid as such: not
                # hours in advance.
                done = min(done, round(course[employee.id][seam - 1] + tolerance))
            due = course[employee.id][min(stop, year.stop) - 1] - done
            more = (extra or {}).get(employee.id, 0.0)
            least = max(0.0, (other_minutes + due - tolerance) / 60)
            most = min(most_h, max(least, (other_minutes + due + tolerance + more) / 60))
            bounds = {"min_hours": round(least, 4), "max_hours": round(most, 4)}
        else:
            bounds = {"min_hours": 0, "max_hours": most_h}
        employees.append(
            employee.model_copy(
                update={
                    "unavailable_days": tuple(unavailable),
                    "pins": tuple(pins),
                    "wishes": tuple(wishes),
                    "rules": employee.rules.model_copy(update=bounds),
                }
            )
        )
    part_unit = dated.model_copy(
        update={
            "weeks": weeks,
            "start_date": frame.date(low),
            # Demand on the fixed days too: the model allows a shift only where the plan has it.
            "demand": dated_demand(unit, frame, range(low, high), start_week, offset=low),
            "employees": tuple(employees),
        }
    )
    kept = range(max(seam, year.start), min(stop, year.stop))
    return PartProblem(part_unit, Rota(days=high - low, assignments=hint), low, kept)


def _plan_part(
    planning: Planning,
    part: Part,
    tolerance: int | None,
    params: SolveParams,
    strict: bool,
) -> dict[str, dict[int, str | None]] | None:
    """Solve one part: each person's shifts on the days it plans, or None when no rota was
    found."""
    extra = extra_hours(planning.unit, planning.frame, planning.vacation, part)
    problem = part_problem(planning, part, tolerance, strict, extra)
    result = solve(problem.unit, params, hint=problem.hint)
    if result.rota is None:
        return None
    return {
        who: {day: row[day - problem.low] for day in problem.kept}
        for who, row in result.rota.assignments.items()
    }
