"""Even weeks: a part-timer's hours spread over the weeks unless something weighs more."""

from __future__ import annotations

from typing import Any

from models.unit import Unit
from rota.check import check
from rota.params import SolveParams
from rota.rules.weekly_hours import beyond_hours
from rota.solve import solve
from tests.rota.conftest import rota_of

DETERMINISTIC = SolveParams(deterministic=True, time_limit_s=10)


def _half_time(**rules: Any) -> Unit:
    """Two weeks, one 7.5 h day shift wanted every day; one person at 50 % of a 30 h week
    (15 h a week: four shifts in all) who wishes for Monday to Thursday of week 1."""
    return Unit.model_validate(
        {
            "name": "Jevne uker",
            "weeks": 2,
            "shift_types": [{"code": "D", "start": "07:30", "end": "15:00"}],
            "competences": [{"code": "HFA"}],
            "employees": [
                {
                    "id": "kari",
                    "competence": "HFA",
                    "position_pct": 50,
                    "wishes": [{"day": day, "kind": "on", "shift": "D"} for day in range(4)],
                }
            ],
            "demand": [{"shift": "D", "min": 0, "target": 1}],
            "rules": {"full_time_week_h": 30, "whole_weekends": False, **rules},
        }
    )


def _week_hours(unit: Unit) -> list[float]:
    result = solve(unit, DETERMINISTIC)
    assert result.rota is not None
    assert [f for f in check(unit, result.rota) if f.kind == "breach"] == []
    row = result.rota.assignments["kari"]
    return [7.5 * sum(code is not None for code in row[w * 7 : w * 7 + 7]) for w in range(2)]


def test_without_the_weight_the_wishes_put_every_shift_in_week_one() -> None:
    """Weight 0: the four wished-for days, 30 h in week 1 and none in week 2."""
    assert _week_hours(_half_time(uneven_week_weight=0)) == [30.0, 0.0]


def test_weight_2_spreads_the_hours_over_the_weeks() -> None:
    """Weight 2 (the default): every week within its 15 h share ± the 8 h slack (a wish or two given up
    rather than a 0-hour week)."""
    assert all(7 <= hours <= 23 for hours in _week_hours(_half_time()))


def test_beyond_hours_counts_whole_hours_past_the_slack() -> None:
    """30 h against a 15 h share with 8 h slack is 7 h beyond; 15 h is none; 0 h is 7."""
    unit = _half_time(uneven_week_weight=2)
    employee = unit.employees[0]
    rota = rota_of(unit, {"kari": "DDDD..." + "......."})
    assert [beyond_hours(unit, rota, employee, week) for week in range(2)] == [7, 7]
    even = rota_of(unit, {"kari": "DD....." + "DD....."})
    assert [beyond_hours(unit, even, employee, week) for week in range(2)] == [0, 0]
