import pytest

from models.unit import Unit
from rota.annual.dated import YearTarget
from rota.annual.frame import YearFrame
from rota.annual.plan import YearPlan, extra_hours, parts_of
from rota.annual.report import YearHours, vacation_cover, year_cost, year_hours
from rota.annual.vacation import VacationPlan
from rota.cost import CostKind


def test_hours_row_adds_up(small_year: YearPlan) -> None:
    """Årsarbeidstid = gross − vacation − holidays, and the deviation is planned − extra hours −
    target (extra hours only for a part-timer who wants more, above the tolerance)."""
    for row in year_hours(small_year):
        target = row.target
        assert target.minutes == pytest.approx(target.gross - target.vacation - target.holidays)
        assert row.difference == pytest.approx(row.planned - row.extra - target.minutes)
        if row.extra:
            assert row.wants_more
            assert row.planned - target.minutes > row.tolerance


def test_cover_lists_each_person_away(small_year: YearPlan) -> None:
    """Every week someone is away appears in the cover table with them in it."""
    rows = vacation_cover(small_year)
    listed = {(r.week, name) for r in rows for name in r.away}
    names = {e.id: e.display_name for e in small_year.base_unit.employees}
    for who, weeks in small_year.vacation.weeks.items():
        for week in weeks:
            assert (week, names[who]) in listed


def test_cost_prices_vikarer_by_the_hour_and_the_year_s_holidays(small_year: YearPlan) -> None:
    """The vikarer's pay, and own part-timers' extra hours, are vacation-cover lines by the
    hour; no percentage on top; the holiday allowance comes from the year's own holidays."""
    breakdown = year_cost(small_year)
    vikar_ids = {s.employee.id for s in small_year.cover}
    extra_ids = {row.employee_id for row in year_hours(small_year) if row.extra}
    cover_lines = [line for line in breakdown.lines if line.kind is CostKind.VACATION_COVER]
    assert cover_lines
    assert all(line.employee in vikar_ids | extra_ids for line in cover_lines)
    for line in cover_lines:
        kind = (
            " t i planen × timelønn" if line.employee in vikar_ids else " t ekstra (ønsker større"
        )
        assert kind in line.basis_nb
    holiday = [line for line in breakdown.lines if line.kind is CostKind.HOLIDAY]
    assert holiday
    assert all("i 2027" in line.basis_nb for line in holiday)


def test_extra_hours_count_only_for_those_wanting_more() -> None:
    """Hours above the target and its tolerance are extra for a part-timer who wants more (the
    deviation then counts without them) and a plain excess for anyone else."""
    target = YearTarget(
        gross=60_000, vacation=6_000, holidays=1_000, holiday_count=2, vacation_weeks=5
    )
    wanting = YearHours(
        "h3", "Hege", 60, target, planned=53_000 + 600 + 1_500, tolerance=600, wants_more=True
    )
    assert wanting.extra == 1_500
    assert wanting.difference == 600
    assert wanting.within
    content = YearHours("h2", "Henrik", 80, target, planned=53_000 + 2_100, tolerance=600)
    assert content.extra == 0
    assert not content.within


def test_extra_hours_cap_by_hand(small_ward: Unit) -> None:
    """Hege (60 %, wants 80 %) may work 20 % of 35,5 h more in each week someone else is away
    and she is not; nobody else gets extra."""
    frame = YearFrame(2027)
    vacation = VacationPlan(weeks={"s1": (27, 28), "h3": (28,)}, main={}, unmet_wishes={})
    july = next(p for p in parts_of(frame) if p.month == 7)
    extra = extra_hours(small_ward, frame, vacation, july)
    assert set(extra) == {"h3"}
    assert extra["h3"] == pytest.approx(0.2 * 35.5 * 60 * 1)  # week 27 only: in 28 she is away
