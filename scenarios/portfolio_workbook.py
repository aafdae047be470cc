"""The municipality workbook: the municipality and its service areas today, every unit's options
(today and its scenarios) against their frames, and the økonomiplan's choice. Only what adds up
is added up (årsverk, kroner, frames, gap hours); heltid is counted over the people, once each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from models.atomic import save_workbook
from models.print_setup import print_ready
from models.problems import Language
from scenarios.portfolio import TODAY_EN, TODAY_NB, Choice, PortfolioResult, Totals, economic_plan
from scenarios.sheet_style import BOLD, header_cell

KR = '#,##0" kr"'
KR_SIGNED = '+#,##0" kr";-#,##0" kr";0" kr"'
FTE = "0.00"
HOURS = "0.0"
PCT = "0.0 %"
RED = Font(color="C00000", bold=True)


def _t(lang: Language, nb: str, en: str) -> str:
    return nb if lang == "nb" else en


def _no_rota(lang: Language) -> str:
    return _t(lang, "ingen turnus", "no rota")


def unsolved_note(names: tuple[str, ...], lang: Language) -> str:
    """Which units have no rota today, and why their cost and gaps are not added up."""
    listed = ", ".join(names)
    return _t(
        lang,
        f"Uten turnus i dag (ingen funnet innen tidsgrensen): {listed}. Kostnad og hull kan ikke"
        " legges sammen uten dem; kjør igjen med lengre tidsgrense.",
        f"Without a rota today (none found within the time limit): {listed}. Cost and gaps"
        " cannot be added up without them; run again with a longer time limit.",
    )


def write_portfolio_workbook(result: PortfolioResult, path: Path, lang: Language = "nb") -> None:
    """Sammendrag, Tjenesteområder, Enheter and (with targets) Økonomiplan, written atomically."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = _t(lang, "Sammendrag", "Summary")
    choice = economic_plan(result)
    _write_summary(summary, result, choice, lang)
    _write_totals(
        workbook.create_sheet(_t(lang, "Tjenesteområder", "Service areas")),
        [*result.by_service_area(), result.municipality()],
        lang,
    )
    _write_units(workbook.create_sheet(_t(lang, "Enheter", "Units")), result, lang)
    if choice is not None:
        _write_plan(
            workbook.create_sheet(_t(lang, "Økonomiplan", "Economic plan")), result, choice, lang
        )
    portfolio = result.portfolio
    print_ready(workbook, f"{portfolio.name}", lang)
    save_workbook(workbook, Path(path))


def _headers(sheet: Any, headers: list[str], widths: list[int]) -> None:
    for column, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        header_cell(sheet, 1, column, text)
        sheet.column_dimensions[sheet.cell(1, column).column_letter].width = width
    sheet.row_dimensions[1].height = 45
    sheet.freeze_panes = "B2"


def _put(sheet: Any, row: int, values: list[tuple[Any, str | None]]) -> None:
    """One row; text wraps in its column and the row is made as tall as its longest text
    (a spreadsheet does not grow a row for wrapped text written by a program)."""
    lines = 1
    for column, (value, number_format) in enumerate(values, start=1):
        cell = sheet.cell(row, column, value)
        if number_format:
            cell.number_format = number_format
        cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str))
        if isinstance(value, str):
            width = sheet.column_dimensions[cell.column_letter].width or 10
            lines = max(lines, -(-len(value) // max(1, int(width) - 1)))
    if lines > 1:
        sheet.row_dimensions[row].height = 15 * lines


def _write_summary(
    sheet: Any, result: PortfolioResult, choice: Choice | None, lang: Language
) -> None:
    whole = result.municipality()
    portfolio = result.portfolio
    gaps = whole.gap_hours_per_week
    missing = _t(lang, "ikke beregnet", "not computed")
    rows: list[tuple[str, Any, str | None]] = [
        (_t(lang, "Portefølje", "Portfolio"), portfolio.name, None),
        (_t(lang, "Enheter", "Units"), whole.units, None),
        (
            _t(lang, "Hull i dekningen i dag (timer i uka)", "Cover gaps today (hours a week)"),
            missing if gaps is None else gaps,
            HOURS,
        ),
        (_t(lang, "Regelbrudd i dag", "Rule breaches today"), whole.breaches, None),
        (_t(lang, "Årsverk i bruk", "FTE in use"), whole.fte_used, FTE),
        (_t(lang, "Årsverksramme", "FTE frame"), whole.fte_frame, FTE),
        (
            _t(lang, "Kostnad per år i dag", "Cost a year today"),
            missing if whole.annual_cost is None else whole.annual_cost,
            KR,
        ),
        (_t(lang, "Budsjettramme", "Budget frame"), whole.budget_frame, KR),
        (
            _t(lang, "Over (+) eller under (−) rammen", "Over (+) or under (−) the frame"),
            whole.budget_difference,
            KR_SIGNED,
        ),
        (
            _t(
                lang,
                "Heltidsandel (personer, hver telt én gang)",
                "Full-time share (people, each once)",
            ),
            whole.heltid.share_heads,
            PCT,
        ),
        (
            _t(lang, "Gjennomsnittlig stilling", "Average position"),
            whole.heltid.average_position_pct / 100,
            PCT,
        ),
    ]
    if whole.unsolved:
        rows.append(
            (
                _t(lang, "Enheter uten turnus", "Units without a rota"),
                ", ".join(whole.unsolved),
                None,
            )
        )
    if choice is not None:
        rows.append(
            (
                _t(lang, "Økonomiplanen nås", "The economic plan is reached"),
                _t(lang, "ja", "yes") if choice.reached else _t(lang, "nei", "no"),
                None,
            )
        )
        rows.append(
            (
                _t(lang, "Helårseffekt av valget", "Full-year effect of the choice"),
                choice.full_year_effect,
                KR,
            )
        )
        rows.append(
            (
                _t(lang, "Mer hull i dekningen (timer i uka)", "More cover gaps (hours a week)"),
                choice.extra_gap_hours,
                HOURS,
            )
        )
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 26
    for row, (label, value, number_format) in enumerate(rows, start=1):
        sheet.cell(row, 1, label).font = BOLD
        cell = sheet.cell(row, 2, value)
        if number_format:
            cell.number_format = number_format
        if (row == 3 and (gaps is None or gaps > 0)) or value == missing:
            cell.font = RED
        if label == _t(lang, "Enheter uten turnus", "Units without a rota"):
            cell.font = RED
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _write_totals(sheet: Any, totals: list[Totals], lang: Language) -> None:
    _headers(
        sheet,
        [
            _t(lang, "Tjenesteområde", "Service area"),
            _t(lang, "Enheter", "Units"),
            _t(lang, "Hull (t/uke)", "Gaps (h/week)"),
            _t(lang, "Årsverk", "FTE"),
            _t(lang, "Årsverksramme", "FTE frame"),
            _t(lang, "Kostnad per år", "Cost a year"),
            _t(lang, "Budsjettramme", "Budget frame"),
            _t(lang, "Avvik mot ramme", "Against the frame"),
            _t(lang, "Heltidsandel", "Full-time share"),
            _t(lang, "Personer", "People"),
        ],
        [28, 9, 13, 10, 15, 16, 16, 16, 13, 10],
    )
    for row, total in enumerate(totals, start=2):
        _put(
            sheet,
            row,
            [
                (total.label, None),
                (total.units, None),
                (_no_rota(lang) if total.unsolved else total.gap_hours_per_week, HOURS),
                (total.fte_used, FTE),
                (total.fte_frame, FTE),
                (_no_rota(lang) if total.unsolved else total.annual_cost, KR),
                (total.budget_frame, KR),
                (total.budget_difference, KR_SIGNED),
                (total.heltid.share_heads, PCT),
                (total.heltid.heads, None),
            ],
        )
        if row == len(totals) + 1:
            for column in range(1, 11):
                sheet.cell(row, column).font = BOLD
        if total.unsolved:
            sheet.cell(row, 3).font = RED
            sheet.cell(row, 6).font = RED
    notes = [
        _t(
            lang,
            "Årsverk, kroner, rammer og hull legges sammen; heltidsandelen regnes over personene"
            " (en person med stillinger i to enheter telles én gang, med summen av dem).",
            "FTE, kroner, frames and gaps add up; the full-time share is counted over the people"
            " (a person with positions in two units counts once, with their sum).",
        )
    ]
    unsolved = totals[-1].unsolved
    if unsolved:
        notes.append(unsolved_note(unsolved, lang))
    for offset, text in enumerate(notes):
        note = len(totals) + 3 + offset
        sheet.merge_cells(start_row=note, start_column=1, end_row=note, end_column=10)
        sheet.row_dimensions[note].height = 30
        cell = sheet.cell(note, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if offset:
            cell.font = RED


def _write_units(sheet: Any, result: PortfolioResult, lang: Language) -> None:
    _headers(
        sheet,
        [
            _t(lang, "Tjenesteområde", "Service area"),
            _t(lang, "Budsjettlinje", "Budget line"),
            _t(lang, "Enhet", "Unit"),
            _t(lang, "Valg", "Option"),
            _t(lang, "Virkning fra", "Takes effect"),
            _t(lang, "Hull (t/uke)", "Gaps (h/week)"),
            _t(lang, "Regelbrudd", "Breaches"),
            _t(lang, "Årsverk", "FTE"),
            _t(lang, "Årsverksramme", "FTE frame"),
            _t(lang, "Kostnad per år", "Cost a year"),
            _t(lang, "Budsjettramme", "Budget frame"),
            _t(lang, "Innsparing helår", "Full-year saving"),
            _t(lang, "Heltidsandel", "Full-time share"),
        ],
        [18, 24, 26, 30, 12, 13, 12, 9, 15, 15, 15, 15, 13],
    )
    today = _t(lang, TODAY_NB, TODAY_EN)
    row = 2
    for option_result in result.results:
        option, kpis = option_result.option, option_result.kpis
        entry = result.portfolio.units[option.unit_index]
        unit = result.portfolio.bases[option.unit_index]
        _put(
            sheet,
            row,
            [
                (entry.service_area, None),
                (entry.budget_line, None),
                (unit.name, None),
                (today if option.is_today else option.name, None),
                (option.effective_from, "dd.mm.yyyy" if lang == "nb" else "yyyy-mm-dd"),
                (kpis.gap_hours_per_week if option_result.solved else _no_rota(lang), HOURS),
                (kpis.breaches if option_result.solved else None, None),
                (kpis.fte_used, FTE),
                (kpis.fte_frame, FTE),
                (kpis.annual_cost if option_result.solved else _no_rota(lang), KR),
                (kpis.budget_frame, KR),
                (
                    option_result.saving_nok
                    if option_result.comparable and not option.is_today
                    else None,
                    KR_SIGNED,
                ),
                (kpis.fulltime_share_heads, PCT),
            ],
        )
        if option.is_today:
            for column in range(1, 14):
                sheet.cell(row, column).font = BOLD
        if kpis.gap_hours_per_week > 0 or not option_result.solved:
            sheet.cell(row, 6).font = RED
        if not option_result.solved:
            sheet.cell(row, 10).font = RED
        row += 1


def _write_plan(sheet: Any, result: PortfolioResult, choice: Choice, lang: Language) -> None:
    plan = result.portfolio.economic_plan
    assert plan is not None
    years = sorted(plan.targets)
    headers = [
        _t(lang, "Enhet", "Unit"),
        _t(lang, "Valgt", "Chosen"),
        _t(lang, "Virkning fra", "Takes effect"),
        *(f"{_t(lang, 'Effekt', 'Effect')} {year}" for year in years),
        _t(lang, "Helårseffekt", "Full-year effect"),
        _t(lang, "Mer hull (t/uke)", "More gaps (h/week)"),
        _t(lang, "Endring hele stillinger", "Change in full-time positions"),
    ]
    _headers(sheet, headers, [26, 24, 12, *(14 for _ in years), 15, 12, 14])
    base_year = result.portfolio.first_year
    index = plan.price_index_pct
    today = _t(lang, TODAY_NB, TODAY_EN)
    row = 2
    for chosen in choice.options:
        unit = result.portfolio.bases[chosen.option.unit_index]
        _put(
            sheet,
            row,
            [
                (unit.name, None),
                (today if chosen.option.is_today else chosen.option.name, None),
                (chosen.option.effective_from, "dd.mm.yyyy" if lang == "nb" else "yyyy-mm-dd"),
                *((chosen.effect_in(year, index, base_year), KR) for year in years),
                (chosen.saving_nok, KR_SIGNED),
                (chosen.extra_gap_hours, HOURS),
                (chosen.fulltime_heads_change, None),
            ],
        )
        row += 1
    labels = [
        (_t(lang, "Sum", "Total"), [choice.effect_by_year[year] for year in years]),
        (_t(lang, "Mål", "Target"), [plan.targets[year] for year in years]),
    ]
    for label, values in labels:
        sheet.cell(row, 1, label).font = BOLD
        for offset, value in enumerate(values):
            cell = sheet.cell(row, 4 + offset, value)
            cell.number_format = KR
            cell.font = BOLD
        row += 1
    prices = (
        _t(lang, "faste priser", "fixed prices")
        if index is None
        else _t(lang, f"prisvekst {index:g} % i året", f"price growth {index:g} % a year").replace(
            ".", "," if lang == "nb" else "."
        )
    )
    reached = (
        _t(lang, "Valget når målet hvert år.", "The choice reaches the target every year.")
        if choice.reached
        else _t(
            lang,
            "Ingen kombinasjon av scenarioene når målet hvert år: valget kommer nærmest.",
            "No combination of the scenarios reaches the target every year: the choice comes"
            " closest.",
        )
    )
    notes = [
        reached,
        _t(
            lang,
            f"Høyst ett scenario per enhet; blant dem som når målene, det som gir minst hull i"
            f" dekningen, så færrest tapte hele stillinger, så mest innsparing. Effekten i et år"
            f" er helårseffekten for den delen av året scenarioet virker ({prices}).",
            f"At most one scenario per unit; among those that reach the targets, the one with the"
            f" fewest cover gaps, then the fewest full-time positions lost, then the largest"
            f" saving. A year's effect is the full-year effect for the part of the year the"
            f" scenario is in force ({prices}).",
        ),
    ]
    if choice.left_out:
        names = ", ".join(r.option.scenario.name for r in choice.left_out)
        notes.append(
            _t(
                lang,
                f"Ikke med i valget (ingen turnus for scenarioet eller enheten i dag, så ingen"
                f" innsparing å regne): {names}.",
                f"Not in the choice (no rota for the scenario or the unit today, so no saving to"
                f" count): {names}.",
            )
        )
    last = len(headers)
    for note in notes:
        row += 1
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        cell = sheet.cell(row, 1, note)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = 15 * (1 + len(note) // 160)
