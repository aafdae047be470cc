"""Redundant constraints: they say what the rules already imply, and cut no rota away."""

from __future__ import annotations

import itertools

from models.unit import Unit
from rota.params import SolveParams
from rota.result import Status
from rota.solve import solve
from rota.strengthen import hours_count_table
from tests.conftest import tiny_unit_data


def test_table_lists_exactly_the_counts_that_fit() -> None:
    """Every count of 7.5 h and 10 h shifts whose hours fall in the band is listed, and no other."""
    low, high = 146 * 60 + 6, 152 * 60 + 6  # 70 % of 35.5 h over 6 weeks, ±3 h
    rows = set(hours_count_table([450, 600], low, high, 42))
    expected = {
        (a, b)
        for a, b in itertools.product(range(43), repeat=2)
        if a + b <= 42 and low <= 450 * a + 600 * b <= high
    }
    assert rows == expected
    nights = {b for _, b in rows}
    assert {0, 2, 3} <= nights
    assert not {1, 4} & nights


def test_redundant_constraints_keep_the_best_rota() -> None:
    """The tiny unit (8 h days, 9 h nights) has the same proven optimum with and without them."""
    # A band of ±4 h: several counts of days and nights fit each position, so tables are made.
    unit = Unit.model_validate({**tiny_unit_data(), "rules": {"hours_tolerance_h_per_week": 4}})
    params = SolveParams(deterministic=True, time_limit_s=10)
    with_table = solve(unit, params)
    without = solve(unit, params.with_(redundant=False))
    assert with_table.status == without.status == Status.OPTIMAL
    assert with_table.objective == without.objective
