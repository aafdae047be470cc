"""The year as a dated, non-cyclic unit: the grunnturnus's demand laid on the year's dates (a
public holiday staffed as a Sunday), each person away in their vacation weeks, and the
ferievikarer who take their shifts; and each person's yearly working time (årsarbeidstid)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from models.demand import Demand
from models.employee import Employee, RuleOverrides
from models.rota import Rota
from models.unit import Unit
from rota.annual.frame import WORKDAYS, YearFrame, pattern_code, pattern_index
from rota.annual.vacation import VacationPlan
from rota.rules.hours import counted

SUBSTITUTE_PREFIX = "FV"
SUNDAY = 6


@dataclass(frozen=True)
class Substitute:
    """A ferievikar: the employee record the plan adds, and whom they stand in for each week."""

    employee: Employee
    replaces: dict[int, str]  # grid week -> id of the person on vacation


def pattern_day(frame: YearFrame, day: int, base_days: int, start_week: int) -> int:
    """The grunnturnus day that grid day `day` follows; a public holiday follows the Sunday of
    its week (helligdager bemannes som søndager)."""
    follows = pattern_index(day, base_days, start_week)
    if frame.is_holiday(day):
        follows += SUNDAY - day % 7
    return follows


def dated_demand(
    unit: Unit, frame: YearFrame, days: range, start_week: int, offset: int = 0
) -> tuple[Demand, ...]:
    """Each demand row of the grunnturnus as explicit days of `days` (grid days), shifted by
    `offset` (the first of a part's days is its day 0)."""
    rows = []
    for row in unit.demand:
        chosen = tuple(
            day - offset
            for day in days
            if row.applies_to(pattern_day(frame, day, unit.days, start_week))
        )
        if chosen:
            rows.append(row.model_copy(update={"days": chosen, "weekdays": ()}))
    return tuple(rows)


def substitute(
    unit: Unit,
    frame: YearFrame,
    employee_id: str,
    name: str,
    competence: str,
    languages: tuple[str, ...],
    replaces: dict[int, str],
) -> Substitute:
    """A ferievikar's record: no position, free only in the weeks they stand in, their hours
    open (they are paid for what they work)."""
    active = {day for week in replaces for day in frame.week_days(week)}
    employee = Employee(
        id=employee_id,
        name=name,
        competence=competence,
        position_pct=0,
        languages=languages,
        unavailable_days=tuple(d for d in range(frame.days) if d not in active),
        rules=RuleOverrides(min_hours=0, max_hours=unit.rules.average_hours_per_week * frame.weeks),
    )
    return Substitute(employee, dict(replaces))


def substitutes(unit: Unit, frame: YearFrame, vacation: VacationPlan) -> list[Substitute]:
    """Ferievikarer by competence and the languages the demand asks for: as many of a kind as
    people of that kind are away in the same week at most. A vikar stays with the person they
    stand in for for as long as that person is away, so each follows one person's weeks."""
    languages = {code for row in unit.demand for code in row.language_min}
    groups: dict[tuple[str, tuple[str, ...]], list[Employee]] = defaultdict(list)
    for employee in unit.employees:
        if employee.id in vacation.weeks:
            key = (employee.competence, tuple(sorted(languages & set(employee.languages))))
            groups[key].append(employee)
    found = []
    for (competence, spoken), members in sorted(groups.items()):
        slots: list[dict[int, str]] = []
        previous: dict[str, int] = {}
        for week in range(frame.weeks):
            away = [e.id for e in members if vacation.away(e.id, week)]
            current: dict[str, int] = {}
            for who in away:
                if who in previous:
                    current[who] = previous[who]
            for who in away:
                if who in current:
                    continue
                taken = set(current.values())
                slot = next(k for k in range(len(away) + len(slots)) if k not in taken)
                current[who] = slot
            for who, slot in current.items():
                while len(slots) <= slot:
                    slots.append({})
                slots[slot][week] = who
            previous = current
        for number, weeks in enumerate(slots, start=1):
            tag = "-".join((competence, *spoken))
            name = f"Ferievikar {competence}{' (' + ', '.join(spoken) + ')' if spoken else ''} {number}"
            found.append(
                substitute(
                    unit,
                    frame,
                    f"{SUBSTITUTE_PREFIX}-{tag}-{number}",
                    name,
                    competence,
                    spoken,
                    weeks,
                )
            )
    return found


def year_unit(
    unit: Unit,
    frame: YearFrame,
    vacation: VacationPlan,
    cover: list[Substitute],
    start_week: int = 1,
) -> Unit:
    """The year as a dated unit: the demand on its dates, staff away in their vacation, the
    vikarer added. Hours are held to the year by `year_hours`, so the hours band is left open."""
    most = unit.rules.average_hours_per_week * frame.weeks
    staff = []
    for employee in unit.employees:
        away = vacation.away_days(employee.id)
        blocked = {
            day
            for day in range(frame.days)
            if pattern_index(day, unit.days, start_week) in set(employee.unavailable_days)
        }
        staff.append(
            employee.model_copy(
                update={
                    "unavailable_days": tuple(sorted(away | blocked)),
                    "pins": (),
                    "wishes": (),
                    "rules": employee.rules.model_copy(update={"min_hours": 0, "max_hours": most}),
                }
            )
        )
    return unit.model_copy(
        update={
            "weeks": frame.weeks,
            "start_date": frame.first_monday,
            "rules": unit.rules.model_copy(update={"cyclic": False}),
            "demand": dated_demand(unit, frame, frame.year_days, start_week),
            # The grid starts in the year before; the year priced is the plan's own.
            "budget": unit.budget.model_copy(update={"budget_year": frame.year}),
            "employees": (*staff, *(s.employee for s in cover)),
        }
    )


def first_plan(
    base: Rota, frame: YearFrame, vacation: VacationPlan, cover: list[Substitute], start_week: int
) -> Rota:
    """The grunnturnus rolled out, the people on vacation off and their vikar on their shifts."""
    rows: dict[str, list[str | None]] = {}
    for who in base.assignments:
        away = vacation.away_days(who)
        rows[who] = [
            None if day in away else pattern_code(base, who, day, start_week)
            for day in range(frame.days)
        ]
    for substitute in cover:
        row_of_vikar: list[str | None] = [None] * frame.days
        for week, who in substitute.replaces.items():
            for day in frame.week_days(week):
                row_of_vikar[day] = pattern_code(base, who, day, start_week)
        rows[substitute.employee.id] = row_of_vikar
    return Rota(days=frame.days, assignments={who: tuple(row) for who, row in rows.items()})


@dataclass(frozen=True)
class YearTarget:
    """A person's yearly working time and how it is reached, in minutes."""

    gross: float  # position x full-time week x the year's weeks
    vacation: float  # position x full-time week x vacation weeks
    holidays: float  # position x a fifth of the full-time week x holidays on Mon-Fri
    holiday_count: int
    vacation_weeks: int

    @property
    def minutes(self) -> float:
        return self.gross - self.vacation - self.holidays


def own_week_h(unit: Unit, rota: Rota, employee_id: str) -> float:
    """The person's full-time week as their rota makes it: shorter in three-shift turnus where
    the unit gives the time credit (KS HTA kap. 1), else the unit's."""
    return counted(unit, rota, unit.employee_by_id[employee_id]).full_time_week_h


def year_target(
    unit: Unit,
    employee: Employee,
    frame: YearFrame,
    vacation: VacationPlan,
    week_h: float | None = None,
) -> YearTarget:
    """Årsarbeidstid: position × full-time week × (days of the year / 7), minus the vacation
    weeks, minus each public holiday on Monday-Friday outside the vacation (a fifth of a week).
    `week_h`: the person's own full-time week (`own_week_h`), where their rota is known."""
    share = employee.position_pct / 100
    week = (week_h or unit.rules_for(employee).full_time_week_h) * 60
    weeks = vacation.weeks.get(employee.id, ())
    holidays = [
        day
        for day in frame.holidays
        if day % 7 < WORKDAYS and day // 7 not in weeks and frame.in_year(day)
    ]
    return YearTarget(
        gross=share * week * len(frame.year_days) / 7,
        vacation=share * week * len(weeks),
        holidays=share * week / WORKDAYS * len(holidays),
        holiday_count=len(holidays),
        vacation_weeks=len(weeks),
    )
