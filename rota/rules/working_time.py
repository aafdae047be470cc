"""Weekly rest of 35 h in each calendar week (AML § 10-8 (2), as DOMAIN.md reads it: a rest that
crosses into or out of the week counts with its full length), and the most hours in a day and in
every 7-day window (AML § 10-5)."""

from __future__ import annotations

import itertools

from ortools.sat.python import cp_model

from models.clock import MINUTES_PER_DAY
from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.findings import Finding, day_label
from rota.rules.timeline import intervals

WEEKLY_RULE = "ukehvile"
WEEKLY_REFERENCE = "AML § 10-8 (2)"
SEVEN_DAY_RULE = "arbeidstid per 7 dager"
DAY_RULE = "arbeidstid per døgn"
HOURS_REFERENCE = "AML § 10-5 (2)"
WEEK_MINUTES = 7 * MINUTES_PER_DAY


def add_to_model(ctx: ModelContext) -> None:
    if not ctx.unit.rules.working_time_act:
        return
    _add_weekly_rest(ctx)
    _add_seven_day_hours(ctx)


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


def _add_seven_day_hours(ctx: ModelContext) -> None:
    unit = ctx.unit
    limit = round(unit.rules.max_hours_per_7_days * 60)
    for employee in unit.employees:
        enforced = ctx.hard(SEVEN_DAY_RULE, employee.id)
        for day in range(unit.days):
            window = ctx.window(day, 7)
            if window is None:
                continue
            minutes = sum(
                ctx.x[employee.id, d, shift.code] * shift.worked_minutes
                for d in window
                for shift in unit.shift_types
            )
            ctx.model.add(minutes <= limit).only_enforce_if(enforced)


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
        minutes = [unit.shift(code).worked_minutes if code else 0 for code in row]
        who = employee.display_name
        for day, worked in enumerate(minutes):
            if worked > rules.max_hours_per_day * 60:
                findings.append(
                    Finding(
                        DAY_RULE,
                        HOURS_REFERENCE,
                        f"{who}: {worked / 60:g} t {day_label(day)}; høyst"
                        f" {rules.max_hours_per_day:g} t.",
                        f"{who}: {worked / 60:g} h on day {day + 1}; at most"
                        f" {rules.max_hours_per_day:g} h.",
                        employee.id,
                        day,
                    )
                )
        last_start = unit.days if rules.cyclic else unit.days - 6
        for day in range(max(0, last_start)):
            total = sum(minutes[(day + k) % unit.days] for k in range(7))
            if unit.rules.cyclic and unit.days < 7:
                break
            if total > rules.max_hours_per_7_days * 60:
                findings.append(
                    Finding(
                        SEVEN_DAY_RULE,
                        HOURS_REFERENCE,
                        f"{who}: {total / 60:g} t i 7 dager fra {day_label(day)}; høyst"
                        f" {rules.max_hours_per_7_days:g} t.",
                        f"{who}: {total / 60:g} h in the 7 days from day {day + 1}; at most"
                        f" {rules.max_hours_per_7_days:g} h.",
                        employee.id,
                        day,
                    )
                )
    return findings
