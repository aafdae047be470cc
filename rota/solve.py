"""Solve a unit's rota: the stages from a first rota to CP-SAT's search, over the model
(`rota.model`) and CP-SAT's run of it (`rota.cpsat`)."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TypeVar

from ortools.sat.python import cp_model

from models.rota import Rota
from models.unit import Unit
from rota import columns
from rota.construct import construct
from rota.context import ModelContext
from rota.cpsat import Progress, ProgressCallback, run_solver
from rota.explain import explain
from rota.improve import improve, prepare, separable
from rota.model import (
    add_hint,
    build_model,
    rota_from,
    terms_from,
    tightened,
    with_shifts_fixed,
)
from rota.params import SolveParams
from rota.repair import repair_hours
from rota.result import Result, Status
from rota.warmstart import weekend_hint

# The hours band of the stepping-stone search, hours a week either side of the position.
# ±1 h finds a stone about as fast as ±2 h and leaves a fifth of the hours to mend (50 staff:
# 62 h outside the band against 206 h; 100 staff: 80 against 398; bench/README.md).
STEPPING_STONE_TOLERANCE_H = 1.0
# Share of the gap-free search's time by which the hours repair of the stepping stone must end.
REPAIR_SHARE = 0.75
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
) -> tuple[Rota | None, ModelContext]:
    """A rota that keeps every hard rule, to seed the search: the first one found without the
    objective, planned again one person at a time against the cover the others leave, or on
    the largest units re-planned a few people over a few days (or one person over all of them)
    at a time. Each step has a share of what is left of the time limit; None when no first rota
    is found. The re-plans tell `progress` of each better rota they find. The unit's model
    comes back too, never hinted, for the search after it (the re-plans' own where they ran)."""

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
    rota, first_ctx, prepared = _first_rota(
        unit,
        params.with_(time_limit_s=share),
        meanwhile=(lambda: prepare(unit, params)) if replans else None,
    )
    if rota is None:
        return None, first_ctx
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
    return rota, first_ctx


def _first_rota(
    unit: Unit, params: SolveParams, meanwhile: Callable[[], T] | None = None
) -> tuple[Rota | None, ModelContext, T | None]:
    """Any rota that keeps the hard rules, found with the objective left out, as a hint; the
    unit's model it was found with, its objective put back and never hinted, for the search
    after it (on 200 staff over 12 weeks a model takes 4-4.5 s to build); and what `meanwhile`
    returns, run in a thread while CP-SAT searches (it leaves Python's lock free while it does).

    With nothing to make hard, there is no gap-free stage to seed the search; and a first rota
    comes far sooner without the objective than with it (Curtois Instance20, 50 staff over 26
    weeks: 4 s against none in 45 s; bench/README.md). None when none is found in its share.
    """
    ctx = build_model(unit, params.with_(explain=False))
    # Searched on a copy without the objective; the copy keeps the variables' indices, so the
    # rota reads back through the model's own variables.
    without_objective = ctx.model.clone()
    without_objective.clear_objective()  # type: ignore[no-untyped-call]
    # It stops at its first rota, so a generous share costs only where it is needed.
    stone = params.with_(
        time_limit_s=params.time_limit_s * params.gap_free_share,
        first_rota_only=True,
        explain=False,
    )
    with ThreadPoolExecutor(max_workers=1) as beside:  # no thread unless something is submitted
        made = None if meanwhile is None else beside.submit(meanwhile)
        status, solver = run_solver(replace(ctx, model=without_objective), stone)
    rota = rota_from(ctx, solver) if status.has_rota else None
    return rota, ctx, None if made is None else made.result()


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
    # Plain hours in the wider band: it holds the band with the three-shift credit (at most
    # 35.5 / 33.6 of the plain hours), which the repair then mends the rota into.
    wider = unit.rules.model_copy(
        update={
            "hours_tolerance_h_per_week": STEPPING_STONE_TOLERANCE_H,
            "three_shift_credit": False,
        }
    )
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
        hinted = add_hint(ctx, hint)
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
        objective, terms = tightened(ctx, solver, status)
    return Result(
        status=status,
        rota=rota_from(ctx, solver),
        objective=objective,
        best_bound=solver.best_objective_bound,
        runtime_s=solver.wall_time,
        terms=terms,
    )


def _hint_result(
    ctx: ModelContext, hint: Rota, search: cp_model.CpSolver, started: float
) -> Result:
    """The hinted rota as the result (it keeps every hard rule: `add_hint` checked), with its
    objective and terms."""
    polish = with_shifts_fixed(
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
