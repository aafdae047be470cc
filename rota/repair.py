"""Hours repair: bring a rota found in a wider hours band into the unit's own band.

A large unit finds a rota that keeps every rule but the narrow hours band (±0.5 h a week) within
seconds when the band is widened (the stepping stone, `rota.solve`); with the narrow band the whole
model finds none in a minute at 100 staff (bench/README.md). The hours are personal, the cover is
shared: so the repair re-plans a few people at a time against the cover the rest of the rota leaves
them (a small unit of its own, built in milliseconds), minimising the hours outside the band, and
keeps each re-plan that brings the total down. It stops when every hour is inside the band.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Sequence

from ortools.sat.python import cp_model

from models.demand import Demand
from models.employee import Employee
from models.rota import Rota
from models.unit import Unit
from rota.interruptible import new_solver
from rota.model import build_model, rota_from
from rota.params import SolveParams
from rota.rules import persons
from rota.rules.hours import minutes_outside, outside_band, rota_minutes

# People re-planned together: the first group size, and its bounds as it adapts.
GROUP_SIZE = 10
GROUP_RANGE = (3, 16)
# Time for one group's re-plan; a group that takes longer is made smaller.
GROUP_TIME_S = 1.0
# Re-plans at most (the deadline ends them sooner, except in deterministic mode).
MAX_ROUNDS = 200


def residual_unit(unit: Unit, rota: Rota, group: Sequence[str]) -> Unit:
    """The unit of the `group`'s staff alone, with the demand of each day and shift reduced by what
    everyone else already covers in `rota`: any rota of this unit, put back beside the others,
    keeps every cover, competence and language minimum the whole rota keeps."""
    members = set(group)
    others = [e for e in unit.employees if e.id not in members]
    on_cell: dict[tuple[int, str], list[Employee]] = defaultdict(list)
    for employee in others:
        for day, code in enumerate(rota.assignments.get(employee.id, ())):
            if code is not None:
                on_cell[day, code].append(employee)
    demand = []
    index = unit.demand_index()
    for day in range(unit.days):
        for shift in unit.shift_types:
            row = index.get((day, shift.code))
            if row is None:
                continue  # no demand row: the shift is not worked that day, as in the unit
            working = on_cell.get((day, shift.code), [])
            competence_min = {
                code: max(0, needed - sum(unit.can_fill(e.competence, code) for e in working))
                for code, needed in row.competence_min.items()
            }
            language_min = {
                code: max(0, needed - sum(code in e.languages for e in working))
                for code, needed in row.language_min.items()
            }
            least = max(0, row.min - len(working))
            demand.append(
                # Built without validation: residuals are consistent by construction, and a
                # competence residual may exceed the head residual (others fill heads only).
                Demand.model_construct(
                    shift=shift.code,
                    weekdays=(),
                    days=(day,),
                    min=least,
                    target=max(least, row.wanted - len(working)),
                    competence_min=competence_min,
                    language_min=language_min,
                    weight_under=row.weight_under,
                    weight_over=row.weight_over,
                )
            )
    fields = {name: getattr(unit, name) for name in Unit.model_fields}
    fields["employees"] = tuple(
        _kept_apart(unit, rota, e, members) for e in unit.employees if e.id in members
    )
    fields["demand"] = tuple(demand)
    return Unit.model_construct(**fields)


def _kept_apart(unit: Unit, rota: Rota, employee: Employee, members: set[str]) -> Employee:
    """The employee, unable to work any day where a shift could clash with (or leave too little
    rest after or before) a shift of the same person's other positions outside the group: the
    residual unit cannot see those positions, so it must not plan into them. Whole days, as
    the safe side."""
    others = [
        e
        for e in unit.employees
        if e.person_key == employee.person_key and e.id != employee.id and e.id not in members
    ]
    if employee.vacant or not others:
        return employee
    blocked = set(employee.unavailable_days)
    pairs = persons.conflicts(unit)
    for other in others:
        for day, code in enumerate(rota.assignments.get(other.id, ())):
            if code is None:
                continue
            for apart, first, second in pairs:
                if first == code:
                    blocked.add(day + apart)
                if second == code:
                    blocked.add(day - apart)
    wrap = unit.days if unit.rules.cyclic else None
    days = {d % wrap if wrap else d for d in blocked}
    kept = tuple(sorted(d for d in days if 0 <= d < unit.days))
    return employee.model_copy(update={"unavailable_days": kept})


def sub_solver(params: SolveParams, seconds: float, seed: int) -> cp_model.CpSolver:
    """A solver for one small re-plan (a group's, a person's): `seconds` of the clock, or of
    work in deterministic mode, so that every run re-plans the same way."""
    solver = new_solver()
    if params.deterministic:
        solver.parameters.max_deterministic_time = seconds
    else:
        solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = params.effective_workers
    solver.parameters.random_seed = seed
    return solver


def repair_hours(
    unit: Unit,
    wide: Unit,
    rota: Rota,
    params: SolveParams,
    deadline: float,
) -> Rota:
    """The rota with as few minutes outside `unit`'s hours band as the time allows (none, as a
    rule); `wide` is the same unit with the wider band `rota` was found in. Every other rule and
    every minimum cover stay kept throughout. In deterministic mode the deadline is not watched:
    each re-plan is bounded by work and the rounds by MAX_ROUNDS."""

    rng = random.Random(params.seed)
    assignments = dict(rota.assignments)
    current = Rota(days=rota.days, assignments=assignments)
    outside = {e.id: minutes_outside(unit, current, e) for e in unit.employees}
    size = float(GROUP_SIZE)
    sub_params = params.with_(hard_cover=True, explain=False, warm_start=False)
    rounds = 0
    while any(outside.values()) and rounds < MAX_ROUNDS:
        rounds += 1
        if not params.deterministic and time.monotonic() >= deadline:
            break
        group = _pick_group(unit, current, outside, round(size), rng)
        before = sum(outside[e] for e in group)
        sub = residual_unit(wide, current, group)
        narrow = sub.model_copy(update={"rules": unit.rules})
        ctx = build_model(sub, sub_params)
        ctx.model.clear_objective()  # type: ignore[no-untyped-call]
        ctx.model.minimize(outside_band(ctx, narrow))
        for (employee_id, day, code), variable in ctx.x.items():
            ctx.model.add_hint(variable, int(current.shift_on(employee_id, day) == code))
        seconds = GROUP_TIME_S if params.deterministic else deadline - time.monotonic()
        solver = sub_solver(params, min(GROUP_TIME_S, seconds), rng.randrange(1 << 16))
        status = solver.solve(ctx.model)
        if status == cp_model.OPTIMAL:
            size = min(GROUP_RANGE[1], size * 1.15)
        else:
            size = max(GROUP_RANGE[0], size * 0.8)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        replanned = rota_from(ctx, solver)
        trial = dict(assignments)
        trial.update(replanned.assignments)
        candidate = Rota(days=rota.days, assignments=trial)
        after = {e: minutes_outside(unit, candidate, unit.employee(e)) for e in group}
        if sum(after.values()) <= before:
            assignments, current = trial, candidate
            outside.update(after)
    return current


def _pick_group(
    unit: Unit, rota: Rota, outside: dict[str, int], size: int, rng: random.Random
) -> list[str]:
    """A person outside the band, people of the same competence on the other side of it (or
    anyone of that competence, then anyone) to trade shifts with, up to `size` in all."""
    off = [e for e, minutes in outside.items() if minutes]
    first = unit.employee(rng.choices(off, weights=[outside[e] for e in off])[0])
    over = rota_minutes(unit, rota, first.id) > unit.contracted_minutes(first)
    same = [e for e in unit.employees if e.id != first.id and e.competence == first.competence]
    rng.shuffle(same)

    def opposite(employee: Employee) -> bool:
        worked = rota_minutes(unit, rota, employee.id)
        return (worked > unit.contracted_minutes(employee)) != over

    # Others outside the band first: one re-plan mends several people.
    ranked = sorted(same, key=lambda e: (not outside[e.id], not opposite(e)))
    rest = [e for e in unit.employees if e.id != first.id and e.competence != first.competence]
    rng.shuffle(rest)
    return [first.id] + [e.id for e in [*ranked, *rest][: size - 1]]
