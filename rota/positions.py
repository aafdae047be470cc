"""Rota models whose position sizes are variables: what the position planner and the FTE-need
computation share. Sizes are whole tenths of a per cent (1000 is a full position), so that a
position of 56.3 % keeps its size exactly."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from models.employee import Employee
from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.cost import LinearCost, linear_cost
from rota.cpsat import ProgressCallback, run_solver
from rota.model import build_model, complete_hint, rota_from
from rota.params import SolveParams
from rota.result import Status
from rota.rules.hours import outside_band

FULL = 1000  # a full position, in tenths of a per cent
# The planner's first, wider hours band (hours a week either side of the position): with the
# position sizes free as well, ±2 h gives a first plan in seconds (bench/README.md, heltid).
PLANNING_TOLERANCE_H = 2.0
COST_SCALE = 100  # the cost expression is in øre


def tenths(pct: float) -> int:
    return round(pct * 10)


def sizes_between(low_pct: float, high_pct: float, step_pct: float, *keep: float) -> list[int]:
    """Position sizes (tenths of a per cent) from low to high in steps, with the ends and any
    sizes in `keep` (e.g. the position as it is now) always allowed."""
    low, high, step = tenths(low_pct), tenths(high_pct), max(1, tenths(step_pct))
    sizes = {low, high, *(tenths(pct) for pct in keep if low_pct <= pct <= high_pct)}
    sizes.update(range(math.ceil(low / step) * step, high + 1, step))
    return sorted(size for size in sizes if low <= size <= high)


@dataclass
class PositionModel:
    """The rota model with a position-size variable per employee, 'is full-time' and 'has a
    position' indicators, and the yearly cost as a linear expression in øre. Rounding each
    price to the øre leaves the sum at most `cost_error` øre from the exact cost."""

    ctx: ModelContext
    full: dict[str, cp_model.IntVar]
    active: dict[str, cp_model.IntVar]
    cost: cp_model.LinearExpr
    prices: LinearCost
    cost_error: int = 0
    hinted: bool = False  # the hint is a whole solution: the search improves a plan in hand

    def position(self, employee_id: str) -> cp_model.IntVar:
        return self.ctx.positions[employee_id]

    def total_size(self) -> cp_model.LinearExpr:
        return cp_model.LinearExpr.sum(list(self.ctx.positions.values()))

    def hint(self, positions: Mapping[str, float], rota: Rota | None) -> None:
        """Start the search from these sizes (%) and this rota, completed into a whole solution
        when they keep every hard rule; anything missing is left free."""
        model = self.ctx.model
        model.clear_hints()  # type: ignore[no-untyped-call]
        values: dict[int, int] = {}
        for employee_id, pct in positions.items():
            if employee_id in self.ctx.positions:
                values[self.ctx.positions[employee_id].index] = tenths(pct)
        if rota is not None:
            for (employee_id, day, code), variable in self.ctx.x.items():
                if employee_id in rota.assignments and day < rota.days:
                    values[variable.index] = int(rota.shift_on(employee_id, day) == code)
        self.hinted = complete_hint(self.ctx, values) is not None

    def run(
        self,
        params: SolveParams,
        progress: ProgressCallback | None = None,
        offset: float = 0.0,
        stall_from: float | None = None,
        local_search_first: bool = False,
    ) -> tuple[Status, dict[str, float], Rota | None, cp_model.CpSolver]:
        """One search: its status, the sizes chosen (%) and the rota, when it found one. The
        stall watch waits for an objective of at most `stall_from`, when given;
        `local_search_first` is run_solver's."""
        status, solver = run_solver(
            self.ctx,
            params,
            progress,
            offset,
            improving=self.hinted,
            stall_from=stall_from,
            local_search_first=local_search_first,
        )
        if not status.has_rota:
            return status, {}, None, solver
        sizes = {e: solver.value(v) / 10 for e, v in self.ctx.positions.items()}
        return status, sizes, rota_from(self.ctx, solver), solver


def build_position_model(
    unit: Unit, sizes: Mapping[str, Sequence[int]], params: SolveParams
) -> PositionModel:
    """The unit's rota model with cover as hard rules and the given employees' sizes free
    within `sizes` (tenths of a per cent); other employees keep their positions."""
    ctx = build_model(unit, params.with_(hard_cover=True, explain=False), positions=sizes)
    model = ctx.model
    full: dict[str, cp_model.IntVar] = {}
    active: dict[str, cp_model.IntVar] = {}
    for employee in unit.employees:
        full[employee.id], active[employee.id] = _indicators(ctx, employee)
    prices = linear_cost(unit)
    terms: list[cp_model.LinearExprT] = []
    for employee in unit.employees:
        per_pct = prices.per_position_pct[employee.id]
        size = ctx.positions.get(employee.id)
        # øre per tenth of a per cent: NOK per % x 100 øre / 10 tenths
        if size is not None:
            terms.append(round(per_pct * 10) * size)
        else:
            terms.append(round(per_pct * 10 * tenths(employee.position_pct)))
    for key, amount in prices.per_shift.items():
        terms.append(round(COST_SCALE * amount) * ctx.x[key])
    cost = cp_model.LinearExpr.sum(terms)
    model.add(cost >= 0)
    # Each position's price is off by at most half an øre per tenth, each shift's by half an øre.
    error = len(unit.employees) * FULL // 2 + len(prices.per_shift) // 2 + 1
    return PositionModel(ctx, full, active, cost, prices, error)


def _indicators(ctx: ModelContext, employee: Employee) -> tuple[cp_model.IntVar, cp_model.IntVar]:
    """(is full-time, has a position) for the employee, tied to their size."""
    model = ctx.model
    size = ctx.positions.get(employee.id)
    if size is None:
        fixed = tenths(employee.position_pct)
        return (
            model.new_constant(int(fixed >= FULL)),
            model.new_constant(int(fixed > 0)),
        )
    full = model.new_bool_var(f"full[{employee.id}]")
    model.add(size >= FULL).only_enforce_if(full)
    model.add(size <= FULL - 1).only_enforce_if(~full)
    active = model.new_bool_var(f"active[{employee.id}]")
    model.add(size >= 1).only_enforce_if(active)
    model.add(size == 0).only_enforce_if(~active)
    model.add_implication(full, active)
    return full, active


def with_sizes(unit: Unit, sizes: Mapping[str, float], drop_empty: bool = True) -> Unit:
    """The unit with these position sizes (%); positions sized 0 are left out."""
    employees = []
    for employee in unit.employees:
        pct = sizes.get(employee.id, employee.position_pct)
        if drop_empty and pct <= 0:
            continue
        employees.append({**employee.model_dump(), "position_pct": pct})
    data = unit.model_dump()
    data["employees"] = employees
    return Unit.model_validate(data)


def rota_for(unit: Unit, rota: Rota) -> Rota:
    """The rota with only the rows of the unit's employees (positions sized 0 are gone)."""
    return Rota(
        days=rota.days,
        assignments={e.id: rota.assignments[e.id] for e in unit.employees},
    )


def wider_hours(unit: Unit) -> Unit:
    """The unit with the planner's wider hours band (itself when its band is as wide)."""
    if unit.rules.hours_tolerance_h_per_week >= PLANNING_TOLERANCE_H:
        return unit
    rules = unit.rules.model_copy(update={"hours_tolerance_h_per_week": PLANNING_TOLERANCE_H})
    return unit.model_copy(update={"rules": rules})


def repair_hours(
    unit: Unit,
    sizes: Mapping[str, Sequence[int]],
    found: Mapping[str, float],
    rota: Rota,
    params: SolveParams,
    constrain: Callable[[PositionModel], None],
    prefer: Callable[[PositionModel], cp_model.LinearExprT] | None = None,
    prefer_range: int = 0,
) -> tuple[dict[str, float], Rota] | None:
    """A plan found in the wider hours band moved into the unit's own band, under the stage's
    own limits (`constrain`), by minimising the hours outside the band first and `prefer` (a
    value from 0 to `prefer_range`, e.g. full-time positions not kept) second; None when the
    search does not get the hours into the band in its time."""
    repair = build_position_model(wider_hours(unit), sizes, params)
    constrain(repair)
    excess = outside_band(repair.ctx, unit)
    if prefer is None:
        repair.ctx.model.minimize(excess)
    else:
        # Any hour outside the band weighs more than the whole range of the preference.
        repair.ctx.model.minimize(
            cp_model.LinearExpr.sum([(prefer_range + 1) * excess, prefer(repair)])
        )
    repair.hint(found, rota)
    # Not stopped for a stall before every hour is inside the band: that is the repair's goal.
    _, repaired_sizes, repaired, solver = repair.run(params, stall_from=prefer_range)
    if repaired is None or solver.value(excess) > 0:
        return None
    return repaired_sizes, repaired
