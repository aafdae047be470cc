"""CP-SAT run on a built model: its parameters set from `SolveParams`, a listener that reports
each better rota, and a watch that stops a search that found nothing in time or has stalled."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from rota.context import ModelContext
from rota.interruptible import new_solver, solve_interruptibly
from rota.params import SolveParams
from rota.result import Status

# Share of a first-rota search that local search alone may take, when asked to go first.
LOCAL_SEARCH_SHARE = 0.6


@dataclass(frozen=True)
class Progress:
    """A better rota was found: its objective, the best bound so far, the time spent and, where
    known, its open gaps as `rota check` counts them."""

    objective: float
    best_bound: float
    seconds: float
    gaps: int | None = None


ProgressCallback = Callable[[Progress], None]


_STATUS = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
    cp_model.UNKNOWN: Status.UNKNOWN,
    cp_model.MODEL_INVALID: Status.MODEL_INVALID,
}


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
    def __init__(
        self, callback: ProgressCallback | None, offset: float, ctx: ModelContext | None = None
    ) -> None:
        super().__init__()
        self._callback = callback
        self._ctx = ctx
        self._offset = offset  # seconds spent in earlier searches
        self.found = False
        self.improved_at = time.monotonic()
        self.best = math.inf

    def on_solution_callback(self) -> None:
        self.found = True
        self.improved_at = time.monotonic()
        self.best = self.objective_value
        if self._callback is not None:
            gaps = None if self._ctx is None else self._ctx.open_gaps(self.value)
            self._callback(
                Progress(
                    self.objective_value,
                    self.best_objective_bound,
                    self._offset + self.wall_time,
                    gaps,
                )
            )


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
    solver = new_solver()
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
    listener = _Listener(progress, offset, ctx)
    watch = None
    if not params.deterministic and (give_up_after is not None or params.stall_s > 0):
        watch = _Watch(solver, listener, give_up_after, params.stall_s, stall_from)
        watch.start()
    try:
        solver_status = solve_interruptibly(solver, ctx.model, listener)
    finally:
        if watch is not None:
            watch.stop()
    return _STATUS.get(solver_status, Status.UNKNOWN), solver
