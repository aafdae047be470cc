"""The rota workbook: the rota a unit leader reads, prints and can edit and check again.

Sheets: Turnus (employees x days, colour per shift, hours per week and against the position, cover
under the grid, gaps in red), Dekning (cover per day and shift), Timer (hours per employee), Regelsjekk
(the independent rule check) and Sammendrag (status, gaps, breaches and cost against the
frames first, then the search's penalty points). The Turnus sheet is laid
out so that `models.rota_workbook.read_rota` reads it back, also after a person has edited it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from models.atomic import save_workbook
from models.clock import WEEKDAYS_EN, WEEKDAYS_NB
from models.employee import SAMI_LANGUAGES, Employee
from models.heltid import heltid
from models.numbers import decimal, hours
from models.print_setup import A3, header_text, print_ready
from models.problems import Language
from models.rota import Rota
from models.rota_workbook import (
    COVER_MARKERS,
    FIRST_DAY_COLUMN,
    ID_HEADER,
    ROTA_SHEET,
    ROTA_SHEET_EN,
    day_heading,
)
from models.shift import ShiftType
from models.unit import Unit
from rota.cost import cost
from rota.findings import Finding, FindingKind
from rota.result import Result
from rota.rules.coverage import shortfall_minutes
from rota.rules.hours import counted, credits
from scenarios.heltid_sheet import sheet_name as heltid_sheet_name
from scenarios.heltid_sheet import write_heltid_sheet
from scenarios.labels import (
    breaches_first,
    count_kinds,
    explanation,
    kind_label,
    status_label,
    term_label,
)
from scenarios.sheet_style import BOLD, header_cell

# Column widths of the Turnus grid (characters), chosen so that six weeks of a unit print across
# one A3 landscape page with the text at 8 pt or more (`turnus_scale`).
ID_WIDTH, NAME_WIDTH, POSITION_WIDTH = 6, 16, 6
DAY_WIDTH = 3.3
HOURS_WIDTH = 5.0
DEVIATION_WIDTH = 6.0  # "+117,5"
WEEKS_PER_PAGE = 6
# The Dekning grid: shift code, what is counted, then the days.
COVER_FIRST_DAY_COLUMN = 3
COVER_LABEL_WIDTH = 24
# A3 landscape (420 mm = 1190.5 pt) less the margins of `models.print_setup` (0.4 in each side).
A3_PRINT_WIDTH_PT = 1190.5 - 2 * 0.4 * 72
# A fixed, pleasant palette by shift order; night shifts get darker shades with white text.
DAY_PALETTE = ("BDD7EE", "FFE699", "C6E0B4", "F8CBAD", "D9C3E9", "B4E5E0", "FCE4D6", "E2EFDA")
NIGHT_PALETTE = ("44546A", "5B4A8B", "2F5597", "385723")
RED = PatternFill("solid", fgColor="FF7C80")
ORANGE = PatternFill("solid", fgColor="FFC000")
GROUP_FILL = PatternFill("solid", fgColor="D9D9D9")
WEEKEND_FILL = PatternFill("solid", fgColor="DDEBF7")
CENTER = Alignment(horizontal="center", vertical="center")
THIN = Side(style="thin", color="BFBFBF")
WEEK_EDGE = Border(left=Side(style="medium", color="808080"))
HOURS_FORMAT = "0.0"


def _t(lang: Language, nb: str, en: str) -> str:
    return nb if lang == "nb" else en


@dataclass(frozen=True)
class CoverCell:
    """Staff on one shift on one day against the demand row for it."""

    day: int
    shift: str
    staffed: int
    minimum: int
    target: int
    # (code, have, need) for each competence / language requirement that is not met
    competence_gaps: list[tuple[str, int, int]] = field(default_factory=list)
    language_gaps: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def missing(self) -> int:
        return max(0, self.minimum - self.staffed)


def cover_cells(unit: Unit, rota: Rota) -> list[CoverCell]:
    """Every (day, shift) that has demand, with who is there and what is missing."""
    found = []
    for day, row in unit.demand_cells():
        working = [e for e in unit.employees if rota.shift_on(e.id, day) == row.shift]
        competence_gaps = []
        for code, needed in row.competence_min.items():
            able = sum(1 for e in working if unit.can_fill(e.competence, code))
            if able < needed:
                competence_gaps.append((code, able, needed))
        language_gaps = []
        for language, needed in row.language_min.items():
            speakers = sum(1 for e in working if language in e.languages)
            if speakers < needed:
                language_gaps.append((language, speakers, needed))
        found.append(
            CoverCell(
                day, row.shift, len(working), row.min, row.wanted, competence_gaps, language_gaps
            )
        )
    return sorted(found, key=lambda cell: (cell.day, _shift_order(unit, cell.shift)))


def _groups(unit: Unit) -> list[tuple[str, list[Employee]]]:
    """The Turnus grid's groups: by competence, and by home unit first in one rota for several
    units, in the order the units and competences come."""
    homes = list(dict.fromkeys(e.home_unit or unit.name for e in unit.employees))
    groups = []
    for home in homes:
        for competence in unit.competences:
            group = [
                e
                for e in unit.employees
                if e.competence == competence.code and (e.home_unit or unit.name) == home
            ]
            if not group:
                continue
            heading = (
                f"{competence.name} ({competence.code})" if competence.name else competence.code
            )
            groups.append((f"{home}: {heading}" if len(homes) > 1 else heading, group))
    return groups


def _shift_order(unit: Unit, code: str) -> int:
    return [shift.code for shift in unit.shift_types].index(code)


def _language_name(code: str, lang: Language) -> str:
    nb, en = SAMI_LANGUAGES.get(code, (code, code))
    return nb if lang == "nb" else en


def shift_fills(unit: Unit) -> dict[str, tuple[PatternFill, Font]]:
    """Fill and font of each shift code: pleasant colours by shift order, nights darker."""
    styles: dict[str, tuple[PatternFill, Font]] = {}
    day_index = night_index = 0
    for shift in unit.shift_types:
        if shift.is_night:
            colour = NIGHT_PALETTE[night_index % len(NIGHT_PALETTE)]
            night_index += 1
            styles[shift.code] = (
                PatternFill("solid", fgColor=colour),
                Font(bold=True, color="FFFFFF"),
            )
        else:
            colour = DAY_PALETTE[day_index % len(DAY_PALETTE)]
            day_index += 1
            styles[shift.code] = (PatternFill("solid", fgColor=colour), Font(bold=True))
    return styles


def worked_minutes(unit: Unit, rota: Rota, employee_id: str, days: range | None = None) -> int:
    """Paid minutes of the employee's shifts on the given days (all days by default)."""
    row = rota.assignments[employee_id]
    codes = [row[day] for day in (days if days is not None else range(rota.days))]
    return sum(unit.shift(code).worked_minutes for code in codes if code is not None)


def weekends_worked(unit: Unit, rota: Rota, employee_id: str) -> int:
    """Weeks in which the employee has a shift starting on Saturday or Sunday."""
    row = rota.assignments[employee_id]
    return sum(
        1
        for week in range(unit.weeks)
        if row[week * 7 + 5] is not None or row[week * 7 + 6] is not None
    )


def nights_worked(unit: Unit, rota: Rota, employee_id: str) -> int:
    return sum(1 for code in rota.assignments[employee_id] if code and unit.shift(code).is_night)


def _shift_text(shift: ShiftType, lang: Language) -> str:
    hours = f"{shift.worked_minutes / 60:g}"
    if lang == "nb":
        hours = hours.replace(".", ",")
    name = f"{shift.name} " if shift.name else ""
    unit_word = _t(lang, "t", "h")
    return f"{name}{shift.start:%H:%M}-{shift.end:%H:%M} ({hours} {unit_word})"


# Writing -------------------------------------------------------------------------------------


def write_rota_workbook(
    unit: Unit,
    result: Result,
    findings: list[Finding],
    path: Path,
    lang: Language = "nb",
    per_person: bool = False,
) -> Path:
    """Write the rota workbook atomically and return its path. Without a rota (no solution) only
    the summary sheet is written; with `per_person` a sheet for each person's rota as well."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    rota = result.rota
    if rota is not None:
        cover = cover_cells(unit, rota)
        _write_turnus(
            workbook.create_sheet(_t(lang, ROTA_SHEET, ROTA_SHEET_EN)), unit, rota, cover, lang
        )
        _write_cover(workbook.create_sheet(_t(lang, "Dekning", "Cover")), unit, rota, lang)
        _write_hours(workbook.create_sheet(_t(lang, "Timer", "Hours")), unit, rota, lang)
        _write_findings(
            workbook.create_sheet(_t(lang, "Regelsjekk", "Rule check")), unit, findings, lang
        )
    _write_summary(
        workbook.create_sheet(_t(lang, "Sammendrag", "Summary")), unit, result, findings, lang
    )
    write_heltid_sheet(
        workbook.create_sheet(heltid_sheet_name(lang)),
        [(_t(lang, "Stillingene nå", "Positions now"), heltid(unit))],
        lang,
    )
    if per_person and rota is not None:
        taken = set(workbook.sheetnames)
        for employee in unit.employees:
            title = person_sheet_title(employee.display_name, taken)
            taken.add(title)
            _write_person(workbook.create_sheet(title), unit, rota, employee, lang)
    path = Path(path)
    print_ready(workbook, f"{unit.name}: {_t(lang, 'turnus', 'rota')} {period(unit, lang)}", lang)
    save_workbook(workbook, path)
    return path


def person_sheet_title(name: str, taken: set[str]) -> str:
    """A sheet name from a person's name: without the characters Excel refuses, at most 31
    characters, and not one already taken."""
    clean = "".join(" " if char in "[]:*?/\\'" else char for char in name).strip() or "Ansatt"
    title, number = clean[:31], 2
    while title in taken:
        suffix = f" ({number})"
        title, number = clean[: 31 - len(suffix)] + suffix, number + 1
    return title


def _write_person(sheet: Any, unit: Unit, rota: Rota, employee: Employee, lang: Language) -> None:
    """One person's rota to hand out or hang up: a row per week, the weekdays across, the
    week's hours, and the total against the position."""
    weekdays = WEEKDAYS_NB if lang == "nb" else WEEKDAYS_EN
    styles = shift_fills(unit)
    sheet.cell(
        row=1,
        column=1,
        value=f"{employee.display_name} ({employee.competence}, {decimal(employee.position_pct)} %)",
    ).font = Font(bold=True, size=13)
    header_cell(sheet, 2, 1, _t(lang, "Uke", "Week"))
    for index, name in enumerate(weekdays, start=2):
        header_cell(sheet, 2, index, name)
    header_cell(sheet, 2, 9, _t(lang, "Timer", "Hours"))
    row_of = rota.assignments[employee.id]
    for week in range(unit.weeks):
        row = week + 3
        sheet.cell(row=row, column=1, value=week + 1).alignment = CENTER
        for weekday in range(7):
            day = week * 7 + weekday
            cell = sheet.cell(row=row, column=weekday + 2)
            cell.alignment = CENTER
            code = row_of[day]
            if code is not None:
                cell.value = code
                cell.fill, cell.font = styles[code]
            elif unit.is_weekend(day):
                cell.fill = WEEKEND_FILL
        minutes = worked_minutes(unit, rota, employee.id, range(week * 7, week * 7 + 7))
        sheet.cell(row=row, column=9, value=minutes / 60).number_format = HOURS_FORMAT
    total = unit.weeks + 3
    sheet.cell(row=total, column=1, value=_t(lang, "Sum", "Total")).font = BOLD
    planned = worked_minutes(unit, rota, employee.id)
    sheet.cell(row=total, column=9, value=planned / 60).number_format = HOURS_FORMAT
    legend = "   ".join(f"{shift.code} {_shift_text(shift, lang)}" for shift in unit.shift_types)
    sheet.cell(row=total + 2, column=1, value=legend)
    _widths(sheet, {1: 8, **dict.fromkeys(range(2, 9), 8), 9: 9})
    sheet.print_title_rows = "2:2"


def _widths(sheet: Any, widths: dict[int, float]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width


def write_turnus_sheet(sheet: Any, unit: Unit, rota: Rota, lang: Language = "nb") -> int:
    """Lay out `sheet` as the Turnus sheet of the rota workbook (employees x days, hours, cover
    under the grid, legend) and return the first free row below it."""
    return _write_turnus(sheet, unit, rota, cover_cells(unit, rota), lang)


def _write_turnus(
    sheet: Any, unit: Unit, rota: Rota, cover: list[CoverCell], lang: Language
) -> int:
    days = unit.days
    weekdays = WEEKDAYS_NB if lang == "nb" else WEEKDAYS_EN
    first_hours = FIRST_DAY_COLUMN + days
    sum_column = first_hours + unit.weeks
    contracted_column, deviation_column = sum_column + 1, sum_column + 2
    last_column = deviation_column
    styles = shift_fills(unit)

    # Two header rows: fixed columns and hour columns span both; weeks span their seven days.
    fixed = [
        (1, ID_HEADER),
        (2, _t(lang, "Navn", "Name")),
        (3, _t(lang, "Stilling %", "Position %")),
    ]
    hours_headers = [
        (first_hours + week, _t(lang, f"t uke {week + 1}", f"h week {week + 1}"))
        for week in range(unit.weeks)
    ] + [
        (sum_column, _t(lang, "Sum timer", "Total hours")),
        (contracted_column, _t(lang, "Avtalt", "Contracted")),
        (deviation_column, _t(lang, "Avvik", "Deviation")),
    ]
    for column, label in fixed + hours_headers:
        header_cell(sheet, 1, column, label)
        header_cell(sheet, 2, column, None)
        sheet.merge_cells(start_row=1, end_row=2, start_column=column, end_column=column)
    for week in range(unit.weeks):
        start = FIRST_DAY_COLUMN + week * 7
        header_cell(sheet, 1, start, _t(lang, f"Uke {week + 1}", f"Week {week + 1}"))
        for column in range(start + 1, start + 7):
            header_cell(sheet, 1, column, None)
        sheet.merge_cells(start_row=1, end_row=1, start_column=start, end_column=start + 6)
    for day in range(days):
        cell = sheet.cell(row=2, column=FIRST_DAY_COLUMN + day, value=weekdays[day % 7])
        cell.font = BOLD
        cell.alignment = CENTER
        cell.fill = WEEKEND_FILL if unit.is_weekend(day) else PatternFill()
        if day % 7 == 0:
            cell.border = WEEK_EDGE

    row = 3
    for heading, group in _groups(unit):
        for column in range(1, last_column + 1):
            sheet.cell(row=row, column=column).fill = GROUP_FILL
        sheet.cell(row=row, column=2, value=heading).font = BOLD
        row += 1
        for employee in group:
            _write_employee_row(sheet, row, unit, rota, employee, styles)
            row += 1

    row += 1
    marker = sheet.cell(row=row, column=1, value=COVER_MARKERS[0 if lang == "nb" else 1])
    marker.font = BOLD
    sheet.cell(
        row=row,
        column=2,
        value=_t(lang, "bemannet/minimum per vakt", "staffed/minimum per shift"),
    ).font = Font(italic=True)
    row += 1
    by_place = {(cell.day, cell.shift): cell for cell in cover}
    for shift in unit.shift_types:
        fill, font = styles[shift.code]
        code_cell = sheet.cell(row=row, column=1, value=shift.code)
        code_cell.fill, code_cell.font, code_cell.alignment = fill, font, CENTER
        sheet.cell(row=row, column=2, value=shift.name or shift.code)
        for day in range(days):
            place = by_place.get((day, shift.code))
            staffed = sum(1 for e in unit.employees if rota.shift_on(e.id, day) == shift.code)
            if place is None and staffed == 0:
                continue
            minimum = place.minimum if place else 0
            cell = sheet.cell(row=row, column=FIRST_DAY_COLUMN + day, value=f"{staffed}/{minimum}")
            cell.alignment = CENTER
            if day % 7 == 0:
                cell.border = WEEK_EDGE
            notes = _cover_notes(place, staffed, minimum, lang)
            if staffed < minimum:
                cell.fill = RED
            elif place and (place.competence_gaps or place.language_gaps):
                cell.fill = ORANGE
            if notes:
                cell.comment = Comment("\n".join(notes), "rota", width=240, height=90)
        row += 1

    row = _write_legend(sheet, row + 1, unit, styles, lang)

    _widths(sheet, {1: ID_WIDTH, 2: NAME_WIDTH, 3: POSITION_WIDTH})
    day_width = _day_width(unit)
    _widths(sheet, {FIRST_DAY_COLUMN + day: day_width for day in range(days)})
    _widths(sheet, dict.fromkeys(range(first_hours, last_column), HOURS_WIDTH))
    _widths(sheet, {last_column: DEVIATION_WIDTH})
    sheet.freeze_panes = sheet.cell(row=3, column=FIRST_DAY_COLUMN)
    _print_by_weeks(sheet, unit, turnus_scale(unit), FIRST_DAY_COLUMN, lang)
    return row


def _day_width(unit: Unit) -> float:
    """Wide enough for the longest code (a merged unit's "HT-D") and a cover count ("5/5")."""
    longest = max((len(s.code) for s in unit.shift_types), default=1)
    return max(DAY_WIDTH, 1.4 * longest + 1.2)


def _points(width: float) -> float:
    """A column's printed width in points at 100 %: 8 px a character and 5 px of padding, as
    LibreOffice prints the default 11 pt font (Excel's 7 px would underestimate it), 96 px an
    inch."""
    return (8 * width + 5) * 0.75


def turnus_scale(unit: Unit) -> int:
    """The print scale (%) at which the name columns and WEEKS_PER_PAGE weeks fit across one
    A3 landscape page, with the hours columns beside them in a rota of up to WEEKS_PER_PAGE
    weeks, else on a page of their own (`_print_by_weeks`)."""
    names = (ID_WIDTH, NAME_WIDTH, POSITION_WIDTH)
    hours = [HOURS_WIDTH] * (unit.weeks + 2) + [DEVIATION_WIDTH]
    if unit.weeks <= WEEKS_PER_PAGE:
        return _weeks_scale(unit, (*names, *hours))
    return min(_weeks_scale(unit, names), _scale(sum(_points(w) for w in (*names, *hours))))


def _weeks_scale(unit: Unit, fixed: Sequence[float]) -> int:
    """The print scale (%) at which WEEKS_PER_PAGE weeks of days and the `fixed` columns fit
    across one A3 landscape page."""
    weeks = min(unit.weeks, WEEKS_PER_PAGE)
    return _scale(sum(_points(w) for w in fixed) + 7 * weeks * _points(_day_width(unit)))


def _scale(points: float) -> int:
    """The print scale (%) at which `points` of columns fit across an A3 landscape page."""
    return max(10, min(100, int(100 * A3_PRINT_WIDTH_PT / points)))


def _print_by_weeks(
    sheet: Any, unit: Unit, scale: int, first_day_column: int, lang: Language
) -> None:
    """A3 landscape at `scale`, WEEKS_PER_PAGE weeks a page with the columns before the days
    and the two header rows repeated, a page break after each block of weeks, the shift codes
    in the footer."""
    setup = sheet.page_setup
    setup.paperSize = A3
    setup.orientation = "landscape"
    setup.scale = scale
    sheet.sheet_properties.pageSetUpPr.fitToPage = False
    sheet.print_title_rows = "1:2"
    sheet.print_title_cols = f"A:{get_column_letter(first_day_column - 1)}"
    for week in range(WEEKS_PER_PAGE, unit.weeks, WEEKS_PER_PAGE):
        sheet.col_breaks.append(Break(id=first_day_column - 1 + 7 * week))
    if unit.weeks > WEEKS_PER_PAGE:
        # What follows the days (the Turnus's hours) starts a page of its own.
        sheet.col_breaks.append(Break(id=first_day_column - 1 + unit.days))
    legend = "   ".join(f"{shift.code} {_shift_text(shift, lang)}" for shift in unit.shift_types)
    sheet.oddFooter.left.text = header_text(legend)
    sheet.oddFooter.left.size = 9


def _write_employee_row(
    sheet: Any,
    row: int,
    unit: Unit,
    rota: Rota,
    employee: Employee,
    styles: dict[str, tuple[PatternFill, Font]],
) -> None:
    days = unit.days
    sheet.cell(row=row, column=1, value=employee.id)
    sheet.cell(row=row, column=2, value=employee.display_name)
    sheet.cell(row=row, column=3, value=employee.position_pct).number_format = "0.#"
    for day in range(days):
        code = rota.shift_on(employee.id, day)
        cell = sheet.cell(row=row, column=FIRST_DAY_COLUMN + day, value=code)
        cell.alignment = CENTER
        if day % 7 == 0:
            cell.border = WEEK_EDGE
        if code is not None:
            cell.fill, cell.font = styles[code]
    column = FIRST_DAY_COLUMN + days
    for week in range(unit.weeks):
        minutes = worked_minutes(unit, rota, employee.id, range(week * 7, week * 7 + 7))
        sheet.cell(row=row, column=column, value=minutes / 60).number_format = HOURS_FORMAT
        column += 1
    planned = worked_minutes(unit, rota, employee.id)
    contracted = unit.contracted_minutes(employee)
    low, high = unit.hours_bounds_minutes(employee)
    sheet.cell(row=row, column=column, value=planned / 60).number_format = HOURS_FORMAT
    sheet.cell(
        row=row, column=column + 1, value=round(contracted / 60, 2)
    ).number_format = HOURS_FORMAT
    deviation = sheet.cell(row=row, column=column + 2, value=round((planned - contracted) / 60, 2))
    deviation.number_format = "+0.0;-0.0;0.0"
    if planned < low - 1e-6 or planned > high + 1e-6:
        deviation.font = Font(bold=True, color="C00000")


def _cover_notes(place: CoverCell | None, staffed: int, minimum: int, lang: Language) -> list[str]:
    notes = []
    if place is None:
        notes.append(
            _t(
                lang,
                "Vakta står ikke i bemanningsplanen denne dagen.",
                "The staffing plan does not have this shift this day.",
            )
        )
        return notes
    if staffed < minimum:
        notes.append(
            _t(
                lang,
                f"{staffed} på vakt, minimum er {minimum}.",
                f"{staffed} on shift, minimum {minimum}.",
            )
        )
    for code, have, need in place.competence_gaps:
        notes.append(
            _t(
                lang,
                f"Kompetanse {code}: {have} av {need}.",
                f"Competence {code}: {have} of {need}.",
            )
        )
    for code, have, need in place.language_gaps:
        name = _language_name(code, lang)
        notes.append(_t(lang, f"{name}: {have} av {need}.", f"{name}: {have} of {need}."))
    return notes


def _write_legend(
    sheet: Any, row: int, unit: Unit, styles: dict[str, tuple[PatternFill, Font]], lang: Language
) -> int:
    sheet.cell(row=row, column=2, value=_t(lang, "Forklaring", "Legend")).font = BOLD
    row += 1
    for shift in unit.shift_types:
        fill, font = styles[shift.code]
        cell = sheet.cell(row=row, column=1, value=shift.code)
        cell.fill, cell.font, cell.alignment = fill, font, CENTER
        sheet.cell(row=row, column=2, value=_shift_text(shift, lang))
        row += 1
    sheet.cell(row=row, column=1).fill = RED
    sheet.cell(
        row=row,
        column=2,
        value=_t(
            lang,
            "Under minimumsbemanning (bemannet/minimum; se kommentaren i cellen)",
            "Below minimum staffing (staffed/minimum; see the cell's comment)",
        ),
    )
    row += 1
    sheet.cell(row=row, column=1).fill = ORANGE
    sheet.cell(
        row=row,
        column=2,
        value=_t(
            lang,
            "Nok folk, men mangler kompetanse eller språk (se kommentaren i cellen)",
            "Enough staff, but a competence or language is missing (see the cell's comment)",
        ),
    )
    sheet.cell(
        row=row + 1,
        column=2,
        value=_t(
            lang,
            "Tom celle = fri. Endre vaktkoder i rutenettet og kjør «rota check» for å sjekke"
            " reglene på nytt.",
            "Empty cell = day off. Edit shift codes in the grid and run 'rota check' to check"
            " the rules again.",
        ),
    ).font = Font(italic=True)
    return row + 2


def _write_table_header(sheet: Any, row: int, headers: Sequence[tuple[str, float]]) -> None:
    for column, (label, width) in enumerate(headers, start=1):
        header_cell(sheet, row, column, label)
        sheet.column_dimensions[get_column_letter(column)].width = width
    # Tall enough for a header that wraps onto a second line ("Planlagte timer").
    if any(len(label) > width - 1 for label, width in headers):
        sheet.row_dimensions[row].height = 30
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)


def _write_cover(sheet: Any, unit: Unit, rota: Rota, lang: Language) -> None:
    """Dekning as a grid, days across and shifts down: for each shift, staffed/minimum, and
    for each competence and Sami language it asks for, those on the shift who have it against
    the requirement; every shortfall red. Printed as the Turnus is."""
    days, first = unit.days, COVER_FIRST_DAY_COLUMN
    weekdays = WEEKDAYS_NB if lang == "nb" else WEEKDAYS_EN
    # Every cell of a merged header styled, so that it shows whole in every program.
    for column, text in ((1, _t(lang, "Vakt", "Shift")), (2, _t(lang, "Hva", "What"))):
        header_cell(sheet, 1, column, text)
        header_cell(sheet, 2, column, None)
        sheet.merge_cells(start_row=1, end_row=2, start_column=column, end_column=column)
    for week in range(unit.weeks):
        start = first + 7 * week
        for day in range(7):
            label = _t(lang, f"Uke {week + 1}", f"Week {week + 1}") if day == 0 else None
            header_cell(sheet, 1, start + day, label)
        sheet.merge_cells(start_row=1, end_row=1, start_column=start, end_column=start + 6)
    for day in range(days):
        cell = sheet.cell(row=2, column=first + day, value=weekdays[day % 7])
        cell.font, cell.alignment = BOLD, CENTER
        cell.fill = WEEKEND_FILL if unit.is_weekend(day) else PatternFill()
        if day % 7 == 0:
            cell.border = WEEK_EDGE
    styles = shift_fills(unit)
    index = unit.demand_index()
    row = 3
    for shift in unit.shift_types:
        demand = {day: index.get((day, shift.code)) for day in range(days)}
        if not any(demand.values()):
            continue
        working = {
            day: [e for e in unit.employees if rota.shift_on(e.id, day) == shift.code]
            for day in range(days)
        }
        # Each line: its label and (have, need) per day, None where nothing is asked.
        lines: list[tuple[str, list[tuple[int, int] | None]]] = [
            (
                _t(lang, "bemannet/minimum", "staffed/minimum"),
                [None if r is None else (len(working[d]), r.min) for d, r in demand.items()],
            )
        ]
        rows = [r for r in demand.values() if r is not None]
        for code in dict.fromkeys(c for r in rows for c in r.competence_min):
            able = {d: sum(unit.can_fill(e.competence, code) for e in working[d]) for d in demand}
            needs = {d: r.competence_min.get(code, 0) if r else 0 for d, r in demand.items()}
            lines.append(
                (
                    _t(lang, f"{code}: har/krav", f"{code}: have/need"),
                    [(able[d], needs[d]) if needs[d] else None for d in demand],
                )
            )
        for language in dict.fromkeys(g for r in rows for g in r.language_min):
            name_nb, name_en = SAMI_LANGUAGES.get(language, (language, language))
            speak = {d: sum(language in e.languages for e in working[d]) for d in demand}
            needs = {d: r.language_min.get(language, 0) if r else 0 for d, r in demand.items()}
            lines.append(
                (
                    _t(lang, f"{name_nb}: har/krav", f"{name_en}: have/need"),
                    [(speak[d], needs[d]) if needs[d] else None for d in demand],
                )
            )
        fill, font = styles[shift.code]
        for position, (label, counts) in enumerate(lines):
            code_cell = sheet.cell(row=row, column=1, value=shift.code if position == 0 else None)
            code_cell.fill, code_cell.font, code_cell.alignment = fill, font, CENTER
            sheet.cell(row=row, column=2, value=label)
            for day in range(days):
                found = counts[day]
                if found is None:
                    continue
                have, need = found
                cell = sheet.cell(row=row, column=first + day, value=f"{have}/{need}")
                cell.alignment = CENTER
                if have < need:
                    cell.fill = RED
                if day % 7 == 0:
                    cell.border = WEEK_EDGE
            row += 1
    _widths(sheet, {1: 7, 2: COVER_LABEL_WIDTH})
    _widths(sheet, {first + day: _day_width(unit) for day in range(days)})
    sheet.freeze_panes = sheet.cell(row=3, column=first)
    scale = _weeks_scale(unit, (7, COVER_LABEL_WIDTH))
    _print_by_weeks(sheet, unit, scale, first, lang)


def _write_hours(sheet: Any, unit: Unit, rota: Rota, lang: Language) -> None:
    codes = [shift.code for shift in unit.shift_types]
    headers: list[tuple[str, float]] = [
        ("ID", 8),
        (_t(lang, "Navn", "Name"), 22),
        (_t(lang, "Kompetanse", "Competence"), 12),
        (_t(lang, "Stilling %", "Position %"), 10),
        (_t(lang, "Avtalt timer", "Contracted hours"), 12),
        (_t(lang, "Planlagte timer", "Planned hours"), 12),
        (_t(lang, "Tellende timer", "Counted hours"), 12),
        (_t(lang, "Full uke", "Full-time week"), 10),
        (_t(lang, "Avvik", "Deviation"), 9),
        (_t(lang, "Tillatt fra", "Allowed from"), 11),
        (_t(lang, "Tillatt til", "Allowed to"), 11),
        (_t(lang, "Netter", "Nights"), 8),
        (_t(lang, "Helger", "Weekends"), 9),
        *[(code, 6) for code in codes],
    ]
    _write_table_header(sheet, 1, headers)
    row = 2
    totals = [0.0] * len(headers)
    table = credits(unit) if unit.rules.three_shift_credit else {}
    for employee in unit.employees:
        planned = worked_minutes(unit, rota, employee.id) / 60
        contracted = unit.contracted_minutes(employee) / 60
        low, high = unit.hours_bounds_minutes(employee)
        count = counted(unit, rota, employee, table)
        explicit = employee.rules.min_hours is not None or employee.rules.max_hours is not None
        # Hours as they count against the position: with the time credit in three-shift turnus.
        against = planned if explicit else count.counted / 60
        counts = [sum(1 for c in rota.assignments[employee.id] if c == code) for code in codes]
        values: list[Any] = [
            employee.id,
            employee.display_name,
            employee.competence,
            employee.position_pct,
            round(contracted, 2),
            planned,
            round(against, 2),
            round(count.full_time_week_h, 2),
            round(against - contracted, 2),
            round(low / 60, 2),
            round(high / 60, 2),
            nights_worked(unit, rota, employee.id),
            weekends_worked(unit, rota, employee.id),
            *counts,
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            if 5 <= column <= 11:
                cell.number_format = HOURS_FORMAT
            if column >= 4 and isinstance(value, int | float):
                totals[column - 1] += value
        if against * 60 < low - 1e-6 or against * 60 > high + 1e-6:
            sheet.cell(row=row, column=7).fill = RED
        row += 1
    sheet.cell(row=row, column=2, value=_t(lang, "Sum", "Total")).font = BOLD
    for column in [4, 5, 6, 7, 9, *range(12, len(headers) + 1)]:
        cell = sheet.cell(row=row, column=column, value=round(totals[column - 1], 2))
        cell.font = BOLD
        if 5 <= column <= 9:
            cell.number_format = HOURS_FORMAT
    if unit.rules.three_shift_credit:
        note = _t(
            lang,
            "Tellende timer: i tredelt turnus (netter og dag/kveld) teller hver nattetime (21-06)"
            " 1 t 15 min og hver annen time i søn-/helligdagstidsrommet 1 t 10 min, så full uke"
            " blir kortere enn 35,5 t, aldri under 33,6 t (KS HTA kap. 1).",
            "Counted hours: in three-shift turnus (nights and days/evenings) each night hour"
            " (21-06) counts 1 h 15 min and each other hour in the Sunday/holiday window"
            " 1 h 10 min, so the full-time week is shorter than 35.5 h, never under 33.6 h (KS"
            " HTA chapter 1).",
        )
    else:
        note = _t(
            lang,
            "Tellende timer er planlagte timer: tidskompensasjon for tredelt turnus er av"
            " (arket Regler).",
            "Counted hours are planned hours: the three-shift time credit is off (the Regler"
            " sheet).",
        ) + _credit_left_out(unit, rota, lang)
    # The note spans the table and wraps, so that it prints whole; the sheet prints landscape,
    # one page wide.
    last = len(headers)
    sheet.merge_cells(start_row=row + 2, start_column=2, end_row=row + 2, end_column=last)
    cell = sheet.cell(row=row + 2, column=2, value=note)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[row + 2].height = 15 * max(2, -(-len(note) // 140))
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToHeight = 0


def _credit_left_out(unit: Unit, rota: Rota, lang: Language) -> str:
    """With the credit off: who in this rota works three-shift turnus, and what their full-time
    week would be with it (KS HTA kap. 1), so that the rule is not passed over in silence."""
    credited = unit.model_copy(
        update={"rules": unit.rules.model_copy(update={"three_shift_credit": True})}
    )
    table = credits(credited)
    weeks = [
        count.full_time_week_h
        for employee in unit.employees
        if employee.rules.min_hours is None and employee.rules.max_hours is None
        if (count := counted(credited, rota, employee, table)).three_shift
    ]
    if not weeks:
        return ""
    low, high = hours(min(weeks), lang), hours(max(weeks), lang)
    span = low if low == high else f"{low}-{high}"
    return _t(
        lang,
        f" {len(weeks)} av de ansatte går tredelt turnus her (netter og dag/kveld): med"
        f" tidskompensasjonen (KS HTA kap. 1) ville full uke for dem vært {span} t.",
        f" {len(weeks)} of the staff work three-shift turnus here (nights and days/evenings):"
        f" with the time credit (KS HTA chapter 1) their full-time week would be {span} h.",
    )


def _write_findings(sheet: Any, unit: Unit, findings: list[Finding], lang: Language) -> None:
    breaches, gaps = count_kinds(findings)
    if breaches:
        line = _t(lang, f"{breaches} brudd på reglene", f"{breaches} breach(es) of the rules")
        colour = "C00000"
    else:
        line = _t(lang, "Ingen brudd på reglene", "No breaches of the rules")
        colour = "00803C"
    sheet.cell(row=1, column=1, value=line).font = Font(bold=True, size=13, color=colour)
    sheet.cell(
        row=2,
        column=1,
        value=_t(
            lang,
            f"{gaps} mangler i dekningen (bemanning, kompetanse eller språk)",
            f"{gaps} gap(s) in cover (staffing, competence or language)",
        ),
    )
    headers = [
        (_t(lang, "Type", "Kind"), 9),
        (_t(lang, "Regel", "Rule"), 18),
        (_t(lang, "Hjemmel", "Reference"), 30),
        (_t(lang, "Ansatt", "Employee"), 22),
        (_t(lang, "Dag", "Day"), 12),
        (_t(lang, "Detalj", "Detail"), 90),
    ]
    _write_table_header(sheet, 4, headers)
    for row, finding in enumerate(breaches_first(findings), start=5):
        employee = unit.employee_by_id.get(finding.employee or "")
        who = employee.display_name if employee else (finding.employee or "")
        values = [
            kind_label(finding.kind, lang),
            finding.rule,
            finding.reference,
            who or None,
            day_heading(finding.day, lang) if finding.day is not None else None,
            finding.detail(lang),
        ]
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=value)
        if finding.kind is FindingKind.BREACH:
            sheet.cell(row=row, column=1).font = Font(bold=True, color="C00000")


def period(unit: Unit, lang: Language) -> str:
    """'6 uker', or '6 uker fra 04.01.2027' for a dated plan."""
    text = _t(lang, f"{unit.weeks} uker", f"{unit.weeks} weeks")
    if unit.start_date is not None:
        text += _t(lang, f" fra {unit.start_date:%d.%m.%Y}", f" from {unit.start_date}")
    return text


def summary_rows(
    unit: Unit, result: Result, findings: list[Finding], lang: Language
) -> list[tuple[str, Any, str | None]]:
    """What a unit leader reads first: the unit, the status, the gaps and breaches, the cost
    against the frames; then, for whoever runs the search, its penalty points and time."""
    breaches, gaps = count_kinds(findings)
    fte = sum(e.fte for e in unit.employees)
    rows: list[tuple[str, Any, str | None]] = [
        (_t(lang, "Enhet", "Unit"), unit.name, None),
        (_t(lang, "Kommune", "Municipality"), unit.municipality or None, None),
        (_t(lang, "Periode", "Period"), period(unit, lang), None),
        (_t(lang, "Ansatte", "Employees"), len(unit.employees), None),
        (_t(lang, "Årsverk", "FTE"), round(fte, 2), "0.00"),
        ("Status", status_label(result.status, lang), None),
    ]
    if result.rota is not None:
        per_week = shortfall_minutes(unit, result.rota) / 60 / max(1, unit.weeks)
        spent = cost(unit, result.rota)
        rows += [
            (_t(lang, "Mangler i dekningen (vakter)", "Gaps in cover (shifts)"), gaps, None),
            (_t(lang, "Manglende timer per uke", "Hours short a week"), round(per_week, 1), "0.0"),
            (_t(lang, "Brudd på reglene", "Breaches of the rules"), breaches, None),
            (
                _t(lang, "Årskostnad (kr, mangler kjøpt inn)", "Yearly cost (NOK, gaps bought in)"),
                round(spent.total),
                "#,##0",
            ),
        ]
        frame = unit.budget.budget_frame_nok
        if frame is not None:
            rows += [
                (_t(lang, "Budsjettramme (kr)", "Budget frame (NOK)"), round(frame), "#,##0"),
                (
                    _t(
                        lang,
                        "Mot budsjettrammen (kr, + er over)",
                        "Against the frame (NOK, + is over)",
                    ),
                    round(spent.total - frame),
                    "+#,##0;-#,##0;0",
                ),
            ]
    if unit.budget.fte_frame is not None:
        rows.append((_t(lang, "Årsverksramme", "FTE frame"), unit.budget.fte_frame, "0.00"))
    rows.append(("", None, None))
    rows.append((_t(lang, "Om søket", "About the search"), None, None))
    if result.objective is not None:
        rows.append(
            (
                _t(lang, "Straffepoeng (lavere er bedre)", "Penalty points (lower is better)"),
                result.objective,
                "0",
            )
        )
        for name, value in result.terms.items():
            if value:
                rows.append(("    " + term_label(name, lang), value, "0"))
    if result.best_bound is not None:
        rows.append(
            (
                _t(lang, "Bevist nedre grense for straffepoengene", "Proven least penalty"),
                result.best_bound,
                "0",
            )
        )
    if result.gap is not None:
        rows.append(
            (
                _t(
                    lang,
                    "Straffepoeng som ikke er bevist nødvendige",
                    "Penalty not proven necessary",
                ),
                result.gap,
                "0%",
            )
        )
    rows.append((_t(lang, "Kjøretid (s)", "Runtime (s)"), round(result.runtime_s, 1), "0.0"))
    return rows


def _write_summary(
    sheet: Any, unit: Unit, result: Result, findings: list[Finding], lang: Language
) -> None:
    _write_table_header(sheet, 1, [(_t(lang, "Hva", "What"), 44), (_t(lang, "Verdi", "Value"), 40)])
    row = 2
    for label, value, number_format in summary_rows(unit, result, findings, lang):
        sheet.cell(row=row, column=1, value=label)
        cell = sheet.cell(row=row, column=2, value=value)
        cell.alignment = Alignment(horizontal="left")
        if number_format and isinstance(value, int | float):
            cell.number_format = number_format
        if label in ("Status", _t(lang, "Om søket", "About the search")):
            sheet.cell(row=row, column=1).font = BOLD
            cell.font = BOLD
        row += 1
    lines = explanation(result, lang)
    if lines:
        row += 1
        sheet.cell(row=row, column=1, value=_t(lang, "Forklaring", "Explanation")).font = BOLD
        for line in lines:
            row += 1
            sheet.cell(row=row, column=1, value=line)
