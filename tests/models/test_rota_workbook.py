"""Reading a rota back from the Turnus sheet: a hand-typed sheet, and every bad cell with its place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from models.problems import InputError, Location
from models.rota import Rota
from models.rota_workbook import read_rota
from models.unit import Unit
from tests.conftest import tiny_unit_data

WEEKDAYS = ["Ma", "Ti", "On", "To", "Fr", "Lø", "Sø"]
Rows = list[list[Any]]


def typed_sheet(rows: Rows, weekdays: list[str] | None = None, title: str = "Turnus") -> Workbook:
    """A Turnus sheet as a person would type it: headers, weekday row, a group heading, people."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(["ID", "Navn", "Stilling %", "Uke 1"])
    sheet.append([None, None, None, *(weekdays if weekdays is not None else WEEKDAYS)])
    sheet.append([None, "Sykepleiere"])
    for row in rows:
        sheet.append(row)
    sheet.append([])
    sheet.append(["Dekning", "bemannet/minimum"])
    sheet.append(["D", "Dagvakt", None, "1/2", "zz", "1/1"])  # never read as shifts
    return workbook


def save(workbook: Workbook, tmp_path: Path) -> Path:
    path = tmp_path / "turnus.xlsx"
    workbook.save(path)
    return path


def problems_of(call: Callable[[], object]) -> list[tuple[str, Location]]:
    with pytest.raises(InputError) as caught:
        call()
    return [(p.code, p.location or Location()) for p in caught.value.problems]


GOOD_ROWS: Rows = [
    ["a", "Anna", 100, "D", "d", "-", "N", "F", "fri", None],
    ["b", "Bjørn", 50, None, "N", "", "D", "D", "D", "D"],
    [None, "Helsefagarbeidere"],
    ["c", "Cato", 80, "N", None, "D", None, None, "N", "N"],
]


def test_hand_typed_sheet_reads_into_a_rota(tiny_unit: Unit, tmp_path: Path) -> None:
    """Codes in any case, '-', 'F', 'fri' and empty cells as days off; headings and cover skipped."""
    rota = read_rota(save(typed_sheet(GOOD_ROWS), tmp_path), tiny_unit)
    assert rota == Rota(
        days=7,
        assignments={
            "a": ("D", "D", None, "N", None, None, None),
            "b": (None, "N", None, "D", "D", "D", "D"),
            "c": ("N", None, "D", None, None, "N", "N"),
        },
    )


def test_numeric_ids_typed_as_numbers_are_read(tmp_path: Path) -> None:
    """An id typed as the number 101 matches the employee id '101'."""
    data = tiny_unit_data()
    for number, employee in enumerate(data["employees"], start=100):
        employee["id"] = str(number)
    unit = Unit.model_validate(data)
    rows = [[100, "Anna", 100, "D"], [101.0, "Bjørn", 50], ["102", "Cato", 80]]
    rota = read_rota(save(typed_sheet(rows), tmp_path), unit)
    assert rota.assignments["100"][0] == "D"
    assert set(rota.assignments) == {"100", "101", "102"}


def test_english_sheet_name_is_read(tiny_unit: Unit, tmp_path: Path) -> None:
    """A workbook written in English has its grid on the sheet 'Rota'."""
    rota = read_rota(save(typed_sheet(GOOD_ROWS, title="Rota"), tmp_path), tiny_unit)
    assert rota.shift_on("a", 0) == "D"


def test_unknown_shift_code_is_located(tiny_unit: Unit, tmp_path: Path) -> None:
    """A code that is not a shift type names file, sheet, row and the day's column letter."""
    rows = [[*row] for row in GOOD_ROWS]
    rows[1][5] = "Q"  # Bjørn, Wednesday: column F, sheet row 5
    path = save(typed_sheet(rows), tmp_path)
    with pytest.raises(InputError) as caught:
        read_rota(path, tiny_unit)
    (problem,) = caught.value.problems
    assert problem.code == "unknown_shift"
    assert problem.location == Location(file="turnus.xlsx", sheet="Turnus", row=5, column="F")
    assert "«Q»" in problem.message("nb")
    assert "uke 1 On" in problem.message("nb")
    assert "ark «Turnus», rad 5, kolonne «F»" in problem.describe("nb")


def test_unknown_employee_is_located(tiny_unit: Unit, tmp_path: Path) -> None:
    """A row label that is no employee id is reported with its row in column ID."""
    rows = [[*row] for row in GOOD_ROWS]
    rows[0][0] = "zz"
    path = save(typed_sheet(rows), tmp_path)
    found = problems_of(lambda: read_rota(path, tiny_unit))
    assert ("unknown_employee", Location("turnus.xlsx", "Turnus", 4, "ID")) in found
    assert [code for code, _ in found] == ["unknown_employee", "missing_employees"]


def test_missing_and_repeated_employees(tiny_unit: Unit, tmp_path: Path) -> None:
    """An employee without a row, and an id given twice, are both reported."""
    rows = [GOOD_ROWS[0], GOOD_ROWS[0]]
    path = save(typed_sheet(rows), tmp_path)
    with pytest.raises(InputError) as caught:
        read_rota(path, tiny_unit)
    codes = [p.code for p in caught.value.problems]
    assert codes == ["duplicate", "missing_employees"]
    assert caught.value.problems[0].location == Location("turnus.xlsx", "Turnus", 5, "ID")
    assert "Bjørn" in caught.value.problems[1].message("nb")
    assert "Cato" in caught.value.problems[1].message("nb")


def test_shifts_without_an_id(tiny_unit: Unit, tmp_path: Path) -> None:
    """A row with shifts but no id cannot belong to anyone: it is reported."""
    rows = [*GOOD_ROWS, [None, "Ukjent", None, "D"]]
    path = save(typed_sheet(rows), tmp_path)
    found = problems_of(lambda: read_rota(path, tiny_unit))
    assert found == [("missing_employee_id", Location("turnus.xlsx", "Turnus", 8, "ID"))]


@pytest.mark.parametrize("days", [6, 8])
def test_wrong_number_of_day_columns(tiny_unit: Unit, tmp_path: Path, days: int) -> None:
    """Weekday labels for more or fewer days than the unit's rota has are reported."""
    weekdays = (WEEKDAYS * 2)[:days]
    path = save(typed_sheet(GOOD_ROWS, weekdays=weekdays), tmp_path)
    with pytest.raises(InputError) as caught:
        read_rota(path, tiny_unit)
    (problem,) = caught.value.problems
    assert problem.code == "wrong_day_count"
    assert problem.location is not None
    assert (problem.location.sheet, problem.location.row) == ("Turnus", 2)
    assert f"{days} dagkolonner" in problem.message("nb")


def test_unreadable_files(tiny_unit: Unit, tmp_path: Path) -> None:
    """A missing file, a file that is no workbook, and a workbook without the sheet each say so."""
    assert problems_of(lambda: read_rota(tmp_path / "nope.xlsx", tiny_unit))[0][0] == "no_file"
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook")
    assert problems_of(lambda: read_rota(fake, tiny_unit))[0][0] == "not_a_workbook"
    other = Workbook()
    other.active.title = "Noe annet"
    path = save(other, tmp_path)
    assert problems_of(lambda: read_rota(path, tiny_unit)) == [
        ("missing_sheet", Location("turnus.xlsx", "Turnus"))
    ]
    empty = Workbook()
    empty.active.title = "Turnus"
    path = save(empty, tmp_path)
    assert problems_of(lambda: read_rota(path, tiny_unit))[0][0] == "no_header"
