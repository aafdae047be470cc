"""Solve scenarios side by side through any concurrent.futures.Executor and compare them.

Every scenario that comes from a base unit starts from the base's rota: the base is solved once
(or its rota is given), and each scenario's search begins where today is, mapped onto it
(scenarios.baseline). A scenario that only loosens the base (scenarios.relaxation) keeps the base
rota when its search finds nothing better, so it never shows more gaps than today. Each figure
then says how settled it is: the gaps found against the gaps no rota can avoid (rota.bound).
"""

from __future__ import annotations

import os
import queue
import signal
import sys
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from enum import StrEnum
from multiprocessing.managers import SyncManager
from typing import Any

from models.rota import Rota
from models.unit import Unit
from rota import three_shift
from rota.bound import GapBound, gap_bound
from rota.check import check
from rota.construct import fewer_gaps, mend
from rota.cost import CostBreakdown, CostLine, cost
from rota.cpsat import Progress
from rota.explain import Explanation
from rota.findings import Finding, FindingKind
from rota.fulltime import PositionOptions, PositionPlan, plan_positions
from rota.improve import improve
from rota.interruptible import stop_all
from rota.model import evaluate
from rota.params import SolveParams
from rota.result import Result
from rota.rules.coverage import open_gaps, shortfall_minutes
from rota.size import check_fits
from rota.solve import solve
from scenarios.baseline import start_from_base
from scenarios.kpi import ScenarioKpis, kpis
from scenarios.relaxation import relaxes
from scenarios.removed import RemovedPosition

# Share of a scenario's time for mending today's rota where it breaks the scenario's rules.
MEND_SHARE = 0.25


NO_PLAN_KEPT = Explanation(
    "Ingen stillingsplan funnet innen tidsgrensen: turnusen vises med dagens stillinger.",
    "No position plan found within the time limit: the rota is shown with today's positions.",
)


class Start(StrEnum):
    """Where a scenario's rota came from."""

    BASELINE = "baseline"  # the scenario is the base unit itself: the others start from it
    FROM_BASELINE = "from_baseline"  # searched from the base rota mapped onto the scenario
    BASELINE_KEPT = "baseline_kept"  # the search found nothing better than the base rota
    OWN = "own"  # its own search: no base, or the mapped base rota breaks a rule here


@dataclass(frozen=True)
class Scenario:
    """A named unit after its changes; `source` says where it was described."""

    name: str
    unit: Unit
    source: str = ""
    # Position sizes chosen by the planner (rota.fulltime) instead of taken as they are.
    positions: PositionOptions | None = None
    time_limit_s: float | None = None
    # The unit before the changes: the scenario starts from its rota.
    base: Unit | None = None
    # Replaced shift code -> the shift that took over its demand (a langvakt for a day shift).
    replaced_by: Mapping[str, str] = field(default_factory=dict)
    # Whole positions the scenario takes away, with why.
    removed: tuple[RemovedPosition, ...] = ()
    # Costs beyond the rota's own (what replaces a removed service), added to its breakdown.
    extra_costs: tuple[CostLine, ...] = ()


@dataclass(frozen=True)
class ScenarioOutcome:
    name: str
    unit: Unit
    result: Result
    findings: list[Finding]
    cost: CostBreakdown | None
    kpis: ScenarioKpis
    plan: PositionPlan | None = None
    start: Start = Start.OWN
    bound: GapBound | None = None
    # Only loosens its base: its gaps are never more than the base's (the runner keeps to it).
    relaxation: bool = False
    removed: tuple[RemovedPosition, ...] = ()  # the scenario's whole positions taken away


@dataclass(frozen=True)
class Comparison:
    """Every scenario's outcome, in the order the scenarios were given."""

    outcomes: list[ScenarioOutcome]

    @property
    def rows(self) -> list[ScenarioKpis]:
        return [outcome.kpis for outcome in self.outcomes]

    def outcome(self, name: str) -> ScenarioOutcome:
        return next(o for o in self.outcomes if o.name == name)


@dataclass(frozen=True)
class ScenarioEvent:
    """What the runner tells whoever listens: a scenario started, improved or finished."""

    name: str
    state: str  # "waiting", "running", "improved", "done"
    objective: float | None = None
    seconds: float | None = None
    outcome: ScenarioOutcome | None = None
    gaps: int | None = None  # the best rota's open gaps so far, as `rota check` counts them


EventCallback = Callable[[ScenarioEvent], None]


def solve_scenario(
    scenario: Scenario,
    params: SolveParams,
    events: Any = None,
    base_rota: Rota | None = None,
    is_base: bool = False,
) -> ScenarioOutcome:
    """Solve one scenario and measure it. `events` is a queue (or None) for progress messages;
    `base_rota` the rota of the scenario's base unit, to start from; `is_base`: this scenario is
    the base unit itself."""
    if events is not None:
        events.put(ScenarioEvent(scenario.name, "running"))

    def report(progress: Progress) -> None:
        if events is not None:
            events.put(
                ScenarioEvent(
                    scenario.name,
                    "improved",
                    progress.objective,
                    progress.seconds,
                    gaps=progress.gaps,
                )
            )

    if scenario.time_limit_s is not None:
        params = params.with_(time_limit_s=scenario.time_limit_s)
    unit, plan, replanned = scenario.unit, None, False
    start = Start.BASELINE if is_base else Start.OWN
    loosens = scenario.base is not None and not is_base and relaxes(scenario.base, unit)
    began = time.monotonic()
    legal_start, mended = None, False
    if base_rota is not None and not is_base:
        legal_start, mended = _start_for(scenario, params, base_rota)
    if mended:
        # The mend came out of the scenario's time: the search has what is left.
        spent = (
            params.time_limit_s * MEND_SHARE if params.deterministic else time.monotonic() - began
        )
        params = params.with_(
            time_limit_s=max(params.time_limit_s / 2, params.time_limit_s - spent)
        )
    if scenario.positions is not None:
        # Today's rota, mapped onto the scenario, is the planner's "before" and its start.
        plan = plan_positions(
            scenario.unit,
            scenario.positions,
            params,
            baseline=legal_start,
            progress=report,
            solve_today=False,
        )
        result = plan.result
        unit = plan.after or scenario.unit
        kept = None
        if plan.after is None and legal_start is not None:
            kept = evaluate(unit, legal_start, params)
        if kept is not None:
            # No plan in the time: the scenario's rota with today's positions still stands,
            # and says so, rather than no rota at all.
            result = replace(
                kept, runtime_s=result.runtime_s, explanation=[*plan.notes, NO_PLAN_KEPT]
            )
            start = Start.BASELINE_KEPT
        elif plan.after is None:
            result = replace(result, explanation=plan.notes)
        elif legal_start is not None:
            start = Start.FROM_BASELINE
    elif (
        is_base
        and base_rota is not None
        and (today := evaluate(unit, base_rota, params)) is not None
    ):
        # Today's rota is given: it is today's figure, not one more search of it.
        result = today
    elif legal_start is None:
        result = solve(unit, params, progress=report)
    else:
        result, start = _search_from(unit, params, report, legal_start, loosens)
        replanned = not params.deterministic
    bound = None
    if result.rota is not None and shortfall_minutes(unit, result.rota) > 0:
        result, bound = _settle(unit, params, result, replanned)
    findings = check(unit, result.rota) if result.rota is not None else []
    breakdown = cost(unit, result.rota) if result.rota is not None else None
    if breakdown is not None and scenario.extra_costs:
        breakdown = replace(breakdown, lines=[*breakdown.lines, *scenario.extra_costs])
    return ScenarioOutcome(
        name=scenario.name,
        unit=unit,
        result=result,
        findings=findings,
        cost=breakdown,
        kpis=kpis(scenario.name, unit, result, findings, breakdown, bound, start),
        plan=plan,
        start=start,
        bound=bound,
        relaxation=loosens,
        removed=scenario.removed,
    )


def _start_for(
    scenario: Scenario, params: SolveParams, base_rota: Rota
) -> tuple[Rota | None, bool]:
    """The base rota mapped onto the scenario, mended where it breaks a rule here (a longer
    shift, fewer hours: the people it breaks for are planned again against the cover the others
    give, the rest keep their rows), and whether it had to be mended; None when no legal start
    comes of it."""
    unit = scenario.unit
    mapped = start_from_base(base_rota, unit, scenario.replaced_by)
    if mapped is None or not any(f.kind is FindingKind.BREACH for f in check(unit, mapped)):
        return mapped, False
    return mend(unit, mapped, params, seconds=params.time_limit_s * MEND_SHARE), True


def _search_from(
    unit: Unit,
    params: SolveParams,
    report: Callable[[Progress], None],
    start: Rota,
    loosens: bool,
) -> tuple[Result, Start]:
    """The search from a legal start; the start itself when the search finds nothing better:
    fewer shift-minutes short or, as many, a lower objective. A scenario that only loosens its
    base (`loosens`) keeps the start unless it has fewer gaps, so it never shows more than the
    base, and with as many today's rota (and so today's cost) stands rather than another rota
    as good that costs a little more or less."""
    result = _replan(unit, params, report, start)
    kept = evaluate(unit, start, params)
    if kept is None:  # the model refuses what the audit accepts: never expected, never hidden
        return result, Start.FROM_BASELINE
    if result.rota is None:
        return replace(kept, runtime_s=result.runtime_s), Start.BASELINE_KEPT
    found, held = shortfall_minutes(unit, result.rota), shortfall_minutes(unit, start)
    better = found < held or (
        found == held and not loosens and (result.objective or 0) <= (kept.objective or 0)
    )
    if better:
        return result, Start.FROM_BASELINE
    return replace(kept, runtime_s=result.runtime_s), Start.BASELINE_KEPT


def _replan(
    unit: Unit, params: SolveParams, report: Callable[[Progress], None], start: Rota
) -> Result:
    """The search from a legal start. On the clock: the start re-planned a few people over a
    few days, or one or two people over all of them, at a time, for the whole time limit
    (`rota.improve`). From today's rota with a change, the gaps the change leaves are local,
    and the re-plans close them where CP-SAT's search over the whole unit levels off with some
    left, and a different some each run (bench/README.md). In deterministic mode, CP-SAT's
    search from the start (the re-plans' work is counted far below their clock time)."""
    if params.deterministic:
        return solve(unit, params, progress=report, hint=start)
    began = time.monotonic()

    def improved(objective: float, rota: Rota) -> None:
        report(Progress(objective, 0.0, time.monotonic() - began, open_gaps(unit, rota)))

    # Who is in three-shift turnus stays as the start has it, as in `solve` from a start.
    replanned, _ = improve(
        three_shift.as_in(unit, start), start, params, params.time_limit_s, report=improved
    )
    result = evaluate(unit, replanned, params)
    if result is None:  # the re-plans keep every hard rule of the model: never expected
        return solve(unit, params, progress=report, hint=start)
    return replace(result, runtime_s=time.monotonic() - began)


def _settle(
    unit: Unit, params: SolveParams, result: Result, replanned: bool
) -> tuple[Result, GapBound | None]:
    """A rota left with gaps: unless it came from the re-plans (`replanned`), which re-plan
    each person alone too, each person planned again alone against the others' cover (kept
    where the gaps go down); then the gaps no rota can avoid. When the bound's own search
    (started from the rota so far) ends with fewer gaps, its rota is taken: gaps come first."""
    assert result.rota is not None
    if not replanned:
        swept = fewer_gaps(unit, result.rota, params, params.replan_person_s)
        if swept != result.rota and (better := evaluate(unit, swept, params)) is not None:
            result = replace(better, runtime_s=result.runtime_s)
    assert result.rota is not None
    bound = gap_bound(unit, params, found=result.rota)
    if bound is None or bound.fewest_rota is None:
        return result, bound
    fewer = shortfall_minutes(unit, bound.fewest_rota) < shortfall_minutes(unit, result.rota)
    if fewer and (better := evaluate(unit, bound.fewest_rota, params)) is not None:
        return replace(better, runtime_s=result.runtime_s), bound
    return result, bound


def base_key(unit: Unit) -> str:
    """One key per distinct base unit (units hold dicts, so they are not hashable)."""
    return unit.model_dump_json()


def run_scenarios(
    scenarios: list[Scenario],
    params: SolveParams,
    executor: Executor | None = None,
    jobs: int | None = None,
    on_event: EventCallback | None = None,
    base_rotas: Mapping[str, Rota] | None = None,
    events: Any = None,
) -> Comparison:
    """Solve every scenario, `jobs` at a time in a process pool unless an executor is given, and
    return the comparison in the scenarios' own order. `events`: the queue progress travels
    through to `on_event` (one that works where the executor's workers are, such as
    `scenarios.cluster.DaskEvents`); by default a local manager's queue.

    Each distinct base unit is solved first (as the scenario that is the base unchanged, when
    there is one, else on its own), unless `base_rotas` (by `base_key`) gives its rota; then
    every other scenario starts from its base's rota."""
    for scenario in scenarios:
        # A unit too large for memory is refused before anything runs, not minutes in.
        check_fits(scenario.unit)
    owned = executor is None
    parallel = jobs or 1
    if parallel > 1 and not params.deterministic and params.workers == 0:
        # Share the cores, but keep two workers each: one alone rarely finds a first rota.
        params = params.with_(workers=max(2, (os.cpu_count() or 2) // parallel))
    pool = executor or ProcessPoolExecutor(max_workers=parallel, initializer=_worker_started)
    manager = None
    if on_event is not None and events is None:
        manager = SyncManager()
        manager.start(ignore_interrupt)
        events = manager.Queue()
    rotas: dict[str, Rota] = dict(base_rotas or {})
    outcomes: dict[str, ScenarioOutcome] = {}
    try:
        if on_event is not None:
            for scenario in scenarios:
                on_event(ScenarioEvent(scenario.name, "waiting"))
        first, hidden = _base_solves(scenarios, rotas)
        _run(
            pool,
            first + hidden,
            params,
            events,
            on_event,
            outcomes,
            rotas,
            hidden_names={s.name for s in hidden},
        )
        rest = [s for s in scenarios if s.name not in outcomes]
        _run(pool, rest, params, events, on_event, outcomes, rotas, hidden_names=set())
    except KeyboardInterrupt:
        if owned:
            # Ctrl+C in a terminal reaches the workers too; `kill -INT` reaches only this one.
            _interrupt_workers(pool)
        raise
    finally:
        if owned:
            pool.shutdown(cancel_futures=True)
        if manager is not None:
            manager.shutdown()
    return Comparison([outcomes[s.name] for s in scenarios])


def ignore_interrupt() -> None:
    """In a helper process (the event queue's manager): leave Ctrl+C to the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# In a worker process: whether it is solving a scenario, whether Ctrl+C has stopped it, and
# whether Ctrl+C has come at all (the pool hands a worker its next scenario before the parent
# cancels the rest: it must not start it).
_WORKER = {"busy": False, "stopped": False, "interrupted": False}


def _worker_started() -> None:
    """A worker stops its scenario at Ctrl+C and ignores one while it waits for work (an idle
    worker would otherwise die with a traceback) or while it stops."""
    signal.signal(signal.SIGINT, _worker_interrupt)


def _worker_interrupt(signum: int, frame: Any) -> None:
    del signum, frame
    _WORKER["interrupted"] = True
    if _WORKER["busy"] and not _WORKER["stopped"]:
        _WORKER["stopped"] = True
        # Searches in threads of this worker (pricing, a model built beside a search) stop too:
        # the interrupt reaches only the main thread, which would wait for them to end.
        stop_all()
        raise KeyboardInterrupt


def _solve_in_worker(
    scenario: Scenario,
    params: SolveParams,
    events: Any,
    base_rota: Rota | None,
    is_base: bool,
) -> ScenarioOutcome:
    if _WORKER["interrupted"]:
        raise KeyboardInterrupt
    if "distributed" in sys.modules and params.workers == 0 and not params.deterministic:
        # On a Dask worker: the search takes the worker's threads, not the machine's cores.
        from scenarios.cluster import worker_threads

        threads = worker_threads()
        if threads is not None:
            params = params.with_(workers=threads)
    _WORKER.update(busy=True, stopped=False)
    try:
        return solve_scenario(scenario, params, events, base_rota, is_base)
    finally:
        _WORKER["busy"] = False


def _interrupt_workers(pool: Executor) -> None:
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        if process.pid is not None:
            os.kill(process.pid, signal.SIGINT)


def _base_solves(
    scenarios: list[Scenario], known: Mapping[str, Rota]
) -> tuple[list[Scenario], list[Scenario]]:
    """The scenarios that are a base unit unchanged, and the base units no scenario is (solved
    as hidden scenarios), for every base whose rota is not known yet."""
    first: list[Scenario] = []
    hidden: list[Scenario] = []
    for scenario in scenarios:
        if scenario.base is None:
            continue
        key = base_key(scenario.base)
        if key in known or any(base_key(s.base or s.unit) == key for s in first + hidden):
            continue
        same = [
            s
            for s in scenarios
            if s.positions is None and s.base is not None and base_key(s.unit) == key
        ]
        if same:
            first.append(same[0])
        else:
            hidden.append(Scenario(f"{scenario.base.name} (i dag)", scenario.base))
    return first, hidden


def _run(
    pool: Executor,
    batch: list[Scenario],
    params: SolveParams,
    events: Any,
    on_event: EventCallback | None,
    outcomes: dict[str, ScenarioOutcome],
    rotas: dict[str, Rota],
    hidden_names: set[str],
) -> None:
    """Solve a batch; record outcomes (hidden base solves only as base rotas)."""
    futures: dict[Future[ScenarioOutcome], Scenario] = {}
    for scenario in batch:
        base_rota = rotas.get(base_key(scenario.base)) if scenario.base is not None else None
        is_base = scenario.name in hidden_names or (
            scenario.base is not None
            and scenario.positions is None
            and base_key(scenario.unit) == base_key(scenario.base)
        )
        future = pool.submit(_solve_in_worker, scenario, params, events, base_rota, is_base)
        futures[future] = scenario
    pending = set(futures)
    while pending:
        done, pending = wait(pending, timeout=0.2)
        _drain(events, on_event)
        for future in done:
            scenario, outcome = futures[future], future.result()
            if outcome.start is Start.BASELINE and outcome.result.rota is not None:
                rotas[base_key(scenario.base or scenario.unit)] = outcome.result.rota
            if scenario.name in hidden_names:
                continue
            outcomes[scenario.name] = outcome
            if on_event is not None:
                on_event(
                    ScenarioEvent(
                        outcome.name,
                        "done",
                        outcome.result.objective,
                        outcome.result.runtime_s,
                        outcome,
                        gaps=(
                            None
                            if outcome.result.rota is None
                            else sum(1 for f in outcome.findings if f.kind is FindingKind.GAP)
                        ),
                    )
                )
    _drain(events, on_event)


def _drain(events: Any, on_event: EventCallback | None) -> None:
    if events is None or on_event is None:
        return
    while True:
        try:
            on_event(events.get_nowait())
        except queue.Empty:
            return
