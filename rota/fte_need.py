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
from rota.positions import (
    FULL,
    PositionModel,
    build_position_model,
    repair_hours,
    rota_for,
    sizes_between,
    tenths,
    wider_hours,
    with_sizes,
)
from rota.result import Status
from rota.solve import solve
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


def fte_need(
    unit: Unit,
    params: SolveParams | None = None,
    step_pct: float = 5.0,
    spare_per_competence: int = 2,
) -> FteNeed:
    """The least årsverk that covers the unit's demand under its rules."""
    params = params or SolveParams()
    share = TimeBudget.of(params).grant

    pool = _pool(unit, spare_per_competence)
    sizes = {e.id: sizes_between(0, 100, step_pct) for e in pool.employees}
    current = _by_competence(unit, {})
    wider = wider_hours(pool)

    # 1. The least total in the wider hours band, where plans come far sooner.
    explore = build_position_model(wider, sizes, params)
    explore.ctx.model.minimize(explore.total_size())
    # Today's staff in the wider band is a plan to start from, found in a second or two.
    today = solve(
        wider_hours(unit),
        params.with_(time_limit_s=share(START_SHARE), first_rota_only=True),
    )
    explore.hint({e.id: e.position_pct for e in pool.employees}, today.rota)
    status, found, rota, solver = explore.run(params.with_(time_limit_s=share(EXPLORE_SHARE)))
    if rota is None:
        return _none(unit, status, current)
    # A lower bound in the wider band is one in the unit's own band too.
    bound = round(solver.best_objective_bound)

    # 2. Into the unit's own hours band (the total may grow), then the least total there.
    if wider is not pool:
        repaired = repair_hours(
            pool, sizes, found, rota, params.with_(time_limit_s=share(REPAIR_SHARE)), _nothing
        )
        if repaired is None:
            return _none(unit, Status.UNKNOWN, current)
        found, rota = repaired
        fewest = build_position_model(pool, sizes, params)
        fewest.ctx.model.minimize(fewest.total_size())
        fewest.hint(found, rota)
        _, fewer, fewer_rota, _ = fewest.run(params.with_(time_limit_s=share(FEWEST_SHARE)))
        if fewer_rota is not None:
            found, rota = fewer, fewer_rota
    least = sum(tenths(pct) for pct in found.values())

    # 3. The cheapest plan of that total.
    cheapest = build_position_model(pool, sizes, params)
    cheapest.ctx.model.add(cheapest.total_size() <= least)
    cheapest.ctx.model.minimize(cheapest.cost)
    cheapest.hint(found, rota)
    _, best_sizes, best_rota, _ = cheapest.run(params.with_(time_limit_s=share(CHEAPEST_SHARE)))
    if best_rota is not None:
        found, rota = best_sizes, best_rota
    plan = with_sizes(pool, found)
    total = sum(tenths(pct) for pct in found.values())
    proven = total <= bound
    return FteNeed(
        status=Status.OPTIMAL if proven else Status.FEASIBLE,
        total_fte=total / FULL,
        by_competence=_by_competence(pool, found),
        current_by_competence=current,
        fte_frame=unit.budget.fte_frame,
        proven=proven,
        lower_bound_fte=bound / FULL,
        plan=plan,
        rota=rota_for(plan, rota),
    )


def _nothing(pm: PositionModel) -> None:
    """No limits beyond the rules for the hours repair."""


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
