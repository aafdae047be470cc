"""Runs of days and nights: maxima, days off after nights, minimum days off."""

from __future__ import annotations

from typing import Any

from models.unit import Unit
from rota.check import check
from rota.params import SolveParams
from rota.rules.timeline import runs
from rota.solve import solve
from tests.rota.conftest import rota_of, two_shift_unit


def night_unit(**rules: Any) -> Unit:
    """Two weeks with a day shift and a night shift, no weekend rules in the way."""
    data = two_shift_unit(whole_weekends=False, weekend_every=1, sunday_rule=False, **rules)
    data["weeks"] = 2
    data["shift_types"][1] = {"code": "N", "start": "21:45", "end": "07:45"}
    data["demand"] = [{"shift": "D", "min": 0, "target": 1}, {"shift": "N", "min": 0, "target": 1}]
    for employee in data["employees"]:
        employee["rules"] = {"min_hours": 0, "max_hours": 90}
    return Unit.model_validate(data)


def rules_of(unit: Unit, rows: dict[str, str]) -> list[str]:
    return sorted(f.rule for f in check(unit, rota_of(unit, rows)) if f.kind == "breach")


def test_runs_wrap_and_open_edges() -> None:
    """A run over the end of a cyclic rota is one run; in a dated plan it touches the edge."""
    flags = [True, True, False, False, True]
    assert [(r.start, r.length) for r in runs(flags, cyclic=True)] == [(4, 3)]
    dated = runs(flags, cyclic=False)
    assert [(r.start, r.length, r.touches_edge) for r in dated] == [(0, 2, True), (4, 1, True)]


def test_audit_run_rules() -> None:
    """Six days in a row, four nights in a row, a day shift right after nights, one lone day off."""
    unit = night_unit(min_consecutive_days_off=2)
    assert rules_of(unit, {"kari": "DDDDDD." + "......."}) == ["dager på rad"]
    assert rules_of(unit, {"kari": "NNNN..." + "......."}) == ["netter på rad"]
    assert rules_of(unit, {"kari": "DD.DD.." + "......."}) == ["fridager på rad"]
    assert rules_of(unit, {"kari": "NNN..DD" + "D......"}) == []
    assert rules_of(night_unit(), {"kari": "NNN.D.." + "......."}) == ["fri etter natt"]


def test_dated_plan_edges_are_exempt_from_minimum_days_off() -> None:
    """A lone day off on the first day of a dated plan may be part of a longer run before it."""
    unit = night_unit(min_consecutive_days_off=2, cyclic=False)
    assert rules_of(unit, {"kari": ".DDDD.." + "DDDD..."}) == []


def test_model_keeps_run_rules_under_pressure() -> None:
    """Asked for a night every night, the solver keeps runs, rest after nights and days off."""
    data = two_shift_unit(
        whole_weekends=False, weekend_every=1, sunday_rule=False, min_consecutive_days_off=2
    )
    data["weeks"] = 2
    data["shift_types"][1] = {"code": "N", "start": "21:45", "end": "07:45"}
    data["employees"] = data["employees"][:1]
    data["employees"][0]["rules"] = {"min_hours": 0, "max_hours": 90}
    # Nights weigh more (a minimum) than days (a target): the solver wants as many as allowed.
    data["demand"] = [{"shift": "D", "min": 0, "target": 1}, {"shift": "N", "min": 1}]
    unit = Unit.model_validate(data)
    result = solve(unit, SolveParams(deterministic=True, time_limit_s=10))
    assert result.rota is not None
    assert [f for f in check(unit, result.rota) if f.kind == "breach"] == []
    assert any(code == "N" for code in result.rota.assignments["kari"])
