"""Daily rest: the model never plans too short a rest; the audit finds one in a hand-made rota."""

from __future__ import annotations

from models.unit import Unit
from rota.check import check
from rota.params import SolveParams
from rota.solve import solve
from tests.rota.conftest import rota_of, two_shift_unit

DETERMINISTIC = SolveParams(deterministic=True, time_limit_s=10)


def rules_broken(unit: Unit, rows: dict[str, str]) -> list[str]:
    return [f.rule for f in check(unit, rota_of(unit, rows)) if f.kind == "breach"]


def test_model_never_plans_evening_then_day() -> None:
    """With demand for A on Monday and D on Tuesday and one person, rest wins over cover."""
    data = two_shift_unit()
    data["employees"] = data["employees"][:1]
    data["demand"] = [
        {"shift": "A", "weekdays": [0], "min": 1},
        {"shift": "D", "weekdays": [1], "min": 1},
    ]
    unit = Unit.model_validate(data)
    result = solve(unit, DETERMINISTIC)
    assert result.rota is not None
    row = result.rota.assignments["kari"]
    assert (row[0], row[1]) != ("A", "D")
    assert result.terms["under_minimum"] > 0  # one of the two shifts is left as a gap
    assert "daglig hvile" not in [f.rule for f in check(unit, result.rota)]


def test_audit_finds_short_rest_and_cyclic_wrap() -> None:
    """A then D is 9.5 h of rest; so is A on Sunday before D on Monday when the rota repeats."""
    unit = Unit.model_validate(two_shift_unit(whole_weekends=False))
    assert rules_broken(unit, {"kari": "AD....."}) == ["daglig hvile"]
    assert rules_broken(unit, {"kari": "D.....A"}) == ["daglig hvile"]
    assert rules_broken(unit, {"kari": "DA....."}) == []


def test_dated_plan_does_not_wrap() -> None:
    """A dated plan is not cyclic: Sunday's evening says nothing about the Monday before."""
    unit = Unit.model_validate(two_shift_unit(cyclic=False, whole_weekends=False))
    assert rules_broken(unit, {"kari": "D.....A"}) == []


def test_quick_returns_only_as_agreed() -> None:
    """With one quick return agreed (8 h), the first A-D passes and the second is a finding."""
    unit = Unit.model_validate(two_shift_unit(max_quick_returns=1))
    assert rules_broken(unit, {"kari": "AD....."}) == []
    assert rules_broken(unit, {"kari": "AD.AD.."}) == ["kvikkvakt"]


def test_model_keeps_quick_returns_within_agreement() -> None:
    """Even when cover asks for two A-D pairs, the model plans at most the one agreed."""
    data = two_shift_unit(max_quick_returns=1)
    data["employees"] = data["employees"][:1]
    data["demand"] = [
        {"shift": "A", "weekdays": [0, 3], "min": 1},
        {"shift": "D", "weekdays": [1, 4], "min": 1},
    ]
    unit = Unit.model_validate(data)
    result = solve(unit, DETERMINISTIC)
    assert result.rota is not None
    assert check(unit, result.rota) == [f for f in check(unit, result.rota) if f.kind == "gap"]
    row = "".join(code or "." for code in result.rota.assignments["kari"])
    assert row.count("AD") <= 1


def test_forbidden_succession() -> None:
    """A shift listed as 'cannot be followed by' is refused the next day whatever the rest."""
    data = two_shift_unit()
    data["shift_types"][0]["forbidden_next"] = ["A"]
    unit = Unit.model_validate(data)
    assert rules_broken(unit, {"kari": "DA....."}) == ["vaktrekkefølge"]


def test_rest_is_said_with_the_decimal_comma_and_an_overlap_as_an_overlap() -> None:
    """A then D is '9,5 t hvile'; a night that runs into the next day's day shift is an
    overlap with its length, never a negative rest."""
    data = two_shift_unit(whole_weekends=False)
    data["shift_types"].append({"code": "N", "start": "22:00", "end": "08:00"})
    unit = Unit.model_validate(data)
    rota = rota_of(unit, {"kari": "AD.....", "ola": "ND....."})
    details = [f.detail_nb for f in check(unit, rota)]
    assert any("9,5 t hvile mellom A" in d for d in details), details
    assert any("N uke 1 Ma overlapper D uke 1 Ti med 0,5 t" in d for d in details), details
    assert not any("-0" in d for d in details)
