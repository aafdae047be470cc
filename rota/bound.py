"""The gaps no rota can avoid: a lower bound on shift-hours below minimum cover, competence and
language, whatever else the rota does.

The objective of a normal solve weighs gaps against fairness and wishes, so its bound says nothing
about gaps alone (often 0 or below). Here the same model minimises gap hours and nothing else; its
proven bound is what the unit's staff, rules and demand make unavoidable, and when the search also
finds a rota at that bound, the fewest gaps are known exactly. The search runs in deterministic
mode, so the same unit gives the same bound on any machine under any load.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.sat.python import cp_model

from models.rota import Rota
from models.unit import Unit
from rota import three_shift
from rota.interruptible import new_solver, solve_interruptibly
from rota.model import build_model, complete_hint, rota_from
from rota.params import SolveParams


@dataclass(frozen=True)
class GapBound:
    """Shift-hours a week of gaps: at least `unavoidable`; `fewest` when a rota with that few was
    found in the same search (then the bound is met, and no rota can do better)."""

    unavoidable_hours_per_week: float
    fewest_hours_per_week: float | None
    fewest_rota: Rota | None = None

    @property
    def exact(self) -> bool:
        fewest = self.fewest_hours_per_week
        return fewest is not None and fewest - self.unavoidable_hours_per_week < 0.05


def gap_bound(unit: Unit, params: SolveParams, found: Rota | None = None) -> GapBound | None:
    """The least gap hours a week any rota of the unit must have, from a deterministic search of
    `params.gap_bound_s` that minimises gap hours alone (started from `found`, when given, so that
    the search's own best is never worse than it; where the unit gives the three-shift credit,
    each person's three-shift status is then as in `found`). None when the hard rules conflict."""
    settings = params.with_(explain=False, hard_cover=False, deterministic=True)
    if found is not None:
        # Searched, the either-or of each person's three-shift band leaves the LP proving
        # nothing (bound 0); the bound is over rotas with the found rota's statuses.
        unit = three_shift.as_in(unit, found)
    ctx = build_model(unit, settings)
    ctx.model.minimize(sum(gap.gap * gap.minutes for gap in ctx.cover_gaps))
    if found is not None:
        complete_hint(
            ctx,
            {
                variable.index: int(found.shift_on(employee, day) == code)
                for (employee, day, code), variable in ctx.x.items()
                if employee in found.assignments and day < found.days
            },
        )
    solver = new_solver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = params.seed
    solver.parameters.max_deterministic_time = params.gap_bound_s
    solver.parameters.max_time_in_seconds = 10 * params.gap_bound_s
    status = solve_interruptibly(solver, ctx.model)
    if status == cp_model.INFEASIBLE:
        return None
    per_week = 60 * unit.weeks
    # The objective is whole minutes: a fractional LP bound rounds up.
    bound = max(0, math.ceil(solver.best_objective_bound - 1e-6))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return GapBound(bound / per_week, None)
    bound = min(bound, round(solver.objective_value))
    return GapBound(bound / per_week, solver.objective_value / per_week, rota_from(ctx, solver))
