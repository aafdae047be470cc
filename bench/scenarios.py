"""Do the demo scenarios' figures hold? The demo scenarios run as `rota demo` runs them, several
times on a quiet machine and once more with both cores busy, and per scenario the gap hours,
the unavoidable gaps and the yearly cost of every run with their spread.

    python -m bench scenarios [--runs 3] [--unit-time-limit 60] [--scenario-time-limit 15]

It checks what the scenario-figures issue asks: every scenario has a rota in every run, every
relaxation of today is at least as good as today in every run, and the quiet runs agree (the
same gap hours, yearly cost within 1 %).
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from unittest import mock

from models.demo import demo_unit
from models.unit import Unit
from rota.params import SolveParams
from rota.solve import solve
from scenarios import scenario as scenario_module
from scenarios.demo import demo_scenario_files
from scenarios.runner import Scenario, base_key, run_scenarios
from scenarios.scenario import load_scenario

TODAY = "Dagens turnus"
SAME_COST_SHARE = 0.01


@dataclass(frozen=True)
class Figure:
    has_rota: bool
    gap_h: float
    unavoidable_h: float | None
    settled: bool
    cost: float
    relaxation: bool
    start: str


def _with_credit(unit: Unit) -> Unit:
    rules = unit.rules.model_copy(update={"three_shift_credit": True})
    return unit.model_copy(update={"rules": rules})


def _scenario_with_credit(file: Path) -> Scenario:
    """The scenario with the three-shift credit on its base (the demo ward's own file has it
    off): the base is loaded through `scenarios.scenario.demo_unit`, so that is where it is set."""
    with mock.patch.object(
        scenario_module, "demo_unit", lambda name: _with_credit(demo_unit(name))
    ):
        return load_scenario(file)


def one_run(
    unit_time_limit: float, scenario_time_limit: float, credit: bool = False
) -> dict[str, Figure]:
    """The demo ward solved as `rota demo` does, then its scenarios from that rota; `credit`:
    with the three-shift time credit on the ward."""
    unit = _with_credit(demo_unit("sykehjem")) if credit else demo_unit("sykehjem")
    today = solve(unit, SolveParams(time_limit_s=unit_time_limit))
    known = {base_key(unit): today.rota} if today.rota is not None else {}
    load = _scenario_with_credit if credit else load_scenario
    comparison = run_scenarios(
        [load(file) for file in demo_scenario_files()],
        SolveParams(time_limit_s=scenario_time_limit, stall_s=5),
        jobs=1,
        base_rotas=known,
    )
    return {
        outcome.name: Figure(
            has_rota=outcome.result.rota is not None,
            gap_h=outcome.kpis.gap_hours_per_week,
            unavoidable_h=outcome.kpis.unavoidable_gap_hours_per_week,
            settled=outcome.kpis.settled,
            cost=outcome.kpis.annual_cost,
            relaxation=outcome.relaxation,
            start=outcome.kpis.start,
        )
        for outcome in comparison.outcomes
    }


def _busy_cores(count: int) -> list[subprocess.Popen[bytes]]:
    return [
        subprocess.Popen(["sh", "-c", "while :; do :; done"], stdout=subprocess.DEVNULL)
        for _ in range(count)
    ]


def _cell(figure: Figure) -> str:
    if not figure.has_rota:
        return "no rota"
    least = "-" if figure.unavoidable_h is None else f"{figure.unavoidable_h:.1f}"
    mark = "" if figure.settled else " (not settled)"
    return f"{figure.gap_h:.1f} h (≥ {least}){mark}, {figure.cost / 1e6:.3f} M"


def run(args: argparse.Namespace) -> int:
    print(
        f"machine: {platform.machine()}, python {platform.python_version()}, ortools"
        f" {version('ortools')}, date {time.strftime('%Y-%m-%d %H:%M')}; unit time limit"
        f" {args.unit_time_limit:g} s, scenario time limit {args.scenario_time_limit:g} s"
        + (", three-shift credit on the ward" if args.three_shift_credit else "")
    )
    labels = [f"quiet {n + 1}" for n in range(args.runs)] + ["both cores busy"]
    runs: list[dict[str, Figure]] = []
    for label in labels:
        hogs = _busy_cores(2) if label == "both cores busy" else []
        try:
            started = time.monotonic()
            runs.append(
                one_run(args.unit_time_limit, args.scenario_time_limit, args.three_shift_credit)
            )
            print(f"{label}: {time.monotonic() - started:.0f} s", flush=True)
        finally:
            for hog in hogs:
                hog.kill()
    names = list(runs[0])
    print("| scenario | " + " | ".join(labels) + " | quiet spread |")
    print("|---" * (len(labels) + 2) + "|")
    problems = []
    for name in names:
        figures = [r[name] for r in runs]
        quiet = [f for f in figures[: args.runs] if f.has_rota]
        spread = "-"
        if quiet:
            gaps = [f.gap_h for f in quiet]
            costs = [f.cost for f in quiet]
            cost_spread = (max(costs) - min(costs)) / (sum(costs) / len(costs))
            spread = f"gaps {max(gaps) - min(gaps):.1f} h, cost {cost_spread:.2%}"
            if max(gaps) - min(gaps) > 0.05 or cost_spread > SAME_COST_SHARE:
                problems.append(f"{name}: quiet runs disagree ({spread})")
        print(f"| {name} | " + " | ".join(_cell(f) for f in figures) + f" | {spread} |")
        for label, figure, today in zip(labels, figures, [r[TODAY] for r in runs], strict=True):
            if not figure.has_rota:
                problems.append(f"{name}: no rota ({label})")
            elif figure.relaxation and today.has_rota and figure.gap_h > today.gap_h + 0.05:
                problems.append(f"{name}: a relaxation worse than today ({label})")
    for problem in problems:
        print(f"  - {problem}")
    print("all checks hold" if not problems else f"{len(problems)} checks fail")
    return 1 if problems else 0


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("scenarios", help="the demo scenarios, run to run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--unit-time-limit", type=float, default=60.0)
    parser.add_argument("--scenario-time-limit", type=float, default=15.0)
    parser.add_argument(
        "--three-shift-credit",
        action="store_true",
        help="the ward with the three-shift time credit on (its file has it off)",
    )
