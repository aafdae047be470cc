"""Solve scenarios side by side through any concurrent.futures.Executor and compare them."""

from __future__ import annotations

import multiprocessing
import os
import queue
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, replace
from typing import Any

from models.unit import Unit
from rota.check import check
from rota.cost import CostBreakdown, cost
from rota.findings import Finding
from rota.fulltime import PositionOptions, PositionPlan, plan_positions
from rota.params import SolveParams
from rota.result import Result
from rota.solve import Progress, solve
from scenarios.kpi import ScenarioKpis, kpis


@dataclass(frozen=True)
class Scenario:
    """A named unit after its changes; `source` says where it was described."""

    name: str
    unit: Unit
    source: str = ""
    # Position sizes chosen by the planner (rota.fulltime) instead of taken as they are.
    positions: PositionOptions | None = None
    time_limit_s: float | None = None


@dataclass(frozen=True)
class ScenarioOutcome:
    name: str
    unit: Unit
    result: Result
    findings: list[Finding]
    cost: CostBreakdown | None
    kpis: ScenarioKpis
    plan: PositionPlan | None = None


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


EventCallback = Callable[[ScenarioEvent], None]


def solve_scenario(scenario: Scenario, params: SolveParams, events: Any = None) -> ScenarioOutcome:
    """Solve one scenario and measure it. `events` is a queue (or None) for progress messages."""
    if events is not None:
        events.put(ScenarioEvent(scenario.name, "running"))

    def report(progress: Progress) -> None:
        if events is not None:
            events.put(
                ScenarioEvent(scenario.name, "improved", progress.objective, progress.seconds)
            )

    if scenario.time_limit_s is not None:
        params = params.with_(time_limit_s=scenario.time_limit_s)
    unit, plan = scenario.unit, None
    if scenario.positions is not None:
        plan = plan_positions(
            scenario.unit, scenario.positions, params, progress=report, solve_today=False
        )
        result = plan.result
        unit = plan.after or scenario.unit
        if plan.after is None:
            result = replace(result, explanation=plan.notes)
    else:
        result = solve(scenario.unit, params, progress=report)
    findings = check(unit, result.rota) if result.rota is not None else []
    breakdown = cost(unit, result.rota) if result.rota is not None else None
    return ScenarioOutcome(
        name=scenario.name,
        unit=unit,
        result=result,
        findings=findings,
        cost=breakdown,
        kpis=kpis(scenario.name, unit, result, findings, breakdown),
        plan=plan,
    )


def run_scenarios(
    scenarios: list[Scenario],
    params: SolveParams,
    executor: Executor | None = None,
    jobs: int | None = None,
    on_event: EventCallback | None = None,
) -> Comparison:
    """Solve every scenario, `jobs` at a time in a process pool unless an executor is given, and
    return the comparison in the scenarios' own order."""
    owned = executor is None
    parallel = jobs or 1
    if parallel > 1 and not params.deterministic and params.workers == 0:
        # Share the cores, but keep two workers each: one alone rarely finds a first rota.
        params = params.with_(workers=max(2, (os.cpu_count() or 2) // parallel))
    pool = executor or ProcessPoolExecutor(max_workers=parallel)
    manager = multiprocessing.Manager() if on_event is not None else None
    events = manager.Queue() if manager is not None else None
    try:
        futures: dict[Future[ScenarioOutcome], str] = {}
        for scenario in scenarios:
            if on_event is not None:
                on_event(ScenarioEvent(scenario.name, "waiting"))
            futures[pool.submit(solve_scenario, scenario, params, events)] = scenario.name
        pending = set(futures)
        outcomes: dict[str, ScenarioOutcome] = {}
        while pending:
            done, pending = wait(pending, timeout=0.2)
            _drain(events, on_event)
            for future in done:
                outcome = future.result()
                outcomes[futures[future]] = outcome
                if on_event is not None:
                    on_event(
                        ScenarioEvent(
                            outcome.name,
                            "done",
                            outcome.result.objective,
                            outcome.result.runtime_s,
                            outcome,
                        )
                    )
        _drain(events, on_event)
    finally:
        if owned:
            pool.shutdown()
        if manager is not None:
            manager.shutdown()
    return Comparison([outcomes[s.name] for s in scenarios])


def _drain(events: Any, on_event: EventCallback | None) -> None:
    if events is None or on_event is None:
        return
    while True:
        try:
            on_event(events.get_nowait())
        except queue.Empty:
            return
