"""rota.columns: rows priced by the cover's LP, and the search with the days they agree on fixed."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from bench.curtois import objective, parse, roster_of, violations
from models.curtois import unit_from_curtois
from models.rota import Rota
from models.unit import Unit
from rota import columns
from rota.check import check
from rota.columns import Column, LpSolution, Master, Pricer, agreed, generate, heaviest
from rota.cpsat import run_solver
from rota.findings import FindingKind
from rota.model import build_model, solve_fixed
from rota.params import SolveParams
from tests.curtois_sample import ROSTER, ROSTER_OBJECTIVE, SAMPLE, roster_rows
from tests.rota.conftest import rota_of, two_shift_unit

DETERMINISTIC = SolveParams(deterministic=True, time_limit_s=5)


def _sample() -> Unit:
    return unit_from_curtois(SAMPLE, "sample.txt")


def _roster_rota(unit: Unit) -> Rota:
    return Rota(
        days=unit.days,
        assignments={e: tuple(row) for e, row in roster_rows(ROSTER).items()},
    )


def _optimum(unit: Unit) -> float:
    """The unit's proven optimum, by CP-SAT on the whole model."""
    ctx = build_model(unit, DETERMINISTIC.with_(time_limit_s=30))
    status, solver = run_solver(ctx, DETERMINISTIC.with_(time_limit_s=30))
    assert status.name == "OPTIMAL"
    return solver.objective_value


def test_a_persons_own_cost_is_their_wishes_and_a_broken_rule_has_none() -> None:
    """In the sample, A's own cost of their roster row is the on-request they miss on day 5 (2),
    B's the off-request they do not get on day 6 (3); a row with E after L (forbidden) has none."""
    unit = _sample()
    people = {e.id: Pricer(unit, e, DETERMINISTIC) for e in unit.employees}
    rows = roster_rows(ROSTER)
    assert people["A"].cost_of(tuple(rows["A"])) == 2
    assert people["B"].cost_of(tuple(rows["B"])) == 3
    assert people["B"].cost_of(("L", "E") + (None,) * 12) is None


def test_the_master_of_one_row_each_costs_what_the_rota_costs() -> None:
    """With one row per person the LP has no choice: its value is the hand-worked objective of
    the sample's roster (1005), wishes and cover alike."""
    unit = _sample()
    master = Master(unit, DETERMINISTIC)
    for employee in unit.employees:
        row = tuple(roster_rows(ROSTER)[employee.id])
        cost = Pricer(unit, employee, DETERMINISTIC).cost_of(row)
        assert cost is not None
        assert master.add(employee.id, Column(row, cost))
        assert not master.add(employee.id, Column(row, cost))  # a row is added once
    solution = master.solve()
    assert solution is not None
    assert solution.value == pytest.approx(ROSTER_OBJECTIVE)


def test_the_master_counts_competence_and_language_gaps() -> None:
    """Two people, one day shift a day wanting a Sami speaker: with only Ola (no Sami) on Monday
    and nobody else, the LP counts Monday's language gap at its weight, as the model does."""
    data = two_shift_unit()
    data["demand"] = [
        {"shift": "D", "weekdays": [0], "min": 0, "target": 1, "language_min": {"se": 1}}
    ]
    unit = Unit.model_validate(data)
    params = DETERMINISTIC
    rota = rota_of(unit, {"ola": "D......"})
    master = Master(unit, params)
    for employee in unit.employees:
        row = rota.assignments[employee.id]
        cost = Pricer(unit, employee, params).cost_of(row)
        assert cost is not None
        master.add(employee.id, Column(row, cost))
    solution = master.solve()
    assert solution is not None
    ctx = build_model(unit, params)
    status, whole = solve_fixed(
        ctx, {v.index: int(rota.shift_on(e, d) == c) for (e, d, c), v in ctx.x.items()}
    )
    assert status == cp_model.OPTIMAL
    assert solution.value == pytest.approx(whole.objective_value)
    assert solution.value >= params.language_gap_weight


def test_the_lp_lies_between_its_bound_and_the_optimum() -> None:
    """Priced to the end on the sample, the LP's value is at most the proven optimum (it is a
    relaxation), and the bound it proves is at most the LP's value."""
    unit = _sample()
    start = _roster_rota(unit)
    generated = generate(unit, DETERMINISTIC, [start], seconds=5)
    assert generated is not None
    optimum = _optimum(unit)
    assert generated.solution.value <= optimum + 1e-6
    assert generated.bound is not None
    assert generated.bound <= generated.solution.value + 1e-6
    assert generated.solution.value < ROSTER_OBJECTIVE  # pricing found better rows


def test_agreed_days_are_those_every_row_of_the_mix_shares() -> None:
    """Two rows for A in the mix that differ on day 1 only: every day but day 1 is fixed to
    what both say; B's one row fixes all of B's days; the heaviest row is A's first."""
    solution = LpSolution(
        value=0.0,
        prices={},
        person_price={},
        mix={
            "A": [(Column(("E", "E", None), 0.0), 0.7), (Column(("E", "L", None), 0.0), 0.3)],
            "B": [(Column((None, "L", "L"), 0.0), 1.0)],
        },
    )
    fixed = agreed(solution)
    assert fixed == {
        ("A", 0): "E",
        ("A", 2): None,
        ("B", 0): None,
        ("B", 1): "L",
        ("B", 2): "L",
    }
    fallback = Rota(days=3, assignments={"A": (None,) * 3, "B": (None,) * 3})
    assert heaviest(solution, fallback).assignments == {
        "A": ("E", "E", None),
        "B": (None, "L", "L"),
    }


def test_price_and_fix_keeps_every_rule_and_never_loses_ground() -> None:
    """From the sample's hand-made roster, the price-and-fix rota breaks no hard rule by the
    benchmark's own scorer, and scores no worse than the roster (1005) by it."""
    unit = _sample()
    start = _roster_rota(unit)
    rota = columns.price_and_fix(unit, start, DETERMINISTIC, seconds=4)
    roster = roster_of(rota)
    instance = parse(SAMPLE)
    assert violations(instance, roster) == []
    assert objective(instance, roster) <= ROSTER_OBJECTIVE
    assert [f for f in check(unit, rota) if f.kind is FindingKind.BREACH] == []


def test_columns_apply_only_where_the_cover_alone_ties_people_together() -> None:
    """A spread of weekends between people, or cover made hard, leaves the columns out."""
    unit = _sample()
    assert columns.applies(unit, DETERMINISTIC)
    assert not columns.applies(unit, DETERMINISTIC.with_(hard_cover=True))
    spread = unit.model_copy(
        update={"rules": unit.rules.model_copy(update={"weekend_spread_weight": 5})}
    )
    assert not columns.applies(spread, DETERMINISTIC)
