"""CP-SAT's searches of a unit's whole model: the building blocks the solve's stages run.

`search` runs one search from a hint (or none) and reads its result back; `first_rota` looks for
any rota that keeps the hard rules, with the objective left out.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TypeVar

from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.cpsat import Progress, ProgressCallback, run_solver
from rota.explain import explain
from rota.interruptible import stopped_with_main
from rota.model import add_hint, build_model, rota_from, terms_from, tightened, with_shifts_fixed
from rota.params import SolveParams
from rota.result import Result, Status
from rota.rules.coverage import open_gaps
from rota.warmstart import weekend_hint

T = TypeVar("T")
# Less time than this for a search after its model is built: CP-SAT would spend it loading the
# model.
MIN_SEARCH_S = 0.5


def search(
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
        hinted = add_hint(ctx, hint)
        if hinted is not None and progress is not None:
            # The hint keeps every hard rule: it is a rota already. Nothing is proven yet, and
            # every soft term is a count or a spread, so the bound is 0.
            seconds = offset + (time.monotonic() - started)
            progress(Progress(hinted, 0.0, seconds, open_gaps(unit, hint)))
    elif params.warm_start:
        for key, value in weekend_hint(unit, seed=params.seed).items():
            ctx.model.add_hint(ctx.x[key], value)
    if not params.deterministic:
        # Building the model and completing its hint are part of the time asked for.
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
        return hint_result(ctx, hint, solver.best_objective_bound, time.monotonic() - started)
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
        objective, terms = tightened(ctx, solver, status)
    return Result(
        status=status,
        rota=rota_from(ctx, solver),
        objective=objective,
        best_bound=solver.best_objective_bound,
        runtime_s=solver.wall_time,
        terms=terms,
    )


def hint_result(
    ctx: ModelContext, rota: Rota, bound: float | None = None, runtime_s: float = 0.0
) -> Result:
    """A rota that keeps every hard rule of the model as a result, with its objective and terms
    (a tiny solve with its shifts fixed); `bound` is kept only when it is below the objective."""
    polish = with_shifts_fixed(
        ctx, {v.index: int(rota.shift_on(e, day) == code) for (e, day, code), v in ctx.x.items()}
    )
    if polish is None:
        return Result(Status.UNKNOWN, None, None, None, runtime_s)
    return Result(
        status=Status.FEASIBLE,
        rota=rota,
        objective=polish.objective_value,
        best_bound=bound if bound is not None and bound <= polish.objective_value else None,
        runtime_s=runtime_s,
        terms=terms_from(ctx, polish),
    )


def first_rota(
    unit: Unit, params: SolveParams, meanwhile: Callable[[], T] | None = None
) -> tuple[Rota | None, ModelContext, T | None]:
    """Any rota that keeps the hard rules, found with the objective left out, as a hint; the
    unit's model it was found with, its objective put back and never hinted, for the search
    after it; and what `meanwhile` returns, run in a thread while CP-SAT searches (it leaves
    Python's lock free while it does). A first rota comes far sooner without the objective than
    with it (bench/README.md). None when none is found in `params`' time limit."""
    started = time.monotonic()
    ctx = build_model(unit, params.with_(explain=False))
    # Searched on a copy without the objective; the copy keeps the variables' indices, so the
    # rota reads back through the model's own variables.
    without_objective = ctx.model.clone()
    without_objective.clear_objective()  # type: ignore[no-untyped-call]
    # It stops at its first rota, so a generous share costs only where it is needed.
    stone = params.with_(first_rota_only=True, explain=False)
    if not params.deterministic:
        # Building the model is part of the time asked for.
        left = params.time_limit_s - (time.monotonic() - started)
        if left < MIN_SEARCH_S:
            return None, ctx, None
        stone = stone.with_(time_limit_s=left)
    # No thread unless something is submitted.
    with ThreadPoolExecutor(max_workers=1) as beside, stopped_with_main():
        made = None if meanwhile is None else beside.submit(meanwhile)
        status, solver = run_solver(replace(ctx, model=without_objective), stone)
    rota = rota_from(ctx, solver) if status.has_rota else None
    return rota, ctx, None if made is None else made.result()
