"""A plain CP-SAT model of a generated ward, as a baseline for the engine (issue 6).

    python -m bench plain [--sizes 25 50 100] [--weeks 6] [--time-limit 60] [--workers 8]

The direct formulation anyone would write first: one Boolean per employee, day and shift; 11 h
daily rest; 35 h weekly rest in each calendar week; every 3rd weekend, worked whole; hours within
the position's band (±0.5 h a week, ±3 h over 6 weeks, as the engine); at most 5 days in a row;
cover, competence and Sami-language minimums as hard constraints. Cyclic, like the engine. No
objective, no hints, no redundant constraints: it only looks for a rota.
"""

from __future__ import annotations

import argparse
import math
import time

from ortools.sat.python import cp_model

from bench.generate import generate_unit
from models.clock import MINUTES_PER_DAY
from models.unit import Unit

DAILY_REST = 11 * 60
WEEKLY_REST = 35 * 60
MAX_DAYS_IN_A_ROW = 5
WEEKEND_EVERY = 3


def plain_model(unit: Unit) -> tuple[cp_model.CpModel, dict[tuple[int, int, int], cp_model.IntVar]]:
    """The plain model of the unit and its shift variables x[employee, day, shift]."""
    model = cp_model.CpModel()
    staff, days, shifts = unit.employees, unit.days, unit.shift_types
    x = {
        (e, d, s): model.new_bool_var(f"x{e}_{d}_{s}")
        for e in range(len(staff))
        for d in range(days)
        for s in range(len(shifts))
    }
    start = [s.start_minute for s in shifts]
    end = [s.start_minute + s.length_minutes for s in shifts]
    for e, person in enumerate(staff):
        for d in range(days):
            model.add_at_most_one(x[e, d, s] for s in range(len(shifts)))
            for s, shift in enumerate(shifts):
                if person.allowed_shifts is not None and shift.code not in person.allowed_shifts:
                    model.add(x[e, d, s] == 0)
                # Daily rest: shift s today, t tomorrow, less than 11 h apart.
                for t in range(len(shifts)):
                    if MINUTES_PER_DAY + start[t] - end[s] < DAILY_REST:
                        model.add_bool_or([~x[e, d, s], ~x[e, (d + 1) % days, t]])
            # At most 5 days in a row.
            window = [x[e, (d + k) % days, s] for k in range(6) for s in range(len(shifts))]
            model.add(sum(window) <= MAX_DAYS_IN_A_ROW)
        for day in person.unavailable_days:
            model.add(sum(x[e, day, s] for s in range(len(shifts))) == 0)
        # Weekly rest: a free 35 h window touching the week, starting at a shift's end (as the
        # engine reads AML § 10-8 (2)).
        for week in range(unit.weeks):
            lo, hi = week * 7 * MINUTES_PER_DAY, (week + 1) * 7 * MINUTES_PER_DAY
            starts = {lo - WEEKLY_REST + 1} | {
                (week * 7 + k) * MINUTES_PER_DAY + end[s]
                for k in range(-3, 7)
                for s in range(len(shifts))
            }
            options = []
            for rest_start in sorted(t for t in starts if lo - WEEKLY_REST < t < hi):
                free = model.new_bool_var("")
                for d in range(week * 7 - 4, week * 7 + 9):
                    for s in range(len(shifts)):
                        a = d * MINUTES_PER_DAY + start[s]
                        b = d * MINUTES_PER_DAY + end[s]
                        if a < rest_start + WEEKLY_REST and b > rest_start:
                            model.add_implication(free, ~x[e, d % days, s])
                options.append(free)
            model.add_bool_or(options)
        # Whole weekends, every 3rd.
        weekend = []
        for week in range(unit.weeks):
            sat = sum(x[e, week * 7 + 5, s] for s in range(len(shifts)))
            sun = sum(x[e, week * 7 + 6, s] for s in range(len(shifts)))
            model.add(sat == sun)
            weekend.append(sat)
        for week in range(unit.weeks):
            model.add(sum(weekend[(week + k) % unit.weeks] for k in range(WEEKEND_EVERY)) <= 1)
        # Hours within the position's band.
        low, high = unit.hours_bounds_minutes(person)
        minutes = sum(
            x[e, d, s] * shift.worked_minutes for d in range(days) for s, shift in enumerate(shifts)
        )
        model.add(minutes >= math.ceil(low))
        model.add(minutes <= math.floor(high))
    # Cover, competence and language minimums, hard; no shift where the plan has none.
    for d in range(days):
        for s, shift in enumerate(shifts):
            on = [x[e, d, s] for e in range(len(staff))]
            row = unit.demand_on(d, shift.code)
            if row is None:
                model.add(sum(on) == 0)
                continue
            model.add(sum(on) >= row.min)
            for code, needed in row.competence_min.items():
                able = [
                    x[e, d, s] for e, p in enumerate(staff) if unit.can_fill(p.competence, code)
                ]
                model.add(sum(able) >= needed)
            for language, needed in row.language_min.items():
                model.add(
                    sum(x[e, d, s] for e, p in enumerate(staff) if language in p.languages)
                    >= needed
                )
    return model, x


class _First(cp_model.CpSolverSolutionCallback):
    def __init__(self) -> None:
        super().__init__()
        self.first_s: float | None = None

    def on_solution_callback(self) -> None:
        if self.first_s is None:
            self.first_s = self.wall_time


def plain(args: argparse.Namespace) -> None:
    print(
        f"plain model, {args.workers} workers, time limit {args.time_limit:g} s, seed {args.seed}"
    )
    print("| staff | weeks | status | first rota (s) | wall time (s) |")
    print("|---|---|---|---|---|")
    for weeks in args.weeks:
        for size in args.sizes:
            model, _ = plain_model(generate_unit(size, weeks, args.seed))
            solver = cp_model.CpSolver()
            solver.parameters.max_time_in_seconds = args.time_limit
            solver.parameters.num_workers = args.workers
            solver.parameters.random_seed = args.seed
            first = _First()
            started = time.monotonic()
            status = solver.solve(model, first)
            wall = time.monotonic() - started
            found = "-" if first.first_s is None else f"{first.first_s:.1f}"
            print(
                f"| {size} | {weeks} | {solver.status_name(status)} | {found} | {wall:.1f} |",
                flush=True,
            )


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `plain` subcommand of `python -m bench`."""
    parser = commands.add_parser("plain", help="a plain CP-SAT model of generated wards")
    parser.add_argument("--sizes", type=int, nargs="+", default=[25, 50, 100])
    parser.add_argument("--weeks", type=int, nargs="+", default=[6])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
