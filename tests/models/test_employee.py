"""Employees' language codes: every known spelling of a Sami language read as its code, and
anything else refused with the codes to write."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from models.employee import Employee
from models.translate import translate
from models.unit import Unit
from tests.rota.conftest import two_shift_unit


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("se", "se"),
        ("SE", "se"),
        (" Se ", "se"),
        ("sme", "se"),
        ("Nordsamisk", "se"),
        ("North Sami", "se"),
        ("davvisámegiella", "se"),
        ("SMJ", "smj"),
        ("lulesamisk", "smj"),
        ("Lule-Sami", "smj"),
        ("sma", "sma"),
        ("Sørsamisk", "sma"),
        ("åarjelsaemien", "sma"),
    ],
)
def test_every_known_spelling_is_read_as_its_code(written: str, code: str) -> None:
    """A speaker written as the code in any case, the ISO 639-3 code or a name counts as a
    speaker of that language."""
    employee = Employee(id="a", competence="HFA", position_pct=50, languages=(written,))
    assert employee.languages == (code,)


def _unit_problems(data: dict[str, Any]) -> list[str]:
    """The problems a unit's data gives, as the user reads them (in Norwegian)."""
    with pytest.raises(ValidationError) as caught:
        Unit.model_validate(data)
    return [problem.describe("nb") for problem in translate(caught.value)]


@pytest.mark.parametrize("written", ["xx", "en", "sámi 2", "samisk"])
def test_an_unknown_language_is_refused_with_the_codes_to_write(written: str) -> None:
    """An employee's unknown language is an error at its place that lists se, smj and sma;
    "samisk" alone is told to say which Sami language."""
    data = two_shift_unit()
    data["employees"][1]["languages"] = [written]
    [message] = _unit_problems(data)
    assert message.startswith("employees[1].languages[0]")
    assert "se (nordsamisk), smj (lulesamisk) eller sma (sørsamisk)" in message
    if written == "samisk":
        assert "hvilket samisk språk" in message


def test_a_demand_rows_language_is_read_the_same_way() -> None:
    """A minimum of North Sami speakers written as "Nordsamisk" is the minimum for se; one for
    an unknown language is refused at the row."""
    data = two_shift_unit()
    data["demand"][0]["language_min"] = {"Nordsamisk": 1}
    unit = Unit.model_validate(data)
    assert unit.demand[0].language_min == {"se": 1}
    data["demand"][0]["language_min"] = {"xx": 1}
    [message] = _unit_problems(data)
    assert message.startswith("demand[0].language_min")
