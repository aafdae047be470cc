"""Fairness: nights and weekends are spread among comparable staff; lone work days are avoided."""

from __future__ import annotations

from models.unit import Unit
from rota.params import SolveParams
from rota.solve import solve
from tests.rota.conftest import two_shift_unit


def test_nights_are_shared_between_comparable_staff() -> None:
    """Two helsefagarbeidere and four nights to cover: two nights each, not four and none."""
    data = two_shift_unit(whole_weekends=False, weekend_every=1, sunday_rule=False)
    data["shift_types"][1] = {"code": "N", "start": "21:45", "end": "07:45"}
    data["employees"][0]["competence"] = "HFA"
    data["demand"] = [{"shift": "N", "weekdays": [0, 1, 3, 4], "min": 1}]
    unit = Unit.model_validate(data)
    result = solve(unit, SolveParams(deterministic=True, time_limit_s=10))
    assert result.rota is not None
    nights = [result.rota.assignments[e.id].count("N") for e in unit.employees]
    assert nights == [2, 2]
    assert result.terms.get("night_spread", 0) == 0


def test_lone_work_days_are_avoided() -> None:
    """Two day shifts for one person land next to each other, not with a day off between."""
    data = two_shift_unit()
    data["employees"] = data["employees"][:1]
    data["employees"][0]["rules"] = {"min_hours": 15, "max_hours": 15}
    data["demand"] = [{"shift": "D", "weekdays": [0, 1, 2, 3, 4], "min": 0, "target": 1}]
    unit = Unit.model_validate(data)
    result = solve(unit, SolveParams(deterministic=True, time_limit_s=10))
    assert result.rota is not None
    row = "".join(code or "." for code in result.rota.assignments["kari"])
    assert "DD" in row
    assert result.terms.get("isolated_days", 0) == 0
