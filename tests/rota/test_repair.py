"""The hours repair: a group's own unit leaves exactly the cover the others do not give, and
re-planning brings hours into the band without breaking any other rule."""

from __future__ import annotations

from typing import Any

from models.unit import Unit
from rota.check import check
from rota.findings import FindingKind
from rota.params import SolveParams
from rota.repair import repair_hours, residual_unit
from rota.rules.hours import minutes_outside
from tests.rota.conftest import rota_of


def _two_people(tolerance_h: float) -> Unit:
    """One week, one 7.5 h day shift, one person on it Monday to Thursday (no demand otherwise:
    the shift is not worked then). Two people at 40 % of 37.5 h: two shifts each, exactly."""
    data: dict[str, Any] = {
        "name": "Timer",
        "weeks": 1,
        "shift_types": [{"code": "D", "start": "08:00", "end": "15:30"}],
        "competences": [{"code": "HFA"}],
        "employees": [
            {"id": "p1", "competence": "HFA", "position_pct": 40},
            {"id": "p2", "competence": "HFA", "position_pct": 40},
        ],
        "demand": [{"shift": "D", "weekdays": [0, 1, 2, 3], "min": 1}],
        "rules": {"full_time_week_h": 37.5, "hours_tolerance_h_per_week": tolerance_h},
    }
    return Unit.model_validate(data)


def test_minutes_outside_counts_only_what_lies_beyond_the_band() -> None:
    """Three shifts against a band of exactly two lie 7.5 h (450 min) outside; two lie inside."""
    unit = _two_people(0)
    rota = rota_of(unit, {"p1": "DDD....", "p2": "...D..."})
    assert minutes_outside(unit, rota, unit.employee("p1")) == 450
    assert minutes_outside(unit, rota, unit.employee("p2")) == 450
    even = rota_of(unit, {"p1": "DD.....", "p2": "..DD..."})
    assert [minutes_outside(unit, even, e) for e in unit.employees] == [0, 0]


def test_residual_unit_leaves_the_cover_the_others_do_not_give(tiny_unit: Unit) -> None:
    """With Anna (SPL) on Monday's day shift, Bjørn alone owes one more head there and no SPL;
    on Saturday nobody else works, so he owes the head and the Sami speaker."""
    rota = rota_of(tiny_unit, {"a": "D......", "b": "D......", "c": "N......"})
    own = residual_unit(tiny_unit, rota, ["b"])
    assert [e.id for e in own.employees] == ["b"]
    monday = own.demand_on(0, "D")
    assert monday is not None
    assert (monday.min, monday.competence_min) == (1, {"SPL": 0})
    monday_night = own.demand_on(0, "N")
    assert monday_night is not None
    assert monday_night.min == 0  # Cato covers it
    saturday = own.demand_on(5, "D")
    assert saturday is not None
    assert (saturday.min, saturday.wanted, saturday.language_min) == (1, 2, {"se": 1})


def test_repair_moves_a_shift_from_the_one_over_to_the_one_under() -> None:
    """A rota legal in a ±7.5 h band (three shifts and one) is mended into the exact band: two
    shifts each, Monday to Thursday still covered, and the checker finds no breach."""
    unit, wide = _two_people(0), _two_people(7.5)
    stone = rota_of(unit, {"p1": "DDD....", "p2": "...D..."})
    assert not [f for f in check(wide, stone) if f.kind is FindingKind.BREACH]
    params = SolveParams(time_limit_s=5, deterministic=True)
    mended = repair_hours(unit, wide, stone, params, deadline=0.0)
    assert [minutes_outside(unit, mended, e) for e in unit.employees] == [0, 0]
    for day in range(4):
        assert sum(mended.shift_on(e.id, day) == "D" for e in unit.employees) == 1
    assert not [f for f in check(unit, mended) if f.kind is not FindingKind.GAP]
