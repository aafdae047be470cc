"""Print settings every workbook shares, so that each sheet prints as a unit leader would hang it
up: landscape on narrow margins, the workbook's title and the sheet's name in the header, page
numbers in the footer, the header rows repeated on every page, every sheet no wider than its
pages, and a sans-serif font on every cell (a font without a name prints as a serif font in
LibreOffice)."""

from __future__ import annotations

from copy import copy
from typing import Any

from openpyxl.worksheet.page import PageMargins

A4 = "9"
A3 = "8"
FONT_NAME = "Calibri"
# Excel's header and footer hold at most 255 characters each, codes included: one section's
# text keeps to this, the rest is left for the codes and the other sections.
SECTION_LIMIT = 180


def header_text(text: str, limit: int = SECTION_LIMIT) -> str:
    """User text made safe for a header or footer section: '&' is a code there, so it is
    doubled; cut at `limit` characters (never half a doubled '&')."""
    safe = ""
    for char in text:
        piece = "&&" if char == "&" else char
        if len(safe) + len(piece) > limit:
            break
        safe += piece
    return safe


def print_ready(workbook: Any, title: str, lang: str = "nb") -> None:
    """Give every sheet of `workbook` the shared print settings, keeping what a writer set
    already (paper, scale, repeated rows and columns, a footer of its own)."""
    page = "Side &P av &N" if lang == "nb" else "Page &P of &N"
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        setup.orientation = "landscape"
        if setup.paperSize is None:
            setup.paperSize = A4
        sheet.page_margins = PageMargins(
            left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.25, footer=0.25
        )
        if setup.scale is None and not sheet.sheet_properties.pageSetUpPr.fitToPage:
            sheet.sheet_properties.pageSetUpPr.fitToPage = True
            setup.fitToWidth = 1
            setup.fitToHeight = 0
        if sheet.print_title_rows is None and sheet.max_row > 1:
            sheet.print_title_rows = "1:1"
        sheet.oddHeader.left.text = header_text(title)
        sheet.oddHeader.left.size = 10
        sheet.oddHeader.right.text = "&A"
        sheet.oddHeader.right.size = 10
        sheet.oddFooter.center.text = page
        sheet.oddFooter.center.size = 9
        _named_fonts(sheet)


def _named_fonts(sheet: Any) -> None:
    for row in sheet.iter_rows():
        for cell in row:
            if cell.has_style and cell.font is not None and cell.font.name is None:
                font = copy(cell.font)
                font.name = FONT_NAME
                cell.font = font
