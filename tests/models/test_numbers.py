"""Numbers as the reader writes them."""

from __future__ import annotations

from models.numbers import hours, number


def test_number_groups_and_decimals_by_language() -> None:
    """1234.5 is 1 234,5 in Norwegian and 1,234.5 in English."""
    assert number(1234.5) == "1 234,5"
    assert number(1234.5, "en") == "1,234.5"


def test_hours_drop_trailing_zeros() -> None:
    """Hours keep two decimals at most and no trailing zeros: 52,25, 33,6 and 56."""
    assert [hours(52.25), hours(33.6), hours(56.0)] == ["52,25", "33,6", "56"]
    assert hours(52.25, "en") == "52.25"
