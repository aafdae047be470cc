"""Opening a workbook a user gave us, with a plain message when it is not one."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from models.problems import Location, input_error


def open_workbook(path: Path) -> Workbook:
    """The workbook at `path` (values, not formulas); InputError when it cannot be opened."""
    try:
        values = load_workbook(path, data_only=True)
        formulas = load_workbook(path)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise input_error(
            f"Kan ikke åpne filen som en Excel-arbeidsbok ({type(exc).__name__}).",
            f"Cannot open the file as an Excel workbook ({type(exc).__name__}).",
            "not_a_workbook",
            Location(file=path.name),
        ) from None
    _refuse_uncalculated(path, values, formulas)
    return values


def _refuse_uncalculated(path: Path, values: Workbook, formulas: Workbook) -> None:
    """A formula whose result the file does not hold (written by a program that does not
    calculate, never opened in Excel) would read as an empty cell: refused at its cell."""
    for sheet in formulas.worksheets:
        for (row, column), cell in sheet._cells.items():
            if cell.data_type != "f":
                continue
            shown = values[sheet.title]
            if shown.cell(row=row, column=column).value is None:
                letter = get_column_letter(column)
                header = shown.cell(row=1, column=column).value if row > 1 else None
                raise input_error(
                    f"Cellen {letter}{row} har en formel uten utregnet verdi i fila; den ville"
                    " blitt lest som tom. Åpne og lagre arbeidsboka i Excel eller LibreOffice,"
                    " eller skriv inn verdien.",
                    f"Cell {letter}{row} holds a formula with no calculated value in the file;"
                    " it would read as empty. Open and save the workbook in Excel or"
                    " LibreOffice, or type the value in.",
                    "uncalculated_formula",
                    Location(
                        file=path.name,
                        sheet=sheet.title,
                        row=row,
                        column=str(header) if isinstance(header, str) else letter,
                    ),
                )


# The most a reader looks at: far more than any unit, rota or year plan has.
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000


def data_extent(sheet: Worksheet) -> tuple[int, int]:
    """The last row and column that hold a value (0, 0 when none), from the cells the file has:
    a stray styled cell far out (A1048576) makes the sheet's own dimensions a million rows,
    which a reader would walk cell by cell."""
    last_row = last_column = 0
    for (row, column), cell in sheet._cells.items():
        if cell.value is not None and cell.value != "":
            last_row, last_column = max(last_row, row), max(last_column, column)
    return last_row, last_column


def data_rows(
    sheet: Worksheet, min_row: int = 1, max_col: int | None = None, file: str | None = None
) -> list[tuple[object, ...]]:
    """The values of the rows from `min_row` to the last that holds a value, each as wide as
    the last column that holds one (or `max_col`). A value past MAX_ROWS or MAX_COLUMNS is
    refused at its cell (InputError) rather than read through a million empty rows."""
    last_row, last_column = data_extent(sheet)
    if last_row > MAX_ROWS or last_column > MAX_COLUMNS:
        far = max(
            (key for key, cell in sheet._cells.items() if cell.value not in (None, "")),
            key=lambda key: (key[0] > MAX_ROWS or key[1] > MAX_COLUMNS, key),
        )
        where = f"{get_column_letter(far[1])}{far[0]}"
        raise input_error(
            f"Cellen {where} har en verdi langt utenfor tabellen (mer enn {MAX_ROWS} rader eller"
            f" {MAX_COLUMNS} kolonner): slett den.",
            f"Cell {where} holds a value far outside the table (beyond {MAX_ROWS} rows or"
            f" {MAX_COLUMNS} columns): delete it.",
            "far_outside_table",
            Location(file=file, sheet=sheet.title, row=far[0], column=get_column_letter(far[1])),
        )
    if last_row < min_row:
        return []
    width = max_col if max_col is not None else max(1, last_column)
    return list(sheet.iter_rows(min_row=min_row, max_row=last_row, max_col=width, values_only=True))
