"""What a year's plan needs beyond the unit: vacation wishes, agreed vacation and who worked
Christmas and Easter last year (ferieønsker og høytidshistorikk), read from a YAML file."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError

from models.base import Frozen
from models.problems import (
    InputError,
    Location,
    error,
    input_error,
    no_such_file,
    path_to_text,
    read_utf8,
)
from models.translate import translate
from models.unit import Unit
from models.yaml_io import parse_yaml

VACATION_WEEKS = 5  # KS HTA: five weeks (ferieloven § 5 and the tariff's fifth week)
VACATION_WEEKS_FROM_60 = 6  # one more week from the year the person turns 60
AGE_EXTRA_WEEK = 60
MAIN_PERIOD_WEEKS = 3  # ferieloven § 6: 18 working days in 1 June - 30 September


class PersonYear(Frozen):
    """One person's year: vacation wishes (ISO week numbers) and what they worked last year."""

    id: str = Field(min_length=1, description="The employee's id in the unit.")
    vacation_weeks: int | None = Field(
        default=None, ge=0, le=8, description="Vacation weeks; empty: 5, or 6 from age 60."
    )
    main_period_weeks: int = Field(
        default=MAIN_PERIOD_WEEKS,
        ge=0,
        le=8,
        description="Weeks together in the main holiday period (1 June - 30 September).",
    )
    wished_weeks: tuple[int, ...] = Field(
        default=(), description="Weeks (ISO numbers) the person wishes vacation in."
    )
    agreed_weeks: tuple[int, ...] = Field(
        default=(), description="Weeks (ISO numbers) already agreed: always vacation."
    )
    worked_christmas: bool = Field(default=False, description="Worked Christmas last year.")
    worked_easter: bool = Field(default=False, description="Worked Easter last year.")


class YearInput(Frozen):
    """The inputs of one year's plan; people not listed get the defaults."""

    year: int | None = Field(default=None, ge=2000, le=2100, description="The plan's year.")
    start_week: int = Field(
        default=1, ge=1, le=53, description="Which week of the grunnturnus the year starts in."
    )
    wish_weight: int = Field(default=10, ge=0, le=1000, description="Weight of a wished week.")
    people: tuple[PersonYear, ...] = ()

    def person(self, employee_id: str) -> PersonYear:
        """The person's inputs, or the defaults when the file does not list them."""
        for person in self.people:
            if person.id == employee_id:
                return person
        return PersonYear(id=employee_id)


def load_year_input(path: str | Path, unit: Unit | None = None) -> YearInput:
    """Read a year file (YAML); InputError names each problem with its line. With `unit`, an
    id the unit does not have, or one listed twice, is an error too (a mistyped id would
    otherwise lose that person's wishes in silence)."""
    path = Path(path)
    if not path.is_file():
        raise no_such_file(path)
    data, lines = parse_yaml(read_utf8(path), path.name)
    if data is None:
        return YearInput()
    if not isinstance(data, dict):
        raise input_error(
            "Årsfila må ha feltene «year» og «people» (ferieønsker og høytider per ansatt).",
            "The year file must have the fields 'year' and 'people' (vacation wishes and"
            " holidays per employee).",
            "not_a_year_file",
            Location(file=path.name, line=1),
        )
    try:
        year_input = YearInput.model_validate(data)
    except ValidationError as exc:
        problems = []
        for problem in translate(exc):
            line = None
            for cut in range(len(problem.path), -1, -1):
                line = lines.get(problem.path[:cut])
                if line is not None:
                    break
            where = Location(file=path.name, line=line, path=path_to_text(problem.path) or None)
            problems.append(problem.located(where))
        raise InputError(problems) from None
    if unit is None:
        return year_input
    known = {e.id for e in unit.employees}
    problems = []
    seen: set[str] = set()
    for index, person in enumerate(year_input.people):
        where = Location(
            file=path.name,
            line=lines.get(("people", index, "id"), lines.get(("people", index))),
            path=f"people[{index}].id",
        )
        if person.id not in known:
            problems.append(
                error(
                    f"«{person.id}» er ingen ansatt-ID i {unit.name}.",
                    f"'{person.id}' is no employee id of {unit.name}.",
                    code="unknown_employee",
                ).located(where)
            )
        elif person.id in seen:
            problems.append(
                error(
                    f"«{person.id}» står flere ganger i årsfila.",
                    f"'{person.id}' is listed more than once in the year file.",
                    code="duplicate",
                ).located(where)
            )
        seen.add(person.id)
    if problems:
        raise InputError(problems)
    return year_input
