"""Build the CP-SAT model from a unit and solve it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.explain import explain
from rota.params import SolveParams
from rota.result import Result, Status
from rota.rules import FAMILIES
from rota.warmstart import weekend_hint


@dataclass(frozen=True)
class Progress:
    """A better rota was found: its objective, the best bound so far and the time spent."""

    objective: float
    best_bound: float
    seconds: float


ProgressCallback = Callable[[Progress], None]

_STATUS = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
    cp_model.UNKNOWN: Status.UNKNOWN,
    cp_model.MODEL_INVALID: Status.MODEL_INVALID,
}


def build_model(unit: Unit, params: SolveParams, explain: bool = False) -> ModelContext:
    """The CP-SAT model of the unit: one Boolean per employee, day and shift, every rule family.
    With `explain`, each hard rule group and employee is switched on by its own literal."""
    ctx = ModelContext(unit=unit, params=params, explain=explain)
    for employee in unit.employees:
        for day in range(unit.days):
            for shift in unit.shift_types:
                ctx.x[employee.id, day, shift.code] = ctx.model.new_bool_var(
                    f"x[{employee.id},{day},{shift.code}]"
                )
            ctx.model.add_at_most_one(ctx.x[employee.id, day, s.code] for s in unit.shift_types)
    for family in FAMILIES:
        family.add_to_model(ctx)
    objective = [
        weight * expression for terms in ctx.terms.values() for expression, weight in terms
    ]
    ctx.model.minimize(sum(objective))
    return ctx


class _Listener(cp_model.CpSolverSolutionCallback):
    def __init__(self, callback: ProgressCallback) -> None:
        super().__init__()
        self._callback = callback

    def on_solution_callback(self) -> None:
        self._callback(Progress(self.objective_value, self.best_objective_bound, self.wall_time))


def solve(
    unit: Unit,
    params: SolveParams | None = None,
    progress: ProgressCallback | None = None,
    hint: Rota | None = None,
) -> Result:
    """Solve the unit's rota. The rota comes back with its gaps shown unless hard rules conflict."""
    params = params or SolveParams()
    ctx = build_model(unit, params)
    if hint is not None:
        for (employee_id, day, code), variable in ctx.x.items():
            if employee_id in hint.assignments and day < hint.days:
                ctx.model.add_hint(variable, hint.shift_on(employee_id, day) == code)
    elif params.warm_start:
        for key, value in weekend_hint(unit, seed=params.seed).items():
            ctx.model.add_hint(ctx.x[key], value)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = params.time_limit_s
    solver.parameters.num_workers = params.effective_workers
    solver.parameters.random_seed = params.seed
    solver.parameters.log_search_progress = params.log
    if params.deterministic:
        # Work, not wall-clock time, bounds the search, so a loaded machine gives the same rota.
        solver.parameters.max_deterministic_time = params.time_limit_s
        solver.parameters.max_time_in_seconds = 10 * params.time_limit_s
    solver_status = solver.solve(ctx.model, _Listener(progress) if progress else None)
    status = _STATUS.get(solver_status, Status.UNKNOWN)
    if not status.has_rota:
        explanation = []
        if status is Status.INFEASIBLE and params.explain:
            explanation = explain(
                unit, build_model(unit, params, explain=True), params.time_limit_s
            )
        return Result(status, None, None, None, solver.wall_time, explanation=explanation)
    assignments: dict[str, tuple[str | None, ...]] = {}
    for employee in unit.employees:
        row = []
        for day in range(unit.days):
            worked = [
                s.code for s in unit.shift_types if solver.value(ctx.x[employee.id, day, s.code])
            ]
            row.append(worked[0] if worked else None)
        assignments[employee.id] = tuple(row)
    terms = {
        name: float(sum(weight * solver.value(expression) for expression, weight in parts))
        for name, parts in ctx.terms.items()
    }
    return Result(
        status=status,
        rota=Rota(days=unit.days, assignments=assignments),
        objective=solver.objective_value,
        best_bound=solver.best_objective_bound,
        runtime_s=solver.wall_time,
        terms=terms,
    )
