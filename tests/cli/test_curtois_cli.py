"""`rota solve` and `rota validate` on a Curtois & Qu benchmark file (.txt)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cli.main import main
from tests.curtois_sample import SAMPLE


def test_solve_takes_a_benchmark_file(tmp_path: Path) -> None:
    """A benchmark instance solves to a rota workbook with its objective, exit 0."""
    instance = tmp_path / "Sample.txt"
    instance.write_bytes(SAMPLE.encode())
    out = tmp_path / "sample.xlsx"
    flags = ["--deterministic", "--time-limit", "10"]
    result = CliRunner().invoke(
        main, ["--lang", "en", "solve", str(instance), "-o", str(out), *flags]
    )
    assert result.exit_code == 0, result.output
    assert "Optimal (proven best)" in result.output
    assert out.is_file()


def test_a_broken_benchmark_file_is_located(tmp_path: Path) -> None:
    """A bad value in a benchmark file is named by file, line and field, exit 1."""
    instance = tmp_path / "Broken.txt"
    instance.write_bytes(SAMPLE.replace("A,E=14|L=3,4800,", "A,E=14|L=3,x,").encode())
    result = CliRunner().invoke(main, ["--lang", "en", "validate", str(instance)])
    assert result.exit_code == 1
    assert "Broken.txt, column 'MaxTotalMinutes', line 12" in result.output
