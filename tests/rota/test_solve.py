"""solve(): statuses, named objective terms, determinism."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from models.unit import Unit
from rota.cpsat import Progress
from rota.params import SolveParams
from rota.solve import solve
from tests.rota.conftest import two_shift_unit


def test_deterministic_mode_gives_the_same_rota_twice() -> None:
    """One worker and a fixed seed: two runs, one rota."""
    unit = Unit.model_validate(two_shift_unit())
    params = SolveParams(deterministic=True, time_limit_s=10)
    first, second = solve(unit, params), solve(unit, params)
    assert first.rota is not None
    assert first.rota == second.rota
    assert first.objective == second.objective


def test_objective_is_the_sum_of_named_terms() -> None:
    """The objective reported equals the sum of its named terms, and progress is reported."""
    unit = Unit.model_validate(two_shift_unit())
    seen: list[Progress] = []
    result = solve(unit, SolveParams(deterministic=True, time_limit_s=10), progress=seen.append)
    assert result.objective == sum(result.terms.values())
    assert seen
    assert seen[-1].objective == result.objective
    assert result.gap == 0.0


def test_deterministic_across_processes() -> None:
    """Two processes with different hash seeds build the same model and find the same rota."""
    script = (
        "from models.unit import Unit\n"
        "from rota.params import SolveParams\n"
        "from rota.solve import solve\n"
        "from tests.rota.conftest import two_shift_unit\n"
        "data = two_shift_unit(min_consecutive_days_off=2)\n"
        "data['weeks'] = 2\n"
        "data['demand'] = [{'shift': 'D', 'min': 1}, {'shift': 'A', 'min': 1}]\n"
        "r = solve(Unit.model_validate(data), SolveParams(deterministic=True, time_limit_s=5))\n"
        "print(r.rota.assignments if r.rota else None)\n"
    )
    # Both at once: each spends most of its time importing.
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=Path(__file__).parents[2],
        )
        for seed in ("1", "2")
    ]
    outputs = set()
    for process in processes:
        stdout, _ = process.communicate(timeout=120)
        assert process.returncode == 0
        outputs.add(stdout)
    assert len(outputs) == 1
    assert outputs.pop().startswith("{")
