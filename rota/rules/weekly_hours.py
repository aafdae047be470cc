"""Even weeks: each person's hours in each week kept near their position's weekly hours. A week
more than the slack above or below position x full-time week costs the weight for each hour
beyond it (whole hours, rounded up), so that a 50 % position does not get a week of 0 hours
and one of 35 unless the other rules force it. Weeks are counted by the day a shift starts, as
the Turnus sheet counts them. Linear rows per person and week, which the re-plans can cut out
(`rota.improve`). Weighed, not ruled: the audit finds nothing."""

from __future__ import annotations

import math

from ortools.sat.python import cp_model

from models.employee import Employee
from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.findings import Finding

TERM = "uneven_weeks"


def weighed(unit: Unit) -> list[Employee]:
    """Whose weeks the unit weighs: everyone without explicit hours (they say nothing of a
    week's share), when the weight is set and the rota has weeks to compare."""
    if not unit.rules.uneven_week_weight or unit.weeks < 2:
        return []
    return [e for e in unit.employees if e.rules.min_hours is None and e.rules.max_hours is None]


def add_to_model(ctx: ModelContext) -> None:
    unit = ctx.unit
    slack = round(unit.rules.week_hours_slack_h * 60)
    for employee in weighed(unit):
        for week in range(unit.weeks):
            _add_week(ctx, employee, week, slack)


def _add_week(ctx: ModelContext, employee: Employee, week: int, slack: int) -> None:
    """Hours beyond the slack either side of the week's share, in whole hours, penalised. All
    in thousandths of a minute so that a position the model chooses (tenths of a per cent)
    keeps whole coefficients."""
    unit, model = ctx.unit, ctx.model
    rules = unit.rules_for(employee)
    full_week = round(rules.full_time_week_h * 60)
    minutes = cp_model.LinearExpr.sum(
        [
            ctx.x[employee.id, day, shift.code] * shift.worked_minutes
            for day in range(week * 7, min(unit.days, week * 7 + 7))
            for shift in unit.shift_types
        ]
    )
    size = ctx.positions.get(employee.id)
    share = size * full_week if size is not None else round(employee.position_pct * 10) * full_week
    most = math.ceil(7 * 24 + rules.full_time_week_h)
    beyond = model.new_int_var(0, most, f"uneven_week[{employee.id},{week}]")
    model.add(60_000 * beyond >= 1000 * minutes - share - 1000 * slack)
    model.add(60_000 * beyond >= share - 1000 * slack - 1000 * minutes)
    ctx.penalise(TERM, beyond, rules.uneven_week_weight)


def beyond_hours(unit: Unit, rota: Rota, employee: Employee, week: int) -> int:
    """The whole hours a week of the rota lies beyond the slack around the position's weekly
    hours: what the model penalises for a position the unit gives (a planned position's size
    is the model's own)."""
    rules = unit.rules_for(employee)
    days = range(week * 7, min(unit.days, week * 7 + 7))
    minutes = sum(
        unit.shift(code).worked_minutes
        for day in days
        if (code := rota.shift_on(employee.id, day)) is not None
    )
    share = employee.position_pct / 100 * rules.full_time_week_h * 60
    outside = abs(minutes - share) - rules.week_hours_slack_h * 60
    return max(0, math.ceil(outside / 60 - 1e-9))


def audit(unit: Unit, rota: Rota) -> list[Finding]:
    """Even weeks are weighed, not ruled: nothing to find."""
    return []
