"""The cost of a tiny hand-made rota, line by line, against a hand calculation."""

from __future__ import annotations

from typing import Any

import pytest

from models.unit import Unit
from rota.cost import CostKind, cost, linear_cost
from tests.rota.conftest import rota_of


def priced_unit(zone: str = "I", **extra: Any) -> Unit:
    """One week; D 07-15, A 15-23, N 23-07; a helsefagarbeider at 50 % and a sykepleier (61 years)."""
    return Unit.model_validate(
        {
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
            },
            **extra,
        }
    )


def amounts(unit: Unit, rows: dict[str, str], employee: str | None) -> dict[CostKind, float]:
    breakdown = cost(unit, rota_of(unit, rows))
    return {line.kind: line.amount for line in breakdown.lines if line.employee == employee}


ROWS = {"h": ".....AN", "s": "D...N.."}


def test_helsefagarbeider_line_by_line_with_the_70_kroner_minimums() -> None:
    """At 400 000 kr, 22 % and 25 % of hourly pay are below NOK 70, so the minimum is paid."""
    lines = amounts(priced_unit(), ROWS, "h")
    hourly = 400_000 / (52 * 35.5)  # 216.68 kr
    assert 0.22 * hourly < 70
    assert 0.25 * hourly < 70
    # Saturday A 15-23: evening 17-21 (4 h), night 21-23 (2 h), weekend 8 h.
    # Sunday N 23-07: night 23-06 (7 h), weekend 23-24 (1 h); Monday morning is no weekend.
    base = 400_000 * 0.50
    evening = 4 * 56 * 52
    night = (2 + 7) * 70 * 52
    weekend = (8 + 1) * 70 * 52
    pay = base + evening + night + weekend
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
    # Friday N 23-07: night 7 h, Saturday 00-07 is weekend (7 h); Monday D has no allowance.
    night = 7 * 0.25 * hourly * 52
    weekend = 7 * 0.22 * hourly * 52
    pay = 700_000 + night + weekend
    holiday_pay = 0.143 * pay
    pension = 0.18 * pay
    tax = 0.141 * (pay + holiday_pay + pension)
    assert CostKind.EVENING not in lines
    assert lines[CostKind.NIGHT] == pytest.approx(night)
    assert lines[CostKind.WEEKEND] == pytest.approx(weekend)
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
    """17 May 2027 is a Monday and a public holiday: a day shift there earns 133.33 % of hourly
    pay for 8 h, annualised by 365 / 7 days."""
    unit = priced_unit(start_date="2027-05-17")
    lines = amounts(unit, {"h": "D......"}, "h")
    hourly = 400_000 / (52 * 35.5)
    assert lines[CostKind.HOLIDAY] == pytest.approx(8 * 1.3333 * hourly * 365 / 7)
    assert CostKind.HOLIDAY not in amounts(unit, {"h": ".D....."}, "h")


def test_every_line_says_where_it_comes_from() -> None:
    """Each line names its basis in Norwegian, e.g. the 70-krone minimum and the zone."""
    unit = priced_unit()
    lines = {
        line.kind: line for line in cost(unit, rota_of(unit, ROWS)).lines if line.employee == "h"
    }
    assert "minst 70 kr/t" in lines[CostKind.NIGHT].basis("nb")
    assert "sone I: 14.1 %" in lines[CostKind.EMPLOYER_TAX].basis("nb")
    assert "at least NOK 70/h" in lines[CostKind.WEEKEND].basis("en")


@pytest.mark.parametrize("start_date", [None, "2027-05-17"])
def test_linear_cost_adds_up_to_the_line_by_line_cost(start_date: str | None) -> None:
    """The planner's linear prices (per % of position, per shift worked, per missing minute)
    add up to cost()'s total for the same rota, holidays and the 60-year holiday pay included."""
    unit = priced_unit(start_date=start_date)
    rota = rota_of(unit, ROWS)
    prices = linear_cost(unit)
    positions = {e.id: e.position_pct for e in unit.employees}
    missing = 8 * 60  # Monday's night
    assert prices.total(positions, rota, missing) == pytest.approx(cost(unit, rota).total)
