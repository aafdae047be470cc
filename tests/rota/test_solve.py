"""solve(): statuses, named objective terms, determinism."""

from __future__ import annotations

from models.unit import Unit
from rota.params import SolveParams
from rota.solve import Progress, solve
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
