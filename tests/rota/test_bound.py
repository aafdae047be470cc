"""gap_bound(): the gaps no rota can avoid, on units whose answer is known by hand."""

from __future__ import annotations

import pytest

from models.unit import Unit
from rota.bound import gap_bound
from rota.params import SolveParams
from tests.rota.conftest import two_shift_unit

PARAMS = SolveParams(gap_bound_s=2)


def one_person_every_day(shifts: float) -> Unit:
    """One week, a day shift D (7.5 h) wanted every day by one person; Kari works exactly
    `shifts` shifts and Ola none: 7 - shifts day shifts of 7.5 h can never be covered."""
    data = two_shift_unit()
    data["demand"] = [{"shift": "D", "min": 1}]
    data["employees"][0]["rules"] = {"min_hours": 7.5 * shifts, "max_hours": 7.5 * shifts}
    data["employees"][1]["rules"] = {"min_hours": 0, "max_hours": 0}
    return Unit.model_validate(data)


@pytest.mark.parametrize("shifts", [2, 5])
def test_the_bound_is_the_hours_nobody_can_give(shifts: int) -> None:
    """Kari alone on 2 (or 5) of 7 day shifts: (7 - shifts) x 7.5 h a week are unavoidable, and
    a rota with exactly that many is found, so the figure is exact."""
    bound = gap_bound(one_person_every_day(shifts), PARAMS)
    assert bound is not None
    assert bound.unavoidable_hours_per_week == pytest.approx((7 - shifts) * 7.5)
    assert bound.exact


def test_a_missing_language_counts_as_a_gap() -> None:
    """A North Sami speaker wanted on every day shift, and nobody who speaks it: 7 x 7.5 h a
    week of language gaps on top of none in heads."""
    data = two_shift_unit()
    data["employees"][0]["languages"] = []
    data["demand"] = [{"shift": "D", "min": 0, "target": 1, "language_min": {"se": 1}}]
    bound = gap_bound(Unit.model_validate(data), PARAMS)
    assert bound is not None
    assert bound.unavoidable_hours_per_week == pytest.approx(7 * 7.5)
