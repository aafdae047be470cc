"""The look every workbook sheet shares: header cells and bold labels."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill

HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
BOLD = Font(bold=True)


def header_cell(sheet: Any, row: int, column: int, value: Any) -> Any:
    """A header cell: white bold text on dark blue, centred and wrapped."""
    cell = sheet.cell(row=row, column=column, value=value)
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return cell


def landscape(sheet: Any) -> None:
    """Print in landscape, as wide as one page."""
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
