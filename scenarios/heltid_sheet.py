"""The Heltid sheet: full-time figures side by side (before and after a position plan, or one
column per scenario), for the unit and each competence, with a chart of the heltidsandel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font

from models.heltid import BANDS, Heltid, HeltidFigures
from models.problems import Language
from scenarios.sheet_style import header_cell, landscape

SHEET_NB, SHEET_EN = "Heltid", "Full-time"

Row = tuple[str, str, Callable[[HeltidFigures], float], str]

ROWS: tuple[Row, ...] = (
    ("Stillinger (hoder)", "Positions (heads)", lambda f: f.heads, "0"),
    ("Heltidsstillinger (100 %)", "Full-time positions (100 %)", lambda f: f.fulltime_heads, "0"),
    ("Heltidsandel, hoder", "Full-time share, heads", lambda f: f.share_heads, "0.0%"),
    ("Heltidsandel, årsverk", "Full-time share, FTE", lambda f: f.share_fte, "0.0%"),
    ("Årsverk", "FTE", lambda f: f.fte, "0.00"),
    (
        "Gjennomsnittlig stilling",
        "Average position",
        lambda f: f.average_position_pct / 100,
        "0.0%",
    ),
    *(
        (f"Stillinger {nb.lower()}", f"Positions {en.lower()}", (lambda f, k=key: f.bands[k]), "0")
        for key, _, nb, en in BANDS
    ),
    (
        "Uønsket deltid (personer)",
        "Unwanted part-time (people)",
        lambda f: f.unwanted_parttime_heads,
        "0",
    ),
    (
        "Uønsket deltid (årsverk de ønsker mer)",
        "Unwanted part-time (FTE wanted)",
        lambda f: f.unwanted_parttime_fte,
        "0.00",
    ),
    ("Vakante stillinger", "Vacant positions", lambda f: f.vacant, "0"),
)


def _t(lang: Language, nb: str, en: str) -> str:
    return nb if lang == "nb" else en


def sheet_name(lang: Language) -> str:
    return _t(lang, SHEET_NB, SHEET_EN)


def write_heltid_sheet(
    sheet: Any, columns: Sequence[tuple[str, Heltid | None]], lang: Language = "nb"
) -> None:
    """One column per (label, figures): the unit as a whole, then each competence, each figure
    a row; a chart of the heltidsandel (heads) by competence. None is a column left empty (a
    scenario without a plan)."""
    sheet.cell(row=1, column=1, value=_t(lang, "Heltid og deltid", "Full-time and part-time"))
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    sheet.cell(
        row=2,
        column=1,
        value=_t(
            lang,
            "Heltid: summen av stillingene er minst 100 % (KS). Vakante stillinger telles med.",
            "Full-time: positions summing to at least 100 % (KS). Vacant positions are counted.",
        ),
    )
    header_row = 4
    header_cell(sheet, header_row, 1, _t(lang, "Nøkkeltall", "Figure"))
    for index, (label, _) in enumerate(columns, start=2):
        header_cell(sheet, header_row, index, label)
    sheet.column_dimensions["A"].width = 42
    for index in range(2, len(columns) + 2):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = 18
    groups = _groups(columns, lang)
    row = header_row + 1
    share_rows: list[tuple[str, int]] = []
    for title, pick in groups:
        sheet.cell(row=row, column=1, value=title).font = Font(bold=True)
        row += 1
        for nb, en, get, number_format in ROWS:
            sheet.cell(row=row, column=1, value="  " + _t(lang, nb, en))
            for index, (_, figures) in enumerate(columns, start=2):
                chosen = pick(figures) if figures is not None else None
                if chosen is None:
                    continue
                cell = sheet.cell(row=row, column=index, value=get(chosen))
                cell.number_format = number_format
            if nb == "Heltidsandel, hoder":
                share_rows.append((title, row))
            row += 1
        row += 1
    _add_chart(sheet, share_rows, len(columns), header_row, row, lang)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    landscape(sheet)


def _groups(
    columns: Sequence[tuple[str, Heltid | None]], lang: Language
) -> list[tuple[str, Callable[[Heltid], HeltidFigures | None]]]:
    codes: list[str] = []
    for _, figures in columns:
        for code in figures.by_competence if figures is not None else ():
            if code not in codes:
                codes.append(code)
    groups: list[tuple[str, Callable[[Heltid], HeltidFigures | None]]] = [
        (_t(lang, "Hele enheten", "The whole unit"), lambda h: h.total)
    ]
    for code in codes:
        groups.append((code, _competence(code)))
    return groups


def _competence(code: str) -> Callable[[Heltid], HeltidFigures | None]:
    def pick(figures: Heltid) -> HeltidFigures | None:
        return figures.by_competence.get(code)

    return pick


def _add_chart(
    sheet: Any,
    share_rows: list[tuple[str, int]],
    columns: int,
    header_row: int,
    below: int,
    lang: Language,
) -> None:
    """Heltidsandel by group, one bar per column. The chart reads a small table written for it
    under the figures (a chart needs its categories in one block)."""
    if not share_rows or not columns:
        return
    top = below + 1
    sheet.cell(row=top, column=1, value=_t(lang, "Heltidsandel (hoder)", "Full-time share (heads)"))
    sheet.cell(row=top, column=1).font = Font(bold=True)
    for index in range(2, columns + 2):
        sheet.cell(row=top, column=index, value=sheet.cell(row=header_row, column=index).value)
    for offset, (title, source_row) in enumerate(share_rows, start=1):
        sheet.cell(row=top + offset, column=1, value=title)
        for index in range(2, columns + 2):
            value = sheet.cell(row=source_row, column=index).value
            cell = sheet.cell(row=top + offset, column=index, value=value)
            cell.number_format = "0.0%"
    chart = BarChart()
    chart.type = "col"
    chart.title = _t(lang, "Heltidsandel (hoder)", "Full-time share (heads)")
    chart.y_axis.title = _t(lang, "Andel heltid", "Full-time share")
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    data = Reference(
        sheet, min_col=2, max_col=columns + 1, min_row=top, max_row=top + len(share_rows)
    )
    categories = Reference(sheet, min_col=1, min_row=top + 1, max_row=top + len(share_rows))
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    chart.height, chart.width = 8, 16
    sheet.add_chart(chart, sheet.cell(row=header_row, column=columns + 3).coordinate)
