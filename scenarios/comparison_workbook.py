"""The comparison workbook: scenarios side by side for the budget planner, HR and the unit leader.

Sheets: Sammenligning (one row of KPIs per scenario, with native Excel charts of cost against the
budget frame, heltidsandel and cover gaps), Kostnad (cost by component per scenario, then every
cost line with its basis, so each krone is explained) and one rota sheet per scenario, laid out as
the Turnus sheet of the rota workbook. The same table goes to CSV (for Excel) and JSON (for
machines). Every file is written atomically.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from models.atomic import atomic_write, save_workbook
from models.print_setup import print_ready
from models.problems import Language
from rota.cost import LABELS, CostKind
from scenarios.heltid_sheet import sheet_name as heltid_sheet_name
from scenarios.heltid_sheet import write_heltid_sheet
from scenarios.kpi import ScenarioKpis
from scenarios.labels import LANGUAGE_GAP_PREFIX, no_rota_advice, status_label, term_label
from scenarios.removed import RemovalReason
from scenarios.rota_workbook import RED, write_turnus_sheet
from scenarios.runner import Comparison, ScenarioOutcome
from scenarios.sheet_style import BOLD, header_cell, landscape

COMPARISON_SHEET = ("Sammenligning", "Comparison")
COST_SHEET = ("Kostnad", "Cost")
REMOVED_SHEET = ("Stillinger tatt bort", "Positions removed")
REMOVED_REASONS: dict[RemovalReason, tuple[str, str]] = {
    RemovalReason.VACANT: ("Vakant stilling", "Vacant position"),
    RemovalReason.MAY_GO: ("Midlertidig / fylles ikke igjen", "Temporary / not to be refilled"),
    RemovalReason.NAMED: ("Valgt i scenariofilen", "Named in the scenario file"),
    RemovalReason.PROPOSAL: (
        "Forslag: en besatt stilling (krever overtallighetsprosess)",
        "Proposal: an occupied position (needs a redundancy process)",
    ),
}

MAX_SHEET_NAME = 31
RESERVED_SHEET_NAME = "history"  # Excel keeps it for itself
# What Excel forbids in a sheet name, and what to put instead (control characters go too)
SHEET_NAME_REPLACEMENTS = str.maketrans(
    {
        "[": "(",
        "]": ")",
        ":": "-",
        "/": "-",
        "\\": "-",
        "*": "-",
        "?": "",
        **dict.fromkeys(map(chr, range(32)), " "),
    }
)

KRONER_FORMAT = "#,##0"
HOURS_FORMAT = "0.0"
SHARE_FORMAT = "0 %"
FTE_FORMAT = "0.00"
PERCENT_NUMBER_FORMAT = '+0.0" %";-0.0" %";0.0" %"'
COUNT_FORMAT = "0"

GAP_FILL = PatternFill("solid", fgColor="FFC7CE")
GAP_FONT = Font(color="9C0006")
OVER_BUDGET_FONT = Font(color="C00000")
OVER_BUDGET_BOLD = Font(bold=True, color="C00000")
TOTAL_FILL = PatternFill("solid", fgColor="D9D9D9")

CHART_WIDTH_CM = 18.0
CHART_HEIGHT_CM = 7.5
TEXT_WIDTH_MAX = 36
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
# The cost basis column: characters on one line of its width, and the height of a line.
BASIS_CHARS_PER_LINE = 95
ROW_HEIGHT_PT = 15.0
CHART_ROW_CM = 1.1  # a horizontal chart's height per scenario
CHART_SPACING_CM = 0.5
DEFAULT_COLUMN_WIDTH = 8.43  # Excel's, in characters
PIXELS_PER_CHARACTER = 7
CM_PER_PIXEL = 2.54 / 96


# Headers of the fixed columns of the comparison table, (bokmål, English).
HEADERS: dict[str, tuple[str, str]] = {
    "name": ("Scenario", "Scenario"),
    "status": ("Status", "Status"),
    "cover_gap": ("Mangler i dekningen (vakttimer/uke)", "Cover gap (shift-hours/week)"),
    "all_gaps": ("Mangler i alt (vakttimer/uke)", "All gaps (shift-hours/week)"),
    "unavoidable": ("Uunngåelige mangler (vakttimer/uke)", "Unavoidable gaps (shift-hours/week)"),
    "settled": ("Sikkert tall?", "Settled?"),
    "fte_used": ("Årsverk brukt", "FTE used"),
    "fte_frame": ("Årsverksramme", "FTE frame"),
    "fulltime_heads": ("Heltidsandel (ansatte)", "Full-time share (heads)"),
    "fulltime_fte": ("Heltidsandel (årsverk)", "Full-time share (FTE)"),
    "average_position": ("Gj.sn. stilling %", "Average position %"),
    "unwanted_heads": ("Uønsket deltid (ansatte)", "Unwanted part-time (heads)"),
    "unwanted_fte": ("Uønsket deltid (årsverk)", "Unwanted part-time (FTE)"),
    "annual_cost": ("Årskostnad (kr)", "Annual cost (NOK)"),
    "budget_frame": ("Budsjettramme (kr)", "Budget frame (NOK)"),
    "difference": ("Differanse (kr)", "Difference (NOK)"),
    "difference_pct": ("Differanse %", "Difference %"),
    "quick_returns": ("Kvikkvakter", "Quick returns"),
    "weekends": ("Helger per ansatt", "Weekends per head"),
    "breaches": ("Regelbrudd", "Rule breaches"),
}


def _t(lang: Language, nb: str, en: str) -> str:
    return nb if lang == "nb" else en


def header(key: str, lang: Language = "nb") -> str:
    """The header of a fixed column of the comparison table (a key of HEADERS)."""
    return _t(lang, *HEADERS[key])


# Sheet names ---------------------------------------------------------------------------------


def unique_sheet_name(name: str, taken: set[str], fallback: str = "Scenario") -> str:
    """A valid Excel sheet name for `name` that is not in `taken` (compared without case, as Excel
    does), and add it to `taken`.

    Excel allows at most 31 characters, none of []:*?/\\, and no apostrophe first or last; a name
    that is already taken gets " (2)", " (3)" ... with the name shortened to make room.
    """
    cleaned = " ".join(name.translate(SHEET_NAME_REPLACEMENTS).split()).strip(" '") or fallback
    used = {existing.casefold() for existing in taken}
    candidate = cleaned[:MAX_SHEET_NAME].rstrip(" '")
    number = 1
    while candidate.casefold() in used or candidate.casefold() == RESERVED_SHEET_NAME:
        number += 1
        suffix = f" ({number})"
        candidate = cleaned[: MAX_SHEET_NAME - len(suffix)].rstrip(" '") + suffix
    taken.add(candidate)
    return candidate


# The comparison table ------------------------------------------------------------------------


# Which cells of a column to mark: "gap" (red-ish fill when > 0), "breach" (red fill when > 0),
# "budget" (red text when the scenario's cost is over its budget frame)
Mark = Literal["gap", "breach", "budget"]


@dataclass(frozen=True)
class Column:
    """One column of the comparison table: its header, how to get its value, how to show it."""

    header: str
    value: Callable[[ScenarioOutcome], Any]
    number_format: str | None = None
    width: float = 13.0
    mark: Mark | None = None


def _has_rota(outcome: ScenarioOutcome) -> bool:
    return outcome.result.rota is not None


def _with_rota(get: Callable[[ScenarioKpis], Any]) -> Callable[[ScenarioOutcome], Any]:
    """A figure that only means something when there is a rota: empty cell without one, rather
    than a zero that looks like a perfect scenario."""

    def value(outcome: ScenarioOutcome) -> Any:
        return get(outcome.kpis) if _has_rota(outcome) else None

    return value


def _with_cost(get: Callable[[ScenarioKpis], Any]) -> Callable[[ScenarioOutcome], Any]:
    def value(outcome: ScenarioOutcome) -> Any:
        return get(outcome.kpis) if outcome.cost is not None else None

    return value


def _of(get: Callable[[ScenarioKpis], Any]) -> Callable[[ScenarioOutcome], Any]:
    def value(outcome: ScenarioOutcome) -> Any:
        return get(outcome.kpis)

    return value


def _gap_codes(comparison: Comparison) -> tuple[list[str], list[str]]:
    """Competence codes and language codes with a cover gap in any scenario, first seen first."""
    competences: dict[str, None] = {}
    languages: dict[str, None] = {}
    for row in comparison.rows:
        competences.update(dict.fromkeys(row.cover_gap_by_competence))
        languages.update(dict.fromkeys(row.cover_gap_by_language))
    return list(competences), list(languages)


def _competence_gap(code: str) -> Callable[[ScenarioOutcome], Any]:
    return _with_rota(lambda kpis: kpis.cover_gap_by_competence.get(code, 0.0))


def _language_gap(code: str) -> Callable[[ScenarioOutcome], Any]:
    return _with_rota(lambda kpis: kpis.cover_gap_by_language.get(code, 0.0))


def settled_text(outcome: ScenarioOutcome, lang: Language = "nb") -> str:
    """Whether a reader can rest on the scenario's gap figure, in words: settled when no rota
    can have fewer gaps; otherwise the range the true figure lies in, or why there is none."""
    kpis = outcome.kpis
    if outcome.result.rota is None:
        return _t(lang, "Nei: ingen turnus funnet", "No: no rota found")
    if kpis.settled:
        return _t(lang, "Ja: færre mangler er umulig", "Yes: fewer gaps are impossible")
    found = kpis.gap_hours_per_week
    least = kpis.unavoidable_gap_hours_per_week
    if least is None:
        return _t(lang, "Nei: søket ble ikke ferdig", "No: the search did not finish")
    if lang == "nb":
        return f"Nei: mellom {least:.1f} og {found:.1f} t/uke".replace(".", ",")
    return f"No: between {least:.1f} and {found:.1f} h/week"


def comparison_columns(comparison: Comparison, lang: Language = "nb") -> list[Column]:
    """The columns of the comparison table, in order, with headers in the chosen language: the
    cover gap in all is followed by one column per competence and per Sami language that has a
    gap in any scenario."""
    competences, languages = _gap_codes(comparison)
    return [
        Column(header("name", lang), lambda outcome: outcome.name, width=34),
        Column(
            header("status", lang),
            lambda outcome: status_label(outcome.result.status, lang),
            width=24,
        ),
        Column(
            header("cover_gap", lang),
            _with_rota(lambda k: k.cover_gap_hours_per_week),
            HOURS_FORMAT,
            mark="gap",
        ),
        Column(
            header("all_gaps", lang),
            _with_rota(lambda k: k.gap_hours_per_week),
            HOURS_FORMAT,
            mark="gap",
        ),
        Column(
            header("unavoidable", lang),
            _with_rota(lambda k: k.unavoidable_gap_hours_per_week),
            HOURS_FORMAT,
        ),
        Column(header("settled", lang), lambda outcome: settled_text(outcome, lang), width=30),
        *[
            Column(
                _t(lang, f"Mangler {code}", f"Missing {code}"),
                _competence_gap(code),
                HOURS_FORMAT,
                mark="gap",
            )
            for code in competences
        ],
        *[
            Column(
                term_label(LANGUAGE_GAP_PREFIX + code, lang),
                _language_gap(code),
                HOURS_FORMAT,
                mark="gap",
            )
            for code in languages
        ],
        Column(header("fte_used", lang), _of(lambda k: k.fte_used), FTE_FORMAT),
        Column(header("fte_frame", lang), _of(lambda k: k.fte_frame), FTE_FORMAT),
        Column(header("fulltime_heads", lang), _of(lambda k: k.fulltime_share_heads), SHARE_FORMAT),
        Column(header("fulltime_fte", lang), _of(lambda k: k.fulltime_share_fte), SHARE_FORMAT),
        Column(
            header("average_position", lang), _of(lambda k: k.average_position_pct), HOURS_FORMAT
        ),
        Column(
            header("unwanted_heads", lang), _of(lambda k: k.unwanted_parttime_heads), COUNT_FORMAT
        ),
        Column(header("unwanted_fte", lang), _of(lambda k: k.unwanted_parttime_fte), FTE_FORMAT),
        Column(
            header("annual_cost", lang),
            _with_cost(lambda k: k.annual_cost),
            KRONER_FORMAT,
            width=15,
            mark="budget",
        ),
        Column(header("budget_frame", lang), _of(lambda k: k.budget_frame), KRONER_FORMAT, 15),
        Column(
            header("difference", lang),
            _with_cost(lambda k: k.budget_difference),
            KRONER_FORMAT,
            width=15,
            mark="budget",
        ),
        Column(
            header("difference_pct", lang),
            _with_cost(lambda k: k.budget_difference_pct),
            PERCENT_NUMBER_FORMAT,
            mark="budget",
        ),
        Column(header("quick_returns", lang), _with_rota(lambda k: k.quick_returns), COUNT_FORMAT),
        Column(header("weekends", lang), _with_rota(lambda k: k.weekends_per_head), HOURS_FORMAT),
        Column(
            header("breaches", lang), _with_rota(lambda k: k.breaches), COUNT_FORMAT, mark="breach"
        ),
    ]


def comparison_rows(comparison: Comparison, lang: Language = "nb") -> list[dict[str, Any]]:
    """The comparison table as plain values, one dict per scenario with the headers as keys.

    Shares (heltidsandel) are fractions (0.75), "Differanse %" is in percent (5.0 = 5 %), money
    is NOK a year, gaps are shift-hours a week. Figures that need a rota (cover, cost, quick
    returns, weekends, breaches) are None for a scenario without one.
    """
    columns = comparison_columns(comparison, lang)
    return [
        {column.header: column.value(outcome) for column in columns}
        for outcome in comparison.outcomes
    ]


def _over_budget(outcome: ScenarioOutcome) -> bool:
    difference = outcome.kpis.budget_difference
    return outcome.cost is not None and difference is not None and difference > 0


# The workbook --------------------------------------------------------------------------------


def write_comparison_workbook(
    comparison: Comparison, path: Path, lang: Language = "nb", option: str = "--time-limit"
) -> None:
    """Write the comparison workbook (Sammenligning, Kostnad, Heltid, a rota sheet per scenario)
    atomically: a failure never leaves half a workbook over a good one. `option` is the
    command-line option that gives a scenario more time, for the sheet of one without a rota."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    comparison_name = unique_sheet_name(_t(lang, *COMPARISON_SHEET), taken)
    cost_name = unique_sheet_name(_t(lang, *COST_SHEET), taken)
    _write_comparison(workbook.create_sheet(comparison_name), comparison, lang)
    _write_costs(workbook.create_sheet(cost_name), comparison, lang)
    write_heltid_sheet(
        workbook.create_sheet(unique_sheet_name(heltid_sheet_name(lang), taken)),
        [(outcome.name, outcome.kpis.heltid) for outcome in comparison.outcomes],
        lang,
    )
    if any(outcome.removed for outcome in comparison.outcomes):
        sheet = workbook.create_sheet(unique_sheet_name(_t(lang, *REMOVED_SHEET), taken))
        _write_removed(sheet, comparison, lang)
    for outcome in comparison.outcomes:
        sheet = workbook.create_sheet(unique_sheet_name(outcome.name, taken))
        _write_scenario_rota(sheet, outcome, lang, option)
    units = list(dict.fromkeys(o.unit.name for o in comparison.outcomes))
    title = _t(lang, "Scenarioer", "Scenarios") + (f": {units[0]}" if len(units) == 1 else "")
    print_ready(workbook, title, lang)
    save_workbook(workbook, Path(path))


def _write_removed(sheet: Any, comparison: Comparison, lang: Language) -> None:
    """Which whole positions each scenario takes away, why, and what each costs in cover: the
    positions a cut of årsverk really means, so that nobody reads "minus 2 årsverk" as free."""
    headers = [
        ("Scenario", "Scenario", 30),
        ("ID", "ID", 8),
        ("Navn", "Name", 22),
        ("Kompetanse", "Competence", 12),
        ("Stilling %", "Position %", 10),
        ("Grunn", "Why", 44),
        (
            "Tap i dekning: timer/uke de andre ikke kan gi",
            "Cover lost: hours/week the others cannot give",
            22,
        ),
    ]
    for column, (nb, en, width) in enumerate(headers, start=1):
        header_cell(sheet, 1, column, _t(lang, nb, en))
        sheet.column_dimensions[get_column_letter(column)].width = width
    row = 2
    for outcome in comparison.outcomes:
        for removed in outcome.removed:
            reason_nb, reason_en = REMOVED_REASONS[removed.reason]
            values = [
                outcome.name,
                removed.id,
                removed.name,
                removed.competence,
                removed.position_pct,
                _t(lang, reason_nb, reason_en),
                removed.cover_loss_h,
            ]
            for column, value in enumerate(values, start=1):
                sheet.cell(row=row, column=column, value=value)
            sheet.cell(row=row, column=7).number_format = HOURS_FORMAT
            row += 1
    notes = (
        _t(
            lang,
            "Hele stillinger tas bort: vakante først, så de som kan tas bort (midlertidige eller"
            " som ikke skal fylles igjen), så de scenariofilen nevner, og minst mulig over antall"
            " årsverk.",
            "Whole positions are taken away: vacant ones first, then those that may go"
            " (temporary or not to be refilled), then those the scenario file names, and as"
            " little above the number of FTE as can be.",
        ),
        _t(
            lang,
            "Forslag: en besatt stilling motoren foreslår, den som koster minst i dekning. Å ta"
            " den bort krever en overtallighetsprosess; det er et regnestykke, ikke en beslutning.",
            "Proposal: an occupied position the engine proposes, the one that costs least in"
            " cover. Taking it away needs a redundancy process; this is a calculation, not a"
            " decision.",
        ),
        _t(
            lang,
            "Tap i dekning: timer per uke av stillingen som resten av staben ikke har rom for,"
            " i alt, for hver kompetanse personen kan dekke og hvert språk personen snakker"
            " (kapasitetsbalansen, med stillingene over allerede tatt bort).",
            "Cover lost: hours a week of the position the rest of the staff has no room for, in"
            " all, for each competence the person can fill and each language they speak (the"
            " capacity balance, with the positions above already gone).",
        ),
    )
    for offset, text in enumerate(notes, start=row + 1):
        sheet.cell(row=offset, column=1, value=text).font = Font(italic=True)
    sheet.row_dimensions[1].height = 45
    sheet.freeze_panes = "A2"
    landscape(sheet)


def _write_comparison(sheet: Any, comparison: Comparison, lang: Language) -> None:
    columns = comparison_columns(comparison, lang)
    for index, column in enumerate(columns, start=1):
        header_cell(sheet, 1, index, column.header)
        sheet.column_dimensions[get_column_letter(index)].width = _width(column, comparison)
    sheet.row_dimensions[1].height = 62
    for row, outcome in enumerate(comparison.outcomes, start=2):
        over = _over_budget(outcome)
        for index, column in enumerate(columns, start=1):
            value = column.value(outcome)
            cell = sheet.cell(row=row, column=index, value=value)
            if column.number_format and isinstance(value, int | float):
                cell.number_format = column.number_format
            if not isinstance(value, int | float):
                continue
            if column.mark == "gap" and value > 0:
                cell.fill, cell.font = GAP_FILL, GAP_FONT
            elif column.mark == "breach" and value > 0:
                cell.fill, cell.font = RED, BOLD
            elif column.mark == "budget" and over:
                cell.font = OVER_BUDGET_FONT
        sheet.cell(row=row, column=1).font = BOLD
    last = len(comparison.outcomes) + 1
    sheet.freeze_panes = "B2"
    landscape(sheet)
    if comparison.outcomes:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"

    notes = [
        _t(
            lang,
            "Mangler i dekningen: vakttimer per uke under minimumsbemanningen (i alt, og per"
            " kompetanse og samisk språk som mangler). Rødt = mangler eller regelbrudd.",
            "Cover gap: shift-hours per week below the minimum staffing (in all, and per missing"
            " competence and Sami language). Red = a gap or a breach of the rules.",
        ),
        _t(
            lang,
            "Mangler i alt = personer, kompetanse og språk som mangler. Uunngåelige mangler: så"
            " mange har enhver turnus med disse reglene og denne staben. Sikkert tall = ja når"
            " turnusen ikke har flere; ellers ligger det riktige tallet mellom de to.",
            "All gaps = missing people, competence and language. Unavoidable gaps: every rota"
            " under these rules with this staff has that many. Settled = yes when the rota has"
            " no more; otherwise the true figure lies between the two.",
        ),
        _t(
            lang,
            "Kroner per år; differanse = årskostnad minus budsjettramme (rød tekst = over"
            " rammen). Heltid = stilling på 100 %. Tomme celler: ingen turnus i scenarioet.",
            "NOK per year; difference = annual cost minus the budget frame (red text = over"
            " the frame). Full-time = a 100 % position. Empty cells: no rota in the scenario.",
        ),
    ]
    if any(o.unit.rules.three_shift_credit for o in comparison.outcomes):
        notes.append(
            _t(
                lang,
                "Med tidskompensasjon for tredelt turnus er uunngåelige mangler regnet med de"
                " samme ansatte i tredelt turnus som turnusen har: hvem som går i tredelt"
                " turnus, er en del av planen (KS HTA kap. 1).",
                "With the three-shift time credit, unavoidable gaps are counted with the same"
                " people in three-shift turnus as the rota has: who is in three-shift turnus is"
                " part of the plan (KS HTA ch. 1).",
            )
        )
    row = last + 2
    for note in notes:
        sheet.cell(row=row, column=1, value=note).font = Font(italic=True)
        row += 1
    if comparison.outcomes:
        _add_charts(sheet, comparison, columns, last, row + 1, lang)


def _width(column: Column, comparison: Comparison) -> float:
    """Wide enough that no word of the header breaks and a short text value (a status) shows
    whole; long texts wrap at TEXT_WIDTH_MAX."""
    longest_word = max((len(word) for word in column.header.split()), default=0)
    texts = [column.value(o) for o in comparison.outcomes]
    longest_text = max((len(t) for t in texts if isinstance(t, str)), default=0)
    return max(column.width, longest_word * 1.15 + 2, min(longest_text + 2, TEXT_WIDTH_MAX))


def _add_charts(
    sheet: Any,
    comparison: Comparison,
    columns: list[Column],
    last: int,
    anchor_row: int,
    lang: Language,
) -> None:
    """Cost against the frame, heltid and cover gaps per scenario, as horizontal bars (long
    scenario names read along the axis, never at 45°), each axis running to its data, and a
    scenario without a rota named as such."""
    index = {column.header: number for number, column in enumerate(columns, start=1)}
    # The charts' scenario labels, in a column of their own after the table.
    label_column = len(columns) + 2
    sheet.cell(row=1, column=label_column, value=_t(lang, "Navn i diagrammene", "Chart labels"))
    for row, outcome in enumerate(comparison.outcomes, start=2):
        label = outcome.name
        if outcome.result.rota is None:
            label += _t(lang, " (ingen turnus)", " (no rota)")
        sheet.cell(row=row, column=label_column, value=label)
    sheet.column_dimensions[get_column_letter(label_column)].hidden = True
    categories = Reference(sheet, min_col=label_column, min_row=2, max_row=last)
    height = max(CHART_HEIGHT_CM, 2.5 + CHART_ROW_CM * len(comparison.outcomes))

    def chart(title: str, x_title: str, headers: list[str], number_format: str) -> BarChart:
        bars = BarChart()
        bars.type = "bar"  # horizontal: the scenario names stand on the vertical axis
        bars.grouping = "clustered"
        bars.title = title
        bars.y_axis.title = x_title  # the value axis, along the bottom of a horizontal chart
        bars.y_axis.numFmt = number_format
        # openpyxl >= 3.1 hides the axes unless told otherwise
        bars.x_axis.delete = False
        bars.y_axis.delete = False
        bars.y_axis.scaling.min = 0
        bars.x_axis.scaling.orientation = "maxMin"  # the first scenario at the top
        bars.y_axis.crosses = "max"  # and the value axis still along the bottom
        bars.visible_cells_only = False  # the labels' column is hidden
        for heading in headers:
            data = Reference(sheet, min_col=index[heading], min_row=1, max_row=last)
            bars.add_data(data, titles_from_data=True)
        bars.set_categories(categories)
        bars.width, bars.height = CHART_WIDTH_CM, height
        if len(headers) == 1:
            bars.legend = None
        else:
            bars.legend.position = "b"
        return bars

    charts = [
        chart(
            _t(lang, "Årskostnad mot budsjettramme", "Annual cost against the budget frame"),
            _t(lang, "kr per år", "NOK per year"),
            [header("annual_cost", lang), header("budget_frame", lang)],
            KRONER_FORMAT,
        ),
        chart(
            _t(lang, "Heltidsandel", "Full-time share"),
            _t(lang, "Andel ansatte i 100 % stilling", "Share of staff in a 100 % position"),
            [header("fulltime_heads", lang)],
            SHARE_FORMAT,
        ),
        chart(
            _t(lang, "Mangler i dekningen", "Cover gaps"),
            _t(lang, "Vakttimer per uke", "Shift-hours per week"),
            [header("cover_gap", lang)],
            HOURS_FORMAT,
        ),
    ]
    shares = [o.kpis.fulltime_share_heads for o in comparison.outcomes if o.result.rota is not None]
    # A share runs to the next 10 % above the largest, never past 100 %.
    charts[1].y_axis.scaling.max = min(1.0, (math.floor(max(shares, default=0) * 10) + 1) / 10)
    # Side by side under the table, each starting in the first column clear of the one before.
    column = 1
    for bars in charts:
        sheet.add_chart(bars, f"{get_column_letter(column)}{anchor_row}")
        column = _column_after(sheet, column, CHART_WIDTH_CM + CHART_SPACING_CM)


def _column_after(sheet: Any, column: int, width_cm: float) -> int:
    """The first column that starts at least `width_cm` right of where `column` starts."""
    covered = 0.0
    while covered < width_cm:
        width = sheet.column_dimensions[get_column_letter(column)].width or DEFAULT_COLUMN_WIDTH
        covered += (width * PIXELS_PER_CHARACTER + 5) * CM_PER_PIXEL
        column += 1
    return column


def _write_costs(sheet: Any, comparison: Comparison, lang: Language) -> None:
    outcomes = comparison.outcomes
    header_cell(sheet, 1, 1, _t(lang, "Kostnad per år (kr)", "Cost per year (NOK)"))
    for column, outcome in enumerate(outcomes, start=2):
        header_cell(sheet, 1, column, outcome.name)
    sheet.row_dimensions[1].height = 30
    row = 2
    for kind in CostKind:
        nb, en = LABELS[kind]
        sheet.cell(row=row, column=1, value=_t(lang, nb, en))
        for column, outcome in enumerate(outcomes, start=2):
            if outcome.cost is not None:
                amount = outcome.cost.by_kind()[kind]
                sheet.cell(row=row, column=column, value=amount).number_format = KRONER_FORMAT
        row += 1

    summary: list[tuple[str, Callable[[ScenarioOutcome], float | None]]] = [
        (
            _t(lang, "Sum årskostnad", "Total annual cost"),
            lambda o: o.cost.total if o.cost is not None else None,
        ),
        (
            _t(lang, "Budsjettramme", "Budget frame"),
            lambda o: o.unit.budget.budget_frame_nok,
        ),
        (
            _t(lang, "Differanse (kostnad − ramme)", "Difference (cost − frame)"),
            lambda o: o.cost.difference if o.cost is not None else None,
        ),
    ]
    for number, (label, get) in enumerate(summary):
        is_difference = number == len(summary) - 1
        first = sheet.cell(row=row, column=1, value=label)
        first.font, first.fill = BOLD, TOTAL_FILL
        for column, outcome in enumerate(outcomes, start=2):
            figure = get(outcome)
            cell = sheet.cell(row=row, column=column, value=figure)
            cell.fill, cell.font = TOTAL_FILL, BOLD
            if figure is not None:
                cell.number_format = KRONER_FORMAT
            if is_difference and figure is not None and figure > 0:
                cell.font = OVER_BUDGET_BOLD
        row += 1
    no_rota = [o.name for o in outcomes if o.cost is None]
    if no_rota:
        sheet.cell(
            row=row,
            column=1,
            value=_t(
                lang,
                "Ingen kostnad uten turnus: " + ", ".join(no_rota),
                "No cost without a rota: " + ", ".join(no_rota),
            ),
        ).font = Font(italic=True)
        row += 1

    row += 2
    sheet.cell(
        row=row,
        column=1,
        value=_t(lang, "Kostnad linje for linje", "Cost line by line"),
    ).font = Font(bold=True, size=13)
    row += 1
    headers = [
        ("Scenario", 24),
        (_t(lang, "Ansatt-ID", "Employee id"), 12),
        (_t(lang, "Navn", "Name"), 22),
        (_t(lang, "Kostnadsart", "Component"), 30),
        (_t(lang, "Beløp (kr)", "Amount (NOK)"), 14),
        (_t(lang, "Grunnlag", "Basis"), 90),
    ]
    for column, (label, _width) in enumerate(headers, start=1):
        header_cell(sheet, row, column, label)
    widths = {1: 34.0, 2: 14.0, 3: 22.0, 4: 30.0, 5: 14.0, 6: 90.0}
    for column in range(2, len(outcomes) + 2):
        widths[column] = max(widths.get(column, 0.0), 16.0)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    row += 1
    for outcome in outcomes:
        if outcome.cost is None:
            continue
        for line in outcome.cost.lines:
            employee = outcome.unit.employee_by_id.get(line.employee or "")
            values = [
                outcome.name,
                line.employee,
                employee.display_name if employee else _t(lang, "Enheten", "The unit"),
                line.label(lang),
                line.amount,
                line.basis(lang),
            ]
            for column, item in enumerate(values, start=1):
                sheet.cell(row=row, column=column, value=item)
            sheet.cell(row=row, column=5).number_format = KRONER_FORMAT
            # The basis wraps in its column: run on across the page it shrank the sheet to
            # unreadable when printed to the page's width.
            sheet.cell(row=row, column=6).alignment = WRAP_TOP
            lines = math.ceil(len(line.basis(lang)) / BASIS_CHARS_PER_LINE)
            if lines > 1:  # no program sizes a wrapped row on opening
                sheet.row_dimensions[row].height = ROW_HEIGHT_PT * lines
            row += 1
        sheet.cell(row=row, column=1, value=outcome.name).font = BOLD
        sheet.cell(row=row, column=4, value=_t(lang, "Sum", "Total")).font = BOLD
        total = sheet.cell(row=row, column=5, value=outcome.cost.total)
        total.font, total.number_format = BOLD, KRONER_FORMAT
        for column in range(1, len(headers) + 1):
            sheet.cell(row=row, column=column).fill = TOTAL_FILL
        row += 2
    sheet.freeze_panes = "B2"
    landscape(sheet)


def _write_scenario_rota(
    sheet: Any, outcome: ScenarioOutcome, lang: Language, option: str = "--time-limit"
) -> None:
    rota = outcome.result.rota
    status = status_label(outcome.result.status, lang)
    if rota is None:
        sheet.cell(
            row=1,
            column=1,
            value=_t(
                lang,
                f"Ingen turnus for scenarioet «{outcome.name}»: {status}.",
                f"No rota for the scenario '{outcome.name}': {status}.",
            ),
        ).font = Font(bold=True, size=13, color="C00000")
        for row, line in enumerate(no_rota_advice(outcome.result, lang, option), start=2):
            sheet.cell(row=row, column=1, value=line)
        sheet.column_dimensions["A"].width = 100
        return
    row = write_turnus_sheet(sheet, outcome.unit, rota, lang)
    sheet.cell(row=row, column=2, value=f"Scenario: {outcome.name}").font = BOLD
    sheet.cell(row=row + 1, column=2, value=f"Status: {status}")


# CSV and JSON --------------------------------------------------------------------------------


def _csv_text(value: Any, lang: Language) -> str:
    """A cell for Excel: empty for None, numbers with a decimal comma in Norwegian (Norwegian
    Excel reads 1.5 as a date)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = "0" if value == 0 else f"{value:.10f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") if lang == "nb" else text
    return _not_a_formula(str(value))


# What makes Excel read a CSV field as a formula when it comes first (OWASP's list).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _not_a_formula(text: str) -> str:
    """Text from the user's input as Excel shows it, never run: a field that would start a
    formula gets a leading apostrophe. A lone sign is no formula and stays as it is."""
    if len(text) > 1 and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def write_csv(comparison: Comparison, path: Path, lang: Language = "nb") -> None:
    """The comparison table as CSV for Excel: UTF-8 with BOM (so æøå show), semicolons between
    fields, decimal comma in Norwegian; written atomically."""
    rows = comparison_rows(comparison, lang)
    headers = [column.header for column in comparison_columns(comparison, lang)]

    def write(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(headers)
            for row in rows:
                writer.writerow([_csv_text(row[header], lang) for header in headers])

    atomic_write(Path(path), write)


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """The comparison for machines: each scenario's KPIs (English keys, status as its string)
    and its cost lines."""
    scenarios = []
    for outcome in comparison.outcomes:
        kpis = outcome.kpis.as_dict()
        kpis["status"] = str(outcome.kpis.status)
        breakdown = outcome.cost
        scenarios.append(
            {
                "name": outcome.name,
                "has_rota": _has_rota(outcome),
                "settled": outcome.kpis.settled,
                "gap_hours_per_week": outcome.kpis.gap_hours_per_week
                if _has_rota(outcome)
                else None,
                "unavoidable_gap_hours_per_week": outcome.kpis.unavoidable_gap_hours_per_week,
                "start": outcome.kpis.start,
                "relaxation": outcome.relaxation,
                "removed_positions": [
                    {
                        "id": removed.id,
                        "name": removed.name,
                        "competence": removed.competence,
                        "position_pct": removed.position_pct,
                        "reason": str(removed.reason),
                        "cover_loss_h_per_week": removed.cover_loss_h,
                    }
                    for removed in outcome.removed
                ],
                "kpis": kpis,
                "cost": None
                if breakdown is None
                else {
                    "total": breakdown.total,
                    "budget_frame": breakdown.budget_frame,
                    "difference": breakdown.difference,
                    "lines": [
                        {
                            "kind": str(line.kind),
                            "employee": line.employee,
                            "amount": line.amount,
                            "basis_nb": line.basis_nb,
                            "basis_en": line.basis_en,
                        }
                        for line in breakdown.lines
                    ],
                },
            }
        )
    return {"scenarios": scenarios}


def write_json(comparison: Comparison, path: Path) -> None:
    """The comparison as JSON (UTF-8, see `comparison_json`), written atomically."""
    text = json.dumps(comparison_json(comparison), ensure_ascii=False, indent=2)

    def write(temporary: Path) -> None:
        temporary.write_text(text + "\n", encoding="utf-8")

    atomic_write(Path(path), write)
