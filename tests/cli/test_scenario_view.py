"""The terminal view of a scenario comparison."""

from __future__ import annotations

from rich.console import Console

from cli.scenario_view import live_table, print_comparison
from models.numbers import number
from models.unit import Unit
from rota.params import SolveParams
from scenarios.runner import Comparison, Scenario, ScenarioEvent, solve_scenario
from tests.rota.conftest import two_shift_unit


def test_a_scenario_stopped_by_time_gets_a_line_on_what_to_do() -> None:
    """Under the table, a scenario whose search found no rota in its time is named with the
    advice to give it more time, with the option the caller names."""
    unit = Unit.model_validate(two_shift_unit())
    # A search that may not even start cannot find a rota: the result is "no rota in time".
    outcome = solve_scenario(
        Scenario("Langvakter", unit), SolveParams(time_limit_s=1e-6, deterministic=True)
    )
    assert outcome.result.rota is None
    console = Console(record=True, width=200)
    print_comparison(console, Comparison([outcome]), "nb", "--scenario-time-limit")
    text = console.export_text()
    assert "Langvakter: Søket ble stoppet av tidsgrensen" in text
    assert "--scenario-time-limit" in text


def test_live_table_hides_the_planners_objective() -> None:
    """While solving, a rota scenario shows its objective; a scenario that plans positions
    shows none (the planner's is cost in øre plus terms) and says it plans positions."""
    lines = {
        "Dagens turnus": ScenarioEvent("Dagens turnus", "improved", 111.0, 3.2),
        "Heltidsplan": ScenarioEvent("Heltidsplan", "improved", 1_701_374_418.0, 4.5),
    }
    console = Console(record=True, width=200)
    console.print(live_table(lines, {"Heltidsplan"}, "nb"))
    text = console.export_text()
    assert "111" in text
    assert number(1_701_374_418.0, "nb", 0) not in text
    assert "1701374418" not in text
    assert "lager stillingsplan og turnus" in text
