"""solve(): statuses, named objective terms, determinism."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from ortools.sat.python import cp_model

from models.unit import Unit
from rota.check import check
from rota.params import SolveParams
from rota.result import Status
from rota.solve import (
    Progress,
    _Listener,
    _Watch,
    build_model,
    rota_from,
    run_solver,
    solve,
)
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
    outputs = set()
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=Path(__file__).parents[2],
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert outputs.pop().startswith("{")


class _StopRecorder(cp_model.CpSolver):
    """A solver whose stop is only recorded (the watch is tested without a search)."""

    def __init__(self) -> None:
        super().__init__()
        self.stopped = threading.Event()

    def stop_search(self) -> None:
        self.stopped.set()


def test_stall_watch_waits_for_an_objective_at_or_below_stall_from() -> None:
    """A search long without improvement is not stopped while its best is above `stall_from`
    (a repair short of its goal), and is stopped once its best reaches it."""
    solver = _StopRecorder()
    listener = _Listener(None, 0.0)
    listener.found, listener.best = True, 50.0
    listener.improved_at = time.monotonic() - 100
    watch = _Watch(solver, listener, give_up_after=None, stall_s=0.1, stall_from=10.0)
    watch.start()
    try:
        assert not solver.stopped.wait(1.0)
        listener.best = 10.0
        assert solver.stopped.wait(5.0)
    finally:
        watch.stop()


def test_local_search_first_finds_a_legal_rota_and_still_proves_none_exists() -> None:
    """A first-rota search with local search first returns a rota the checker passes (the same
    twice in deterministic mode), and with more cover asked than there are staff the complete
    search after it still proves that no rota exists."""
    data = two_shift_unit()
    data["demand"] = [{"shift": "D", "min": 1}, {"shift": "A", "min": 0, "target": 1}]
    unit = Unit.model_validate(data)
    params = SolveParams(
        deterministic=True, time_limit_s=5, first_rota_only=True, hard_cover=True, explain=False
    )
    rotas = []
    for _ in range(2):
        ctx = build_model(unit, params)
        status, solver = run_solver(ctx, params, local_search_first=True)
        assert status.has_rota
        rotas.append(rota_from(ctx, solver))
    assert rotas[0] == rotas[1]
    assert check(unit, rotas[0]) == []

    data["demand"] = [{"shift": "D", "min": 3}]
    crowded = Unit.model_validate(data)
    status, _ = run_solver(build_model(crowded, params), params, local_search_first=True)
    assert status is Status.INFEASIBLE
