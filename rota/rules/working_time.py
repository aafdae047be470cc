"""Weekly rest of 35 h in each calendar week (AML § 10-8 (2), as DOMAIN.md reads it: a rest that
crosses into or out of the week counts with its full length), and working hours (AML § 10-5 (2)):
at most 12.5 h a day, 48 h a week on average over the rota (or a period the unit sets) and never
over 54 h in one calendar week; a cap on every 7 days in a row is a local rule, off unless set.

Hours are counted on the clock: a shift's paid minutes lie where its clock span lies, so a night
from Sunday to Monday counts partly in each week. A day's hours stay with the day the shift
starts (the rota's own day)."""

from __future__ import annotations

import itertools

from ortools.sat.python import cp_model

from models.clock import MINUTES_PER_DAY
from models.numbers import hours
from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.findings import Finding, day_label
from rota.rules.timeline import Interval, intervals, paid_minutes_in

WEEKLY_RULE = "ukehvile"
WEEKLY_REFERENCE = "AML § 10-8 (2)"
SEVEN_DAY_RULE = "arbeidstid per 7 dager"
SEVEN_DAY_REFERENCE = "lokal avtale"
HOURS_RULE = "arbeidstid per uke"
DAY_RULE = "arbeidstid per døgn"
HOURS_REFERENCE = "AML § 10-5 (2)"
WEEK_MINUTES = 7 * MINUTES_PER_DAY


def add_to_model(ctx: ModelContext) -> None:
    if not ctx.unit.rules.working_time_act:
        return
    _add_weekly_rest(ctx)
    _add_hours(ctx)


def _add_weekly_rest(ctx: ModelContext) -> None:
    """Each week needs one rest window of the full length with no shift touching it. Candidate
    windows start where a shift may end (or just early enough to reach into the week)."""
    unit = ctx.unit
    need = round(unit.rules.weekly_rest_h * 60)
    shifts = unit.shift_types
    for week in range(unit.weeks):
        week_start = week * WEEK_MINUTES
        week_end = week_start + WEEK_MINUTES
        earliest = week_start - need + 1
        starts = {earliest}
        for day in range(week * 7 - 3, week * 7 + 7):
            for shift in shifts:
                end = day * MINUTES_PER_DAY + shift.end_minute
                if earliest < end < week_end:
                    starts.add(end)
        windows: set[frozenset[tuple[int, str]]] = set()
        for start in sorted(starts):
            blockers: set[tuple[int, str]] = set()
            first_day = (start - 2 * MINUTES_PER_DAY) // MINUTES_PER_DAY
            last_day = (start + need) // MINUTES_PER_DAY + 1
            for day in range(first_day, last_day + 1):
                for shift in shifts:
                    shift_start = day * MINUTES_PER_DAY + shift.start_minute
                    shift_end = day * MINUTES_PER_DAY + shift.end_minute
                    if shift_start < start + need and shift_end > start:
                        rota_day = _rota_day(ctx, day)
                        if rota_day is not None:
                            blockers.add((rota_day, shift.code))
            windows.add(frozenset(blockers))
        # A window whose blockers include another window's is never needed.
        # Sorted, so the model (and a deterministic solve) does not depend on hash order.
        minimal = sorted(
            (sorted(w) for w in windows if not any(other < w for other in windows)),
        )
        for employee in unit.employees:
            options: list[cp_model.IntVar] = []
            for window in minimal:
                if not window:
                    options = []
                    break
                free = ctx.model.new_bool_var("")
                for day, code in window:
                    ctx.model.add_implication(free, ~ctx.x[employee.id, day, code])
                options.append(free)
            if options:
                ctx.model.add_bool_or(options).only_enforce_if(ctx.hard(WEEKLY_RULE, employee.id))


def _rota_day(ctx: ModelContext, day: int) -> int | None:
    if 0 <= day < ctx.unit.days:
        return day
    return day % ctx.unit.days if ctx.unit.rules.cyclic else None  # outside a dated plan: free


def _add_hours(ctx: ModelContext) -> None:
    unit, rules = ctx.unit, ctx.unit.rules
    periods = averaging_periods(unit)
    windows = seven_day_windows(unit) if rules.max_hours_per_7_days is not None else []
    for employee in unit.employees:
        enforced = ctx.hard(HOURS_RULE, employee.id)

        weeks = [
            _minutes(ctx, employee.id, w * WEEK_MINUTES, (w + 1) * WEEK_MINUTES)
            for w in range(unit.weeks)
        ]
        for week in weeks:
            ctx.model.add(week <= round(rules.max_hours_per_week * 60)).only_enforce_if(enforced)
        for period in periods:
            ctx.model.add(
                sum(weeks[w] for w in period)
                <= round(rules.average_hours_per_week * 60 * len(period))
            ).only_enforce_if(enforced)
        if rules.max_hours_per_7_days is not None:
            limit = round(rules.max_hours_per_7_days * 60)
            for start in windows:
                ctx.model.add(
                    _minutes(ctx, employee.id, start, start + WEEK_MINUTES) <= limit
                ).only_enforce_if(enforced)


def _minutes(ctx: ModelContext, employee_id: str, start: int, end: int) -> cp_model.LinearExprT:
    """The employee's paid minutes in [start, end) of the rota's clock."""
    return sum(ctx.x[employee_id, day, code] * m for day, code, m in shares(ctx.unit, start, end))


def shares(unit: Unit, start: int, end: int) -> list[tuple[int, str, int]]:
    """(rota day, shift code, paid minutes inside) of every shift that would put working time in
    [start, end) of the rota's clock; in a cyclic rota a day past either end is a day of the
    rota, in a dated plan it is outside the plan (nothing known)."""
    found = []
    first, last = start // MINUTES_PER_DAY - 2, (end - 1) // MINUTES_PER_DAY
    for day in range(first, last + 1):
        if not unit.rules.cyclic and not 0 <= day < unit.days:
            continue
        for shift in unit.shift_types:
            inside = paid_minutes_in(shift, day * MINUTES_PER_DAY + shift.start_minute, start, end)
            if inside:
                found.append((day % unit.days, shift.code, inside))
    return found


def averaging_periods(unit: Unit) -> list[list[int]]:
    """The weeks each average of AML § 10-5 (2) is taken over: the whole rota, or every run of
    the unit's averaging weeks (round the seam in a cyclic rota)."""
    length = unit.rules.averaging_weeks
    if length is None or length >= unit.weeks:
        return [list(range(unit.weeks))]
    starts = range(unit.weeks) if unit.rules.cyclic else range(unit.weeks - length + 1)
    return [[(k + step) % unit.weeks for step in range(length)] for k in starts]


def seven_day_windows(unit: Unit) -> list[int]:
    """Starts (minutes on the rota's clock) of the 7-day windows that can hold the most working
    time: each starts when a shift starts or ends 7 days before a shift ends, the only places
    the sum can peak. A dated plan's windows lie inside it; a cyclic rota shorter than a week
    has none."""
    span = unit.days * MINUTES_PER_DAY
    if span < WEEK_MINUTES:
        return []
    starts = set()
    for day in range(unit.days):
        for shift in unit.shift_types:
            starts.add(day * MINUTES_PER_DAY + shift.start_minute)
            starts.add(day * MINUTES_PER_DAY + shift.end_minute - WEEK_MINUTES)
    if unit.rules.cyclic:
        return sorted({start % span for start in starts})
    return sorted(start for start in starts if start >= 0 and start + WEEK_MINUTES <= span)


def audit(unit: Unit, rota: Rota) -> list[Finding]:
    if not unit.rules.working_time_act:
        return []
    return _audit_weekly_rest(unit, rota) + _audit_hours(unit, rota)


def _audit_weekly_rest(unit: Unit, rota: Rota) -> list[Finding]:
    need = unit.rules.weekly_rest_h * 60
    findings = []
    for employee in unit.employees:
        worked = intervals(unit, rota, employee.id, wrap=unit.rules.cyclic)
        # Rests are the gaps between worked intervals; a dated plan is open at both ends.
        edges = [(-(10**9), -(10**9))] + [(i.start, i.end) for i in worked] + [(10**9, 10**9)]
        rests = [(a_end, b_start) for (_, a_end), (b_start, _) in itertools.pairwise(edges)]
        for week in range(unit.weeks):
            week_start, week_end = week * WEEK_MINUTES, (week + 1) * WEEK_MINUTES
            touching = [(a, b) for a, b in rests if a < week_end and b > week_start]
            longest = max((b - a for a, b in touching), default=0)
            if longest < need:
                findings.append(
                    Finding(
                        WEEKLY_RULE,
                        WEEKLY_REFERENCE,
                        f"{employee.display_name}: lengste hvile i uke {week + 1} er"
                        f" {longest / 60:g} t; minst {unit.rules.weekly_rest_h:g} t.",
                        f"{employee.display_name}: the longest rest in week {week + 1} is"
                        f" {longest / 60:g} h; at least {unit.rules.weekly_rest_h:g} h.",
                        employee.id,
                        week * 7,
                    )
                )
    return findings


def _audit_hours(unit: Unit, rota: Rota) -> list[Finding]:
    rules = unit.rules
    findings = []
    for employee in unit.employees:
        row = rota.assignments[employee.id]
        who = employee.display_name
        worked = intervals(unit, rota, employee.id, wrap=rules.cyclic)

        for day, code in enumerate(row):
            length = unit.shift(code).worked_minutes if code else 0
            if length > rules.max_hours_per_day * 60:
                findings.append(
                    Finding(
                        DAY_RULE,
                        HOURS_REFERENCE,
                        f"{who}: {length / 60:g} t {day_label(day)}; høyst"
                        f" {rules.max_hours_per_day:g} t.",
                        f"{who}: {length / 60:g} h on day {day + 1}; at most"
                        f" {rules.max_hours_per_day:g} h.",
                        employee.id,
                        day,
                    )
                )
        weeks = [
            _worked(unit, worked, w * WEEK_MINUTES, (w + 1) * WEEK_MINUTES)
            for w in range(unit.weeks)
        ]
        for week, total in enumerate(weeks):
            if total > rules.max_hours_per_week * 60:
                findings.append(
                    _week_finding(
                        employee.id,
                        who,
                        f"{hours(total / 60)} t i uke {week + 1} (klokketid); aldri over"
                        f" {rules.max_hours_per_week:g} t i én uke.",
                        f"{hours(total / 60, 'en')} h in week {week + 1} (clock time); never over"
                        f" {rules.max_hours_per_week:g} h in one week.",
                        week * 7,
                    )
                )
        for period in averaging_periods(unit):
            total = sum(weeks[w] for w in period)
            if total > rules.average_hours_per_week * 60 * len(period):
                average = total / len(period)
                findings.append(
                    _week_finding(
                        employee.id,
                        who,
                        f"{hours(average / 60)} t per uke i snitt over uke {period[0] + 1}-"
                        f"{period[-1] + 1}; høyst {rules.average_hours_per_week:g} t.",
                        f"{hours(average / 60, 'en')} h a week on average over weeks {period[0] + 1}-"
                        f"{period[-1] + 1}; at most {rules.average_hours_per_week:g} h.",
                        period[0] * 7,
                    )
                )
        if rules.max_hours_per_7_days is None:
            continue
        worst: dict[int, tuple[int, int]] = {}
        for start in seven_day_windows(unit):
            total = _worked(unit, worked, start, start + WEEK_MINUTES)
            day = start // MINUTES_PER_DAY
            if total > rules.max_hours_per_7_days * 60 and total > worst.get(day, (0, 0))[0]:
                worst[day] = (total, start)
        for day, (total, start) in sorted(worst.items()):
            clock = f"{start % MINUTES_PER_DAY // 60:02d}:{start % 60:02d}"
            findings.append(
                Finding(
                    SEVEN_DAY_RULE,
                    SEVEN_DAY_REFERENCE,
                    f"{who}: {hours(total / 60)} t i 7 dager fra {day_label(day)} kl. {clock}"
                    f" (klokketid); høyst {rules.max_hours_per_7_days:g} t.",
                    f"{who}: {hours(total / 60, 'en')} h in the 7 days from day {day + 1} at {clock}"
                    f" (clock time); at most {rules.max_hours_per_7_days:g} h.",
                    employee.id,
                    day,
                )
            )
    return findings


def _worked(unit: Unit, worked: list[Interval], start: int, end: int) -> int:
    """Paid minutes of the worked shifts in [start, end) of the rota's clock."""
    return sum(paid_minutes_in(unit.shift(i.code), i.start, start, end) for i in worked)


def _week_finding(employee_id: str, who: str, nb: str, en: str, day: int) -> Finding:
    return Finding(HOURS_RULE, HOURS_REFERENCE, f"{who}: {nb}", f"{who}: {en}", employee_id, day)
