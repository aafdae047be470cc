"""The unit (enhet): everything the engine needs to build and price a rota.

A `Unit` is validated as a whole: beyond each field's own rules, every reference (shift codes,
competences, languages, days) must resolve. Anything wrong raises `InputError` listing every problem
with its path in the model, which the file readers turn into sheet/row/column or YAML lines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from functools import cached_property

from pydantic import Field, model_validator

from models.base import Frozen
from models.budget import Budget
from models.clock import WEEKDAY_NAMES_NB
from models.competence import Competence
from models.demand import Demand
from models.employee import Employee
from models.problems import InputError, Problem, error
from models.rules import PER_EMPLOYEE_RULES, WorkRules
from models.shift import ShiftType
from models.vedtak import VedtakBook


class Unit(Frozen):
    """A ward, home-care zone, bofellesskap or team with its staff, demand, rules and budget."""

    name: str = Field(min_length=1, description="Name of the unit.")
    municipality: str = Field(default="", description="Kommune.")
    service: str = Field(
        default="", description="Kind of service, e.g. sykehjem, hjemmetjeneste, habilitering."
    )
    weeks: int = Field(default=6, ge=1, le=54, description="Length of the rota in weeks.")
    start_date: date | None = Field(
        default=None, description="First day (a Monday); needed for a dated plan and holidays."
    )
    shift_types: tuple[ShiftType, ...] = Field(min_length=1)
    competences: tuple[Competence, ...] = Field(min_length=1)
    employees: tuple[Employee, ...] = ()
    demand: tuple[Demand, ...] = ()
    rules: WorkRules = Field(default_factory=WorkRules)
    budget: Budget = Field(default_factory=Budget)
    vedtak: VedtakBook | None = Field(
        default=None,
        description="Vedtak whose hours make the demand (models.vedtak_demand) instead of rows"
        " typed by hand.",
    )

    @model_validator(mode="after")
    def _references_resolve(self) -> Unit:
        problems = list(_reference_problems(self))
        if problems:
            raise InputError(problems)
        return self

    # Lookups -------------------------------------------------------------------------------
    @property
    def days(self) -> int:
        return self.weeks * 7

    @cached_property
    def shift_by_code(self) -> dict[str, ShiftType]:
        return {shift.code: shift for shift in self.shift_types}

    @cached_property
    def competence_by_code(self) -> dict[str, Competence]:
        return {competence.code: competence for competence in self.competences}

    @cached_property
    def employee_by_id(self) -> dict[str, Employee]:
        return {employee.id: employee for employee in self.employees}

    def shift(self, code: str) -> ShiftType:
        return self.shift_by_code[code]

    def employee(self, employee_id: str) -> Employee:
        return self.employee_by_id[employee_id]

    @cached_property
    def _covered_by(self) -> dict[str, frozenset[str]]:
        """For each competence, every competence it may fill a slot of (itself, and transitively
        whatever it covers)."""
        closure: dict[str, frozenset[str]] = {}
        for code in self.competence_by_code:
            seen = {code}
            stack = [code]
            while stack:
                for lower in self.competence_by_code[stack.pop()].covers:
                    if lower not in seen and lower in self.competence_by_code:
                        seen.add(lower)
                        stack.append(lower)
            closure[code] = frozenset(seen)
        return closure

    def can_fill(self, employee_competence: str, required: str) -> bool:
        """Whether someone of `employee_competence` may fill a slot that requires `required`."""
        return required in self._covered_by.get(employee_competence, frozenset())

    def weekday(self, day: int) -> int:
        """Weekday of a rota day, 0 = Monday (every rota starts on a Monday)."""
        return day % 7

    def is_weekend(self, day: int) -> bool:
        return self.weekday(day) >= 5

    def demand_on(self, day: int, shift: str) -> Demand | None:
        for row in self.demand:
            if row.shift == shift and row.applies_to(day):
                return row
        return None

    def demand_index(self) -> dict[tuple[int, str], Demand]:
        """The demand row of each (day, shift) that has one, as `demand_on` finds it: one pass
        over the rows, for the model builders that look up every cell."""
        index: dict[tuple[int, str], Demand] = {}
        for row in self.demand:
            days = (
                row.days
                if row.days is not None
                else [d for d in range(self.days) if d % 7 in row.weekdays]
            )
            for day in days:
                if 0 <= day < self.days:
                    index.setdefault((day, row.shift), row)
        return index

    def demand_cells(self) -> Iterator[tuple[int, Demand]]:
        """Every (day, demand row) pair of the rota."""
        for day in range(self.days):
            for row in self.demand:
                if row.applies_to(day):
                    yield day, row

    def rules_for(self, employee: Employee) -> WorkRules:
        """The unit's rules with this employee's own values put in."""
        overrides = {
            name: getattr(employee.rules, name)
            for name in PER_EMPLOYEE_RULES
            if getattr(employee.rules, name) is not None
        }
        return self.rules.model_copy(update=overrides) if overrides else self.rules

    def contracted_minutes(self, employee: Employee) -> float:
        """Hours the position owes over the whole rota, in minutes: position x full-time week x weeks."""
        rules = self.rules_for(employee)
        return employee.position_pct / 100 * rules.full_time_week_h * 60 * self.weeks

    def hours_bounds_minutes(self, employee: Employee) -> tuple[float, float]:
        """Least and most rota minutes for the employee: explicit bounds, or the position ± tolerance."""
        rules = self.rules_for(employee)
        contracted = self.contracted_minutes(employee)
        slack = rules.hours_tolerance_h_per_week * 60 * self.weeks
        low = (
            employee.rules.min_hours * 60
            if employee.rules.min_hours is not None
            else contracted - slack
        )
        high = (
            employee.rules.max_hours * 60
            if employee.rules.max_hours is not None
            else contracted + slack
        )
        return max(0.0, low), high

    def pay_for(self, employee: Employee) -> float | None:
        """Annual pay at 100 %: the employee's own, else the competence's."""
        if employee.annual_pay is not None:
            return employee.annual_pay
        return self.budget.pay_per_competence.get(employee.competence)


def _duplicates(values: list[str]) -> set[str]:
    return {value for value, count in Counter(values).items() if count > 1}


def _reference_problems(unit: Unit) -> Iterator[Problem]:
    """Every reference in the unit that does not resolve, and every inconsistency between parts."""
    shift_codes = {shift.code for shift in unit.shift_types}
    competence_codes = {competence.code for competence in unit.competences}
    days = unit.days

    if unit.start_date is not None and unit.start_date.weekday() != 0:
        yield error(
            f"Startdato {unit.start_date:%d.%m.%Y} er en {WEEKDAY_NAMES_NB[unit.start_date.weekday()]};"
            " en turnus starter på en mandag.",
            f"Start date {unit.start_date} is not a Monday; a rota starts on a Monday.",
            ("start_date",),
            "start_not_monday",
        )

    repeated = _duplicates([shift.code for shift in unit.shift_types])
    for index, shift in enumerate(unit.shift_types):
        if shift.code in repeated:
            yield error(
                f"Vaktkoden «{shift.code}» står flere ganger.",
                f"Shift code '{shift.code}' appears more than once.",
                ("shift_types", index, "code"),
                "duplicate",
            )
        for follower in shift.forbidden_next:
            if follower not in shift_codes:
                yield _unknown_shift(follower, ("shift_types", index, "forbidden_next"))
        if unit.rules.working_time_act and shift.worked_minutes > unit.rules.max_hours_per_day * 60:
            yield error(
                f"Vakt «{shift.code}» er {shift.worked_minutes / 60:g} t, mer enn maks"
                f" {unit.rules.max_hours_per_day:g} t per døgn (AML § 10-5).",
                f"Shift '{shift.code}' is {shift.worked_minutes / 60:g} h, more than the maximum of"
                f" {unit.rules.max_hours_per_day:g} h per day (AML § 10-5).",
                ("shift_types", index, "end"),
                "shift_too_long",
            )

    repeated = _duplicates([competence.code for competence in unit.competences])
    for index, competence in enumerate(unit.competences):
        if competence.code in repeated:
            yield error(
                f"Kompetansekoden «{competence.code}» står flere ganger.",
                f"Competence code '{competence.code}' appears more than once.",
                ("competences", index, "code"),
                "duplicate",
            )
        for lower in competence.covers:
            if lower not in competence_codes:
                yield _unknown_competence(lower, ("competences", index, "covers"))

    repeated = _duplicates([employee.id for employee in unit.employees])
    for index, employee in enumerate(unit.employees):
        yield from _employee_problems(
            unit, index, employee, repeated, shift_codes, competence_codes
        )

    for index, row in enumerate(unit.demand):
        path = ("demand", index)
        if row.shift not in shift_codes:
            yield _unknown_shift(row.shift, (*path, "shift"))
        for code in row.competence_min:
            if code not in competence_codes:
                yield _unknown_competence(code, (*path, "competence_min"))
        for day in row.days or ():
            if not 0 <= day < days:
                yield _day_out_of_range(day, days, (*path, "days"))
    yield from _overlapping_demand(unit)

    for code in unit.budget.pay_per_competence:
        if code not in competence_codes:
            yield _unknown_competence(code, ("budget", "pay_per_competence"))


def _employee_problems(
    unit: Unit,
    index: int,
    employee: Employee,
    repeated: set[str],
    shift_codes: set[str],
    competence_codes: set[str],
) -> Iterator[Problem]:
    path = ("employees", index)
    days = unit.days
    if employee.id in repeated:
        yield error(
            f"Ansatt-ID «{employee.id}» står flere ganger.",
            f"Employee id '{employee.id}' appears more than once.",
            (*path, "id"),
            "duplicate",
        )
    if employee.competence not in competence_codes:
        yield _unknown_competence(employee.competence, (*path, "competence"))
    for code in employee.allowed_shifts or ():
        if code not in shift_codes:
            yield _unknown_shift(code, (*path, "allowed_shifts"))
    for code in employee.max_shifts:
        if code not in shift_codes:
            yield _unknown_shift(code, (*path, "max_shifts"))
    for day_index, day in enumerate(employee.unavailable_days):
        if not 0 <= day < days:
            yield _day_out_of_range(day, days, (*path, "unavailable_days", day_index))
    for pin_index, pin in enumerate(employee.pins):
        pin_path = (*path, "pins", pin_index)
        if pin.shift not in shift_codes:
            yield _unknown_shift(pin.shift, (*pin_path, "shift"))
        elif employee.allowed_shifts is not None and pin.shift not in employee.allowed_shifts:
            yield error(
                f"{employee.display_name} er satt fast på vakt «{pin.shift}», som ikke er blant"
                " vaktene personen kan gå.",
                f"{employee.display_name} is pinned to shift '{pin.shift}', which is not among"
                " the shifts they may work.",
                (*pin_path, "shift"),
                "pin_not_allowed",
            )
        if not 0 <= pin.day < days:
            yield _day_out_of_range(pin.day, days, (*pin_path, "day"))
        elif pin.day in employee.unavailable_days:
            yield error(
                f"{employee.display_name} er satt fast på en dag personen ikke kan jobbe.",
                f"{employee.display_name} is pinned on a day they cannot work.",
                (*pin_path, "day"),
                "pin_on_unavailable_day",
            )
    for wish_index, wish in enumerate(employee.wishes):
        wish_path = (*path, "wishes", wish_index)
        if wish.shift is not None and wish.shift not in shift_codes:
            yield _unknown_shift(wish.shift, (*wish_path, "shift"))
        if not 0 <= wish.day < days:
            yield _day_out_of_range(wish.day, days, (*wish_path, "day"))
    rules = employee.rules
    if (
        unit.rules.working_time_act
        and rules.max_hours is not None
        and rules.max_hours > unit.rules.average_hours_per_week * unit.weeks
    ):
        yield error(
            f"Maks timer for {employee.display_name} ({rules.max_hours:g} t) er mer enn"
            f" {unit.rules.average_hours_per_week:g} t per uke i snitt tillater over"
            f" {unit.weeks} uker (AML § 10-5 (2)).",
            f"Max hours for {employee.display_name} ({rules.max_hours:g} h) exceed"
            f" {unit.rules.average_hours_per_week:g} h a week on average allow over"
            f" {unit.weeks} weeks (AML § 10-5 (2)).",
            (*path, "rules", "max_hours"),
            "hours_above_law",
        )


def _overlapping_demand(unit: Unit) -> Iterator[Problem]:
    owner: dict[tuple[int, str], int] = {}
    for index, row in enumerate(unit.demand):
        clashes: set[int] = set()
        for day in range(unit.days):
            if row.applies_to(day):
                key = (day, row.shift)
                if key in owner:
                    clashes.add(owner[key])
                else:
                    owner[key] = index
        for other in sorted(clashes):
            yield error(
                f"Bemanningsraden for vakt «{row.shift}» overlapper rad {other + 1} på samme"
                " vakt og dager; hver vakt og dag kan bare ha én rad.",
                f"The demand row for shift '{row.shift}' overlaps row {other + 1} on the same shift"
                " and days; each shift and day may have one row only.",
                ("demand", index, "weekdays"),
                "overlapping_demand",
            )


def _unknown_shift(code: str, path: tuple[str | int, ...]) -> Problem:
    return error(
        f"Ukjent vaktkode «{code}»; den må stå i arket Vakter.",
        f"Unknown shift code '{code}'; it must be listed under shift types.",
        path,
        "unknown_shift",
    )


def _unknown_competence(code: str, path: tuple[str | int, ...]) -> Problem:
    return error(
        f"Ukjent kompetanse «{code}»; den må stå i arket Kompetanse.",
        f"Unknown competence '{code}'; it must be listed under competences.",
        path,
        "unknown_competence",
    )


def _day_out_of_range(day: int, days: int, path: tuple[str | int, ...]) -> Problem:
    return error(
        f"Dag {day + 1} finnes ikke; turnusen har {days} dager.",
        f"Day {day + 1} does not exist; the rota has {days} days.",
        path,
        "day_out_of_range",
    )
