"""The Norwegian scaling series: generated units of 10 to 200 staff over 6 and 12 weeks, and the
other unit shapes of `bench.shapes`.

    python -m bench scale [--sizes 10 25 50 100 200] [--weeks 6 12] [--shapes KIND ...]
                          [--time-limit 60] [--seed 0] [--uneven-week-weights 0 2]

Each unit is solved in its own process, so that its peak memory is its own (the child reports its
maximum resident set size, taken before the gap bound below). Times are wall-clock seconds from the
call to `solve` (model building and every stage included) to the rota; every rota is re-checked by
`rota.check`. After the solve, a deterministic search of BOUND_S work units for the fewest gap
hours (`rota.bound`) gives a lower bound on the gaps any rota of the unit has: a rota's gaps are
within the issue's promise when they are at most that bound plus 2 % of the shift hours at
minimum staffing.
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
from bench.shapes import SERIES, Shape, shape_unit
from models.capacity import capacity_balance
from models.rota import Rota
from models.unit import Unit
from rota.bound import gap_bound
from rota.check import check
from rota.cpsat import Progress
from rota.findings import FindingKind
from rota.params import SolveParams
from rota.rules.coverage import shortfall_minutes
from rota.solve import solve
from scenarios.rota_workbook import worked_minutes

# An objective below this has no cover, competence or language gap (each weighs 5 000 or more).
GAP_FREE_BELOW = 5_000
CHECKPOINTS = (10.0, 60.0)
# Deterministic work units for the lower bound on gap hours after each solve.
BOUND_S = 10.0
# Gaps within this share of the shift hours at minimum staffing above the bound keep the promise.
GAP_ALLOWANCE = 0.02


@dataclass
class ScaleRun:
    size: int
    weeks: int
    seed: int
    kind: str = "sykehjem"
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
    # Hours a week: the rota's gaps, the least any rota has, and what the promise allows.
    gap_hours: float | None = None
    bound_hours: float | None = None
    allowed_hours: float | None = None
    # The even-weeks weight the unit was solved with (None: its own), and the least and most
    # hours any part-timer (position under 100 %) has in one week of the rota.
    uneven_week_weight: int | None = None
    part_week_min_h: float | None = None
    part_week_max_h: float | None = None

    def at(self, seconds: float) -> tuple[float, float] | None:
        """Objective and relative gap of the best rota found by `seconds`."""
        found = [(obj, bound) for t, obj, bound in self.trace if t <= seconds]
        if not found:
            return None
        objective, bound = found[-1]
        return objective, _gap(objective, bound)


def _gap(objective: float, bound: float) -> float:
    return 0.0 if objective <= bound else (objective - bound) / max(1.0, abs(objective))


def part_time_weeks(unit: Unit, rota: Rota) -> tuple[float, float] | None:
    """The least and most hours a part-timer (position under 100 %) works in one week."""
    weeks = [
        worked_minutes(unit, rota, e.id, range(week * 7, week * 7 + 7)) / 60
        for e in unit.employees
        if 0 < e.position_pct < 100
        for week in range(unit.weeks)
    ]
    return (min(weeks), max(weeks)) if weeks else None


def run_one(
    size: int,
    weeks: int,
    seed: int,
    time_limit: float,
    workers: int,
    kind: str = "",
    uneven_week_weight: int | None = None,
) -> ScaleRun:
    """Generate one unit (the scaled ward, or a shape of `bench.shapes`), solve it with the
    default settings (no stop on stall), audit it and bound its gaps. `uneven_week_weight`
    overrides the unit's even-weeks weight."""
    unit: Unit = (
        shape_unit(Shape(kind, size, weeks), seed) if kind else generate_unit(size, weeks, seed)
    )
    if uneven_week_weight is not None:
        rules = unit.rules.model_copy(update={"uneven_week_weight": uneven_week_weight})
        unit = unit.model_copy(update={"rules": rules})
    run = ScaleRun(size, weeks, seed, kind or "sykehjem", describe(unit))
    run.uneven_week_weight = uneven_week_weight
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
    # ru_maxrss is in KiB on Linux: the solve's peak, before the bound's search.
    run.peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if result.rota is not None:
        findings = check(unit, result.rota)
        run.breaches = sum(f.kind is FindingKind.BREACH for f in findings)
        run.gaps = sum(f.kind is FindingKind.GAP for f in findings)
        per_week = 60 * unit.weeks
        run.gap_hours = shortfall_minutes(unit, result.rota) / per_week
        spread = part_time_weeks(unit, result.rota)
        if spread is not None:
            run.part_week_min_h, run.part_week_max_h = spread
        bound = gap_bound(unit, params.with_(gap_bound_s=BOUND_S), found=result.rota)
        if bound is not None:
            run.bound_hours = bound.unavoidable_hours_per_week
            shift_hours = capacity_balance(unit).demand_min_hours_per_week
            run.allowed_hours = run.bound_hours + GAP_ALLOWANCE * shift_hours
    return run


def run_in_child(
    size: int,
    weeks: int,
    seed: int,
    time_limit: float,
    workers: int,
    kind: str = "",
    uneven_week_weight: int | None = None,
) -> ScaleRun:
    """run_one in a fresh process, so peak memory is this unit's alone."""
    command = [sys.executable, "-m", "bench", "scale-one", str(size), str(weeks)]
    command += ["--seed", str(seed), "--time-limit", str(time_limit), "--workers", str(workers)]
    if kind:
        command += ["--kind", kind]
    if uneven_week_weight is not None:
        command += ["--uneven-week-weight", str(uneven_week_weight)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    data: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    data["trace"] = [tuple(point) for point in data["trace"]]
    return ScaleRun(**data)


def _fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table_header(checkpoints: list[float]) -> list[str]:
    header = ["shape", "staff", "weeks", "first rota (s)", "gap-free (s)"]
    for c in checkpoints:
        header += [f"objective @{c:g}s", f"gap @{c:g}s"]
    return [
        *header,
        "bound at end",
        "wall (s)",
        "peak MiB",
        "breaches",
        "cover gaps",
        "gap h/week",
        "gap bound h/week",
        "allowed h/week",
        "even-weeks weight",
        "part-timers' weeks (h)",
    ]


def table_row(run: ScaleRun, checkpoints: list[float]) -> list[str]:
    cells = [run.kind, str(run.size), str(run.weeks), _fmt(run.first_s), _fmt(run.gap_free_s)]
    for c in checkpoints:
        point = run.at(c)
        cells += ["-", "-"] if point is None else [f"{point[0]:.0f}", f"{point[1]:.1%}"]
    within = ""
    if run.gap_hours is not None and run.allowed_hours is not None:
        within = " (within)" if run.gap_hours <= run.allowed_hours + 1e-9 else " (OVER)"
    cells += [
        _fmt(run.bound, 0),
        _fmt(run.total_s),
        f"{run.peak_mib:.0f}",
        str(run.breaches),
        str(run.gaps),
        _fmt(run.gap_hours) + within,
        _fmt(run.bound_hours),
        _fmt(run.allowed_hours),
        "default" if run.uneven_week_weight is None else str(run.uneven_week_weight),
        (
            "-"
            if run.part_week_min_h is None or run.part_week_max_h is None
            else f"{run.part_week_min_h:.1f}-{run.part_week_max_h:.1f}"
        ),
    ]
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
    units = [("", size, weeks) for weeks in args.weeks for size in args.sizes]
    units += [(s.kind, s.size, s.weeks) for s in SERIES if s.kind in args.shapes]
    weights = args.uneven_week_weights or [None]
    for kind, size, weeks in units:
        # Each weight in turn on the same unit: the variants compared in the same run.
        for weight in weights:
            run = run_in_child(size, weeks, args.seed, args.time_limit, args.workers, kind, weight)
            print("| " + " | ".join(table_row(run, checkpoints)) + " |", flush=True)
            print(f"  ({run.description}; {run.status}, {run.total_s:.0f} s)", file=sys.stderr)


def scale_one(args: argparse.Namespace) -> None:
    run = run_one(
        args.size,
        args.weeks,
        args.seed,
        args.time_limit,
        args.workers,
        args.kind,
        args.uneven_week_weight,
    )
    print(json.dumps(asdict(run)))


def add_commands(commands: Any) -> None:
    """The `scale` and `scale-one` subcommands of `python -m bench`."""
    parser = commands.add_parser("scale", help="the Norwegian scaling series (generated units)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 25, 50, 100, 200])
    parser.add_argument("--weeks", type=int, nargs="+", default=[6, 12])
    parser.add_argument(
        "--shapes",
        nargs="*",
        default=[s.kind for s in SERIES],
        choices=[s.kind for s in SERIES],
        help="the other unit shapes to run (bench/shapes.py); none: only the scaled ward",
    )
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument(
        "--uneven-week-weights",
        type=int,
        nargs="*",
        default=[],
        help="solve each unit once with each of these even-weeks weights (default: its own)",
    )
    one = commands.add_parser("scale-one", help="one generated unit (JSON out; used by scale)")
    one.add_argument("size", type=int)
    one.add_argument("weeks", type=int)
    one.add_argument("--time-limit", type=float, default=60.0)
    one.add_argument("--seed", type=int, default=0)
    one.add_argument("--workers", type=int, default=0)
    one.add_argument("--kind", default="", help="a shape of bench/shapes.py (default: the ward)")
    one.add_argument("--uneven-week-weight", type=int, default=None)
