"""The other unit shapes of the scaling series: each what its name says, and each balanced, so
that the gaps a rota has are the search's, not the unit's."""

from __future__ import annotations

import pytest

from bench.shapes import SERIES, Shape, shape_unit, shape_unit_data
from models.capacity import unit_warnings
from models.clock import SATURDAY, SUNDAY


@pytest.mark.parametrize("shape", SERIES, ids=[s.label for s in SERIES])
def test_every_shape_of_the_series_is_balanced(shape: Shape) -> None:
    """The staff's hours, weekend heads, competences and languages meet each shape's demand:
    no capacity warning."""
    unit = shape_unit(shape)
    assert len(unit.employees) == shape.size
    assert unit.weeks == shape.weeks
    assert unit_warnings(unit) == []


def test_same_arguments_give_the_same_shape() -> None:
    """A shape is a function of its kind, size, weeks and seed."""
    shape = Shape("hjemmetjeneste", 40, 9)
    assert shape_unit_data(shape, 1) == shape_unit_data(shape, 1)
    assert shape_unit_data(shape, 1) != shape_unit_data(shape, 2)


def test_langvakt_works_long_days_every_second_weekend() -> None:
    """The langvakt shape has L 08:00-20:00 in place of the day shift on weekends, D on weekdays
    only, and every 2nd weekend worked."""
    unit = shape_unit(Shape("langvakt", 40, 8))
    assert unit.shift("L").worked_minutes == 12 * 60
    weekend = {SATURDAY, SUNDAY}
    long_days = [row for row in unit.demand if row.shift == "L"]
    assert long_days
    assert all(set(row.weekdays) == weekend for row in long_days)
    assert all(not set(row.weekdays) & weekend for row in unit.demand if row.shift == "D")
    assert unit.rules.weekend_every == 2


def test_five_shift_types_each_with_demand() -> None:
    """The five-shift shape has D, A, N, M and K, and demand on each."""
    unit = shape_unit(Shape("fem-vakter", 40, 9))
    codes = [shift.code for shift in unit.shift_types]
    assert codes == ["D", "A", "N", "M", "K"]
    assert {row.shift for row in unit.demand} == set(codes)


def test_home_care_has_quick_returns_and_lule_sami() -> None:
    """Home care has no night, an evening ending 22:30 before a day at 07:30 (9 h, a quick
    return allowed up to six times), and Lule Sami wanted on the day besides North Sami, with
    speakers of both."""
    unit = shape_unit(Shape("hjemmetjeneste", 40, 9))
    assert [shift.code for shift in unit.shift_types] == ["D", "A"]
    assert unit.rules.max_quick_returns == 6
    assert unit.rules.quick_return_min_rest_h == 9
    day_rows = [row for row in unit.demand if row.shift == "D"]
    assert all(row.language_min.get("smj") == 1 for row in day_rows)
    assert any("smj" in e.languages for e in unit.employees)
    assert any("se" in e.languages for e in unit.employees)
    assert all(e.allowed_shifts != ("N",) for e in unit.employees)


def test_habilitering_wants_a_vernepleier_on_every_day_and_evening() -> None:
    """A third of the sykepleiere are vernepleiere, who may fill a helsefagarbeider's place, and
    every day and evening row of the series' 70-staff unit wants one."""
    unit = shape_unit(Shape("habilitering", 70, 12))
    vernepleiere = [e for e in unit.employees if e.competence == "VPL"]
    assert vernepleiere
    assert unit.can_fill("VPL", "HFA")
    rows = [row for row in unit.demand if row.shift in ("D", "A")]
    assert all(row.competence_min.get("VPL", 0) >= 1 for row in rows)
