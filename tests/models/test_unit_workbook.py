"""The input workbook: round trips, the empty template, and every problem at its sheet, row, column."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from models.demo import demo_unit
from models.loader import load_unit
from models.problems import InputError
from models.unit import Unit
from models.unit_workbook import (
    EMPLOYEES,
    GUIDE,
    SHEET_ORDER,
    TABLES,
    write_template,
    write_unit_workbook,
)

Where = tuple[str | None, int | None, str | None]


# Helpers -------------------------------------------------------------------------------------


def load_unit_or_error(path: Path) -> Unit | InputError:
    """The unit read from `path`, or the InputError it raised (any other exception propagates)."""
    try:
        return load_unit(path)
    except InputError as exc:
        return exc


def _open(data: bytes) -> Any:
    return load_workbook(BytesIO(data))


def _locations(exc: InputError) -> set[Where]:
    return {
        (p.location.sheet, p.location.row, p.location.column) if p.location else (None, None, None)
        for p in exc.problems
    }


def _load_error(workbook: Any, path: Path) -> InputError:
    workbook.save(path)
    with pytest.raises(InputError) as caught:
        load_unit(path)
    return caught.value


def _key_row(sheet: Any, key: str) -> int:
    """Row of a key/value sheet (Enhet, Regler, Budsjett) whose Nøkkel column holds `key`."""
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row=row, column=5).value == key:
            return int(row)
    raise AssertionError(f"no row with key {key}")


def _column(sheet: Any, header: str) -> int:
    """Column number (1-based) of a header in row 1."""
    for cell in sheet[1]:
        if cell.value == header:
            return int(cell.column)
    raise AssertionError(f"no column {header}")


def _set(workbook: Any, sheet: str, row: int, header: str, value: Any) -> Where:
    """Write `value` under `header` on `row`; the location a problem there should carry."""
    ws = workbook[sheet]
    ws.cell(row=row, column=_column(ws, header)).value = value  # value=None would not clear
    return (sheet, row, header)


def _set_key(workbook: Any, sheet: str, key: str, value: Any) -> Where:
    ws = workbook[sheet]
    row = _key_row(ws, key)
    ws.cell(row=row, column=2).value = value
    return (sheet, row, "Verdi")


def _wishes(workbook: Any, *rows: tuple[Any, ...]) -> None:
    """Replace every wish row with `rows` (Ansatt-ID, Uke, Dag, Vakt, Type, Vekt), from row 2."""
    ws = workbook["Ønsker"]
    if ws.max_row > 1:
        ws.delete_rows(2, ws.max_row - 1)
    for row_number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            ws.cell(row=row_number, column=column).value = value


def _first_id(workbook: Any) -> str:
    return str(workbook["Ansatte"]["A2"].value)


def _rich_unit_data() -> dict[str, Any]:
    """A unit using every part the workbook carries: pins, wishes, overrides, dated demand."""
    return {
        "name": "Testavdeling",
        "municipality": "Kautokeino",
        "service": "hjemmetjeneste",
        "weeks": 4,
        "start_date": "2027-01-04",
        "shift_types": [
            {
                "code": "D",
                "name": "Dag",
                "start": "07:30",
                "end": "15:00",
                "paid_minutes": 420,
                "forbidden_next": ["N"],
            },
            {"code": "A", "start": "14:30", "end": "22:00"},
            {
                "code": "N",
                "name": "Natt",
                "start": "21:45",
                "end": "07:45",
                "forbidden_next": ["D"],
            },
        ],
        "competences": [
            {"code": "SPL", "name": "Sykepleier", "covers": ["HFA"]},
            {"code": "HFA", "covers": ["ASS"]},
            {"code": "ASS"},
        ],
        "employees": [
            {
                "id": "1001",
                "name": "Kari Nordmann",
                "competence": "SPL",
                "position_pct": 80,
                "desired_pct": 100,
                "min_pct": 50,
                "max_pct": 100,
                "languages": ["se", "smj"],
                "annual_pay": 600000,
                "seniority_years": 10,
                "age": 61,
                "rules": {
                    "weekend_every": 2,
                    "max_consecutive_days": 4,
                    "max_consecutive_nights": 2,
                    "min_consecutive_days_off": 2,
                    "hours_tolerance_h_per_week": 1.5,
                    "three_shift": True,
                },
                "unavailable_days": [3, 10],
                "pins": [{"day": 0, "shift": "D"}, {"day": 8, "shift": "A"}],
                "wishes": [
                    {"day": 5, "kind": "off"},
                    {"day": 6, "shift": "N", "kind": "off", "weight": 5},
                    {"day": 12, "shift": "D", "kind": "on", "weight": 3},
                    {"day": 20, "kind": "on"},
                ],
            },
            {
                "id": "B2",
                "competence": "HFA",
                "position_pct": 75.5,
                "allowed_shifts": ["N"],
                "rules": {"min_hours": 100, "max_hours": 110.5, "three_shift": False},
                "pins": [{"day": 27, "shift": "N"}],
            },
            {"id": "V1", "name": "Vakant", "competence": "ASS", "position_pct": 50, "vacant": True},
        ],
        "demand": [
            {
                "shift": "D",
                "weekdays": [0, 1, 2, 3, 4],
                "min": 2,
                "target": 3,
                "competence_min": {"SPL": 1, "HFA": 1},
                "language_min": {"se": 1},
                "weight_under": 12.5,
                "weight_over": 0.5,
            },
            {"shift": "A", "days": [0, 1, 2, 7, 8, 9, 27], "min": 1},
            {"shift": "N", "weekdays": [5, 6], "days": [5, 6, 12], "min": 1},
        ],
        "rules": {
            "cyclic": False,
            "daily_rest_h": 9,
            "weekend_every": 2,
            "whole_weekends": False,
            "max_hours_per_7_days": 50,
            "hours_tolerance_h_per_week": 1,
        },
        "budget": {
            "budget_frame_nok": 5000000,
            "fte_frame": 3.5,
            "pay_per_competence": {"SPL": 560000, "HFA": 480000.5},
            "employer_tax_zone": "V",
            "pension_pct": 17.5,
            "budget_year": 2028,
            "pay_year": 2026,
            "wage_growth_pct": 3.2,
        },
    }


# Round trips ---------------------------------------------------------------------------------


def _round_trip(unit: Unit, folder: Path) -> None:
    first = folder / "first.xlsx"
    write_unit_workbook(unit, first)
    read = load_unit(first)
    assert read == unit
    second = folder / "second.xlsx"
    write_unit_workbook(read, second)
    assert load_unit(second) == unit


@pytest.mark.parametrize("name", ["sykehjem", "bofellesskap"])
def test_demo_round_trip(name: str, tmp_path: Path) -> None:
    """A demo unit written as a workbook reads back equal, and again after a second write."""
    _round_trip(demo_unit(name), tmp_path)


def test_rich_unit_round_trip(tmp_path: Path) -> None:
    """Pins, wishes, unavailable days, overrides (a three-shift status yes and no among them),
    dated demand and start date survive a round trip."""
    unit = Unit.model_validate(_rich_unit_data())
    assert unit.start_date == date(2027, 1, 4)
    assert unit.employees[0].pins
    assert unit.employees[0].wishes
    _round_trip(unit, tmp_path)


def test_budget_year_and_wage_growth_on_budsjett(tmp_path: Path) -> None:
    """Budget year, pay year and wage growth are Budsjett rows with bokmål labels, and read back."""
    unit = Unit.model_validate(_rich_unit_data())
    path = tmp_path / "enhet.xlsx"
    write_unit_workbook(unit, path)
    sheet = load_workbook(path)["Budsjett"]
    rows = {
        key: (
            sheet.cell(row=_key_row(sheet, key), column=1).value,
            sheet.cell(row=_key_row(sheet, key), column=2).value,
        )
        for key in ("budget_year", "pay_year", "wage_growth_pct")
    }
    assert rows == {
        "budget_year": ("Budsjettår", 2028),
        "pay_year": ("Lønnstall gjelder for år", 2026),
        "wage_growth_pct": ("Lønnsvekst per år (%)", 3.2),
    }
    budget = load_unit(path).budget
    assert (budget.budget_year, budget.pay_year, budget.wage_growth_pct) == (2028, 2026, 3.2)


def test_rich_unit_wish_rows(tmp_path: Path) -> None:
    """Wishes, pins and unavailable days become Ønsker rows with week, weekday and type."""
    path = tmp_path / "enhet.xlsx"
    write_unit_workbook(Unit.model_validate(_rich_unit_data()), path)
    rows = list(load_workbook(path)["Ønsker"].iter_rows(min_row=2, values_only=True))
    assert ("1001", 1, "To", None, "kan ikke", None) in rows
    assert ("1001", 2, "Ti", "A", "fast vakt", None) in rows
    assert ("1001", 1, "Sø", "N", "ønsker fri", 5) in rows
    assert ("1001", 2, "Lø", "D", "ønsker vakt", 3) in rows
    assert ("B2", 4, "Sø", "N", "fast vakt", None) in rows
    assert len(rows) == 2 + 3 + 4  # unavailable days, pins, wishes


def test_example_workbook_is_the_sykehjem_demo(
    example_workbook_bytes: bytes, tmp_path: Path
) -> None:
    """write_template(example=True) writes the sykehjem demo, which loads without problems."""
    path = tmp_path / "eksempel.xlsx"
    path.write_bytes(example_workbook_bytes)
    assert load_unit(path) == demo_unit("sykehjem")


# The empty template --------------------------------------------------------------------------


@pytest.fixture
def template(tmp_path: Path) -> Any:
    path = tmp_path / "mal.xlsx"
    write_template(path)
    return load_workbook(path)


def test_template_sheets_in_order(template: Any) -> None:
    """The empty template has the eight input sheets and Veiledning, in that order."""
    assert template.sheetnames == [
        "Enhet",
        "Vakter",
        "Kompetanse",
        "Ansatte",
        "Bemanning",
        "Regler",
        "Budsjett",
        "Ønsker",
        "Veiledning",
    ]
    assert [*SHEET_ORDER, GUIDE] == template.sheetnames


def test_template_header_rows_frozen(template: Any) -> None:
    """Every input sheet keeps its header row in view (freeze_panes A2)."""
    for name in SHEET_ORDER:
        assert template[name].freeze_panes == "A2", name


def test_template_table_headers_match_spec(template: Any) -> None:
    """Each table sheet's first row is exactly its spec's column headers, and has no data rows."""
    for spec in TABLES:
        sheet = template[spec.name]
        headers = [cell.value for cell in sheet[1]]
        assert headers == [column.header for column in spec.columns], spec.name
        assert sheet.max_row == 1, spec.name


def _validations(sheet: Any) -> list[tuple[str, str]]:
    return [(str(dv.formula1), str(dv.sqref)) for dv in sheet.data_validations.dataValidation]


def test_template_dropdown_for_competence_on_ansatte(template: Any) -> None:
    """Ansatte's Kompetanse column has a drop-down drawing on the Kompetanse sheet."""
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[_column(template["Ansatte"], "Kompetanse") - 1]
    found = [
        (formula, ranges)
        for formula, ranges in _validations(template["Ansatte"])
        if "Kompetanse" in formula
    ]
    assert len(found) == 1
    assert found[0][1].startswith(f"{letter}2:")


def test_template_dropdown_for_shift_on_bemanning(template: Any) -> None:
    """Bemanning's Vakt column has a drop-down drawing on the Vakter sheet."""
    found = [
        (formula, ranges)
        for formula, ranges in _validations(template["Bemanning"])
        if "Vakter" in formula
    ]
    assert len(found) == 1
    assert found[0][1].startswith("A2:")


def test_template_regler_has_default_rules(template: Any) -> None:
    """The empty template's Regler sheet holds the law's defaults (daily rest 11, weekly rest 35)."""
    regler = template["Regler"]
    assert regler.cell(row=_key_row(regler, "daily_rest_h"), column=2).value == 11
    assert regler.cell(row=_key_row(regler, "weekly_rest_h"), column=2).value == 35
    assert regler.cell(row=_key_row(regler, "cyclic"), column=2).value == "ja"


def test_guide_mentions_every_column(template: Any) -> None:
    """Veiledning names every column header of every table sheet and every key/value label."""
    guide = template[GUIDE]
    mentioned = {
        str(value)
        for value in next(iter(guide.iter_cols(min_col=2, max_col=2, values_only=True)))
        if value
    }
    for spec in TABLES:
        for column in spec.columns:
            assert column.header in mentioned, (spec.name, column.header)
    guide_text = " ".join(str(v) for row in guide.iter_rows(values_only=True) for v in row if v)
    for name in ("Enhet", "Regler", "Budsjett"):
        sheet = template[name]
        for row in range(2, sheet.max_row + 1):
            assert str(sheet.cell(row=row, column=1).value) in guide_text, (name, row)
        assert name in guide_text


def test_empty_template_does_not_load(tmp_path: Path) -> None:
    """The empty template is not a unit: the missing name is reported on Enhet, row of Navn."""
    path = tmp_path / "mal.xlsx"
    write_template(path)
    with pytest.raises(InputError) as caught:
        load_unit(path)
    assert ("Enhet", 2, "Verdi") in _locations(caught.value)


# Bad inputs: each problem at its exact sheet, row and column ---------------------------------


@dataclass(frozen=True)
class Case:
    """A change to the example workbook and the locations of the problems it must cause."""

    id: str
    edit: Callable[[Any], set[Where]]


def _unknown_shift_in_demand(wb: Any) -> set[Where]:
    return {_set(wb, "Bemanning", 2, "Vakt", "X")}


def _unknown_competence(wb: Any) -> set[Where]:
    return {_set(wb, "Ansatte", 2, "Kompetanse", "LEGE")}


def _position_120(wb: Any) -> set[Where]:
    return {_set(wb, "Ansatte", 2, "Stilling %", 120)}


def _position_abc(wb: Any) -> set[Where]:
    return {_set(wb, "Ansatte", 2, "Stilling %", "abc")}


def _duplicate_employee(wb: Any) -> set[Where]:
    return {("Ansatte", 2, "ID"), _set(wb, "Ansatte", 3, "ID", _first_id(wb))}


def _duplicate_shift(wb: Any) -> set[Where]:
    row = wb["Vakter"].max_row + 1
    _set(wb, "Vakter", row, "Start", time(9, 0))
    _set(wb, "Vakter", row, "Slutt", time(17, 0))
    return {("Vakter", 2, "Kode"), _set(wb, "Vakter", row, "Kode", wb["Vakter"]["A2"].value)}


def _zero_length_shift(wb: Any) -> set[Where]:
    start = wb["Vakter"].cell(row=2, column=_column(wb["Vakter"], "Start")).value
    return {_set(wb, "Vakter", 2, "Slutt", start)}


def _start_25_99(wb: Any) -> set[Where]:
    return {_set(wb, "Vakter", 2, "Start", "25:99")}


def _overlapping_demand(wb: Any) -> set[Where]:
    # Row 2 is D on Ma-Fr; a new row for D on Ma overlaps it.
    assert wb["Bemanning"]["B2"].value == "Ma-Fr"
    row = wb["Bemanning"].max_row + 1
    _set(wb, "Bemanning", row, "Vakt", wb["Bemanning"]["A2"].value)
    _set(wb, "Bemanning", row, "Min", 1)
    return {_set(wb, "Bemanning", row, "Ukedager", "Ma")}


def _daily_rest_7(wb: Any) -> set[Where]:
    return {_set_key(wb, "Regler", "daily_rest_h", 7)}


def _weekly_rest_20(wb: Any) -> set[Where]:
    return {_set_key(wb, "Regler", "weekly_rest_h", 20)}


def _hours_per_7_days_60(wb: Any) -> set[Where]:
    return {_set_key(wb, "Regler", "max_hours_per_7_days", 60)}


def _bad_language_code(wb: Any) -> set[Where]:
    return {_set(wb, "Ansatte", 2, "Språk", "S E")}


def _unknown_language_in_demand(wb: Any) -> set[Where]:
    return {_set(wb, "Bemanning", 2, "Språkkrav", "1x=1")}


def _weekday_xy(wb: Any) -> set[Where]:
    return {_set(wb, "Bemanning", 2, "Ukedager", "Xy")}


def _competence_requirement_format(wb: Any) -> set[Where]:
    return {_set(wb, "Bemanning", 2, "Kompetansekrav", "SPL 1")}


def _wish_unknown_employee(wb: Any) -> set[Where]:
    _wishes(wb, ("999999", 1, "Ma", None, "ønsker fri"))
    return {("Ønsker", 2, "Ansatt-ID")}


def _wish_kind_kanskje(wb: Any) -> set[Where]:
    _wishes(wb, (_first_id(wb), 1, "Ma", None, "kanskje"))
    return {("Ønsker", 2, "Type")}


def _wish_week_9(wb: Any) -> set[Where]:
    assert wb["Enhet"].cell(row=_key_row(wb["Enhet"], "weeks"), column=2).value == 6
    _wishes(wb, (_first_id(wb), 9, "Ma", None, "ønsker fri"))
    return {("Ønsker", 2, "Uke")}


def _wish_unknown_shift(wb: Any) -> set[Where]:
    _wishes(wb, (_first_id(wb), 1, "Ma", "X", "ønsker vakt"))
    return {("Ønsker", 2, "Vakt")}


def _wish_weight_5000(wb: Any) -> set[Where]:
    _wishes(wb, (_first_id(wb), 1, "Ma", None, "ønsker fri", 5000))
    return {("Ønsker", 2, "Vekt")}


def _second_unavailable_day_out_of_range(wb: Any) -> set[Where]:
    employee = _first_id(wb)
    _wishes(wb, (employee, 1, "Ma", None, "kan ikke"), (employee, 9, "Ma", None, "kan ikke"))
    return {("Ønsker", 3, "Uke")}


def _pin_on_unavailable_day(wb: Any) -> set[Where]:
    employee = _first_id(wb)
    _wishes(wb, (employee, 2, "On", None, "kan ikke"), (employee, 2, "On", "D", "fast vakt"))
    return {("Ønsker", 3, "Uke")}


def _target_below_min(wb: Any) -> set[Where]:
    minimum = wb["Bemanning"].cell(row=2, column=_column(wb["Bemanning"], "Min")).value
    return {_set(wb, "Bemanning", 2, "Ønsket", int(minimum) - 1)}


def _forbidden_next_unknown(wb: Any) -> set[Where]:
    return {_set(wb, "Vakter", 2, "Kan ikke følges av", "X")}


def _vacant_kanskje(wb: Any) -> set[Where]:
    return {_set(wb, "Ansatte", 2, "Vakant", "kanskje")}


def _start_not_monday(wb: Any) -> set[Where]:
    return {_set_key(wb, "Enhet", "start_date", date(2027, 1, 5))}


def _weeks_0(wb: Any) -> set[Where]:
    return {_set_key(wb, "Enhet", "weeks", 0)}


def _name_empty(wb: Any) -> set[Where]:
    return {_set_key(wb, "Enhet", "name", None)}


def _missing_sheet(wb: Any) -> set[Where]:
    wb.remove(wb["Vakter"])
    return {("Vakter", None, None)}


def _missing_column(wb: Any) -> set[Where]:
    wb["Bemanning"].cell(row=1, column=_column(wb["Bemanning"], "Min")).value = None
    return {("Bemanning", 1, "Min")}


def _employer_tax_zone(wb: Any) -> set[Where]:
    return {_set_key(wb, "Budsjett", "employer_tax_zone", "VI")}


def _budget_year_text(wb: Any) -> set[Where]:
    return {_set_key(wb, "Budsjett", "budget_year", "neste år")}


def _pay_year_fraction(wb: Any) -> set[Where]:
    return {_set_key(wb, "Budsjett", "pay_year", 2025.5)}


def _wage_growth_too_high(wb: Any) -> set[Where]:
    return {_set_key(wb, "Budsjett", "wage_growth_pct", 80)}


def _yes_no_rule(wb: Any) -> set[Where]:
    return {_set_key(wb, "Regler", "cyclic", "kanskje")}


def _uncalculated_formula(wb: Any) -> set[Where]:
    # openpyxl writes a formula without its value, as a program that does not calculate would.
    return {_set(wb, "Ansatte", 3, "Stilling %", "=40+40")}


def _misspelt_header(wb: Any) -> set[Where]:
    ws = wb["Ansatte"]
    column = _column(ws, "Ønsket %")
    ws.cell(row=1, column=column).value = "Ønsket prosent"
    return {("Ansatte", 1, "Ønsket prosent")}


def _duplicate_header(wb: Any) -> set[Where]:
    ws = wb["Ansatte"]
    column = ws.max_column + 1
    ws.cell(row=1, column=column).value = "Stilling %"
    ws.cell(row=2, column=column).value = 50
    return {("Ansatte", 1, "Stilling %")}


def _unknown_rules_row(wb: Any) -> set[Where]:
    ws = wb["Regler"]
    row = ws.max_row + 1
    ws.cell(row=row, column=1).value = "Maks nattevakter i måneden"
    ws.cell(row=row, column=2).value = 6
    return {("Regler", row, "Felt")}


def _covers_unknown(wb: Any) -> set[Where]:
    return {_set(wb, "Kompetanse", 2, "Kan dekke", "XYZ")}


def _max_hours_above_law(wb: Any) -> set[Where]:
    return {_set(wb, "Ansatte", 2, "Maks timer i turnus", 1000)}


def _demand_day_out_of_range(wb: Any) -> set[Where]:
    return {_set(wb, "Bemanning", 2, "Dager", "50")}


def _pay_not_a_number(wb: Any) -> set[Where]:
    return {_set(wb, "Kompetanse", 2, "Årslønn 100 % (kr)", "mye")}


def _pay_negative(wb: Any) -> set[Where]:
    # An employee's own annual pay must be >= 0; the competence's pay is the same kind of number.
    return {_set(wb, "Kompetanse", 2, "Årslønn 100 % (kr)", -5)}


CASES = [
    Case("unknown-shift-in-bemanning", _unknown_shift_in_demand),
    Case("unknown-competence-in-ansatte", _unknown_competence),
    Case("position-120", _position_120),
    Case("position-abc", _position_abc),
    Case("duplicate-employee-id", _duplicate_employee),
    Case("duplicate-shift-code", _duplicate_shift),
    Case("zero-length-shift", _zero_length_shift),
    Case("start-25-99", _start_25_99),
    Case("overlapping-demand", _overlapping_demand),
    Case("daily-rest-7", _daily_rest_7),
    Case("weekly-rest-20", _weekly_rest_20),
    Case("max-hours-per-7-days-60", _hours_per_7_days_60),
    Case("unknown-rules-row", _unknown_rules_row),
    Case("misspelt-header", _misspelt_header),
    Case("duplicate-header", _duplicate_header),
    Case("uncalculated-formula", _uncalculated_formula),
    Case("bad-language-code-in-ansatte", _bad_language_code),
    Case("unknown-language-in-bemanning", _unknown_language_in_demand),
    Case("weekday-xy", _weekday_xy),
    Case("competence-requirement-format", _competence_requirement_format),
    Case("wish-unknown-employee", _wish_unknown_employee),
    Case("wish-type-kanskje", _wish_kind_kanskje),
    Case("wish-week-9-of-6", _wish_week_9),
    Case("wish-unknown-shift", _wish_unknown_shift),
    Case("wish-weight-5000", _wish_weight_5000),
    Case("second-unavailable-day-out-of-range", _second_unavailable_day_out_of_range),
    Case("pin-on-unavailable-day", _pin_on_unavailable_day),
    Case("target-below-min", _target_below_min),
    Case("forbidden-next-unknown-shift", _forbidden_next_unknown),
    Case("vacant-kanskje", _vacant_kanskje),
    Case("start-date-not-monday", _start_not_monday),
    Case("weeks-0", _weeks_0),
    Case("name-empty", _name_empty),
    Case("missing-sheet-vakter", _missing_sheet),
    Case("missing-column-min", _missing_column),
    Case("employer-tax-zone-vi", _employer_tax_zone),
    Case("budget-year-text", _budget_year_text),
    Case("pay-year-fraction", _pay_year_fraction),
    Case("wage-growth-80", _wage_growth_too_high),
    Case("yes-no-rule-kanskje", _yes_no_rule),
    Case("covers-unknown-competence", _covers_unknown),
    Case("max-hours-above-law", _max_hours_above_law),
    Case("demand-day-out-of-range", _demand_day_out_of_range),
    Case("pay-not-a-number", _pay_not_a_number),
    Case("pay-negative", _pay_negative),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_located_exactly(
    case: Case, example_workbook_bytes: bytes, tmp_path: Path
) -> None:
    """One bad change to the example workbook gives InputError at exactly the changed cell(s)."""
    workbook = _open(example_workbook_bytes)
    expected = case.edit(workbook)
    error = _load_error(workbook, tmp_path / "enhet.xlsx")
    assert error.problems
    assert _locations(error) == expected, error.describe("en")
    assert all(p.location and p.location.file == "enhet.xlsx" for p in error.problems)


def _two(*edits: Callable[[Any], set[Where]]) -> Callable[[Any], set[Where]]:
    def edit(wb: Any) -> set[Where]:
        expected: set[Where] = set()
        for one in edits:
            expected |= one(wb)
        return expected

    return edit


MULTI = [
    Case("cell-and-cell", _two(_vacant_kanskje, _competence_requirement_format)),
    Case("field-and-field", _two(_position_120, _daily_rest_7)),
    Case("field-and-reference", _two(_position_120, _unknown_shift_in_demand)),
    Case("cell-and-reference", _two(_vacant_kanskje, _unknown_shift_in_demand)),
    Case("reference-and-reference", _two(_unknown_competence, _forbidden_next_unknown)),
    Case("wish-and-rule", _two(_wish_kind_kanskje, _weekly_rest_20)),
    Case(
        "three-sheets",
        _two(_start_not_monday, _unknown_shift_in_demand, _hours_per_7_days_60),
    ),
]


@pytest.mark.parametrize("case", MULTI, ids=[case.id for case in MULTI])
def test_several_problems_all_reported(
    case: Case, example_workbook_bytes: bytes, tmp_path: Path
) -> None:
    """Bad cells on different sheets are all reported in one InputError, each at its cell."""
    workbook = _open(example_workbook_bytes)
    expected = case.edit(workbook)
    assert len({sheet for sheet, _, _ in expected}) >= 2
    error = _load_error(workbook, tmp_path / "enhet.xlsx")
    assert len(error.problems) >= len(expected)
    assert _locations(error) == expected, error.describe("en")


# Optional columns ----------------------------------------------------------------------------


# Ansatte's optional columns are all read the same generic way; the others are each used by name.
OPTIONAL = [
    (spec.name, column.header)
    for spec in TABLES
    if spec is not EMPLOYEES
    for column in spec.columns
    if not column.required
]


@pytest.mark.parametrize(
    ("sheet", "header"), OPTIONAL, ids=[f"{sheet}-{header}" for sheet, header in OPTIONAL]
)
def test_optional_column_may_be_removed(
    sheet: str, header: str, example_workbook_bytes: bytes, tmp_path: Path
) -> None:
    """Clearing the header of an optional column never crashes: the unit loads or InputError."""
    workbook = _open(example_workbook_bytes)
    assert workbook["Ønsker"].max_row > 1  # the example has wishes, so every Ønsker column is read
    workbook[sheet].cell(row=1, column=_column(workbook[sheet], header)).value = None
    path = tmp_path / "enhet.xlsx"
    workbook.save(path)
    result = load_unit_or_error(path)
    if isinstance(result, InputError):
        assert result.problems
    else:
        assert result.name == demo_unit("sykehjem").name


# Messages ------------------------------------------------------------------------------------


def test_messages_norwegian_by_default_english_on_request(
    example_workbook_bytes: bytes, tmp_path: Path
) -> None:
    """A located problem reads in Norwegian by default (ark, rad, kolonne), English on request."""
    workbook = _open(example_workbook_bytes)
    _unknown_shift_in_demand(workbook)
    error = _load_error(workbook, tmp_path / "enhet.xlsx")
    problem = error.problems[0]
    norwegian = problem.describe()
    assert norwegian == problem.describe("nb")
    assert "ark «Bemanning»" in norwegian
    assert "rad 2" in norwegian
    assert "kolonne «Vakt»" in norwegian
    assert "Ukjent vaktkode «X»" in norwegian
    english = problem.describe("en")
    assert "sheet 'Bemanning'" in english
    assert "row 2" in english
    assert "column 'Vakt'" in english
    assert "Unknown shift code 'X'" in english
    assert "ark" not in english
    assert error.describe() == norwegian
    assert str(error) == english


def test_cell_error_message_in_both_languages(
    example_workbook_bytes: bytes, tmp_path: Path
) -> None:
    """A cell the reader cannot parse has its message in Norwegian and English."""
    workbook = _open(example_workbook_bytes)
    _vacant_kanskje(workbook)
    problem = _load_error(workbook, tmp_path / "enhet.xlsx").problems[0]
    assert "ikke ja eller nei" in problem.describe("nb")
    assert "ark «Ansatte»" in problem.describe("nb")
    assert "not yes" in problem.describe("en")


# Files that are not workbooks ----------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"", b"this is not a workbook", b"PK\x03\x04 truncated zip", b"name: x\n"],
    ids=["empty", "text", "broken-zip", "yaml-text"],
)
def test_not_a_workbook(content: bytes, tmp_path: Path) -> None:
    """A file with .xlsx suffix that is not a workbook gives InputError not_a_workbook."""
    path = tmp_path / "enhet.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_unit(path)
    assert [p.code for p in caught.value.problems] == ["not_a_workbook"]
    location = caught.value.problems[0].location
    assert location is not None
    assert location.file == "enhet.xlsx"


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    """A valid zip archive that is no workbook gives InputError not_a_workbook."""
    import zipfile

    path = tmp_path / "enhet.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hei")
    with pytest.raises(InputError) as caught:
        load_unit(path)
    assert [p.code for p in caught.value.problems] == ["not_a_workbook"]


def test_workbook_without_any_input_sheet(tmp_path: Path) -> None:
    """A real workbook lacking the input sheets reports each required sheet as missing."""
    path = tmp_path / "enhet.xlsx"
    Workbook().save(path)
    with pytest.raises(InputError) as caught:
        load_unit(path)
    assert _locations(caught.value) == {
        (name, None, None) for name in ("Enhet", "Vakter", "Kompetanse", "Ansatte", "Bemanning")
    }
    assert {p.code for p in caught.value.problems} == {"missing_sheet"}
