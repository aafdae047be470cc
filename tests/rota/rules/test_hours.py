"""Hours: rota hours stay within the position's tolerance; the audit flags those outside."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from models.unit import Unit
from rota.check import check
from rota.model import build_model, evaluate
from rota.params import SolveParams
from rota.rules.hours import counted, credits, minutes_outside, outside_band, rota_minutes
from rota.solve import solve
from tests.rota.conftest import rota_of, three_shift_unit, two_shift_unit


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


def test_credit_table_by_hand() -> None:
    """A Sunday day shift earns 10 min an hour (7.5 h: 75 min); a Saturday night 15 min for each
    of its 9 night hours and 10 min for its one Sunday morning hour (135 + 10); a weekday day
    shift nothing."""
    table = credits(three_shift_unit())
    assert (table[6, "D"], table[5, "N"], table[0, "D"], table[0, "N"]) == (75, 145, 0, 135)


def test_nights_and_days_count_with_the_credit() -> None:
    """Two nights and two days are 35 h worked: inside 34.5-36.5 h as plain hours, but with the
    credit they count 39.5 h, capped at 35 x 35.5 / 33.6 = 36.98 h: over. The model refuses the
    rota as the audit does, and takes it with the credit off; the person's full week is 33.6 h."""
    unit = three_shift_unit()
    rota = rota_of(unit, {"kari": "NN..DD."})
    found = [f.detail_nb for f in check(unit, rota) if f.rule == "timer"]
    assert len(found) == 1
    assert "36,98 t med tidskompensasjon" in found[0]
    assert "full uke 33,6 t" in found[0]
    assert "tillatt er 34,5-36,5 t" in found[0]
    assert evaluate(unit, rota) is None
    plain = three_shift_unit(three_shift_credit=False)
    assert check(plain, rota) == []
    assert evaluate(plain, rota) is not None
    count = counted(unit, rota, unit.employees[0])
    assert count.full_time_week_h == pytest.approx(33.6)


def test_only_nights_or_only_days_earn_no_credit() -> None:
    """Someone on days alone, or nights alone, is not in three-shift turnus: plain hours."""
    unit = three_shift_unit()
    assert not counted(unit, rota_of(unit, {"kari": "DDDD..."}), unit.employees[0]).three_shift
    assert not counted(unit, rota_of(unit, {"kari": "NN.N..."}), unit.employees[0]).three_shift


def test_model_plans_fewer_hours_for_a_rotating_person() -> None:
    """Asked for nights and days every day, the model gives Kari (80 %: 27.4-29.4 h) a rota the
    audit accepts; where it holds both nights and days, her worked hours are at most
    29.4 x 33.6 / 35.5 h (at 100 % no rota of these shifts fits the band: the model says so)."""
    data = three_shift_unit().model_dump(mode="json")
    data["employees"][0]["position_pct"] = 80
    data["demand"] = [{"shift": code, "min": 0, "target": 1} for code in ("D", "N")]
    unit = Unit.model_validate(data)
    result = solve(unit, SolveParams(deterministic=True, time_limit_s=10))
    assert result.rota is not None
    assert check(unit, result.rota) == []
    count = counted(unit, result.rota, unit.employees[0])
    if count.three_shift:
        assert count.minutes <= 29.4 * 60 * 33.6 / 35.5 + 1e-6


def test_a_set_three_shift_status_is_kept_by_the_model_and_named_by_the_audit() -> None:
    """Kari set not to work three-shift turnus: a rota with nights and days is refused by the
    model and named by the audit (KS HTA kap. 1); set to work it, a rota of nights alone is."""
    for status, row, said in (
        (False, "NN..DD.", "ikke å gå"),
        (True, "NNN....", "satt til tredelt"),
    ):
        data = three_shift_unit().model_dump(mode="json")
        data["employees"][0]["rules"] = {"three_shift": status}
        unit = Unit.model_validate(data)
        rota = rota_of(unit, {"kari": row})
        assert evaluate(unit, rota) is None
        found = [f for f in check(unit, rota) if f.reference == "tredelt turnus (KS HTA kap. 1)"]
        assert len(found) == 1
        assert said in found[0].detail_nb


@pytest.mark.parametrize("row", ["NN..DD.", "N..DDD.", "DD.DD..", "NN..DDD", "N..DDDD", "D.NN..."])
def test_the_repair_measures_the_band_as_the_audit_does(row: str) -> None:
    """The repair's measure of hours outside the band (a model built in a wide band without the
    credit, as the first rota is found) is zero exactly when the audit finds the hours inside it,
    with the credit; and the plain count of minutes outside agrees."""
    unit = three_shift_unit(hours_tolerance_h_per_week=2.0)  # 33.5-37.5 h: some rows inside
    wide = three_shift_unit(three_shift_credit=False, hours_tolerance_h_per_week=10)
    rota = rota_of(unit, {"kari": row})
    ctx = build_model(wide, SolveParams(deterministic=True, explain=False))
    for (employee, day, code), variable in ctx.x.items():
        ctx.model.add(variable == int(rota.shift_on(employee, day) == code))
    ctx.model.clear_objective()  # type: ignore[no-untyped-call]
    ctx.model.minimize(outside_band(ctx, unit))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(ctx.model) == cp_model.OPTIMAL
    inside = not [f for f in check(unit, rota) if f.rule == "timer"]
    assert (solver.objective_value == 0) == inside
    assert (minutes_outside(unit, rota, unit.employees[0]) == 0) == inside
    assert inside == (row in ("NN..DD.", "N..DDD."))
