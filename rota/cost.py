"""What a rota costs a year, line by line, each line saying where its number comes from.

Per employee: base pay by position; evening, night, weekend and public-holiday allowances from the
minutes worked in those windows (KS rates, with the NOK minimums); holiday pay; employer pension;
employer tax by zone on pay, holiday pay and pension; cover bought for vacation and sick leave.
For the unit: demand left uncovered, bought as agency or overtime hours.

The year. A rota is priced for a budget year (`Budget.budget_year`; when empty, a dated plan's
first year, else the current year). Pay figures are for `Budget.pay_year` and grow by
`Budget.wage_growth_pct` a year: every kroner figure of pay (annual pay, the kroner allowances and
minimums, the price of an uncovered hour) is scaled by (1 + g)^(budget year - pay year).

Annualising. Evening, night and weekend minutes and uncovered hours recur every week: a
grunnturnus is scaled by 52 / weeks, a dated plan by 365 / days. Public holidays do not recur every
week, so they are never scaled: the allowance is paid for the budget year's own holidays
(`models.holidays`: helligdagsloven § 2 and 1 and 17 May, 11 to 12 of them), each once. The
work that earns it is the rota's work inside the holiday's window of AML § 10-10 (1) (from 18:00
the day before, 15:00 on jul-, påske- and pinseaften, to 22:00; the day before 1 and 17 May is an
ordinary day), placed by the shifts' clock times, a night shift from the eve included:
- a grunnturnus has no dates, so a holiday falls on its weekday in any week of the cycle: its
  window minutes are the weekday's shifts summed over the N weeks and divided by N (the average
  over where in the cycle the year starts);
- a dated plan prices a holiday date inside the plan from the plan's own shifts that day (and the
  evening before, when that is in the plan too), and a holiday outside it like a grunnturnus over
  the plan's weeks. Chosen because the plan's real dates are known where it has them, and a plan
  shorter than a year must not count the holidays it contains 365 / days times over; a plan that
  covers the year thus uses its real dates throughout.

Allowances on top of each other (KS Hovedtariffavtalen kap. 1 § 5 pkt. 5.1.2, «Sammenfall»: no
two § 5 allowances for the same time, except that the evening and night allowance of pkt. 5.4 is
paid on top of the Saturday/Sunday allowance (5.2) and the holiday allowance (5.3)): a minute
that earns the holiday allowance earns no weekend allowance, so the weekend line leaves out the
holiday minutes that fall on a Saturday or Sunday; evening and night are paid on top of both.
Note: HTA 5.3.1 pays the holiday allowance from 00:00 to 24:00 on the holiday (and from 12:00 on
some eves), not in the § 10-10 window used here; the window is this module's choice, one helper
for law and cost.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from models.clock import MINUTES_PER_DAY, SATURDAY, WEEKDAYS_EN, WEEKDAYS_NB, overlap
from models.employee import Employee
from models.holidays import HolidayTime, holiday_times
from models.numbers import decimal, hours
from models.problems import Language
from models.rota import Rota
from models.unit import Unit
from rota.rules.hours import counted

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
    REPLACEMENT = "replacement"


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
    CostKind.REPLACEMENT: (
        "Det som erstatter en tjeneste som tas bort",
        "What replaces a removed service",
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


def _hours(minutes: float, lang: Language = "en") -> str:
    """Hours with at most two decimals: 7.5, 1.33 (7,5 and 1,33 in Norwegian)."""
    return hours(minutes / 60, lang)


def budget_year(unit: Unit) -> int:
    """The year the unit is priced for: the budget's year, else the first year of a dated plan,
    else the current year (a grunnturnus has no dates of its own)."""
    if unit.budget.budget_year is not None:
        return unit.budget.budget_year
    if unit.start_date is not None:
        return unit.start_date.year
    return date.today().year


@dataclass(frozen=True)
class _Growth:
    """How pay figures for the pay year are scaled to the budget year."""

    year: int
    pay_year: int | None
    pct: float

    @property
    def years(self) -> int:
        return 0 if self.pay_year is None else self.year - self.pay_year

    @property
    def factor(self) -> float:
        return (1 + self.pct / 100) ** self.years

    @property
    def applies(self) -> bool:
        return self.pay_year is not None and self.factor != 1

    def note(self, lang: Language = "nb") -> str:
        """'for 2025 × (1 + 3 %)^2 = × 1,0609' (1.0609 in English), or ''."""
        if not self.applies:
            return ""
        pct, factor = decimal(self.pct, "g", lang), decimal(self.factor, ".4f", lang)
        return f"for {self.pay_year} × (1 + {pct} %)^{self.years} = × {factor}"


@dataclass(frozen=True)
class _HolidayHit:
    """Minutes a year one shift (on one rota day) lies in one holiday's window."""

    holiday: int  # index into _HolidayPricing.times
    minutes: float
    weekend: bool  # on a Saturday or Sunday: no weekend allowance on top


@dataclass(frozen=True)
class _HolidayPricing:
    """The budget year's holidays and, per (rota day, shift code), its minutes a year in each."""

    year: int
    times: tuple[HolidayTime, ...]
    in_plan: tuple[date, ...]  # holidays priced from a dated plan's own dates
    hits: dict[tuple[int, str], tuple[_HolidayHit, ...]]


@dataclass(frozen=True)
class _Pricing:
    """What every line of one unit shares: the year, wage growth, annualising and holidays."""

    year: int
    growth: _Growth
    per_year: float
    holidays: _HolidayPricing


def _in_plan(unit: Unit, day: date) -> int | None:
    """The rota day of a calendar date inside a dated plan, else None."""
    if unit.start_date is None:
        return None
    offset = (day - unit.start_date).days
    return offset if 0 <= offset < unit.days else None


def _placements(unit: Unit, day: date) -> list[tuple[int, int, float]]:
    """Where the shifts that reach calendar `day` start: (rota day, minutes from that day's
    start to `day`'s midnight, weight). A date in a dated plan is its own rota day and the one
    before (if in the plan), once; any other date is its weekday in each week of the cycle (and
    the day before, wrapping round), each 1/weeks."""
    offset = _in_plan(unit, day)
    if offset is not None:
        found = [(offset, 0, 1.0)]
        if offset > 0:
            found.append((offset - 1, MINUTES_PER_DAY, 1.0))
        return found
    weight = 1 / unit.weeks
    placements: list[tuple[int, int, float]] = []
    for week in range(unit.weeks):
        rota_day = 7 * week + day.weekday()
        placements.append((rota_day, 0, weight))
        placements.append(((rota_day - 1) % unit.days, MINUTES_PER_DAY, weight))
    return placements


def _holiday_pricing(unit: Unit, year: int) -> _HolidayPricing:
    """Each shift's minutes a year in each public holiday's § 10-10 window (see the module)."""
    times = tuple(holiday_times(year))
    hits: dict[tuple[int, str], list[_HolidayHit]] = defaultdict(list)
    for index, share in enumerate(times):
        for day, intervals in share.parts:
            weekend = day.weekday() >= SATURDAY
            for rota_day, before, weight in _placements(unit, day):
                for shift in unit.shift_types:
                    start, end = shift.start_minute - before, shift.end_minute - before
                    minutes = sum(overlap(start, end, a, b) for a, b in intervals)
                    if minutes:
                        hits[rota_day, shift.code].append(
                            _HolidayHit(index, minutes * weight, weekend)
                        )
    in_plan = tuple(t.holiday for t in times if _in_plan(unit, t.holiday) is not None)
    return _HolidayPricing(year, times, in_plan, {key: tuple(v) for key, v in hits.items()})


def _pricing(unit: Unit) -> _Pricing:
    year = budget_year(unit)
    budget = unit.budget
    return _Pricing(
        year,
        _Growth(year, budget.pay_year, budget.wage_growth_pct),
        _per_year(unit),
        _holiday_pricing(unit, year),
    )


@dataclass(frozen=True)
class _Minutes:
    """Minutes of one employee's rota in each allowance window: evening, night and weekend over
    the rota as it stands; holiday minutes a year (by holiday), and those of them on a weekend."""

    evening: int = 0
    night: int = 0
    weekend: int = 0
    holiday: float = 0.0
    holiday_weekend: float = 0.0
    by_holiday: dict[int, float] = field(default_factory=dict)


def _shift_minutes(unit: Unit, day: int, code: str, holidays: _HolidayPricing) -> _Minutes:
    """Minutes of one shift on one rota day in each allowance window."""
    shift = unit.shift(code)
    hits = holidays.hits.get((day, code), ())
    by_holiday: dict[int, float] = defaultdict(float)
    for hit in hits:
        by_holiday[hit.holiday] += hit.minutes
    return _Minutes(
        shift.evening_minutes,
        shift.night_minutes,
        shift.weekend_minutes(unit.weekday(day)),
        sum(hit.minutes for hit in hits),
        sum(hit.minutes for hit in hits if hit.weekend),
        dict(by_holiday),
    )


def _window_minutes(
    unit: Unit, rota: Rota, employee_id: str, holidays: _HolidayPricing
) -> _Minutes:
    evening = night = weekend = 0
    holiday = holiday_weekend = 0.0
    by_holiday: dict[int, float] = defaultdict(float)
    for day, code in enumerate(rota.assignments[employee_id]):
        if code is None:
            continue
        minutes = _shift_minutes(unit, day, code, holidays)
        evening += minutes.evening
        night += minutes.night
        weekend += minutes.weekend
        holiday += minutes.holiday
        holiday_weekend += minutes.holiday_weekend
        for index, value in minutes.by_holiday.items():
            by_holiday[index] += value
    return _Minutes(evening, night, weekend, holiday, holiday_weekend, dict(by_holiday))


def planned_days(unit: Unit) -> int:
    """The days a dated plan staffs: those with demand (a year's grid has days of the years
    either side that it leaves to them), or all its days when it has no demand at all."""
    staffed = {day for day, _ in unit.demand_cells()}
    return len(staffed) or unit.days


def _per_year(unit: Unit) -> float:
    """How many times a year the rota's weeks run: 52 / weeks, or 365 / the days it staffs for
    a dated plan (1 for a plan of a whole year)."""
    return WEEKS_PER_YEAR / unit.weeks if unit.start_date is None else 365 / planned_days(unit)


def _hourly_rates(
    unit: Unit,
    employee: Employee,
    annual_pay: float,
    growth: float,
    full_time_week_h: float | None = None,
) -> dict[CostKind, float]:
    """NOK an hour of each allowance, the KS minimums applied; `annual_pay` is already grown,
    the kroner rates are scaled by `growth` here. The hourly pay divides by the person's own
    full-time week (`full_time_week_h`, shorter in three-shift turnus), else the unit's."""
    budget = unit.budget
    week = full_time_week_h or unit.rules_for(employee).full_time_week_h
    hourly = annual_pay / (WEEKS_PER_YEAR * week)
    return {
        CostKind.EVENING: budget.evening_allowance_nok * growth,
        CostKind.NIGHT: max(
            budget.night_allowance_pct / 100 * hourly, budget.night_allowance_min_nok * growth
        ),
        CostKind.WEEKEND: max(
            budget.weekend_allowance_pct / 100 * hourly, budget.weekend_allowance_min_nok * growth
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
    """The unit's cost per % of each position and per shift worked (allowances, loaded), for
    the position planner's objective. Linear, so the allowances in % of hourly pay are priced
    at the unit's full-time week: in three-shift turnus `cost` divides by the person's own,
    shorter week, and those lines come out up to 5.7 % higher there."""
    pricing = _pricing(unit)
    growth = pricing.growth.factor
    per_pct: dict[str, float] = {}
    per_shift: dict[tuple[str, int, str], float] = {}
    for employee in unit.employees:
        pay = unit.pay_for(employee)
        if pay is None:
            per_pct[employee.id] = 0.0
            continue
        annual_pay = pay * growth
        loading = _loading(unit, employee)
        per_pct[employee.id] = annual_pay / 100 * loading
        rates = _hourly_rates(unit, employee, annual_pay, growth)
        for day in range(unit.days):
            for shift in unit.shift_types:
                minutes = _shift_minutes(unit, day, shift.code, pricing.holidays)
                weekly = (
                    minutes.evening * rates[CostKind.EVENING]
                    + minutes.night * rates[CostKind.NIGHT]
                    + minutes.weekend * rates[CostKind.WEEKEND]
                )
                yearly = (
                    weekly * pricing.per_year
                    + minutes.holiday * rates[CostKind.HOLIDAY]
                    - minutes.holiday_weekend * rates[CostKind.WEEKEND]
                ) / 60
                if yearly:
                    per_shift[employee.id, day, shift.code] = yearly * loading
    agency = unit.budget.agency_hour_nok * growth
    return LinearCost(per_pct, per_shift, agency / 60 * pricing.per_year)


def _scale_text(unit: Unit, lang: str) -> str:
    if unit.start_date is None:
        unit_word = "uker" if lang == "nb" else "weeks"
        return f"× {WEEKS_PER_YEAR}/{unit.weeks} {unit_word}"
    days = planned_days(unit)
    return f"× 365/{days} dager i planen" if lang == "nb" else f"× 365/{days} days in the plan"


def _holiday_text(pricing: _Pricing, unit: Unit, minutes: _Minutes, lang: str) -> str:
    """Which holidays of which year, the hours in each, and how they were placed."""
    holidays = pricing.holidays
    nb = lang == "nb"
    names = WEEKDAYS_NB if nb else WEEKDAYS_EN
    worked = [
        f"{names[share.holiday.weekday()]} {share.holiday:%d.%m} {share.name}"
        f" {_hours(minutes.by_holiday[index], 'nb' if nb else 'en')} {'t' if nb else 'h'}"
        for index, share in enumerate(holidays.times)
        if minutes.by_holiday.get(index, 0) > 1e-9
    ]
    count = len(holidays.times)
    in_plan = ", ".join(f"{day:%d.%m}" for day in holidays.in_plan)
    if nb:
        head = (
            f"{_hours(minutes.holiday, 'nb')} t i året i helligdagsvinduet (AML § 10-10 (1): fra kl. 18"
            f" dagen før, kl. 15 på jul-, påske- og pinseaften, til kl. 22) på {len(worked)} av"
            f" {count} helligdager i {holidays.year}: {'; '.join(worked)}"
        )
        if in_plan:
            how = (
                f"helligdagene {in_plan} med planens egne vakter, de andre som ukedagens vakter"
                f" summert over planens {unit.weeks} uker / {unit.weeks}"
            )
        else:
            where = "planens" if unit.start_date is not None else "turnusens"
            how = f"ukedagens vakter summert over {where} {unit.weeks} uker / {unit.weeks}"
        return f"{head} ({how})"
    head = (
        f"{_hours(minutes.holiday)} h a year in the holiday window (AML § 10-10 (1): from 18:00"
        f" the day before, 15:00 on Christmas, Easter and Whitsun eve, to 22:00) on {len(worked)}"
        f" of {count} public holidays in {holidays.year}: {'; '.join(worked)}"
    )
    if in_plan:
        how = (
            f"the holidays {in_plan} from the plan's own shifts, the others as the weekday's shifts"
            f" summed over the plan's {unit.weeks} weeks / {unit.weeks}"
        )
    else:
        where = "plan's" if unit.start_date is not None else "rota's"
        how = f"the weekday's shifts summed over the {where} {unit.weeks} weeks / {unit.weeks}"
    return f"{head} ({how})"


def _employee_lines(
    unit: Unit,
    rota: Rota,
    employee: Employee,
    pricing: _Pricing,
    hourly_paid: bool = False,
    extra_minutes: float = 0.0,
) -> Iterable[CostLine]:
    budget = unit.budget
    rules = unit.rules_for(employee)
    pay_given = unit.pay_for(employee)
    who = employee.id
    if pay_given is None:
        yield CostLine(
            CostKind.BASE,
            0.0,
            f"ingen årslønn oppgitt for {employee.display_name} eller {employee.competence}"
            " (arket Kompetanse eller Ansatte)",
            f"no annual pay given for {employee.display_name} or {employee.competence}",
            who,
        )
        return
    growth = pricing.growth
    annual_pay = pay_given * growth.factor
    # In three-shift turnus the person's own full-time week (KS HTA kap. 1), from their rota.
    count = counted(unit, rota, employee)
    week = count.full_time_week_h if count.three_shift else rules.full_time_week_h
    hourly = annual_pay / (WEEKS_PER_YEAR * week)
    per_year = pricing.per_year
    year = pricing.year
    scale_nb, scale_en = _scale_text(unit, "nb"), _scale_text(unit, "en")
    minutes = _window_minutes(unit, rota, who, pricing.holidays)
    rates = _hourly_rates(unit, employee, annual_pay, growth.factor, week)
    week_nb, week_en = hours(week), hours(week, "en")
    why_nb = " t, full uke i tredelt turnus" if count.three_shift else " t"
    why_en = " h, full-time week in three-shift turnus" if count.three_shift else " h"
    hourly_text = (
        f"timelønn {decimal(hourly, '.2f')} kr = {_kr(annual_pay)} / ({WEEKS_PER_YEAR} ×"
        f" {week_nb}{why_nb})"
    )
    hourly_en = (
        f"hourly pay {hourly:.2f} NOK = {_kr(annual_pay)} / ({WEEKS_PER_YEAR} × {week_en}{why_en})"
    )

    if growth.applies:
        year_nb = f"budsjettår {year}; årslønn {_kr(pay_given)} kr {growth.note()}"
        year_en = f"budget year {year}; annual pay NOK {_kr(pay_given)} {growth.note('en')}"
    else:
        year_nb, year_en = f"budsjettår {year}", f"budget year {year}"
    if hourly_paid:
        worked = count.minutes * per_year
        base = worked / 60 * hourly
        yield CostLine(
            CostKind.VACATION_COVER,
            base,
            f"{employee.display_name}: {_hours(worked, 'nb')} t i planen × {hourly_text} ({year_nb})",
            f"{employee.display_name}: {_hours(worked)} h in the plan × {hourly_en} ({year_en})",
            who,
        )
    else:
        base = annual_pay * employee.position_pct / 100
        yield CostLine(
            CostKind.BASE,
            base,
            f"{_kr(annual_pay)} kr × {decimal(employee.position_pct)} % ({year_nb})",
            f"NOK {_kr(annual_pay)} × {employee.position_pct:g} % ({year_en})",
            who,
        )
    pay = base
    if extra_minutes > 0:
        extra_pay = extra_minutes / 60 * hourly
        yield CostLine(
            CostKind.VACATION_COVER,
            extra_pay,
            f"{employee.display_name}: {_hours(extra_minutes, 'nb')} t ekstra (ønsker større"
            f" stilling, tar feriedekning) × {hourly_text}",
            f"{employee.display_name}: {_hours(extra_minutes)} h extra (wants a larger position,"
            f" takes vacation cover) × {hourly_en}",
            who,
        )
        pay += extra_pay
    weekend_yearly = minutes.weekend * per_year - minutes.holiday_weekend
    allowances = (
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
    grown = f" {growth.note()}" if growth.applies else ""
    grown_en = f" {growth.note('en')}" if growth.applies else ""
    for kind, window_minutes, fixed, pct, minimum in allowances:
        if abs(window_minutes) < 1e-9:
            continue
        rate = rates[kind]
        if fixed:
            rule_nb, rule_en = f"{decimal(fixed)} kr/t{grown}", f"NOK {fixed:g}/h{grown_en}"
        else:
            share = pct / 100 * hourly
            if minimum and share < rate:
                rule_nb = (
                    f"minst {decimal(minimum)} kr/t{grown} ({decimal(pct)} % av timelønn er"
                    f" {decimal(share, '.2f')})"
                )
                rule_en = (
                    f"at least NOK {minimum:g}/h{grown_en} ({pct:g} % of hourly pay is {share:.2f})"
                )
            else:
                rule_nb = f"{decimal(pct)} % av {hourly_text}"
                rule_en = f"{pct:g} % of {hourly_en}"
        if kind is CostKind.HOLIDAY:
            amount = window_minutes / 60 * rate
            basis_nb = (
                f"{_holiday_text(pricing, unit, minutes, 'nb')} × {decimal(rate, '.2f')} kr/t ({rule_nb});"
                " helgetillegg betales ikke i tillegg, kvelds- og nattillegg gjør det"
                " (HTA kap. 1 § 5 pkt. 5.1.2)"
            )
            basis_en = (
                f"{_holiday_text(pricing, unit, minutes, 'en')} × NOK {rate:.2f}/h ({rule_en});"
                " no weekend allowance on top, evening and night allowances on top"
                " (HTA ch. 1 § 5 item 5.1.2)"
            )
        elif kind is CostKind.WEEKEND and minutes.holiday_weekend > 1e-9:
            amount = weekend_yearly / 60 * rate
            basis_nb = (
                f"({_hours(window_minutes, 'nb')} t i turnusen {scale_nb} −"
                f" {_hours(minutes.holiday_weekend, 'nb')} t"
                f" på helligdager i helgen i {year}, som får helligdagstillegg i stedet, HTA kap. 1"
                f" § 5 pkt. 5.1.2) × {decimal(rate, '.2f')} kr/t ({rule_nb})"
            )
            basis_en = (
                f"({_hours(window_minutes)} h in the rota {scale_en} − {_hours(minutes.holiday_weekend)} h"
                f" on public holidays at the weekend in {year}, paid the holiday allowance instead,"
                f" HTA ch. 1 § 5 item 5.1.2) × NOK {rate:.2f}/h ({rule_en})"
            )
        else:
            amount = window_minutes / 60 * rate * per_year
            basis_nb = (
                f"{_hours(window_minutes, 'nb')} t i turnusen {scale_nb} × {decimal(rate, '.2f')} kr/t"
                f" ({rule_nb})"
            )
            basis_en = (
                f"{_hours(window_minutes)} h in the rota {scale_en} × NOK {rate:.2f}/h ({rule_en})"
            )
        pay += amount
        yield CostLine(kind, amount, basis_nb, basis_en, who)
    holiday_pct = _holiday_pay_pct(unit, employee)
    holiday_pay = pay * holiday_pct / 100
    yield CostLine(
        CostKind.HOLIDAY_PAY,
        holiday_pay,
        f"{decimal(holiday_pct)} % av lønn og tillegg {_kr(pay)} kr",
        f"{holiday_pct:g} % of pay and allowances NOK {_kr(pay)}",
        who,
    )
    pension = pay * budget.pension_pct / 100
    yield CostLine(
        CostKind.PENSION,
        pension,
        f"{decimal(budget.pension_pct)} % av lønn og tillegg {_kr(pay)} kr",
        f"{budget.pension_pct:g} % of pay and allowances NOK {_kr(pay)}",
        who,
    )
    taxed = pay + holiday_pay + pension
    tax = taxed * budget.employer_tax_pct / 100
    yield CostLine(
        CostKind.EMPLOYER_TAX,
        tax,
        f"sone {budget.employer_tax_zone}: {decimal(budget.employer_tax_pct)} % av {_kr(taxed)} kr"
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
                f"{decimal(pct)} % av lønnskostnaden {_kr(loaded)} kr",
                f"{pct:g} % of the labour cost NOK {_kr(loaded)}",
                who,
            )


def _uncovered_line(unit: Unit, rota: Rota, pricing: _Pricing) -> CostLine | None:
    """Person-hours below the minimum cover, bought at the agency/overtime price."""
    missing_minutes = 0
    for day, row in unit.demand_cells():
        staffed = sum(1 for e in unit.employees if rota.shift_on(e.id, day) == row.shift)
        if staffed < row.min:
            missing_minutes += (row.min - staffed) * unit.shift(row.shift).worked_minutes
    if not missing_minutes:
        return None
    per_year = pricing.per_year
    given = unit.budget.agency_hour_nok
    growth = pricing.growth
    price = given * growth.factor
    yearly = missing_minutes / 60 * per_year
    if growth.applies:
        price_nb = f"{decimal(price, '.2f')} kr/t ({decimal(given)} kr {growth.note()})"
        price_en = f"NOK {price:.2f}/h (NOK {given:g} {growth.note('en')})"
    else:
        price_nb, price_en = f"{decimal(price)} kr/t", f"NOK {price:g}/h"
    return CostLine(
        CostKind.UNCOVERED,
        yearly * price,
        f"{_hours(missing_minutes, 'nb')} t under minimum i turnusen, årlig {yearly:.0f} t ×"
        f" {price_nb}",
        f"{_hours(missing_minutes)} h below minimum in the rota, {yearly:.0f} h a year × {price_en}",
    )


def cost(
    unit: Unit,
    rota: Rota,
    hourly_paid: Collection[str] = (),
    extra_minutes: Mapping[str, float] | None = None,
) -> CostBreakdown:
    """The yearly cost of running the unit on this rota, every line explained. The employees in
    `hourly_paid` (vikarer) are paid for the hours the plan gives them, not by position; those
    in `extra_minutes` are paid those minutes on top of their position (extra hours)."""
    pricing = _pricing(unit)
    extra = extra_minutes or {}
    lines: list[CostLine] = []
    for employee in unit.employees:
        lines.extend(
            _employee_lines(
                unit,
                rota,
                employee,
                pricing,
                employee.id in hourly_paid,
                extra.get(employee.id, 0.0),
            )
        )
    uncovered = _uncovered_line(unit, rota, pricing)
    if uncovered is not None:
        lines.append(uncovered)
    return CostBreakdown(lines=lines, budget_frame=unit.budget.budget_frame_nok)
