"""Reading a user's workbook: only as far as it holds data, and a value far out refused at its
cell, in seconds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from models.excel import MAX_ROWS, data_extent, data_rows
from models.problems import InputError
from models.unit_workbook import load_unit_workbook, write_template


def test_a_styled_empty_cell_far_out_is_not_read_through(tmp_path: Path) -> None:
    """The example template with a bold, empty A1048576 on the staff sheet reads in seconds as
    the same unit: the reader stops at the last row that holds a value."""
    book = tmp_path / "enhet.xlsx"
    write_template(book, example=True)
    plain = load_unit_workbook(book)
    workbook = load_workbook(book)
    workbook["Ansatte"]["A1048576"].font = Font(bold=True)
    workbook.save(book)
    started = time.monotonic()
    assert load_unit_workbook(book) == plain
    assert time.monotonic() - started < 5


def test_a_value_far_out_is_refused_at_its_cell(tmp_path: Path) -> None:
    """A stray value at XFD1048576: refused in seconds, naming the file, sheet and cell."""
    book = tmp_path / "enhet.xlsx"
    write_template(book, example=True)
    workbook = load_workbook(book)
    workbook["Ansatte"]["XFD1048576"] = "x"
    workbook.save(book)
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        load_unit_workbook(book)
    assert time.monotonic() - started < 5
    [problem] = caught.value.problems
    assert problem.code == "far_outside_table"
    where = problem.describe("nb")
    assert where.startswith("enhet.xlsx, ark «Ansatte», rad 1048576, kolonne «XFD»")


def test_the_extent_is_the_last_value() -> None:
    """The extent counts cells with a value, not styled or blank ones; rows come to it, and a
    value past the last row read is refused."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"], sheet["B1"] = "a", "b"
    sheet["B2"], sheet["A3"] = 2, 3
    assert sheet is not None
    sheet["C7"].font = Font(bold=True)
    assert data_extent(sheet) == (3, 2)
    assert data_rows(sheet, 2) == [(None, 2), (3, None)]
    sheet[f"A{MAX_ROWS + 1}"] = 1
    with pytest.raises(InputError):
        data_rows(sheet)
