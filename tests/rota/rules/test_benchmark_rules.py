"""Rules added for dated plans and benchmarks: min work days in a row, max worked weekends, most
shifts of a type, the working-time act switched off, fairness weights of zero."""

from __future__ import annotations

from typing import Any

import pytest

from models.problems import InputError
from models.unit import Unit
from rota.check import check
from rota.model import build_model
from rota.params import SolveParams
from rota.result import Status
from rota.solve import solve
from tests.rota.conftest import rota_of, two_shift_unit

FREE_WEEKENDS: dict[str, Any] = {"whole_weekends": False, "weekend_every": 1, "sunday_rule": False}


def dated_unit(weeks: int = 1, **rules: Any) -> dict[str, Any]:
    """A dated (non-cyclic) plan of the two-shift unit with no weekend rules in the way."""
    data = two_shift_unit(cyclic=False, **FREE_WEEKENDS, **rules)
    data["weeks"] = weeks
    return data


def breaches(unit: Unit, rows: dict[str, str]) -> list[str]:
    return sorted(f.rule for f in check(unit, rota_of(unit, rows)) if f.kind == "breach")


QUICK = SolveParams(deterministic=True, time_limit_s=10, explain=False)


def test_audit_min_consecutive_days_exempts_the_edges() -> None:
    """A lone work day inside a dated plan breaks the minimum; one on the first or last day does not."""
    unit = Unit.model_validate(dated_unit(min_consecutive_days=2))
    assert breaches(unit, {"kari": "..D...."}) == ["minst dager på rad"]
    assert breaches(unit, {"kari": "D.DD..D"}) == []
    cyclic = Unit.model_validate(two_shift_unit(min_consecutive_days=2, **FREE_WEEKENDS))
    assert breaches(cyclic, {"kari": "D.DD..."}) == ["minst dager på rad"]


def test_model_min_consecutive_days() -> None:
    """Pinned to one day between two days it cannot work, a 2-day minimum run is impossible;
    with room on one side the solver lengthens the run to the minimum."""
    data = dated_unit(min_consecutive_days=3)
    data["employees"] = data["employees"][:1]
    data["employees"][0].update(unavailable_days=[1, 3], pins=[{"day": 2, "shift": "D"}])
    assert solve(Unit.model_validate(data), QUICK).status is Status.INFEASIBLE
    data["employees"][0].update(unavailable_days=[1, 5])
    unit = Unit.model_validate(data)
    result = solve(unit, SolveParams(deterministic=True, time_limit_s=10))
    assert result.rota is not None
    assert (
        breaches(unit, {"kari": "".join(c or "." for c in result.rota.assignments["kari"])}) == []
    )
    assert all(result.rota.shift_on("kari", day) is not None for day in (2, 3, 4))


def test_max_weekends_in_audit_and_model() -> None:
    """Two worked weekends (one day is enough to count) break a maximum of one; the solver, pinned
    to both Saturdays, finds no rota."""
    data = dated_unit(weeks=2, max_weekends=1)
    unit = Unit.model_validate(data)
    assert breaches(unit, {"kari": ".....D." + "......D"}) == ["antall helger"]
    assert breaches(unit, {"kari": ".....DD" + "......."}) == []
    data["employees"][0]["pins"] = [{"day": 5, "shift": "D"}, {"day": 13, "shift": "D"}]
    assert solve(Unit.model_validate(data), QUICK).status is Status.INFEASIBLE
    data["employees"][0]["rules"] = {"min_hours": 0, "max_hours": 40, "max_weekends": 2}
    first = QUICK.with_(first_rota_only=True)
    assert solve(Unit.model_validate(data), first).rota is not None


def test_max_shifts_per_type_in_audit_and_model() -> None:
    """At most two D shifts: a third is named, and the solver leaves D demand uncovered instead."""
    data = dated_unit()
    data["employees"] = data["employees"][:1]
    data["employees"][0]["max_shifts"] = {"D": 2, "A": 0}
    data["demand"] = [{"shift": "D", "min": 0, "target": 1, "weight_under": 100}]
    unit = Unit.model_validate(data)
    assert breaches(unit, {"kari": "DDD...."}) == ["vakter per type"]
    assert breaches(unit, {"kari": "DD....."}) == []
    result = solve(unit, SolveParams(deterministic=True, time_limit_s=10))
    assert result.rota is not None
    assert sum(code == "D" for code in result.rota.assignments["kari"]) == 2
    assert result.terms["under_target"] == 5 * 100


def test_max_shifts_names_known_shifts() -> None:
    """A maximum for a shift type the unit does not have is an input error at its place."""
    data = dated_unit()
    data["employees"][0]["max_shifts"] = {"X": 1}
    with pytest.raises(InputError, match=r"employees\[0\]\.max_shifts"):
        Unit.model_validate(data)


def test_without_the_working_time_act_only_successions_bind() -> None:
    """Outside the act an evening then a day shift (9.5 h rest) and seven days running are
    allowed, but a forbidden succession is still a breach, in the audit and in the model."""
    data = dated_unit(working_time_act=False, max_consecutive_days=7)
    data["shift_types"][0]["forbidden_next"] = []
    data["shift_types"][1]["forbidden_next"] = ["A"]
    data["employees"][0]["rules"] = {"min_hours": 0, "max_hours": 60}
    unit = Unit.model_validate(data)
    assert breaches(unit, {"kari": "ADDDDDD"}) == []
    assert breaches(unit, {"kari": "AA....."}) == ["vaktrekkefølge"]
    with_act = Unit.model_validate(dated_unit(max_consecutive_days=7))
    assert "daglig hvile" in breaches(with_act, {"kari": "AD....."})
    data["employees"] = data["employees"][:1]
    data["employees"][0]["pins"] = [{"day": 0, "shift": "A"}, {"day": 1, "shift": "D"}]
    result = solve(Unit.model_validate(data), SolveParams(deterministic=True, time_limit_s=10))
    assert result.rota is not None
    data["employees"][0]["pins"] = [{"day": 0, "shift": "A"}, {"day": 1, "shift": "A"}]
    assert solve(Unit.model_validate(data), QUICK).status is Status.INFEASIBLE


def test_fairness_weights_of_zero_leave_no_fairness_terms() -> None:
    """With the fairness weights at zero the objective holds only cover and wishes."""
    rules = {"night_spread_weight": 0, "weekend_spread_weight": 0, "isolated_day_weight": 0}
    zero = build_model(Unit.model_validate(dated_unit(weeks=2, **rules)), SolveParams())
    assert set(zero.terms) <= {"under_minimum", "under_target", "over_cover", "unmet_wishes"}
    default = build_model(Unit.model_validate(dated_unit(weeks=2)), SolveParams())
    assert "isolated_days" in default.terms
