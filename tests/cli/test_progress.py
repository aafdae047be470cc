"""Progress of a long job: lines in a log file, the summary's words, the time used and left."""

from __future__ import annotations

import time
from io import StringIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

import cli.progress as cli_progress
from cli.main import main
from cli.progress import gap_words, solve_with_progress, time_words, working
from models.unit import Unit
from rota.cpsat import Progress, ProgressCallback
from rota.params import SolveParams
from rota.result import Result, Status
from tests.cli.test_main import SOLVE_FLAGS, unit_file
from tests.rota.conftest import two_shift_unit


def _log() -> tuple[Console, StringIO]:
    out = StringIO()
    return Console(file=out, force_terminal=False, width=120), out


def test_time_words_say_used_and_left_on_the_clock_only() -> None:
    """Time used and left, with the decimal comma; no time left where work is counted."""
    assert time_words(12.4, 60, "nb") == "12 s brukt, 48 s igjen"
    assert time_words(70, 60, "nb") == "70 s brukt, 0 s igjen"
    assert time_words(12.4, None, "en") == "12 s used"


def test_gap_words_are_the_summarys_words() -> None:
    """No rota yet, none, one and several gaps in cover, in bokmål (singular and plural)."""
    assert gap_words(None, "nb") == "ingen turnus ennå"
    assert gap_words(Progress(5, 0, 1, 0), "nb").endswith("ingen mangler i dekningen")
    assert gap_words(Progress(5, 0, 1, 1), "nb").endswith("1 mangel i dekningen")
    assert gap_words(Progress(5, 0, 1, 3), "nb").endswith("3 mangler i dekningen")
    assert gap_words(Progress(5, 0, 1, 1), "en").endswith("1 gap in cover")


def test_a_log_gets_a_line_every_few_seconds_with_the_gaps_so_far(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Outside a terminal the solve writes lines while it runs: time used, time left and the
    best rota's gaps, as the progress reports them."""

    def slow_solve(unit: Unit, params: SolveParams, progress: ProgressCallback) -> Result:
        time.sleep(0.15)
        progress(Progress(10.0, 0.0, 0.1, 2))
        time.sleep(0.3)
        return Result(Status.FEASIBLE, None, None, None, 0.5)

    monkeypatch.setattr(cli_progress, "solve", slow_solve)
    monkeypatch.setattr(cli_progress, "LOG_EVERY_S", 0.05)
    console, out = _log()
    unit = Unit.model_validate(two_shift_unit())
    solve_with_progress(console, unit, SolveParams(time_limit_s=30), "nb")
    lines = out.getvalue().splitlines()
    assert lines[0] == "Lager turnus for Liten (tidsgrense 30 s) ..."
    assert any("ingen turnus ennå" in line for line in lines[1:])
    assert "s igjen; beste turnus så langt: 2 mangler i dekningen" in lines[-1]


def test_working_writes_lines_to_a_log_until_the_job_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A long job outside a terminal says what it does, then the time used and left, and no
    more lines once it has ended."""
    monkeypatch.setattr(cli_progress, "LOG_EVERY_S", 0.05)
    console, out = _log()
    with working(console, "Beregner årsverksbehov", 120, "nb"):
        time.sleep(0.2)
    written = out.getvalue()
    time.sleep(0.15)
    assert out.getvalue() == written
    lines = written.splitlines()
    assert lines[0] == "Beregner årsverksbehov ..."
    assert len(lines) >= 2
    assert all(line.endswith("s igjen") for line in lines[1:])


def test_rota_solve_into_a_log_file_writes_progress_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rota solve UNIT > log.txt`: the progress lines are in the log before the summary."""
    monkeypatch.setattr(cli_progress, "LOG_EVERY_S", 0.01)
    out = tmp_path / "turnus.xlsx"
    result = CliRunner().invoke(
        main, ["solve", str(unit_file(tmp_path)), "-o", str(out), *SOLVE_FLAGS]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Lager turnus for ")
    progress = [i for i, line in enumerate(lines) if " s brukt" in line]
    summary = next(i for i, line in enumerate(lines) if "Resultat" in line)
    assert progress
    assert max(progress) < summary
