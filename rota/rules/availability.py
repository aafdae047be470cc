"""Availability: allowed shifts, the most shifts of each type, days a person cannot work, pinned
(fixed) cells."""

from __future__ import annotations

from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.findings import Finding, day_label

RULE = "tilgjengelighet"
COUNT_RULE = "vakter per type"


def add_to_model(ctx: ModelContext) -> None:
    unit = ctx.unit
    for employee in unit.employees:
        for day in range(unit.days):
            for shift in unit.shift_types:
                if not employee.allows_shift(shift.code) or day in employee.unavailable_days:
                    ctx.model.add(ctx.x[employee.id, day, shift.code] == 0).only_enforce_if(
                        ctx.hard(RULE, employee.id)
                    )
        for code, most in employee.max_shifts.items():
            if most < unit.days:
                ctx.model.add(
                    sum(ctx.x[employee.id, day, code] for day in range(unit.days)) <= most
                ).only_enforce_if(ctx.hard(COUNT_RULE, employee.id))
        for pin in employee.pins:
            ctx.model.add(ctx.x[employee.id, pin.day, pin.shift] == 1).only_enforce_if(
                ctx.hard(RULE, employee.id)
            )


def audit(unit: Unit, rota: Rota) -> list[Finding]:
    findings = []
    for employee in unit.employees:
        who = employee.display_name
        allowed = employee.allowed_shifts
        for day in range(unit.days):
            code = rota.shift_on(employee.id, day)
            if code is None:
                continue
            if day in employee.unavailable_days:
                findings.append(
                    Finding(
                        RULE,
                        "Ønsker: kan ikke",
                        f"{who} har vakt {code} {day_label(day)}, en dag personen ikke kan jobbe.",
                        f"{who} works {code} on day {day + 1}, a day they cannot work.",
                        employee.id,
                        day,
                    )
                )
            if allowed is not None and code not in allowed:
                findings.append(
                    Finding(
                        RULE,
                        "Ansatte: tillatte vakter",
                        f"{who} har vakt {code} {day_label(day)}, som personen ikke går.",
                        f"{who} works {code} on day {day + 1}, a shift they do not work.",
                        employee.id,
                        day,
                    )
                )
        row = rota.assignments[employee.id]
        for code, most in employee.max_shifts.items():
            count = sum(1 for worked in row if worked == code)
            if count > most:
                findings.append(
                    Finding(
                        COUNT_RULE,
                        "Ansatte: maks vakter per type",
                        f"{who} har {count} vakter {code}; høyst {most}.",
                        f"{who} works {count} shifts {code}; at most {most}.",
                        employee.id,
                    )
                )
        for pin in employee.pins:
            if rota.shift_on(employee.id, pin.day) != pin.shift:
                findings.append(
                    Finding(
                        RULE,
                        "Ønsker: fast vakt",
                        f"{who} skal ha fast vakt {pin.shift} {day_label(pin.day)}.",
                        f"{who} is pinned to {pin.shift} on day {pin.day + 1}.",
                        employee.id,
                        pin.day,
                    )
                )
    return findings
