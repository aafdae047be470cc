"""gap_bound(): the gaps no rota can avoid, on units whose answer is known by hand."""

from __future__ import annotations

import pytest

from models.unit import Unit
from rota.bound import gap_bound
from rota.params import SolveParams
from rota.rules.hours import rotates
from tests.rota.conftest import rota_of, three_shift_unit, two_shift_unit

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


def nights_wanted() -> Unit:
    """One week, a night N (10 h, 9 in the night window) wanted every day, a day D (7,5 h)
    not wanted; Kari at 83 % with the three-shift credit: 28,5-30,5 h a week. Three nights
    (30 h) keep her band out of three-shift turnus; a day and two nights (27,5 h, counted 29,1 h
    with the credit, capped at 35,5/33,6) keep it in; four nights or more do not fit."""
    unit = three_shift_unit()
    data = unit.model_dump(mode="json")
    data["employees"][0]["position_pct"] = 83
    data["demand"] = [{"shift": "D", "min": 0}, {"shift": "N", "min": 1}]
    return Unit.model_validate(data)


def test_with_the_credit_the_bound_keeps_the_found_rotas_three_shift_statuses() -> None:
    """Without a rota: the fewest gaps are 4 nights of 10 h (Kari on three nights). From a rota
    with Kari in three-shift turnus: 5 nights, the fewest with her in it (who is in three-shift
    turnus is part of the plan, and the search keeps it)."""
    unit = nights_wanted()
    free = gap_bound(unit, PARAMS)
    assert free is not None
    assert free.exact
    assert free.unavoidable_hours_per_week == pytest.approx(40)
    kept = gap_bound(unit, PARAMS, found=rota_of(unit, {"kari": "DNN...."}))
    assert kept is not None
    assert kept.exact
    assert kept.unavoidable_hours_per_week == pytest.approx(50)
    assert kept.fewest_rota is not None
    assert rotates(unit, kept.fewest_rota.assignments["kari"])
