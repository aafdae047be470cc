"""Position planning for heltid: choose each position's size and build the rota at the same time.

First the most full-time positions (or at least a target share) with every shift covered, every
rule kept and the cost within the budget frame and the FTE frame; then, at that many full-time
positions, the lowest yearly cost. Nobody's position changes against their wish: a person's size
moves between their current position and their desired one (within `min_pct`/`max_pct`); a vacant
position may take any size in its bounds from 20 %, or be given up (0 %). New positions, when
allowed, are full-time (the main rule for new hires, AML § 14-1 b) or not created at all.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model
from pydantic import Field

from models.base import Frozen
from models.employee import Employee
from models.heltid import FULL_TIME_PCT, Heltid, heltid
from models.rota import Rota
from models.unit import Unit
from rota.cost import CostBreakdown, cost
from rota.cpsat import ProgressCallback
from rota.explain import Explanation
from rota.params import SolveParams
from rota.plan_stages import IntoBand, Limits, PlanState, ThreeShiftAsToday
from rota.positions import (
    COST_SCALE,
    FULL,
    PositionModel,
    build_position_model,
    rota_for,
    sizes_between,
    wider_hours,
    with_sizes,
)
from rota.result import Result, Status
from rota.solve import solve
from rota.staging import Stage, run_in_order
from rota.time_budget import TimeBudget

# Shares of the time limit: today's rota (for the cost before), most full-time, lowest cost.
BASELINE_SHARE = 0.2
FIRST_PLAN_SHARE = 0.5
EXPLORE_SHARE = 0.25
REPAIR_SHARE = 0.6
SMALLEST_VACANCY_PCT = 20.0


class PositionOptions(Frozen):
    """What the planner may change."""

    step_pct: float = Field(default=5.0, gt=0, le=100, description="Position sizes in steps of.")
    target_share: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description="Heltidsandel (share of positions) to reach at the lowest cost, instead of"
        " the most full-time positions.",
    )
    new_positions: dict[str, int] = Field(
        default_factory=dict,
        description="New full-time positions the plan may create, per competence code.",
    )


@dataclass(frozen=True)
class PositionChange:
    """One position in the plan: its size before and after."""

    employee_id: str
    name: str
    competence: str
    before_pct: float
    after_pct: float
    desired_pct: float | None
    vacant: bool
    new: bool

    @property
    def changed(self) -> bool:
        return abs(self.after_pct - self.before_pct) > 1e-9


@dataclass(frozen=True)
class PositionPlan:
    """The planner's answer: the unit with its new sizes, its rota, and the figures before and
    after (cost before is that of today's rota, when one was found)."""

    status: Status
    before: Unit
    after: Unit | None
    result: Result
    changes: list[PositionChange]
    heltid_before: Heltid
    heltid_after: Heltid | None
    cost_before: CostBreakdown | None
    cost_after: CostBreakdown | None
    cost_cap: float | None
    notes: list[Explanation] = field(default_factory=list)

    @property
    def has_plan(self) -> bool:
        return self.after is not None


def new_position_id(competence: str, number: int) -> str:
    return f"NY-{competence}-{number}"


def _with_new_positions(unit: Unit, options: PositionOptions) -> Unit:
    """The unit with the possible new positions added as vacant full-time positions."""
    extra = []
    for code, count in options.new_positions.items():
        if code not in unit.competence_by_code:
            raise ValueError(f"The unit has no competence '{code}'.")
        for number in range(1, count + 1):
            extra.append(
                Employee(
                    id=new_position_id(code, number),
                    name=f"Ny stilling {code} {number}",
                    competence=code,
                    position_pct=100,
                    vacant=True,
                )
            )
    if not extra:
        return unit
    data = unit.model_dump()
    data["employees"] = [*data["employees"], *(e.model_dump() for e in extra)]
    return Unit.model_validate(data)


def allowed_sizes(employee: Employee, step_pct: float, new: bool = False) -> list[int]:
    """The sizes (tenths of a per cent) the planner may give this position."""
    if new:
        return [0, FULL]
    if employee.vacant:
        # A vacant position is kept (at a size someone can be hired into) or given up.
        low = employee.min_pct if employee.min_pct is not None else SMALLEST_VACANCY_PCT
        high = employee.max_pct if employee.max_pct is not None else 100.0
        return [0, *sizes_between(low, high, step_pct, employee.position_pct)]
    current = employee.position_pct
    desired = employee.desired_pct if employee.desired_pct is not None else current
    ceiling = employee.max_pct if employee.max_pct is not None else 100.0
    floor = employee.min_pct if employee.min_pct is not None else min(current, desired)
    high = max(current, min(desired, ceiling))
    return sizes_between(min(floor, current), high, step_pct, current)


@dataclass
class PositionsState(PlanState):
    """A position plan in the making: `unit` is the unit with the new positions it may create;
    `today` the unit as it is, with its rota (`baseline`), its cost and the budget frame."""

    today: Unit | None = None
    options: PositionOptions = field(default_factory=PositionOptions)
    new_ids: set[str] = field(default_factory=set)
    baseline: Rota | None = None
    solve_today: bool = True
    cost_before: CostBreakdown | None = None
    cap: float | None = None
    explore: PositionModel | None = None
    progress: ProgressCallback | None = None
    status: Status = Status.UNKNOWN
    objective: float | None = None
    best_bound: float | None = None

    def start_rota(self) -> Rota | None:
        return self.baseline

    @property
    def start_sizes(self) -> dict[str, float]:
        return {
            e.id: (0.0 if e.id in self.new_ids else e.position_pct) for e in self.unit.employees
        }

    def limits(self, least_fulltime: int = 0) -> Limits:
        return functools.partial(
            add_frames,
            unit=self.unit,
            cap=self.cap,
            target_share=self.options.target_share,
            least_fulltime=least_fulltime,
        )

    def band_limits(self) -> list[Limits]:
        # Short of time, the move may settle for no more full-time positions than today, so it
        # first must keep more than today when the plan has more; only if that fails, any.
        today = _fulltime_count(self.start_sizes)
        if _fulltime_count(self.found) > today:
            return [self.limits(today + 1), self.limits()]
        return [self.limits()]

    def band_preference(self) -> tuple[Callable[[PositionModel], cp_model.LinearExprT], int]:
        # As many of the full-time positions found as the band allows.
        return (lambda pm: len(pm.full) - sum(pm.full.values())), len(self.unit.employees)


class TodayAndFrames:
    """Today's rota (for the cost before and as a start), unless given or not wanted, and the
    budget frame the plan must keep."""

    name = "today's rota"

    def applies(self, state: PositionsState) -> bool:
        return True

    def run(self, state: PositionsState) -> None:
        today = state.today or state.unit
        if state.baseline is None and state.solve_today:
            state.baseline = solve(today, state.seconds(BASELINE_SHARE)).rota
        if state.baseline is not None:
            state.cost_before = cost(today, state.baseline)
        state.cap = _cost_cap(state.unit, state.cost_before, state.notes)


class AnyPlan:
    """Any plan in the wider hours band within the frames: with no objective it comes in
    seconds, so a generous share costs nothing where it is not needed. Local search goes first:
    on one core it finds the demo's langvakt plan in 2-6 s, where the portfolio often finds
    none in 20 s (bench/README.md, heltid). No plan here: no plan at all."""

    name = "first plan, wider band"

    def applies(self, state: PositionsState) -> bool:
        return True

    def run(self, state: PositionsState) -> None:
        explore = build_position_model(wider_hours(state.unit), state.sizes, state.params)
        state.limits()(explore)
        explore.hint(state.start_sizes, state.baseline)
        explore.ctx.model.clear_objective()  # type: ignore[no-untyped-call]
        status, found, rota, _ = explore.run(
            state.seconds(FIRST_PLAN_SHARE).with_(first_rota_only=True),
            local_search_first=True,
        )
        if rota is None:
            state.failed = status
            return
        state.found, state.rota, state.explore = found, rota, explore


class MostFullTime:
    """The most full-time positions in the wider band, from the first plan; where a target
    share is asked for instead, any plan that reaches it will do."""

    name = "most full-time, wider band"

    def applies(self, state: PositionsState) -> bool:
        return state.explore is not None and state.options.target_share is None

    def run(self, state: PositionsState) -> None:
        explore = state.explore
        assert explore is not None
        assert state.rota is not None
        explore.ctx.model.maximize(sum(explore.full.values()))
        explore.hint(state.found, state.rota)
        _, found, rota, _ = explore.run(state.seconds(EXPLORE_SHARE))
        if rota is not None:
            state.found, state.rota = found, rota


class Cheapest:
    """The lowest cost with as many full-time positions as the plan has."""

    name = "cheapest plan"

    def applies(self, state: PositionsState) -> bool:
        return state.rota is not None

    def run(self, state: PositionsState) -> None:
        pm = build_position_model(state.unit, state.sizes, state.params)
        state.limits()(pm)
        pm.ctx.model.add(sum(pm.full.values()) >= _fulltime_count(state.found))
        _minimise_cost(pm)
        pm.hint(state.found, state.rota)
        status, cheapest, rota, solver = pm.run(state.seconds(1.0), state.progress)
        if rota is None:
            # The plan in hand stands; the search for a cheaper one found nothing in its time.
            state.status = Status.FEASIBLE
            return
        state.found, state.rota, state.status = cheapest, rota, status
        state.objective, state.best_bound = solver.objective_value, solver.best_objective_bound


STAGES: tuple[Stage[PositionsState], ...] = (
    TodayAndFrames(),
    ThreeShiftAsToday(),
    AnyPlan(),
    MostFullTime(),
    IntoBand(REPAIR_SHARE),
    Cheapest(),
)


def plan_positions(
    unit: Unit,
    options: PositionOptions | None = None,
    params: SolveParams | None = None,
    baseline: Rota | None = None,
    progress: ProgressCallback | None = None,
    solve_today: bool = True,
) -> PositionPlan:
    """Plan position sizes for heltid and the rota that goes with them. `baseline` is today's
    rota; without it (and with `solve_today`), it is searched for first, for the cost before and
    as a starting point."""
    options = options or PositionOptions()
    params = params or SolveParams()
    widened = _with_new_positions(unit, options)
    new_ids = {e.id for e in widened.employees} - {e.id for e in unit.employees}
    sizes = {
        e.id: allowed_sizes(e, options.step_pct, new=e.id in new_ids) for e in widened.employees
    }
    start = PositionsState(
        widened,
        sizes,
        params,
        TimeBudget.of(params),
        today=unit,
        options=options,
        new_ids=new_ids,
        baseline=baseline,
        solve_today=solve_today,
        progress=progress,
    )
    state = run_in_order(STAGES, start)
    if state.failed is not None or state.rota is None:
        return _no_plan(unit, state.failed or Status.UNKNOWN, state)
    after = with_sizes(widened, state.found)
    after_rota = rota_for(after, state.rota)
    result = Result(
        status=state.status,
        rota=after_rota,
        objective=state.objective,
        best_bound=state.best_bound,
        runtime_s=state.budget.wall(),
    )
    return PositionPlan(
        status=state.status,
        before=unit,
        after=after,
        result=result,
        changes=_changes(widened, state.found, new_ids),
        heltid_before=heltid(unit),
        heltid_after=heltid(after),
        cost_before=state.cost_before,
        cost_after=cost(after, after_rota),
        cost_cap=state.cap,
        notes=state.notes,
    )


def _cost_cap(
    unit: Unit, cost_before: CostBreakdown | None, notes: list[Explanation]
) -> float | None:
    """The most the plan may cost a year: the budget frame. Today's cost above the frame is
    said, since the plan must then cost less than today."""
    cap = unit.budget.budget_frame_nok
    if cap is not None and cost_before is not None and cost_before.total > cap:
        notes.append(
            Explanation(
                f"Turnusen i dag koster {_kr(cost_before.total)} kr, over budsjettrammen på"
                f" {_kr(cap)} kr; planen må holde seg innenfor rammen.",
                f"Today's rota costs NOK {_kr(cost_before.total)}, above the budget frame of"
                f" NOK {_kr(cap)}; the plan must keep within the frame.",
            )
        )
    return cap


def _kr(amount: float) -> str:
    return f"{amount:,.0f}".replace(",", " ")


def add_frames(
    pm: PositionModel,
    unit: Unit,
    cap: float | None,
    target_share: float | None = None,
    least_fulltime: int = 0,
) -> None:
    """The FTE frame, the cost limit, the target share and the fewest full-time positions as
    hard limits."""
    if least_fulltime > 0:
        pm.ctx.model.add(sum(pm.full.values()) >= least_fulltime)
    if unit.budget.fte_frame is not None:
        pm.ctx.model.add(pm.total_size() <= round(unit.budget.fte_frame * FULL))
    if cap is not None:
        # The rounding margin keeps the exact cost within the frame too.
        pm.ctx.model.add(pm.cost <= math.floor(cap * COST_SCALE) - pm.cost_error)
    if target_share is not None:
        heads = sum(pm.active.values())
        pm.ctx.model.add(1000 * sum(pm.full.values()) >= round(target_share * 1000) * heads)


def _fulltime_count(sizes: dict[str, float]) -> int:
    return sum(1 for pct in sizes.values() if pct >= FULL_TIME_PCT)


def _minimise_cost(pm: PositionModel) -> None:
    """Lowest cost first; the rota's own soft terms (wishes, fairness, cover above minimum)
    settle what costs the same."""
    soft = [weight * expression for parts in pm.ctx.terms.values() for expression, weight in parts]
    pm.ctx.model.minimize(cp_model.LinearExpr.sum([pm.cost, *soft]))


def _no_plan(unit: Unit, status: Status, state: PositionsState) -> PositionPlan:
    notes = state.notes
    if status is Status.INFEASIBLE:
        notes.append(
            Explanation(
                "Ingen stillingsplan dekker bemanningsplanen med alle regler holdt innenfor"
                " rammene (budsjett og årsverk) og de ansattes ønsker.",
                "No position plan covers the staffing plan with every rule kept within the"
                " frames (budget and FTE) and the employees' wishes.",
            )
        )
    else:
        notes.append(
            Explanation(
                "Ingen stillingsplan funnet innen tidsgrensen.",
                "No position plan found within the time limit.",
            )
        )
    return PositionPlan(
        status=status,
        before=unit,
        after=None,
        result=Result(status, None, None, None, state.budget.wall()),
        changes=[],
        heltid_before=heltid(unit),
        heltid_after=None,
        cost_before=state.cost_before,
        cost_after=None,
        cost_cap=state.cap,
        notes=notes,
    )


def _changes(unit: Unit, sizes: dict[str, float], new_ids: set[str]) -> list[PositionChange]:
    changes = []
    for employee in unit.employees:
        new = employee.id in new_ids
        after = sizes.get(employee.id, employee.position_pct)
        if new and after <= 0:
            continue
        changes.append(
            PositionChange(
                employee_id=employee.id,
                name=employee.display_name,
                competence=employee.competence,
                before_pct=0.0 if new else employee.position_pct,
                after_pct=after,
                desired_pct=employee.desired_pct,
                vacant=employee.vacant,
                new=new,
            )
        )
    return changes
