"""One person in two positions: the model never plans their positions into each other or too
close; the audit finds both in a hand-made rota; the key counts them once in heltid and survives
a merge."""

from __future__ import annotations

from typing import Any

from models.heltid import heltid
from models.unit import Unit
from rota.check import check
from rota.params import SolveParams
from rota.repair import residual_unit
from rota.rules.persons import RULE
from rota.solve import solve
from tests.rota.conftest import FREE_HOURS, rota_of, two_shift_unit

DETERMINISTIC = SolveParams(deterministic=True, time_limit_s=10)


def _split(**rules: Any) -> dict[str, Any]:
    """Kari holds two positions of the two-shift week (kari-a, kari-b, person «kari»); Ola one."""
    data = two_shift_unit(whole_weekends=False, **rules)
    data["employees"] = [
        {"id": "kari-a", "person": "kari", "competence": "SPL", "position_pct": 60, **FREE_HOURS},
        {"id": "kari-b", "person": "kari", "competence": "HFA", "position_pct": 40, **FREE_HOURS},
        {"id": "ola", "competence": "HFA", "position_pct": 40, **FREE_HOURS},
    ]
    return data


def _found(unit: Unit, rows: dict[str, str]) -> list[str]:
    return [f.rule for f in check(unit, rota_of(unit, rows)) if f.kind == "breach"]


def test_audit_finds_short_rest_between_the_positions() -> None:
    """Evening in one position, then day in the other: 9.5 h of rest, a finding naming both."""
    unit = Unit.model_validate(_split())
    findings = check(unit, rota_of(unit, {"kari-a": "A......", "kari-b": ".D....."}))
    ours = [f for f in findings if f.rule == RULE]
    assert len(ours) == 1
    assert "9,5 t hvile" in ours[0].detail_nb
    assert "kari-a" in ours[0].detail_nb
    assert "kari-b" in ours[0].detail_nb
    assert ours[0].day == 0


def test_audit_finds_overlapping_shifts_of_the_positions() -> None:
    """Day in one position and evening in the other on the same day overlap by half an hour."""
    unit = Unit.model_validate(_split())
    assert _found(unit, {"kari-a": "D......", "kari-b": "A......"}) == [RULE]
    assert _found(unit, {"kari-a": "D......", "kari-b": ".D....."}) == []


def test_without_a_shared_key_nothing_is_found() -> None:
    """Two positions of two people may work evening then day: rest is each person's own."""
    data = _split()
    for employee in data["employees"]:
        employee.pop("person", None)
    unit = Unit.model_validate(data)
    assert _found(unit, {"kari-a": "A......", "kari-b": ".D....."}) == []


def test_model_keeps_the_positions_apart() -> None:
    """Kari is pinned to the evening in one position; the other position is the only one who
    may take Tuesday's day shift: rest wins, the day shift is a gap, and the checker agrees."""
    data = _split()
    data["employees"][0]["pins"] = [{"day": 0, "shift": "A"}]
    data["employees"][1]["allowed_shifts"] = ["D"]
    data["employees"] = data["employees"][:2]
    data["demand"] = [
        {"shift": "A", "weekdays": [0], "min": 1},
        {"shift": "D", "weekdays": [1], "min": 1},
    ]
    unit = Unit.model_validate(data)
    result = solve(unit, DETERMINISTIC)
    assert result.rota is not None
    assert result.rota.shift_on("kari-b", 1) is None
    assert result.terms["under_minimum"] > 0
    assert [f for f in check(unit, result.rota) if f.kind == "breach"] == []


def test_the_residual_unit_keeps_a_position_off_the_other_positions_days() -> None:
    """Re-planned alone, kari-b may not work the day after kari-a's evening, nor that day."""
    unit = Unit.model_validate(_split())
    rota = rota_of(unit, {"kari-a": "A......", "ola": "DD....."})
    sub = residual_unit(unit, rota, ["kari-b"])
    alone = sub.employee("kari-b")
    assert {0, 1} <= set(alone.unavailable_days)
    assert not {3, 4} & set(alone.unavailable_days)


def test_heltid_counts_one_person_once() -> None:
    """60 % and 40 % of the same person are one full-time head; without the key, two part-time."""
    unit = Unit.model_validate(_split())
    figures = heltid(unit).total
    assert (figures.heads, figures.fulltime_heads) == (2, 1)
    data = _split()
    for employee in data["employees"]:
        employee.pop("person", None)
    apart = heltid(Unit.model_validate(data)).total
    assert (apart.heads, apart.fulltime_heads) == (3, 0)
