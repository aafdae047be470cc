"""The Curtois & Qu benchmark reader: the unit it makes, and located errors for broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.curtois import SHIFT_START_MINUTE, looks_like_curtois, unit_from_curtois
from models.loader import load_unit
from models.problems import InputError
from tests.curtois_sample import SAMPLE


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        unit_from_curtois(text, "bad.txt")
    return [problem.describe("en") for problem in caught.value.problems]


def test_sample_becomes_a_dated_unit_with_the_benchmark_rules() -> None:
    """The sample reads as a 2-week dated plan, the law's limits off and fairness weightless."""
    unit = unit_from_curtois(SAMPLE, "sample.txt", name="sample")
    assert (unit.name, unit.weeks, unit.start_date) == ("sample", 2, None)
    rules = unit.rules
    assert not rules.cyclic
    assert not rules.working_time_act
    assert (rules.whole_weekends, rules.sunday_rule, rules.weekend_every) == (False, False, 1)
    assert (rules.night_spread_weight, rules.weekend_spread_weight, rules.isolated_day_weight) == (
        0,
        0,
        0,
    )


def test_shifts_keep_length_and_successions_and_are_not_nights() -> None:
    """Each shift starts at 06:00 with its length from the file and its cannot-follow list."""
    unit = unit_from_curtois(SAMPLE, "sample.txt")
    early, late = unit.shift("E"), unit.shift("L")
    assert (early.start_minute, early.length_minutes) == (SHIFT_START_MINUTE, 480)
    assert late.length_minutes == 600
    assert (early.forbidden_next, late.forbidden_next) == ((), ("E",))
    assert not early.is_night
    assert not late.is_night


def test_staff_limits_become_employee_rules() -> None:
    """MaxShifts, total minutes, runs, days off and weekends land on each employee."""
    unit = unit_from_curtois(SAMPLE, "sample.txt")
    a, b = unit.employee("A"), unit.employee("B")
    assert a.max_shifts == {"L": 3}  # 14 of 14 days is no limit
    assert b.max_shifts == {"E": 0}
    assert (a.rules.min_hours, a.rules.max_hours) == (16, 80)
    assert unit.hours_bounds_minutes(b) == (0, 6000)
    rules_a, rules_b = unit.rules_for(a), unit.rules_for(b)
    assert (rules_a.max_consecutive_days, rules_a.min_consecutive_days) == (5, 2)
    assert (rules_a.min_consecutive_days_off, rules_a.max_weekends) == (2, 1)
    assert (rules_b.max_consecutive_days, rules_b.min_consecutive_days) == (4, 1)
    assert (rules_b.min_consecutive_days_off, rules_b.max_weekends) == (1, None)  # 2 of 2 weeks
    assert a.unavailable_days == (0, 1)
    assert [(w.day, w.shift, w.kind, w.weight) for w in a.wishes] == [
        (3, "E", "on", 2),
        (5, "E", "on", 2),
    ]
    assert [(w.day, w.shift, w.kind, w.weight) for w in b.wishes] == [(6, "L", "off", 3)]


def test_cover_becomes_soft_demand_with_its_weights() -> None:
    """Each cover line is a target with minimum 0 and the file's under/over weights."""
    unit = unit_from_curtois(SAMPLE, "sample.txt")
    row = unit.demand_on(4, "L")
    assert row is not None
    assert (row.min, row.target, row.weight_under, row.weight_over) == (0, 1, 100, 1)
    quiet = unit.demand_on(5, "L")
    assert quiet is not None
    assert quiet.wanted == 0
    assert len(unit.demand) == 3  # grouped by shift, requirement and weights


def test_missing_cover_lines_cost_nothing() -> None:
    """A shift and day without a cover line may be worked, with no cover term."""
    text = SAMPLE.replace("\n0,E,1,100,1\r", "")
    row = unit_from_curtois(text, "sample.txt").demand_on(0, "E")
    assert row is not None
    assert (row.wanted, row.weight_under, row.weight_over) == (0, 0, 0)


def test_load_unit_dispatches_on_the_suffix(tmp_path: Path) -> None:
    """`load_unit` reads a .txt file as a benchmark instance, named after the file."""
    path = tmp_path / "Tiny.txt"
    path.write_bytes(SAMPLE.encode())
    assert load_unit(path).name == "Tiny"
    assert looks_like_curtois(SAMPLE)
    assert not looks_like_curtois("name: ward\n")


def test_a_bad_number_names_file_line_and_field() -> None:
    """A word where MaxTotalMinutes should be is reported at its line and field."""
    text = SAMPLE.replace("A,E=14|L=3,4800,", "A,E=14|L=3,lots,")
    assert problems(text) == [
        "bad.txt, column 'MaxTotalMinutes', line 12: 'lots' is not a whole number."
    ]


def test_every_broken_line_is_reported_in_one_run() -> None:
    """An unknown shift in cover, an unknown employee in days off and a short line all show."""
    text = SAMPLE.replace("\n0,E,1,100,1", "\n0,X,1,100,1").replace("B,13", "Z,13")
    text = text.replace("A,3,E,2", "A,3,E")
    found = problems(text)
    assert len(found) == 3
    assert any("line 17" in p and "Unknown employee 'Z'" in p for p in found)
    assert any("line 20" in p and "4 are expected" in p for p in found)
    assert any("column 'ShiftID'" in p and "Unknown shift 'X'" in p for p in found)


def test_horizon_must_be_whole_weeks() -> None:
    """A horizon of 10 days is not whole weeks."""
    found = problems(SAMPLE.replace("\r\n14\r\n", "\r\n10\r\n", 1))
    assert found[0].startswith("bad.txt, column 'Days', line 4:")
    assert "multiple of 7" in found[0]


def test_unit_level_problems_point_at_the_staff_line() -> None:
    """A minimum run the unit model cannot hold (over 14 days) names the line and field."""
    text = SAMPLE.replace("\r\n14\r\n", "\r\n28\r\n", 1).replace(
        "A,E=14|L=3,4800,960,5,2,2,1", "A,E=14|L=3,4800,960,5,20,2,1"
    )
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith("bad.txt, column 'MinConsecutiveShifts', line 12:")


def test_unknown_cannot_follow_shift_is_located() -> None:
    """A cannot-follow code that is not a shift is named at the shift's line."""
    found = problems(SAMPLE.replace("L,600,E", "L,600,E|Q"))
    assert len(found) == 1
    assert found[0].startswith("bad.txt, column 'CannotFollow', line 9:")


def test_not_the_format() -> None:
    """A file that does not start with SECTION_HORIZON is refused at line 1."""
    assert problems("hello\r\n") == [
        "bad.txt, line 1: The file is not in the Curtois & Qu format: it must start with"
        " SECTION_HORIZON."
    ]
