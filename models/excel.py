"""Opening a workbook a user gave us, with a plain message when it is not one."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook

from models.problems import Location, input_error


def open_workbook(path: Path) -> Workbook:
    """The workbook at `path` (values, not formulas); InputError when it cannot be opened."""
    try:
        return load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise input_error(
            f"Kan ikke åpne filen som en Excel-arbeidsbok ({type(exc).__name__}).",
            f"Cannot open the file as an Excel workbook ({type(exc).__name__}).",
            "not_a_workbook",
            Location(file=path.name),
        ) from None
