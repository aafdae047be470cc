"""Wishes are granted when nothing weighs more, and counted when they are not."""

from __future__ import annotations

from models.unit import Unit
from rota.params import SolveParams
from rota.rules.wishes import unmet_wishes
from rota.solve import solve
from tests.rota.conftest import rota_of, two_shift_unit


def test_wishes_are_granted_when_free() -> None:
    """A wish for Wednesday off and one for A on Thursday are both granted."""
    data = two_shift_unit()
    data["employees"][0]["wishes"] = [
        {"day": 2, "kind": "off", "weight": 5},
        {"day": 3, "shift": "A", "kind": "on", "weight": 5},
    ]
    data["employees"][0]["rules"] = {"min_hours": 15, "max_hours": 15}
    unit = Unit.model_validate(data)
    result = solve(unit, SolveParams(deterministic=True, time_limit_s=10))
    assert result.rota is not None
    assert result.rota.shift_on("kari", 2) is None
    assert result.rota.shift_on("kari", 3) == "A"
    assert unmet_wishes(unit, result.rota) == []


def test_unmet_wishes_are_listed() -> None:
    """Working a day one asked off, and missing a wished shift, are both listed."""
    data = two_shift_unit()
    data["employees"][0]["wishes"] = [
        {"day": 0, "kind": "off"},
        {"day": 1, "shift": "A", "kind": "on"},
    ]
    unit = Unit.model_validate(data)
    assert unmet_wishes(unit, rota_of(unit, {"kari": "DD....."})) == [
        ("kari", 0, "off:*"),
        ("kari", 1, "on:A"),
    ]
