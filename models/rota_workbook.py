"""The rota workbook's "Turnus" sheet read back into a `Rota`, so that any rota in that layout, a
solver's or one typed by hand, can be checked.

Layout (written by `scenarios.rota_workbook`, and what a person typing a rota by hand follows):
a header row with "ID" in column A (within the first rows), the next row holds a weekday label
over each day column; day columns start in column D (after ID, Navn, Stilling %), one per rota day.
Each employee row has the employee id in column A and a shift code (or nothing) in each day cell.
Rows with no id and no shift are skipped (competence group headings, blank rows). Reading stops at
the cover section, marked by "Dekning" (or "Cover") in column A.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from models import cells
from models.clock import WEEKDAYS_EN, WEEKDAYS_NB
from models.excel import data_rows, open_workbook
from models.problems import InputError, Location, Problem, error, input_error, no_such_file
from models.rota import Rota
from models.unit import Unit

ROTA_SHEET = "Turnus"
ROTA_SHEET_EN = "Rota"
ID_HEADER = "ID"
FIRST_DAY_COLUMN = 4  # column D: after ID, Navn, Stilling %
COVER_MARKERS = ("Dekning", "Cover")
# What a person may type for a day off (besides leaving the cell empty); a shift code wins.
OFF_WORDS = frozenset({"-", "–", "—", "f", "fri", "off"})
HEADER_SEARCH_ROWS = 10


def day_heading(day: int, lang: str = "nb") -> str:
    """'uke 2 On' (day 9) in Norwegian, 'week 2 We' in English."""
    if lang == "nb":
        return f"uke {day // 7 + 1} {WEEKDAYS_NB[day % 7]}"
    return f"week {day // 7 + 1} {WEEKDAYS_EN[day % 7]}"


def read_rota(path: Path, unit: Unit) -> Rota:
    """Read the Turnus sheet of a rota workbook as a Rota of `unit`.

    Every problem (unknown shift code, unknown or repeated employee id, missing employees, wrong
    number of day columns) is collected and raised together as `InputError`, each with its file,
    sheet, row and column.
    """
    path = Path(path)
    if not path.is_file():
        raise no_such_file(path)
    workbook = open_workbook(path)
    name = next((n for n in (ROTA_SHEET, ROTA_SHEET_EN) if n in workbook.sheetnames), None)
    if name is None:
        raise input_error(
            f"Arket «{ROTA_SHEET}» mangler i arbeidsboka.",
            f"The sheet '{ROTA_SHEET}' is missing from the workbook.",
            "missing_sheet",
            Location(file=path.name, sheet=ROTA_SHEET),
        )
    return _SheetReader(path.name, name, workbook[name], unit).read()


class _SheetReader:
    def __init__(self, file: str, sheet_name: str, sheet: Worksheet, unit: Unit) -> None:
        self.file = file
        self.sheet_name = sheet_name
        self.sheet = sheet
        self.unit = unit
        self.problems: list[Problem] = []
        codes = [shift.code for shift in unit.shift_types]
        self.exact = set(codes)
        folded: dict[str, list[str]] = {}
        for code in codes:
            folded.setdefault(code.casefold(), []).append(code)
        self.folded = {key: found[0] for key, found in folded.items() if len(found) == 1}

    def where(self, row: int | None = None, column: str | None = None) -> Location:
        return Location(file=self.file, sheet=self.sheet_name, row=row, column=column)

    def fail(self, nb: str, en: str, code: str, location: Location) -> None:
        self.problems.append(error(nb, en, code=code).located(location))

    def read(self) -> Rota:
        rows = [list(row) for row in data_rows(self.sheet, file=self.file)]
        header = self._header_row(rows)
        if header is None:
            self.fail(
                f"Fant ikke overskriftsraden: «{ID_HEADER}» skal stå i kolonne A over"
                " ansatt-ID-ene.",
                f"No header row found: '{ID_HEADER}' must stand in column A above the employee ids.",
                "no_header",
                self.where(None, "A"),
            )
            raise InputError(self.problems)
        days = self.unit.days
        found_days = self._day_columns(rows, header + 1)
        if found_days != days:
            last = get_column_letter(FIRST_DAY_COLUMN + max(found_days, 1) - 1)
            self.fail(
                f"Fant {found_days} dagkolonner (ukedager i rad {header + 2} fra kolonne D),"
                f" men turnusen har {days} dager ({self.unit.weeks} uker).",
                f"Found {found_days} day columns (weekdays in row {header + 2} from column D),"
                f" but the rota has {days} days ({self.unit.weeks} weeks).",
                "wrong_day_count",
                self.where(header + 2, last),
            )
            raise InputError(self.problems)

        assignments: dict[str, tuple[str | None, ...]] = {}
        first_row: dict[str, int] = {}
        for index in range(header + 2, len(rows)):
            row_number = index + 1
            values = rows[index] + [None] * (FIRST_DAY_COLUMN - 1 + days - len(rows[index]))
            label = cells.text(values[0])
            if label is not None and label.strip().casefold() in {
                marker.casefold() for marker in COVER_MARKERS
            }:
                break
            day_values = values[FIRST_DAY_COLUMN - 1 : FIRST_DAY_COLUMN - 1 + days]
            if label is None:
                if any(self._typed(value) for value in day_values):
                    self.fail(
                        "Raden har vakter, men mangler ansatt-ID.",
                        "The row has shifts but no employee id.",
                        "missing_employee_id",
                        self.where(row_number, ID_HEADER),
                    )
                continue
            if label not in self.unit.employee_by_id:
                self.fail(
                    f"Ukjent ansatt-ID «{label}»; den må stå i arket Ansatte i enhetsfila.",
                    f"Unknown employee id '{label}'; it must be listed among the unit's employees.",
                    "unknown_employee",
                    self.where(row_number, ID_HEADER),
                )
                continue
            if label in first_row:
                self.fail(
                    f"Ansatt-ID «{label}» står flere ganger (også i rad {first_row[label]}).",
                    f"Employee id '{label}' appears more than once (also in row {first_row[label]}).",
                    "duplicate",
                    self.where(row_number, ID_HEADER),
                )
                continue
            first_row[label] = row_number
            assignments[label] = tuple(
                self._shift(value, row_number, day) for day, value in enumerate(day_values)
            )

        missing = [e for e in self.unit.employees if e.id not in assignments]
        if missing and not any(p.code == "unknown_employee" for p in self.problems):
            names = ", ".join(f"{e.display_name} ({e.id})" for e in missing)
            self.fail(
                f"Mangler rad for {len(missing)} ansatte: {names}.",
                f"No row for {len(missing)} employee(s): {names}.",
                "missing_employees",
                self.where(None, ID_HEADER),
            )
        elif missing:
            names = ", ".join(f"{e.display_name} ({e.id})" for e in missing)
            self.fail(
                f"Ingen rad for {names} (står ID-en feil over?).",
                f"No row for {names} (is an id above mistyped?).",
                "missing_employees",
                self.where(None, ID_HEADER),
            )
        if self.problems:
            raise InputError(self.problems)
        ordered = {e.id: assignments[e.id] for e in self.unit.employees}
        return Rota(days=days, assignments=ordered)

    def _header_row(self, rows: list[list[Any]]) -> int | None:
        for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            if row and (cells.text(row[0]) or "").strip().casefold() == ID_HEADER.casefold():
                return index
        return None

    def _day_columns(self, rows: list[list[Any]], index: int) -> int:
        """Day columns: the weekday labels in a row from column D on, up to the first empty cell."""
        if index >= len(rows):
            return 0
        count = 0
        for value in rows[index][FIRST_DAY_COLUMN - 1 :]:
            if cells.is_empty(value):
                break
            count += 1
        return count

    @staticmethod
    def _typed(value: Any) -> bool:
        text = cells.text(value)
        return text is not None and text.casefold() not in OFF_WORDS

    def _shift(self, value: Any, row_number: int, day: int) -> str | None:
        text = cells.text(value)
        if text is None:
            return None
        if text in self.exact:
            return text
        if text.casefold() in self.folded:
            return self.folded[text.casefold()]
        if text.casefold() in OFF_WORDS:
            return None
        known = ", ".join(sorted(self.exact))
        self.fail(
            f"Ukjent vaktkode «{text}» ({day_heading(day, 'nb')}); bruk {known}, eller la"
            " cellen stå tom for fri.",
            f"Unknown shift code '{text}' ({day_heading(day, 'en')}); use {known}, or leave the"
            " cell empty for a day off.",
            "unknown_shift",
            self.where(row_number, get_column_letter(FIRST_DAY_COLUMN + day)),
        )
        return None
