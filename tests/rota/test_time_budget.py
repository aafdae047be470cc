"""TimeBudget: one clock per solve, its shares measured from the start, none in deterministic
mode."""

from __future__ import annotations

import time

from rota.params import SolveParams
from rota.time_budget import TimeBudget


def test_a_share_is_measured_from_the_start() -> None:
    """Twenty seconds into a 60 s solve, half the limit is ten seconds away and has not passed."""
    budget = TimeBudget(60.0, deterministic=False, started=time.monotonic() - 20)
    assert 9.0 < budget.until(0.5) <= 10.0
    assert not budget.expired(0.5)
    assert budget.expired(0.3)
    assert 39.0 < budget.left() <= 40.0


def test_an_overrun_share_leaves_nothing_but_the_last_second() -> None:
    """Past the limit, no share is left, and a stage starting now still gets one second."""
    budget = TimeBudget(10.0, deterministic=False, started=time.monotonic() - 30)
    assert budget.until(0.8) == 0.0
    assert budget.left() == 1.0
    assert budget.expired()


def test_deterministic_mode_never_watches_the_clock() -> None:
    """In deterministic mode an hour on the clock changes nothing: every share is its part of
    the limit as work, and nothing expires."""
    budget = TimeBudget(10.0, deterministic=True, started=time.monotonic() - 3600)
    assert budget.elapsed() == 0.0
    assert budget.until(0.5) == 5.0
    assert budget.left() == 10.0
    assert not budget.expired()
    assert budget.wall() >= 3600


def test_the_budget_of_a_solve_takes_its_limit_and_mode() -> None:
    """A solve's budget is its parameters' limit, in its mode."""
    budget = TimeBudget.of(SolveParams(time_limit_s=7, deterministic=True))
    assert (budget.limit_s, budget.deterministic) == (7, True)


def test_grants_share_out_what_is_left_of_the_work_in_deterministic_mode() -> None:
    """Stages run one after the other each take their part of the work not yet granted: a tenth
    of 10, then half of the 9 left, then all of the 4.5 left; never below a second."""
    budget = TimeBudget(10.0, deterministic=True)
    assert budget.grant(0.1) == 1.0
    assert budget.grant(0.5) == 4.5
    assert budget.grant(1.0) == 4.5
    assert budget.grant(1.0) == 1.0


def test_grants_on_the_clock_take_a_part_of_the_time_left() -> None:
    """On the clock a grant is its part of what the clock leaves, whatever was granted before."""
    budget = TimeBudget(60.0, deterministic=False, started=time.monotonic() - 30)
    assert 14.0 < budget.grant(0.5) <= 15.0
    assert 14.0 < budget.grant(0.5) <= 15.0
