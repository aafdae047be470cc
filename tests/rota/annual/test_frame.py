from datetime import date

from models.rota import Rota
from rota.annual.dated import first_plan
from rota.annual.frame import YearFrame, pattern_code
from rota.annual.vacation import VacationPlan


def test_2027_grid_starts_on_the_monday_before_new_year() -> None:
    """2027's grid: 53 weeks from Monday 28 December 2026, the year's 365 days inside it."""
    frame = YearFrame(2027)
    assert frame.first_monday == date(2026, 12, 28)
    assert frame.weeks == 53
    assert len(frame.year_days) == 365
    assert frame.date(frame.year_days.start) == date(2027, 1, 1)
    assert frame.date(frame.year_days.stop - 1) == date(2027, 12, 31)


def test_leap_year_starting_on_sunday_needs_54_weeks() -> None:
    """2040 starts on a Sunday and has 366 days: 54 weeks hold every date."""
    frame = YearFrame(2040)
    assert frame.weeks == 54
    assert frame.first_monday == date(2039, 12, 26)
    assert 53 * 7 <= frame.day_of(date(2040, 12, 31)) < frame.days


def test_holidays_of_2027_by_grid_day() -> None:
    """The 2027 public holidays, 17 May once although it is Whit Monday too."""
    frame = YearFrame(2027)
    dates = [frame.date(day) for day in sorted(frame.holidays)]
    assert dates[0] == date(2027, 1, 1)
    assert dates[-1] == date(2027, 12, 26)
    assert len(dates) == 11
    assert "Grunnlovsdag" in frame.holidays[frame.day_of(date(2027, 5, 17))]


def test_weekday_holidays_and_main_period() -> None:
    """Easter week has three weekday holidays; the main period holds whole weeks of June-September."""
    frame = YearFrame(2027)
    easter_week = frame.day_of(date(2027, 3, 25)) // 7
    assert len(frame.weekday_holidays(easter_week)) == 2  # Thursday and Friday
    assert len(frame.weekday_holidays(easter_week + 1)) == 1  # 2. påskedag
    main = [w for w in range(frame.weeks) if frame.in_main_period(w)]
    assert frame.date(main[0] * 7) == date(2027, 6, 7)
    assert frame.date(main[-1] * 7 + 6) == date(2027, 9, 26)


def test_iso_weeks_round_trip() -> None:
    """Grid week and ISO week number translate both ways; ISO week 53 of 2027 does not exist."""
    frame = YearFrame(2027)
    assert frame.iso_week(0) == 53  # the week of 28.12.2026
    for number in (1, 26, 52):
        week = frame.grid_week(number)
        assert week is not None
        assert frame.iso_week(week) == number
    assert frame.grid_week(53) is None


def test_month_sheets_hold_every_date_once() -> None:
    """The month sheets cover the grid: January from the first Monday, December to the last Sunday."""
    frame = YearFrame(2027)
    days = [day for month in range(1, 13) for day in frame.month_days(month)]
    assert days == list(range(frame.days))


def test_roll_out_repeats_the_grunnturnus_from_the_start_week() -> None:
    """Day 0 of the grid is the first day of the start week; the pattern repeats."""
    base = Rota(days=14, assignments={"a": tuple(["D"] * 7 + [None] * 7)})
    frame = YearFrame(2027)
    rolled = first_plan(base, frame, VacationPlan({}, {}, {}), [], 1)
    assert rolled.assignments["a"][:14] == base.assignments["a"]
    assert rolled.assignments["a"][14:28] == base.assignments["a"]
    assert pattern_code(base, "a", 0, start_week=2) is None
    assert pattern_code(base, "a", -1) is None
    assert pattern_code(base, "a", -8) == "D"
