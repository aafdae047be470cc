"""The terminal view of a scenario comparison."""

from __future__ import annotations

from io import StringIO

from rich.console import Console

from cli.scenario_view import live_table, print_comparison, run_with_progress
from models.numbers import number
from models.unit import Unit
from rota.findings import FindingKind
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


def test_live_table_shows_gaps_in_cover_never_the_objective() -> None:
    """While solving, a scenario shows its best rota's gaps in cover, never the solver's
    objective (for a planner its cost in øre plus terms); a planner says it plans positions."""
    lines = {
        "Dagens turnus": ScenarioEvent("Dagens turnus", "improved", 111.0, 3.2, gaps=4),
        "Heltidsplan": ScenarioEvent("Heltidsplan", "improved", 1_701_374_418.0, 4.5),
    }
    console = Console(record=True, width=200)
    console.print(live_table(lines, {"Heltidsplan"}, "nb"))
    text = console.export_text()
    assert "Mangler i dekningen" in text
    assert "│ 4 " in text
    assert "111" not in text
    assert number(1_701_374_418.0, "nb", 0) not in text
    assert "lager stillingsplan og turnus" in text


def test_a_log_gets_a_line_as_each_scenario_starts_and_ends() -> None:
    """Outside a terminal the run writes a line when a scenario starts and one when it ends,
    with its status and its gaps in cover as the comparison counts them."""
    out = StringIO()
    console = Console(file=out, force_terminal=False, width=200)
    unit = Unit.model_validate(two_shift_unit())
    comparison = run_with_progress(
        console,
        [Scenario("Liten", unit)],
        SolveParams(deterministic=True, time_limit_s=5),
        1,
        "nb",
    )
    gaps = sum(1 for f in comparison.outcomes[0].findings if f.kind is FindingKind.GAP)
    lines = out.getvalue().splitlines()
    assert lines[0] == "  Starter: Liten"
    assert lines[-1].startswith("  Ferdig: Liten (")
    assert gaps == 0  # the tiny unit's minimums are 0
    assert lines[-1].endswith(", 0 mangler i dekningen")
