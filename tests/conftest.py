"""Tiny named instances and shared fixtures for the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from models.demo import demo_unit
from models.rota import Rota
from models.unit import Unit
from models.unit_workbook import write_template
from models.year_input import PersonYear, YearInput
from rota.annual.plan import YearPlan, plan_year
from rota.params import SolveParams
from rota.solve import solve


def tiny_unit_data() -> dict[str, Any]:
    """Two shifts, two competences, three people, one week: small enough to check by hand."""
    return {
        "name": "Tiny",
        "municipality": "Testvik",
        "weeks": 1,
        "shift_types": [
            {"code": "D", "name": "Dag", "start": "07:00", "end": "15:00"},
            {"code": "N", "name": "Natt", "start": "22:00", "end": "07:00"},
        ],
        "competences": [
            {"code": "SPL", "name": "Sykepleier", "covers": ["HFA"]},
            {"code": "HFA", "name": "Helsefagarbeider"},
        ],
        "employees": [
            {"id": "a", "name": "Anna", "competence": "SPL", "position_pct": 100},
            {
                "id": "b",
                "name": "Bjørn",
                "competence": "HFA",
                "position_pct": 50,
                "languages": ["se"],
            },
            {
                "id": "c",
                "name": "Cato",
                "competence": "HFA",
                "position_pct": 80,
                "desired_pct": 100,
            },
        ],
        "demand": [
            {"shift": "D", "weekdays": [0, 1, 2, 3, 4], "min": 2, "competence_min": {"SPL": 1}},
            {"shift": "D", "weekdays": [5, 6], "min": 1, "target": 2, "language_min": {"se": 1}},
            {"shift": "N", "min": 1},
        ],
    }


@pytest.fixture
def tiny_unit() -> Unit:
    return Unit.model_validate(tiny_unit_data())


@pytest.fixture(scope="session")
def ward() -> Unit:
    return demo_unit("sykehjem")


@pytest.fixture(scope="session")
def bofellesskap() -> Unit:
    return demo_unit("bofellesskap")


@pytest.fixture(scope="session")
def example_workbook_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The example input workbook (the sykehjem demo), written once per test session."""
    path: Path = tmp_path_factory.mktemp("example") / "eksempel.xlsx"
    write_template(path, example=True)
    return path.read_bytes()


def small_ward_data() -> dict[str, Any]:
    """Six people and a vacant position, a day and an evening shift, two weeks: a year of it
    plans in seconds."""
    return {
        "name": "Lille avdeling",
        "weeks": 2,
        "shift_types": [
            {"code": "D", "name": "Dag", "start": "07:30", "end": "15:00"},
            {"code": "A", "name": "Aften", "start": "14:30", "end": "22:00"},
        ],
        "competences": [
            {"code": "SPL", "name": "Sykepleier", "covers": ["HFA"]},
            {"code": "HFA", "name": "Helsefagarbeider"},
        ],
        "employees": [
            {"id": "s1", "name": "Siri", "competence": "SPL", "position_pct": 100},
            {"id": "s2", "name": "Sander", "competence": "SPL", "position_pct": 80, "age": 61},
            {"id": "s3", "name": "Sunniva", "competence": "SPL", "position_pct": 60},
            {"id": "h1", "name": "Hanne", "competence": "HFA", "position_pct": 100},
            {"id": "h2", "name": "Henrik", "competence": "HFA", "position_pct": 80},
            {
                "id": "h3",
                "name": "Hege",
                "competence": "HFA",
                "position_pct": 60,
                "desired_pct": 80,
            },
            {"id": "v1", "name": "", "competence": "HFA", "position_pct": 50, "vacant": True},
        ],
        "rules": {"hours_tolerance_h_per_week": 4, "weekend_every": 2},
        "budget": {"pay_per_competence": {"SPL": 600000, "HFA": 520000}},
        "demand": [
            {"shift": "D", "min": 2, "competence_min": {"SPL": 1}},
            {"shift": "A", "min": 1},
        ],
    }


@pytest.fixture(scope="session")
def small_ward() -> Unit:
    return Unit.model_validate(small_ward_data())


@pytest.fixture(scope="session")
def small_ward_turnus(small_ward: Unit) -> Rota:
    """Its grunnturnus, found in deterministic mode."""
    result = solve(small_ward, SolveParams(time_limit_s=5, deterministic=True))
    assert result.rota is not None
    return result.rota


SMALL_YEAR_LIMIT = 12.0
SMALL_YEAR_PARAMS = SolveParams(time_limit_s=SMALL_YEAR_LIMIT, deterministic=True)
# A wish, an agreed week and last year's Christmas and Easter.
SMALL_YEAR_INPUT = YearInput(
    year=2027,
    people=(
        PersonYear(id="s1", wished_weeks=(28, 29, 30), worked_christmas=True),
        PersonYear(id="h1", agreed_weeks=(7,), worked_easter=True),
    ),
)


@pytest.fixture(scope="session")
def small_year(small_ward: Unit, small_ward_turnus: Rota) -> YearPlan:
    """Its year 2027 in deterministic mode, with SMALL_YEAR_INPUT."""
    return plan_year(small_ward, small_ward_turnus, 2027, SMALL_YEAR_INPUT, SMALL_YEAR_PARAMS)
