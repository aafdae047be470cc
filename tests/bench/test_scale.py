"""The scaling-series table: checkpoints read from the trace of better rotas."""

from __future__ import annotations

from bench.scale import ScaleRun, table_header, table_row


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
    assert row[4:6] == ["-", "-"]
    assert row[6:8] == ["100", "80.0%"]
