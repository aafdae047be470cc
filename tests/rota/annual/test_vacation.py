import pytest

from models.problems import InputError
from models.unit import Unit
from models.year_input import PersonYear, YearInput
from rota.annual.frame import YearFrame
from rota.annual.vacation import plan_vacation

FRAME = YearFrame(2027)


def _iso(weeks: tuple[int, ...]) -> list[int]:
    return [FRAME.iso_week(week) for week in weeks]


def test_five_weeks_six_from_60_three_together_in_summer(small_ward: Unit) -> None:
    """Everyone gets 5 weeks (Sander, 61, gets 6), 3 of them in a row within June-September."""
    plan = plan_vacation(small_ward, FRAME, YearInput())
    for employee in small_ward.employees:
        if employee.vacant:
            assert employee.id not in plan.weeks
            continue
        weeks = plan.weeks[employee.id]
        assert len(weeks) == (6 if employee.id == "s2" else 5)
        main = plan.main[employee.id]
        assert len(main) == 3
        assert list(main) == list(range(main[0], main[0] + 3))
        assert all(FRAME.in_main_period(week) for week in main)
        assert set(main) <= set(weeks)


def test_no_vacation_week_holds_a_weekday_holiday(small_ward: Unit) -> None:
    """A public holiday is no vacation day, so no planned week holds one on Monday-Friday."""
    plan = plan_vacation(small_ward, FRAME, YearInput())
    for weeks in plan.weeks.values():
        assert all(not FRAME.weekday_holidays(week) for week in weeks)


def test_agreed_weeks_are_kept_and_free_wishes_granted(small_ward: Unit) -> None:
    """An agreed week is vacation; a wished summer block nobody else wants is granted."""
    year_input = YearInput(
        people=(PersonYear(id="s1", agreed_weeks=(7,), wished_weeks=(28, 29, 30)),)
    )
    plan = plan_vacation(small_ward, FRAME, year_input)
    assert {7, 28, 29, 30} <= set(_iso(plan.weeks["s1"]))
    assert "s1" not in plan.unmet_wishes


def test_peak_spreads_one_competence(small_ward: Unit) -> None:
    """Three nurses with 3 summer weeks each in 16 summer weeks: never two away the same week."""
    plan = plan_vacation(small_ward, FRAME, YearInput())
    nurses = [e.id for e in small_ward.employees if e.competence == "SPL"]
    for week in range(FRAME.weeks):
        assert sum(plan.away(who, week) for who in nurses) <= 1


def test_too_many_agreed_weeks_is_refused_in_words(small_ward: Unit) -> None:
    """Six agreed weeks for a person with five: an InputError naming the person."""
    year_input = YearInput(people=(PersonYear(id="h2", agreed_weeks=(2, 3, 4, 5, 6, 7)),))
    with pytest.raises(InputError) as caught:
        plan_vacation(small_ward, FRAME, year_input)
    assert "Henrik" in caught.value.problems[0].message_nb


def test_week_outside_the_year_is_refused(small_ward: Unit) -> None:
    """ISO week 53 does not exist in 2027: refused with the field named."""
    year_input = YearInput(people=(PersonYear(id="h2", wished_weeks=(53,)),))
    with pytest.raises(InputError) as caught:
        plan_vacation(small_ward, FRAME, year_input)
    assert "Uke 53" in caught.value.problems[0].message_nb
