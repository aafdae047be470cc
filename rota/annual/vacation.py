"""Vacation (ferieavvikling): each person's vacation weeks for the year, planned so that as few
of one competence, or of one language's speakers, are away in the same week as can be.

The law and the tariff (DOMAIN.md): five weeks (KS), six from age 60; three weeks together in the
main holiday period, 1 June - 30 September, unless the person has stated otherwise (the year
file). Vacation is planned in whole weeks, Monday to Sunday, in weeks whose five workdays hold no
public holiday: a holiday is not a vacation day (ferieloven § 5), so such a week would use fewer
than five of the 25 days and leave days over. Weeks already agreed are always vacation; wished
weeks are granted where the load allows, each unmet wish costing the file's wish weight against
the peak of people away (a peak of one more away costs 1000)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from models.employee import Employee
from models.problems import InputError, error
from models.unit import Unit
from models.year_input import (
    AGE_EXTRA_WEEK,
    VACATION_WEEKS,
    VACATION_WEEKS_FROM_60,
    YearInput,
)
from rota.annual.frame import YearFrame

PEAK_WEIGHT = 1000
SEARCH_S = 10.0


@dataclass(frozen=True)
class VacationPlan:
    """Each person's vacation as grid weeks; the weeks of their main-period block; the wished
    weeks that were not granted (ISO numbers)."""

    weeks: dict[str, tuple[int, ...]]
    main: dict[str, tuple[int, ...]]
    unmet_wishes: dict[str, tuple[int, ...]]

    def away(self, employee_id: str, week: int) -> bool:
        return week in self.weeks.get(employee_id, ())

    def away_days(self, employee_id: str) -> set[int]:
        return {
            day for week in self.weeks.get(employee_id, ()) for day in range(week * 7, week * 7 + 7)
        }


def entitled_weeks(employee: Employee, year_input: YearInput) -> int:
    """Vacation weeks: as the year file says, else five, six from the year the person turns 60."""
    stated = year_input.person(employee.id).vacation_weeks
    if stated is not None:
        return stated
    if employee.age is not None and employee.age >= AGE_EXTRA_WEEK:
        return VACATION_WEEKS_FROM_60
    return VACATION_WEEKS


def takes_vacation(employee: Employee) -> bool:
    """A vacant position has nobody to take vacation: its shifts are planned as if filled."""
    return not employee.vacant


def _iso_weeks(frame: YearFrame, numbers: tuple[int, ...], who: str, field: str) -> list[int]:
    weeks = []
    problems = []
    for number in numbers:
        week = frame.grid_week(number)
        if week is None or not frame.whole_week(week):
            problems.append(
                error(
                    f"Uke {number} er ikke en hel uke i {frame.year} ({who}, {field}).",
                    f"Week {number} is not a whole week of {frame.year} ({who}, {field}).",
                    ("people", who, field),
                    code="week_not_in_year",
                )
            )
        else:
            weeks.append(week)
    if problems:
        raise InputError(problems)
    return weeks


def plan_vacation(
    unit: Unit, frame: YearFrame, year_input: YearInput, seed: int = 0
) -> VacationPlan:
    """Plan every person's vacation weeks (see the module's text)."""
    model = cp_model.CpModel()
    usable = [
        w for w in range(frame.weeks) if frame.whole_week(w) and not frame.weekday_holidays(w)
    ]
    main_usable = [w for w in usable if frame.in_main_period(w)]
    chosen: dict[tuple[str, int], cp_model.IntVar] = {}
    unmet_terms: list[tuple[str, int, cp_model.IntVar]] = []
    people = [e for e in unit.employees if takes_vacation(e)]
    for employee in people:
        person = year_input.person(employee.id)
        total = entitled_weeks(employee, year_input)
        agreed = _iso_weeks(frame, person.agreed_weeks, employee.id, "agreed_weeks")
        wished = _iso_weeks(frame, person.wished_weeks, employee.id, "wished_weeks")
        if len(set(agreed)) > total:
            raise InputError(
                [
                    error(
                        f"{employee.display_name} har {len(set(agreed))} avtalte ferieuker, men"
                        f" bare {total} ukers ferie.",
                        f"{employee.display_name} has {len(set(agreed))} agreed vacation weeks but"
                        f" only {total} weeks of vacation.",
                        ("people", employee.id, "agreed_weeks"),
                        code="too_many_agreed_weeks",
                    )
                ]
            )
        weeks = sorted(set(usable) | set(agreed))
        for week in weeks:
            chosen[employee.id, week] = model.new_bool_var(f"v_{employee.id}_{week}")
        for week in agreed:
            model.add(chosen[employee.id, week] == 1)
        model.add(sum(chosen[employee.id, w] for w in weeks) == total)
        block = min(person.main_period_weeks, total)
        if block:
            starts = [w for w in main_usable if all(w + k in main_usable for k in range(block))]
            if not starts:
                raise InputError(
                    [
                        error(
                            f"Hovedferieperioden i {frame.year} har ikke {block} hele uker på rad"
                            f" uten helligdager ({employee.display_name}).",
                            f"The main holiday period of {frame.year} has no {block} whole weeks"
                            f" in a row without public holidays ({employee.display_name}).",
                            ("people", employee.id, "main_period_weeks"),
                            code="no_main_block",
                        )
                    ]
                )
            start_vars = {w: model.new_bool_var(f"m_{employee.id}_{w}") for w in starts}
            model.add_exactly_one(start_vars.values())
            for start, var in start_vars.items():
                for k in range(block):
                    model.add_implication(var, chosen[employee.id, start + k])
        for week in wished:
            if (employee.id, week) in chosen:
                unmet = model.new_bool_var(f"u_{employee.id}_{week}")
                model.add(unmet == 1 - chosen[employee.id, week])
                unmet_terms.append((employee.id, week, unmet))
    peaks = []
    totals = {e.id: entitled_weeks(e, year_input) for e in people}
    blocks = {e.id: min(year_input.person(e.id).main_period_weeks, totals[e.id]) for e in people}
    for members in _groups(unit, people).values():
        # The average load bounds the peak from below: with it the search proves its best.
        least = max(
            -(-sum(totals[e] for e in members) // max(1, len(usable))),
            -(-sum(blocks[e] for e in members) // max(1, len(main_usable))),
        )
        peak = model.new_int_var(min(least, len(members)), len(members), "peak")
        for week in range(frame.weeks):
            away = [chosen[e, week] for e in members if (e, week) in chosen]
            if away:
                model.add(sum(away) <= peak)
        peaks.append(peak)
    model.minimize(
        PEAK_WEIGHT * sum(peaks) + year_input.wish_weight * sum(u for _, _, u in unmet_terms)
    )
    solver = cp_model.CpSolver()
    # Deterministic time, so that the same inputs give the same vacation on any machine.
    solver.parameters.max_deterministic_time = SEARCH_S
    solver.parameters.max_time_in_seconds = 4 * SEARCH_S
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise InputError(
            [
                error(
                    "Ferien kan ikke planlegges slik årsfila sier (avtalte uker og uker i"
                    " hovedferien går ikke sammen).",
                    "The vacation cannot be planned as the year file says (agreed weeks and the"
                    " main-period weeks do not fit together).",
                    code="vacation_infeasible",
                )
            ]
        )
    weeks_by_person = {
        e.id: tuple(
            w for w in range(frame.weeks) if (e.id, w) in chosen and solver.value(chosen[e.id, w])
        )
        for e in people
    }
    main = {}
    for employee in people:
        block = min(
            year_input.person(employee.id).main_period_weeks, entitled_weeks(employee, year_input)
        )
        taken = weeks_by_person[employee.id]
        main[employee.id] = next(
            (
                tuple(range(w, w + block))
                for w in taken
                if block and all(w + k in taken and w + k in main_usable for k in range(block))
            ),
            (),
        )
    unmet_wishes: dict[str, list[int]] = defaultdict(list)
    for who, week, unmet in unmet_terms:
        if solver.value(unmet):
            unmet_wishes[who].append(frame.iso_week(week))
    return VacationPlan(
        weeks=weeks_by_person,
        main=main,
        unmet_wishes={who: tuple(weeks) for who, weeks in unmet_wishes.items()},
    )


def _groups(unit: Unit, people: list[Employee]) -> dict[str, list[str]]:
    """Who counts together for the peak: each competence, and the speakers of each language the
    demand asks for."""
    groups: dict[str, list[str]] = defaultdict(list)
    languages = {code for row in unit.demand for code in row.language_min}
    for employee in people:
        groups[f"competence:{employee.competence}"].append(employee.id)
        for code in languages & set(employee.languages):
            groups[f"language:{code}"].append(employee.id)
    return groups
