"""The scaling-series table: checkpoints read from the trace of better rotas."""

from __future__ import annotations

from bench.scale import ScaleRun, part_time_weeks, table_header, table_row
from models.unit import Unit
from tests.rota.conftest import rota_of, two_shift_unit


def _run() -> ScaleRun:
    run = ScaleRun(size=50, weeks=6, seed=0, first_s=4.0, gap_free_s=8.0)
    run.trace = [(4.0, 20_000.0, 10.0), (8.0, 100.0, 20.0), (30.0, 50.0, 25.0)]
    run.bound, run.peak_mib = 25.0, 400.0
    return run


def test_checkpoint_takes_the_last_rota_found_by_then() -> None:
    """The objective at 10 s is the best found by 10 s, with its gap to the bound then."""
    run = _run()
    assert run.at(3.0) is None
    assert run.at(10.0) == (100.0, 0.8)
    assert run.at(60.0) == (50.0, 0.5)


def test_table_row_matches_its_header() -> None:
    """Each row has one cell per column, '-' where nothing was found."""
    checkpoints = [1.0, 10.0, 60.0]
    row = table_row(_run(), checkpoints)
    assert len(row) == len(table_header(checkpoints))
    assert row[0] == "sykehjem"
    assert row[5:7] == ["-", "-"]
    assert row[7:9] == ["100", "80.0%"]


def test_gaps_are_marked_against_what_the_promise_allows() -> None:
    """Gaps at most the bound plus the allowance are within; more are marked OVER."""
    run = _run()
    run.gap_hours, run.bound_hours, run.allowed_hours = 3.0, 1.0, 4.0
    assert table_row(run, [60.0])[-5:-2] == ["3.0 (within)", "1.0", "4.0"]
    run.gap_hours = 4.5
    assert table_row(run, [60.0])[-5] == "4.5 (OVER)"


def test_part_timers_weeks_are_the_least_and_most_hours_of_one_week() -> None:
    """Over every part-timer and week: 0 h in a week off and 15 h in a week of two shifts; the
    row shows the range and the weight."""
    unit = Unit.model_validate(two_shift_unit())
    rota = rota_of(unit, {"kari": "DD.....", "ola": "......."})
    assert part_time_weeks(unit, rota) == (0.0, 15.0)
    run = _run()
    run.part_week_min_h, run.part_week_max_h, run.uneven_week_weight = 0.0, 15.0, 0
    assert table_row(run, [60.0])[-2:] == ["0", "0.0-15.0"]
