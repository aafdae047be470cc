"""The year's workbook (årsturnus): a sheet per month (people down, the month's dates across,
shifts in their colours, vacation «F», public holidays and weekends marked, days of the years
either side greyed), the vacation per person, the vacation cover by week and competence, each
person's yearly hours against their working time, who works Christmas and Easter, the public
holidays, the cost of the year and the rule check. Month sheets print on A3 landscape, one page
each, with the names repeated; `rota check` reads them back (`read_year_workbook`)."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from models.atomic import save_workbook
from models.clock import WEEKDAYS_EN, WEEKDAYS_NB
from models.excel import data_rows, open_workbook
from models.numbers import decimal, hours
from models.print_setup import A3, header_text, print_ready
from models.problems import (
    InputError,
    Language,
    Location,
    Problem,
    error,
    input_error,
    no_such_file,
)
from models.rota import Rota
from models.unit import Unit
from models.year_input import YearInput
from rota.annual.dated import Substitute, substitute, year_unit
from rota.annual.frame import YearFrame
from rota.annual.plan import MONTHS_EN, MONTHS_NB, YearPlan
from rota.annual.report import (
    high_holiday_rotation,
    vacation_cover,
    year_cost,
    year_hours,
)
from rota.annual.vacation import VacationPlan, takes_vacation
from rota.cost import LABELS, CostKind
from rota.findings import Finding, FindingKind, with_dates
from scenarios.labels import breaches_first, count_kinds, kind_label
from scenarios.rota_workbook import (
    CENTER,
    GROUP_FILL,
    WEEK_EDGE,
    WEEKEND_FILL,
    person_sheet_title,
    shift_fills,
)
from scenarios.sheet_style import BOLD, header_cell

VACATION_CODE = "F"
VACATION_FILL = PatternFill("solid", fgColor="A9D08E")
HOLIDAY_FILL = PatternFill("solid", fgColor="F4B084")
OUTSIDE_FILL = PatternFill("solid", fgColor="A6A6A6")
RED_FONT = Font(bold=True, color="C00000")
ID_COLUMN, NAME_COLUMN, COMPETENCE_COLUMN, POSITION_COLUMN = 1, 2, 3, 4
FIRST_DAY_COLUMN = 5
ID_HEADER = "ID"
ROW_HEIGHT_PT = 15.0
BASIS_CHARS_PER_LINE = 100  # the Grunnlag column holds 110 characters; wrapping loses some
DATA_SHEET = "Årsdata"
VIKAR_SHEET = "Ferievikarer"


def _t(lang: Language, nb: str, en: str) -> str:
    return nb if lang == "nb" else en


def month_sheet_names(lang: Language) -> tuple[str, ...]:
    return MONTHS_NB if lang == "nb" else MONTHS_EN


def write_year_workbook(
    plan: YearPlan,
    findings: list[Finding],
    path: Path,
    lang: Language = "nb",
    per_person: bool = False,
) -> Path:
    """Write the year's workbook atomically and return its path; with `per_person` a sheet for
    each person's year as well."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _write_summary(workbook.create_sheet(_t(lang, "Sammendrag", "Summary")), plan, findings, lang)
    for month in range(1, 13):
        _write_month(workbook.create_sheet(month_sheet_names(lang)[month - 1]), plan, month, lang)
    _write_vacation(workbook.create_sheet(_t(lang, "Ferie", "Vacation")), plan, lang)
    _write_cover(workbook.create_sheet(_t(lang, "Feriedekning", "Vacation cover")), plan, lang)
    _write_vikarer(workbook.create_sheet(VIKAR_SHEET), plan, lang)
    _write_hours(workbook.create_sheet(_t(lang, "Årstimer", "Yearly hours")), plan, lang)
    _write_high_holidays(
        workbook.create_sheet(_t(lang, "Jul og påske", "Christmas and Easter")), plan, lang
    )
    _write_holidays(workbook.create_sheet(_t(lang, "Helligdager", "Public holidays")), plan, lang)
    _write_cost(workbook.create_sheet(_t(lang, "Kostnad", "Cost")), plan, lang)
    _write_findings(
        workbook.create_sheet(_t(lang, "Regelsjekk", "Rule check")), plan, findings, lang
    )
    if per_person:
        taken = set(workbook.sheetnames)
        for employee in plan.base_unit.employees:
            name = person_sheet_title(employee.display_name, taken)
            taken.add(name)
            _write_person(workbook.create_sheet(name), plan, employee, lang)
    data = workbook.create_sheet(DATA_SHEET)
    data.append(["year", plan.frame.year])
    data.append(["start_week", plan.year_input.start_week])
    data.sheet_state = "hidden"
    title = f"{plan.base_unit.name}: {_t(lang, 'årsturnus', 'yearly rota')} {plan.frame.year}"
    print_ready(workbook, title, lang)
    save_workbook(workbook, Path(path))
    return Path(path)


def _date_text(when: date, lang: Language) -> str:
    weekday = (WEEKDAYS_NB if lang == "nb" else WEEKDAYS_EN)[when.weekday()]
    return f"{weekday} {when:%d.%m.%Y}"


def _widths(sheet: Any, widths: list[float]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _table(sheet: Any, row: int, headers: list[tuple[str, float]]) -> None:
    for column, (label, width) in enumerate(headers, start=1):
        header_cell(sheet, row, column, label)
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
    sheet.print_title_rows = f"{row}:{row}"
    sheet.row_dimensions[row].height = 30  # two lines of header text


def _people(plan: YearPlan) -> list[tuple[str, list[Any]]]:
    """Staff grouped by competence, then the vikarer."""
    unit = plan.base_unit
    groups: list[tuple[str, list[Any]]] = []
    for competence in unit.competences:
        members = [e for e in unit.employees if e.competence == competence.code]
        if members:
            heading = (
                f"{competence.name} ({competence.code})" if competence.name else competence.code
            )
            groups.append((heading, members))
    if plan.cover:
        groups.append(("Ferievikarer", [s.employee for s in plan.cover]))
    return groups


def _write_month(sheet: Any, plan: YearPlan, month: int, lang: Language) -> None:
    frame, unit, rota = plan.frame, plan.unit, plan.rota
    days = frame.month_days(month)
    weekdays = WEEKDAYS_NB if lang == "nb" else WEEKDAYS_EN
    styles = shift_fills(unit)
    hours_column = FIRST_DAY_COLUMN + len(days)
    for column, label in (
        (ID_COLUMN, ID_HEADER),
        (NAME_COLUMN, _t(lang, "Navn", "Name")),
        (COMPETENCE_COLUMN, _t(lang, "Komp.", "Comp.")),
        (POSITION_COLUMN, _t(lang, "Stilling %", "Position %")),
        (hours_column, _t(lang, "Timer", "Hours")),
    ):
        header_cell(sheet, 1, column, label)
        header_cell(sheet, 2, column, None)
        sheet.merge_cells(start_row=1, end_row=2, start_column=column, end_column=column)
    for index, day in enumerate(days):
        column = FIRST_DAY_COLUMN + index
        when = frame.date(day)
        top = sheet.cell(row=1, column=column, value=when.day)
        low = sheet.cell(row=2, column=column, value=weekdays[when.weekday()])
        for cell in (top, low):
            cell.alignment = CENTER
            cell.font = BOLD
            if not frame.in_year(day):
                cell.fill = OUTSIDE_FILL
            elif frame.is_holiday(day):
                cell.fill = HOLIDAY_FILL
            elif when.weekday() >= 5:
                cell.fill = WEEKEND_FILL
            if when.weekday() == 0:
                cell.border = WEEK_EDGE
        if frame.is_holiday(day):
            top.comment = Comment(frame.holidays[day], "rota")
    row = 3
    away = {who: plan.vacation.away_days(who) for who in plan.vacation.weeks}
    for heading, people in _people(plan):
        for column in range(1, hours_column + 1):
            sheet.cell(row=row, column=column).fill = GROUP_FILL
        sheet.cell(row=row, column=NAME_COLUMN, value=heading).font = BOLD
        row += 1
        for employee in people:
            sheet.cell(row=row, column=ID_COLUMN, value=employee.id)
            sheet.cell(row=row, column=NAME_COLUMN, value=employee.display_name)
            sheet.cell(row=row, column=COMPETENCE_COLUMN, value=employee.competence)
            sheet.cell(row=row, column=POSITION_COLUMN, value=employee.position_pct or None)
            minutes = 0
            for index, day in enumerate(days):
                cell = sheet.cell(row=row, column=FIRST_DAY_COLUMN + index)
                cell.alignment = CENTER
                code = rota.assignments[employee.id][day]
                if not frame.in_year(day):
                    cell.fill = OUTSIDE_FILL
                elif code is not None:
                    cell.value = code
                    cell.fill, cell.font = styles[code]
                    minutes += unit.shift(code).worked_minutes
                elif day in away.get(employee.id, ()):
                    cell.value = VACATION_CODE
                    cell.fill = VACATION_FILL
                elif frame.is_holiday(day) or frame.date(day).weekday() >= 5:
                    cell.fill = HOLIDAY_FILL if frame.is_holiday(day) else WEEKEND_FILL
                if frame.date(day).weekday() == 0:
                    cell.border = WEEK_EDGE
            sheet.cell(
                row=row, column=hours_column, value=round(minutes / 60, 2)
            ).number_format = "0.0"
            row += 1
    row += 1
    sheet.cell(
        row=row, column=NAME_COLUMN, value=_t(lang, "bemannet/minimum", "staffed/minimum")
    ).font = BOLD
    row += 1
    minimum = {}
    for day, demand in unit.demand_cells():
        minimum[day, demand.shift] = demand.min
    for shift in unit.shift_types:
        fill, font = styles[shift.code]
        code_cell = sheet.cell(row=row, column=ID_COLUMN, value=shift.code)
        code_cell.fill, code_cell.font, code_cell.alignment = fill, font, CENTER
        sheet.cell(row=row, column=NAME_COLUMN, value=shift.name or shift.code)
        for index, day in enumerate(days):
            if (day, shift.code) not in minimum:
                continue
            staffed = sum(1 for who in rota.assignments if rota.assignments[who][day] == shift.code)
            cell = sheet.cell(
                row=row,
                column=FIRST_DAY_COLUMN + index,
                value=f"{staffed}/{minimum[day, shift.code]}",
            )
            cell.alignment = CENTER
            cell.font = Font(size=8)
            if staffed < minimum[day, shift.code]:
                cell.font = Font(size=8, bold=True, color="C00000")
        row += 1
    _widths(sheet, [10, 18, 6, 8] + [4.2] * len(days) + [6.5])
    sheet.freeze_panes = sheet.cell(row=3, column=FIRST_DAY_COLUMN)
    setup = sheet.page_setup
    setup.paperSize = A3
    setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    setup.fitToWidth = 1
    setup.fitToHeight = 1
    sheet.print_title_rows = "1:2"
    sheet.print_title_cols = "A:D"
    legend = "   ".join(
        [f"{s.code} {s.start:%H:%M}-{s.end:%H:%M}" for s in unit.shift_types]
        + [_t(lang, "F ferie", "F vacation"), _t(lang, "oransje: helligdag", "orange: public holiday"),
           _t(lang, "grå: dager i året før/etter", "grey: days of the year before/after")]
    )  # fmt: skip
    sheet.oddFooter.left.text = header_text(legend)
    sheet.oddFooter.left.size = 9


def year_summary_rows(
    plan: YearPlan, findings: list[Finding], lang: Language
) -> list[tuple[str, Any]]:
    """The summary's rows in the reader's words: gaps, breaches and hours first, then vacation,
    vikarer and the cost against the frame (the workbook's Sammendrag and the terminal)."""
    breaches, gaps = count_kinds(findings)
    hours_rows = year_hours(plan)
    outside = [r for r in hours_rows if not r.within]
    total = year_cost(plan)
    frame = plan.frame
    people_away = sum(1 for weeks in plan.vacation.weeks.values() if weeks)
    weeks_away = sum(len(w) for w in plan.vacation.weeks.values())
    vikar_minutes = sum(
        plan.unit.shift(code).worked_minutes
        for s in plan.cover
        for code in plan.rota.assignments[s.employee.id]
        if code is not None
    )
    tolerance = hours(hours_rows[0].tolerance / 60, lang) if hours_rows else "0"
    first, last = frame.date(frame.year_days.start), frame.date(frame.year_days.stop - 1)
    rows: list[tuple[str, Any]] = [
        (_t(lang, "Enhet", "Unit"), plan.base_unit.name),
        (
            _t(lang, "Periode", "Period"),
            f"{first:%d.%m.%Y}–{last:%d.%m.%Y} ({len(frame.year_days)} {_t(lang, 'dager', 'days')},"
            f" {len(frame.holidays)} {_t(lang, 'helligdager', 'public holidays')})",
        ),
        (_t(lang, "Mangler i dekningen", "Gaps in cover"), gaps),
        (_t(lang, "Brudd på reglene", "Breaches of the rules"), breaches),
        (
            _t(lang, "Årstimer utenfor toleransen", "Yearly hours outside the tolerance"),
            _t(
                lang,
                f"{len(outside)} av {len(hours_rows)} (toleranse én vakt, {tolerance} t)",
                f"{len(outside)} of {len(hours_rows)} (tolerance one shift, {tolerance} h)",
            ),
        ),
        (
            _t(lang, "Ferie planlagt", "Vacation planned"),
            _t(
                lang,
                f"{people_away} personer, {weeks_away} uker",
                f"{people_away} people, {weeks_away} weeks",
            ),
        ),
        (
            _t(lang, "Ferievikarer", "Vacation substitutes"),
            _t(
                lang,
                f"{len(plan.cover)} vikarer, {hours(vikar_minutes / 60, lang)} t",
                f"{len(plan.cover)} substitutes, {hours(vikar_minutes / 60, lang)} h",
            ),
        ),
        (
            _t(
                lang,
                "Ekstratimer til deltidsansatte som ønsker mer",
                "Extra hours to part-timers wanting more",
            ),
            _t(
                lang,
                f"{sum(1 for r in hours_rows if r.extra)} personer, {hours(sum(r.extra for r in hours_rows) / 60, lang)} t",
                f"{sum(1 for r in hours_rows if r.extra)} people, {hours(sum(r.extra for r in hours_rows) / 60, lang)} h",
            ),
        ),
        (_t(lang, "Kostnad for året (kr)", "Cost of the year (NOK)"), round(total.total)),
    ]
    if total.budget_frame is not None:
        rows.append(
            (_t(lang, "Budsjettramme (kr)", "Budget frame (NOK)"), round(total.budget_frame))
        )
        rows.append(
            (
                _t(lang, "Over (+) eller under (−) rammen (kr)", "Over (+) or under (−) the frame (NOK)"),
                round(total.total - total.budget_frame),
            )
        )  # fmt: skip
    return rows


def _write_summary(sheet: Any, plan: YearPlan, findings: list[Finding], lang: Language) -> None:
    title = f"{plan.base_unit.name}: {_t(lang, 'årsturnus', 'yearly rota')} {plan.frame.year}"
    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    rows = year_summary_rows(plan, findings, lang)
    for index, (label, value) in enumerate(rows, start=3):
        sheet.cell(row=index, column=1, value=label).font = BOLD
        cell = sheet.cell(row=index, column=2, value=value)
        if isinstance(value, int | float):
            cell.number_format = "#,##0"
            cell.alignment = Alignment(horizontal="left")
    row = len(rows) + 4
    for nb, en in plan.notes:
        sheet.cell(row=row, column=1, value=_t(lang, nb, en)).font = RED_FONT
        row += 1
    _widths(sheet, [40, 70])


def _week_label(plan: YearPlan, week: int, lang: Language) -> str:
    return f"{_t(lang, 'uke', 'week')} {plan.frame.iso_week(week)}"


def _write_vacation(sheet: Any, plan: YearPlan, lang: Language) -> None:
    _table(
        sheet,
        1,
        [
            (ID_HEADER, 7), (_t(lang, "Navn", "Name"), 22), (_t(lang, "Komp.", "Comp."), 7),
            (_t(lang, "Ferieuker", "Vacation weeks"), 30), (_t(lang, "Hovedferie", "Main holiday"), 28),
            (_t(lang, "Ønsker som ikke ble innfridd", "Wishes not granted"), 28),
        ],
    )  # fmt: skip
    frame = plan.frame
    for row, employee in enumerate(plan.base_unit.employees, start=2):
        weeks = plan.vacation.weeks.get(employee.id)
        sheet.cell(row=row, column=1, value=employee.id)
        sheet.cell(row=row, column=2, value=employee.display_name)
        sheet.cell(row=row, column=3, value=employee.competence)
        if weeks is None:
            sheet.cell(
                row=row,
                column=4,
                value=_t(lang, "ledig stilling: ingen ferie", "vacant: no vacation"),
            )
            continue
        sheet.cell(row=row, column=4, value=", ".join(str(frame.iso_week(w)) for w in weeks))
        main = plan.vacation.main.get(employee.id, ())
        if main:
            sheet.cell(
                row=row,
                column=5,
                value=f"{_t(lang, 'uke', 'weeks')} {frame.iso_week(main[0])}–{frame.iso_week(main[-1])}:"
                f" {frame.date(main[0] * 7):%d.%m}–{frame.date(main[-1] * 7 + 6):%d.%m}",
            )
        unmet = plan.vacation.unmet_wishes.get(employee.id, ())
        if unmet:
            sheet.cell(row=row, column=6, value=", ".join(map(str, unmet))).font = RED_FONT


def _write_cover(sheet: Any, plan: YearPlan, lang: Language) -> None:
    _table(
        sheet,
        1,
        [
            (_t(lang, "Uke", "Week"), 8), (_t(lang, "Fra", "From"), 11), (_t(lang, "Komp.", "Comp."), 7),
            (_t(lang, "Borte", "Away"), 7), (_t(lang, "Timer å dekke", "Hours to cover"), 13),
            (_t(lang, "Vikartimer", "Substitute hours"), 13), (_t(lang, "Hvem er borte", "Who is away"), 60),
        ],
    )  # fmt: skip
    row = 2
    for line in vacation_cover(plan):
        values = [
            plan.frame.iso_week(line.week),
            f"{plan.frame.date(line.week * 7):%d.%m}",
            line.competence,
            len(line.away),
            round(line.away_minutes / 60, 2),
            round(line.vikar_minutes / 60, 2),
            ", ".join(line.away),
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            if column in (5, 6):
                cell.number_format = "0.0"
            elif column < 5:
                cell.alignment = CENTER
        sheet.cell(row=row, column=7).alignment = Alignment(indent=1)
        row += 1


def _write_vikarer(sheet: Any, plan: YearPlan, lang: Language) -> None:
    _table(
        sheet,
        1,
        [
            (ID_HEADER, 16), (_t(lang, "Navn", "Name"), 28), (_t(lang, "Komp.", "Comp."), 7),
            (_t(lang, "Språk", "Languages"), 9), (_t(lang, "Uker (vikar for)", "Weeks (standing in for)"), 80),
        ],
    )  # fmt: skip
    names = {e.id: e.display_name for e in plan.base_unit.employees}
    for row, vikar in enumerate(plan.cover, start=2):
        employee = vikar.employee
        sheet.cell(row=row, column=1, value=employee.id)
        sheet.cell(row=row, column=2, value=employee.display_name)
        sheet.cell(row=row, column=3, value=employee.competence)
        sheet.cell(row=row, column=4, value=", ".join(employee.languages) or None)
        sheet.cell(
            row=row,
            column=5,
            value="; ".join(
                f"{plan.frame.iso_week(week)} ({names.get(who, who)})"
                for week, who in sorted(vikar.replaces.items())
            ),
        )


def _write_hours(sheet: Any, plan: YearPlan, lang: Language) -> None:
    unit_word = _t(lang, "t", "h")
    _table(
        sheet,
        1,
        [
            (ID_HEADER, 7), (_t(lang, "Navn", "Name"), 22), (_t(lang, "Stilling %", "Position %"), 9),
            (_t(lang, f"Brutto ({unit_word})", f"Gross ({unit_word})"), 12),
            (_t(lang, f"− ferie ({unit_word})", f"− vacation ({unit_word})"), 12),
            (_t(lang, f"− helligdager ({unit_word})", f"− holidays ({unit_word})"), 16),
            (_t(lang, f"Årsarbeidstid ({unit_word})", f"Yearly time ({unit_word})"), 16),
            (_t(lang, f"Planlagt ({unit_word})", f"Planned ({unit_word})"), 13),
            (_t(lang, f"herav ekstra ({unit_word})", f"of which extra ({unit_word})"), 13),
            (_t(lang, f"Avvik ({unit_word})", f"Deviation ({unit_word})"), 11),
            (_t(lang, "Innenfor", "Within"), 10),
        ],
    )  # fmt: skip
    rows = year_hours(plan)
    for row, line in enumerate(rows, start=2):
        values = [
            line.employee_id,
            line.name,
            line.position_pct,
            round(line.target.gross / 60, 2),
            round(line.target.vacation / 60, 2),
            round(line.target.holidays / 60, 2),
            round(line.target.minutes / 60, 2),
            round(line.planned / 60, 2),
            round(line.extra / 60, 2) if line.extra else None,
            round(line.difference / 60, 2),
            _t(lang, "ja", "yes") if line.within else _t(lang, "nei", "no"),
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            if isinstance(value, float) and column > 3:
                cell.number_format = "+0.0;-0.0;0.0" if column == 10 else "0.0"
        sheet.cell(row=row, column=11).alignment = CENTER
        if not line.within:
            sheet.cell(row=row, column=11).font = RED_FONT
    note = len(rows) + 3
    tolerance = hours(rows[0].tolerance / 60, lang) if rows else "0"
    sheet.cell(
        row=note,
        column=1,
        value=_t(
            lang,
            f"Årsarbeidstid = stilling × full uke × {len(plan.frame.year_days)}/7 uker − ferieukene ×"
            " full uke − helligdager på man–fre utenfor ferien × en femtedel av full uke."
            f" Toleranse: én vakt ({tolerance} t), den lengste vakta. Ekstra: timer over"
            " årsarbeidstiden og toleransen hos deltidsansatte som ønsker større stilling, tatt"
            " som feriedekning og betalt som ekstratimer.",
            f"Yearly working time = position × full-time week × {len(plan.frame.year_days)}/7 weeks −"
            " vacation weeks × full week − public holidays on Mon–Fri outside the vacation × a fifth"
            f" of the full week. Tolerance: one shift ({tolerance} h), the longest. Extra: hours"
            " above the yearly time and its tolerance of part-timers who want a larger position,"
            " taken as vacation cover and paid as extra hours.",
        ),
    )


def _write_high_holidays(sheet: Any, plan: YearPlan, lang: Language) -> None:
    yes, no = _t(lang, "ja", "yes"), _t(lang, "nei", "no")
    _table(
        sheet,
        1,
        [
            (ID_HEADER, 7), (_t(lang, "Navn", "Name"), 22),
            (_t(lang, "Jobbet jul i fjor", "Worked Christmas last year"), 14),
            (_t(lang, "Jobber jul i år", "Works Christmas this year"), 30),
            (_t(lang, "Jobbet påske i fjor", "Worked Easter last year"), 14),
            (_t(lang, "Jobber påske i år", "Works Easter this year"), 30),
        ],
    )  # fmt: skip
    frame = plan.frame
    for row, line in enumerate(high_holiday_rotation(plan), start=2):
        christmas = ", ".join(f"{frame.date(d):%d.%m}" for d in line.christmas_days)
        easter = ", ".join(f"{frame.date(d):%d.%m}" for d in line.easter_days)
        values = [
            line.employee_id,
            line.name,
            yes if line.christmas_last_year else no,
            christmas or "–",
            yes if line.easter_last_year else no,
            easter or "–",
        ]
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=value)
        if line.christmas_last_year and line.christmas_days:
            sheet.cell(row=row, column=4).font = RED_FONT
        if line.easter_last_year and line.easter_days:
            sheet.cell(row=row, column=6).font = RED_FONT


def _write_holidays(sheet: Any, plan: YearPlan, lang: Language) -> None:
    _table(
        sheet,
        1,
        [(_t(lang, "Dato", "Date"), 16), (_t(lang, "Helligdag", "Public holiday"), 34),
         (_t(lang, "På vakt", "On duty"), 9), (_t(lang, "Bemannes som", "Staffed as"), 14)],
    )  # fmt: skip
    frame = plan.frame
    for row, (day, name) in enumerate(sorted(frame.holidays.items()), start=2):
        working = sum(1 for r in plan.rota.assignments.values() if r[day] is not None)
        sheet.cell(row=row, column=1, value=_date_text(frame.date(day), lang))
        sheet.cell(row=row, column=2, value=name)
        sheet.cell(row=row, column=3, value=working)
        sheet.cell(row=row, column=4, value=_t(lang, "søndag", "Sunday"))


def _write_cost(sheet: Any, plan: YearPlan, lang: Language) -> None:
    breakdown = year_cost(plan)
    totals = breakdown.by_kind()
    sheet.cell(row=1, column=1, value=_t(lang, "Kostnad for året", "Cost of the year")).font = Font(
        bold=True, size=13
    )
    row = 3
    for kind in CostKind:
        if abs(totals[kind]) < 0.5:
            continue
        sheet.cell(row=row, column=1, value=LABELS[kind][0 if lang == "nb" else 1]).font = BOLD
        cell = sheet.cell(row=row, column=2, value=round(totals[kind]))
        cell.number_format = "#,##0"
        row += 1
    sheet.cell(row=row, column=1, value=_t(lang, "Sum", "Total")).font = BOLD
    sheet.cell(row=row, column=2, value=round(breakdown.total)).number_format = "#,##0"
    row += 2
    names = {e.id: e.display_name for e in plan.unit.employees}
    for column, (label, width) in enumerate(
        [(_t(lang, "Post", "Line"), 36), (_t(lang, "Kroner", "NOK"), 14),
         (_t(lang, "Ansatt", "Employee"), 22), (_t(lang, "Grunnlag", "Basis"), 110)],
        start=1,
    ):  # fmt: skip
        header_cell(sheet, row, column, label)
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.print_title_rows = f"{row}:{row}"
    row += 1
    for line in breakdown.lines:
        sheet.cell(row=row, column=1, value=line.label(lang))
        sheet.cell(row=row, column=2, value=round(line.amount)).number_format = "#,##0"
        sheet.cell(row=row, column=3, value=names.get(line.employee or ""))
        basis = sheet.cell(row=row, column=4, value=line.basis(lang))
        basis.alignment = Alignment(wrap_text=True, vertical="top")
        lines = math.ceil(len(line.basis(lang)) / BASIS_CHARS_PER_LINE)
        if lines > 1:  # no program sizes a wrapped row on opening
            sheet.row_dimensions[row].height = ROW_HEIGHT_PT * lines
        row += 1


def _write_findings(sheet: Any, plan: YearPlan, findings: list[Finding], lang: Language) -> None:
    breaches, gaps = count_kinds(findings)
    line = (
        _t(lang, f"{breaches} brudd på reglene", f"{breaches} breach(es) of the rules")
        if breaches
        else _t(lang, "Ingen brudd på reglene", "No breaches of the rules")
    )
    sheet.cell(row=1, column=1, value=line).font = Font(
        bold=True, size=13, color="C00000" if breaches else "00803C"
    )
    sheet.cell(
        row=2,
        column=1,
        value=_t(lang, f"{gaps} mangler i dekningen", f"{gaps} gap(s) in cover"),
    )
    headers = [
        (_t(lang, "Type", "Kind"), 9), (_t(lang, "Regel", "Rule"), 16),
        (_t(lang, "Hjemmel", "Reference"), 28), (_t(lang, "Ansatt", "Employee"), 22),
        (_t(lang, "Dato", "Date"), 16), (_t(lang, "Detalj", "Detail"), 90),
    ]  # fmt: skip
    for column, (label, width) in enumerate(headers, start=1):
        header_cell(sheet, 4, column, label)
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.print_title_rows = "4:4"
    names = {e.id: e.display_name for e in plan.unit.employees}
    findings = with_dates(findings, plan.frame.first_monday)
    for row, finding in enumerate(breaches_first(findings), start=5):
        values = [
            kind_label(finding.kind, lang),
            finding.rule,
            finding.reference,
            names.get(finding.employee or "", finding.employee),
            _date_text(plan.frame.date(finding.day), lang) if finding.day is not None else None,
            finding.detail(lang),
        ]
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=value)
        if finding.kind is FindingKind.BREACH:
            sheet.cell(row=row, column=1).font = RED_FONT


def _write_person(sheet: Any, plan: YearPlan, employee: Any, lang: Language) -> None:
    """One person's year: a row per month, the month's days across, hours at the end."""
    frame, unit = plan.frame, plan.unit
    styles = shift_fills(unit)
    away = plan.vacation.away_days(employee.id)
    title = (
        f"{employee.display_name} ({employee.competence}, {decimal(employee.position_pct)} %):"
        f" {frame.year}"
    )
    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    header_cell(sheet, 2, 1, _t(lang, "Måned", "Month"))
    for number in range(1, 32):
        header_cell(sheet, 2, number + 1, number)
    header_cell(sheet, 2, 33, _t(lang, "Timer", "Hours"))
    row_of = plan.rota.assignments[employee.id]
    for month in range(1, 13):
        row = month + 2
        sheet.cell(row=row, column=1, value=month_sheet_names(lang)[month - 1]).font = BOLD
        minutes = 0
        for day in frame.month_days(month):
            when = frame.date(day)
            if not frame.in_year(day):
                continue
            cell = sheet.cell(row=row, column=when.day + 1)
            cell.alignment = CENTER
            code = row_of[day]
            if code is not None:
                cell.value = code
                cell.fill, cell.font = styles[code]
                minutes += unit.shift(code).worked_minutes
            elif day in away:
                cell.value, cell.fill = VACATION_CODE, VACATION_FILL
            elif frame.is_holiday(day):
                cell.fill = HOLIDAY_FILL
            elif when.weekday() >= 5:
                cell.fill = WEEKEND_FILL
        sheet.cell(row=row, column=33, value=round(minutes / 60, 2)).number_format = "0.0"
    _widths(sheet, [12] + [4.2] * 31 + [7])
    sheet.print_title_rows = "2:2"


# Reading back --------------------------------------------------------------------------------


def is_year_workbook(path: Path) -> bool:
    """Whether the workbook is a year's workbook (it has the year's data sheet)."""
    return DATA_SHEET in open_workbook(Path(path)).sheetnames


def read_year_workbook(path: Path, unit: Unit) -> YearPlan:
    """Read a year's workbook back as the year it plans, for `rota check`: the month sheets'
    shifts and vacation («F»), the vikarer from their sheet. Every problem is raised together
    with its file, sheet, row and column."""
    path = Path(path)
    if not path.is_file():
        raise no_such_file(path)
    workbook = open_workbook(path)
    problems: list[Problem] = []
    settings = {
        str(row[0]): row[1]
        for row in data_rows(workbook[DATA_SHEET], file=path.name)
        if row and row[0] is not None and len(row) > 1
    }
    year = settings.get("year")
    if not isinstance(year, int):
        raise input_error(
            f"Arket «{DATA_SHEET}» mangler året.",
            f"The sheet '{DATA_SHEET}' has no year.",
            "no_year",
            Location(file=path.name, sheet=DATA_SHEET, row=1, column="B"),
        )
    start_week = settings.get("start_week")
    year_input = YearInput(year=year, start_week=start_week if isinstance(start_week, int) else 1)
    frame = YearFrame(year)
    codes = {shift.code for shift in unit.shift_types}
    cover = _read_vikarer(workbook, path.name, unit, frame, problems)
    known = {e.id for e in unit.employees} | {s.employee.id for s in cover}
    cells: dict[str, list[str | None]] = {who: [None] * frame.days for who in known}
    vacation_days: dict[str, set[int]] = {e.id: set() for e in unit.employees}
    seen: dict[str, set[int]] = {who: set() for who in known}
    for month in range(1, 13):
        name = next(
            (n for n in (MONTHS_NB[month - 1], MONTHS_EN[month - 1]) if n in workbook.sheetnames),
            None,
        )
        if name is None:
            problems.append(
                error(
                    f"Arket «{MONTHS_NB[month - 1]}» mangler i arbeidsboka.",
                    f"The sheet '{MONTHS_EN[month - 1]}' is missing from the workbook.",
                    code="missing_sheet",
                ).located(Location(file=path.name, sheet=MONTHS_NB[month - 1]))
            )
            continue
        days = frame.month_days(month)
        rows = data_rows(workbook[name], file=path.name)
        for index, row in enumerate(rows[2:], start=3):
            who = row[ID_COLUMN - 1] if row else None
            if who is None or str(who).strip() == "":
                if any(value not in (None, "") for value in row[FIRST_DAY_COLUMN - 1 :]):
                    break  # the cover rows under the grid
                continue
            who = str(who).strip()
            if who not in known:
                if who in codes:
                    break  # the cover rows under the grid start with the shift codes
                problems.append(
                    error(
                        f"Ukjent ansatt-ID «{who}».",
                        f"Unknown employee id '{who}'.",
                        code="unknown_employee",
                    ).located(Location(file=path.name, sheet=name, row=index, column="A"))
                )
                continue
            seen[who].add(month)
            for offset, day in enumerate(days):
                column = FIRST_DAY_COLUMN - 1 + offset
                value = row[column] if column < len(row) else None
                text = "" if value is None else str(value).strip()
                if not text or not frame.in_year(day):
                    continue
                if text == VACATION_CODE and who in vacation_days:
                    vacation_days[who].add(day)
                elif text in codes:
                    cells[who][day] = text
                else:
                    problems.append(
                        error(
                            f"Ukjent vaktkode «{text}» for {who}.",
                            f"Unknown shift code '{text}' for {who}.",
                            code="unknown_shift",
                        ).located(
                            Location(
                                file=path.name,
                                sheet=name,
                                row=index,
                                column=get_column_letter(column + 1),
                            )
                        )
                    )
    for employee in unit.employees:
        missing = [m for m in range(1, 13) if m not in seen[employee.id]]
        if missing:
            problems.append(
                error(
                    f"{employee.display_name} ({employee.id}) mangler på arkene for"
                    f" {', '.join(MONTHS_NB[m - 1].lower() for m in missing)}.",
                    f"{employee.display_name} ({employee.id}) is missing from the sheets of"
                    f" {', '.join(MONTHS_EN[m - 1] for m in missing)}.",
                    code="missing_employee",
                ).located(Location(file=path.name))
            )
    if problems:
        raise InputError(problems)
    vacation = VacationPlan(
        weeks={
            e.id: tuple(sorted({day // 7 for day in vacation_days[e.id]}))
            for e in unit.employees
            if takes_vacation(e)
        },
        main={},
        unmet_wishes={},
    )
    dated = year_unit(unit, frame, vacation, cover, year_input.start_week)
    rota = Rota(days=frame.days, assignments={who: tuple(row) for who, row in cells.items()})
    return YearPlan(
        frame=frame,
        base_unit=unit,
        base=None,
        unit=dated,
        rota=rota,
        vacation=vacation,
        cover=cover,
        year_input=year_input,
    )


def _read_vikarer(
    workbook: Any, file: str, unit: Unit, frame: YearFrame, problems: list[Problem]
) -> list[Substitute]:
    """The vikarer of the Ferievikarer sheet: id, name, competence, languages and the weeks
    they stand in (the ISO week numbers at the start of each «uke (for whom)»)."""
    if VIKAR_SHEET not in workbook.sheetnames:
        return []
    competences = {c.code for c in unit.competences}
    found = []
    for index, row in enumerate(data_rows(workbook[VIKAR_SHEET], file=file)[1:], start=2):
        if not row or row[0] in (None, ""):
            continue
        values = [*row, None, None, None, None, None][:5]
        who, name, competence, languages, weeks_text = values
        competence = str(competence or "").strip()
        if competence not in competences:
            problems.append(
                error(
                    f"Ukjent kompetanse «{competence}» for vikaren {who}.",
                    f"Unknown competence '{competence}' for the substitute {who}.",
                    code="unknown_competence",
                ).located(Location(file=file, sheet=VIKAR_SHEET, row=index, column="C"))
            )
            continue
        replaces: dict[int, str] = {}
        for part in str(weeks_text or "").split(";"):
            number = part.strip().split(" ")[0]
            week = frame.grid_week(int(number)) if number.isdigit() else None
            if week is not None:
                replaces[week] = part.strip()
        spoken = tuple(code.strip() for code in str(languages or "").split(",") if code.strip())
        found.append(
            substitute(
                unit, frame, str(who).strip(), str(name or who), competence, spoken, replaces
            )
        )
    return found
