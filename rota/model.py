"""The unit's CP-SAT model and what is read from it: built from every rule family, a rota read
back, each soft term's value, hints, and small solves with every shift fixed (a rota's own
objective and terms)."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from ortools.sat.python import cp_model

from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.interruptible import new_solver
from rota.params import SolveParams
from rota.result import Result, Status
from rota.rules import FAMILIES
from rota.size import check_fits
from rota.strengthen import add_redundant


def build_model(
    unit: Unit,
    params: SolveParams,
    explain: bool = False,
    positions: Mapping[str, Sequence[int]] | None = None,
) -> ModelContext:
    """The CP-SAT model of the unit: one Boolean per employee, day and shift, every rule family.
    With `explain`, each hard rule group and employee is switched on by its own literal. With
    `positions` (employee id -> allowed sizes in tenths of a per cent), those employees' position
    sizes are variables the model chooses, and their hours follow the size chosen. Refuses (an
    InputError, in words) a unit whose model would not fit in memory."""
    check_fits(unit)
    ctx = ModelContext(unit=unit, params=params, explain=explain)
    for employee_id, sizes in (positions or {}).items():
        ctx.positions[employee_id] = ctx.model.new_int_var_from_domain(
            cp_model.Domain.from_values(sorted(set(sizes))), f"position[{employee_id}]"
        )
    for employee in unit.employees:
        for day in range(unit.days):
            for shift in unit.shift_types:
                ctx.x[employee.id, day, shift.code] = ctx.model.new_bool_var(
                    f"x[{employee.id},{day},{shift.code}]"
                )
            ctx.model.add_at_most_one(ctx.x[employee.id, day, s.code] for s in unit.shift_types)
    for family in FAMILIES:
        family.add_to_model(ctx)
    if params.redundant:
        add_redundant(ctx)
    objective = [
        weight * expression for terms in ctx.terms.values() for expression, weight in terms
    ]
    ctx.model.minimize(sum(objective))
    return ctx


def evaluate(unit: Unit, rota: Rota, params: SolveParams | None = None) -> Result | None:
    """The given rota as a result of this unit's model: its objective and terms, each penalty at
    what the rota really costs; None when it breaks a hard rule of the model."""
    started = time.monotonic()
    ctx = build_model(unit, (params or SolveParams()).with_(explain=False))
    shifts = {v.index: int(rota.shift_on(e, day) == code) for (e, day, code), v in ctx.x.items()}
    polish = with_shifts_fixed(ctx, shifts)
    if polish is None:
        return None
    return Result(
        status=Status.FEASIBLE,
        rota=rota,
        objective=polish.objective_value,
        best_bound=None,
        runtime_s=time.monotonic() - started,
        terms=terms_from(ctx, polish),
    )


def with_shifts_fixed(ctx: ModelContext, shifts: Mapping[int, int]) -> cp_model.CpSolver | None:
    """A tiny solve of the model with every shift fixed: each penalty at what the rota really
    costs. `shifts` maps each shift variable's index to its value. The solver (its values read by
    the model's own variables, as the clone keeps their indices), or None without an optimum."""
    status, polish = solve_fixed(ctx, shifts)
    return polish if status == cp_model.OPTIMAL else None


def solve_fixed(
    ctx: ModelContext, values: Mapping[int, int]
) -> tuple[cp_model.CpSolverStatus, cp_model.CpSolver]:
    """CP-SAT's status and solver for the model with these variables (by index) fixed."""
    fixed = ctx.model.clone()
    for index, value in values.items():
        fixed.add(fixed.get_int_var_from_proto_index(index) == value)
    solver = new_solver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 10.0
    return solver.solve(fixed), solver


def add_hint(ctx: ModelContext, hint: Rota) -> float | None:
    """Hint the rota's shifts and, when the rota keeps every hard rule of this model, every other
    variable too (works literals, weekends, penalties), from a tiny solve with the shifts fixed.
    CP-SAT does not complete a partial hint: on Curtois Instance20 a legal first rota hinted by
    its shifts alone gave no rota in 20 s; hinted whole, it is the first solution. The objective
    of the rota when it keeps every hard rule, else None."""
    values: dict[int, int] = {}
    for (employee_id, day, code), variable in ctx.x.items():
        if employee_id in hint.assignments and day < hint.days:
            values[variable.index] = int(hint.shift_on(employee_id, day) == code)
    return complete_hint(ctx, values)


def complete_hint(ctx: ModelContext, values: dict[int, int]) -> float | None:
    """Hint these values (by variable index); when they give every shift variable, complete
    them into a whole solution first (a tiny solve with them fixed), when one exists. The
    objective of that whole solution, or None when there is none."""
    objective = None
    if all(variable.index in values for variable in ctx.x.values()):
        status, completion = solve_fixed(ctx, values)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            # The clone keeps variable indices; its own constraints were added after them.
            values = {
                index: int(completion.response_proto.solution[index])
                for index in range(len(ctx.model.proto.variables))
            }
            objective = completion.objective_value
    for index, value in values.items():
        ctx.model.add_hint(ctx.model.get_int_var_from_proto_index(index), value)
    return objective


def tightened(
    ctx: ModelContext, solver: cp_model.CpSolver, status: Status
) -> tuple[float, dict[str, float]]:
    """The objective and terms of the rota itself. A rota that is not proven optimal may carry
    slack (e.g. over-cover counted higher than its shifts make it); with every shift fixed, a
    tiny second solve sets each penalty to what the rota really costs."""
    if status is Status.OPTIMAL:
        return solver.objective_value, terms_from(ctx, solver)
    polish = with_shifts_fixed(ctx, {v.index: solver.value(v) for v in ctx.x.values()})
    if polish is None:
        return solver.objective_value, terms_from(ctx, solver)
    return polish.objective_value, terms_from(ctx, polish)


def rota_from(ctx: ModelContext, solver: cp_model.CpSolver) -> Rota:
    """The rota of the solver's best solution."""
    unit = ctx.unit
    assignments: dict[str, tuple[str | None, ...]] = {}
    for employee in unit.employees:
        row = []
        for day in range(unit.days):
            worked = [
                s.code for s in unit.shift_types if solver.value(ctx.x[employee.id, day, s.code])
            ]
            row.append(worked[0] if worked else None)
        assignments[employee.id] = tuple(row)
    return Rota(days=unit.days, assignments=assignments)


def terms_from(ctx: ModelContext, solver: cp_model.CpSolver) -> dict[str, float]:
    """Each named soft term's value in the solver's best solution."""
    return {
        name: float(sum(weight * solver.value(expression) for expression, weight in parts))
        for name, parts in ctx.terms.items()
    }
