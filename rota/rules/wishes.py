"""Wishes (ønsker): requests for a shift or for a day off, soft with their weights."""

from __future__ import annotations

from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.findings import Finding

TERM = "unmet_wishes"


def add_to_model(ctx: ModelContext) -> None:
    for employee in ctx.unit.employees:
        for wish in employee.wishes:
            worked = (
                ctx.x[employee.id, wish.day, wish.shift]
                if wish.shift is not None
                else ctx.works(employee.id, wish.day)
            )
            unmet = 1 - worked if wish.kind == "on" else worked
            ctx.penalise(TERM, unmet, wish.weight)


def unmet_wishes(unit: Unit, rota: Rota) -> list[tuple[str, int, str]]:
    """(employee id, day, what was wished) for every wish the rota does not grant."""
    unmet = []
    for employee in unit.employees:
        for wish in employee.wishes:
            code = rota.shift_on(employee.id, wish.day)
            granted_shift = code is not None if wish.shift is None else code == wish.shift
            if granted_shift != (wish.kind == "on"):
                what = f"{wish.kind}:{wish.shift or '*'}"
                unmet.append((employee.id, wish.day, what))
    return unmet


def audit(unit: Unit, rota: Rota) -> list[Finding]:
    """Wishes are not rules: an unmet wish is no finding (see `unmet_wishes`)."""
    return []
