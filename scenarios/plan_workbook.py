"""The position plan workbook (`rota fulltime -o plan.xlsx`): who goes from what to what, heltid
and cost before and after against the frames, and the rota that shows the plan works."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from models.atomic import save_workbook
from models.print_setup import print_ready
from models.problems import Language
from rota.check import check
from rota.cost import LABELS, CostBreakdown, CostKind
from rota.fulltime import PositionChange, PositionPlan
from rota.result import Status
from scenarios.heltid_sheet import sheet_name as heltid_sheet_name
from scenarios.heltid_sheet import write_heltid_sheet
from scenarios.rota_workbook import RED, write_turnus_sheet
from scenarios.sheet_style import BOLD, header_cell, landscape

MONEY = '#,##0" kr"'
PCT = '0.0" %"'


def _t(lang: Language, nb: str, en: str) -> str:
    return nb if lang == "nb" else en


def plan_status(plan: PositionPlan, lang: Language) -> str:
    """The plan's status in the reader's words."""
    if not plan.has_plan:
        return _t(lang, "ingen plan funnet", "no plan found")
    if plan.status is Status.OPTIMAL:
        return _t(lang, "plan funnet, bevist billigst", "plan found, proven cheapest")
    return _t(lang, "plan funnet (ikke bevist billigst)", "plan found (not proven cheapest)")


def write_plan_workbook(plan: PositionPlan, path: Path, lang: Language = "nb") -> Path:
    """Write the plan workbook atomically: Stillingsplan, Heltid, Kostnad and Turnus."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _write_plan(workbook.create_sheet(_t(lang, "Stillingsplan", "Position plan")), plan, lang)
    write_heltid_sheet(
        workbook.create_sheet(heltid_sheet_name(lang)),
        [
            (_t(lang, "Før", "Before"), plan.heltid_before),
            (_t(lang, "Etter", "After"), plan.heltid_after),
        ],
        lang,
    )
    _write_costs(workbook.create_sheet(_t(lang, "Kostnad", "Cost")), plan, lang)
    for sheet in workbook.worksheets:
        landscape(sheet)
    if plan.after is not None and plan.result.rota is not None:
        write_turnus_sheet(
            workbook.create_sheet(_t(lang, "Turnus", "Rota")), plan.after, plan.result.rota, lang
        )
    print_ready(workbook, f"{plan.before.name}: {_t(lang, 'heltidsplan', 'heltid plan')}", lang)
    save_workbook(workbook, Path(path))
    return Path(path)


def _summary_rows(plan: PositionPlan, lang: Language) -> list[tuple[str, Any, Any, str]]:
    before, after = plan.heltid_before.total, plan.heltid_after.total if plan.heltid_after else None
    cost_before = plan.cost_before.total if plan.cost_before else None
    cost_after = plan.cost_after.total if plan.cost_after else None
    budget = plan.before.budget
    return [
        (
            _t(lang, "Heltidsstillinger", "Full-time positions"),
            before.fulltime_heads,
            after.fulltime_heads if after else None,
            "0",
        ),
        (
            _t(lang, "Heltidsandel (hoder)", "Full-time share (heads)"),
            before.share_heads,
            after.share_heads if after else None,
            "0.0%",
        ),
        (
            _t(lang, "Gjennomsnittlig stilling", "Average position"),
            before.average_position_pct / 100,
            after.average_position_pct / 100 if after else None,
            "0.0%",
        ),
        (
            _t(lang, "Uønsket deltid (personer)", "Unwanted part-time (people)"),
            before.unwanted_parttime_heads,
            after.unwanted_parttime_heads if after else None,
            "0",
        ),
        (_t(lang, "Årsverk", "FTE"), before.fte, after.fte if after else None, "0.00"),
        (_t(lang, "Årsverksramme", "FTE frame"), budget.fte_frame, budget.fte_frame, "0.00"),
        (_t(lang, "Kostnad per år", "Cost a year"), cost_before, cost_after, MONEY),
        (
            _t(lang, "Budsjettramme", "Budget frame"),
            budget.budget_frame_nok,
            budget.budget_frame_nok,
            MONEY,
        ),
        (
            _t(lang, "Differanse mot rammen", "Difference to the frame"),
            cost_before - budget.budget_frame_nok
            if cost_before is not None and budget.budget_frame_nok is not None
            else None,
            cost_after - budget.budget_frame_nok
            if cost_after is not None and budget.budget_frame_nok is not None
            else None,
            MONEY,
        ),
    ]


def _write_plan(sheet: Any, plan: PositionPlan, lang: Language) -> None:
    sheet.cell(row=1, column=1, value=_t(lang, "Stillingsplan for heltid", "Position plan"))
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    sheet.cell(row=2, column=1, value=f"{plan.before.name}: {plan_status(plan, lang)}")
    row = 4
    for index, title in enumerate(
        (_t(lang, "Nøkkeltall", "Figure"), _t(lang, "Før", "Before"), _t(lang, "Etter", "After")),
        start=1,
    ):
        header_cell(sheet, row, index, title)
    for label, before, after, number_format in _summary_rows(plan, lang):
        row += 1
        sheet.cell(row=row, column=1, value=label)
        for column, value in ((2, before), (3, after)):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.number_format = number_format
    lines: list[tuple[str, bool]] = []
    if plan.cost_before is None:
        lines.append(
            (
                _t(
                    lang,
                    "Kostnad før: ingen turnus for dagens stillinger funnet, så den er ikke"
                    " beregnet.",
                    "Cost before: no rota found for today's positions, so it is not calculated.",
                ),
                False,
            )
        )
    lines += [(note.text(lang), True) for note in plan.notes]
    if plan.after is not None and plan.result.rota is not None:
        findings = len(check(plan.after, plan.result.rota))
        lines.append(
            (
                _t(
                    lang,
                    f"Regelsjekk av turnusen etter planen: {findings} funn.",
                    f"Rule check of the rota after the plan: {findings} findings.",
                ),
                False,
            )
        )
    for text, bold in lines:
        row += 1
        cell = sheet.cell(row=row, column=1, value=text)
        if bold:
            cell.font = BOLD
    row += 2
    headers = (
        (_t(lang, "Ansatt-ID", "Employee id"), 12),
        (_t(lang, "Navn", "Name"), 26),
        (_t(lang, "Kompetanse", "Competence"), 12),
        (_t(lang, "Stilling før", "Position before"), 14),
        (_t(lang, "Stilling etter", "Position after"), 14),
        (_t(lang, "Endring", "Change"), 11),
        (_t(lang, "Ønsket", "Desired"), 11),
        (_t(lang, "Merknad", "Note"), 44),
    )
    for column, (title, width) in enumerate(headers, start=1):
        header_cell(sheet, row, column, title)
        sheet.column_dimensions[sheet.cell(row=row, column=column).column_letter].width = width
    sheet.column_dimensions["A"].width = 34
    for change in sorted(plan.changes, key=lambda c: (not c.changed, c.employee_id)):
        row += 1
        values = (
            change.employee_id,
            change.name,
            change.competence,
            change.before_pct,
            change.after_pct,
            change.after_pct - change.before_pct,
            change.desired_pct,
            _note(change, lang),
        )
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            if column in (4, 5, 6, 7):
                cell.number_format = PCT
        if change.changed:
            sheet.cell(row=row, column=5).font = BOLD


def _note(change: PositionChange, lang: Language) -> str:
    if change.new:
        return _t(lang, "Ny heltidsstilling", "New full-time position")
    if change.vacant and change.after_pct <= 0:
        return _t(lang, "Vakant stilling gis opp", "Vacant position given up")
    if not change.changed:
        return ""
    if change.after_pct >= 100 > change.before_pct:
        return _t(lang, "Går opp til heltid", "Goes up to full time")
    if change.vacant:
        return _t(lang, "Vakant stilling endret", "Vacant position resized")
    if change.after_pct > change.before_pct:
        return _t(lang, "Større stilling, mot ønsket", "Bigger position, towards the wish")
    return _t(lang, "Mindre stilling, etter ønske", "Smaller position, as wished")


def _write_costs(sheet: Any, plan: PositionPlan, lang: Language) -> None:
    headers = (
        (_t(lang, "Kostnad", "Cost"), 40),
        (_t(lang, "Før", "Before"), 16),
        (_t(lang, "Etter", "After"), 16),
        (_t(lang, "Endring", "Change"), 16),
    )
    for column, (title, width) in enumerate(headers, start=1):
        header_cell(sheet, 1, column, title)
        sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = width
    before = _by_kind(plan.cost_before)
    after = _by_kind(plan.cost_after)
    row = 1
    for kind in CostKind:
        if not before.get(kind) and not after.get(kind):
            continue
        row += 1
        nb, en = LABELS[kind]
        _money_row(sheet, row, _t(lang, nb, en), before.get(kind), after.get(kind))
    row += 1
    total_before = plan.cost_before.total if plan.cost_before else None
    total_after = plan.cost_after.total if plan.cost_after else None
    _money_row(sheet, row, _t(lang, "Sum per år", "Total a year"), total_before, total_after)
    sheet.cell(row=row, column=1).font = BOLD
    frame = plan.before.budget.budget_frame_nok
    if frame is not None:
        row += 1
        _money_row(sheet, row, _t(lang, "Budsjettramme", "Budget frame"), frame, frame)
        if total_after is not None and total_after > frame:
            sheet.cell(row=row - 1, column=3).fill = RED


def _by_kind(breakdown: CostBreakdown | None) -> dict[CostKind, float]:
    return breakdown.by_kind() if breakdown is not None else {}


def _money_row(sheet: Any, row: int, label: str, before: float | None, after: float | None) -> None:
    sheet.cell(row=row, column=1, value=label)
    values = (
        before,
        after,
        after - before if after is not None and before is not None else None,
    )
    for column, value in enumerate(values, start=2):
        sheet.cell(row=row, column=column, value=value).number_format = MONEY
