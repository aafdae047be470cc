"""The scenario runner: any executor, the scenarios' own order, same KPIs however many jobs."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

import scenarios.runner as runner_module
from models.unit import Unit
from rota.params import SolveParams
from scenarios.relaxation import LOOSER, relaxes
from scenarios.runner import (
    Scenario,
    ScenarioEvent,
    ScenarioOutcome,
    Start,
    run_scenarios,
    solve_scenario,
)
from scenarios.scenario import (
    Change,
    LowerCompetence,
    ScaleDemand,
    SetDemand,
    SetRule,
    apply_changes,
)
from tests.rota.conftest import two_shift_unit

PARAMS = SolveParams(deterministic=True, time_limit_s=5, gap_bound_s=1)
# The relaxation tests hold whatever the search finds: a short deterministic search will do.
QUICK = SolveParams(deterministic=True, time_limit_s=0.3, gap_bound_s=0.1)


def small_scenarios() -> list[Scenario]:
    base = two_shift_unit()
    base["demand"] = [{"shift": "D", "min": 1}, {"shift": "A", "weekdays": [0, 1, 2], "min": 1}]
    base["budget"] = {
        "pay_per_competence": {"SPL": 560_000, "HFA": 480_000},
        "budget_frame_nok": 600_000,
    }
    fewer = {**base, "employees": base["employees"][:1]}
    return [
        Scenario("Grunnlag", Unit.model_validate(base)),
        Scenario("Én ansatt", Unit.model_validate(fewer)),
    ]


def test_one_and_two_jobs_give_identical_kpis() -> None:
    """In deterministic mode two processes at once give the same comparison as one at a time."""
    one = run_scenarios(small_scenarios(), PARAMS, jobs=1)
    two = run_scenarios(small_scenarios(), PARAMS, jobs=2)
    assert [r.as_dict() for r in one.rows] == [r.as_dict() for r in two.rows]
    assert [r.name for r in one.rows] == ["Grunnlag", "Én ansatt"]


def test_any_executor_and_live_events() -> None:
    """A thread pool works too, and each scenario reports waiting, running and done."""
    events: list[ScenarioEvent] = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        comparison = run_scenarios(small_scenarios(), PARAMS, executor=pool, on_event=events.append)
    states = {(e.name, e.state) for e in events}
    for name in ("Grunnlag", "Én ansatt"):
        assert {(name, "waiting"), (name, "running"), (name, "done")} <= states
    fewer = comparison.outcome("Én ansatt").kpis
    base = comparison.outcome("Grunnlag").kpis
    # One person fewer: less pay, more gaps, and the gaps bought at the agency price.
    assert fewer.cost_by_kind["base"] < base.cost_by_kind["base"]
    assert fewer.cover_gap_hours_per_week > base.cover_gap_hours_per_week
    assert fewer.cost_by_kind["uncovered"] > base.cost_by_kind["uncovered"] == 0


def tight_unit() -> Unit:
    """Two weeks, day and evening shifts, four people at 63 % (six shifts each) against about twice their hours:
    the base rota has gaps, so a relaxation has room to show fewer (or, if broken, more)."""
    data = two_shift_unit(
        weekend_every=3,
        daily_rest_h=11,
        max_quick_returns=0,
        quick_return_min_rest_h=9,
        weekly_rest_h=35,
        max_hours_per_day=12,
        max_hours_per_7_days=48,
        average_hours_per_week=40,
        max_hours_per_week=50,
        max_consecutive_days=5,
        min_consecutive_days=2,
        max_weekends=1,
        max_consecutive_nights=3,
        days_off_after_nights=2,
        min_consecutive_days_off=2,
        hours_tolerance_h_per_week=0.5,
    )
    data["weeks"] = 2
    data["employees"] = [
        {"id": f"p{n}", "competence": code, "position_pct": 63.38, "languages": langs}
        for n, (code, langs) in enumerate(
            [("SPL", ["se"]), ("SPL", []), ("HFA", []), ("HFA", ["se"])]
        )
    ]
    data["demand"] = [
        {"shift": "D", "min": 4, "competence_min": {"SPL": 1, "HFA": 1}, "language_min": {"se": 1}},
        {"shift": "A", "min": 1, "competence_min": {"SPL": 1}},
    ]
    data["budget"] = {"pay_per_competence": {"SPL": 560_000, "HFA": 480_000}}
    return Unit.model_validate(data)


LOOSER_VALUES: dict[str, Any] = {
    "working_time_act": False,
    "daily_rest_h": 10,
    "max_quick_returns": 1,
    "quick_return_min_rest_h": 8,
    "weekly_rest_h": 30,
    "max_hours_per_day": 12.5,
    "max_hours_per_7_days": 54,
    "average_hours_per_week": 48,
    "max_hours_per_week": 54,
    "weekend_every": 2,
    "whole_weekends": False,
    "sunday_rule": False,
    "max_consecutive_days": 6,
    "min_consecutive_days": 1,
    "max_weekends": 2,
    "max_consecutive_nights": 4,
    "days_off_after_nights": 1,
    "min_consecutive_days_off": 1,
    "hours_tolerance_h_per_week": 1.0,
    "night_spread_weight": 50,
    "weekend_spread_weight": 50,
    "isolated_day_weight": 50,
    "week_hours_slack_h": 2.0,
    "uneven_week_weight": 50,
}


@pytest.fixture(scope="module")
def base_outcome() -> ScenarioOutcome:
    unit = tight_unit()
    return solve_scenario(Scenario("I dag", unit, base=unit), QUICK, is_base=True)


def relaxed_outcome(base: ScenarioOutcome, *changes: Change) -> ScenarioOutcome:
    unit, problems = apply_changes(base.unit, changes)
    assert problems == []
    assert base.result.rota is not None
    return solve_scenario(
        Scenario("Løsere", unit, base=base.unit), QUICK, base_rota=base.result.rota
    )


def assert_no_worse(base: ScenarioOutcome, relaxed: ScenarioOutcome) -> None:
    assert relaxed.relaxation
    assert relaxed.start in (Start.FROM_BASELINE, Start.BASELINE_KEPT)
    assert relaxed.kpis.gap_hours_per_week <= base.kpis.gap_hours_per_week + 1e-6


def test_the_tight_base_has_gaps(base_outcome: ScenarioOutcome) -> None:
    """The base unit cannot be covered (so each relaxation below is a real test)."""
    assert base_outcome.start is Start.BASELINE
    assert base_outcome.kpis.gap_hours_per_week > 10
    assert base_outcome.kpis.unavoidable_gap_hours_per_week is not None
    assert base_outcome.kpis.unavoidable_gap_hours_per_week > 0


def test_the_looser_values_cover_the_whole_table() -> None:
    """Every rule the relaxation table names has a looser value tested below."""
    assert set(LOOSER_VALUES) == set(LOOSER)


@pytest.mark.parametrize("rule", sorted(LOOSER_VALUES))
def test_a_looser_rule_never_shows_more_gaps(base_outcome: ScenarioOutcome, rule: str) -> None:
    """set_rule to a looser value: a relaxation, started from today, no more gaps than today."""
    change = SetRule(type="set_rule", rule=rule, value=LOOSER_VALUES[rule])
    assert_no_worse(base_outcome, relaxed_outcome(base_outcome, change))


def test_lower_competence_never_shows_more_gaps(base_outcome: ScenarioOutcome) -> None:
    """No sykepleier needed on evenings: a relaxation, and no more gaps than today."""
    change = LowerCompetence(type="lower_competence", competence="SPL", shifts=("A",), to=0)
    assert_no_worse(base_outcome, relaxed_outcome(base_outcome, change))


def test_less_demand_never_shows_more_gaps(base_outcome: ScenarioOutcome) -> None:
    """Demand scaled down by half: a relaxation, and no more gaps than today."""
    change = ScaleDemand(type="scale_demand", factor=0.5)
    assert_no_worse(base_outcome, relaxed_outcome(base_outcome, change))


def test_a_removed_minimum_never_shows_more_gaps(base_outcome: ScenarioOutcome) -> None:
    """No language minimum on the day shift: a relaxation, and no more gaps than today."""
    change = SetDemand(type="set_demand", shift="D", language_min={})
    assert_no_worse(base_outcome, relaxed_outcome(base_outcome, change))


def test_tighter_changes_are_not_relaxations() -> None:
    """A stricter rule, more demand, or a longer full-time week is not a relaxation; lifting the
    weekend limit is."""
    base = tight_unit()

    def relaxing(change: Change) -> bool:
        unit, problems = apply_changes(base, (change,))
        assert problems == []
        return relaxes(base, unit)

    assert not relaxing(SetRule(type="set_rule", rule="weekend_every", value=4))
    assert not relaxing(SetRule(type="set_rule", rule="full_time_week_h", value=33.6))
    assert not relaxing(ScaleDemand(type="scale_demand", factor=1.5))
    assert relaxing(SetRule(type="set_rule", rule="max_weekends", value=None))


def test_every_scenario_starts_from_the_base_it_shares() -> None:
    """Two scenarios of one base: the base is solved once (as the unchanged scenario) and the
    other starts from its rota."""
    base = tight_unit()
    relaxed, _ = apply_changes(base, (ScaleDemand(type="scale_demand", factor=0.5),))
    comparison = run_scenarios(
        [Scenario("I dag", base, base=base), Scenario("Halv", relaxed, base=base)], QUICK
    )
    assert comparison.outcome("I dag").start is Start.BASELINE
    assert comparison.outcome("Halv").start in (Start.FROM_BASELINE, Start.BASELINE_KEPT)


def test_a_worker_stopped_by_ctrl_c_starts_no_further_scenario(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The pool hands a worker its next scenario before the parent cancels the rest: after Ctrl+C
    the worker refuses it at once rather than solving it to its time limit."""
    monkeypatch.setitem(runner_module._WORKER, "interrupted", True)
    scenario = Scenario(name="base", unit=Unit.model_validate(two_shift_unit()))
    with pytest.raises(KeyboardInterrupt):
        runner_module._solve_in_worker(scenario, SolveParams(time_limit_s=30), None, None, True)
