"""When the hard rules conflict, the result says which, in words."""

from __future__ import annotations

from models.unit import Unit
from rota.params import SolveParams
from rota.result import Status
from rota.solve import solve
from tests.rota.conftest import two_shift_unit

HARD = SolveParams(deterministic=True, time_limit_s=10, hard_cover=True)


def test_short_of_sami_speakers_in_hard_mode() -> None:
    """Two North Sami speakers needed, one on the staff: the explanation names the Sami rule."""
    data = two_shift_unit()
    data["demand"] = [{"shift": "D", "weekdays": [0], "min": 2, "language_min": {"se": 2}}]
    result = solve(Unit.model_validate(data), HARD)
    assert result.status is Status.INFEASIBLE
    text = " ".join(line.text("nb") for line in result.explanation)
    assert "nordsamisk" in text
    assert "sameloven § 3-5" in text
    assert "1 ansatte snakker nordsamisk" in text
    assert "North Sami" in " ".join(line.text("en") for line in result.explanation)


def test_hours_that_cannot_fit_name_the_employee() -> None:
    """45 h in a week with at most 5 days in a row of 7.5 h shifts is impossible: Kari's hours are
    named in the explanation."""
    data = two_shift_unit(max_consecutive_days=5)
    data["employees"][0]["rules"] = {"min_hours": 45, "max_hours": 45}
    result = solve(Unit.model_validate(data), SolveParams(deterministic=True, time_limit_s=10))
    assert result.status is Status.INFEASIBLE
    assert result.rota is None
    assert [line.text("nb") for line in result.explanation] == [
        "kari (40 %): timer i turnusen (stilling ± toleranse) og maks arbeidsdager på rad går"
        " ikke sammen."
    ]
