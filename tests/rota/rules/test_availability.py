"""Availability: pins are kept, unavailable days and disallowed shifts are never planned."""

from __future__ import annotations

from models.unit import Unit
from rota.check import check
from rota.params import SolveParams
from rota.solve import solve
from tests.rota.conftest import rota_of, two_shift_unit


def availability_unit() -> Unit:
    """Kari cannot work Monday and is pinned to A on Wednesday; Ola works only D."""
    data = two_shift_unit()
    data["employees"][0]["unavailable_days"] = [0]
    data["employees"][0]["pins"] = [{"day": 2, "shift": "A"}]
    data["employees"][1]["allowed_shifts"] = ["D"]
    data["demand"] = [{"shift": "D", "min": 2}, {"shift": "A", "min": 1}]
    return Unit.model_validate(data)


def test_model_respects_availability() -> None:
    """Under pressure to cover, the solver keeps every availability rule."""
    unit = availability_unit()
    result = solve(unit, SolveParams(deterministic=True, time_limit_s=10))
    assert result.rota is not None
    assert result.rota.shift_on("kari", 0) is None
    assert result.rota.shift_on("kari", 2) == "A"
    assert "A" not in result.rota.assignments["ola"]
    assert [f for f in check(unit, result.rota) if f.rule == "tilgjengelighet"] == []


def test_audit_flags_each_availability_breach() -> None:
    """Work on an unavailable day, a disallowed shift and a missed pin are each one finding."""
    unit = availability_unit()
    findings = check(unit, rota_of(unit, {"kari": "D......", "ola": ".A....."}))
    mine = sorted((f.employee, f.day) for f in findings if f.rule == "tilgjengelighet")
    assert mine == [("kari", 0), ("kari", 2), ("ola", 1)]
