"""Ctrl+C stops a CP-SAT search at once, and the search is over when the interrupt is raised."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from ortools.sat.python import cp_model

from rota import interruptible
from rota.interruptible import new_solver, solve_interruptibly, stopped_with_main


def hard_model() -> cp_model.CpModel:
    """A pigeonhole problem (13 pigeons, 12 holes): infeasible, and far beyond a minute to prove
    so without symmetry breaking."""
    model = cp_model.CpModel()
    pigeons, holes = 13, 12
    x = [[model.new_bool_var("") for _ in range(holes)] for _ in range(pigeons)]
    for row in x:
        model.add_exactly_one(row)
    for hole in range(holes):
        model.add_at_most_one(x[p][hole] for p in range(pigeons))
    return model


def test_ctrl_c_stops_the_search_and_leaves_no_search_running() -> None:
    """SIGINT half a second into a search with a minute's limit raises KeyboardInterrupt within
    seconds, with no search thread left behind; CP-SAT's own catch of SIGINT is off."""
    solver = new_solver()
    assert solver.parameters.catch_sigint_signal is False
    solver.parameters.max_time_in_seconds = 60
    solver.parameters.num_workers = 1
    solver.parameters.symmetry_level = 0
    # A CP-SAT solve that catches SIGINT itself (any solver made without `new_solver`, as some
    # tests make) leaves the default action behind it, which would end the test run: Python's
    # own handler is put back for this test.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
    started = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            solve_interruptibly(solver, hard_model())
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    assert time.monotonic() - started < 30
    assert not [t for t in threading.enumerate() if t.name == "cp-sat"]


def test_a_search_that_ends_returns_its_status() -> None:
    """Without an interrupt the status comes back as from `solve`."""
    model = cp_model.CpModel()
    x = model.new_int_var(0, 3, "x")
    model.maximize(x)
    assert solve_interruptibly(new_solver(), model) == cp_model.OPTIMAL


@pytest.fixture
def stopping_cleared() -> Iterator[None]:
    """`stop_all` marks the whole process as stopping; cleared after the test."""
    yield
    interruptible._STOPPING.clear()


@pytest.mark.usefixtures("stopping_cleared")
def test_ctrl_c_on_the_main_thread_stops_the_searches_of_its_pool() -> None:
    """A main thread interrupted while a pool's thread searches for a minute leaves the pool
    within seconds: the thread's search is stopped, not waited out."""
    solver = new_solver()
    solver.parameters.max_time_in_seconds = 60
    solver.parameters.num_workers = 1
    solver.parameters.symmetry_level = 0
    started = time.monotonic()
    futures = []

    def interrupted_while_the_pool_searches() -> None:
        with ThreadPoolExecutor(max_workers=1) as pool, stopped_with_main():
            futures.append(pool.submit(solve_interruptibly, solver, hard_model()))
            time.sleep(0.5)
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted_while_the_pool_searches()
    assert time.monotonic() - started < 30
    assert isinstance(futures[0].exception(), KeyboardInterrupt)
