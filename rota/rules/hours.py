"""Hours: each employee's rota hours within tolerance of position x full-time week x weeks, or
within their explicit minimum and maximum."""

from __future__ import annotations

import math

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
        low, high = unit.hours_bounds_minutes(employee)
        enforced = ctx.hard(RULE, employee.id)
        ctx.model.add(minutes >= math.ceil(low - 1e-6)).only_enforce_if(enforced)
        ctx.model.add(minutes <= math.floor(high + 1e-6)).only_enforce_if(enforced)


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
