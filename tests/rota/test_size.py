"""A unit whose model would not fit in memory, or not be built in its time limit, is refused in
words before anything is built."""

from __future__ import annotations

import math
import pickle
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cli.main import main
from models.demo import demo_unit
from models.problems import InputError
from models.unit import Unit
from rota.params import SolveParams
from rota.size import (
    check_fits,
    check_time,
    estimated_peak_mib,
    least_time_limit_s,
    most_shift_variables,
    shift_variables,
)
from rota.solve import solve
from tests.rota.conftest import two_shift_unit


def _crowd(staff: int) -> dict[str, object]:
    """The two-shift unit over six weeks with `staff` people, no demand beyond its own."""
    data = two_shift_unit()
    data["weeks"] = 6
    data["employees"] = [
        {"id": f"p{n}", "competence": "HFA", "position_pct": 50} for n in range(staff)
    ]
    return data


def test_shift_variables_are_staff_times_days_times_shift_types() -> None:
    """Two people over one week with two shift types: 28 shift choices; the estimate grows with
    them, and as many as fit are below the cap."""
    unit = Unit.model_validate(two_shift_unit())
    assert shift_variables(unit) == 2 * 7 * 2
    bigger = Unit.model_validate(_crowd(50))
    assert estimated_peak_mib(bigger) > estimated_peak_mib(unit)
    assert most_shift_variables(1000) < most_shift_variables(2000)


def test_a_unit_over_the_cap_is_refused_with_what_fits() -> None:
    """Over the cap: an InputError that names staff, days, shift types and how many staff fit,
    in both languages; under it, nothing is raised."""
    unit = Unit.model_validate(_crowd(40))
    check_fits(unit)
    cap = estimated_peak_mib(unit) - 1
    with pytest.raises(InputError) as raised:
        check_fits(unit, cap_mib=cap)
    problem = raised.value.problems[0]
    assert problem.code == "too_large"
    assert "40 ansatte × 42 dager × 2 vakttyper" in problem.message("nb")
    fits = most_shift_variables(cap) // (42 * 2)
    assert f"høyst {fits} ansatte" in problem.message("nb")
    assert "40 staff × 42 days × 2 shift types" in problem.message("en")


def test_the_refusal_crosses_a_process_whole() -> None:
    """Raised in a worker process, the refusal reaches the parent with its problems intact."""
    unit = Unit.model_validate(_crowd(3))
    with pytest.raises(InputError) as raised:
        check_fits(unit, cap_mib=1)
    again = pickle.loads(pickle.dumps(raised.value))
    assert again.problems == raised.value.problems


def test_solve_refuses_before_building_anything() -> None:
    """A unit of 20 000 people is refused by solve at once, not after minutes and gigabytes."""
    unit = Unit.model_validate(_crowd(20_000))
    started = time.monotonic()
    with pytest.raises(InputError):
        solve(unit, SolveParams(time_limit_s=10))
    assert time.monotonic() - started < 5


def test_the_cli_says_so_and_exits_1(tmp_path: Path) -> None:
    """`rota solve` on a unit far too large: exit 1, the reason in words, no traceback, no
    output file."""
    source = tmp_path / "stor.yaml"
    source.write_text(yaml.safe_dump(_crowd(4_000)), encoding="utf-8")
    out = tmp_path / "turnus.xlsx"
    result = CliRunner().invoke(main, ["solve", str(source), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "for stor" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_time_limit_shorter_than_the_build_is_refused_in_words() -> None:
    """A limit shorter than building the model twice is refused before anything is built, with
    the size in words and the least limit to use; a longer one, or deterministic mode, passes."""
    unit = demo_unit("sykehjem")
    least = least_time_limit_s(unit)
    assert least > 0
    with pytest.raises(InputError) as refused:
        check_time(unit, SolveParams(time_limit_s=least / 2))
    problem = refused.value.problems[0]
    assert problem.code == "time_limit_too_short"
    assert f"{len(unit.employees)} ansatte" in problem.message_nb
    assert f"--time-limit {math.ceil(least)}" in problem.message_nb
    check_time(unit, SolveParams(time_limit_s=least))
    check_time(unit, SolveParams(time_limit_s=least / 2, deterministic=True))


def test_solve_refuses_a_time_limit_it_cannot_keep() -> None:
    """solve() itself refuses, before any search, a time limit too short for the unit."""
    unit = demo_unit("sykehjem")
    with pytest.raises(InputError):
        solve(unit, SolveParams(time_limit_s=least_time_limit_s(unit) / 2))
