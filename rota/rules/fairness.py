"""Fairness: nights and weekends spread evenly among comparable staff (same competence); isolated
single work days between days off are penalised."""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.findings import Finding


def _spread(
    ctx: ModelContext, term: str, counts: list[cp_model.LinearExprT], top: int, weight: int
) -> None:
    if len(counts) < 2 or not weight:
        return
    high = ctx.model.new_int_var(0, top, "")
    low = ctx.model.new_int_var(0, top, "")
    for count in counts:
        ctx.model.add(high >= count)
        ctx.model.add(low <= count)
    ctx.penalise(term, high - low, weight)


def add_to_model(ctx: ModelContext) -> None:
    unit = ctx.unit
    rules = unit.rules
    night_codes = [s.code for s in unit.shift_types if s.is_night]
    nights_by_group: dict[str, list[cp_model.LinearExprT]] = defaultdict(list)
    weekends_by_group: dict[str, list[cp_model.LinearExprT]] = defaultdict(list)
    for employee in unit.employees:
        allowed = employee.allowed_shifts
        mixed = allowed is None or (
            any(c in allowed for c in night_codes) and any(c not in night_codes for c in allowed)
        )
        if night_codes and mixed:
            nights_by_group[employee.competence].append(
                sum(ctx.x[employee.id, d, c] for d in range(unit.days) for c in night_codes)
            )
        if employee.id in ctx.weekends:
            weekends_by_group[employee.competence].append(sum(ctx.weekends[employee.id]))
        for day in range(unit.days if rules.isolated_day_weight else 0):
            before, after = ctx.next_day(day, -1), ctx.next_day(day, 1)
            if before is None or after is None:
                continue
            isolated = ctx.model.new_bool_var("")
            ctx.model.add(
                isolated
                >= ctx.works(employee.id, day)
                - ctx.works(employee.id, before)
                - ctx.works(employee.id, after)
            )
            ctx.penalise("isolated_days", isolated, rules.isolated_day_weight)
    for counts in nights_by_group.values():
        _spread(ctx, "night_spread", counts, unit.days, rules.night_spread_weight)
    for counts in weekends_by_group.values():
        _spread(ctx, "weekend_spread", counts, unit.weeks, rules.weekend_spread_weight)


def audit(unit: Unit, rota: Rota) -> list[Finding]:
    """Fairness is weighed, not ruled: nothing to find."""
    return []
