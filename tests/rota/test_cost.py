"""The cost of a tiny hand-made rota, line by line, against a hand calculation.

The units are priced for budget year 2027, whose public holidays (with their § 10-10 windows) are
Fri 1 Jan (Thu 31 Dec 18-24, Fri 00-22), Thu 25 Mar skjærtorsdag (Wed 18-24, Thu 00-24: langfredag's
eve follows on), Fri 26 Mar langfredag (00-22), Sun 28 Mar påskedag (påskeaften Sat 15-24, Sun 00-24),
Mon 29 Mar 2. påskedag (00-22), Sat 1 May (00-22: Friday is an ordinary day), Thu 6 May Kristi
himmelfart (Wed 18-24, Thu 00-22), Sun 16 May pinsedag (pinseaften Sat 15-24, Sun 00-24), Mon
17 May and 2. pinsedag (00-22), Sat 25 Dec (julaften Fri 15-24, Sat 00-24), Sun 26 Dec (00-22).
"""

from __future__ import annotations

from datetime import date
from itertools import cycle
from typing import Any

import pytest

from models.demo import demo_unit
from models.rota import Rota
from models.unit import Unit
from rota.cost import CostKind, budget_year, cost, linear_cost
from tests.rota.conftest import rota_of


def priced_unit(zone: str = "I", budget: dict[str, Any] | None = None, **extra: Any) -> Unit:
    """One week; D 07-15, A 15-23, N 23-07; a helsefagarbeider at 50 % and a sykepleier (61 years);
    priced for 2027. The three-shift time credit is off (hourly pay over 35.5 h) unless asked."""
    return Unit.model_validate(
        {
            "rules": {"three_shift_credit": False},
            "name": "Priset",
            "weeks": 1,
            "shift_types": [
                {"code": "D", "start": "07:00", "end": "15:00"},
                {"code": "A", "start": "15:00", "end": "23:00"},
                {"code": "N", "start": "23:00", "end": "07:00"},
            ],
            "competences": [{"code": "SPL", "covers": ["HFA"]}, {"code": "HFA"}],
            "employees": [
                {"id": "h", "competence": "HFA", "position_pct": 50},
                {"id": "s", "competence": "SPL", "position_pct": 100, "age": 61},
            ],
            "demand": [
                {"shift": "D", "min": 0, "target": 1},
                {"shift": "A", "min": 0, "target": 1},
                {"shift": "N", "weekdays": [0], "min": 1},
                {"shift": "N", "weekdays": [1, 2, 3, 4, 5, 6], "min": 0, "target": 1},
            ],
            "budget": {
                "pay_per_competence": {"HFA": 400_000, "SPL": 700_000},
                "employer_tax_zone": zone,
                "vacation_cover_pct": 10,
                "sick_leave_cover_pct": 5,
                "agency_hour_nok": 850,
                "budget_frame_nok": 2_000_000,
                "budget_year": 2027,
                **(budget or {}),
            },
            **extra,
        }
    )


def amounts(unit: Unit, rows: dict[str, str], employee: str | None) -> dict[CostKind, float]:
    breakdown = cost(unit, rota_of(unit, rows))
    return {line.kind: line.amount for line in breakdown.lines if line.employee == employee}


ROWS = {"h": ".....AN", "s": "D...N.."}


def test_helsefagarbeider_line_by_line_with_the_70_kroner_minimums() -> None:
    """Below NOK 70 an hour the minimum is paid; 2027's holiday hours earn 133.33 %, no weekend pay."""
    lines = amounts(priced_unit(), ROWS, "h")
    hourly = 400_000 / (52 * 35.5)  # 216.68 kr
    assert 0.22 * hourly < 70
    assert 0.25 * hourly < 70
    # Saturday A 15-23: evening 17-21 (4 h), night 21-23 (2 h), weekend 8 h.
    # Sunday N 23-07: night 23-06 (7 h), weekend 23-24 (1 h); Monday morning is no weekend.
    # Holiday windows in 2027, one week's cycle (divided by 1):
    #   Saturday A 15-23: påskeaften 15-24 8 h, 1 May 00-22 7 h, pinseaften 15-24 8 h,
    #     25 Dec 00-24 8 h                                               = 31 h on a Saturday
    #   Sunday N 23-07: påskedag 23-24 1 h, pinsedag 23-24 1 h (26 Dec ends 22:00) = 2 h on a Sunday
    #     and on into Monday: 2. påskedag 00-07 7 h, 17 May 00-07 7 h     = 14 h on a Monday
    holiday_hours = 31 + 2 + 14
    weekend_hours = (8 + 1) * 52 - (31 + 2)  # holiday hours at the weekend get no weekend pay
    base = 400_000 * 0.50
    evening = 4 * 56 * 52
    night = (2 + 7) * 70 * 52
    weekend = weekend_hours * 70
    holiday = holiday_hours * 1.3333 * hourly
    pay = base + evening + night + weekend + holiday
    holiday_pay = 0.12 * pay
    pension = 0.18 * pay
    tax = 0.141 * (pay + holiday_pay + pension)
    loaded = pay + holiday_pay + pension + tax
    assert lines == pytest.approx(
        {
            CostKind.BASE: base,
            CostKind.EVENING: evening,
            CostKind.NIGHT: night,
            CostKind.WEEKEND: weekend,
            CostKind.HOLIDAY: holiday,
            CostKind.HOLIDAY_PAY: holiday_pay,
            CostKind.PENSION: pension,
            CostKind.EMPLOYER_TAX: tax,
            CostKind.VACATION_COVER: 0.10 * loaded,
            CostKind.SICK_COVER: 0.05 * loaded,
        }
    )


def test_sykepleier_percentages_and_holiday_pay_from_60() -> None:
    """At 700 000 kr the percentages beat NOK 70; at 61 holiday pay is 12 + 2.3 %."""
    lines = amounts(priced_unit(), ROWS, "s")
    hourly = 700_000 / (52 * 35.5)  # 379.20 kr
    # Friday N 23-07: night 7 h, Saturday 00-07 is weekend (7 h); Monday D has no allowance
    # but for the holidays.
    # Holiday windows in 2027: Monday D 07-15 on 2. påskedag and 17 May, 8 h each = 16 h;
    # Friday N 23-24 on julaften (from 15:00) 1 h; its Saturday 00-07 on 1 May and 25 Dec
    # 7 h each = 14 h (påskeaften and pinseaften start at 15:00). 16 + 1 + 14 = 31 h.
    night = 7 * 0.25 * hourly * 52
    weekend = (7 * 52 - 14) * 0.22 * hourly
    holiday = 31 * 1.3333 * hourly
    pay = 700_000 + night + weekend + holiday
    holiday_pay = 0.143 * pay
    pension = 0.18 * pay
    tax = 0.141 * (pay + holiday_pay + pension)
    assert CostKind.EVENING not in lines
    assert lines[CostKind.NIGHT] == pytest.approx(night)
    assert lines[CostKind.WEEKEND] == pytest.approx(weekend)
    assert lines[CostKind.HOLIDAY] == pytest.approx(holiday)
    assert lines[CostKind.HOLIDAY_PAY] == pytest.approx(holiday_pay)
    assert lines[CostKind.EMPLOYER_TAX] == pytest.approx(tax)


def test_zone_five_pays_no_employer_tax() -> None:
    """Finnmark and Nord-Troms (zone V) pay 0 % employer tax; the rest is unchanged."""
    zone_one = amounts(priced_unit("I"), ROWS, "h")
    zone_five = amounts(priced_unit("V"), ROWS, "h")
    assert zone_five[CostKind.EMPLOYER_TAX] == 0
    assert zone_five[CostKind.PENSION] == zone_one[CostKind.PENSION]
    loaded = sum(
        zone_one[k]
        for k in (
            CostKind.BASE,
            CostKind.EVENING,
            CostKind.NIGHT,
            CostKind.WEEKEND,
            CostKind.HOLIDAY,
            CostKind.HOLIDAY_PAY,
            CostKind.PENSION,
        )
    )
    assert zone_five[CostKind.VACATION_COVER] == pytest.approx(0.10 * loaded)


def test_uncovered_demand_is_bought_at_the_agency_price() -> None:
    """Monday's night needs one and has none: 8 h a week, 52 weeks, NOK 850 an hour."""
    unit = priced_unit()
    breakdown = cost(unit, rota_of(unit, ROWS))
    uncovered = [line for line in breakdown.lines if line.kind is CostKind.UNCOVERED]
    assert [line.amount for line in uncovered] == [pytest.approx(8 * 52 * 850)]
    assert breakdown.total == pytest.approx(sum(line.amount for line in breakdown.lines))
    assert breakdown.difference == pytest.approx(breakdown.total - 2_000_000)


def test_public_holiday_in_a_dated_plan() -> None:
    """A dated plan's own holiday (17 May 2027) is paid once, not 365 / 7 times."""
    # 2. påskedag, the year's other Monday holiday, is outside the plan and priced from the
    # plan's Mondays (one week: the same shift, 8 h).
    unit = priced_unit(start_date="2027-05-17")
    lines = amounts(unit, {"h": "D......"}, "h")
    hourly = 400_000 / (52 * 35.5)
    assert lines[CostKind.HOLIDAY] == pytest.approx((8 + 8) * 1.3333 * hourly)
    assert CostKind.HOLIDAY not in amounts(unit, {"h": ".D....."}, "h")


def test_every_line_says_where_it_comes_from() -> None:
    """Each line names its basis in Norwegian, e.g. the 70-krone minimum and the zone."""
    unit = priced_unit()
    lines = {
        line.kind: line for line in cost(unit, rota_of(unit, ROWS)).lines if line.employee == "h"
    }
    assert "minst 70 kr/t" in lines[CostKind.NIGHT].basis("nb")
    assert "sone I: 14,1 %" in lines[CostKind.EMPLOYER_TAX].basis("nb")  # decimal comma
    assert "zone I: 14.1 %" in lines[CostKind.EMPLOYER_TAX].basis("en")
    assert "at least NOK 70/h" in lines[CostKind.WEEKEND].basis("en")


@pytest.mark.parametrize(
    ("start_date", "growth"),
    [
        (None, {}),
        ("2027-05-17", {}),
        (None, {"pay_year": 2024, "wage_growth_pct": 3.5}),
        ("2027-05-10", {"pay_year": 2025, "wage_growth_pct": 4}),
    ],
)
def test_linear_cost_adds_up_to_the_line_by_line_cost(
    start_date: str | None, growth: dict[str, Any]
) -> None:
    """The planner's linear prices add up to cost()'s total, holidays and wage growth included."""
    unit = priced_unit(start_date=start_date, budget=growth)
    rota = rota_of(unit, ROWS)
    prices = linear_cost(unit)
    positions = {e.id: e.position_pct for e in unit.employees}
    missing = 8 * 60  # Monday's night
    assert prices.total(positions, rota, missing) == pytest.approx(cost(unit, rota).total)


def one_person(weeks: int, **extra: Any) -> Unit:
    """One helsefagarbeider at 100 % (480 000 kr) and one shift type, A 14:00-23:00."""
    return Unit.model_validate(
        {
            "name": "Én person",
            "weeks": weeks,
            "shift_types": [{"code": "A", "start": "14:00", "end": "23:00"}],
            "competences": [{"code": "HFA"}],
            "employees": [{"id": "p", "competence": "HFA", "position_pct": 100}],
            "budget": {"pay_per_competence": {"HFA": 480_000}, "budget_year": 2027},
            **extra,
        }
    )


def test_two_week_grunnturnus_holiday_allowance_2027_by_hand() -> None:
    """A grunnturnus' holiday hours are its weekday's window hours over the weeks / weeks."""
    # Holiday hours on a Saturday or Sunday earn no weekend allowance on top.
    unit = one_person(2)
    # Week 1: A on Monday, Thursday, Saturday; week 2: Wednesday, Friday, Sunday.
    lines = amounts(unit, {"p": "A..A.A...A.A.A"}, "p")
    # Each weekday but Tuesday has one A in two weeks, so each weekday counts 1/2 of an A.
    # A 14-23 lies 9 h in 00-24, 8 h in 00-22, 8 h in 15-24 (a high eve), 5 h in 18-24 (an eve).
    half = 1 / 2
    by_holiday = {
        "1 Jan": (5 + 8) * half,  # Thu 31 Dec 18-24, Fri 1 Jan 00-22
        "skjærtorsdag": (5 + 9) * half,  # Wed 24 Mar 18-24, Thu 25 Mar 00-24
        "langfredag": 8 * half,  # Fri 26 Mar 00-22
        "påskedag": (8 + 9) * half,  # Sat 27 Mar 15-24, Sun 28 Mar 00-24
        "2. påskedag": 8 * half,  # Mon 29 Mar 00-22
        "1 May": 8 * half,  # Sat 1 May 00-22
        "Kristi himmelfart": (5 + 8) * half,  # Wed 5 May 18-24, Thu 6 May 00-22
        "pinsedag": (8 + 9) * half,  # Sat 15 May 15-24, Sun 16 May 00-24
        "17 May": 8 * half,  # Mon 17 May 00-22
        "25 Dec": (8 + 9) * half,  # Fri 24 Dec 15-24, Sat 25 Dec 00-24
        "26 Dec": 8 * half,  # Sun 26 Dec 00-22
    }
    holiday_hours = sum(by_holiday.values())
    assert holiday_hours == 65.5
    # Of these, on a Saturday or Sunday: 27 Mar 4, 28 Mar 4.5, 1 May 4, 15 May 4, 16 May 4.5,
    # 25 Dec 4.5, 26 Dec 4 = 29.5 h.
    weekend_holiday_hours = 4 + 4.5 + 4 + 4 + 4.5 + 4.5 + 4
    hourly = 480_000 / (52 * 35.5)  # 260.02 kr; 22 % is 57.20, so the NOK 70 minimum
    assert lines[CostKind.HOLIDAY] == pytest.approx(holiday_hours * 1.3333 * hourly)
    # Saturday and Sunday A: 9 h each in the rota, 52/2 times a year, less the holiday hours.
    assert lines[CostKind.WEEKEND] == pytest.approx((2 * 9 * 52 / 2 - weekend_holiday_hours) * 70)


def test_holiday_line_names_the_year_and_its_holidays() -> None:
    """The holiday line names the budget year, each holiday with its hours, and HTA 5.1.2."""
    unit = one_person(2)
    (line,) = [
        line
        for line in cost(unit, rota_of(unit, {"p": "A..A.A...A.A.A"})).lines
        if line.kind is CostKind.HOLIDAY
    ]
    assert "i 2027" in line.basis("nb")
    assert "Ma 17.05 Andre pinsedag og Grunnlovsdag 4 t" in line.basis("nb")
    assert "Lø 27.03" not in line.basis("nb")  # påskeaften is an eve, not a holiday
    assert "11 av 11 helligdager" in line.basis("nb")
    assert "turnusens 2 uker / 2" in line.basis("nb")
    assert "5.1.2" in line.basis("nb")
    assert "in 2027" in line.basis("en")


def test_dated_plan_does_not_multiply_its_holidays() -> None:
    """A 2-week dated plan pays its holidays once, like a grunnturnus, not 365/14 = 26 times."""
    dated = one_person(2, start_date="2027-05-10")
    cyclic = one_person(2)
    every_day = {"p": "A" * 14}
    # Working every day, the plan's own dates and the weekday averages agree exactly.
    assert amounts(dated, every_day, "p")[CostKind.HOLIDAY] == pytest.approx(
        amounts(cyclic, every_day, "p")[CostKind.HOLIDAY]
    )
    # Only Monday 17 May (day 7): 8 h on the day itself (00-22) once; 2. påskedag is outside the
    # plan, a Monday, priced as the plan's Mondays on average: (0 + 8) / 2 = 4 h. 12 h in all,
    # where scaling the plan would give 8 × 365 / 14 = 209 h.
    hourly = 480_000 / (52 * 35.5)
    only_17_may = amounts(dated, {"p": "." * 7 + "A" + "." * 6}, "p")
    assert only_17_may[CostKind.HOLIDAY] == pytest.approx((8 + 4) * 1.3333 * hourly)
    line = next(
        line
        for line in cost(dated, rota_of(dated, {"p": "." * 7 + "A" + "." * 6})).lines
        if line.kind is CostKind.HOLIDAY
    )
    assert "helligdagene 16.05, 17.05 med planens egne vakter" in line.basis("nb")


def test_wage_growth_scales_pay_in_every_line() -> None:
    """Pay for 2025 priced for 2027 at 3 % a year is × 1.03² in every line, kroner rates too."""
    factor = 1.03**2
    grown = priced_unit(budget={"pay_year": 2025, "wage_growth_pct": 3})
    plain = priced_unit()
    for who in ("h", "s"):
        before, after = amounts(plain, ROWS, who), amounts(grown, ROWS, who)
        assert set(before) == set(after)
        for kind in before:
            assert after[kind] == pytest.approx(before[kind] * factor), (who, kind)
    assert amounts(grown, ROWS, None)[CostKind.UNCOVERED] == pytest.approx(
        amounts(plain, ROWS, None)[CostKind.UNCOVERED] * factor
    )
    base = next(line for line in cost(grown, rota_of(grown, ROWS)).lines if line.employee == "h")
    assert "for 2025 × (1 + 3 %)^2" in base.basis("nb")


def test_budget_year_defaults() -> None:
    """Without a budget year a dated plan is priced for its first year, a grunnturnus for now."""
    assert budget_year(priced_unit(budget={"budget_year": None})) == date.today().year
    dated = priced_unit(budget={"budget_year": None}, start_date="2027-12-27")
    assert budget_year(dated) == 2027
    assert budget_year(priced_unit(budget={"budget_year": 2030})) == 2030


def _minimum_cover(unit: Unit) -> Rota:
    """Each day's minimum cover, given to the staff in turn (rules aside: a price, not a rota)."""
    rows: dict[str, list[str | None]] = {e.id: [None] * unit.days for e in unit.employees}
    order = cycle([e.id for e in unit.employees])
    for day, row in unit.demand_cells():
        placed = 0
        while placed < row.min:
            who = next(order)
            if rows[who][day] is None:
                rows[who][day] = row.shift
                placed += 1
    return Rota(days=unit.days, assignments={k: tuple(v) for k, v in rows.items()})


def test_demo_ward_grunnturnus_pays_holiday_allowance_in_2027() -> None:
    """The demo ward's 6-week grunnturnus, priced for 2027, has a public-holiday line above 0."""
    data = demo_unit("sykehjem").model_dump()
    data["budget"]["budget_year"] = 2027
    unit = Unit.model_validate(data)
    assert unit.start_date is None
    breakdown = cost(unit, _minimum_cover(unit))
    holiday = breakdown.by_kind()[CostKind.HOLIDAY]
    # About 295 window hours in 2027 with 2-5 on shift, at about 350 kr an hour.
    assert 200_000 < holiday < 600_000
    assert all(
        "2027" in line.basis("nb") for line in breakdown.lines if line.kind is CostKind.HOLIDAY
    )


def test_three_shift_turnus_divides_by_the_persons_own_week() -> None:
    """With the credit on, h's Saturday evening and Sunday night (8 + 8 h: 2 h and 7 h at night,
    3 h in the Sunday window not at night) count 16 + (2 + 7) / 4 + 3 / 6 h, capped at
    16 x 35.5 / 33.6:
    her full week is 33.6 h, so her hourly pay (and every allowance in % of it) is 400 000 /
    (52 x 33.6), and the line says so."""
    unit = priced_unit(rules={"three_shift_credit": True})
    rota = rota_of(unit, ROWS)
    hourly = 400_000 / (52 * 33.6)
    lines = cost(unit, rota).lines
    holiday = next(line for line in lines if line.employee == "h" and line.kind is CostKind.HOLIDAY)
    assert holiday.amount == pytest.approx((31 + 2 + 14) * 1.3333 * hourly)
    assert "52 × 33,6 t, full uke i tredelt turnus" in holiday.basis_nb
