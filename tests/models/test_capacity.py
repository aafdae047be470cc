"""The capacity balance against figures worked out by hand."""

from __future__ import annotations

import pytest

from models.capacity import capacity_balance, frame_warnings, unit_warnings
from models.rules import WorkRules
from models.unit import Unit
from rota.rules.weekends import weekend_windows
from tests.conftest import tiny_unit_data


def test_demo_ward_balance_by_hand(ward: Unit) -> None:
    """Every figure of the demo ward's balance equals the hand calculation in the comments."""
    balance = capacity_balance(ward)
    assert balance.staff == 29
    assert balance.vacant == 1
    # Positions: SPL 696.3 % + HFA 802 % + ASS 260 % = 1758.3 % = 17.583 FTE
    assert balance.fte == pytest.approx(17.583)
    assert balance.contracted_hours_per_week == pytest.approx(17.583 * 35.5)  # 624.1965
    # D: 5 x 7.5 h x 5 weekdays + 4 x 7.5 h x 2 weekend days = 247.5
    # A: 4 x 7.5 h x 5 + 3 x 7.5 h x 2 = 195;  N: 2 x 10 h x 7 = 140
    assert balance.demand_min_hours_per_week == pytest.approx(247.5 + 195 + 140)
    assert balance.balance_hours_per_week == pytest.approx(624.1965 - 582.5)

    by_key = {line.key: line for line in balance.competences}
    # A sykepleier on every shift: 7 x 7.5 (D) + 7 x 7.5 (A) + 7 x 10 (N) = 175 h
    assert by_key["SPL"].needed == pytest.approx(175)
    assert by_key["SPL"].available == pytest.approx(6.963 * 35.5)
    # HFA: 2 on weekday D (75 h), 1 on weekend D (15 h), 1 on weekday A (37.5 h); SPL may fill it
    assert by_key["HFA"].needed == pytest.approx(127.5)
    assert by_key["HFA"].available == pytest.approx((6.963 + 8.02) * 35.5)

    weekend = {line.key: line for line in balance.weekend}
    # Saturday: D 4 + A 3 + N 2 = 9 people; whole weekends, so 9 per weekend; 29 staff / 3
    assert weekend["weekend"].needed == 9
    assert weekend["weekend"].available == pytest.approx(29 / 3)
    assert weekend["SPL"].needed == 3
    assert weekend["SPL"].available == pytest.approx(10 / 3)

    languages = {line.key: line for line in balance.languages}
    # One North Sami speaker on D and A every day: 14 x 7.5 h = 105 h
    assert languages["se"].needed == pytest.approx(105)
    # Speakers: 100 + 75 + 100 + 80 + 70 + 60 + 50 + 35 = 570 %
    assert languages["se"].available == pytest.approx(5.70 * 35.5)
    assert languages["se-weekend"].needed == 2
    assert languages["se-weekend"].available == pytest.approx(8 / 3)


def test_demo_units_have_no_warnings(ward: Unit, bofellesskap: Unit) -> None:
    """The shipped demo units are balanced: no warnings before solving."""
    assert unit_warnings(ward) == []
    assert unit_warnings(bofellesskap) == []


def test_language_without_speaker_is_warned() -> None:
    """Demand for a Sami language nobody speaks is named as a warning, not hidden."""
    data = tiny_unit_data()
    data["employees"][1]["languages"] = []
    codes = {problem.code for problem in unit_warnings(Unit.model_validate(data))}
    assert "language_without_speaker" in codes


def test_positions_over_the_fte_frame_are_warned() -> None:
    """Positions adding up to more årsverk than the frame: a warning on the frame naming both
    figures and the excess, vacant positions counted; at or under the frame, none."""
    data = tiny_unit_data()
    total = sum(e["position_pct"] for e in data["employees"]) / 100
    data["budget"] = {**data.get("budget", {}), "fte_frame": total}
    assert frame_warnings(Unit.model_validate(data)) == []
    data["employees"][0]["vacant"] = True
    data["budget"]["fte_frame"] = total - 0.5
    [problem] = frame_warnings(Unit.model_validate(data))
    assert problem.code == "over_fte_frame"
    assert problem.path == ("budget", "fte_frame")
    text = problem.message("nb")
    assert f"{total:.2f} årsverk".replace(".", ",") in text
    assert "ledige stillinger medregnet" in text
    assert "0,50 årsverk over rammen." in text
    assert "over_fte_frame" in {p.code for p in unit_warnings(Unit.model_validate(data))}


def test_hours_mismatch_and_weekend_shortfall_are_warned() -> None:
    """Far too few contracted hours, and too few heads for the weekends, are both warned."""
    data = tiny_unit_data()
    data["weeks"] = 3  # every 3rd weekend: each of the three people works one of the three
    for employee in data["employees"]:
        employee["position_pct"] = 20
    data["demand"][1]["min"] = 2
    codes = {problem.code for problem in unit_warnings(Unit.model_validate(data))}
    assert {"hours_mismatch", "weekend_shortfall"} <= codes


def _most_weekends_the_audit_accepts(weeks: int, every: int, cyclic: bool) -> int:
    """Brute force: the largest set of weekends no frequency window of the audit holds two of."""
    windows = weekend_windows(weeks, every, cyclic)
    best = 0
    for mask in range(1 << weeks):
        if all(sum(mask >> k & 1 for k in group) <= 1 for group in windows):
            best = max(best, bin(mask).count("1"))
    return best


@pytest.mark.parametrize("weeks", [6, 8, 9, 12])
@pytest.mark.parametrize("every", [2, 3])
@pytest.mark.parametrize("cyclic", [True, False])
def test_weekend_capacity_is_what_the_audit_allows(weeks: int, every: int, cyclic: bool) -> None:
    """People per weekend = each person's most weekends the audit accepts, over the weeks."""
    data = tiny_unit_data()
    data["weeks"] = weeks
    data["rules"] = {"weekend_every": every, "cyclic": cyclic}
    unit = Unit.model_validate(data)
    most = _most_weekends_the_audit_accepts(weeks, every, cyclic)
    assert unit.rules.most_weekends(weeks) == most
    line = next(line for line in capacity_balance(unit).weekend if line.key == "weekend")
    assert line.available == pytest.approx(len(unit.employees) * most / weeks)


def test_eight_cyclic_weeks_at_every_third_weekend_hold_two() -> None:
    """8 cyclic weeks, every 3rd weekend: 2 of 8 per person (1/4, not 1/3), so 4 people give 1."""
    assert WorkRules(weekend_every=3).most_weekends(8) == 2
    assert WorkRules(weekend_every=3, cyclic=False).most_weekends(8) == 3
    assert WorkRules(weekend_every=2).most_weekends(6) == 3


def test_weekend_capacity_honours_max_weekends() -> None:
    """A person allowed 1 weekend in the rota counts 1/weeks, whatever the frequency allows."""
    data = tiny_unit_data()
    data["weeks"] = 6
    data["rules"] = {"weekend_every": 2, "max_weekends": 1}
    unit = Unit.model_validate(data)
    line = next(line for line in capacity_balance(unit).weekend if line.key == "weekend")
    assert line.available == pytest.approx(3 * 1 / 6)
