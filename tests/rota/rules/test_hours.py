"""Hours: rota hours stay within the position's tolerance; the audit flags those outside."""

from __future__ import annotations

from models.unit import Unit
from rota.check import check
from rota.params import SolveParams
from rota.rules.hours import rota_minutes
from rota.solve import solve
from tests.rota.conftest import rota_of, two_shift_unit


def hours_unit() -> Unit:
    """Kari at 42.25 % of 35.5 h = 15.0 h a week, ±0.5 h: two 7.5 h shifts, not one or three."""
    data = two_shift_unit()
    data["employees"] = [{"id": "kari", "competence": "SPL", "position_pct": 42.25}]
    return Unit.model_validate(data)


def test_model_hits_the_position() -> None:
    """With demand for more, the solver still gives Kari exactly the two shifts her position holds."""
    unit = hours_unit()
    result = solve(unit, SolveParams(deterministic=True, time_limit_s=10))
    assert result.rota is not None
    assert rota_minutes(unit, result.rota, "kari") == 900
    assert check(unit, result.rota) == []


def test_audit_flags_too_many_and_too_few_hours() -> None:
    """One shift (7.5 h) and three shifts (22.5 h) are both outside 14.5-15.5 h."""
    unit = hours_unit()
    for row in ("D......", "D.D.D.."):
        findings = check(unit, rota_of(unit, {"kari": row}))
        assert [(f.rule, f.employee) for f in findings] == [("timer", "kari")]
    assert check(unit, rota_of(unit, {"kari": "D.D...."})) == []
