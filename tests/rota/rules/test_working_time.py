"""Weekly rest and hours per 7 days: the model keeps them; the audit finds breaches by hand."""

from __future__ import annotations

from typing import Any

from models.unit import Unit
from rota.check import check
from rota.params import SolveParams
from rota.solve import solve
from tests.rota.conftest import rota_of, two_shift_unit


def breaches(unit: Unit, rows: dict[str, str], rule: str) -> list[int | None]:
    return [f.day for f in check(unit, rota_of(unit, rows)) if f.rule == rule]


def two_week_unit(**rules: Any) -> Unit:
    data = two_shift_unit(
        whole_weekends=False, weekend_every=1, sunday_rule=False, max_consecutive_days=7, **rules
    )
    data["weeks"] = 2
    return Unit.model_validate(data)


def test_audit_weekly_rest_needs_35_hours_in_each_week() -> None:
    """Work every day of week 1 (and the Sunday before) leaves 16.5 h rests; two days off suffice."""
    unit = two_week_unit()
    assert breaches(unit, {"kari": "DDDDDDD" + "DDDD..D"}, "ukehvile") == [0]
    # D Friday 15:00 to D Sunday 07:30 is 40.5 h: weekly rest kept in both weeks.
    assert breaches(unit, {"kari": "DDDDD.D" + "DDDD..."}, "ukehvile") == []


def test_weekly_rest_crossing_into_the_week_counts_whole() -> None:
    """A rest from Saturday of week 1 into Monday of week 2 counts for week 2 with its full length."""
    unit = two_week_unit(cyclic=False)
    # Week 2 is worked Tuesday to Sunday; its rest is the one that began on Friday in week 1.
    assert breaches(unit, {"kari": "DDDD..." + ".DDDDDD"}, "ukehvile") == []


def test_model_keeps_weekly_rest_under_pressure() -> None:
    """With demand every day for one person, the solver leaves a long enough rest each week."""
    data = two_shift_unit(
        whole_weekends=False, weekend_every=1, sunday_rule=False, max_consecutive_days=7
    )
    data["employees"] = data["employees"][:1]
    data["demand"] = [{"shift": "D", "min": 1}]
    unit = Unit.model_validate(data)
    result = solve(unit, SolveParams(deterministic=True, time_limit_s=10))
    assert result.rota is not None
    assert [f for f in check(unit, result.rota) if f.kind == "breach"] == []
    assert result.rota.assignments["kari"].count(None) >= 1


def test_hours_in_seven_days() -> None:
    """Six 7.5 h shifts make 45 h: above a 40 h limit in the audit, and never planned."""
    unit = two_week_unit(max_hours_per_7_days=40)
    assert breaches(unit, {"kari": "DDDDDD." + "......."}, "arbeidstid per 7 dager") != []
    assert breaches(unit, {"kari": "DDDDD.." + "DDDDD.."}, "arbeidstid per 7 dager") == []
    data = two_shift_unit(
        max_hours_per_7_days=40, max_consecutive_days=7, whole_weekends=False, weekend_every=1
    )
    data["employees"] = data["employees"][:1]
    data["demand"] = [{"shift": "D", "min": 1}]
    result = solve(Unit.model_validate(data), SolveParams(deterministic=True, time_limit_s=10))
    assert result.rota is not None
    assert sum(code is not None for code in result.rota.assignments["kari"]) <= 5
