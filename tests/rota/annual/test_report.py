import pytest

from rota.annual.plan import YearPlan
from rota.annual.report import vacation_cover, year_cost, year_hours
from rota.cost import CostKind


def test_hours_row_adds_up(small_year: YearPlan) -> None:
    """Årsarbeidstid = gross − vacation − holidays, and the deviation is planned − target."""
    for row in year_hours(small_year):
        target = row.target
        assert target.minutes == pytest.approx(target.gross - target.vacation - target.holidays)
        assert row.difference == pytest.approx(row.planned - target.minutes)


def test_cover_lists_each_person_away(small_year: YearPlan) -> None:
    """Every week someone is away appears in the cover table with them in it."""
    rows = vacation_cover(small_year)
    listed = {(r.week, name) for r in rows for name in r.away}
    names = {e.id: e.display_name for e in small_year.base_unit.employees}
    for who, weeks in small_year.vacation.weeks.items():
        for week in weeks:
            assert (week, names[who]) in listed


def test_cost_prices_vikarer_by_the_hour_and_the_year_s_holidays(small_year: YearPlan) -> None:
    """The vikarer's pay is a vacation-cover line by the hour; no percentage on top; the
    holiday allowance comes from the year's own holidays."""
    breakdown = year_cost(small_year)
    vikar_ids = {s.employee.id for s in small_year.cover}
    cover_lines = [line for line in breakdown.lines if line.kind is CostKind.VACATION_COVER]
    assert cover_lines
    assert all(line.employee in vikar_ids for line in cover_lines)
    assert all(" t i planen × timelønn" in line.basis_nb for line in cover_lines)
    holiday = [line for line in breakdown.lines if line.kind is CostKind.HOLIDAY]
    assert holiday
    assert all("i 2027" in line.basis_nb for line in holiday)
