"""Heltid figures counted by hand on small staff lists."""

from __future__ import annotations

from typing import Any

import pytest

from models.heltid import band_of, heltid
from models.unit import Unit
from tests.rota.conftest import two_shift_unit


def _unit(employees: list[dict[str, Any]]) -> Unit:
    data = two_shift_unit()
    data["employees"] = employees
    return Unit.model_validate(data)


def _person(ident: str, competence: str, pct: float, **extra: Any) -> dict[str, Any]:
    return {"id": ident, "competence": competence, "position_pct": pct, **extra}


def test_bands_split_where_hr_reports_them() -> None:
    """49.9 is under 50, 50 and 79.9 are 50-79, 80 and 99.9 are 80-99, only 100 is full."""
    assert [band_of(p) for p in (0.1, 49.9, 50, 79.9, 80, 99.9, 100)] == [
        "under_50",
        "under_50",
        "50_79",
        "50_79",
        "80_99",
        "80_99",
        "100",
    ]


def test_shares_average_bands_and_unwanted_parttime_by_hand() -> None:
    """Two of four positions full-time: share of heads 0.5, of FTE 2/2.9; unwanted part-time
    counts the people who want more (not vacancies), with the FTE they want."""
    unit = _unit(
        [
            _person("a", "SPL", 100),
            _person("b", "SPL", 60, desired_pct=80),
            _person("c", "HFA", 100),
            _person("d", "HFA", 30, vacant=True),
        ]
    )
    figures = heltid(unit)
    total = figures.total
    assert (total.heads, total.fulltime_heads, total.vacant) == (4, 2, 1)
    assert total.share_heads == 0.5
    assert total.share_fte == pytest.approx(2.0 / 2.9)
    assert total.average_position_pct == pytest.approx(72.5)
    assert total.bands == {"under_50": 1, "50_79": 1, "80_99": 0, "100": 2}
    assert total.unwanted_parttime_heads == 1
    assert total.unwanted_parttime_fte == pytest.approx(0.2)
    spl = figures.by_competence["SPL"]
    assert (spl.heads, spl.fulltime_heads, spl.share_heads) == (2, 1, 0.5)
    assert figures.by_competence["HFA"].unwanted_parttime_heads == 0


def test_a_zero_position_is_no_position() -> None:
    """A 0 % position (given up) counts in no figure."""
    unit = _unit([_person("a", "SPL", 100), _person("z", "HFA", 0, vacant=True)])
    total = heltid(unit).total
    assert (total.heads, total.share_heads, total.vacant) == (1, 1.0, 0)
