"""The scenario runner: any executor, the scenarios' own order, same KPIs however many jobs."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from models.unit import Unit
from rota.params import SolveParams
from scenarios.runner import Scenario, ScenarioEvent, run_scenarios
from tests.rota.conftest import two_shift_unit

PARAMS = SolveParams(deterministic=True, time_limit_s=5)


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
