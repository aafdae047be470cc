"""The year's figures a unit leader reads: each person's yearly hours against their working time,
the vacation cover by week and competence, who works Christmas and Easter, and the cost."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from models.numbers import hours
from models.unit import Unit
from rota.annual.dated import YearTarget, own_week_h, year_target
from rota.annual.frame import pattern_code
from rota.annual.plan import YearPlan, high_holidays, tolerance_minutes, wants_more
from rota.cost import CostBreakdown, cost
from rota.findings import Finding

RULE = "årstimer"
REFERENCE = "årsarbeidstid: stilling × full uke × årets uker − ferie − helligdager man-fre"


@dataclass(frozen=True)
class YearHours:
    """One person's planned hours in the year against their yearly working time (minutes)."""

    employee_id: str
    name: str
    position_pct: float
    target: YearTarget
    planned: int
    tolerance: int
    wants_more: bool = False

    @property
    def extra(self) -> float:
        """Extra hours (merarbeid) of a part-timer who wants a larger position: what lies above
        the yearly working time and its tolerance, taken as vacation cover and paid as such."""
        if not self.wants_more:
            return 0.0
        return max(0.0, self.planned - self.target.minutes - self.tolerance)

    @property
    def difference(self) -> float:
        """Planned hours, less the extra hours, against the yearly working time."""
        return self.planned - self.extra - self.target.minutes

    @property
    def within(self) -> bool:
        return abs(self.difference) <= self.tolerance + 1e-6


def year_hours(plan: YearPlan) -> list[YearHours]:
    """Every person's (not the vikarer's) hours in the year's dates against their target."""
    unit, frame = plan.base_unit, plan.frame
    tolerance = tolerance_minutes(unit)
    found = []
    for employee in unit.employees:
        row = plan.rota.assignments[employee.id]
        planned = sum(
            plan.unit.shift(code).worked_minutes
            for day in frame.year_days
            if (code := row[day]) is not None
        )
        found.append(
            YearHours(
                employee.id,
                employee.display_name,
                employee.position_pct,
                year_target(
                    unit,
                    employee,
                    frame,
                    plan.vacation,
                    own_week_h(plan.unit, plan.rota, employee.id),
                ),
                planned,
                tolerance,
                wants_more(employee),
            )
        )
    return found


def audit_year_hours(plan: YearPlan) -> list[Finding]:
    """A finding for each person whose hours miss their yearly working time by more than the
    tolerance (one shift, the unit's longest)."""
    findings = []
    for row in year_hours(plan):
        if row.within:
            continue
        more = row.difference > 0
        findings.append(
            Finding(
                RULE,
                REFERENCE,
                f"{row.name} har {hours(row.planned / 60)} t i {plan.frame.year}; årsarbeidstiden"
                f" er {hours(row.target.minutes / 60)} t, {hours(abs(row.difference) / 60)} t"
                f" {'for mye' if more else 'for lite'} (toleranse én vakt,"
                f" {hours(row.tolerance / 60)} t).",
                f"{row.name} has {hours(row.planned / 60, 'en')} h in {plan.frame.year}; the"
                f" yearly working time is {hours(row.target.minutes / 60, 'en')} h,"
                f" {hours(abs(row.difference) / 60, 'en')} h {'too many' if more else 'too few'}"
                f" (tolerance one shift, {hours(row.tolerance / 60, 'en')} h).",
                row.employee_id,
            )
        )
    return findings


@dataclass(frozen=True)
class CoverWeek:
    """One week and competence: people away, the hours their grunnturnus had that week, and
    the hours the vikarer of that competence work."""

    week: int
    competence: str
    away: list[str]
    away_minutes: int
    vikar_minutes: int


def vacation_cover(plan: YearPlan) -> list[CoverWeek]:
    """The vacation cover by week and competence, for the weeks anyone is away."""
    unit, frame = plan.base_unit, plan.frame
    base = plan_base_minutes(plan)
    vikar_competence = {s.employee.id: s.employee.competence for s in plan.cover}
    rows = []
    for week in range(frame.weeks):
        away: dict[str, list[str]] = defaultdict(list)
        away_minutes: dict[str, int] = defaultdict(int)
        for employee in unit.employees:
            if plan.vacation.away(employee.id, week):
                away[employee.competence].append(employee.display_name)
                away_minutes[employee.competence] += base[employee.id][week]
        vikar_minutes: dict[str, int] = defaultdict(int)
        for who, competence in vikar_competence.items():
            for day in frame.week_days(week):
                code = plan.rota.assignments[who][day]
                if code is not None:
                    vikar_minutes[competence] += plan.unit.shift(code).worked_minutes
        for competence in sorted(set(away) | set(vikar_minutes)):
            rows.append(
                CoverWeek(
                    week,
                    competence,
                    away[competence],
                    away_minutes[competence],
                    vikar_minutes[competence],
                )
            )
    return rows


def plan_base_minutes(plan: YearPlan) -> dict[str, list[int]]:
    """Each person's grunnturnus minutes in each grid week (what their vacation takes away)."""
    unit, frame, base = plan.base_unit, plan.frame, plan.base
    found: dict[str, list[int]] = {}
    if base is None:
        return {e.id: [0] * frame.weeks for e in unit.employees}
    for employee in unit.employees:
        weekly = []
        for week in range(frame.weeks):
            minutes = 0
            for day in frame.week_days(week):
                code = pattern_code(base, employee.id, day, plan.year_input.start_week)
                if code is not None and frame.in_year(day):
                    minutes += unit.shift(code).worked_minutes
            weekly.append(minutes)
        found[employee.id] = weekly
    return found


@dataclass(frozen=True)
class HighHoliday:
    """Who worked Christmas or Easter last year (the year file) and who works it this year."""

    employee_id: str
    name: str
    christmas_last_year: bool
    christmas_days: list[int]
    easter_last_year: bool
    easter_days: list[int]


def high_holiday_rotation(plan: YearPlan) -> list[HighHoliday]:
    frame = plan.frame
    days = high_holidays(frame)
    rows = []
    for employee in plan.base_unit.employees:
        person = plan.year_input.person(employee.id)
        row = plan.rota.assignments[employee.id]
        rows.append(
            HighHoliday(
                employee.id,
                employee.display_name,
                person.worked_christmas,
                sorted(d for d in days["jul"] if row[d] is not None),
                person.worked_easter,
                sorted(d for d in days["påske"] if row[d] is not None),
            )
        )
    return rows


def costing_unit(plan: YearPlan) -> Unit:
    """The year as it is priced: vacation cover is the vikarer's planned hours, so the budget's
    percentage for vacation cover is not added on top."""
    budget = plan.unit.budget.model_copy(update={"vacation_cover_pct": 0.0})
    return plan.unit.model_copy(update={"budget": budget})


def year_cost(plan: YearPlan) -> CostBreakdown:
    """The year's cost from its dates: public-holiday allowance from the year's own holidays, the
    vikarer paid by the hour for the hours the plan gives them, and part-timers' extra hours
    as vacation cover."""
    extra = {row.employee_id: row.extra for row in year_hours(plan) if row.extra > 0}
    return cost(costing_unit(plan), plan.rota, {s.employee.id for s in plan.cover}, extra)
