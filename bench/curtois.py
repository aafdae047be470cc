"""The Curtois & Qu benchmark: an independent scorer and the harness.

    python -m bench curtois [--time-limit 60] [--instances Instance1 ...] [FOLDER-OR-FILES ...]

The scorer reads an instance file again in plain Python (not through the unit model or the solver),
checks hard rules 1-9 of the format's README on a roster and recomputes the objective. The harness
solves each instance with `rota.solve.solve` at default settings (the stop-on-stall off), scores the roster with the
scorer and prints a markdown table against the best known values and the plain model's figures.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import platform
import sys
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.rota import Rota

Roster = dict[str, list[str | None]]  # employee id -> shift id (or None) per day


def roster_of(rota: Rota) -> Roster:
    """The engine's rota as the scorer reads a roster: each employee's shift ids, day by day."""
    return {e: list(row) for e, row in rota.assignments.items()}


DEFAULT_FOLDER = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "curtois"


@dataclass
class Staff:
    max_shifts: dict[str, int]
    max_minutes: int
    min_minutes: int
    max_run: int
    min_run: int
    min_off: int
    max_weekends: int


@dataclass
class Instance:
    name: str
    horizon: int = 0
    lengths: dict[str, int] = field(default_factory=dict)
    cannot_follow: dict[str, set[str]] = field(default_factory=dict)
    staff: dict[str, Staff] = field(default_factory=dict)
    days_off: dict[str, set[int]] = field(default_factory=dict)
    on_requests: list[tuple[str, int, str, int]] = field(default_factory=list)
    off_requests: list[tuple[str, int, str, int]] = field(default_factory=list)
    cover: list[tuple[int, str, int, int, int]] = field(default_factory=list)


def parse(text: str, name: str = "") -> Instance:
    """The instance as plain data. Assumes a well-formed file (the engine's reader checks files)."""
    instance = Instance(name)
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            section = line
            continue
        parts = [p.strip() for p in line.split(",")]
        if section == "SECTION_HORIZON":
            instance.horizon = int(parts[0])
        elif section == "SECTION_SHIFTS":
            instance.lengths[parts[0]] = int(parts[1])
            follow = parts[2] if len(parts) > 2 else ""
            instance.cannot_follow[parts[0]] = {c for c in follow.split("|") if c}
        elif section == "SECTION_STAFF":
            maxima = {}
            for item in parts[1].split("|"):
                if item:
                    code, count = item.split("=")
                    maxima[code] = int(count)
            numbers = [int(p) for p in parts[2:8]]
            instance.staff[parts[0]] = Staff(maxima, *numbers)
        elif section == "SECTION_DAYS_OFF":
            instance.days_off.setdefault(parts[0], set()).update(int(p) for p in parts[1:] if p)
        elif section in ("SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS"):
            request = (parts[0], int(parts[1]), parts[2], int(parts[3]))
            target = instance.on_requests if "_ON_" in section else instance.off_requests
            target.append(request)
        elif section == "SECTION_COVER":
            day, code = int(parts[0]), parts[1]
            instance.cover.append((day, code, int(parts[2]), int(parts[3]), int(parts[4])))
    return instance


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(first day, length) of every maximal run of True."""
    found = []
    start = None
    for day, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = day
        elif not flag and start is not None:
            found.append((start, day - start))
            start = None
    return found


def violations(instance: Instance, roster: Roster) -> list[str]:
    """Every broken hard rule (numbered as in the README), one line each; [] for a legal roster."""
    found = []
    days = instance.horizon
    if set(roster) != set(instance.staff):
        found.append("roster employees differ from the instance's staff")
    for employee, staff in instance.staff.items():
        row = roster.get(employee, [None] * days)
        # Rule 1 holds by construction (one entry per day); check the row is whole and known.
        if len(row) != days:
            found.append(f"{employee}: {len(row)} days, the horizon is {days}")
            continue
        for day, code in enumerate(row):
            if code is not None and code not in instance.lengths:
                found.append(f"1 {employee} day {day}: unknown shift {code}")
        for day in range(days - 1):
            first, second = row[day], row[day + 1]
            if first is not None and second in instance.cannot_follow.get(first, set()):
                found.append(f"2 {employee} day {day}: {second} may not follow {first}")
        for code, most in staff.max_shifts.items():
            count = sum(1 for c in row if c == code)
            if count > most:
                found.append(f"3 {employee}: {count} x {code}, max {most}")
        minutes = sum(instance.lengths.get(c, 0) for c in row if c is not None)
        if not staff.min_minutes <= minutes <= staff.max_minutes:
            found.append(
                f"4 {employee}: {minutes} min, allowed {staff.min_minutes}-{staff.max_minutes}"
            )
        working = [c is not None for c in row]
        for start, length in _runs(working):
            edge = start == 0 or start + length == days
            if length > staff.max_run:
                found.append(f"5 {employee} day {start}: {length} days in a row")
            if length < staff.min_run and not edge:
                found.append(f"6 {employee} day {start}: only {length} days in a row")
        for start, length in _runs([not w for w in working]):
            edge = start == 0 or start + length == days
            if length < staff.min_off and not edge:
                found.append(f"7 {employee} day {start}: only {length} days off in a row")
        weekends = sum(1 for k in range(days // 7) if working[7 * k + 5] or working[7 * k + 6])
        if weekends > staff.max_weekends:
            found.append(f"8 {employee}: {weekends} weekends, max {staff.max_weekends}")
        for day in sorted(instance.days_off.get(employee, set())):
            if row[day] is not None:
                found.append(f"9 {employee} day {day}: works on a day off")
    return found


def objective(instance: Instance, roster: Roster) -> int:
    """The benchmark objective of a roster: unmet requests and weighted cover deviations."""
    total = 0
    for employee, day, code, weight in instance.on_requests:
        if roster[employee][day] != code:
            total += weight
    for employee, day, code, weight in instance.off_requests:
        if roster[employee][day] == code:
            total += weight
    for day, code, requirement, under, over in instance.cover:
        staffed = sum(1 for row in roster.values() if row[day] == code)
        total += under * max(0, requirement - staffed) + over * max(0, staffed - requirement)
    return total


# The harness --------------------------------------------------------------------------------


@dataclass
class Outcome:
    instance: str
    objective: int | None = None  # as the independent scorer computes it
    engine_objective: float | None = None
    bound: float | None = None
    first_s: float | None = None
    best_s: float | None = None
    runtime_s: float = 0.0
    violations: list[str] = field(default_factory=list)


def solve_instance(path: Path, time_limit: float, workers: int = 0) -> Outcome:
    """Solve one instance with the engine at default settings (or `workers` search workers) and
    score it independently."""
    from models.curtois import load_unit_curtois
    from rota.cpsat import Progress
    from rota.params import SolveParams
    from rota.solve import solve

    unit = load_unit_curtois(path)
    outcome = Outcome(path.stem)
    started = time.monotonic()

    def listen(progress: Progress) -> None:
        now = time.monotonic() - started
        if outcome.first_s is None:
            outcome.first_s = now
        if outcome.engine_objective is None or progress.objective < outcome.engine_objective:
            outcome.engine_objective = progress.objective
            outcome.best_s = now

    # Default settings, except that (as for `bench demo`) the stop-on-stall is off so that each
    # run shows the whole time limit.
    result = solve(unit, SolveParams(time_limit_s=time_limit, stall_s=0, workers=workers), listen)
    outcome.runtime_s = time.monotonic() - started
    outcome.bound = result.best_bound
    if result.rota is not None:
        outcome.engine_objective = result.objective
        instance = parse(path.read_text(encoding="utf-8"), path.stem)
        roster = roster_of(result.rota)
        outcome.violations = violations(instance, roster)
        outcome.objective = objective(instance, roster)
    return outcome


def _read_csv(path: Path, column: str) -> dict[str, int | None]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {
            row["instance"]: int(row[column]) if row.get(column) else None
            for row in csv.DictReader(handle)
        }


def _files(args: argparse.Namespace) -> list[Path]:
    paths = [Path(p) for p in args.paths] or [DEFAULT_FOLDER]
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.txt")) if path.is_dir() else [path]
    if args.instances:
        files = [f for f in files if f.stem in args.instances]

    def number(path: Path) -> tuple[int, str]:
        digits = "".join(c for c in path.stem if c.isdigit())
        return (int(digits) if digits else 0, path.stem)

    return sorted(files, key=number)


def _fmt(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def run(args: argparse.Namespace) -> int:
    files = _files(args)
    if not files:
        print("no instance files found", file=sys.stderr)
        return 1
    folder = files[0].parent
    best = _read_csv(folder / "best_known.csv", "best_known")
    plain = _read_csv(folder / "plain_model_60s.csv", "objective")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, python "
        f"{platform.python_version()}, ortools {version('ortools')}, "
        f"date {time.strftime('%Y-%m-%d %H:%M')}, load {os.getloadavg()[0]:.2f}"
    )
    print(f"command: python -m bench curtois {' '.join(sys.argv[2:])}".rstrip())
    header = [
        "instance",
        "objective",
        "bound",
        "first (s)",
        "best (s)",
        "best known",
        "ratio",
        "plain 60 s",
        "hard-rule violations",
        "wall (s)",
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    ratios = []
    for path in files:
        outcome = solve_instance(path, args.time_limit, args.workers)
        known = best.get(path.stem)
        ratio = None
        if outcome.objective is not None and known:
            ratio = outcome.objective / known
            ratios.append(ratio)
        engine = outcome.engine_objective
        if (
            outcome.objective is not None
            and engine is not None
            and round(engine) != outcome.objective
        ):
            # The engine's objective must be the benchmark's: a difference is a modelling bug.
            outcome.violations.append(f"engine objective {engine:g} != scored {outcome.objective}")
        cells = [
            path.stem,
            _fmt(outcome.objective),
            _fmt(outcome.bound),
            _fmt(outcome.first_s, 1),
            _fmt(outcome.best_s, 1),
            _fmt(known),
            _fmt(ratio, 3),
            _fmt(plain.get(path.stem)),
            str(len(outcome.violations)) if outcome.objective is not None else "no roster",
            _fmt(outcome.runtime_s, 1),
        ]
        print("| " + " | ".join(cells) + " |", flush=True)
        for line in outcome.violations[:5]:
            print(f"  {path.stem}: {line}")
    if ratios:
        geometric = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print(f"\ngeometric mean of objective / best known over {len(ratios)}: {geometric:.3f}")
    return 0


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("curtois", help="the Curtois & Qu benchmark instances")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--instances", nargs="*", help="instance names, e.g. Instance1 Instance2")
    parser.add_argument("--workers", type=int, default=0, help="search workers (0: the default)")
    parser.add_argument(
        "paths",
        nargs="*",
        help=f"a folder of instances or instance files (default {DEFAULT_FOLDER})",
    )
