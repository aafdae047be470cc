"""The Norwegian scaling series: generated units of 10 to 200 staff over 6 and 12 weeks.

    python -m bench scale [--sizes 10 25 50 100 200] [--weeks 6 12] [--time-limit 60] [--seed 0]

Each unit is solved in its own process, so that its peak memory is its own (the child reports its
maximum resident set size). Times are wall-clock seconds from the call to `solve` (model building
and the stepping stone included) to the rota; every rota is re-checked by `rota.check`.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from typing import Any

from bench.generate import describe, generate_unit
from rota.check import check
from rota.cpsat import Progress
from rota.findings import FindingKind
from rota.params import SolveParams
from rota.solve import solve

# An objective below this has no cover, competence or language gap (each weighs 5 000 or more).
GAP_FREE_BELOW = 5_000
CHECKPOINTS = (10.0, 60.0)


@dataclass
class ScaleRun:
    size: int
    weeks: int
    seed: int
    description: str = ""
    first_s: float | None = None
    gap_free_s: float | None = None
    # (seconds, objective, bound) of each better rota, seconds from the call to solve.
    trace: list[tuple[float, float, float]] = field(default_factory=list)
    status: str = ""
    objective: float | None = None
    bound: float | None = None
    total_s: float = 0.0
    peak_mib: float = 0.0
    breaches: int = 0
    gaps: int = 0

    def at(self, seconds: float) -> tuple[float, float] | None:
        """Objective and relative gap of the best rota found by `seconds`."""
        found = [(obj, bound) for t, obj, bound in self.trace if t <= seconds]
        if not found:
            return None
        objective, bound = found[-1]
        return objective, _gap(objective, bound)


def _gap(objective: float, bound: float) -> float:
    return 0.0 if objective <= bound else (objective - bound) / max(1.0, abs(objective))


def run_one(size: int, weeks: int, seed: int, time_limit: float, workers: int) -> ScaleRun:
    """Generate one unit, solve it with the default settings (no stop on stall) and audit it."""
    unit = generate_unit(size, weeks, seed)
    run = ScaleRun(size, weeks, seed, describe(unit))
    started = time.monotonic()

    def listen(progress: Progress) -> None:
        now = time.monotonic() - started
        run.trace.append((now, progress.objective, progress.best_bound))
        if run.first_s is None:
            run.first_s = now
        if run.gap_free_s is None and progress.objective < GAP_FREE_BELOW:
            run.gap_free_s = now

    params = SolveParams(time_limit_s=time_limit, workers=workers, seed=seed, stall_s=0)
    result = solve(unit, params, listen)
    run.total_s = time.monotonic() - started
    run.status = result.status.value
    run.objective = result.objective
    run.bound = result.best_bound
    if result.rota is not None:
        findings = check(unit, result.rota)
        run.breaches = sum(f.kind is FindingKind.BREACH for f in findings)
        run.gaps = sum(f.kind is FindingKind.GAP for f in findings)
    # ru_maxrss is in KiB on Linux.
    run.peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return run


def run_in_child(size: int, weeks: int, seed: int, time_limit: float, workers: int) -> ScaleRun:
    """run_one in a fresh process, so peak memory is this unit's alone."""
    command = [sys.executable, "-m", "bench", "scale-one", str(size), str(weeks)]
    command += ["--seed", str(seed), "--time-limit", str(time_limit), "--workers", str(workers)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    data: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    data["trace"] = [tuple(point) for point in data["trace"]]
    return ScaleRun(**data)


def _fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table_header(checkpoints: list[float]) -> list[str]:
    header = ["staff", "weeks", "first rota (s)", "gap-free (s)"]
    for c in checkpoints:
        header += [f"objective @{c:g}s", f"gap @{c:g}s"]
    return [*header, "bound at end", "peak MiB", "breaches", "cover gaps"]


def table_row(run: ScaleRun, checkpoints: list[float]) -> list[str]:
    cells = [str(run.size), str(run.weeks), _fmt(run.first_s), _fmt(run.gap_free_s)]
    for c in checkpoints:
        point = run.at(c)
        cells += ["-", "-"] if point is None else [f"{point[0]:.0f}", f"{point[1]:.1%}"]
    cells += [_fmt(run.bound, 0), f"{run.peak_mib:.0f}", str(run.breaches), str(run.gaps)]
    return cells


def scale(args: argparse.Namespace) -> None:
    print(
        f"machine: {platform.machine()}, python {platform.python_version()}, ortools"
        f" {version('ortools')}, date {time.strftime('%Y-%m-%d %H:%M')}, seed {args.seed},"
        f" time limit {args.time_limit:g} s"
    )
    checkpoints = [c for c in CHECKPOINTS if c <= args.time_limit]
    if args.time_limit not in checkpoints:
        checkpoints.append(args.time_limit)
    header = table_header(checkpoints)
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header), flush=True)
    for weeks in args.weeks:
        for size in args.sizes:
            run = run_in_child(size, weeks, args.seed, args.time_limit, args.workers)
            print("| " + " | ".join(table_row(run, checkpoints)) + " |", flush=True)
            print(f"  ({run.description}; {run.status}, {run.total_s:.0f} s)", file=sys.stderr)


def scale_one(args: argparse.Namespace) -> None:
    run = run_one(args.size, args.weeks, args.seed, args.time_limit, args.workers)
    print(json.dumps(asdict(run)))


def add_commands(commands: Any) -> None:
    """The `scale` and `scale-one` subcommands of `python -m bench`."""
    parser = commands.add_parser("scale", help="the Norwegian scaling series (generated units)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 25, 50, 100, 200])
    parser.add_argument("--weeks", type=int, nargs="+", default=[6, 12])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=0)
    one = commands.add_parser("scale-one", help="one generated unit (JSON out; used by scale)")
    one.add_argument("size", type=int)
    one.add_argument("weeks", type=int)
    one.add_argument("--time-limit", type=float, default=60.0)
    one.add_argument("--seed", type=int, default=0)
    one.add_argument("--workers", type=int, default=0)
