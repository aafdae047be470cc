"""FTE need: the fewest årsverk, by competence, that cover the staffing plan under every rule.

Every position's size is free (0-100 % in steps); the staff as they are (with their competence,
languages, allowed shifts and days away) plus a few spare positions per competence make up the
pool. The least total size that covers every minimum with every rule kept (the weekend frequency
above all: weekend demand x N sets the heads) is the figure a budget planner holds against the
årsverksramme. Among plans of that size, the cheapest is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.employee import Employee
from models.rota import Rota
from models.unit import Unit
from rota.explain import Explanation
from rota.params import SolveParams
from rota.plan_stages import IntoBand, PlanState, ThreeShiftAsToday
from rota.positions import (
    FULL,
    build_position_model,
    rota_for,
    sizes_between,
    tenths,
    wider_hours,
    with_sizes,
)
from rota.result import Status
from rota.solve import solve
from rota.staging import Stage, run_in_order
from rota.time_budget import TimeBudget

# Each stage's part of what is left when it starts: a tenth of the limit for today's staff,
# a quarter for the least total in the wider band, a fifth for the repair, three tenths for the
# least total in the unit's band, the rest for the cheapest plan.
START_SHARE = 0.1
EXPLORE_SHARE = 0.25 / 0.9
REPAIR_SHARE = 0.2 / 0.65
FEWEST_SHARE = 0.3 / 0.45
CHEAPEST_SHARE = 1.0


@dataclass(frozen=True)
class FteNeed:
    """The least årsverk found, by competence, with the plan and rota that show it is enough.
    `proven` when the search proved no smaller total exists (with `lower_bound` the least total
    it could not rule out otherwise)."""

    status: Status
    total_fte: float | None
    by_competence: dict[str, float]
    current_by_competence: dict[str, float]
    fte_frame: float | None
    proven: bool
    lower_bound_fte: float | None
    plan: Unit | None
    rota: Rota | None
    notes: list[Explanation] = field(default_factory=list)

    @property
    def current_fte(self) -> float:
        return sum(self.current_by_competence.values())


def spare_id(competence: str, number: int) -> str:
    return f"EKSTRA-{competence}-{number}"


def _pool(unit: Unit, spare_per_competence: int) -> Unit:
    spares = [
        Employee(
            id=spare_id(c.code, number),
            name=f"Ekstra {c.code} {number}",
            competence=c.code,
            position_pct=0,
            vacant=True,
        )
        for c in unit.competences
        for number in range(1, spare_per_competence + 1)
    ]
    data = unit.model_dump()
    data["employees"] = [*data["employees"], *(e.model_dump() for e in spares)]
    return Unit.model_validate(data)


def _by_competence(unit: Unit, sizes: dict[str, float]) -> dict[str, float]:
    totals = {c.code: 0.0 for c in unit.competences}
    for employee in unit.employees:
        totals[employee.competence] += sizes.get(employee.id, employee.position_pct) / 100
    return totals


@dataclass
class NeedState(PlanState):
    """The FTE need in the making: the pool (today's staff and the spare positions), today's
    staff in the wider band to start from, and the least total the search could not rule out."""

    staff: Unit | None = None  # the unit as it is, without the spare positions
    today: Rota | None = None
    bound: int = 0  # tenths of a per cent

    def start_rota(self) -> Rota | None:
        return self.today


class TodayStart:
    """Today's staff in the wider band: a plan to start from, found in a second or two."""

    name = "today's staff"

    def applies(self, state: NeedState) -> bool:
        return True

    def run(self, state: NeedState) -> None:
        staff = state.staff or state.unit
        params = state.seconds(START_SHARE).with_(first_rota_only=True)
        state.today = solve(wider_hours(staff), params).rota


class LeastInWiderBand:
    """The least total in the wider hours band, from today's staff; its bound is a bound in
    the unit's own band too. No plan here: no plan at all."""

    name = "least total, wider band"

    def applies(self, state: NeedState) -> bool:
        return True

    def run(self, state: NeedState) -> None:
        explore = build_position_model(wider_hours(state.unit), state.sizes, state.params)
        explore.ctx.model.minimize(explore.total_size())
        explore.hint({e.id: e.position_pct for e in state.unit.employees}, state.today)
        status, found, rota, solver = explore.run(state.seconds(EXPLORE_SHARE))
        if rota is None:
            state.failed = status
            return
        state.found, state.rota = found, rota
        state.bound = round(solver.best_objective_bound)


class LeastInBand:
    """The least total in the unit's own band, from the plan moved into it (the move may have
    made it larger)."""

    name = "least total"

    def applies(self, state: NeedState) -> bool:
        return state.rota is not None and wider_hours(state.unit) is not state.unit

    def run(self, state: NeedState) -> None:
        fewest = build_position_model(state.unit, state.sizes, state.params)
        fewest.ctx.model.minimize(fewest.total_size())
        fewest.hint(state.found, state.rota)
        _, fewer, fewer_rota, _ = fewest.run(state.seconds(FEWEST_SHARE))
        if fewer_rota is not None:
            state.found, state.rota = fewer, fewer_rota


class CheapestOfLeast:
    """Among plans of the least total found, the cheapest."""

    name = "cheapest plan"

    def applies(self, state: NeedState) -> bool:
        return state.rota is not None

    def run(self, state: NeedState) -> None:
        least = sum(tenths(pct) for pct in state.found.values())
        cheapest = build_position_model(state.unit, state.sizes, state.params)
        cheapest.ctx.model.add(cheapest.total_size() <= least)
        cheapest.ctx.model.minimize(cheapest.cost)
        cheapest.hint(state.found, state.rota)
        _, sizes, rota, _ = cheapest.run(state.seconds(CHEAPEST_SHARE))
        if rota is not None:
            state.found, state.rota = sizes, rota


STAGES: tuple[Stage[NeedState], ...] = (
    TodayStart(),
    ThreeShiftAsToday(),
    LeastInWiderBand(),
    IntoBand(REPAIR_SHARE),
    LeastInBand(),
    CheapestOfLeast(),
)


def fte_need(
    unit: Unit,
    params: SolveParams | None = None,
    step_pct: float = 5.0,
    spare_per_competence: int = 2,
) -> FteNeed:
    """The least årsverk that covers the unit's demand under its rules."""
    params = params or SolveParams()
    pool = _pool(unit, spare_per_competence)
    sizes = {e.id: sizes_between(0, 100, step_pct) for e in pool.employees}
    current = _by_competence(unit, {})
    start = NeedState(pool, sizes, params, TimeBudget.of(params), staff=unit)
    state = run_in_order(STAGES, start)
    if state.failed is not None or state.rota is None:
        return _none(unit, state.failed or Status.UNKNOWN, current)
    plan = with_sizes(pool, state.found)
    total = sum(tenths(pct) for pct in state.found.values())
    proven = total <= state.bound
    return FteNeed(
        status=Status.OPTIMAL if proven else Status.FEASIBLE,
        total_fte=total / FULL,
        by_competence=_by_competence(pool, state.found),
        current_by_competence=current,
        fte_frame=unit.budget.fte_frame,
        proven=proven,
        lower_bound_fte=state.bound / FULL,
        plan=plan,
        rota=rota_for(plan, state.rota),
    )


def _none(unit: Unit, status: Status, current: dict[str, float]) -> FteNeed:
    return FteNeed(
        status=status,
        total_fte=None,
        by_competence={},
        current_by_competence=current,
        fte_frame=unit.budget.fte_frame,
        proven=False,
        lower_bound_fte=None,
        plan=None,
        rota=None,
        notes=[
            Explanation(
                "Ingen bemanning dekker bemanningsplanen med reglene, selv med ekstra stillinger."
                if status is Status.INFEASIBLE
                else "Ingen bemanning funnet innen tidsgrensen.",
                "No staffing covers the staffing plan under the rules, even with spare positions."
                if status is Status.INFEASIBLE
                else "No staffing found within the time limit.",
            )
        ],
    )
