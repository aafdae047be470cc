"""Redundant constraints that make the model easier to solve without changing its rotas.

Hours by shift length: an employee's rota hours are a sum of whole shifts, so with a band of a few
hours only some counts of each shift length fit (with 7.5 h day shifts and 10 h nights, a 70 %
position over 6 weeks takes 0, 2, 3, 5, 6 ... nights, never 1 or 4). The linear hours constraint
says this only after the last shift is placed; a table of the counts that fit says it from the
start, so the search stops building rotas whose hours cannot close (bench/README.md).
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict

from ortools.sat.python import cp_model

from rota.context import ModelContext
from rota.rules.hours import plain_range

# Above this many fitting count combinations the table costs more than it gives.
MAX_TABLE_ROWS = 20_000


def add_redundant(ctx: ModelContext) -> None:
    """Every redundant constraint; none when explaining infeasibility (each hard rule must be
    switchable by its own literal there)."""
    if ctx.explain:
        return
    add_hours_by_shift_length(ctx)


def hours_count_table(lengths: list[int], low: int, high: int, most: int) -> list[tuple[int, ...]]:
    """Every count of shifts of each length (minutes) whose sum lies in [low, high], with at most
    `most` shifts in all."""
    ranges = [range(min(most, high // length) + 1) for length in lengths]
    rows = []
    for counts in itertools.product(*ranges):
        if sum(counts) > most:
            continue
        total = sum(c * length for c, length in zip(counts, lengths, strict=True))
        if low <= total <= high:
            rows.append(counts)
    return rows


def add_hours_by_shift_length(ctx: ModelContext) -> None:
    """For each employee with a fixed hours band: the counts of shifts of each length that fit."""
    unit = ctx.unit
    for employee in unit.employees:
        if employee.id in ctx.positions:
            continue  # the band moves with a position the model chooses
        allowed = [s for s in unit.shift_types if employee.allows_shift(s.code)]
        by_length: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for shift in allowed:
            for day in range(unit.days):
                by_length[shift.worked_minutes].append(ctx.x[employee.id, day, shift.code])
        lengths = sorted(length for length in by_length if length > 0)
        if len(lengths) < 2:
            continue  # one length: the linear constraint already says it all
        # With the three-shift credit a row may hold fewer plain hours than the band.
        low, high = plain_range(unit, employee)
        ranges = [min(unit.days, int(high) // length) + 1 for length in lengths]
        if math.prod(ranges) > 50 * MAX_TABLE_ROWS:
            continue
        rows = hours_count_table(lengths, math.ceil(low - 1e-6), math.floor(high + 1e-6), unit.days)
        if not rows or len(rows) > MAX_TABLE_ROWS:
            continue  # no rota at all is the hours rule's to explain, not this table's
        counts = []
        for length in lengths:
            count = ctx.model.new_int_var(0, unit.days, "")
            ctx.model.add(count == sum(by_length[length]))
            counts.append(count)
        ctx.model.add_allowed_assignments(counts, rows)
