"""A cover-aware first rota: one person at a time, against the cover the others leave.

An objective-free first rota keeps every hard rule but ignores the cover, and CP-SAT's own
neighbourhood search then spends most of its time climbing out of it (Curtois Instance12: 62 095
against a best known of 4 040). Planned one person at a time instead, each alone against the demand
the people before them leave (`rota.repair.residual_unit`) and with their own wishes, the rota
starts near what the search reaches in half a minute (bench/README.md). Each person's hard rules
are their own, and the cover is soft where this is used: so every person's plan keeps the rota
legal, and whoever is not reached in time keeps their row of the first rota.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from models.rota import Rota
from models.unit import Unit
from rota.check import check
from rota.findings import FindingKind
from rota.params import SolveParams
from rota.repair import residual_unit, sub_solver
from rota.rules.coverage import shortfall_minutes

# Below this much time for a person, their plan is not tried (building it takes about as long).
MIN_PERSON_S = 0.05


def construct(unit: Unit, start: Rota, params: SolveParams, seconds: float) -> Rota:
    """`start` (a rota that keeps every hard rule) re-planned one person at a time in the unit's
    order, each against the demand the people before them leave; each plan starts from the
    person's row in `start` and may take an equal share of what is left of `seconds`. In
    deterministic mode each person gets an equal share of `seconds` as work, not clock time."""
    from rota.solve import build_model, rota_from  # solve imports this module

    sub_params = params.with_(explain=False, warm_start=False)
    staff = list(unit.employees)
    deadline = time.monotonic() + seconds
    assignments: dict[str, tuple[str | None, ...]] = {e.id: (None,) * unit.days for e in staff}
    for index, employee in enumerate(staff):
        if params.deterministic:
            budget = seconds / len(staff)
        else:
            budget = (deadline - time.monotonic()) / (len(staff) - index)
        if budget < MIN_PERSON_S:
            assignments[employee.id] = start.assignments[employee.id]
            continue
        sub = residual_unit(unit, Rota(days=unit.days, assignments=assignments), [employee.id])
        ctx = build_model(sub, sub_params)
        for (employee_id, day, code), variable in ctx.x.items():
            ctx.model.add_hint(variable, int(start.shift_on(employee_id, day) == code))
        solver = sub_solver(params, budget, params.seed)
        status = solver.solve(ctx.model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            assignments[employee.id] = rota_from(ctx, solver).assignments[employee.id]
        else:
            assignments[employee.id] = start.assignments[employee.id]
    return Rota(days=unit.days, assignments=assignments)


def mend(unit: Unit, start: Rota, params: SolveParams, seconds: float) -> Rota | None:
    """`start` made legal: everyone whose row breaks a hard rule (per the independent check) is
    planned again, one at a time, against the cover everyone else leaves, from their own row as
    a hint; everyone else keeps theirs. Each person's plan is a deterministic search of an equal
    share of `seconds` of work, so the same start mends the same way on any machine. None when a
    person has no legal row, or the mended rota still breaks a rule."""
    from rota.solve import build_model, rota_from  # solve imports this module

    breaking = {f.employee for f in check(unit, start) if f.kind is FindingKind.BREACH}
    broken = [e.id for e in unit.employees if e.id in breaking]
    if not broken:
        return start
    sub_params = params.with_(explain=False, warm_start=False, deterministic=True)
    assignments = dict(start.assignments)
    for employee_id in broken:
        assignments[employee_id] = (None,) * unit.days
    budget = max(MIN_PERSON_S, seconds / len(broken))
    for employee_id in broken:
        sub = residual_unit(unit, Rota(days=unit.days, assignments=assignments), [employee_id])
        ctx = build_model(sub, sub_params)
        for (person, day, code), variable in ctx.x.items():
            ctx.model.add_hint(variable, int(start.shift_on(person, day) == code))
        solver = sub_solver(sub_params, budget, params.seed)
        if solver.solve(ctx.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        assignments[employee_id] = rota_from(ctx, solver).assignments[employee_id]
    mended = Rota(days=unit.days, assignments=assignments)
    if any(f.kind is FindingKind.BREACH for f in check(unit, mended)):
        return None
    return mended


def fewer_gaps(unit: Unit, rota: Rota, params: SolveParams, seconds_each: float) -> Rota:
    """The rota after one pass over the staff: each person planned again, alone, against the
    cover everyone else gives (a deterministic search of `seconds_each` of work, from their own
    row), kept only when the rota's shift-minutes short of the plan go down. A scenario's search
    with every person at once often leaves a gap one person could close (bench/README.md)."""
    from rota.solve import build_model, rota_from  # solve imports this module

    sub_params = params.with_(explain=False, warm_start=False, deterministic=True)
    assignments = dict(rota.assignments)
    short = shortfall_minutes(unit, rota)
    for employee in unit.employees:
        if short == 0:
            break
        trial = {**assignments, employee.id: (None,) * unit.days}
        sub = residual_unit(unit, Rota(days=unit.days, assignments=trial), [employee.id])
        ctx = build_model(sub, sub_params)
        for (person, day, code), variable in ctx.x.items():
            ctx.model.add_hint(variable, int(assignments[person][day] == code))
        solver = sub_solver(sub_params, seconds_each, params.seed)
        if solver.solve(ctx.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        trial[employee.id] = rota_from(ctx, solver).assignments[employee.id]
        now = shortfall_minutes(unit, Rota(days=unit.days, assignments=trial))
        if now < short:
            assignments, short = trial, now
    return Rota(days=unit.days, assignments=assignments)
