"""construct(): a first rota planned one person at a time against the cover the others leave."""

from __future__ import annotations

from typing import Any

import pytest

from models.unit import Unit
from rota import construct as construct_module
from rota.check import check
from rota.construct import construct, fewer_gaps, from_scratch, mend
from rota.params import SolveParams
from rota.rules.coverage import shortfall_minutes
from tests.rota.conftest import rota_of, two_shift_unit


def _weekday_unit() -> Unit:
    """One week, one day shift wanted Monday to Friday (a target, no minimum); Kari works
    exactly 3 shifts and Ola exactly 2, so together they can cover each weekday once."""
    data = two_shift_unit()
    data["demand"] = [{"shift": "D", "weekdays": [0, 1, 2, 3, 4], "min": 0, "target": 1}]
    hours = {"kari": 22.5, "ola": 15.0}
    for employee in data["employees"]:
        h = hours[employee["id"]]
        employee["rules"] = {"min_hours": h, "max_hours": h}
    return Unit.model_validate(data)


def test_each_person_fills_what_the_others_leave() -> None:
    """From a legal start where both work Monday and Tuesday, Ola (planned second) takes the
    two weekdays Kari leaves: every weekday covered once, and the checker finds nothing."""
    unit = _weekday_unit()
    start = rota_of(unit, {"kari": "DDD....", "ola": "DD....."})
    assert check(unit, start) == []
    params = SolveParams(deterministic=True, time_limit_s=5)
    rota = construct(unit, start, params, seconds=4)
    for day in range(5):
        assert sum(rota.shift_on(e.id, day) == "D" for e in unit.employees) == 1, day
    assert all(rota.shift_on(e.id, day) is None for e in unit.employees for day in (5, 6))
    assert check(unit, rota) == []


def test_against_all_keeps_a_rota_planned_for_the_cover() -> None:
    """Re-planned each against everyone else's row, a rota that covers every weekday keeps
    every weekday covered once: no one's plan gets worse against the others'."""
    unit = _weekday_unit()
    start = rota_of(unit, {"kari": "..DDD..", "ola": "DD....."})
    params = SolveParams(deterministic=True, time_limit_s=5)
    rota = construct(unit, start, params, seconds=4, against_all=True)
    for day in range(5):
        assert sum(rota.shift_on(e.id, day) == "D" for e in unit.employees) == 1, day
    assert check(unit, rota) == []


def test_against_all_fills_what_everyone_else_leaves() -> None:
    """Kari and Ola both work Monday and Tuesday: Kari, re-planned against Ola's row, moves to
    the three weekdays Ola leaves, and every weekday is covered once."""
    unit = _weekday_unit()
    start = rota_of(unit, {"kari": "DDD....", "ola": "DD....."})
    params = SolveParams(deterministic=True, time_limit_s=5)
    rota = construct(unit, start, params, seconds=4, against_all=True)
    assert rota.assignments["kari"][2:5] == ("D", "D", "D")
    for day in range(5):
        assert sum(rota.shift_on(e.id, day) == "D" for e in unit.employees) == 1, day


def test_from_scratch_plans_each_person_against_what_the_others_leave() -> None:
    """From nothing, Kari (3 shifts) and Ola (2) are planned one after the other: every weekday
    covered once, the weekend free, and the checker finds nothing."""
    unit = _weekday_unit()
    rota = from_scratch(unit, SolveParams(deterministic=True), seconds=4)
    assert rota is not None
    for day in range(5):
        assert sum(rota.shift_on(e.id, day) == "D" for e in unit.employees) == 1, day
    assert all(rota.shift_on(e.id, day) is None for e in unit.employees for day in (5, 6))
    assert check(unit, rota) == []


def test_from_scratch_gives_up_without_time_for_everyone() -> None:
    """Too little time for each person to be planned: no rota rather than one with an empty,
    illegal row (each must work their exact hours)."""
    unit = _weekday_unit()
    assert from_scratch(unit, SolveParams(), seconds=0.01) is None


def test_no_time_keeps_the_start() -> None:
    """With no time, nobody is re-planned: the start comes back as it is."""
    unit = _weekday_unit()
    start = rota_of(unit, {"kari": "DDD....", "ola": "DD....."})
    assert construct(unit, start, SolveParams(), seconds=0) == start


def test_mend_replans_only_whoever_breaks_a_rule() -> None:
    """Ola works five days where he may work two: mend plans him again against the days Kari
    leaves (Thursday and Friday), keeps Kari's row, and the checker finds nothing."""
    unit = _weekday_unit()
    start = rota_of(unit, {"kari": "DDD....", "ola": "DDDDD.."})
    assert {f.employee for f in check(unit, start) if f.kind == "breach"} == {"ola"}
    mended = mend(unit, start, SolveParams(time_limit_s=5), seconds=2)
    assert mended is not None
    assert mended.assignments["kari"] == start.assignments["kari"]
    assert [mended.shift_on("ola", day) for day in range(7)] == [None] * 3 + ["D", "D", None, None]
    assert check(unit, mended) == []


def test_mend_gives_any_legal_row_when_the_search_finds_none_in_its_share(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ola's row breaks his rules and the search for his best row is given no time: mend still
    gives him a legal row (found without the objective), not no rota at all."""
    unit = _weekday_unit()
    start = rota_of(unit, {"kari": "DDD....", "ola": "DDDDD.."})
    real = construct_module.person_solver
    calls: list[float] = []

    def first_without_time(params: SolveParams, seconds: float) -> Any:
        calls.append(seconds)
        solver = real(params, seconds)
        if len(calls) == 1:
            solver.parameters.max_time_in_seconds = 0.0
            solver.parameters.max_deterministic_time = 0.0
        return solver

    monkeypatch.setattr(construct_module, "person_solver", first_without_time)
    mended = mend(unit, start, SolveParams(time_limit_s=5, deterministic=True), seconds=2)
    assert len(calls) == 2
    assert mended is not None
    assert mended.assignments["kari"] == start.assignments["kari"]
    assert check(unit, mended) == []


def test_mend_keeps_a_legal_rota() -> None:
    """A rota that breaks nothing comes back as it is."""
    unit = _weekday_unit()
    start = rota_of(unit, {"kari": "DDD....", "ola": "...DD.."})
    assert mend(unit, start, SolveParams(time_limit_s=5), seconds=1) == start


def test_fewer_gaps_closes_what_one_person_can_close() -> None:
    """A day shift needed Monday to Friday; Kari and Ola both work Monday and Tuesday, so
    Thursday and Friday are short (2 x 7.5 h). One pass, each alone against the other's cover,
    closes both, and the rota still breaks no rule."""
    data = two_shift_unit()
    data["demand"] = [{"shift": "D", "weekdays": [0, 1, 2, 3, 4], "min": 1}]
    for employee, hours in zip(data["employees"], (22.5, 15.0), strict=True):
        employee["rules"] = {"min_hours": hours, "max_hours": hours}
    unit = Unit.model_validate(data)
    start = rota_of(unit, {"kari": "DDD....", "ola": "DD....."})
    assert shortfall_minutes(unit, start) == 2 * 450
    rota = fewer_gaps(unit, start, SolveParams(), seconds_each=1)
    assert shortfall_minutes(unit, rota) == 0
    assert [f for f in check(unit, rota) if f.kind == "breach"] == []


def test_fewer_gaps_never_adds_any() -> None:
    """A rota with nothing short comes back as it is."""
    data = two_shift_unit()
    data["demand"] = [{"shift": "D", "weekdays": [0, 1, 2, 3, 4], "min": 1}]
    unit = Unit.model_validate(data)
    start = rota_of(unit, {"kari": "DDD....", "ola": "...DD.."})
    assert fewer_gaps(unit, start, SolveParams(), seconds_each=1) == start
