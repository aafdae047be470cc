"""What a rota costs a year, line by line, each line saying where its number comes from.

Per employee: base pay by position; evening, night, weekend and public-holiday allowances from the
minutes actually worked in those windows (KS rates, with the NOK minimums; evening and night are
paid on top of weekend and holiday); holiday pay; employer pension; employer tax by zone on pay,
holiday pay and pension; cover bought for vacation and sick leave. For the unit: demand left
uncovered, bought as agency or overtime hours. A grunnturnus is annualised by 52 / weeks; a plan
with a start date uses its real dates and Norway's public holidays.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

import holidays

from models.clock import MINUTES_PER_DAY, overlap
from models.employee import Employee
from models.rota import Rota
from models.unit import Unit

WEEKS_PER_YEAR = 52
AGE_EXTRA_HOLIDAY_PAY = 60


class CostKind(StrEnum):
    BASE = "base"
    EVENING = "evening"
    NIGHT = "night"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    HOLIDAY_PAY = "holiday_pay"
    PENSION = "pension"
    EMPLOYER_TAX = "employer_tax"
    VACATION_COVER = "vacation_cover"
    SICK_COVER = "sick_cover"
    UNCOVERED = "uncovered"


LABELS: dict[CostKind, tuple[str, str]] = {
    CostKind.BASE: ("Grunnlønn", "Base pay"),
    CostKind.EVENING: ("Kveldstillegg", "Evening allowance"),
    CostKind.NIGHT: ("Nattillegg", "Night allowance"),
    CostKind.WEEKEND: ("Helgetillegg", "Weekend allowance"),
    CostKind.HOLIDAY: ("Helligdagstillegg", "Public-holiday allowance"),
    CostKind.HOLIDAY_PAY: ("Feriepenger", "Holiday pay"),
    CostKind.PENSION: ("Pensjon", "Pension"),
    CostKind.EMPLOYER_TAX: ("Arbeidsgiveravgift", "Employer tax"),
    CostKind.VACATION_COVER: ("Vikar i ferie", "Vacation cover"),
    CostKind.SICK_COVER: ("Vikar ved sykefravær", "Sick-leave cover"),
    CostKind.UNCOVERED: (
        "Udekket bemanning (innleie/overtid)",
        "Uncovered demand (agency/overtime)",
    ),
}


@dataclass(frozen=True)
class CostLine:
    """One amount (NOK a year) and how it was reached, in both languages."""

    kind: CostKind
    amount: float
    basis_nb: str
    basis_en: str
    employee: str | None = None

    def label(self, lang: str = "nb") -> str:
        nb, en = LABELS[self.kind]
        return nb if lang == "nb" else en

    def basis(self, lang: str = "nb") -> str:
        return self.basis_nb if lang == "nb" else self.basis_en


@dataclass(frozen=True)
class CostBreakdown:
    lines: list[CostLine] = field(default_factory=list)
    budget_frame: float | None = None

    @property
    def total(self) -> float:
        return sum(line.amount for line in self.lines)

    def by_kind(self) -> dict[CostKind, float]:
        totals = dict.fromkeys(CostKind, 0.0)
        for line in self.lines:
            totals[line.kind] += line.amount
        return totals

    def for_employee(self, employee_id: str) -> list[CostLine]:
        return [line for line in self.lines if line.employee == employee_id]

    @property
    def difference(self) -> float | None:
        """Cost minus the budget frame: positive is over budget."""
        return None if self.budget_frame is None else self.total - self.budget_frame


def _kr(amount: float) -> str:
    return f"{amount:,.0f}".replace(",", " ")


def _hours(minutes: float) -> str:
    return f"{minutes / 60:g}"


@dataclass(frozen=True)
class _Minutes:
    """Minutes of one employee's rota in each allowance window, over the whole rota."""

    evening: int = 0
    night: int = 0
    weekend: int = 0
    holiday: int = 0


def _public_holidays(unit: Unit) -> set[date]:
    if unit.start_date is None:
        return set()
    last = unit.start_date + timedelta(days=unit.days + 1)
    years = range(unit.start_date.year, last.year + 1)
    return set(holidays.country_holidays("NO", years=years))


def _shift_minutes(unit: Unit, day: int, code: str, holy: set[date]) -> _Minutes:
    """Minutes of one shift on one rota day in each allowance window."""
    shift = unit.shift(code)
    holiday = 0
    if unit.start_date is not None:
        for offset in (0, 1):
            if unit.start_date + timedelta(days=day + offset) in holy:
                begin = offset * MINUTES_PER_DAY
                holiday += overlap(
                    shift.start_minute, shift.end_minute, begin, begin + MINUTES_PER_DAY
                )
    return _Minutes(
        shift.evening_minutes,
        shift.night_minutes,
        shift.weekend_minutes(unit.weekday(day)),
        holiday,
    )


def _window_minutes(unit: Unit, rota: Rota, employee_id: str, holy: set[date]) -> _Minutes:
    evening = night = weekend = holiday = 0
    for day, code in enumerate(rota.assignments[employee_id]):
        if code is None:
            continue
        minutes = _shift_minutes(unit, day, code, holy)
        evening += minutes.evening
        night += minutes.night
        weekend += minutes.weekend
        holiday += minutes.holiday
    return _Minutes(evening, night, weekend, holiday)


def _per_year(unit: Unit) -> float:
    """How many times a year the rota runs: 52 / weeks, or 365 / days for a dated plan."""
    return WEEKS_PER_YEAR / unit.weeks if unit.start_date is None else 365 / unit.days


def _hourly_rates(unit: Unit, employee: Employee, annual_pay: float) -> dict[CostKind, float]:
    """NOK an hour of each allowance, the KS minimums applied."""
    budget = unit.budget
    hourly = annual_pay / (WEEKS_PER_YEAR * unit.rules_for(employee).full_time_week_h)
    return {
        CostKind.EVENING: budget.evening_allowance_nok,
        CostKind.NIGHT: max(
            budget.night_allowance_pct / 100 * hourly, budget.night_allowance_min_nok
        ),
        CostKind.WEEKEND: max(
            budget.weekend_allowance_pct / 100 * hourly, budget.weekend_allowance_min_nok
        ),
        CostKind.HOLIDAY: budget.holiday_allowance_pct / 100 * hourly,
    }


def _holiday_pay_pct(unit: Unit, employee: Employee) -> float:
    extra = employee.age is not None and employee.age >= AGE_EXTRA_HOLIDAY_PAY
    return unit.budget.holiday_pay_pct + (unit.budget.holiday_pay_over_60_extra_pct if extra else 0)


def _loading(unit: Unit, employee: Employee) -> float:
    """What one krone of pay costs with holiday pay, pension, employer tax and absence cover."""
    budget = unit.budget
    taxed = 1 + (_holiday_pay_pct(unit, employee) + budget.pension_pct) / 100
    loaded = taxed * (1 + budget.employer_tax_pct / 100)
    return loaded * (1 + (budget.vacation_cover_pct + budget.sick_leave_cover_pct) / 100)


@dataclass(frozen=True)
class LinearCost:
    """The yearly cost as a sum over position sizes and worked shifts, for the position planner
    to minimise and hold against the budget frame. It adds up to `cost()`'s total (tested)."""

    per_position_pct: dict[str, float]
    per_shift: dict[tuple[str, int, str], float]
    per_missing_minute: float

    def total(self, positions: dict[str, float], rota: Rota, missing_minutes: float) -> float:
        """The cost of these position sizes (%) and this rota with these minutes below minimum."""
        amount = sum(self.per_position_pct[e] * pct for e, pct in positions.items())
        for employee_id, row in rota.assignments.items():
            for day, code in enumerate(row):
                if code is not None:
                    amount += self.per_shift.get((employee_id, day, code), 0.0)
        return amount + self.per_missing_minute * missing_minutes


def linear_cost(unit: Unit) -> LinearCost:
    """The unit's cost per % of each position and per shift worked (allowances, loaded)."""
    holy = _public_holidays(unit)
    per_year = _per_year(unit)
    per_pct: dict[str, float] = {}
    per_shift: dict[tuple[str, int, str], float] = {}
    for employee in unit.employees:
        annual_pay = unit.pay_for(employee)
        if annual_pay is None:
            per_pct[employee.id] = 0.0
            continue
        loading = _loading(unit, employee)
        per_pct[employee.id] = annual_pay / 100 * loading
        rates = _hourly_rates(unit, employee, annual_pay)
        for day in range(unit.days):
            for shift in unit.shift_types:
                minutes = _shift_minutes(unit, day, shift.code, holy)
                pay = (
                    minutes.evening * rates[CostKind.EVENING]
                    + minutes.night * rates[CostKind.NIGHT]
                    + minutes.weekend * rates[CostKind.WEEKEND]
                    + minutes.holiday * rates[CostKind.HOLIDAY]
                ) / 60
                if pay:
                    per_shift[employee.id, day, shift.code] = pay * per_year * loading
    return LinearCost(per_pct, per_shift, unit.budget.agency_hour_nok / 60 * per_year)


def _employee_lines(
    unit: Unit, rota: Rota, employee: Employee, holy: set[date]
) -> Iterable[CostLine]:
    budget = unit.budget
    rules = unit.rules_for(employee)
    annual_pay = unit.pay_for(employee)
    who = employee.id
    if annual_pay is None:
        yield CostLine(
            CostKind.BASE,
            0.0,
            f"ingen årslønn oppgitt for {employee.display_name} eller {employee.competence}"
            " (arket Kompetanse eller Ansatte)",
            f"no annual pay given for {employee.display_name} or {employee.competence}",
            who,
        )
        return
    hourly = annual_pay / (WEEKS_PER_YEAR * rules.full_time_week_h)
    per_year = _per_year(unit)
    scale_nb = (
        f"× {WEEKS_PER_YEAR}/{unit.weeks} uker"
        if unit.start_date is None
        else "× 365/dager i planen"
    )
    scale_en = (
        f"× {WEEKS_PER_YEAR}/{unit.weeks} weeks"
        if unit.start_date is None
        else "× 365/days in plan"
    )
    minutes = _window_minutes(unit, rota, who, holy)
    hourly_text = f"timelønn {hourly:.2f} kr = {_kr(annual_pay)} / ({WEEKS_PER_YEAR} × {rules.full_time_week_h:g} t)"
    hourly_en = f"hourly pay {hourly:.2f} NOK = {_kr(annual_pay)} / ({WEEKS_PER_YEAR} × {rules.full_time_week_h:g} h)"

    base = annual_pay * employee.position_pct / 100
    yield CostLine(
        CostKind.BASE,
        base,
        f"{_kr(annual_pay)} kr × {employee.position_pct:g} %",
        f"NOK {_kr(annual_pay)} × {employee.position_pct:g} %",
        who,
    )
    pay = base
    rates = (
        (CostKind.EVENING, minutes.evening, budget.evening_allowance_nok, 0.0, 0.0),
        (
            CostKind.NIGHT,
            minutes.night,
            0.0,
            budget.night_allowance_pct,
            budget.night_allowance_min_nok,
        ),
        (
            CostKind.WEEKEND,
            minutes.weekend,
            0.0,
            budget.weekend_allowance_pct,
            budget.weekend_allowance_min_nok,
        ),
        (CostKind.HOLIDAY, minutes.holiday, 0.0, budget.holiday_allowance_pct, 0.0),
    )
    for kind, window_minutes, fixed, pct, minimum in rates:
        if window_minutes == 0:
            continue
        if fixed:
            rate = fixed
            rule_nb, rule_en = f"{fixed:g} kr/t", f"NOK {fixed:g}/h"
        else:
            share = pct / 100 * hourly
            rate = max(share, minimum)
            if minimum and share < minimum:
                rule_nb = f"minst {minimum:g} kr/t ({pct:g} % av timelønn er {share:.2f})"
                rule_en = f"at least NOK {minimum:g}/h ({pct:g} % of hourly pay is {share:.2f})"
            else:
                rule_nb = f"{pct:g} % av {hourly_text}"
                rule_en = f"{pct:g} % of {hourly_en}"
        amount = window_minutes / 60 * rate * per_year
        pay += amount
        yield CostLine(
            kind,
            amount,
            f"{_hours(window_minutes)} t i turnusen {scale_nb} × {rate:.2f} kr/t ({rule_nb})",
            f"{_hours(window_minutes)} h in the rota {scale_en} × NOK {rate:.2f}/h ({rule_en})",
            who,
        )
    holiday_pct = _holiday_pay_pct(unit, employee)
    holiday_pay = pay * holiday_pct / 100
    yield CostLine(
        CostKind.HOLIDAY_PAY,
        holiday_pay,
        f"{holiday_pct:g} % av lønn og tillegg {_kr(pay)} kr",
        f"{holiday_pct:g} % of pay and allowances NOK {_kr(pay)}",
        who,
    )
    pension = pay * budget.pension_pct / 100
    yield CostLine(
        CostKind.PENSION,
        pension,
        f"{budget.pension_pct:g} % av lønn og tillegg {_kr(pay)} kr",
        f"{budget.pension_pct:g} % of pay and allowances NOK {_kr(pay)}",
        who,
    )
    taxed = pay + holiday_pay + pension
    tax = taxed * budget.employer_tax_pct / 100
    yield CostLine(
        CostKind.EMPLOYER_TAX,
        tax,
        f"sone {budget.employer_tax_zone}: {budget.employer_tax_pct:g} % av {_kr(taxed)} kr"
        " (lønn, feriepenger og pensjon)",
        f"zone {budget.employer_tax_zone}: {budget.employer_tax_pct:g} % of NOK {_kr(taxed)}"
        " (pay, holiday pay and pension)",
        who,
    )
    loaded = taxed + tax
    for kind, pct in (
        (CostKind.VACATION_COVER, budget.vacation_cover_pct),
        (CostKind.SICK_COVER, budget.sick_leave_cover_pct),
    ):
        if pct:
            yield CostLine(
                kind,
                loaded * pct / 100,
                f"{pct:g} % av lønnskostnaden {_kr(loaded)} kr",
                f"{pct:g} % of the labour cost NOK {_kr(loaded)}",
                who,
            )


def _uncovered_line(unit: Unit, rota: Rota) -> CostLine | None:
    """Person-hours below the minimum cover, bought at the agency/overtime price."""
    missing_minutes = 0
    for day, row in unit.demand_cells():
        staffed = sum(1 for e in unit.employees if rota.shift_on(e.id, day) == row.shift)
        if staffed < row.min:
            missing_minutes += (row.min - staffed) * unit.shift(row.shift).worked_minutes
    if not missing_minutes:
        return None
    per_year = _per_year(unit)
    price = unit.budget.agency_hour_nok
    return CostLine(
        CostKind.UNCOVERED,
        missing_minutes / 60 * per_year * price,
        f"{_hours(missing_minutes)} t under minimum i turnusen, årlig {missing_minutes / 60 * per_year:.0f} t"
        f" × {price:g} kr/t",
        f"{_hours(missing_minutes)} h below minimum in the rota, {missing_minutes / 60 * per_year:.0f} h a year"
        f" × NOK {price:g}/h",
    )


def cost(unit: Unit, rota: Rota) -> CostBreakdown:
    """The yearly cost of running the unit on this rota, every line explained."""
    holy = _public_holidays(unit)
    lines: list[CostLine] = []
    for employee in unit.employees:
        lines.extend(_employee_lines(unit, rota, employee, holy))
    uncovered = _uncovered_line(unit, rota)
    if uncovered is not None:
        lines.append(uncovered)
    return CostBreakdown(lines=lines, budget_frame=unit.budget.budget_frame_nok)
