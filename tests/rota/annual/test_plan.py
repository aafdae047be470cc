from models.unit import Unit
from rota.annual.plan import (
    HIGH_HOLIDAY_WEIGHT,
    Planning,
    YearPlan,
    high_holidays,
    part_problem,
    parts_of,
)
from rota.annual.report import audit_year_hours, year_hours
from rota.check import check
from rota.findings import FindingKind


def test_parts_are_months_of_whole_weeks(small_year: YearPlan) -> None:
    """Twelve parts, one per month, of whole weeks covering the grid in order."""
    parts = parts_of(small_year.frame)
    assert [p.month for p in parts] == list(range(1, 13))
    weeks = [w for p in parts for w in range(p.first_week, p.last_week + 1)]
    assert weeks == list(range(small_year.frame.weeks))


def test_the_year_keeps_every_rule(small_year: YearPlan) -> None:
    """The independent check finds no breach in the planned year (gaps may remain), unless the
    plan says a month could not be planned in its time and kept the first plan."""
    findings = check(small_year.unit, small_year.rota)
    breaches = [f for f in findings if f.kind is FindingKind.BREACH]
    kept_unplanned = any("ingen plan innenfor reglene" in nb for nb, _ in small_year.notes)
    assert breaches == [] or kept_unplanned, [f.detail_nb for f in breaches[:5]]


def test_nobody_works_in_their_vacation_or_outside_the_year(small_year: YearPlan) -> None:
    """Vacation days are free; the days of 2026 and 2028 on the grid are left empty."""
    frame = small_year.frame
    for who, row in small_year.rota.assignments.items():
        for day in small_year.vacation.away_days(who):
            assert row[day] is None
        for day in range(frame.days):
            if not frame.in_year(day):
                assert row[day] is None


def test_yearly_hours_within_one_shift_or_said(small_year: YearPlan) -> None:
    """Each person ends within one shift of their yearly working time, or the plan says which
    month could not hold the band."""
    outside = audit_year_hours(small_year)
    assert not outside or small_year.notes
    rows = year_hours(small_year)
    assert {r.employee_id for r in rows} == {e.id for e in small_year.base_unit.employees}


def test_vikarer_work_only_weeks_someone_is_away(small_year: YearPlan) -> None:
    """A ferievikar's shifts lie in the weeks they stand in for someone."""
    for substitute in small_year.cover:
        row = small_year.rota.assignments[substitute.employee.id]
        worked_weeks = {day // 7 for day, code in enumerate(row) if code is not None}
        assert worked_weeks <= set(substitute.replaces)


def test_who_worked_christmas_last_year_is_asked_to_have_it_off(
    small_year: YearPlan, small_ward: Unit
) -> None:
    """December's part asks Siri (who worked Christmas last year) to be off on 24-26 December,
    and nobody else: the wish the search weighs against cover."""
    frame = small_year.frame
    assert small_year.base is not None
    december = parts_of(frame)[-1]
    rows = {who: list(row) for who, row in small_year.rota.assignments.items()}
    planning = Planning(
        unit=small_ward,
        dated=small_year.unit,
        frame=frame,
        base=small_year.base,
        vacation=small_year.vacation,
        year_input=small_year.year_input,
        rows=rows,
        wanted=rows,
        course={e.id: [0.0] * frame.days for e in small_ward.employees},
    )
    problem = part_problem(planning, december, None)
    christmas = {day - problem.low for day in high_holidays(frame)["jul"]}
    asked = {
        (e.id, wish.day)
        for e in problem.unit.employees
        for wish in e.wishes
        if wish.kind == "off" and wish.shift is None and wish.weight == HIGH_HOLIDAY_WEIGHT
    }
    assert asked == {("s1", day) for day in christmas}
