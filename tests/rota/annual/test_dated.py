from datetime import date

import pytest

from models.unit import Unit
from models.year_input import YearInput
from rota.annual.dated import (
    dated_demand,
    own_week_h,
    pattern_day,
    substitutes,
    year_target,
    year_unit,
)
from rota.annual.frame import YearFrame
from rota.annual.vacation import VacationPlan, plan_vacation
from rota.rules.hours import counted
from tests.rota.conftest import rota_of, three_shift_unit

FRAME = YearFrame(2027)


def test_a_holiday_is_staffed_as_the_sunday_of_its_week(ward: Unit) -> None:
    """Thursday 25 March 2027 (skjærtorsdag) takes the Sunday rows of the demand."""
    thursday = FRAME.day_of(date(2027, 3, 25))
    assert pattern_day(FRAME, thursday, ward.days, 1) % 7 == 6
    rows = dated_demand(ward, FRAME, range(thursday, thursday + 1), 1)
    sunday = [r for r in ward.demand if r.applies_to(6)]
    assert sorted((r.shift, r.min) for r in rows) == sorted((r.shift, r.min) for r in sunday)


def test_yearly_working_time_by_hand() -> None:
    """100 % at 35,5 h in 2027: 35,5 × 365/7 − 5 × 35,5 − 6 weekday holidays × 7,1 h."""
    unit = Unit.model_validate(
        {
            "name": "x",
            "shift_types": [{"code": "D", "start": "08:00", "end": "15:30"}],
            "competences": [{"code": "SPL"}],
            "employees": [{"id": "a", "competence": "SPL", "position_pct": 100}],
        }
    )
    vacation = VacationPlan(weeks={"a": (30, 31, 32, 40, 45)}, main={}, unmet_wishes={})
    target = year_target(unit, unit.employees[0], FRAME, vacation)
    assert target.holiday_count == 6
    assert target.minutes / 60 == pytest.approx(35.5 * 365 / 7 - 5 * 35.5 - 6 * 7.1)


def test_in_three_shift_turnus_the_yearly_working_time_follows_the_own_week() -> None:
    """With the time credit, a rota of nights and days makes the person's own week shorter
    than 35,5 h (never below 33,6 h) and their årsarbeidstid shorter by the same share; a rota
    of days alone keeps 35,5 h."""
    unit = three_shift_unit()
    rotating = rota_of(unit, {"kari": "NNN.DD."})
    week = own_week_h(unit, rotating, "kari")
    assert 33.6 <= week < 35.5
    assert week == pytest.approx(counted(unit, rotating, unit.employees[0]).full_time_week_h)
    assert own_week_h(unit, rota_of(unit, {"kari": "DDDDD.."}), "kari") == 35.5
    vacation = VacationPlan(weeks={"kari": (30, 31, 32, 40, 45)}, main={}, unmet_wishes={})
    plain = year_target(unit, unit.employees[0], FRAME, vacation)
    credited = year_target(unit, unit.employees[0], FRAME, vacation, week)
    assert credited.minutes == pytest.approx(plain.minutes * week / 35.5)


def test_one_vikar_per_person_away_at_once(small_ward: Unit) -> None:
    """As many ferievikarer of a competence as of it are away in the same week at most, each
    standing in only in weeks someone is away."""
    vacation = plan_vacation(small_ward, FRAME, YearInput())
    cover = substitutes(small_ward, FRAME, vacation)
    for competence in ("SPL", "HFA"):
        people = [e.id for e in small_ward.employees if e.competence == competence]
        peak = max(sum(vacation.away(p, w) for p in people) for w in range(FRAME.weeks))
        assert sum(1 for s in cover if s.employee.competence == competence) == peak
    for substitute in cover:
        for week, who in substitute.replaces.items():
            assert vacation.away(who, week)


def test_year_unit_has_the_year_s_demand_and_people_away(small_ward: Unit) -> None:
    """The dated year: demand on the year's dates only, each person unavailable in their
    vacation, and the vikarer added."""
    vacation = plan_vacation(small_ward, FRAME, YearInput())
    cover = substitutes(small_ward, FRAME, vacation)
    year = year_unit(small_ward, FRAME, vacation, cover)
    assert year.start_date == FRAME.first_monday
    assert not year.rules.cyclic
    assert {day for day, _ in year.demand_cells()} == set(FRAME.year_days)
    siri = year.employee("s1")
    assert vacation.away_days("s1") <= set(siri.unavailable_days)
    assert len(year.employees) == len(small_ward.employees) + len(cover)
