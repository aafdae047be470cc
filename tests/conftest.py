"""Tiny named instances and shared fixtures for the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from models.demo import demo_unit
from models.unit import Unit
from models.unit_workbook import write_template


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
