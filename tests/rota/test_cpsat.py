"""CP-SAT's run of a built model: the watch that stops a stalled search, local search first."""

from __future__ import annotations

import threading
import time

from ortools.sat.python import cp_model

from models.unit import Unit
from rota.check import check
from rota.cpsat import Progress, _Listener, _Watch, run_solver
from rota.findings import FindingKind
from rota.model import build_model, rota_from
from rota.params import SolveParams
from rota.result import Status
from tests.rota.conftest import two_shift_unit


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


def test_progress_counts_the_open_gaps_as_the_audit_does() -> None:
    """Each rota a search reports comes with its open gaps, the number of gap findings the
    audit gives that rota (cover, competence and language alike)."""
    data = two_shift_unit()
    data["demand"] = [
        {"shift": "D", "min": 2, "target": 2, "language_min": {"se": 1}},
        {"shift": "A", "min": 1, "target": 1, "competence_min": {"SPL": 1}},
    ]
    unit = Unit.model_validate(data)
    ctx = build_model(unit, SolveParams(deterministic=True, time_limit_s=5))
    seen: list[Progress] = []
    status, solver = run_solver(ctx, SolveParams(deterministic=True, time_limit_s=5), seen.append)
    assert status is Status.OPTIMAL
    gaps = [f for f in check(unit, rota_from(ctx, solver)) if f.kind is FindingKind.GAP]
    assert len(gaps) > 0
    assert seen[-1].objective == solver.objective_value
    assert seen[-1].gaps == len(gaps)
