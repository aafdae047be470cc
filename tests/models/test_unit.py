"""The Unit as a whole: lookups, cover chains, rules per employee, reference checks."""

from __future__ import annotations

from typing import Any

import pytest

from models.problems import InputError
from models.unit import Unit
from tests.conftest import tiny_unit_data


def problems_of(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(InputError) as caught:
        Unit.model_validate(data)
    return [(problem.code, ".".join(map(str, problem.path))) for problem in caught.value.problems]


def test_covers_is_transitive(ward: Unit) -> None:
    """A sykepleier covers helsefagarbeider and, through it, assistent; never the other way."""
    assert ward.can_fill("SPL", "ASS")
    assert ward.can_fill("HFA", "ASS")
    assert not ward.can_fill("HFA", "SPL")
    assert not ward.can_fill("ASS", "HFA")


def test_rules_for_employee_overrides(tiny_unit: Unit) -> None:
    """An employee's own rule replaces the unit's; the others stay."""
    data = tiny_unit_data()
    data["employees"][0]["rules"] = {"weekend_every": 2}
    unit = Unit.model_validate(data)
    rules = unit.rules_for(unit.employees[0])
    assert rules.weekend_every == 2
    assert rules.daily_rest_h == unit.rules.daily_rest_h
    assert unit.rules_for(unit.employees[1]).weekend_every == 3


def test_contracted_hours_and_bounds(tiny_unit: Unit) -> None:
    """Position x 35.5 h x weeks, with ±0.5 h per week of tolerance."""
    cato = tiny_unit.employee("c")
    assert tiny_unit.contracted_minutes(cato) == pytest.approx(0.8 * 35.5 * 60)
    low, high = tiny_unit.hours_bounds_minutes(cato)
    assert (low, high) == pytest.approx((0.8 * 35.5 * 60 - 30, 0.8 * 35.5 * 60 + 30))


def test_explicit_hour_bounds_replace_tolerance() -> None:
    """min_hours/max_hours over the rota replace the position's tolerance."""
    data = tiny_unit_data()
    data["employees"][1]["rules"] = {"min_hours": 10, "max_hours": 20}
    unit = Unit.model_validate(data)
    assert unit.hours_bounds_minutes(unit.employees[1]) == (600, 1200)


def test_demand_lookup(tiny_unit: Unit) -> None:
    """Each day and shift finds its own demand row; weekends the weekend row."""
    weekday = tiny_unit.demand_on(2, "D")
    saturday = tiny_unit.demand_on(5, "D")
    assert weekday is not None
    assert weekday.min == 2
    assert saturday is not None
    assert saturday.wanted == 2


def test_every_unresolved_reference_is_reported() -> None:
    """Unknown shift, competence, language-free ids and out-of-range days are all named at once."""
    data = tiny_unit_data()
    data["employees"][1]["competence"] = "VPL"
    data["employees"][2]["allowed_shifts"] = ["A"]
    data["employees"][0]["unavailable_days"] = [9]
    data["demand"][2]["shift"] = "L"
    data["shift_types"][0]["forbidden_next"] = ["Q"]
    found = problems_of(data)
    assert ("unknown_competence", "employees.1.competence") in found
    assert ("unknown_shift", "employees.2.allowed_shifts") in found
    assert ("day_out_of_range", "employees.0.unavailable_days.0") in found
    assert ("unknown_shift", "demand.2.shift") in found
    assert ("unknown_shift", "shift_types.0.forbidden_next") in found


def test_start_date_must_be_monday() -> None:
    """A rota starts on a Monday, so weekdays follow from day numbers."""
    data = tiny_unit_data()
    data["start_date"] = "2027-01-05"  # a Tuesday
    assert ("start_not_monday", "start_date") in problems_of(data)
    data["start_date"] = "2027-01-04"
    assert Unit.model_validate(data).start_date is not None


def test_shift_longer_than_daily_maximum() -> None:
    """A 13-hour shift breaks the 12.5 h daily maximum of AML § 10-5 (2)."""
    data = tiny_unit_data()
    data["shift_types"][0]["end"] = "20:00"
    assert ("shift_too_long", "shift_types.0.end") in problems_of(data)


def test_pin_on_unavailable_day() -> None:
    """A fixed shift on a day the person cannot work is a contradiction."""
    data = tiny_unit_data()
    data["employees"][0]["unavailable_days"] = [3]
    data["employees"][0]["pins"] = [{"day": 3, "shift": "D"}]
    assert ("pin_on_unavailable_day", "employees.0.pins.0.day") in problems_of(data)


def test_units_are_immutable(tiny_unit: Unit) -> None:
    """A validated unit cannot be changed behind the validator's back."""
    with pytest.raises(Exception, match="frozen"):
        tiny_unit.weeks = 3  # type: ignore[misc]
