"""Build the CP-SAT model from a unit and solve it."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import TypeVar

from ortools.sat.python import cp_model

from models.rota import Rota
from models.unit import Unit
from rota import columns
from rota.construct import construct
from rota.context import ModelContext
from rota.explain import explain
from rota.improve import improve, prepare, separable
from rota.params import SolveParams
from rota.repair import repair_hours
from rota.result import Result, Status
from rota.rules import FAMILIES
from rota.strengthen import add_redundant
from rota.warmstart import weekend_hint


@dataclass(frozen=True)
class Progress:
    """A better rota was found: its objective, the best bound so far and the time spent."""

    objective: float
    best_bound: float
    seconds: float


ProgressCallback = Callable[[Progress], None]

# The hours band of the stepping-stone search, hours a week either side of the position.
# ±1 h finds a stone about as fast as ±2 h and leaves a fifth of the hours to mend (50 staff:
# 62 h outside the band against 206 h; 100 staff: 80 against 398; bench/README.md).
STEPPING_STONE_TOLERANCE_H = 1.0
# Share of the gap-free search's time by which the hours repair of the stepping stone must end.
REPAIR_SHARE = 0.75
# Share of a first-rota search that local search alone may take, when asked to go first.
LOCAL_SEARCH_SHARE = 0.6
# Share of the time for planning the first rota one person at a time (rota.construct), on units
# too small for the re-plans below (Curtois, 60 s, the geometric mean over the 12: 1.207-1.224
# without it, 1.172-1.194 at 30 %, 1.160 at 45 %).
CONSTRUCT_SHARE = 0.45
# From this many shift variables, the first rota is improved by re-planning a few people over a
# few days at a time, or one person over all of them (rota.improve), until CP-SAT has
# TAIL_SHARE of the time left. Curtois Instance20 (54 600), 60 s: 16 452-19 479 with the
# construction and CP-SAT; 11 856-18 517 with 45 % construction, then re-plans (eleven runs on
# a machine growing slower); 10 102-16 273 with the re-plans straight from the first rota
# (fourteen runs), better in each of six side by side (bench/README.md). Instance12 (16 800)
# and Instance8 did better without them. CP-SAT's last share finds little there (Instance20's
# best came from the re-plans in every run); it works on the re-plans' model, not a new one:
# 12 111-13 166 at 5 %, against 13 571-15 142 at 10 % with a model built again.
IMPROVE_FROM_VARIABLES = 30_000
TAIL_SHARE = 0.05
# Share of the time by which pricing the rows and the search with their agreed days fixed
# (rota.columns) end, where they apply; the whole model's search has the rest.
PRICE_AND_FIX_UNTIL = 0.8
# Below this many staff a repair group would be most of the unit: the whole model mends faster.
REPAIR_MIN_STAFF = 20

T = TypeVar("T")

_STATUS = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
    cp_model.UNKNOWN: Status.UNKNOWN,
    cp_model.MODEL_INVALID: Status.MODEL_INVALID,
}


def build_model(
    unit: Unit,
    params: SolveParams,
    explain: bool = False,
    positions: Mapping[str, Sequence[int]] | None = None,
) -> ModelContext:
    """The CP-SAT model of the unit: one Boolean per employee, day and shift, every rule family.
    With `explain`, each hard rule group and employee is switched on by its own literal. With
    `positions` (employee id -> allowed sizes in tenths of a per cent), those employees' position
    sizes are variables the model chooses, and their hours follow the size chosen."""
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


class _Watch(threading.Thread):
    """Stops a search that has found nothing by `give_up_after` seconds, or whose best rota has
    not improved for `stall_s` seconds (the rest of the time limit would be spent for crumbs).
    With `stall_from`, the stall clock runs only once the best objective is at most that: a
    search whose goal is a rota below it (an hours repair) is not stopped short of it."""

    def __init__(
        self,
        solver: cp_model.CpSolver,
        listener: _Listener,
        give_up_after: float | None,
        stall_s: float,
        stall_from: float | None = None,
    ) -> None:
        super().__init__(daemon=True)
        self._solver = solver
        self._listener = listener
        self._give_up_after = give_up_after
        self._stall_s = stall_s
        self._stall_from = stall_from
        self._done = threading.Event()

    def run(self) -> None:
        started = time.monotonic()
        while not self._done.wait(0.25):
            now = time.monotonic()
            listener = self._listener
            if not listener.found:
                if self._give_up_after is not None and now - started > self._give_up_after:
                    self._solver.stop_search()
                    return
            elif (
                self._stall_s > 0
                and (self._stall_from is None or listener.best <= self._stall_from)
                and now - listener.improved_at > self._stall_s
            ):
                self._solver.stop_search()
                return

    def stop(self) -> None:
        self._done.set()
        self.join()


class _Listener(cp_model.CpSolverSolutionCallback):
    def __init__(self, callback: ProgressCallback | None, offset: float) -> None:
        super().__init__()
        self._callback = callback
        self._offset = offset  # seconds spent in earlier searches
        self.found = False
        self.improved_at = time.monotonic()
        self.best = math.inf

    def on_solution_callback(self) -> None:
        self.found = True
        self.improved_at = time.monotonic()
        self.best = self.objective_value
        if self._callback is not None:
            self._callback(
                Progress(
                    self.objective_value, self.best_objective_bound, self._offset + self.wall_time
                )
            )


def solve(
    unit: Unit,
    params: SolveParams | None = None,
    progress: ProgressCallback | None = None,
    hint: Rota | None = None,
) -> Result:
    """Solve the unit's rota. The rota comes back with its gaps shown unless hard rules conflict.

    Unless a hint is given, the search first looks for a rota without cover gaps: with cover as
    hard constraints the solver prunes far better than with cover as penalties alone. Whatever it
    finds seeds the second, full search, whose gaps (if any) are shown.
    """
    params = params or SolveParams()
    started = time.monotonic()
    # With no minimum anywhere, cover as hard rules is the same model: skip straight to it.
    staged = params.gap_free_first and not params.hard_cover and _has_minimums(unit)
    skip_gap_free = False
    if hint is None and staged:
        gap_free = params.with_(hard_cover=True, explain=False)
        stone = _stepping_stone(unit, gap_free)
        # Deterministic runs may not watch the clock, so they give the first search all its time.
        give_up = None if params.deterministic else params.time_limit_s * params.gap_free_share
        wide = _wider_band(unit)
        # Not even the easiest gap-free rota (a wider hours band, any first one) came in its
        # share: the search with gaps needs the time more than the gap-free search (the
        # demo's «Langvakter og hver 2. helg» at 15 s: rotas of 156 and 164 so, against none
        # after a gap-free search with all its time, and 1 000 552 after one with half of it).
        # Deterministic runs, which may not watch the clock, keep the gap-free search.
        skip_gap_free = stone is None and wide is not None and give_up is not None
    if hint is None and staged and not skip_gap_free:
        if stone is not None and wide is not None and len(unit.employees) >= REPAIR_MIN_STAFF:
            # The hours are what the whole model finds hard: mend them a few people at a time,
            # so that the gap-free search starts from a rota that keeps every rule.
            share = params.time_limit_s * params.gap_free_share * REPAIR_SHARE
            stone = repair_hours(unit, wide, stone, gap_free, deadline=started + share)
        offset = 0.0 if params.deterministic else time.monotonic() - started
        # The stone and its repair came out of the time limit: the search has what is left.
        rest = max(params.time_limit_s - offset, min(1.0, params.time_limit_s))
        first = _search(
            unit,
            gap_free.with_(time_limit_s=rest),
            progress,
            stone,
            offset=offset,
            give_up_after=None if give_up is None else min(give_up, rest),
        )
        if first.rota is not None:
            return replace(first, runtime_s=time.monotonic() - started)
    if hint is None and not params.hard_cover and (staged or params.warm_start):
        # No gap-free stage, or no gap-free rota: the search with gaps starts from a rota that
        # keeps every hard rule, so that it always has one to show. (A stepping stone in a
        # wider hours band keeps none: with its time cut short by the gap-free search, the
        # search from it found no rota, e.g. the demo's «Langvakter og hver 2. helg» at 15 s.)
        hint, built = _legal_start(unit, params, started, progress)
    else:
        built = None
    elapsed = 0.0 if params.deterministic else time.monotonic() - started
    remaining = max(params.time_limit_s - elapsed, min(1.0, params.time_limit_s))
    result = _search(
        unit, params.with_(time_limit_s=remaining), progress, hint, offset=elapsed, ctx=built
    )
    return replace(result, runtime_s=time.monotonic() - started)


def _legal_start(
    unit: Unit, params: SolveParams, started: float, progress: ProgressCallback | None = None
) -> tuple[Rota | None, ModelContext | None]:
    """A rota that keeps every hard rule, to seed the search: the first one found without the
    objective, planned again one person at a time against the cover the others leave, or on
    the largest units re-planned a few people over a few days (or one person over all of them)
    at a time. Each step has a share of what is left of the time limit; None when no first rota
    is found. The re-plans tell `progress` of each better rota they find, and their model is
    returned too (for the search after them), else None."""

    def left() -> float:
        if params.deterministic:
            return params.time_limit_s
        return max(0.0, params.time_limit_s - (time.monotonic() - started))

    # At least a second, as the search gets, unless the time limit itself is shorter.
    share = max(left(), min(1.0, params.time_limit_s))
    replans = separable(unit) and _shift_variables(unit) >= IMPROVE_FROM_VARIABLES
    # The re-plans' model (for the search after them too) is made while CP-SAT looks for the
    # first rota: on Curtois Instance20 it takes 3-3.5 s to build and read, and the search
    # for the first rota 5-6 s, in which it leaves Python's lock free.
    rota, prepared = _first_rota(
        unit,
        params.with_(time_limit_s=share),
        meanwhile=(lambda: prepare(unit, params)) if replans else None,
    )
    if rota is None:
        return None, None
    if prepared is not None:
        # CP-SAT's own neighbourhoods are slow on a model this size; ours are small, and they
        # gain faster from the first rota than the construction does (bench/README.md).
        seconds = params.time_limit_s * (1 - TAIL_SHARE)
        if not params.deterministic:
            seconds -= time.monotonic() - started

        def report(objective: float) -> None:
            assert progress is not None
            # Nothing is proven yet, and every soft term is a count or a spread: bound 0.
            progress(Progress(objective, 0.0, time.monotonic() - started))

        rota, _ = improve(
            unit,
            rota,
            params,
            seconds=max(0.0, seconds),
            report=None if progress is None else report,
            prepared=prepared,
        )
        return rota, prepared.ctx
    # Cover is soft here, so each person can be planned against the others' cover.
    # At most half of what is left, so that the search after a gap-free stage has time too.
    seconds = min(params.time_limit_s * CONSTRUCT_SHARE, left() / 2)
    rota = construct(unit, rota, params, seconds=seconds)
    if columns.applies(unit, params):
        # The cover ties people together and nothing else: the LP over each person's rows
        # knows which days matter (bench/README.md).
        until = params.time_limit_s * PRICE_AND_FIX_UNTIL
        seconds = until if params.deterministic else until - (time.monotonic() - started)
        if seconds > 0:
            offset = 0.0 if params.deterministic else time.monotonic() - started
            rota = columns.price_and_fix(unit, rota, params, seconds, progress, offset)
    return rota, None


def _first_rota(
    unit: Unit, params: SolveParams, meanwhile: Callable[[], T] | None = None
) -> tuple[Rota | None, T | None]:
    """Any rota that keeps the hard rules, found with the objective left out, as a hint; and
    what `meanwhile` returns, run in a thread while CP-SAT searches (it leaves Python's lock
    free while it does).

    With nothing to make hard, there is no gap-free stage to seed the search; and a first rota
    comes far sooner without the objective than with it (Curtois Instance20, 50 staff over 26
    weeks: 4 s against none in 45 s; bench/README.md). None when none is found in its share.
    """
    ctx = build_model(unit, params.with_(explain=False))
    ctx.model.clear_objective()  # type: ignore[no-untyped-call]
    # It stops at its first rota, so a generous share costs only where it is needed.
    stone = params.with_(
        time_limit_s=params.time_limit_s * params.gap_free_share,
        first_rota_only=True,
        explain=False,
    )
    with ThreadPoolExecutor(max_workers=1) as beside:  # no thread unless something is submitted
        made = None if meanwhile is None else beside.submit(meanwhile)
        status, solver = run_solver(ctx, stone)
    rota = rota_from(ctx, solver) if status.has_rota else None
    return rota, None if made is None else made.result()


def _shift_variables(unit: Unit) -> int:
    return len(unit.employees) * unit.days * len(unit.shift_types)


def _has_minimums(unit: Unit) -> bool:
    """Whether any demand row has a minimum (total, competence or language) to make hard."""
    return any(
        row.min > 0 or any(row.competence_min.values()) or any(row.language_min.values())
        for row in unit.demand
    )


def _wider_band(unit: Unit) -> Unit | None:
    """The unit with its hours band widened to ±STEPPING_STONE_TOLERANCE_H a week; None when that
    would change nothing (the band is that wide already, or every band is explicit)."""
    if unit.rules.hours_tolerance_h_per_week >= STEPPING_STONE_TOLERANCE_H or all(
        e.rules.min_hours is not None and e.rules.max_hours is not None for e in unit.employees
    ):
        return None
    wider = unit.rules.model_copy(update={"hours_tolerance_h_per_week": STEPPING_STONE_TOLERANCE_H})
    return unit.model_copy(update={"rules": wider})


def _stepping_stone(unit: Unit, params: SolveParams) -> Rota | None:
    """A first gap-free rota with the hours band widened to ±STEPPING_STONE_TOLERANCE_H a week.

    The narrow band (±0.5 h a week by default) is what makes a first rota hard to find; with a
    wider one it comes in about a second, and the real search repairs the hours from there
    (bench/README.md). Stops at its first rota; None when it finds none.
    """
    relaxed = _wider_band(unit)
    if relaxed is None:
        return None
    stone_params = params.with_(
        time_limit_s=params.time_limit_s * params.gap_free_share / 3, first_rota_only=True
    )
    return _search(relaxed, stone_params, None, None, offset=0.0).rota


def _search(
    unit: Unit,
    params: SolveParams,
    progress: ProgressCallback | None,
    hint: Rota | None,
    offset: float,
    give_up_after: float | None = None,
    ctx: ModelContext | None = None,
) -> Result:
    """One CP-SAT search. With `give_up_after`, a search that has found no rota by then stops.
    A hint that keeps every hard rule is reported as the first rota at once, and is the result
    when the search finds none in its time. `ctx`: the unit's model built already (it must
    not have been searched with hints before), else built here."""
    started = time.monotonic()
    ctx = ctx or build_model(unit, params)
    hinted = None
    if hint is not None:
        hinted = _add_hint(ctx, hint)
        if hinted is not None and progress is not None:
            # The hint keeps every hard rule: it is a rota already. Nothing is proven yet, and
            # every soft term is a count or a spread, so the bound is 0.
            progress(Progress(hinted, 0.0, offset + (time.monotonic() - started)))
    elif params.warm_start:
        for key, value in weekend_hint(unit, seed=params.seed).items():
            ctx.model.add_hint(ctx.x[key], value)
    if not params.deterministic:
        # Building the model and completing its hint are part of the time asked for (Curtois
        # Instance20: 3.5 s of them, after which a 60 s limit took 63.5 s).
        setup = time.monotonic() - started
        offset += setup
        params = params.with_(
            time_limit_s=max(min(1.0, params.time_limit_s), params.time_limit_s - setup)
        )
    status, solver = run_solver(
        ctx, params, progress, offset, give_up_after, improving=hinted is not None
    )
    if not status.has_rota and hinted is not None and hint is not None:
        # The search did not get as far as its hint in the time it had: the hint is the rota.
        return _hint_result(ctx, hint, solver, started)
    if not status.has_rota:
        explanation = []
        if status is Status.INFEASIBLE and params.explain:
            explanation = explain(
                unit, build_model(unit, params, explain=True), params.time_limit_s
            )
        return Result(status, None, None, None, solver.wall_time, explanation=explanation)
    if params.first_rota_only:
        # A stepping stone: only its shifts are used, so its cost need not be exact.
        objective, terms = solver.objective_value, terms_from(ctx, solver)
    else:
        objective, terms = _tightened(ctx, solver, status)
    return Result(
        status=status,
        rota=rota_from(ctx, solver),
        objective=objective,
        best_bound=solver.best_objective_bound,
        runtime_s=solver.wall_time,
        terms=terms,
    )


def evaluate(unit: Unit, rota: Rota, params: SolveParams | None = None) -> Result | None:
    """The given rota as a result of this unit's model: its objective and terms, each penalty at
    what the rota really costs; None when it breaks a hard rule of the model."""
    started = time.monotonic()
    ctx = build_model(unit, (params or SolveParams()).with_(explain=False))
    shifts = {v.index: int(rota.shift_on(e, day) == code) for (e, day, code), v in ctx.x.items()}
    polish = _with_shifts_fixed(ctx, shifts)
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


def _hint_result(
    ctx: ModelContext, hint: Rota, search: cp_model.CpSolver, started: float
) -> Result:
    """The hinted rota as the result (it keeps every hard rule: `_add_hint` checked), with its
    objective and terms."""
    polish = _with_shifts_fixed(
        ctx, {v.index: int(hint.shift_on(e, day) == code) for (e, day, code), v in ctx.x.items()}
    )
    if polish is None:
        return Result(Status.UNKNOWN, None, None, None, search.wall_time)
    bound = search.best_objective_bound
    return Result(
        status=Status.FEASIBLE,
        rota=hint,
        objective=polish.objective_value,
        best_bound=bound if bound <= polish.objective_value else None,
        runtime_s=time.monotonic() - started,
        terms=terms_from(ctx, polish),
    )


def _with_shifts_fixed(ctx: ModelContext, shifts: Mapping[int, int]) -> cp_model.CpSolver | None:
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
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 10.0
    return solver.solve(fixed), solver


def _add_hint(ctx: ModelContext, hint: Rota) -> float | None:
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


def _tightened(
    ctx: ModelContext, solver: cp_model.CpSolver, status: Status
) -> tuple[float, dict[str, float]]:
    """The objective and terms of the rota itself. A rota that is not proven optimal may carry
    slack (e.g. over-cover counted higher than its shifts make it); with every shift fixed, a
    tiny second solve sets each penalty to what the rota really costs."""
    if status is Status.OPTIMAL:
        return solver.objective_value, terms_from(ctx, solver)
    polish = _with_shifts_fixed(ctx, {v.index: solver.value(v) for v in ctx.x.values()})
    if polish is None:
        return solver.objective_value, terms_from(ctx, solver)
    return polish.objective_value, terms_from(ctx, polish)


def run_solver(
    ctx: ModelContext,
    params: SolveParams,
    progress: ProgressCallback | None = None,
    offset: float = 0.0,
    give_up_after: float | None = None,
    improving: bool = False,
    stall_from: float | None = None,
    local_search_first: bool = False,
) -> tuple[Status, cp_model.CpSolver]:
    """Run CP-SAT once on the built model with the parameters, the progress callback and the
    give-up/stall watch; the status and the solver (to read values from). `improving`: the
    search starts from a hinted rota that keeps every hard rule. `stall_from`: the stall watch
    starts once the objective is at most this (see `_Watch`). `local_search_first`: a search
    for a first rota tries local search alone first (LOCAL_SEARCH_SHARE of its time)."""
    if local_search_first and params.first_rota_only and not improving:
        # Local search proves nothing: the complete search gets the rest of the time when it
        # finds no rota.
        local = params.with_(time_limit_s=params.time_limit_s * LOCAL_SEARCH_SHARE)
        status, solver = _run_once(ctx, local, progress, offset, give_up_after, local_search=True)
        if status.has_rota:
            return status, solver
        spent = local.time_limit_s if params.deterministic else solver.wall_time
        rest = params.with_(time_limit_s=max(1.0, params.time_limit_s - spent))
        return _run_once(ctx, rest, progress, offset + spent, give_up_after)
    return _run_once(ctx, params, progress, offset, give_up_after, improving, stall_from)


def _run_once(
    ctx: ModelContext,
    params: SolveParams,
    progress: ProgressCallback | None,
    offset: float,
    give_up_after: float | None,
    improving: bool = False,
    stall_from: float | None = None,
    local_search: bool = False,
) -> tuple[Status, cp_model.CpSolver]:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = params.time_limit_s
    solver.parameters.num_workers = params.effective_workers
    solver.parameters.random_seed = params.seed
    solver.parameters.log_search_progress = params.log
    solver.parameters.stop_after_first_solution = params.first_rota_only
    solver.parameters.use_ls_only = local_search
    if improving and params.max_lp and not params.deterministic and params.effective_workers <= 2:
        # With a rota in hand the one complete worker is best spent on the strongest LP: on the
        # benchmark it found better rotas on 4 of 5 middle instances in 30 s, and bounds that
        # prove something (Instance10: 4620 against 9; bench/README.md).
        solver.parameters.subsolvers.append("max_lp")
    if params.deterministic:
        # Work, not wall-clock time, bounds the search, so a loaded machine gives the same rota.
        solver.parameters.max_deterministic_time = params.time_limit_s
        solver.parameters.max_time_in_seconds = 10 * params.time_limit_s
    listener = _Listener(progress, offset)
    watch = None
    if not params.deterministic and (give_up_after is not None or params.stall_s > 0):
        watch = _Watch(solver, listener, give_up_after, params.stall_s, stall_from)
        watch.start()
    try:
        solver_status = solver.solve(ctx.model, listener)
    finally:
        if watch is not None:
            watch.stop()
    return _STATUS.get(solver_status, Status.UNKNOWN), solver


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
