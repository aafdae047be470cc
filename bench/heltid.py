"""Benchmark of the heltid planner and the FTE need on the demo ward.

    python -m bench heltid [--time-limits 30 60 120] [--runs 2]

For each time limit and run: the position plan of today's ward and of the demo scenario
«Langvakter, hver 2. helg og heltidsplan» (full-time positions before and after, cost against
the budget frame, rule findings of the plan's rota by the independent checker, seconds), and the
FTE need of today's ward (least årsverk found, its bound, seconds).
"""

from __future__ import annotations

import argparse
import platform
import time
from importlib.metadata import version
from typing import Any

from models.demo import demo_unit
from models.unit import Unit
from rota.check import check
from rota.fte_need import fte_need
from rota.fulltime import plan_positions
from rota.params import SolveParams
from scenarios.demo import demo_scenario_files
from scenarios.scenario import load_scenario

PLANNED_SCENARIO = "Langvakter, hver 2. helg og heltidsplan"


def add_command(commands: Any) -> None:
    parser = commands.add_parser("heltid", help="the heltid planner and FTE need, demo ward")
    parser.add_argument("--time-limits", type=float, nargs="+", default=[30.0, 60.0, 120.0])
    parser.add_argument("--runs", type=int, default=2)


def _units() -> list[tuple[str, Unit, bool]]:
    """(name, unit, whether today's rota is searched for first)."""
    planned = next(
        s for s in map(load_scenario, demo_scenario_files()) if s.name == PLANNED_SCENARIO
    )
    return [("sykehjem i dag", demo_unit("sykehjem"), True), (planned.name, planned.unit, False)]


def run(args: argparse.Namespace) -> None:
    print(
        f"machine: {platform.machine()}, python {platform.python_version()}, ortools "
        f"{version('ortools')}, date {time.strftime('%Y-%m-%d')}"
    )
    print(
        "| unit | time limit (s) | run | full-time before → after | cost after (NOK) |"
        " budget frame | findings | seconds |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, unit, solve_today in _units():
        for limit in args.time_limits:
            for run_number in range(1, args.runs + 1):
                started = time.monotonic()
                plan = plan_positions(
                    unit,
                    params=SolveParams(time_limit_s=limit, seed=run_number),
                    solve_today=solve_today,
                )
                seconds = time.monotonic() - started
                after = plan.heltid_after.total.fulltime_heads if plan.heltid_after else None
                findings = (
                    len(check(plan.after, plan.result.rota))
                    if plan.after is not None and plan.result.rota is not None
                    else None
                )
                cost = f"{plan.cost_after.total:,.0f}" if plan.cost_after else "-"
                frame = unit.budget.budget_frame_nok
                print(
                    f"| {name} | {limit:g} | {run_number} |"
                    f" {plan.heltid_before.total.fulltime_heads} → {after if after is not None else '-'} |"
                    f" {cost} | {frame:,.0f} | {findings if findings is not None else '-'} |"
                    f" {seconds:.0f} |",
                    flush=True,
                )
    print()
    print("| FTE need, sykehjem | time limit (s) | run | least FTE | bound | today | seconds |")
    print("|---|---|---|---|---|---|---|")
    unit = demo_unit("sykehjem")
    today = sum(e.fte for e in unit.employees)
    for limit in args.time_limits:
        for run_number in range(1, args.runs + 1):
            started = time.monotonic()
            need = fte_need(unit, SolveParams(time_limit_s=limit, seed=run_number))
            seconds = time.monotonic() - started
            least = "-" if need.total_fte is None else f"{need.total_fte:.2f}"
            bound = "-" if need.lower_bound_fte is None else f"{need.lower_bound_fte:.2f}"
            print(
                f"| | {limit:g} | {run_number} | {least} | {bound} | {today:.2f} | {seconds:.0f} |",
                flush=True,
            )
