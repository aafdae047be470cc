"""Hours: each employee's rota hours within tolerance of position x full-time week x weeks, or
within their explicit minimum and maximum."""

from __future__ import annotations

import math

from ortools.sat.python import cp_model

from models.employee import Employee
from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.findings import Finding

RULE = "timer"
REFERENCE = "stilling × full uke ± toleranse (lokal praksis)"


def add_to_model(ctx: ModelContext) -> None:
    unit = ctx.unit
    for employee in unit.employees:
        minutes = sum(
            ctx.x[employee.id, day, shift.code] * shift.worked_minutes
            for day in range(unit.days)
            for shift in unit.shift_types
        )
        enforced = ctx.hard(RULE, employee.id)
        position = ctx.positions.get(employee.id)
        if position is not None:
            _add_chosen_position(ctx, employee, minutes, position, enforced)
            continue
        low, high = unit.hours_bounds_minutes(employee)
        ctx.model.add(minutes >= math.ceil(low - 1e-6)).only_enforce_if(enforced)
        ctx.model.add(minutes <= math.floor(high + 1e-6)).only_enforce_if(enforced)


def _add_chosen_position(
    ctx: ModelContext,
    employee: Employee,
    minutes: cp_model.LinearExprT,
    position: cp_model.IntVar,
    enforced: list[cp_model.IntVar],
) -> None:
    """Hours band around a position size the model chooses (in tenths of a per cent), in
    thousandths of a minute so that every coefficient stays whole."""
    unit = ctx.unit
    rules = unit.rules_for(employee)
    full_minutes = round(rules.full_time_week_h * 60 * unit.weeks)
    slack = round(rules.hours_tolerance_h_per_week * 60 * unit.weeks * 1000)
    if employee.rules.min_hours is not None:
        low: cp_model.LinearExprT = round(employee.rules.min_hours * 60 * 1000)
    else:
        low = position * full_minutes - slack
    if employee.rules.max_hours is not None:
        high: cp_model.LinearExprT = round(employee.rules.max_hours * 60 * 1000)
    else:
        high = position * full_minutes + slack
    ctx.model.add(1000 * minutes >= low).only_enforce_if(enforced)
    ctx.model.add(1000 * minutes <= high).only_enforce_if(enforced)


def rota_minutes(unit: Unit, rota: Rota, employee_id: str) -> int:
    return sum(
        unit.shift(code).worked_minutes
        for code in rota.assignments[employee_id]
        if code is not None
    )


def audit(unit: Unit, rota: Rota) -> list[Finding]:
    findings = []
    for employee in unit.employees:
        worked = rota_minutes(unit, rota, employee.id)
        low, high = unit.hours_bounds_minutes(employee)
        if worked < math.ceil(low - 1e-6) or worked > math.floor(high + 1e-6):
            findings.append(
                Finding(
                    RULE,
                    REFERENCE,
                    f"{employee.display_name} ({employee.position_pct:g} %) har {worked / 60:g} t;"
                    f" tillatt er {low / 60:.1f}-{high / 60:.1f} t.",
                    f"{employee.display_name} ({employee.position_pct:g} %) has {worked / 60:g} h;"
                    f" allowed is {low / 60:.1f}-{high / 60:.1f} h.",
                    employee.id,
                )
            )
    return findings


def outside_band(ctx: ModelContext, unit: Unit) -> cp_model.LinearExpr:
    """How far (thousandths of a minute) the rota's hours lie outside the hours band of `unit`
    (the same unit with its own, narrower band), summed over employees. Minimised to zero in a
    model built with a wider band, it repairs a rota found there into this band."""
    model = ctx.model
    excess = []
    for employee in unit.employees:
        if employee.rules.min_hours is not None or employee.rules.max_hours is not None:
            continue
        rules = unit.rules_for(employee)
        minutes = cp_model.LinearExpr.sum(
            [
                ctx.x[employee.id, day, shift.code] * shift.worked_minutes
                for day in range(unit.days)
                for shift in unit.shift_types
            ]
        )
        full_minutes = round(rules.full_time_week_h * 60 * unit.weeks)
        size = ctx.positions.get(employee.id)
        # position in tenths of a per cent x minutes at 100 % = thousandths of a minute
        contracted = (
            size * full_minutes
            if size is not None
            else round(employee.position_pct * 10) * full_minutes
        )
        slack = round(rules.hours_tolerance_h_per_week * 60 * unit.weeks * 1000)
        over = model.new_int_var(0, 1_000 * 60 * 24 * unit.days, f"outside_band[{employee.id}]")
        model.add(over >= 1000 * minutes - contracted - slack)
        model.add(over >= contracted - 1000 * minutes - slack)
        excess.append(over)
    return cp_model.LinearExpr.sum(excess)
