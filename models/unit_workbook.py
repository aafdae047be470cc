"""The unit as an Excel workbook: the input template unit leaders fill in, and its reader.

Sheets: Enhet, Vakter, Kompetanse, Ansatte, Bemanning, Regler, Budsjett, Ønsker, and Veiledning
(explaining every column). One declarative spec drives the writer, the reader and the guide, so the
three cannot drift apart. Every problem is reported with its sheet, row and column.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from models import cells
from models.atomic import save_workbook
from models.budget import EMPLOYER_TAX_PCT, Budget
from models.build import build_unit
from models.cells import CellError
from models.clock import WEEKDAYS_NB
from models.excel import data_rows, open_workbook
from models.print_setup import print_ready
from models.problems import InputError, Location, Path, Problem, error
from models.rules import WorkRules, rule_catalogue
from models.unit import Unit

Parser = Callable[[Any], Any]

WISH_KINDS = {
    "ønsker vakt": "on",
    "ønsker fri": "off",
    "fast vakt": "pin",
    "kan ikke": "unavailable",
}
WISH_KIND_LABELS = {kind: label for label, kind in WISH_KINDS.items()}

HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
KEY_FONT = Font(color="808080", italic=True)
MAX_ROWS_WITH_DROPDOWN = 500


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    parse: Parser
    help: str
    example: str
    width: int = 14
    required: bool = False
    choices: str | None = None  # formula or list for a drop-down


@dataclass(frozen=True)
class TableSheet:
    name: str
    columns: tuple[Column, ...]
    intro: str

    def column(self, field_name: str) -> Column:
        return next(column for column in self.columns if column.field == field_name)


@dataclass(frozen=True)
class KeyValue:
    key: str
    label: str
    parse: Parser
    unit: str
    help: str


@dataclass(frozen=True)
class KeyValueSheet:
    name: str
    rows: tuple[KeyValue, ...]
    intro: str


SHIFT_LIST = f"=Vakter!$A$2:$A${MAX_ROWS_WITH_DROPDOWN}"
COMPETENCE_LIST = f"=Kompetanse!$A$2:$A${MAX_ROWS_WITH_DROPDOWN}"

SHIFTS = TableSheet(
    "Vakter",
    (
        Column("Kode", "code", cells.text, "Kort kode brukt i turnusen.", "D", 8, True),
        Column("Navn", "name", cells.text, "Navn på vakta.", "Dagvakt", 16),
        Column("Start", "start", cells.clock, "Klokkeslett vakta starter.", "07:30", 9, True),
        Column(
            "Slutt",
            "end",
            cells.clock,
            "Klokkeslett vakta slutter. Før start betyr neste døgn (nattevakt).",
            "15:00",
            9,
            True,
        ),
        Column(
            "Betalte minutter",
            "paid_minutes",
            cells.number,
            "Tomt = hele vakta er betalt (betalt pause, vanlig i helse og omsorg).",
            "450",
            16,
        ),
        Column(
            "Kan ikke følges av",
            "forbidden_next",
            cells.word_list,
            "Vaktkoder som aldri kan komme dagen etter denne, uansett hviletid.",
            "D",
            18,
        ),
    ),
    "Én rad per vakttype. Lengde, kveld-, natt- og helgetimer regnes ut av klokkeslettene.",
)

COMPETENCES = TableSheet(
    "Kompetanse",
    (
        Column("Kode", "code", cells.text, "Kort kode for kompetansen.", "SPL", 8, True),
        Column("Navn", "name", cells.text, "Navn på kompetansen.", "Sykepleier", 20),
        Column(
            "Kan dekke",
            "covers",
            cells.word_list,
            "Lavere kompetanser denne kan fylle en plass for (sykepleier kan dekke helsefagarbeider).",
            "HFA",
            14,
        ),
        Column(
            "Årslønn 100 % (kr)",
            "annual_pay",
            cells.number,
            "Årslønn i full stilling, brukes når den ansatte ikke har egen lønn.",
            "560000",
            18,
        ),
    ),
    "Én rad per kompetanse. «Kan dekke» gjelder videre nedover: SPL dekker HFA, HFA dekker ASS.",
)

EMPLOYEES = TableSheet(
    "Ansatte",
    (
        Column("ID", "id", cells.text, "Unik ID, f.eks. ansattnummer.", "101", 8, True),
        Column(
            "Navn", "name", cells.text, "Navn slik det skal stå i turnusen.", "Kari Nordmann", 20
        ),
        Column(
            "Kompetanse",
            "competence",
            cells.text,
            "Kompetansekode fra arket Kompetanse.",
            "SPL",
            12,
            True,
            COMPETENCE_LIST,
        ),
        Column(
            "Stilling %", "position_pct", cells.percent, "Stillingsprosent 0-100.", "80", 10, True
        ),
        Column(
            "Ønsket %",
            "desired_pct",
            cells.percent,
            "Stillingen personen ønsker (høyere enn i dag = uønsket deltid).",
            "100",
            10,
        ),
        Column(
            "Min %", "min_pct", cells.percent, "Minste stilling ved stillingsplanlegging.", "", 8
        ),
        Column(
            "Maks %", "max_pct", cells.percent, "Største stilling ved stillingsplanlegging.", "", 8
        ),
        Column(
            "Vakant",
            "vacant",
            cells.yes_no,
            "ja = ledig stilling uten fast person.",
            "nei",
            8,
            choices='"ja,nei"',
        ),
        Column(
            "Kan tas bort",
            "may_go",
            cells.yes_no,
            "ja = midlertidig stilling eller stilling som ikke skal fylles igjen: tas bort før"
            " andre når årsverk kuttes.",
            "nei",
            9,
            choices='"ja,nei"',
        ),
        Column(
            "Språk",
            "languages",
            cells.word_list,
            "Språk: se (eller nordsamisk), smj (lulesamisk), sma (sørsamisk).",
            "se",
            8,
        ),
        Column(
            "Tillatte vakter",
            "allowed_shifts",
            cells.word_list,
            "Vaktkoder personen kan gå. Tomt = alle.",
            "N",
            14,
        ),
        Column(
            "Årslønn 100 % (kr)",
            "annual_pay",
            cells.number,
            "Egen årslønn i full stilling. Tomt = kompetansens lønn.",
            "",
            18,
        ),
        Column("Ansiennitet (år)", "seniority_years", cells.number, "År ansiennitet.", "", 14),
        Column("Alder", "age", cells.number, "Alder (gir ekstra feriepenger fra 60 år).", "", 8),
        Column(
            "Helg hver N.",
            "rules.weekend_every",
            cells.number,
            "Egen helgefrekvens. Tomt = enhetens regel.",
            "",
            12,
        ),
        Column(
            "Maks dager på rad",
            "rules.max_consecutive_days",
            cells.number,
            "Egen grense for arbeidsdager på rad. Tomt = enhetens regel.",
            "",
            16,
        ),
        Column(
            "Maks netter på rad",
            "rules.max_consecutive_nights",
            cells.number,
            "Egen grense for nattevakter på rad. Tomt = enhetens regel.",
            "",
            16,
        ),
        Column(
            "Min fridager på rad",
            "rules.min_consecutive_days_off",
            cells.number,
            "Egen grense for fridager på rad. Tomt = enhetens regel.",
            "",
            16,
        ),
        Column(
            "Timeavvik per uke",
            "rules.hours_tolerance_h_per_week",
            cells.number,
            "Tillatt avvik fra stillingens timer per uke. Tomt = enhetens regel.",
            "",
            16,
        ),
        Column(
            "Min timer i turnus",
            "rules.min_hours",
            cells.number,
            "Fast nedre grense for timer i hele turnusen (erstatter avviket).",
            "",
            16,
        ),
        Column(
            "Maks timer i turnus",
            "rules.max_hours",
            cells.number,
            "Fast øvre grense for timer i hele turnusen (erstatter avviket).",
            "",
            16,
        ),
        Column(
            "Tredelt turnus",
            "rules.three_shift",
            cells.yes_no,
            "Med tidskompensasjon for tredelt turnus på: ja = går både netter og dag/kveld, nei ="
            " ikke begge. Tomt = bare den som ikke kan fylle stillingen med netter alene eller"
            " dag/kveld alene.",
            "",
            10,
            choices='"ja,nei"',
        ),
        Column(
            "Person",
            "person",
            cells.text,
            "Samme nøkkel for samme person i flere stillinger (f.eks. 60 % her og 40 % i en"
            " annen enhet). Tomt = ID-en.",
            "",
            10,
        ),
        Column(
            "Hjemenhet",
            "home_unit",
            cells.text,
            "Enheten personen hører til, i én turnus for flere enheter: turnusen grupperes"
            " etter den. Tomt = denne enheten.",
            "",
            14,
        ),
    ),
    "Én rad per ansatt eller vakant stilling. Fridager, faste vakter og ønsker står i arket Ønsker.",
)

DEMAND = TableSheet(
    "Bemanning",
    (
        Column(
            "Vakt",
            "shift",
            cells.text,
            "Vaktkode fra arket Vakter.",
            "D",
            8,
            True,
            SHIFT_LIST,
        ),
        Column(
            "Ukedager",
            "weekdays",
            cells.weekdays,
            "Dagene raden gjelder: Ma-Fr, Lø-Sø, alle, hverdager, helg eller Ma, On, Fr.",
            "Ma-Fr",
            14,
        ),
        Column(
            "Dager",
            "days",
            cells.day_numbers,
            "Bare for datert plan: turnusdager 1, 2, 8-12 (erstatter ukedager).",
            "",
            12,
        ),
        Column("Min", "min", cells.number, "Antall som må være på vakt.", "5", 6, True),
        Column("Ønsket", "target", cells.number, "Ønsket antall. Tomt = minimum.", "", 8),
        Column(
            "Kompetansekrav",
            "competence_min",
            cells.counts,
            "Minst antall per kompetanse, f.eks. SPL=1, HFA=2.",
            "SPL=1, HFA=2",
            18,
        ),
        Column(
            "Språkkrav",
            "language_min",
            cells.counts,
            "Minst antall som snakker språket, f.eks. se=1 (nordsamisk).",
            "se=1",
            12,
        ),
        Column(
            "Vekt under",
            "weight_under",
            cells.number,
            "Hvor mye hver manglende person teller i optimeringen.",
            "10",
            11,
        ),
        Column(
            "Vekt over",
            "weight_over",
            cells.number,
            "Hvor mye hver person for mye teller.",
            "1",
            10,
        ),
    ),
    "Bemanningsplanen: én rad per vakt og gruppe av dager. To rader kan ikke gjelde samme vakt og dag.",
)

WISHES = TableSheet(
    "Ønsker",
    (
        Column("Ansatt-ID", "employee", cells.text, "ID fra arket Ansatte.", "101", 10, True),
        Column("Uke", "week", cells.number, "Turnusuke 1, 2, ...", "2", 6, True),
        Column(
            "Dag",
            "weekday",
            cells.weekday,
            "Ukedag: Ma, Ti, On, To, Fr, Lø, Sø.",
            "On",
            6,
            True,
            '"' + ",".join(WEEKDAYS_NB) + '"',
        ),
        Column(
            "Vakt",
            "shift",
            cells.text,
            "Vaktkode. Tomt = hele dagen.",
            "",
            8,
            choices=SHIFT_LIST,
        ),
        Column(
            "Type",
            "kind",
            cells.text,
            "ønsker vakt, ønsker fri, fast vakt (låst) eller kan ikke (utilgjengelig).",
            "ønsker fri",
            14,
            True,
            '"' + ",".join(WISH_KINDS) + '"',
        ),
        Column("Vekt", "weight", cells.number, "Hvor viktig ønsket er (1-1000). Tomt = 1.", "", 8),
    ),
    "Ønsker om vakt eller fri, faste (låste) vakter og dager personen ikke kan jobbe.",
)

UNIT_SHEET = KeyValueSheet(
    "Enhet",
    (
        KeyValue("name", "Navn", cells.text, "", "Enhetens navn."),
        KeyValue("municipality", "Kommune", cells.text, "", "Kommunen."),
        KeyValue(
            "service", "Tjeneste", cells.text, "", "sykehjem, hjemmetjeneste, habilitering ..."
        ),
        KeyValue(
            "weeks", "Antall uker", cells.number, "uker", "Turnusens lengde, ofte 6 eller 12."
        ),
        KeyValue(
            "start_date",
            "Startdato",
            cells.day_date,
            "dato",
            "Første dag (en mandag). Trengs for datert plan og helligdager.",
        ),
    ),
    "Om enheten.",
)

# Per budget field: label, unit of measure and the explanation shown beside it, in bokmål.
_BUDGET_LABELS: dict[str, tuple[str, str, str]] = {
    "budget_frame_nok": (
        "Budsjettramme",
        "kr/år",
        "Kroner per år enheten har til personalet. Tomt = ingen ramme å sammenligne med.",
    ),
    "fte_frame": ("Årsverksramme", "årsverk", "Årsverk (hele stillinger) enheten kan bruke."),
    "budget_year": (
        "Budsjettår",
        "år",
        "Året turnusen prises for (helligdagene og lønnen det året). Tomt = en datert plans"
        " første år, ellers inneværende år.",
    ),
    "pay_year": (
        "Lønnstall gjelder for år",
        "år",
        "Året lønnstallene gjelder for (årslønn, tillegg i kroner, pris per udekket time)."
        " Tomt = budsjettåret, uten lønnsvekst.",
    ),
    "wage_growth_pct": (
        "Lønnsvekst per år (%)",
        "% per år",
        "Lønnstallene skrives fram med (1 + vekst) opphøyd i (budsjettår - lønnsår).",
    ),
    "employer_tax_zone": (
        "Arbeidsgiveravgift sone",
        "I, Ia, II, III, IV, IVa, V",
        "Sonen for arbeidsgiveravgift: I 14,1 % ... V 0 %.",
    ),
    "pension_pct": ("Pensjon (arbeidsgiver)", "% av lønn", "Arbeidsgivers pensjon (KLP), antatt."),
    "holiday_pay_pct": ("Feriepenger", "% av lønn", "Feriepenger av lønnen."),
    "holiday_pay_over_60_extra_pct": (
        "Ekstra feriepenger fra 60 år",
        "prosentpoeng",
        "Tillegg i feriepenger for ansatte som er 60 år eller eldre.",
    ),
    "weekend_allowance_pct": (
        "Helgetillegg",
        "% av timelønn",
        "Helgetillegg lørdag 00 til søndag 24 (KS HTA kap. 1 § 5).",
    ),
    "weekend_allowance_min_nok": (
        "Helgetillegg minst",
        "kr/time",
        "Helgetillegget er minst dette.",
    ),
    "evening_allowance_nok": ("Kveldstillegg 17-21", "kr/time", "Kveldstillegg for timer 17-21."),
    "night_allowance_pct": ("Nattillegg 21-06", "% av timelønn", "Nattillegg for timer 21-06."),
    "night_allowance_min_nok": ("Nattillegg minst", "kr/time", "Nattillegget er minst dette."),
    "holiday_allowance_pct": (
        "Helligdagstillegg",
        "% av timelønn",
        "Tillegg for timer på helligdager og høytidsdager.",
    ),
    "sick_leave_cover_pct": (
        "Vikar ved sykefravær",
        "% av lønn",
        "Sykefravær som dekkes med vikar, som andel av lønnen.",
    ),
    "vacation_cover_pct": (
        "Vikar i ferie",
        "% av lønn",
        "Ferie som dekkes med vikar, som andel av lønnen.",
    ),
    "agency_hour_nok": (
        "Pris per udekket time (innleie/overtid)",
        "kr/time",
        "Prisen på en time bemanning turnusen ikke dekker (innleie eller overtid).",
    ),
}


def _budget_parser(name: str) -> Parser:
    return cells.text if name == "employer_tax_zone" else cells.number


BUDGET_SHEET = KeyValueSheet(
    "Budsjett",
    tuple(
        KeyValue(name, label, _budget_parser(name), unit, explanation)
        for name, (label, unit, explanation) in _BUDGET_LABELS.items()
    ),
    "Rammer og satser. Lønn per kompetanse står i arket Kompetanse.",
)


def _rule_parser(name: str) -> Parser:
    annotation = WorkRules.model_fields[name].annotation
    return cells.yes_no if annotation is bool else cells.number


RULES_SHEET = KeyValueSheet(
    "Regler",
    tuple(
        KeyValue(info.name, info.label_nb, _rule_parser(info.name), info.unit, info.reference)
        for info in rule_catalogue()
    ),
    "Arbeidstidsregler med lovens og tariffens standardverdier. Endre bare etter lokal avtale.",
)

TABLES = (SHIFTS, COMPETENCES, EMPLOYEES, DEMAND, WISHES)
KEY_VALUES = (UNIT_SHEET, RULES_SHEET, BUDGET_SHEET)
SHEET_ORDER = (
    "Enhet",
    "Vakter",
    "Kompetanse",
    "Ansatte",
    "Bemanning",
    "Regler",
    "Budsjett",
    "Ønsker",
)
GUIDE = "Veiledning"


# Writing -------------------------------------------------------------------------------------


def write_template(path: FilePath, example: bool = False) -> None:
    """Write the input workbook: empty (with default rules) or filled with the demo ward."""
    if example:
        from models.demo import demo_unit

        write_unit_workbook(demo_unit("sykehjem"), path)
    else:
        write_unit_workbook(None, path)


def write_unit_workbook(unit: Unit | None, path: FilePath) -> None:
    """Write a unit (or an empty template) as the input workbook, atomically."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets: dict[str, Worksheet] = {name: workbook.create_sheet(name) for name in SHEET_ORDER}
    _write_key_values(sheets["Enhet"], UNIT_SHEET, _unit_values(unit))
    rules = unit.rules if unit else WorkRules()
    _write_key_values(sheets["Regler"], RULES_SHEET, rules.model_dump())
    budget = unit.budget if unit else Budget()
    _write_key_values(sheets["Budsjett"], BUDGET_SHEET, budget.model_dump())
    for spec in TABLES:
        _write_table(sheets[spec.name], spec, list(_table_rows(spec, unit)) if unit else [])
    _write_guide(workbook.create_sheet(GUIDE))
    print_ready(workbook, f"{unit.name if unit else 'Ny enhet'}: inndata til rota")
    save_workbook(workbook, path)


def _unit_values(unit: Unit | None) -> dict[str, Any]:
    if unit is None:
        return {"weeks": 6}
    return {
        "name": unit.name,
        "municipality": unit.municipality,
        "service": unit.service,
        "weeks": unit.weeks,
        "start_date": unit.start_date,
    }


def _style_header(sheet: Worksheet, headers: list[str], widths: list[int]) -> None:
    for index, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(row=1, column=index, value=header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _write_key_values(sheet: Worksheet, spec: KeyValueSheet, values: dict[str, Any]) -> None:
    # "Måleenhet", not "Enhet": the workbook has a sheet called Enhet.
    headers = ["Felt", "Verdi", "Måleenhet", "Forklaring", "Nøkkel"]
    _style_header(sheet, headers, [48, 16, 16, 60, 26])
    for row, item in enumerate(spec.rows, start=2):
        value = values.get(item.key)
        if isinstance(value, bool):
            value = "ja" if value else "nei"
        # Long labels (the Regler sheet's) wrap rather than run under the value.
        label = sheet.cell(row=row, column=1, value=item.label)
        label.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=row, column=4).alignment = Alignment(wrap_text=True, vertical="top")
        cell = sheet.cell(row=row, column=2, value=cells.plain(value))
        if item.key == "start_date":
            cell.number_format = "yyyy-mm-dd"
        sheet.cell(row=row, column=3, value=item.unit)
        sheet.cell(row=row, column=4, value=item.help)
        sheet.cell(row=row, column=5, value=item.key).font = KEY_FONT
        if item.parse is cells.yes_no:
            _add_choices(sheet, '"ja,nei"', f"B{row}")
        if item.key == "employer_tax_zone":
            _add_choices(sheet, '"' + ",".join(EMPLOYER_TAX_PCT) + '"', f"B{row}")
    # The keys (column E) are for the reader, not for the page.
    sheet.print_area = f"A1:D{len(spec.rows) + 1}"


def _add_choices(sheet: Worksheet, formula: str, cell_range: str) -> None:
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.error = "Velg en verdi fra listen."
    validation.errorTitle = "Ugyldig verdi"
    sheet.add_data_validation(validation)
    validation.add(cell_range)


def _write_table(sheet: Worksheet, spec: TableSheet, rows: list[dict[str, Any]]) -> None:
    _style_header(sheet, [c.header for c in spec.columns], [c.width for c in spec.columns])
    for index, column in enumerate(spec.columns, start=1):
        sheet.cell(row=1, column=index).comment = Comment(column.help, "rota")
        if column.choices:
            letter = get_column_letter(index)
            _add_choices(sheet, column.choices, f"{letter}2:{letter}{MAX_ROWS_WITH_DROPDOWN}")
    for row_number, values in enumerate(rows, start=2):
        for index, column in enumerate(spec.columns, start=1):
            cell = sheet.cell(row=row_number, column=index, value=values.get(column.field))
            if column.parse is cells.clock:
                cell.number_format = "hh:mm"


def _joined(values: tuple[str, ...] | None) -> str | None:
    return ", ".join(values) if values else None


def _table_rows(spec: TableSheet, unit: Unit) -> Iterator[dict[str, Any]]:
    if spec is SHIFTS:
        for shift in unit.shift_types:
            yield {
                "code": shift.code,
                "name": shift.name or None,
                "start": shift.start,
                "end": shift.end,
                "paid_minutes": shift.paid_minutes,
                "forbidden_next": _joined(shift.forbidden_next),
            }
    elif spec is COMPETENCES:
        for competence in unit.competences:
            yield {
                "code": competence.code,
                "name": competence.name or None,
                "covers": _joined(competence.covers),
                "annual_pay": cells.plain(unit.budget.pay_per_competence.get(competence.code)),
            }
    elif spec is EMPLOYEES:
        for employee in unit.employees:
            values: dict[str, Any] = {
                "id": employee.id,
                "name": employee.name or None,
                "person": employee.person,
                "home_unit": employee.home_unit,
                "competence": employee.competence,
                "position_pct": cells.plain(employee.position_pct),
                "desired_pct": cells.plain(employee.desired_pct),
                "min_pct": cells.plain(employee.min_pct),
                "max_pct": cells.plain(employee.max_pct),
                "vacant": "ja" if employee.vacant else None,
                "may_go": "ja" if employee.may_go else None,
                "languages": _joined(employee.languages),
                "allowed_shifts": _joined(employee.allowed_shifts),
                "annual_pay": cells.plain(employee.annual_pay),
                "seniority_years": employee.seniority_years,
                "age": employee.age,
            }
            for name, value in employee.rules.model_dump().items():
                values[f"rules.{name}"] = cells.plain(value)
            if employee.rules.three_shift is not None:
                values["rules.three_shift"] = "ja" if employee.rules.three_shift else "nei"
            yield values
    elif spec is DEMAND:
        for row in unit.demand:
            yield {
                "shift": row.shift,
                "weekdays": cells.format_weekdays(row.weekdays),
                "days": cells.format_day_numbers(row.days) if row.days is not None else None,
                "min": row.min,
                "target": row.target,
                "competence_min": cells.format_counts(row.competence_min) or None,
                "language_min": cells.format_counts(row.language_min) or None,
                "weight_under": cells.plain(row.weight_under),
                "weight_over": cells.plain(row.weight_over),
            }
    elif spec is WISHES:
        yield from _wish_rows(unit)


def _day_cells(day: int) -> dict[str, Any]:
    return {"week": day // 7 + 1, "weekday": WEEKDAYS_NB[day % 7]}


def _wish_rows(unit: Unit) -> Iterator[dict[str, Any]]:
    for employee in unit.employees:
        for day in employee.unavailable_days:
            yield {
                "employee": employee.id,
                **_day_cells(day),
                "kind": WISH_KIND_LABELS["unavailable"],
            }
        for pin in employee.pins:
            yield {
                "employee": employee.id,
                **_day_cells(pin.day),
                "shift": pin.shift,
                "kind": WISH_KIND_LABELS["pin"],
            }
        for wish in employee.wishes:
            yield {
                "employee": employee.id,
                **_day_cells(wish.day),
                "shift": wish.shift,
                "kind": WISH_KIND_LABELS[wish.kind],
                "weight": wish.weight,
            }


def _write_guide(sheet: Worksheet) -> None:
    sheet["A1"] = "Veiledning: slik fyller du ut enhetsfila"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = (
        "Fyll ut arkene i rekkefølge. Kjør så «rota validate FIL.xlsx» for å se feil med ark, rad og"
        " kolonne, og kapasitetsbalansen før turnusen lages."
    )
    sheet["A3"] = (
        "rota sjekker også: stillingene mot årsverksrammen (en advarsel når de er flere årsverk),"
        " språk (se, smj, sma eller nordsamisk, lulesamisk, sørsamisk) og enheter for store for"
        " minnet. Resultatet skrives aldri over inndatafila, og navn lagres som tekst, aldri som"
        " formler."
    )
    for line in ("A2", "A3"):
        # The notes span the table's width and wrap, so that they are read on screen and print.
        sheet.merge_cells(f"{line}:D{line[1:]}")
        sheet[line].alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[int(line[1:])].height = 30
    # Printed on as many pages as it takes, each as wide as the table.
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "4:4"
    row = 4
    for header, width, letter in (
        ("Ark", 14, "A"),
        ("Kolonne / felt", 28, "B"),
        ("Forklaring", 80, "C"),
        ("Eksempel", 16, "D"),
    ):
        cell = sheet[f"{letter}{row}"]
        cell.value = header
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A5"
    for name in SHEET_ORDER:
        row += 1
        sheet.cell(row=row, column=1, value=name).font = Font(bold=True)
        sheet.cell(row=row, column=3, value=_sheet_intro(name)).font = Font(italic=True)
        for column_name, explanation, example in _guide_lines(name):
            row += 1
            sheet.cell(row=row, column=2, value=column_name)
            sheet.cell(row=row, column=3, value=explanation).alignment = Alignment(wrap_text=True)
            sheet.cell(row=row, column=4, value=example)


def _sheet_intro(name: str) -> str:
    for spec in (*TABLES, *KEY_VALUES):
        if spec.name == name:
            return spec.intro
    return ""


def _guide_lines(name: str) -> Iterator[tuple[str, str, str]]:
    for table in TABLES:
        if table.name == name:
            for column in table.columns:
                required = " Må fylles ut." if column.required else ""
                yield column.header, column.help + required, column.example
    for key_values in KEY_VALUES:
        if key_values.name == name:
            for item in key_values.rows:
                unit = f" ({item.unit})" if item.unit else ""
                yield item.label + unit, item.help, ""


# Reading -------------------------------------------------------------------------------------


@dataclass
class _Reader:
    """Collects data for the Unit, where each value came from, and the problems met on the way."""

    file: str
    data: dict[str, Any] = field(default_factory=dict)
    origins: dict[Path, Location] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, sheet: str, row: int | None = None, column: str | None = None) -> Location:
        return Location(file=self.file, sheet=sheet, row=row, column=column)

    def cell_problem(self, exc: CellError, location: Location) -> None:
        self.problems.append(
            Problem(message_nb=exc.nb, message_en=exc.en, location=location, code="cell")
        )

    def locate(self, path: Path) -> Location:
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.origins:
                return self.origins[path[:cut]]
        return Location(file=self.file)


def _header_map(sheet: Worksheet, file: str | None = None) -> dict[str, int]:
    headers: dict[str, int] = {}
    first = data_rows(sheet, 1, file=file)[:1]
    for index, value in enumerate(first[0] if first else (), start=0):
        label = cells.text(value)
        if label:
            headers.setdefault(label.strip().lower(), index)
    return headers


def _read_table(
    reader: _Reader, sheet: Worksheet | None, spec: TableSheet
) -> list[tuple[int, dict[str, Any], dict[str, Location]]]:
    """Rows of a table sheet as (row number, parsed values by field, location by field)."""
    if sheet is None or sheet.max_row < 1:
        return []
    headers = _header_map(sheet, reader.file)
    present = [
        (column, headers[column.header.lower()])
        for column in spec.columns
        if column.header.lower() in headers
    ]
    missing = [c for c in spec.columns if c.required and c.header.lower() not in headers]
    for column in missing:
        reader.problems.append(
            error(
                f"Kolonnen «{column.header}» mangler i overskriftsraden.",
                f"The column '{column.header}' is missing from the header row.",
                code="missing_column",
            ).located(reader.where(spec.name, 1, column.header))
        )
    if missing:
        return []
    data = data_rows(sheet, 2, file=reader.file)
    # The known columns are still read, so that one bad header gives one problem, not one for
    # every row that refers to the sheet.
    _refuse_headers(reader, sheet, spec, data)
    rows = []
    for row_number, row in enumerate(data, start=2):
        if all(cells.is_empty(value) for value in row):
            continue
        values: dict[str, Any] = {}
        locations: dict[str, Location] = {}
        for column, index in present:
            location = reader.where(spec.name, row_number, column.header)
            locations[column.field] = location
            raw = row[index] if index < len(row) else None
            try:
                parsed = column.parse(raw)
            except CellError as exc:
                reader.cell_problem(exc, location)
                continue
            if parsed is not None and parsed != []:
                values[column.field] = parsed
        rows.append((row_number, values, locations))
    return rows


def _refuse_headers(
    reader: _Reader, sheet: Worksheet, spec: TableSheet, data: list[tuple[object, ...]]
) -> None:
    """A header row that names a column twice, or a column the sheet does not know that holds
    data (a misspelt header would drop its column's values): each is a problem at its header."""
    known = {column.header.lower(): column.header for column in spec.columns}
    first = data_rows(sheet, 1, file=reader.file)[:1]
    seen: set[str] = set()
    for index, value in enumerate(first[0] if first else ()):
        label = (cells.text(value) or "").strip()
        if not label:
            continue
        if label.lower() in seen:
            reader.problems.append(
                error(
                    f"Kolonnen «{label}» står to ganger i overskriftsraden.",
                    f"The column '{label}' appears twice in the header row.",
                    code="duplicate_column",
                ).located(reader.where(spec.name, 1, label))
            )
        seen.add(label.lower())
        holds_data = any(index < len(row) and not cells.is_empty(row[index]) for row in data)
        if label.lower() in known or not holds_data:
            continue
        close = difflib.get_close_matches(label.lower(), list(known), n=1, cutoff=0.6)
        hint_nb = f" Mente du «{known[close[0]]}»?" if close else ""
        hint_en = f" Did you mean '{known[close[0]]}'?" if close else ""
        reader.problems.append(
            error(
                f"Ukjent kolonne «{label}» på arket {spec.name}: verdiene i den ville gått"
                f" tapt.{hint_nb}",
                f"Unknown column '{label}' on the sheet {spec.name}: its values would be"
                f" lost.{hint_en}",
                code="unknown_column",
            ).located(reader.where(spec.name, 1, label))
        )


def _read_key_values(
    reader: _Reader, sheet: Worksheet | None, spec: KeyValueSheet
) -> dict[str, tuple[Any, Location]]:
    if sheet is None:
        return {}
    by_key = {item.key: item for item in spec.rows}
    by_label = {item.label.lower(): item for item in spec.rows}
    found: dict[str, tuple[Any, Location]] = {}
    for row_number, row in enumerate(data_rows(sheet, 2, max_col=5, file=reader.file), 2):
        row = (*row, None, None, None, None, None)
        key = cells.text(row[4])
        label = (cells.text(row[0]) or "").lower()
        item = by_key.get(key or "") or by_label.get(label)
        if item is None:
            if (key or label) and not cells.is_empty(row[1]):
                # A misspelt or unknown row would otherwise be dropped with its value.
                name = cells.text(row[0]) or key
                reader.problems.append(
                    error(
                        f"Ukjent rad «{name}» på arket {spec.name}: verdien ville gått tapt."
                        " Bruk feltnavnene fra malen (rota template).",
                        f"Unknown row '{name}' on the sheet {spec.name}: its value would be lost."
                        " Use the field names of the template (rota template).",
                        code="unknown_row",
                    ).located(reader.where(spec.name, row_number, "Felt"))
                )
            continue
        location = reader.where(spec.name, row_number, "Verdi")
        try:
            value = item.parse(row[1])
        except CellError as exc:
            reader.cell_problem(exc, location)
            continue
        if value is not None:
            found[item.key] = (value, location)
    return found


def load_unit_workbook(path: FilePath) -> Unit:
    """Read a unit from the input workbook; InputError lists every problem with sheet, row, column."""
    workbook = open_workbook(path)
    reader = _Reader(file=path.name)
    sheets = {name: workbook[name] if name in workbook.sheetnames else None for name in SHEET_ORDER}
    for name in ("Enhet", "Vakter", "Kompetanse", "Ansatte", "Bemanning"):
        if sheets[name] is None:
            reader.problems.append(
                error(
                    f"Arket «{name}» mangler i arbeidsboka.",
                    f"The sheet '{name}' is missing from the workbook.",
                    code="missing_sheet",
                ).located(reader.where(name))
            )
    _read_unit_sheet(reader, sheets["Enhet"])
    _read_tables(reader, sheets)
    rules = _read_key_values(reader, sheets["Regler"], RULES_SHEET)
    _store_key_values(reader, "rules", rules)
    budget = _read_key_values(reader, sheets["Budsjett"], BUDGET_SHEET)
    _store_key_values(reader, "budget", budget, keep=reader.data.get("budget", {}))
    reader.origins[("rules",)] = reader.where("Regler")
    reader.origins.setdefault(("budget",), reader.where("Budsjett"))

    cell_problems = list(reader.problems)
    if any(problem.code in ("missing_sheet", "missing_column") for problem in cell_problems):
        raise InputError(cell_problems)
    try:
        unit = build_unit(reader.data, reader.locate)
    except InputError as exc:
        # A cell that could not be read is reported once, by the reader, not again as "missing".
        seen = {
            (p.location.sheet, p.location.row, p.location.column)
            for p in cell_problems
            if p.location
        }
        extra = [
            p
            for p in exc.problems
            if not p.location or (p.location.sheet, p.location.row, p.location.column) not in seen
        ]
        if cell_problems:
            # A row with an unreadable cell falls back to defaults (all weekdays), which would
            # make it seem to overlap its neighbours: say nothing of overlaps until it is fixed.
            extra = [p for p in extra if p.code != "overlapping_demand"]
        raise InputError(cell_problems + extra) from None
    if cell_problems:
        raise InputError(cell_problems)
    return unit


def _store_key_values(
    reader: _Reader,
    section: str,
    values: dict[str, tuple[Any, Location]],
    keep: dict[str, Any] | None = None,
) -> None:
    target: dict[str, Any] = dict(keep or {})
    for key, (value, location) in values.items():
        target[key] = value
        reader.origins[(section, key)] = location
    reader.data[section] = target


def _read_unit_sheet(reader: _Reader, sheet: Worksheet | None) -> None:
    values = _read_key_values(reader, sheet, UNIT_SHEET)
    for key, (value, location) in values.items():
        reader.data[key] = value
        reader.origins[(key,)] = location
    if sheet is not None and "name" not in values:
        reader.origins[("name",)] = reader.where("Enhet", 2, "Verdi")


def _read_tables(reader: _Reader, sheets: dict[str, Worksheet | None]) -> None:
    shifts = []
    for index, (row_number, values, locations) in enumerate(
        _read_table(reader, sheets["Vakter"], SHIFTS)
    ):
        shifts.append(values)
        _remember(reader, ("shift_types", index), row_number, "Vakter", locations)
    reader.data["shift_types"] = shifts
    reader.origins[("shift_types",)] = reader.where("Vakter")

    competences = []
    pay: dict[str, Any] = {}
    for index, (row_number, values, locations) in enumerate(
        _read_table(reader, sheets["Kompetanse"], COMPETENCES)
    ):
        annual_pay = values.pop("annual_pay", None)
        if annual_pay is not None and "code" in values:
            pay[str(values["code"])] = annual_pay
            reader.origins[("budget", "pay_per_competence", str(values["code"]))] = locations[
                "annual_pay"
            ]
        competences.append(values)
        _remember(reader, ("competences", index), row_number, "Kompetanse", locations)
    reader.data["competences"] = competences
    reader.origins[("competences",)] = reader.where("Kompetanse")
    reader.origins[("budget", "pay_per_competence")] = reader.where(
        "Kompetanse", None, "Årslønn 100 % (kr)"
    )
    reader.data["budget"] = {"pay_per_competence": pay} if pay else {}

    employees = []
    for index, (row_number, values, locations) in enumerate(
        _read_table(reader, sheets["Ansatte"], EMPLOYEES)
    ):
        record: dict[str, Any] = {}
        overrides: dict[str, Any] = {}
        for name, value in values.items():
            if name.startswith("rules."):
                overrides[name.removeprefix("rules.")] = value
                reader.origins[("employees", index, "rules", name.removeprefix("rules."))] = (
                    locations[name]
                )
            else:
                record[name] = value
        if overrides:
            record["rules"] = overrides
        employees.append(record)
        _remember(reader, ("employees", index), row_number, "Ansatte", locations)
    reader.data["employees"] = employees

    demand = []
    for index, (row_number, values, locations) in enumerate(
        _read_table(reader, sheets["Bemanning"], DEMAND)
    ):
        demand.append(values)
        _remember(reader, ("demand", index), row_number, "Bemanning", locations)
    reader.data["demand"] = demand

    _read_wishes(reader, sheets["Ønsker"], employees)


def _remember(
    reader: _Reader, path: Path, row_number: int, sheet: str, locations: dict[str, Location]
) -> None:
    reader.origins[path] = reader.where(sheet, row_number)
    for name, location in locations.items():
        if "." not in name:
            reader.origins[(*path, name)] = location


def _read_wishes(reader: _Reader, sheet: Worksheet | None, employees: list[dict[str, Any]]) -> None:
    index_by_id = {str(record.get("id")): index for index, record in enumerate(employees)}
    for row_number, values, locations in _read_table(reader, sheet, WISHES):
        if any(name not in values for name in ("employee", "week", "weekday", "kind")):
            if any(
                p.location and p.location.sheet == "Ønsker" and p.location.row == row_number
                for p in reader.problems
            ):
                continue  # the unreadable cell is reported already
            reader.problems.append(
                error(
                    "Raden mangler Ansatt-ID, Uke, Dag eller Type.",
                    "The row lacks the employee id, week, day or type.",
                    code="incomplete_wish",
                ).located(reader.where("Ønsker", row_number))
            )
            continue
        employee_id = str(values["employee"])
        if employee_id not in index_by_id:
            reader.problems.append(
                error(
                    f"Ukjent ansatt-ID «{employee_id}»; den må stå i arket Ansatte.",
                    f"Unknown employee id '{employee_id}'; it must be listed on the Ansatte sheet.",
                    code="unknown_employee",
                ).located(locations["employee"])
            )
            continue
        kind = WISH_KINDS.get(str(values["kind"]).strip().lower())
        if kind is None:
            reader.problems.append(
                error(
                    f"Ukjent type «{values['kind']}»; bruk {', '.join(WISH_KINDS)}.",
                    f"Unknown type '{values['kind']}'; use {', '.join(WISH_KINDS)}.",
                    code="unknown_wish_kind",
                ).located(locations["kind"])
            )
            continue
        week = values["week"]
        if not isinstance(week, int) or isinstance(week, bool) or week < 1:
            reader.problems.append(
                error(
                    f"Uke «{week}» er ikke et ukenummer (1, 2, ...).",
                    f"Week '{week}' is not a week number (1, 2, ...).",
                    code="bad_week",
                ).located(locations["week"])
            )
            continue
        day = (week - 1) * 7 + int(values["weekday"])
        record = employees[index_by_id[employee_id]]
        employee_index = index_by_id[employee_id]
        shift = values.get("shift")
        row_location = reader.where("Ønsker", row_number)
        locations = {
            name: locations.get(name, row_location)
            for name in ("employee", "week", "weekday", "shift", "kind", "weight")
        }
        if kind == "unavailable":
            days = record.setdefault("unavailable_days", [])
            reader.origins[("employees", employee_index, "unavailable_days", len(days))] = (
                locations["week"]
            )
            reader.origins.setdefault(
                ("employees", employee_index, "unavailable_days"), locations["week"]
            )
            days.append(day)
        elif kind == "pin":
            pins = record.setdefault("pins", [])
            _remember(
                reader,
                ("employees", employee_index, "pins", len(pins)),
                row_number,
                "Ønsker",
                {"shift": locations["shift"], "day": locations["week"]},
            )
            pins.append({"day": day, "shift": shift})
        else:
            wishes = record.setdefault("wishes", [])
            _remember(
                reader,
                ("employees", employee_index, "wishes", len(wishes)),
                row_number,
                "Ønsker",
                {
                    "shift": locations["shift"],
                    "day": locations["week"],
                    "weight": locations["weight"],
                },
            )
            wish: dict[str, Any] = {"day": day, "kind": kind, "shift": shift}
            if "weight" in values:
                wish["weight"] = values["weight"]
            wishes.append(wish)
