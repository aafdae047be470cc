"""Neighbourhood search over small re-plans: a few people over a window of days, the rest fixed.

CP-SAT's own neighbourhood search works on the whole model, and on the largest units each of its
neighbourhoods costs a load and presolve of all of it (Curtois Instance20: 54 600 shift variables).
A re-plan of a few people against the cover the others leave (`rota.repair.residual_unit`) is a
small model of its own. It is built once per group and then swept over the days, a window at a
time, with the shift variables outside the window fixed by their domains: each window's solve
takes a few hundredths of a second.

Where every soft term is one person's or one cover count's (no spread between people), a group's
re-plan sees the whole objective's change exactly, so a re-plan kept for being better lowers the
whole objective by as much, and every step keeps every hard rule (each person's rules are their
own, and cover is soft where this is used). Two re-plans with different people and different days
change the objective independently, so each core sweeps its own group over its own part of the
days, in a process of its own (in threads, the model building between the solves held Python's
lock, and two did no better than one).
"""

from __future__ import annotations

import multiprocessing
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from models.clock import SATURDAY, SUNDAY
from models.demand import Demand
from models.employee import Employee
from models.rota import Rota
from models.unit import Unit
from rota.params import SolveParams
from rota.repair import residual_unit, sub_solver

# People in a group and days in a window: many small re-plans solved to optimality beat fewer
# large ones (Curtois Instance20, 27 s from the same rota: 5 x 10 gave 13 776, 4 x 14 14 025,
# 3 x 21 15 756, and sizes grown while solved to optimality settled at 3 x 23: 17 640).
PEOPLE = 5
WINDOW_DAYS = 10
# Time for one window's re-plan (most are proven optimal in a few hundredths of a second).
REPLAN_S = 0.2
# Share of groups chosen round a shift short of its target, while there is one.
FOCUS_SHARE = 0.8
# Sweeps at once, one process each (at most one per core).
MAX_PROCESSES = 4


def separable(unit: Unit) -> bool:
    """Whether every soft term is one person's or one cover count's: no spread between people,
    so that a group's re-plan sees the whole objective's change."""
    rules = unit.rules
    return not (rules.night_spread_weight or rules.weekend_spread_weight)


@dataclass(frozen=True)
class _Sweep:
    """One group's re-plans over its part of the days."""

    group: list[str]
    days: list[int]  # the part of the days it may change, in order
    focus: int  # the day its first window is centred on
    seed: int


def improve(
    unit: Unit, rota: Rota, params: SolveParams, seconds: float, rounds: int | None = None
) -> tuple[Rota, float]:
    """`rota` (keeping every hard rule) improved by re-plans of a few people over a window of
    days, each kept when it lowers the objective; the rota and how much lower its objective is.
    Stops after `seconds` (that much solver work in deterministic mode), or after `rounds`
    rounds of sweeps (one sweep per core and round; one in all in deterministic mode)."""
    if seconds <= 0:
        return rota, 0.0
    rng = random.Random(params.seed)
    index = unit.demand_index()
    cores = 1 if params.deterministic else min(MAX_PROCESSES, params.effective_workers)
    assignments = dict(rota.assignments)
    deadline = time.monotonic() + seconds
    work = gained = 0.0
    done = 0
    with _pool(unit, params, cores) as pool:
        while (rounds is None or done < rounds) and (
            work < seconds if params.deterministic else time.monotonic() < deadline
        ):
            done += 1
            current = Rota(days=unit.days, assignments=assignments)
            sweeps = _plan(unit, index, current, cores, rng)
            budget = seconds - work if params.deterministic else deadline
            if pool is None:
                results = [_sweep(unit, current, sweeps[0], params, budget)]
            else:
                jobs = [pool.submit(_sweep_adopted, current, sweep, budget) for sweep in sweeps]
                results = [job.result() for job in jobs]
            for rows, gain, spent in results:
                assignments.update(rows)
                gained += gain
                work += spent
    return Rota(days=unit.days, assignments=assignments), gained


@contextmanager
def _pool(unit: Unit, params: SolveParams, cores: int) -> Iterator[ProcessPoolExecutor | None]:
    """Worker processes that have the unit and the parameters already (forked, so that nothing
    large is sent with each sweep); None for one core, or where processes cannot be forked."""
    if cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    pool = ProcessPoolExecutor(
        cores,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_adopt,
        initargs=(unit, params),
    )
    try:
        yield pool
    finally:
        pool.shutdown(cancel_futures=True)


# In a worker process: the unit and parameters it sweeps for.
_ADOPTED: list[tuple[Unit, SolveParams]] = []


def _adopt(unit: Unit, params: SolveParams) -> None:
    _ADOPTED[:] = [(unit, params)]


def _sweep_adopted(
    rota: Rota, sweep: _Sweep, budget: float
) -> tuple[dict[str, tuple[str | None, ...]], float, float]:
    unit, params = _ADOPTED[0]
    return _sweep(unit, rota, sweep, params, budget)


def _plan(
    unit: Unit,
    index: dict[tuple[int, str], Demand],
    rota: Rota,
    cores: int,
    rng: random.Random,
) -> list[_Sweep]:
    """One sweep per core: the days cut at a random day into that many runs of days, each with
    its own group, no one in two groups."""
    first = rng.randrange(unit.days)
    order = [(first + k) % unit.days for k in range(unit.days)]
    parts = [order[k * unit.days // cores : (k + 1) * unit.days // cores] for k in range(cores)]
    staffed: Counter[tuple[int, str]] = Counter()
    for row in rota.assignments.values():
        for day, code in enumerate(row):
            if code is not None:
                staffed[day, code] += 1
    taken: set[str] = set()
    sweeps = []
    for part in parts:
        group, focus = _neighbourhood(unit, index, rota, staffed, part, taken, rng)
        if not group:
            break
        taken.update(group)
        sweeps.append(_Sweep(group, part, focus, rng.randrange(1 << 16)))
    if len(sweeps) == 1:
        # Everyone is in the one group (a small unit): it has all the days.
        sweeps = [replace(sweeps[0], days=order)]
    return sweeps


def _sweep(
    unit: Unit, rota: Rota, sweep: _Sweep, params: SolveParams, budget: float
) -> tuple[dict[str, tuple[str | None, ...]], float, float]:
    """The group's rows re-planned window by window over its days (each window kept when better),
    how much lower the objective is and the solver work spent. `budget` is the deadline on the
    clock, or the work left in deterministic mode."""
    from rota.solve import build_model, solve_fixed  # solve imports this module

    ctx = build_model(residual_unit(unit, rota, sweep.group), params.with_(explain=False))
    rows = {e: rota.assignments[e] for e in sweep.group}
    shifts = {
        variable.index: int(rota.shift_on(employee_id, day) == code)
        for (employee_id, day, code), variable in ctx.x.items()
    }
    status, whole = solve_fixed(ctx, shifts)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return rows, 0.0, 0.0  # cannot happen for a legal rota: nothing to improve from
    before = best = whole.objective_value
    solution = list(whole.response_proto.solution)
    proto = ctx.model.proto
    by_day: dict[int, list[int]] = defaultdict(list)
    for (_, day, _), variable in ctx.x.items():
        by_day[day].append(variable.index)
        proto.variables[variable.index].domain[0] = solution[variable.index]
        proto.variables[variable.index].domain[1] = solution[variable.index]
    rng = random.Random(sweep.seed)
    spent = 0.0
    windows = _windows(sweep.days, sweep.focus, min(WINDOW_DAYS, len(sweep.days)))
    if any(_weekends_limited(unit, unit.employee(e)) for e in sweep.group):
        # Which weekends each person works is a choice over the whole plan, not ten days: the
        # weekends of the part as one window (Curtois Instance20, 27 s from the same rota:
        # 12674-13103 against 13097-13336 without).
        windows.append([d for d in sweep.days if d % 7 in (SATURDAY, SUNDAY)])
    for window in windows:
        left = budget - spent if params.deterministic else budget - time.monotonic()
        if left <= 0:
            break
        free = [i for day in window for i in by_day[day]]
        for i in free:
            proto.variables[i].domain[0], proto.variables[i].domain[1] = 0, 1
        ctx.model.clear_hints()  # type: ignore[no-untyped-call]
        proto.solution_hint.vars.extend(range(len(solution)))
        proto.solution_hint.values.extend(solution)
        solver = sub_solver(params.with_(workers=1), min(REPLAN_S, left), rng.randrange(1 << 16))
        status = solver.solve(ctx.model)
        spent += solver.deterministic_time if params.deterministic else solver.wall_time
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.objective_value < best:
            best = solver.objective_value
            solution = list(solver.response_proto.solution)
        for i in free:
            proto.variables[i].domain[0] = proto.variables[i].domain[1] = solution[i]
    for employee_id in sweep.group:
        rows[employee_id] = tuple(
            next(
                (
                    c.code
                    for c in unit.shift_types
                    if solution[ctx.x[employee_id, day, c.code].index]
                ),
                None,
            )
            for day in range(unit.days)
        )
    return rows, before - best, spent


def _windows(days: Sequence[int], focus: int, length: int) -> list[list[int]]:
    """`days` cut into windows of `length` (the last one wrapping round to the first days), the
    one centred on `focus` first."""
    offset = (list(days).index(focus) - length // 2) % len(days)
    count = -(-len(days) // length)
    return [
        [days[(offset + k * length + j) % len(days)] for j in range(length)] for k in range(count)
    ]


def _neighbourhood(
    unit: Unit,
    index: dict[tuple[int, str], Demand],
    rota: Rota,
    staffed: Counter[tuple[int, str]],
    days: Sequence[int],
    taken: set[str],
    rng: random.Random,
) -> tuple[list[str], int]:
    """A group of people (none `taken`) and the day among `days` to start from, given how many
    are on each (day, shift) (`staffed`). Mostly a shift
    short of its target, with people who may work it and have shifts to spare near it (on
    shifts with more people than wanted); else anyone, on any of the days."""
    staff = [e for e in unit.employees if e.id not in taken]
    inside = set(days)
    short = [
        (cell, row)
        for cell, row in index.items()
        if cell[0] in inside and staffed[cell] < row.wanted
    ]
    if not short or rng.random() >= FOCUS_SHARE:
        return [e.id for e in rng.sample(staff, min(len(staff), PEOPLE))], rng.choice(list(days))
    weights = [row.weight_under * (row.wanted - staffed[cell]) for cell, row in short]
    (focus, code), _ = rng.choices(short, weights=weights)[0]
    near = range(max(0, focus - WINDOW_DAYS // 2), min(unit.days, focus + WINDOW_DAYS // 2 + 1))

    def spare(employee: Employee) -> int:
        worked = [(day, rota.assignments[employee.id][day]) for day in near]
        cells = [(day, code) for day, code in worked if code is not None and (day, code) in index]
        return sum(staffed[cell] > index[cell].wanted for cell in cells)

    rng.shuffle(staff)
    able = sorted((e for e in staff if _may_work(e, focus, code)), key=spare, reverse=True)
    rest = [e for e in staff if not _may_work(e, focus, code)]
    return [e.id for e in (able + rest)[:PEOPLE]], focus


def _weekends_limited(unit: Unit, employee: Employee) -> bool:
    """Whether the person may work fewer weekends than the plan has."""
    most = unit.rules_for(employee).max_weekends
    return most is not None and most < unit.weeks


def _may_work(employee: Employee, day: int, code: str) -> bool:
    """Whether the employee's own rules allow the shift on the day at all."""
    return (
        employee.allows_shift(code)
        and employee.max_shifts.get(code, 1) > 0
        and day not in employee.unavailable_days
    )
