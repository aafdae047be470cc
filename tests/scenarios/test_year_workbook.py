from pathlib import Path

import pytest
from openpyxl import load_workbook

from models.problems import InputError
from models.unit import Unit
from rota.annual.plan import MONTHS_NB, YearPlan
from rota.annual.report import audit_year_hours
from rota.check import check
from scenarios.year_workbook import (
    OUTSIDE_FILL,
    is_year_workbook,
    read_year_workbook,
    write_year_workbook,
)
from tests.models.test_print_setup import _pages, _pdf, needs_libreoffice


@pytest.fixture(scope="module")
def year_book(small_year: YearPlan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    findings = check(small_year.unit, small_year.rota) + audit_year_hours(small_year)
    path = tmp_path_factory.mktemp("year") / "aar.xlsx"
    return write_year_workbook(small_year, findings, path, per_person=True)


def test_read_back_gives_the_same_year(
    year_book: Path, small_year: YearPlan, small_ward: Unit
) -> None:
    """`rota check` reads the month sheets back: the same shifts, vacation weeks and vikarer,
    so the same findings."""
    assert is_year_workbook(year_book)
    read = read_year_workbook(year_book, small_ward)
    assert read.rota.assignments == small_year.rota.assignments
    assert read.vacation.weeks == small_year.vacation.weeks
    assert [s.employee.id for s in read.cover] == [s.employee.id for s in small_year.cover]
    assert check(read.unit, read.rota) == check(small_year.unit, small_year.rota)


def test_month_sheets_mark_holidays_and_the_years_either_side(year_book: Path) -> None:
    """January shows 28-31 December 2026 greyed and 1 January with its holiday's name."""
    sheet = load_workbook(year_book)["Januar"]
    assert [sheet.cell(row=1, column=c).value for c in range(5, 10)] == [28, 29, 30, 31, 1]
    assert sheet.cell(row=1, column=5).fill.fgColor.rgb.endswith(OUTSIDE_FILL.fgColor.rgb[-6:])
    assert "nyttårsdag" in sheet.cell(row=1, column=9).comment.text


def test_a_sheet_per_person_on_request(year_book: Path, small_ward: Unit) -> None:
    """--per-person: each named person has a sheet of their year, a row per month."""
    names = load_workbook(year_book).sheetnames
    for employee in small_ward.employees:
        if employee.name:
            assert employee.name in names
    assert all(month in names for month in MONTHS_NB)


def test_an_unknown_code_is_named_with_its_cell(
    year_book: Path, small_ward: Unit, tmp_path: Path
) -> None:
    """A hand-edited month cell with a code the unit lacks: the file, sheet, row and column."""
    workbook = load_workbook(year_book)
    sheet = workbook["Mars"]
    row = next(r for r in range(3, 20) if sheet.cell(row=r, column=1).value == "s1")
    sheet.cell(row=row, column=10, value="XX")
    edited = tmp_path / "endret.xlsx"
    workbook.save(edited)
    with pytest.raises(InputError) as caught:
        read_year_workbook(edited, small_ward)
    problem = caught.value.problems[0]
    assert "XX" in problem.message_nb
    assert problem.location is not None
    assert (problem.location.sheet, problem.location.row, problem.location.column) == (
        "Mars",
        row,
        "J",
    )


@needs_libreoffice
def test_each_month_prints_on_one_page(
    year_book: Path, small_year: YearPlan, tmp_path: Path
) -> None:
    """The year's workbook renders with no empty page, each month on one page of its own."""
    workbook = load_workbook(year_book)
    for name in workbook.sheetnames:
        if name not in ("Sammendrag", *MONTHS_NB):
            del workbook[name]
    workbook.save(tmp_path / "months.xlsx")
    pages = _pages(_pdf(tmp_path / "months.xlsx", tmp_path))
    assert len(pages) == 13
    assert all(page.strip() for page in pages)
