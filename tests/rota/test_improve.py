"""improve(): re-plans of a few people over a window of days, each kept when it is better."""

from __future__ import annotations

import itertools
import multiprocessing
import random
import threading
import time

import pytest
from ortools.sat.python import cp_model

import rota.improve as improve_module
from models.rota import Rota
from models.unit import Unit
from rota import interruptible
from rota.check import check
from rota.improve import (
    _below_minimum,
    _Cycle,
    _partners,
    _person_round,
    _pool,
    _Whole,
    _windows,
    improve,
    prepare,
    separable,
)
from rota.model import build_model, evaluate
from rota.params import SolveParams
from rota.subproblem import Solution
from tests.rota.conftest import FREE_HOURS, rota_of, two_shift_unit


def _three_weeks() -> Unit:
    """Three weeks, one day shift wanted once each weekday (a target, no minimum, 100 per person
    short, 1 per person over); Kari works exactly 8 shifts and Ola exactly 7: together exactly
    the 15 weekdays. No other soft term, so the objective is the cover alone."""
    data = two_shift_unit(night_spread_weight=0, weekend_spread_weight=0, isolated_day_weight=0)
    data["weeks"] = 3
    data["shift_types"] = data["shift_types"][:1]
    data["demand"] = [
        {
            "shift": "D",
            "weekdays": [0, 1, 2, 3, 4],
            "min": 0,
            "target": 1,
            "weight_under": 100,
            "weight_over": 1,
        }
    ]
    for employee, hours in zip(data["employees"], (60.0, 52.5), strict=True):
        employee["rules"] = {"min_hours": hours, "max_hours": hours}
    return Unit.model_validate(data)


def _cover_cost(unit: Unit, rota: Rota) -> int:
    """The objective counted by hand: 100 per weekday nobody works, 1 per person too many."""
    cost = 0
    for day in range(unit.days):
        on = sum(rota.shift_on(e.id, day) == "D" for e in unit.employees)
        if day % 7 < 5:
            cost += 100 * max(0, 1 - on) + max(0, on - 1)
    return cost


def _both_in_week_one(unit: Unit) -> Rota:
    """Both work the first week's weekdays, Kari also Monday-Wednesday and Ola Monday-Tuesday
    of the second; the rest nobody: 7 weekdays short, 7 over (cost 707)."""
    return rota_of(
        unit,
        {"kari": "DDDDD..DDD...........", "ola": "DDDDD..DD............"},
    )


def test_replans_reach_the_known_best_and_say_by_how_much() -> None:
    """From a legal rota 707 above its best, the re-plans find a rota covering each weekday
    exactly once (cost 0), keep every hard rule, and report the 707 they gained; on the way
    they tell of the start's 707 and of ever lower objectives down to 0."""
    unit = _three_weeks()
    start = _both_in_week_one(unit)
    assert check(unit, start) == []
    assert _cover_cost(unit, start) == 707
    told: list[float] = []

    def report(objective: float, rota: Rota) -> None:
        assert check(unit, rota) == []
        told.append(objective)

    rota, gained = improve(
        unit, start, SolveParams(deterministic=True), seconds=30, rounds=20, report=report
    )
    assert check(unit, rota) == []
    assert _cover_cost(unit, rota) == 0
    assert gained == 707
    assert told[0] == 707
    assert told[-1] == 0
    assert all(later < earlier for earlier, later in itertools.pairwise(told))


def test_a_unit_with_the_hours_table_is_re_planned_too() -> None:
    """With a 10 h evening shift beside the 7.5 h day shift, the model has the redundant table
    of hours counts, a constraint a re-plan cannot be cut from; the re-plans leave it out and
    still reach the known best from 707 (no evening shift is wanted: each costs 1)."""
    data = _three_weeks().model_dump(mode="json")
    data["shift_types"].append({"code": "A", "start": "12:00", "end": "22:00"})
    data["demand"].append({"shift": "A", "min": 0, "target": 0, "weight_over": 1})
    unit = Unit.model_validate(data)
    whole = build_model(unit, SolveParams()).model.proto
    assert any(constraint.has_table() for constraint in whole.constraints)
    start = _both_in_week_one(unit)
    rota, gained = improve(unit, start, SolveParams(deterministic=True), seconds=30, rounds=20)
    assert check(unit, rota) == []
    assert _cover_cost(unit, rota) == 0
    assert gained == 707


def _moved(whole: _Whole, employee_id: str, *moves: tuple[int, int]) -> dict[int, int]:
    """The values a re-plan changes when it moves the employee's day shift from day `off` to
    day `on`, for each (off, on) of `moves` (helpers included), found by a cut with those days
    free."""
    current = Solution(whole.flat, whole.values)
    shift = {day: whole.shift_index[employee_id, day, "D"] for move in moves for day in move}
    sub = current.cut(shift.values())
    for off, on in moves:
        for day, value in ((off, 0), (on, 1)):
            at = sub.variables.index(shift[day])
            sub.model.add(sub.model.get_bool_var_from_proto_index(at) == value)
    solver = cp_model.CpSolver()
    assert solver.solve(sub.model) == cp_model.OPTIMAL
    current.take(sub, solver.response_proto.solution)
    return {v: current.values[v] for v in current.changed}


def _objective(whole: _Whole) -> int:
    """The objective of the whole model at its values, every constraint checked to hold."""
    assert all(whole.flat.satisfied(c, whole.values) for c in range(len(whole.flat.kinds)))
    return sum(coeff * whole.values[v] for v, coeff in whole.flat.objective.items())


def test_merged_re_plans_that_break_a_rule_together_are_not_taken() -> None:
    """Two re-plans, each legal alone, both moving Kari's Monday shift (one to the third
    week's Monday, one to its Tuesday): together she would work 9 shifts, not her 8. The first
    is taken; the second is refused and leaves the values as the first left them."""
    unit = _three_weeks()
    whole = _Whole.of(unit, _both_in_week_one(unit), SolveParams(deterministic=True))
    assert whole is not None
    first, second = _moved(whole, "kari", (0, 14)), _moved(whole, "kari", (0, 15))
    assert whole.adopt(first, 101) == 101
    after_first = list(whole.values)
    assert whole.adopt(second, 101) == 0
    assert whole.values == after_first
    assert check(unit, whole.rota()) == []
    assert whole.rota().shift_on("kari", 14) == "D"


def test_merged_re_plans_on_the_same_short_shift_count_what_they_gain_together() -> None:
    """Kari and Ola, in two re-plans from the same rota (707), each move an over-staffed
    shift to the empty third Monday (101 each alone). Merged, the Monday is over-staffed
    instead: Ola's move gains nothing beside Kari's and is refused. With a second move to the
    empty Tuesday as well (202 alone), Ola's re-plan is taken at the 101 it gains beside
    Kari's: the values hold every constraint, at an objective of 505, as counted by hand."""
    unit = _three_weeks()
    whole = _Whole.of(unit, _both_in_week_one(unit), SolveParams(deterministic=True))
    assert whole is not None
    assert _objective(whole) == 707
    kari = _moved(whole, "kari", (0, 14))
    ola_alone = _moved(whole, "ola", (1, 14))
    ola_twice = _moved(whole, "ola", (1, 14), (7, 15))
    assert whole.adopt(kari, 101, check=False) == 101
    after_kari = list(whole.values)
    assert whole.adopt(ola_alone, 101) == 0
    assert whole.values == after_kari
    assert whole.adopt(ola_twice, 202) == 101
    assert _objective(whole) == 505 == _cover_cost(unit, whole.rota())
    assert check(unit, whole.rota()) == []


def test_deterministic_mode_gives_the_same_rota_twice() -> None:
    """Two deterministic runs from the same rota return the same rota."""
    unit = _three_weeks()
    params = SolveParams(deterministic=True)
    first = improve(unit, _both_in_week_one(unit), params, seconds=30, rounds=2)
    second = improve(unit, _both_in_week_one(unit), params, seconds=30, rounds=2)
    assert first == second


def test_no_time_keeps_the_rota() -> None:
    """With no time nothing is re-planned: the rota comes back as it was, nothing gained."""
    unit = _three_weeks()
    start = _both_in_week_one(unit)
    assert improve(unit, start, SolveParams(), seconds=0) == (start, 0.0)


def test_spread_between_people_is_not_separable() -> None:
    """A weight on the spread of nights or weekends couples people: not separable; without
    those weights it is."""
    assert separable(_three_weeks())
    assert not separable(Unit.model_validate(two_shift_unit(weekend_spread_weight=5)))


def test_a_spread_between_people_is_re_planned_exactly() -> None:
    """With weights on the spread of nights and weekends between people (a term no one
    person's re-plan holds alone), what the re-plans say they gained is what the whole model's
    objective fell by, and the rota keeps every rule."""
    data = two_shift_unit(weekend_spread_weight=50, night_spread_weight=50)
    data["weeks"] = 3
    data["shift_types"].append({"code": "N", "start": "22:00", "end": "07:30"})
    data["demand"] = [{"shift": code, "min": 0, "target": 1} for code in ("D", "A", "N")]
    for n in range(3):
        data["employees"].append(
            {"id": f"p{n}", "competence": "HFA", "position_pct": 60, **FREE_HOURS}
        )
    unit = Unit.model_validate(data)
    params = SolveParams(deterministic=True, time_limit_s=5)
    # Every night on one person: a spread the re-plans lower by moving nights between people.
    start = rota_of(unit, {"ola": "..............NNN...."})
    before = evaluate(unit, start, params)
    rota, gained = improve(unit, start, params, seconds=30, rounds=6)
    after = evaluate(unit, rota, params)
    assert before is not None
    assert after is not None
    assert before.objective is not None
    assert after.objective is not None
    assert gained > 0
    assert after.objective == pytest.approx(before.objective - gained)
    assert check(unit, rota) == []


def test_windows_cover_every_day_focus_first() -> None:
    """The days cut into as few windows as cover them all (the last wrapping round to the
    first days), the first one centred on the focus day."""
    windows = _windows(list(range(21)), focus=12, length=10)
    assert windows[0] == list(range(7, 17))
    assert windows[1] == [17, 18, 19, 20, 0, 1, 2, 3, 4, 5]
    assert len(windows) == 3
    assert {d for w in windows for d in w} == set(range(21))


def _twelve_people() -> Unit:
    """Three weeks, four wanted on the day shift each weekday (100 per person short, 1 per
    person over), twelve people at exactly 5 shifts each: together exactly the 60 wanted."""
    data = two_shift_unit(night_spread_weight=0, weekend_spread_weight=0, isolated_day_weight=0)
    data["weeks"] = 3
    data["shift_types"] = data["shift_types"][:1]
    data["demand"] = [
        {"shift": "D", "weekdays": [0, 1, 2, 3, 4], "min": 0, "target": 4, "weight_under": 100}
    ]
    data["employees"] = [
        {
            "id": f"p{n}",
            "competence": "HFA",
            "position_pct": 40,
            "rules": {"min_hours": 37.5, "max_hours": 37.5},
        }
        for n in range(12)
    ]
    return Unit.model_validate(data)


def _each_re_plan_to_its_optimum(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clock limits for each re-plan and round far above what these tiny re-plans take to be
    proven optimal, so that what each one finds does not depend on how busy the machine is
    (the processes of two cores are not run in deterministic mode). Set before the processes
    are forked, so theirs too."""
    for name, seconds in (
        ("REPLAN_S", 10.0),
        ("PERSON_S", 10.0),
        ("SWEEP_S", 60.0),
        ("PERSON_ROUND_S", 60.0),
    ):
        monkeypatch.setattr(improve_module, name, seconds)


def test_two_cores_sweep_apart_and_stay_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """On two cores (a process each, different people, different days) the merged re-plans
    keep every hard rule, gain something from six on each weekday of the first two weeks and
    none in the third (20 short, 20 over: 2 020), and the gain reported is the real one."""
    _each_re_plan_to_its_optimum(monkeypatch)
    unit = _twelve_people()
    start = rota_of(
        unit,
        {
            f"p{n}": "DDDDD.." + "." * 14 if n < 6 else "." * 7 + "DDDDD.." + "." * 7
            for n in range(12)
        },
    )
    assert check(unit, start) == []
    # Rounds 1-4 are sweeps and round 5 re-plans each core's people one at a time, whatever
    # the clock (rota.improve: EXPLORE_ROUNDS); a person alone moves their shifts to the empty
    # third week, so something is gained by then. Which rounds follow depends on how fast each
    # gained: how far the rest gets is not asserted.
    rota, gained = improve(unit, start, SolveParams(workers=2), seconds=60, rounds=10)
    assert check(unit, rota) == []
    cost = 0
    for day in range(unit.days):
        on = sum(rota.shift_on(e.id, day) == "D" for e in unit.employees)
        if day % 7 < 5:
            cost += 100 * max(0, 4 - on) + max(0, on - 4)
    assert gained > 0
    assert gained == 2020 - cost


def _five_weekends(people: int) -> Unit:
    """Five weeks, one day shift wanted on each Saturday and Sunday (100 per person short, 1
    per person over); `people` people at one weekend each, exactly 2 shifts."""
    data = two_shift_unit(night_spread_weight=0, weekend_spread_weight=0, isolated_day_weight=0)
    data["weeks"] = 5
    data["shift_types"] = data["shift_types"][:1]
    data["demand"] = [
        {
            "shift": "D",
            "weekdays": [5, 6],
            "min": 0,
            "target": 1,
            "weight_under": 100,
            "weight_over": 1,
        }
    ]
    data["employees"] = [
        {
            "id": f"p{n}",
            "competence": "HFA",
            "position_pct": 40,
            "rules": {"min_hours": 15, "max_hours": 15, "max_weekends": 1},
        }
        for n in range(people)
    ]
    return Unit.model_validate(data)


def test_weekends_move_across_the_plan() -> None:
    """Five weeks with one day shift wanted on Saturdays and Sundays only, five people at one
    weekend each (exactly 2 shifts): the first weekend is empty and the third has two people.
    No ten-day window holds both weekends; the weekends' own window moves one of the two,
    from 202 to the known best of 0."""
    unit = _five_weekends(people=5)
    weekend = {week: "." * (7 * week + 5) + "DD" + "." * (7 * (4 - week)) for week in range(5)}
    start = rota_of(
        unit,
        {"p0": weekend[2], "p1": weekend[2], "p2": weekend[1], "p3": weekend[3], "p4": weekend[4]},
    )
    assert check(unit, start) == []
    rota, gained = improve(unit, start, SolveParams(deterministic=True), seconds=30, rounds=3)
    assert check(unit, rota) == []
    for week in range(5):
        for day in (7 * week + 5, 7 * week + 6):
            assert sum(rota.shift_on(e.id, day) == "D" for e in unit.employees) == 1, day
    assert gained == 202


def _deterministic_whole(unit: Unit, rows: dict[str, str]) -> tuple[_Whole, SolveParams]:
    """The unit's whole model in deterministic mode at the rota written as `rows` (checked to
    keep every rule)."""
    start = rota_of(unit, rows)
    assert check(unit, start) == []
    params = SolveParams(deterministic=True)
    whole = _Whole.of(unit, start, params)
    assert whole is not None
    return whole, params


def test_a_person_is_re_planned_over_the_whole_plan() -> None:
    """Five weeks with one day shift wanted on Saturdays and Sundays, two people at one whole
    weekend each (exactly 2 shifts), both on the first: 1 over on each of its days and the four
    other weekends empty (802). Re-planned alone over every day, one of them moves to another
    weekend, weeks away: 600 (four weekends empty), 202 gained."""
    unit = _five_weekends(people=2)
    first_weekend = "....." + "DD" + "." * 28
    whole, params = _deterministic_whole(unit, {"p0": first_weekend, "p1": first_weekend})
    rng = random.Random(0)
    gained, _ = _person_round(whole, params, 30.0, None, 1, _Cycle(["p0", "p1"], rng), rng)
    rota = whole.rota()
    assert check(unit, rota) == []
    assert gained == 202
    worked = [day for e in ("p0", "p1") for day in range(unit.days) if rota.shift_on(e, day)]
    assert sorted(day % 7 for day in worked) == [5, 5, 6, 6]
    assert len({day // 7 for day in worked}) == 2


def _traders() -> Unit:
    """Two weeks, one day shift wanted on each Saturday and Sunday (nothing else may be
    worked); two people at one whole weekend each, each wishing their own first-planned weekend
    off (10 a day)."""
    data = _five_weekends(people=2).model_dump()
    data["weeks"] = 2
    for employee, days in zip(data["employees"], ((5, 6), (12, 13)), strict=True):
        employee["wishes"] = [{"day": day, "kind": "off", "weight": 10} for day in days]
    return Unit.model_validate(data)


def test_two_people_trade_what_neither_gives_up_alone() -> None:
    """Each of two people works the weekend they wish off (40). Alone, neither can move: their
    weekend would be empty (200 for 20). Re-planned together they trade weekends: every wish
    met, every rule kept, 40 gained."""
    unit = _traders()
    whole, params = _deterministic_whole(
        unit, {"p0": "." * 5 + "DD" + "." * 7, "p1": "." * 12 + "DD"}
    )
    rng = random.Random(0)
    alone, _ = _person_round(whole, params, 30.0, None, 1, _Cycle(["p0", "p1"], rng), rng)
    assert alone == 0
    people = _Cycle(["p0", "p1"], rng)
    together, _ = _person_round(whole, params, 30.0, None, 1, people, rng, together=2)
    rota = whole.rota()
    assert check(unit, rota) == []
    assert together == 40
    assert (rota.shift_on("p0", 12), rota.shift_on("p1", 5)) == ("D", "D")


def _weekend_cost(unit: Unit, rota: Rota) -> int:
    """The objective of a `_five_weekends` rota counted by hand: 100 per weekend day nobody
    works, 1 per person too many."""
    cost = 0
    for day in range(unit.days):
        if day % 7 in (5, 6):
            on = sum(rota.shift_on(e.id, day) == "D" for e in unit.employees)
            cost += 100 * max(0, 1 - on) + max(0, on - 1)
    return cost


def test_people_are_re_planned_on_two_cores_and_merged_exactly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Four people at one whole weekend each, all on the first (3 over on each of its days,
    four weekends empty: 806). On two cores, each re-planning two of them from that same rota,
    both may move people to the same empty weekend; merged, every hard rule holds and the gain
    reported is the real one, at least the 404 of one core's two moves."""
    _each_re_plan_to_its_optimum(monkeypatch)
    unit = _five_weekends(people=4)
    first_weekend = "....." + "DD" + "." * 28
    start = rota_of(unit, {f"p{n}": first_weekend for n in range(4)})
    assert check(unit, start) == []
    assert _weekend_cost(unit, start) == 806
    params = SolveParams(workers=2)
    whole = _Whole.of(unit, start, params)
    assert whole is not None
    rng = random.Random(0)
    people = _Cycle([f"p{n}" for n in range(4)], rng)
    with _pool(whole, params, 2) as pool:
        assert pool is not None
        gained, _ = _person_round(whole, params, time.monotonic() + 30, pool, 2, people, rng)
    rota = whole.rota()
    assert check(unit, rota) == []
    assert gained == 806 - _weekend_cost(unit, rota)
    assert gained >= 404


def test_the_model_given_is_used_and_left_as_it_was() -> None:
    """Given the unit's model, the re-plans reach the same best (cost 0) from it and leave it
    unchanged (no hint, no constraint added), so the search after them can use it as built."""
    unit = _three_weeks()
    params = SolveParams(deterministic=True)
    prepared = prepare(unit, params)
    before = str(prepared.ctx.model.proto)
    rota, gained = improve(
        unit, _both_in_week_one(unit), params, seconds=30, rounds=20, prepared=prepared
    )
    assert _cover_cost(unit, rota) == 0
    assert gained == 707
    assert str(prepared.ctx.model.proto) == before


def test_a_short_weekend_shift_gets_people_who_can_take_it() -> None:
    """A Sunday day shift below its minimum: the people re-planned with someone are those off
    that Sunday who may work it, one with a weekend to spare first; never one already on."""
    data = two_shift_unit()
    data["weeks"] = 3
    data["demand"] = [{"shift": "D", "weekdays": [6], "min": 2}]
    for n in range(3):
        data["employees"].append(
            {"id": f"p{n}", "competence": "HFA", "position_pct": 40, **FREE_HOURS}
        )
    unit = Unit.model_validate(data)
    # Week 1's Sunday has one on it (p0); kari works weekend 2, ola weekend 3 and p2 none, so
    # only p2 has a weekend to spare that fits (every 3rd: one in three, so each may work one).
    rota = rota_of(
        unit,
        {
            "p0": ".....DD..............",
            "kari": "............DD.......",
            "ola": "...................DD",
            "p1": "DD...................",
        },
    )
    assert (6, "D") in _below_minimum(unit, rota)
    for seed in range(5):
        chosen = _partners(unit, rota, 6, "D", "p1", random.Random(seed))
        assert chosen[0] == "p2"
        assert "p0" not in chosen
        assert "p1" not in chosen


def _every_rule_on(unit: Unit) -> Unit:
    """The unit with every optional rule of the rule families switched on as well."""
    rules = unit.rules.model_copy(
        update={
            "three_shift_credit": True,
            "max_hours_per_7_days": 48.0,
            "averaging_weeks": 2,
            "max_weekends": 2,
            "min_consecutive_days": 2,
            "min_consecutive_days_off": 2,
            "night_spread_weight": 0,
            "weekend_spread_weight": 0,
        }
    )
    return unit.model_copy(update={"rules": rules})


@pytest.mark.parametrize("name", ["sykehjem", "bofellesskap"])
def test_every_rule_family_can_be_cut_into_re_plans(name: str) -> None:
    """Each rule family's constraints are of kinds a re-plan can be cut from: a rule that adds
    another kind fails here, instead of switching the largest units' re-plans off unseen."""
    from models.demo import demo_unit

    for unit in (demo_unit(name), _every_rule_on(demo_unit(name))):
        prepared = prepare(unit, SolveParams(time_limit_s=5))
        assert prepared.flat is not None, unit.rules


def test_ctrl_c_stops_the_re_plans_at_the_next_round(monkeypatch: pytest.MonkeyPatch) -> None:
    """Off the main thread the interrupt never comes: once Ctrl+C has asked every search to stop,
    the re-plans raise KeyboardInterrupt before their next round instead of running to their
    time limit."""
    monkeypatch.setattr(interruptible, "_STOPPING", threading.Event())
    unit = _three_weeks()
    interruptible.stop_all()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        improve(unit, _both_in_week_one(unit), SolveParams(time_limit_s=30), seconds=30)
    assert time.monotonic() - started < 10


def test_a_daemonic_process_sweeps_without_a_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Dask worker's process is daemonic and may have no children: no pool is made there."""

    class Daemon:
        daemon = True

    monkeypatch.setattr(multiprocessing, "current_process", lambda: Daemon())
    with improve_module._pool(None, SolveParams(), cores=2) as pool:  # type: ignore[arg-type]
        assert pool is None
