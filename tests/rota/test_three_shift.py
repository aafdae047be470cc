"""Who is in three-shift turnus, decided before the search: each person alone, from their
position and rules, and the solve keeping what was decided."""

from __future__ import annotations

from rota.check import check
from rota.findings import FindingKind
from rota.params import SolveParams
from rota.rules.hours import rotates
from rota.solve import solve
from rota.three_shift import as_in, planned_statuses, rota_statuses, undecided
from tests.rota.conftest import rota_of, three_shift_pair, three_shift_unit

DETERMINISTIC = SolveParams(deterministic=True, time_limit_s=5)


def test_only_a_person_no_single_kind_of_shift_can_fill_is_in_three_shift_turnus() -> None:
    """Kari goes in three-shift turnus (neither nights alone nor days alone fit her band), Ola
    does not (two nights do)."""
    unit = three_shift_pair()
    assert undecided(unit) == ["kari", "ola"]
    assert planned_statuses(unit, DETERMINISTIC, undecided(unit), 10) == {
        "kari": True,
        "ola": False,
    }


def test_without_the_credit_or_time_nobody_is_decided() -> None:
    """The credit off: nobody's status matters; no time for the test: nobody is set."""
    plain = three_shift_unit(three_shift_credit=False)
    assert undecided(plain) == []
    assert planned_statuses(three_shift_pair(), DETERMINISTIC, ["kari", "ola"], 0) == {}


def test_a_start_gives_its_own_statuses() -> None:
    """From a rota given as the start: each person as that rota has them."""
    unit = three_shift_pair()
    start = rota_of(unit, {"kari": "N..DD..", "ola": "NN....."})
    assert rota_statuses(unit, start, ["kari", "ola"]) == {"kari": True, "ola": False}


def test_a_person_the_start_has_no_row_for_is_left_to_the_search() -> None:
    """A start without Ola's row (a person added since) sets Kari's status only."""
    unit = three_shift_pair()
    start = rota_of(unit, {"kari": "N..DD.."})
    start = start.model_copy(update={"assignments": {"kari": start.assignments["kari"]}})
    assert rota_statuses(unit, start, ["kari", "ola"]) == {"kari": True}


def test_the_solve_keeps_every_rule_with_the_statuses_decided() -> None:
    """Solved with the credit on: no rule broken (the checker, which knows nothing of the
    statuses), Kari's rota holds nights and days, Ola's not both."""
    unit = three_shift_pair()
    result = solve(unit, DETERMINISTIC)
    assert result.rota is not None
    assert [f for f in check(unit, result.rota) if f.kind is FindingKind.BREACH] == []
    assert rotates(unit, result.rota.assignments["kari"])
    assert not rotates(unit, result.rota.assignments["ola"])


def test_a_plan_from_today_keeps_todays_statuses_and_a_new_position_is_out() -> None:
    """From today's rota (Kari on nights and days) with a position today has no row for (Ola,
    new): Kari in three-shift turnus, Ola out of it, each as their rules now say."""
    unit = three_shift_pair()
    today = rota_of(unit, {"kari": "N..DD.."})
    today = today.model_copy(update={"assignments": {"kari": today.assignments["kari"]}})
    planned = as_in(unit, today, new=False)
    assert {e.id: e.rules.three_shift for e in planned.employees} == {
        "kari": True,
        "ola": False,
    }
    assert undecided(planned) == []
    assert {e.id: e.rules.three_shift for e in as_in(unit, today).employees} == {
        "kari": True,
        "ola": None,
    }
