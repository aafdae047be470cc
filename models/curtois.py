"""The shift-scheduling benchmark format of Curtois & Qu (schedulingbenchmarks.org, 2014).

A file has sections (horizon, shifts, staff, days off, on/off requests, cover) of comma-separated
lines; lists inside a field are `|`-separated. The rules and their reading are in the README beside
the instances (`../shared/data/curtois/README.md`). The file becomes an ordinary `Unit`:

- a dated plan (`cyclic: false`) starting on a Monday, the edge exemption of the minimum-run rules
  being the engine's own reading of an open plan;
- the benchmark is not Norwegian law, so the working-time act's rest and hour limits, whole
  weekends, the Sunday rule and the weekend frequency are off, and every soft term the benchmark
  does not have (fairness) weighs zero: the engine's objective is then the benchmark's objective;
- shifts get only lengths in the format; they start at 06:00, so none counts as a night shift;
- cover becomes demand with minimum 0 and the requirement as target, under/over weights as given.

Every problem names the file, line and field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from models.build import build_unit
from models.problems import InputError, Location, Path, Problem, error, input_error, read_utf8
from models.unit import Unit

SECTIONS = (
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
)
# Field names of each section's lines, as the format's comments name them.
_FIELDS: dict[str, tuple[str, ...]] = {
    "SECTION_HORIZON": ("Days",),
    "SECTION_SHIFTS": ("ShiftID", "Length", "CannotFollow"),
    "SECTION_STAFF": (
        "ID",
        "MaxShifts",
        "MaxTotalMinutes",
        "MinTotalMinutes",
        "MaxConsecutiveShifts",
        "MinConsecutiveShifts",
        "MinConsecutiveDaysOff",
        "MaxWeekends",
    ),
    "SECTION_SHIFT_ON_REQUESTS": ("EmployeeID", "Day", "ShiftID", "Weight"),
    "SECTION_SHIFT_OFF_REQUESTS": ("EmployeeID", "Day", "ShiftID", "Weight"),
    "SECTION_COVER": ("Day", "ShiftID", "Requirement", "WeightUnder", "WeightOver"),
}
# Every shift starts here: with lengths under 15 h none is a night shift (21:00-06:00).
SHIFT_START_MINUTE = 6 * 60
COMPETENCE = "ALLE"
# The benchmark's own rules only: the law's limits off, soft terms it lacks at weight zero.
BENCHMARK_RULES: dict[str, Any] = {
    "cyclic": False,
    "working_time_act": False,
    "weekend_every": 1,
    "whole_weekends": False,
    "sunday_rule": False,
    "max_consecutive_days": 14,
    "max_consecutive_nights": 14,
    "days_off_after_nights": 0,
    "min_consecutive_days_off": 1,
    "min_consecutive_days": 1,
    "max_quick_returns": 0,
    "night_spread_weight": 0,
    "weekend_spread_weight": 0,
    "isolated_day_weight": 0,
    "uneven_week_weight": 0,
    "three_shift_credit": False,
}
# Model paths (after the item index) and the benchmark field a person would correct.
_FIELD_OF_PATH: dict[str, str] = {
    "code": "ShiftID",
    "end": "Length",
    "forbidden_next": "CannotFollow",
    "id": "ID",
    "max_shifts": "MaxShifts",
    "max_hours": "MaxTotalMinutes",
    "min_hours": "MinTotalMinutes",
    "max_consecutive_days": "MaxConsecutiveShifts",
    "min_consecutive_days": "MinConsecutiveShifts",
    "min_consecutive_days_off": "MinConsecutiveDaysOff",
    "max_weekends": "MaxWeekends",
    "unavailable_days": "Day",
    "day": "Day",
    "shift": "ShiftID",
    "weight": "Weight",
    "target": "Requirement",
    "weight_under": "WeightUnder",
    "weight_over": "WeightOver",
}


def looks_like_curtois(text: str) -> bool:
    """Whether the text is in the benchmark format: its first section is the horizon."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return stripped == "SECTION_HORIZON"
    return False


def load_unit_curtois(path: FilePath) -> Unit:
    """Read a unit from a benchmark instance file."""
    text = read_utf8(path)
    return unit_from_curtois(text, path.name, name=path.stem)


def unit_from_curtois(text: str, file: str, name: str = "") -> Unit:
    """Read a unit from benchmark text; `file` names it in messages."""
    parsed = _Parser(file)
    parsed.parse(text)
    data = parsed.unit_data(name or file)

    def locate(model_path: Path) -> Location:
        line: int | None = None
        for cut in range(len(model_path), -1, -1):
            line = parsed.lines.get(model_path[:cut])
            if line is not None:
                break
        names = [
            _FIELD_OF_PATH[p] for p in model_path if isinstance(p, str) and p in _FIELD_OF_PATH
        ]
        return Location(file=file, line=line, column=names[-1] if names else None)

    return build_unit(data, locate)


@dataclass
class _Parser:
    file: str
    problems: list[Problem] = field(default_factory=list)
    lines: dict[Path, int] = field(default_factory=dict)  # model path -> line in the file
    horizon: int | None = None
    shifts: list[dict[str, Any]] = field(default_factory=list)
    staff: list[dict[str, Any]] = field(default_factory=list)
    staff_index: dict[str, int] = field(default_factory=dict)
    shift_codes: set[str] = field(default_factory=set)
    # (shift, requirement, weight under, weight over) -> days, and the line of the first one.
    cover: dict[tuple[str, int, int, int], list[int]] = field(default_factory=dict)
    cover_line: dict[tuple[str, int, int, int], int] = field(default_factory=dict)
    covered: set[tuple[int, str]] = field(default_factory=set)

    # Problems -------------------------------------------------------------------------------
    def _problem(self, nb: str, en: str, line: int, column: str | None, code: str) -> None:
        location = Location(file=self.file, line=line, column=column)
        self.problems.append(error(nb, en, code=code).located(location))

    def _integer(self, text: str, line: int, column: str, low: int, high: int) -> int | None:
        """The field as a whole number in [low, high], or None after noting a problem."""
        try:
            value = int(text.strip())
        except ValueError:
            self._problem(
                f"«{text.strip()}» er ikke et heltall.",
                f"'{text.strip()}' is not a whole number.",
                line,
                column,
                "not_a_number",
            )
            return None
        if not low <= value <= high:
            self._problem(
                f"{value} er utenfor {low}-{high}.",
                f"{value} is outside {low}-{high}.",
                line,
                column,
                "out_of_range",
            )
            return None
        return value

    def _day(self, text: str, line: int, column: str = "Day") -> int | None:
        if self.horizon is None:
            return self._integer(text, line, column, 0, 10**6)
        return self._integer(text, line, column, 0, self.horizon - 1)

    def _employee(self, text: str, line: int) -> int | None:
        index = self.staff_index.get(text.strip())
        if index is None:
            self._problem(
                f"Ukjent ansatt «{text.strip()}»; den må stå i SECTION_STAFF.",
                f"Unknown employee '{text.strip()}'; it must be listed in SECTION_STAFF.",
                line,
                "EmployeeID",
                "unknown_employee",
            )
        return index

    def _shift(self, text: str, line: int, column: str = "ShiftID") -> str | None:
        code = text.strip()
        if code not in self.shift_codes:
            self._problem(
                f"Ukjent vakt «{code}»; den må stå i SECTION_SHIFTS.",
                f"Unknown shift '{code}'; it must be listed in SECTION_SHIFTS.",
                line,
                column,
                "unknown_shift",
            )
            return None
        return code

    # Reading --------------------------------------------------------------------------------
    def parse(self, text: str) -> None:
        if not looks_like_curtois(text):
            raise input_error(
                "Filen er ikke i formatet til Curtois & Qu: den må begynne med SECTION_HORIZON.",
                "The file is not in the Curtois & Qu format: it must start with SECTION_HORIZON.",
                "not_curtois",
                Location(file=self.file, line=1),
            )
        section: str | None = None
        seen: set[str] = set()
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("SECTION_"):
                if line not in SECTIONS:
                    self._problem(
                        f"Ukjent seksjon «{line}».",
                        f"Unknown section '{line}'.",
                        number,
                        None,
                        "unknown_section",
                    )
                    section = None
                    continue
                if line in seen:
                    self._problem(
                        f"Seksjonen {line} står to ganger.",
                        f"Section {line} appears twice.",
                        number,
                        None,
                        "duplicate_section",
                    )
                section = line
                seen.add(line)
                continue
            if section is None:
                self._problem(
                    "Linjen står utenfor en seksjon.",
                    "The line is outside any section.",
                    number,
                    None,
                    "outside_section",
                )
                continue
            fields = [part.strip() for part in line.split(",")]
            self._line(section, fields, number)
        for required in ("SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF"):
            if required not in seen:
                self._problem(
                    f"Seksjonen {required} mangler.",
                    f"Section {required} is missing.",
                    1,
                    None,
                    "missing_section",
                )
        if self.problems:
            raise InputError(self.problems)

    def _line(self, section: str, fields: list[str], number: int) -> None:
        expected = _FIELDS.get(section)
        if section == "SECTION_DAYS_OFF":
            if len(fields) < 2:
                self._problem(
                    "Linjen må ha en ansatt og minst én dag.",
                    "The line needs an employee and at least one day.",
                    number,
                    None,
                    "field_count",
                )
                return
        # A shift line may leave its cannot-follow list out altogether.
        elif (
            expected is not None
            and len(fields) != len(expected)
            and not (section == "SECTION_SHIFTS" and len(fields) == 2)
        ):
            self._problem(
                f"Linjen har {len(fields)} felt; {len(expected)} ventes ({', '.join(expected)}).",
                f"The line has {len(fields)} fields; {len(expected)} are expected"
                f" ({', '.join(expected)}).",
                number,
                None,
                "field_count",
            )
            return
        if section == "SECTION_HORIZON":
            self._horizon(fields, number)
        elif section == "SECTION_SHIFTS":
            self._shift_line(fields, number)
        elif section == "SECTION_STAFF":
            self._staff_line(fields, number)
        elif section == "SECTION_DAYS_OFF":
            self._days_off_line(fields, number)
        elif section == "SECTION_COVER":
            self._cover_line(fields, number)
        else:
            self._request_line(fields, number, "on" if "_ON_" in section else "off")

    def _horizon(self, fields: list[str], number: int) -> None:
        if self.horizon is not None:
            self._problem(
                "Horisonten er gitt to ganger.",
                "The horizon is given twice.",
                number,
                "Days",
                "duplicate",
            )
            return
        days = self._integer(fields[0], number, "Days", 7, 53 * 7)
        if days is not None and days % 7:
            self._problem(
                f"{days} dager er ikke hele uker; horisonten må være et multiplum av 7.",
                f"{days} days are not whole weeks; the horizon must be a multiple of 7.",
                number,
                "Days",
                "not_whole_weeks",
            )
            return
        self.horizon = days

    def _shift_line(self, fields: list[str], number: int) -> None:
        code = fields[0]
        length = self._integer(fields[1], number, "Length", 1, 24 * 60 - 1)
        cannot_follow = (
            [c.strip() for c in fields[2].split("|") if c.strip()] if len(fields) > 2 else []
        )
        if length is None:
            return
        start = SHIFT_START_MINUTE
        end = (start + length) % (24 * 60)
        self.lines[("shift_types", len(self.shifts))] = number
        self.shifts.append(
            {
                "code": code,
                "name": code,
                "start": f"{start // 60:02d}:{start % 60:02d}",
                "end": f"{end // 60:02d}:{end % 60:02d}",
                "forbidden_next": cannot_follow,
            }
        )
        self.shift_codes.add(code)

    def _staff_line(self, fields: list[str], number: int) -> None:
        employee_id = fields[0]
        if employee_id in self.staff_index:
            self._problem(
                f"Ansatt «{employee_id}» står to ganger.",
                f"Employee '{employee_id}' appears twice.",
                number,
                "ID",
                "duplicate",
            )
            return
        horizon = self.horizon or 53 * 7
        max_shifts: dict[str, int] = {}
        for item in (part.strip() for part in fields[1].split("|")):
            if not item:
                continue
            code, equals, count = item.partition("=")
            if not equals:
                self._problem(
                    f"«{item}» skal være VaktID=maks.",
                    f"'{item}' should be ShiftID=max.",
                    number,
                    "MaxShifts",
                    "bad_max_shifts",
                )
                continue
            shift = self._shift(code, number, "MaxShifts")
            most = self._integer(count, number, "MaxShifts", 0, horizon)
            if shift is not None and most is not None and most < horizon:
                max_shifts[shift] = most
        most_minutes = self._integer(fields[2], number, "MaxTotalMinutes", 0, 10**7)
        least_minutes = self._integer(fields[3], number, "MinTotalMinutes", 0, 10**7)
        max_run = self._integer(fields[4], number, "MaxConsecutiveShifts", 1, horizon)
        min_run = self._integer(fields[5], number, "MinConsecutiveShifts", 0, horizon)
        min_off = self._integer(fields[6], number, "MinConsecutiveDaysOff", 0, horizon)
        max_weekends = self._integer(fields[7], number, "MaxWeekends", 0, horizon)
        rules: dict[str, Any] = {}
        if most_minutes is not None:
            rules["max_hours"] = most_minutes / 60
        if least_minutes is not None:
            rules["min_hours"] = least_minutes / 60
        if max_run is not None and max_run < horizon:
            rules["max_consecutive_days"] = max_run
        if min_run is not None and min_run > 1:
            rules["min_consecutive_days"] = min_run
        if min_off is not None and min_off > 1:
            rules["min_consecutive_days_off"] = min_off
        if max_weekends is not None and max_weekends < horizon // 7:
            rules["max_weekends"] = max_weekends
        self.staff_index[employee_id] = len(self.staff)
        self.lines[("employees", len(self.staff))] = number
        self.staff.append(
            {
                "id": employee_id,
                "name": employee_id,
                "competence": COMPETENCE,
                "position_pct": 100,
                "max_shifts": max_shifts,
                "unavailable_days": [],
                "wishes": [],
                "rules": rules,
            }
        )

    def _days_off_line(self, fields: list[str], number: int) -> None:
        index = self._employee(fields[0], number)
        days = [self._day(text, number) for text in fields[1:] if text]
        if index is None:
            return
        record = self.staff[index]
        for day in days:
            if day is not None and day not in record["unavailable_days"]:
                self.lines[("employees", index, "unavailable_days")] = number
                record["unavailable_days"].append(day)

    def _request_line(self, fields: list[str], number: int, kind: str) -> None:
        index = self._employee(fields[0], number)
        day = self._day(fields[1], number)
        shift = self._shift(fields[2], number)
        weight = self._integer(fields[3], number, "Weight", 1, 1000)
        if index is None or day is None or shift is None or weight is None:
            return
        wishes = self.staff[index]["wishes"]
        self.lines[("employees", index, "wishes", len(wishes))] = number
        wishes.append({"day": day, "shift": shift, "kind": kind, "weight": weight})

    def _cover_line(self, fields: list[str], number: int) -> None:
        day = self._day(fields[0], number)
        shift = self._shift(fields[1], number)
        requirement = self._integer(fields[2], number, "Requirement", 0, 500)
        under = self._integer(fields[3], number, "WeightUnder", 0, 10**6)
        over = self._integer(fields[4], number, "WeightOver", 0, 10**6)
        if day is None or shift is None or requirement is None or under is None or over is None:
            return
        if (day, shift) in self.covered:
            self._problem(
                f"Dekning for vakt {shift} dag {day} er gitt to ganger.",
                f"Cover for shift {shift} on day {day} is given twice.",
                number,
                "Day",
                "duplicate",
            )
            return
        self.covered.add((day, shift))
        key = (shift, requirement, under, over)
        self.cover.setdefault(key, []).append(day)
        self.cover_line.setdefault(key, number)

    # The unit -------------------------------------------------------------------------------
    def _demand(self) -> Iterator[dict[str, Any]]:
        """One demand row per shift and (requirement, weights), over all its days. A shift and
        day without a cover line has no cover term: it may be worked at no cost."""
        assert self.horizon is not None
        for code in (shift["code"] for shift in self.shifts):
            free = [d for d in range(self.horizon) if (d, code) not in self.covered]
            if free:
                self.cover.setdefault((code, 0, 0, 0), []).extend(free)
        for index, ((code, requirement, under, over), days) in enumerate(self.cover.items()):
            line = self.cover_line.get((code, requirement, under, over))
            if line is not None:
                self.lines[("demand", index)] = line
            yield {
                "shift": code,
                "days": sorted(days),
                "min": 0,
                "target": requirement,
                "weight_under": under,
                "weight_over": over,
            }

    def unit_data(self, name: str) -> dict[str, Any]:
        assert self.horizon is not None
        return {
            "name": name,
            "service": "Curtois & Qu benchmark",
            "weeks": self.horizon // 7,
            "shift_types": self.shifts,
            "competences": [{"code": COMPETENCE, "name": "Alle ansatte"}],
            "employees": self.staff,
            "demand": list(self._demand()),
            "rules": BENCHMARK_RULES,
        }
