"""Scenario files and each typed change: its effect on the unit, and located errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

from models.demo import demo_unit
from models.problems import InputError
from models.unit import Unit
from scenarios.scenario import Change, RemoveFte, ScenarioFile, apply_changes, load_scenario

CHANGE = TypeAdapter(Change)
DEMO_SCENARIOS = Path(__file__).parents[2] / "scenarios" / "demo"


def changed(unit: Unit, *changes: dict[str, Any]) -> Unit:
    result, problems = apply_changes(unit, tuple(CHANGE.validate_python(c) for c in changes))
    assert problems == [], [p.describe("en") for p in problems]
    return result


def problem_of(unit: Unit, change: dict[str, Any]) -> tuple[str, tuple[str | int, ...]]:
    _, problems = apply_changes(unit, (CHANGE.validate_python(change),))
    assert len(problems) == 1
    return problems[0].message("en"), problems[0].path


def test_scale_demand_rounds_up(ward: Unit) -> None:
    """Scaling weekday day shifts by 1.1 makes 5 into 6 (rounded up); other rows stay."""
    unit = changed(ward, {"type": "scale_demand", "factor": 1.1, "shift": "D", "weekdays": [0]})
    assert [row.min for row in unit.demand] == [6, 4, 4, 3, 2]


def test_set_demand(ward: Unit) -> None:
    """Setting the night minimum to 3 with two sykepleiere changes that row only."""
    unit = changed(
        ward, {"type": "set_demand", "shift": "N", "min": 3, "competence_min": {"SPL": 2}}
    )
    night = unit.demand[-1]
    assert (night.min, night.competence_min) == (3, {"SPL": 2})
    assert unit.demand[0] == ward.demand[0]


def test_set_rule(ward: Unit) -> None:
    """Every 2nd weekend is a rule change; a rule value the law does not allow is refused."""
    assert (
        changed(ward, {"type": "set_rule", "rule": "weekend_every", "value": 2}).rules.weekend_every
        == 2
    )
    message, path = problem_of(ward, {"type": "set_rule", "rule": "daily_rest_h", "value": 6})
    assert "invalid unit" in message
    assert path == ("changes", 0)


def test_add_shift_with_demand(ward: Unit) -> None:
    """A langvakt replacing the day shift takes over its demand rows."""
    unit = changed(
        ward,
        {
            "type": "add_shift",
            "shift": {"code": "L2", "start": "08:00", "end": "20:00"},
            "demand": [{"shift": "L2", "min": 3}],
            "replaces": ["D"],
        },
    )
    assert "L2" in unit.shift_by_code
    assert "D" in unit.shift_by_code  # the shift type stays; only its demand is taken over
    assert not any(row.shift == "D" for row in unit.demand)
    assert any(row.shift == "L2" for row in unit.demand)


def test_remove_shift(ward: Unit) -> None:
    """No night shift: its demand goes, and night-only staff are offered the other shifts."""
    unit = changed(ward, {"type": "remove_shift", "code": "N"})
    assert "N" not in unit.shift_by_code
    assert not any(row.shift == "N" for row in unit.demand)
    assert unit.employee("108").allowed_shifts is None
    assert len(unit.employees) == len(ward.employees)


def test_set_positions_modes(ward: Unit) -> None:
    """All to 100 %, up to the wanted size, or explicit per person."""
    full = changed(ward, {"type": "set_positions", "mode": "all_full"})
    assert {e.position_pct for e in full.employees} == {100}
    raised = changed(ward, {"type": "set_positions", "mode": "raise_to_desired"})
    assert raised.employee("103").position_pct == 100  # wanted 100 from 80
    assert raised.employee("101").position_pct == 100  # already full
    assert not any(e.wants_more for e in raised.employees)
    explicit = changed(
        ward, {"type": "set_positions", "mode": "explicit", "positions": {"307": 40}}
    )
    assert explicit.employee("307").position_pct == 40


def test_remove_fte_cuts_whole_positions_and_changes_no_other(ward: Unit) -> None:
    """Two årsverk on the demo ward: the 75 % vacancy first, then whole positions adding up to
    the least total at or above 2 årsverk; everyone else is exactly as before."""
    change = RemoveFte(type="remove_fte", fte=2)
    removed = change.choose(ward)
    unit = change.apply(ward)
    gone = {r.id for r in removed}
    assert removed[0].id == "205"
    assert removed[0].reason == "vacant"
    assert all(r.reason == "proposal" for r in removed[1:])
    total = sum(r.position_pct for r in removed)
    assert total >= 200
    # No subset of the positions cut reaches 200 % with less (the smallest total at or above).
    assert all(total - r.position_pct < 200 for r in removed)
    assert {e.id for e in unit.employees} == {e.id for e in ward.employees} - gone
    assert [e for e in ward.employees if e.id not in gone] == list(unit.employees)


def test_remove_fte_takes_may_go_and_named_positions_before_proposals(ward: Unit) -> None:
    """Positions marked may_go go right after vacancies, then the named ones, never a proposal
    while those suffice."""
    data = ward.model_dump()
    for employee in data["employees"]:
        if employee["id"] == "212":
            employee["may_go"] = True
    unit = Unit.model_validate(data)
    change = RemoveFte(type="remove_fte", fte=1.5, ids=("101",))
    reasons = {r.id: r.reason for r in change.choose(unit)}
    assert reasons["205"] == "vacant"
    assert reasons["212"] == "may_go"
    assert reasons["101"] == "named"
    assert "proposal" not in reasons.values()


def test_remove_fte_shaves_only_when_asked(ward: Unit) -> None:
    """mode: shave takes percentage points off positions (the old way), vacancy first."""
    unit = changed(ward, {"type": "remove_fte", "fte": 2, "mode": "shave"})
    assert "205" not in unit.employee_by_id
    assert sum(e.fte for e in unit.employees) == pytest.approx(
        sum(e.fte for e in ward.employees) - 2
    )


def test_remove_fte_more_than_there_is(tiny_unit: Unit) -> None:
    """Taking away more årsverk than the unit has is an error naming the field."""
    message, path = problem_of(tiny_unit, {"type": "remove_fte", "fte": 5})
    assert "does not have 5 FTE" in message
    assert path == ("changes", 0, "fte")


def test_lower_competence(ward: Unit) -> None:
    """No helsefagarbeider required on evening shifts; the sykepleier requirement stays."""
    unit = changed(
        ward, {"type": "lower_competence", "competence": "HFA", "shifts": ["A"], "to": 0}
    )
    evenings = [row for row in unit.demand if row.shift == "A"]
    assert all("HFA" not in row.competence_min for row in evenings)
    assert all(row.competence_min.get("SPL") == 1 for row in evenings)


def test_add_and_remove_employees(ward: Unit) -> None:
    """Employees can be added and removed; removing an unknown id is a located error."""
    added = changed(
        ward,
        {
            "type": "add_employees",
            "employees": [{"id": "999", "name": "Ny", "competence": "SPL", "position_pct": 100}],
        },
    )
    assert added.employee("999").position_pct == 100
    removed = changed(ward, {"type": "remove_employees", "ids": ["101", "102"]})
    assert len(removed.employees) == len(ward.employees) - 2
    message, path = problem_of(ward, {"type": "remove_employees", "ids": ["nobody"]})
    assert "nobody" in message
    assert path == ("changes", 0, "ids")


def test_merge_unit_keeps_the_units_apart_but_opens_the_shared_shifts(ward: Unit) -> None:
    """Merging the home-care zone with D and A shared: each unit keeps its own shifts and
    demand, each person their home unit; home-care staff may work the ward's D and A but not
    its nights or langvakter, and the ward's staff the home care's D and A."""
    change = CHANGE.validate_python(
        {"type": "merge_unit", "unit": "hjemmetjeneste.yaml", "prefix": "HT-", "shared": ["D", "A"]}
    )
    unit, problems = apply_changes(ward, (change,), DEMO_SCENARIOS)
    assert problems == []
    codes = [s.code for s in unit.shift_types]
    assert codes == [*(s.code for s in ward.shift_types), "HT-D", "HT-A"]
    assert unit.demand_on(0, "D") == ward.demand_on(0, "D")
    home_monday = unit.demand_on(0, "HT-D")
    assert home_monday is not None
    assert (home_monday.min, home_monday.competence_min) == (2, {"SPL": 1})
    home = unit.employee("HT-1")
    assert home.home_unit == "Hjemmetjenesten sone nord"
    assert [c for c in codes if home.allows_shift(c)] == ["D", "A", "HT-D", "HT-A"]
    nurse = unit.employees[0]
    assert nurse.home_unit == ward.name
    assert nurse.allows_shift("HT-D")
    assert len(unit.employees) == len(ward.employees) + 6
    assert unit.budget.budget_frame_nok == pytest.approx(17_900_000 + 3_300_000)


def test_merge_unit_shares_nothing_unless_asked(ward: Unit) -> None:
    """Without `shared` each unit's staff work only their own unit's shifts; a shared code
    neither unit has is an error naming it."""
    change = CHANGE.validate_python({"type": "merge_unit", "unit": "hjemmetjeneste.yaml"})
    unit, problems = apply_changes(ward, (change,), DEMO_SCENARIOS)
    assert problems == []
    home = next(e for e in unit.employees if e.home_unit == "Hjemmetjenesten sone nord")
    assert not any(home.allows_shift(s.code) for s in ward.shift_types)
    assert not any(unit.employees[0].allows_shift(c) for c in ("HJE-D", "HJE-A"))
    bad = CHANGE.validate_python(
        {"type": "merge_unit", "unit": "hjemmetjeneste.yaml", "shared": ["X"]}
    )
    _, problems = apply_changes(ward, (bad,), DEMO_SCENARIOS)
    assert len(problems) == 1
    assert "«X»" in problems[0].message("nb")


def test_merge_unit_keeps_one_person_one_person(ward: Unit, tmp_path: Path) -> None:
    """A person key given in both units joins the two positions into one person after the
    merge; a position without one stays its own person under its prefixed id."""
    data = yaml.safe_load((DEMO_SCENARIOS / "hjemmetjeneste.yaml").read_text(encoding="utf-8"))
    first_ward_id = ward.employees[0].id
    data["employees"][0]["person"] = first_ward_id
    (tmp_path / "home.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    home = Unit.model_validate(data)
    change = CHANGE.validate_python({"type": "merge_unit", "unit": "home.yaml", "prefix": "HT-"})
    unit, problems = apply_changes(ward, (change,), tmp_path)
    assert problems == []
    joined = unit.employee(f"HT-{home.employees[0].id}")
    assert joined.person_key == ward.employees[0].person_key == first_ward_id
    alone = unit.employee(f"HT-{home.employees[1].id}")
    assert alone.person_key == f"HT-{home.employees[1].id}"


def test_set_budget(ward: Unit) -> None:
    """The budget and FTE frames can be set."""
    unit = changed(ward, {"type": "set_budget", "budget_frame_nok": 14e6, "fte_frame": 16})
    assert (unit.budget.budget_frame_nok, unit.budget.fte_frame) == (14e6, 16)


def test_unknown_shift_is_a_located_error_in_the_file(tmp_path: Path) -> None:
    """A change naming a shift the unit lacks points at that change's line in the file."""
    file = tmp_path / "s.yaml"
    file.write_text(
        "name: Feil\nbase: demo:sykehjem\nchanges:\n"
        "  - {type: set_rule, rule: weekend_every, value: 2}\n"
        "  - {type: remove_shift, code: X}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_scenario(file)
    problem = caught.value.problems[0]
    assert problem.location is not None
    assert problem.location.line == 5
    assert problem.location.path == "changes[1].code"
    assert "«X»" in problem.message("nb")


def test_unknown_change_type_is_located(tmp_path: Path) -> None:
    """A misspelt change type is named with its line."""
    file = tmp_path / "s.yaml"
    file.write_text(
        "name: Feil\nbase: demo:sykehjem\nchanges:\n  - {type: fjern_natt}\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        load_scenario(file)
    problem = caught.value.problems[0]
    assert problem.location is not None
    assert problem.location.line == 4


def test_demo_scenarios_load() -> None:
    """The seven shipped demo scenarios load and differ from each other; only the last one
    plans positions, with its own time limit."""
    files = sorted(DEMO_SCENARIOS.glob("[0-9]*.yaml"))
    scenarios = [load_scenario(f) for f in files]
    assert len(scenarios) == 7
    assert len({s.name for s in scenarios}) == 7
    assert [s.positions is not None for s in scenarios] == [False] * 6 + [True]
    assert scenarios[-1].time_limit_s == 45
    assert ScenarioFile.model_validate({"name": "x", "base": "demo:sykehjem"}).changes == ()


def test_optimise_positions_is_read_with_its_options(tmp_path: Path) -> None:
    """optimise_positions carries step, target and new positions to the planner, wherever it
    stands in the list, and leaves the unit itself unchanged."""
    file = tmp_path / "plan.yaml"
    file.write_text(
        "name: Plan\nbase: demo:sykehjem\nchanges:\n"
        "  - {type: optimise_positions, step_pct: 10, target_share: 0.4, new_positions: {HFA: 2}}\n"
        "  - {type: set_rule, rule: weekend_every, value: 2}\n",
        encoding="utf-8",
    )
    scenario = load_scenario(file)
    assert scenario.positions is not None
    assert scenario.positions.step_pct == 10
    assert scenario.positions.target_share == 0.4
    assert scenario.positions.new_positions == {"HFA": 2}
    assert scenario.unit.rules.weekend_every == 2
    assert scenario.unit.employees == demo_unit("sykehjem").employees


def test_optimise_positions_with_an_unknown_competence_is_located(tmp_path: Path) -> None:
    """New positions of a competence the unit lacks fail with the line of the change."""
    file = tmp_path / "plan.yaml"
    file.write_text(
        "name: Plan\nbase: demo:sykehjem\nchanges:\n"
        "  - {type: optimise_positions, new_positions: {LEGE: 1}}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_scenario(file)
    problem = caught.value.problems[0]
    assert "LEGE" in problem.message("nb")
    assert problem.location is not None
    assert problem.location.line == 4


def test_a_removed_service_carries_its_replacement_cost(tmp_path: Path) -> None:
    """ "No night shift" with a night patrol at 900 000 kr a year: the scenario carries that line."""
    scenario_file = tmp_path / "natt.yaml"
    scenario_file.write_text(
        "name: Ingen nattevakt\nbase: demo:sykehjem\nchanges:\n"
        "  - {type: remove_shift, code: N, replacement_cost_nok: 900000,"
        " replacement_note: nattpatrulje fra hjemmetjenesten}\n",
        encoding="utf-8",
    )
    scenario = load_scenario(scenario_file)
    [line] = scenario.extra_costs
    assert line.amount == 900_000
    assert "nattpatrulje" in line.basis_nb


def test_a_unit_file_given_as_a_scenario_is_named_as_one() -> None:
    """The demo's home-care unit file read as a scenario: one error that says it is a unit
    file and what a scenario holds, not one error per unit field."""
    with pytest.raises(InputError) as raised:
        load_scenario(DEMO_SCENARIOS / "hjemmetjeneste.yaml")
    problems = raised.value.problems
    assert len(problems) == 1
    assert "hjemmetjeneste.yaml er en enhetsfil" in problems[0].describe("nb")
    assert "«base»" in problems[0].describe("nb")


def _rows(unit: Unit) -> list[tuple[str, tuple[int, ...], int]]:
    return [(row.shift, row.weekdays, row.min) for row in unit.demand]


def test_add_vedtak_makes_the_demand_anew() -> None:
    """Three new clients on 2:1 every evening 20:00-22:00, 7 h a week each: 3 × 2 × 7 ÷ 0,7 =
    60 staff hours over 14 h of window, 4,29 more at once on top of 0,99 on weekdays and 0,52
    at weekends: the evening goes from 1 head to 6 on weekdays and 5 at weekends."""
    zone = demo_unit("hjemmesone")
    new = [
        {
            "client": f"N{n}",
            "service": "hjemmesykepleie",
            "hours_per_week": 7,
            "staff": 2,
            "windows": [{"start": "20:00", "end": "22:00"}],
        }
        for n in range(3)
    ]
    more = changed(zone, {"type": "add_vedtak", "vedtak": new})
    assert more.vedtak is not None
    assert len(more.vedtak.vedtak) == len(zone.vedtak.vedtak) + 3  # type: ignore[union-attr]
    evening = sorted((row.weekdays, row.min) for row in more.demand if row.shift == "A")
    assert evening == [((0, 1, 2, 3, 4), 6), ((5, 6), 5)]
    assert [row for row in more.demand if row.shift == "D"] == [
        row for row in zone.demand if row.shift == "D"
    ]


def test_remove_and_scale_vedtak() -> None:
    """Without the double-staffed morning client (0,71 at once) the day shift needs 2 heads
    every day (1,92 on weekdays, 1,09 at weekends; 3 and 2 before); the same hours scaled by 1
    change nothing; scaled past its window a vedtak is refused."""
    zone = demo_unit("hjemmesone")
    fewer = changed(zone, {"type": "remove_vedtak", "clients": ["K104"]})
    assert ("D", tuple(range(7)), 2) in _rows(fewer)
    assert _rows(changed(zone, {"type": "scale_vedtak", "factor": 1})) == _rows(zone)
    message, _ = problem_of(zone, {"type": "scale_vedtak", "factor": 5, "clients": ["K105"]})
    assert "do not fit in the time windows" in message


def test_vedtak_changes_need_vedtak_and_a_match() -> None:
    """The demo ward types its demand; a client the zone does not have is named."""
    message, _ = problem_of(demo_unit(), {"type": "remove_vedtak", "clients": ["K1"]})
    assert "no vedtak" in message
    message, _ = problem_of(demo_unit("hjemmesone"), {"type": "remove_vedtak", "clients": ["X9"]})
    assert message == "No vedtak for X9."
