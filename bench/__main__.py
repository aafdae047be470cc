"""Benchmark harness.

    python -m bench demo [--time-limit 60] [--runs 3] [--workers 0]
    python -m bench curtois [--time-limit 60] [--instances ...] [FOLDER-OR-FILES ...]
    python -m bench plain [--sizes 25 50 100] [--weeks 6] [--time-limit 60] [--workers 8]
    python -m bench scale [--sizes 10 25 50 100 200] [--weeks 6 12] [--time-limit 60] [--seed 0]
    python -m bench scenarios [--runs 3] [--unit-time-limit 60] [--scenario-time-limit 15]

For each demo unit: time to the first rota, time to the first rota without cover gaps, and the
objective and bound at 10, 30 and 60 s (or the checkpoints up to the time limit). Each rota is
re-checked by the independent checker; a run with rule breaches is reported as such.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from dataclasses import dataclass, field
from importlib.metadata import version

from bench import curtois, heltid, plain, portfolio, scale, scenarios
from models.demo import DEMO_UNITS, demo_unit
from rota.check import check
from rota.cpsat import Progress
from rota.findings import FindingKind
from rota.params import SolveParams
from rota.solve import solve

CHECKPOINTS = (10.0, 30.0, 60.0)
# An objective below this has no cover, competence or language gap (each weighs 5 000 or more).
GAP_FREE_BELOW = 5_000


@dataclass
class Run:
    first_s: float | None = None
    gap_free_s: float | None = None
    trace: list[Progress] = field(default_factory=list)
    bound: float | None = None
    objective: float | None = None
    breaches: int = 0

    def at(self, seconds: float) -> float | None:
        values = [p.objective for p in self.trace if p.seconds <= seconds]
        return values[-1] if values else None


def run_once(name: str, time_limit: float, workers: int, seed: int) -> Run:
    unit = demo_unit(name)
    run = Run()

    def listen(progress: Progress) -> None:
        run.trace.append(progress)
        if run.first_s is None:
            run.first_s = progress.seconds
        if run.gap_free_s is None and progress.objective < GAP_FREE_BELOW:
            run.gap_free_s = progress.seconds

    result = solve(
        unit, SolveParams(time_limit_s=time_limit, workers=workers, seed=seed, stall_s=0), listen
    )
    run.objective = result.objective
    run.bound = result.best_bound
    if result.rota is not None:
        run.breaches = sum(f.kind is FindingKind.BREACH for f in check(unit, result.rota))
    return run


def _fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def demo(args: argparse.Namespace) -> None:
    print(
        f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, python "
        f"{platform.python_version()}, ortools {version('ortools')}, "
        f"date {time.strftime('%Y-%m-%d')}"
    )
    checkpoints = [c for c in CHECKPOINTS if c <= args.time_limit]
    header = ["unit", "run", "first rota (s)", "gap-free (s)"]
    header += [f"objective @{c:g}s" for c in checkpoints] + ["bound at end", "breaches"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name in args.units or list(DEMO_UNITS):
        runs = []
        for index in range(args.runs):
            run = run_once(name, args.time_limit, args.workers, seed=index)
            runs.append(run)
            cells = [name, str(index + 1), _fmt(run.first_s), _fmt(run.gap_free_s)]
            cells += [_fmt(run.at(c), 0) for c in checkpoints]
            cells += [_fmt(run.bound, 0), str(run.breaches)]
            print("| " + " | ".join(cells) + " |", flush=True)
        gap_free = [r.gap_free_s for r in runs if r.gap_free_s is not None]
        if gap_free:
            print(
                f"  {name}: gap-free in {len(gap_free)}/{len(runs)} runs, median "
                f"{statistics.median(gap_free):.1f} s"
            )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    commands = parser.add_subparsers(dest="command", required=True)
    demo_parser = commands.add_parser("demo", help="the demo units, default settings")
    demo_parser.add_argument("--time-limit", type=float, default=60.0)
    demo_parser.add_argument("--runs", type=int, default=3)
    demo_parser.add_argument("--workers", type=int, default=0)
    demo_parser.add_argument("--units", nargs="*", choices=list(DEMO_UNITS))
    scale.add_commands(commands)
    plain.add_command(commands)
    curtois.add_parser(commands)
    heltid.add_command(commands)
    scenarios.add_parser(commands)
    portfolio.add_parser(commands)
    args = parser.parse_args()
    if args.command == "demo":
        demo(args)
    elif args.command == "curtois":
        raise SystemExit(curtois.run(args))
    elif args.command == "scale":
        scale.scale(args)
    elif args.command == "plain":
        plain.plain(args)
    elif args.command == "scale-one":
        scale.scale_one(args)
    elif args.command == "heltid":
        heltid.run(args)
    elif args.command == "scenarios":
        raise SystemExit(scenarios.run(args))
    elif args.command == "portfolio":
        raise SystemExit(portfolio.run(args))


if __name__ == "__main__":
    main()
