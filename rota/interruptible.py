"""A CP-SAT solve that Ctrl+C stops at once, and no other way round.

CP-SAT catches SIGINT itself by default and ends only the running search, as if its time were up,
so the next stage started and a press seemed ignored; a Python handler, for its part, waits while
the main thread is inside a C++ solve. Here CP-SAT leaves the signal to Python, and a long solve
runs in a thread of its own while the main thread waits in Python.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ortools.sat.python import cp_model

# Searches running off the main thread, and whether Ctrl+C has asked every search to stop.
_RUNNING: set[cp_model.CpSolver] = set()
_LOCK = threading.Lock()
_STOPPING = threading.Event()


def stop_all() -> None:
    """Stop every search running off the main thread, and make every later one in this process
    raise KeyboardInterrupt at once: called by a main thread that was waiting for a solve in
    another thread when Ctrl+C came."""
    _STOPPING.set()
    with _LOCK:
        for solver in _RUNNING:
            solver.stop_search()


def check_stopped() -> None:
    """Raise KeyboardInterrupt when Ctrl+C has asked every search to stop (`stop_all`): for work
    off the main thread between its searches, where the interrupt itself never comes."""
    if _STOPPING.is_set():
        raise KeyboardInterrupt


@contextmanager
def stopped_with_main() -> Iterator[None]:
    """Around a main thread's wait for searches in other threads (a thread pool's): Ctrl+C,
    which reaches only the main thread, stops them too (`stop_all`), so that leaving the pool,
    which waits for its threads, does not wait for their time limits."""
    try:
        yield
    except KeyboardInterrupt:
        stop_all()
        raise


def new_solver() -> cp_model.CpSolver:
    """A CP-SAT solver that leaves Ctrl+C to Python: CP-SAT's own catch of SIGINT would end only
    the running search and let the next stage start, as if nothing had been pressed."""
    solver = cp_model.CpSolver()
    solver.parameters.catch_sigint_signal = False
    return solver


def solve_interruptibly(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    callback: cp_model.CpSolverSolutionCallback | None = None,
) -> cp_model.CpSolverStatus:
    """`solver.solve`, stopped at once by Ctrl+C: on the main thread the search runs in a thread
    of its own while the main thread waits in Python, where Python's SIGINT handler runs; the
    KeyboardInterrupt stops the search and is raised again once it has ended (a handler in a
    blocking C++ call would wait for the whole search)."""
    check_stopped()
    if threading.current_thread() is not threading.main_thread():
        # The main thread waits for this one (cli.render) and stops it with `stop_all`.
        with _LOCK:
            _RUNNING.add(solver)
        try:
            status = solver.solve(model, callback)
        finally:
            with _LOCK:
                _RUNNING.discard(solver)
        if _STOPPING.is_set():
            raise KeyboardInterrupt
        return status
    outcome: list[cp_model.CpSolverStatus] = []
    failure: list[BaseException] = []
    done = threading.Event()

    def search() -> None:
        try:
            outcome.append(solver.solve(model, callback))
        except BaseException as exc:  # re-raised on the main thread
            failure.append(exc)
        finally:
            done.set()

    # Waited on with an event, not `Thread.join`: a join cut short by KeyboardInterrupt leaves
    # the thread's state such that the next join returns at once (CPython 3.11), and the process
    # would end with CP-SAT still running ("terminate called without an active exception").
    threading.Thread(target=search, name="cp-sat", daemon=True).start()
    try:
        while not done.wait(0.1):
            pass
    except KeyboardInterrupt:
        solver.stop_search()
        wait_out(done)
        raise
    if failure:
        raise failure[0]
    return outcome[0]


def wait_out(done: threading.Event) -> None:
    """Wait until the stopped search has ended, whatever else is pressed meanwhile."""
    while True:
        try:
            if done.wait(0.1):
                return
        except KeyboardInterrupt:
            continue
