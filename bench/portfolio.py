"""Throughput of the demo portfolio on a Dask LocalCluster: units × scenarios an hour for a
number of workers (`python -m bench portfolio --workers 1 2 --time-limit 15`)."""

from __future__ import annotations

import argparse
import os
import platform
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from rota.params import SolveParams
from scenarios.cluster import DaskEvents, dask_client, executor_of
from scenarios.portfolio import economic_plan, load_portfolio, run_portfolio

DEMO = Path(__file__).parents[1] / "scenarios" / "demo" / "portefolje" / "demokommune.yaml"


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("portfolio", help="the demo portfolio on a LocalCluster")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--time-limit", type=float, default=15.0)
    parser.add_argument("--portfolio", type=Path, default=DEMO)


def run(args: argparse.Namespace) -> int:
    portfolio = load_portfolio(args.portfolio)
    solves = len(portfolio.options)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, python"
        f" {platform.python_version()}, ortools {version('ortools')}, date"
        f" {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {len(portfolio.units)} units,"
        f" {solves} solves (today and each scenario), {args.time_limit:g} s each"
    )
    print(
        "| workers | threads each | wall (s) | solves an hour | gaps (h/week) | cost (MNOK) | plan reached |"
    )
    print("|---|---|---|---|---|---|---|")
    params = SolveParams(time_limit_s=args.time_limit)
    for workers in args.workers:
        threads = max(1, (os.cpu_count() or 1) // workers)
        began = time.monotonic()
        with dask_client(workers=workers, threads_per_worker=threads) as client:
            result = run_portfolio(
                portfolio, params, executor=executor_of(client), events=DaskEvents(client)
            )
        wall = time.monotonic() - began
        whole = result.municipality()
        choice = economic_plan(result)
        reached = "-" if choice is None else ("yes" if choice.reached else "no")
        gaps = "no rota" if whole.gap_hours_per_week is None else f"{whole.gap_hours_per_week:.1f}"
        cost = "no rota" if whole.annual_cost is None else f"{whole.annual_cost / 1e6:.3f}"
        print(
            f"| {workers} | {threads} | {wall:.1f} | {solves * 3600 / wall:.0f} |"
            f" {gaps} | {cost} | {reached} |",
            flush=True,
        )
    return 0
