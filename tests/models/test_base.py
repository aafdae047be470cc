"""The shared model base: a yes or no where a number belongs is refused at its field."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from models.translate import translate
from models.unit import Unit
from tests.rota.conftest import two_shift_unit


@pytest.mark.parametrize(
    ("where", "value", "expected"),
    [
        (("weeks",), True, "weeks: «yes» er ikke et helt tall."),
        (
            ("employees", 0, "position_pct"),
            False,
            "employees[0].position_pct: «no» er ikke et tall.",
        ),
    ],
)
def test_yes_or_no_for_a_number_is_refused_at_its_field(
    where: tuple[str | int, ...], value: bool, expected: str
) -> None:
    """`weeks: yes` was read as 1 and `position_pct: no` as 0 %: now each is an error at its
    field."""
    data = two_shift_unit()
    target = data
    for part in where[:-1]:
        target = target[part]  # type: ignore[index]
    target[where[-1]] = value  # type: ignore[index]
    with pytest.raises(ValidationError) as caught:
        Unit.model_validate(data)
    assert [p.describe("nb") for p in translate(caught.value)] == [expected]


def test_yes_or_no_rules_are_still_yes_or_no() -> None:
    """A rule that is a yes or no (whole weekends) still takes true and false."""
    data = two_shift_unit(whole_weekends=False)
    assert Unit.model_validate(data).rules.whole_weekends is False


def test_a_copy_with_new_employees_finds_the_new_ones(tiny_unit: Unit) -> None:
    """After `model_copy(update=...)` a unit looks its employees up among the new ones, even
    when the original had looked one up (and cached the table) before."""
    assert tiny_unit.employee("a").unavailable_days == ()
    changed = tiny_unit.model_copy(
        update={
            "employees": tuple(
                e.model_copy(update={"unavailable_days": (2,)}) for e in tiny_unit.employees
            )
        }
    )
    assert changed.employee("a").unavailable_days == (2,)
    assert tiny_unit.employee("a").unavailable_days == ()
