"""Weekends: frequency, whole weekends and the Sunday rule, in the model and in the audit."""

from __future__ import annotations

from typing import Any

from models.unit import Unit
from rota.check import check
from rota.params import SolveParams
from rota.rules.weekends import weekend_windows
from rota.solve import solve
from tests.rota.conftest import rota_of, two_shift_unit


def three_week_unit(**rules: Any) -> Unit:
    data = two_shift_unit(**rules)
    data["weeks"] = 3
    return Unit.model_validate(data)


def rules_of(unit: Unit, rows: dict[str, str]) -> list[str]:
    return sorted(f.rule for f in check(unit, rota_of(unit, rows)) if f.kind == "breach")


def test_windows_wrap_in_a_cyclic_rota() -> None:
    """Every 3rd weekend over 6 weeks: each group of 3 consecutive weekends, wrapping round."""
    assert weekend_windows(6, 3, cyclic=True)[4] == [0, 4, 5]
    assert weekend_windows(6, 3, cyclic=False) == [[0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5]]
    assert weekend_windows(1, 3, cyclic=True) == [[0]]


def test_audit_weekend_rules() -> None:
    """Two weekends of three, a lone Saturday, and Sundays in a row are each named."""
    week_off = "......."
    weekend = ".....DD"
    unit = three_week_unit()
    assert rules_of(unit, {"kari": weekend + week_off + week_off}) == []
    assert rules_of(unit, {"kari": weekend + weekend + week_off}) == [
        "helgefrekvens",
        "søndagsarbeid",
    ]
    assert rules_of(unit, {"kari": ".....D." + week_off + week_off}) == ["hele helger"]


def test_model_works_every_third_weekend_whole() -> None:
    """Asked to staff every weekend with two people, the solver still gives each at most one
    weekend in three, whole, and leaves the rest as gaps."""
    data = two_shift_unit()
    data["weeks"] = 3
    data["demand"] = [{"shift": "D", "weekdays": [5, 6], "min": 2}]
    unit = Unit.model_validate(data)
    result = solve(unit, SolveParams(deterministic=True, time_limit_s=10))
    assert result.rota is not None
    assert [f for f in check(unit, result.rota) if f.kind == "breach"] == []
    for row in result.rota.assignments.values():
        worked = [row[7 * k + 5] is not None for k in range(3)]
        assert sum(worked) <= 1
    assert result.terms["under_minimum"] > 0


def dated_week(monday: str) -> Unit:
    """One dated, non-cyclic week of whole weekends from `monday`."""
    data = two_shift_unit(whole_weekends=True, cyclic=False)
    data["start_date"] = monday
    return Unit.model_validate(data)


def test_a_weekend_whose_saturday_is_a_holiday_may_be_split() -> None:
    """1 May 2027 is a Saturday: working it and not Sunday 2 May is no whole-weekend breach
    (working both would break the Sunday rule); a lone Saturday a week later still is."""
    may_day = dated_week("2027-04-26")
    assert rules_of(may_day, {"kari": ".....D."}) == []
    assert rules_of(may_day, {"kari": ".....DD"}) == ["søndagsarbeid"]
    assert rules_of(dated_week("2027-05-03"), {"kari": ".....D."}) == ["hele helger"]


def test_the_model_splits_the_may_day_weekend() -> None:
    """Demand on Saturday 1 May and Sunday 2 May, one each: both covered by two people."""
    unit = dated_week("2027-04-26")
    unit = unit.model_copy(
        update={"demand": (unit.demand[0].model_copy(update={"min": 1, "weekdays": (5, 6)}),)}
    )
    result = solve(unit, SolveParams(time_limit_s=5, deterministic=True))
    assert result.rota is not None
    for day in (5, 6):
        assert sum(result.rota.shift_on(e.id, day) == "D" for e in unit.employees) >= 1
    assert [f for f in check(unit, result.rota) if f.kind == "breach"] == []
