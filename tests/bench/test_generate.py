"""The generator of the Norwegian scaling series: deterministic, valid, balanced, solvable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import generate_unit, generate_unit_data
from models.capacity import capacity_balance, unit_warnings
from rota.check import check
from rota.findings import FindingKind
from rota.params import SolveParams
from rota.solve import solve

SIZES = (10, 25, 50, 100, 200)


def test_same_seed_gives_the_same_unit() -> None:
    """Two calls with the same size, weeks and seed give the same unit; another seed another."""
    assert generate_unit_data(50, 6, 3) == generate_unit_data(50, 6, 3)
    assert generate_unit_data(50, 6, 3) != generate_unit_data(50, 6, 4)


def test_same_seed_gives_the_same_unit_across_processes() -> None:
    """Two processes with different hash seeds generate the same unit (no set-order leaks)."""
    script = "import json; from bench.generate import generate_unit_data as g;"
    script += " print(json.dumps(g(25, 6, 1), sort_keys=True))"
    outputs = set()
    for hash_seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            cwd=Path(__file__).parents[2],
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert json.loads(outputs.pop())["weeks"] == 6


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("weeks", [6, 12])
def test_units_validate_with_balanced_capacity(size: int, weeks: int) -> None:
    """Every size validates, has the staff asked for, and its capacity balance holds: no warning,
    and every line (hours, competence, weekend heads, language) has at least what it needs."""
    unit = generate_unit(size, weeks, seed=0)
    assert len(unit.employees) == size
    assert unit.weeks == weeks
    assert unit_warnings(unit) == []
    balance = capacity_balance(unit)
    assert balance.contracted_hours_per_week >= balance.demand_min_hours_per_week
    for line in balance.competences + balance.weekend + balance.languages:
        assert line.available >= line.needed, line.key


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_other_seeds_are_balanced_too(seed: int) -> None:
    """Balance is not luck of seed 0: other seeds give units without capacity warnings."""
    for size in (10, 25, 50):
        assert unit_warnings(generate_unit(size, 6, seed)) == []


def test_units_look_like_a_norwegian_ward() -> None:
    """Positions are mostly 50-100 %, some staff want more, Sami speakers exist where Sami demand
    does, and every shift has demand with a sykepleier minimum somewhere."""
    unit = generate_unit(100, 6, seed=0)
    positions = [e.position_pct for e in unit.employees]
    assert sum(50 <= p <= 100 for p in positions) >= 0.7 * len(positions)
    assert any(e.wants_more for e in unit.employees)
    assert any(row.language_min for row in unit.demand)
    assert sum("se" in e.languages for e in unit.employees) >= 5
    assert {row.shift for row in unit.demand} == {"D", "A", "N"}
    assert any("SPL" in row.competence_min for row in unit.demand)
    assert unit.budget.fte_frame is not None


def test_small_generated_unit_solves_without_breaches() -> None:
    """A 10-person unit in deterministic mode gets a rota in which the independent checker finds
    no broken rule."""
    unit = generate_unit(10, 6, seed=0)
    result = solve(unit, SolveParams(deterministic=True, time_limit_s=1))
    assert result.rota is not None
    findings = check(unit, result.rota)
    assert [f for f in findings if f.kind is FindingKind.BREACH] == []
