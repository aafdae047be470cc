"""Cell parsers: the ways Norwegian users type numbers, weekdays, day numbers, counts and yes/no."""

from __future__ import annotations

import itertools
from datetime import datetime, time
from typing import Any

import pytest

from models import cells
from models.cells import CellError


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (80, 80),
        (80.0, 80),
        (80.5, 80.5),
        ("80", 80),
        ("80 %", 80),
        ("80%", 80),
        ("80,5", 80.5),
        ("kr 1 200", 1200),
        ("1\u00a0200 kr", 1200),
        ("NOK 560 000", 560000),
    ],
    ids=[
        "int",
        "whole-float",
        "float",
        "text",
        "percent-spaced",
        "percent",
        "decimal-comma",
        "kr-thousands",
        "nbsp-kr",
        "nok",
    ],
)
def test_number_parses_norwegian_forms(raw: Any, expected: float) -> None:
    """number() reads percent signs, decimal commas, kr and thousands spaces, whole values as int."""
    result = cells.number(raw)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize("raw", [None, "", "   "], ids=["none", "empty", "blank"])
def test_number_of_empty_cell_is_none(raw: Any) -> None:
    """number() of an empty cell is None."""
    assert cells.number(raw) is None


def test_number_passes_unreadable_text_on() -> None:
    """number() leaves text it cannot read (stripped) for the model to report."""
    assert cells.number(" abc ") == "abc"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ma-Fr", [0, 1, 2, 3, 4]),
        ("Lø, Sø", [5, 6]),
        ("Lø-Sø", [5, 6]),
        ("alle", [0, 1, 2, 3, 4, 5, 6]),
        ("Alle", [0, 1, 2, 3, 4, 5, 6]),
        ("helg", [5, 6]),
        ("hverdager", [0, 1, 2, 3, 4]),
        ("Ma, On, Fr", [0, 2, 4]),
        ("mandag", [0]),
        ("Fr Ma", [0, 4]),
        ("Ma-On, Ti", [0, 1, 2]),
    ],
    ids=[
        "ma-fr",
        "lo-so-list",
        "lo-so-range",
        "alle",
        "alle-capital",
        "helg",
        "hverdager",
        "list",
        "full-name",
        "space-separated-unsorted",
        "overlap-deduplicated",
    ],
)
def test_weekdays_parses_ranges_lists_and_groups(raw: str, expected: list[int]) -> None:
    """weekdays() reads ranges, lists and named groups as sorted weekday numbers 0..6."""
    assert cells.weekdays(raw) == expected


def test_weekdays_of_empty_cell_is_none() -> None:
    """weekdays() of an empty cell is None (so the model's default applies)."""
    assert cells.weekdays(None) is None
    assert cells.weekdays("  ") is None


def test_weekdays_backwards_range_raises() -> None:
    """weekdays('Fr-Ma') raises CellError in both languages instead of wrapping round."""
    with pytest.raises(CellError) as caught:
        cells.weekdays("Fr-Ma")
    assert "baklengs" in caught.value.nb
    assert "backwards" in caught.value.en


@pytest.mark.parametrize("raw", ["Xy", "Ma-Xy", "8"], ids=["word", "range-end", "number"])
def test_weekdays_unknown_day_raises(raw: str) -> None:
    """weekdays() raises CellError for a word that is not a weekday."""
    with pytest.raises(CellError):
        cells.weekdays(raw)


def test_format_weekdays_round_trips_every_subset() -> None:
    """weekdays(format_weekdays(s)) == sorted(s) for all 127 non-empty subsets of Monday..Sunday."""
    checked = 0
    for size in range(1, 8):
        for subset in itertools.combinations(range(7), size):
            assert cells.weekdays(cells.format_weekdays(subset)) == sorted(subset), subset
            checked += 1
    assert checked == 127


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ((0, 1, 2, 3, 4), "Ma-Fr"),
        ((5, 6), "Lø-Sø"),
        (tuple(range(7)), "alle"),
        ((0, 2, 4), "Ma, On, Fr"),
        ((0, 1, 3), "Ma-Ti, To"),
    ],
    ids=["weekdays", "weekend", "all", "singles", "mixed"],
)
def test_format_weekdays_short_forms(days: tuple[int, ...], expected: str) -> None:
    """format_weekdays() writes runs as ranges and all seven days as 'alle'."""
    assert cells.format_weekdays(days) == expected


def test_day_numbers_one_based_list_and_ranges() -> None:
    """day_numbers('1, 3, 8-10') gives 0-based days [0, 2, 7, 8, 9]."""
    assert cells.day_numbers("1, 3, 8-10") == [0, 2, 7, 8, 9]


def test_day_numbers_single_number_cell() -> None:
    """day_numbers() of a numeric cell 5 gives [4]; empty gives None."""
    assert cells.day_numbers(5) == [4]
    assert cells.day_numbers(5.0) == [4]
    assert cells.day_numbers(None) is None


@pytest.mark.parametrize("raw", ["x", "3-1", "1-", "1.5"], ids=["word", "backwards", "open", "dot"])
def test_day_numbers_rejects_bad_parts(raw: str) -> None:
    """day_numbers() raises CellError for text that is not a day number or a forward range."""
    with pytest.raises(CellError):
        cells.day_numbers(raw)


def test_counts_accepts_equals_and_colon() -> None:
    """counts('SPL=1, HFA:2') gives {'SPL': 1, 'HFA': 2}."""
    assert cells.counts("SPL=1, HFA:2") == {"SPL": 1, "HFA": 2}


def test_counts_empty_and_semicolons() -> None:
    """counts() of an empty cell is {} and ';' separates parts too."""
    assert cells.counts(None) == {}
    assert cells.counts("se = 1; smj=2") == {"se": 1, "smj": 2}


def test_counts_bad_format_raises() -> None:
    """counts('SPL 1') raises CellError asking for CODE=count."""
    with pytest.raises(CellError) as caught:
        cells.counts("SPL 1")
    assert "KODE=antall" in caught.value.nb


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ja", True),
        ("Ja", True),
        ("x", True),
        ("yes", True),
        (True, True),
        ("nei", False),
        ("NEI", False),
        ("no", False),
        (False, False),
        (None, None),
        ("", None),
    ],
)
def test_yes_no(raw: Any, expected: bool | None) -> None:
    """yes_no() reads Norwegian and English yes/no words and bools; empty is None."""
    assert cells.yes_no(raw) is expected


def test_yes_no_rejects_other_words() -> None:
    """yes_no('kanskje') raises CellError."""
    with pytest.raises(CellError):
        cells.yes_no("kanskje")


def test_clock_reads_excel_fraction_and_datetime() -> None:
    """clock() turns an Excel day fraction and a datetime into a time, text into stripped text."""
    assert cells.clock(0.3125) == time(7, 30)
    assert cells.clock(datetime(2027, 1, 4, 21, 45)) == time(21, 45)
    assert cells.clock(" 07:30 ") == "07:30"


def test_text_of_whole_float_has_no_decimals() -> None:
    """text(1001.0) is '1001', so ids typed as numbers match."""
    assert cells.text(1001.0) == "1001"
    assert cells.text("  ") is None


@pytest.mark.parametrize("value", [0.8, 0.5, 0.075])
def test_a_percent_stored_as_a_fraction_is_refused_with_what_to_write(value: float) -> None:
    """Excel keeps 80 % as 0.8 in a cell formatted as percent: the Stilling % reader refuses
    it and says to write 80, where it used to read 0.8 %."""
    with pytest.raises(CellError) as caught:
        cells.percent(value)
    whole = f"{value * 100:g}".replace(".", ",")
    assert f"skriv {whole}." in caught.value.nb


def test_percentages_as_people_write_them_are_read() -> None:
    """80, '80 %', '62,5' and 0 and 1 (no fraction of a percent in between) read as written."""
    assert cells.percent(80) == 80
    assert cells.percent("80 %") == 80
    assert cells.percent("62,5") == 62.5
    assert cells.percent(0) == 0
    assert cells.percent(1) == 1


@pytest.mark.parametrize("value", [True, False])
def test_true_or_false_in_a_number_cell_is_refused(value: bool) -> None:
    """SANN or USANN where a number belongs is not read as 1 or 0."""
    with pytest.raises(CellError) as caught:
        cells.number(value)
    assert "er ikke et tall" in caught.value.nb
