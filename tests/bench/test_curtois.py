"""The independent Curtois & Qu scorer, and the engine against it."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from bench.curtois import DEFAULT_FOLDER, objective, parse, roster_of, violations
from models.curtois import load_unit_curtois, unit_from_curtois
from rota.model import build_model, terms_from, tightened
from rota.params import SolveParams
from rota.result import Status
from rota.solve import solve
from tests.curtois_sample import ROSTER, ROSTER_OBJECTIVE, SAMPLE, roster_rows


def broken(rows: dict[str, str]) -> list[str]:
    """The rule numbers the scorer finds broken in the roster."""
    return sorted({line.split()[0] for line in violations(parse(SAMPLE), roster_rows(rows))})


def test_hand_made_roster_scores_exactly() -> None:
    """The hand-made roster keeps every hard rule and scores the objective worked out by hand."""
    instance = parse(SAMPLE)
    assert violations(instance, roster_rows(ROSTER)) == []
    assert objective(instance, roster_rows(ROSTER)) == ROSTER_OBJECTIVE


def test_each_hard_rule_is_checked() -> None:
    """Breaking rules 2-9 one at a time is found, each under its own number."""
    b = ROSTER["B"]
    assert broken({"A": "..EEE..EEEEE..", "B": "LLLL..LLLL..LL"}) == ["9"]  # day off 13
    assert broken({"A": "..ELE..EEEEE..", "B": b}) == ["2"]  # E may not follow L
    assert broken({"A": "..LLL..LLLLE..", "B": b}) == ["2", "3"]  # 8 L, max 3 (and L then E)
    assert broken({"A": "...E..........", "B": b}) == ["4", "6"]  # 480 of 960 min; a lone day
    assert broken({"A": "..EEEEEE..EE..", "B": b}) == ["5"]  # six in a row, max 5
    assert broken({"A": "..EEE.EEEEE...", "B": b}) == ["7"]  # a lone day off
    assert broken({"A": "..EEEEE...EEE.", "B": b}) == ["8"]  # two weekends, max 1
    assert broken({"A": ROSTER["A"], "B": "LLLLLLLLLLLLL."}) == ["4", "5"]


def test_runs_touching_the_ends_are_exempt() -> None:
    """A short run of work or of days off on the first or last day is not held to the minimum."""
    assert broken({"A": "..EEE..EEEE..E", "B": ROSTER["B"]}) == []
    assert broken({"A": "..EEE..EEEE.E.", "B": ROSTER["B"]}) == ["6", "7"]


def test_engine_objective_is_the_benchmark_objective() -> None:
    """The engine's optimum on the sample is what the independent scorer gives its roster."""
    unit = unit_from_curtois(SAMPLE, "sample.txt")
    result = solve(unit, SolveParams(deterministic=True, time_limit_s=10))
    assert result.status is Status.OPTIMAL
    assert result.rota is not None
    roster = roster_of(result.rota)
    instance = parse(SAMPLE)
    assert violations(instance, roster) == []
    assert result.objective == objective(instance, roster)
    assert result.objective <= ROSTER_OBJECTIVE


@pytest.mark.skipif(
    not (DEFAULT_FOLDER / "Instance1.txt").is_file(),
    reason=f"the benchmark instances are not in {DEFAULT_FOLDER}",
)
def test_instance1_is_solved_to_its_proven_optimum_of_607() -> None:
    """The engine proves 607 optimal on Instance1 within 10 s of work, and the scorer agrees."""
    path = DEFAULT_FOLDER / "Instance1.txt"
    # Deterministic: the 10 s are solver work, not the clock, so a busy machine proves it too.
    result = solve(load_unit_curtois(path), SolveParams(deterministic=True, time_limit_s=10))
    assert result.status is Status.OPTIMAL
    assert result.objective == 607
    assert result.rota is not None
    instance = parse(path.read_text(encoding="utf-8"))
    roster = roster_of(result.rota)
    assert violations(instance, roster) == []
    assert objective(instance, roster) == 607


def test_a_rota_not_proven_optimal_is_priced_at_what_it_costs() -> None:
    """Slack in a rota's penalties (over-cover counted higher than its shifts make it) is taken
    out: the engine reports the objective of the rota itself, which is the benchmark's."""
    unit = unit_from_curtois(SAMPLE, "sample.txt")
    ctx = build_model(unit, SolveParams())
    rota = roster_rows(ROSTER)
    loose = ctx.model.clone()  # same variable indices, so the solver's values read for ctx
    for (employee, day, code), variable in ctx.x.items():
        loose.add(variable == int(rota[employee][day] == code))
    over, weight = ctx.terms["over_cover"][0]
    loose.add(over >= 1)  # a loose solution: one cell counted as over-covered
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(loose) == cp_model.OPTIMAL
    assert sum(terms_from(ctx, solver).values()) == ROSTER_OBJECTIVE + weight
    objective_value, terms = tightened(ctx, solver, Status.FEASIBLE)
    assert objective_value == ROSTER_OBJECTIVE
    assert sum(terms.values()) == ROSTER_OBJECTIVE
