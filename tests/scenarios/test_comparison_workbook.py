"""The comparison workbook, CSV and JSON: one row per scenario with the runner's numbers, native
charts, a cost sheet that explains every krone, a rota sheet per scenario under a valid name."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, cast

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from models.problems import Language
from models.unit import Unit
from rota.check import check
from rota.cost import LABELS, CostKind, cost
from rota.params import SolveParams
from rota.result import Result, Status
from scenarios.comparison_workbook import (
    GAP_FILL,
    KRONER_FORMAT,
    SHARE_FORMAT,
    _csv_text,
    comparison_json,
    comparison_rows,
    header,
    unique_sheet_name,
    write_comparison_workbook,
    write_csv,
    write_json,
)
from scenarios.demo import demo_scenario_files
from scenarios.kpi import kpis
from scenarios.labels import status_label
from scenarios.rota_workbook import RED
from scenarios.runner import Comparison, Scenario, ScenarioOutcome, solve_scenario
from scenarios.scenario import load_scenario
from tests.rota.conftest import rota_of, two_shift_unit
from tests.rota.test_cost import priced_unit

PARAMS = SolveParams(deterministic=True, time_limit_s=5)
LONG = "Heltid: alle i 100 % / [uten kveld] og flere ord"
# D needs a sykepleier, A wants a North Sami speaker: a hand-made rota leaves gaps in both.
GAP_DEMAND: list[dict[str, Any]] = [
    {"shift": "D", "min": 1, "competence_min": {"SPL": 1}},
    {"shift": "A", "min": 0, "target": 1, "language_min": {"se": 1}},
]


def ward(
    frame: float = 2_000_000, kari_pct: float = 40, demand: list[dict[str, Any]] | None = None
) -> Unit:
    """The two-shift unit with pay and a budget frame; Ola (40 %) wants 80 %."""
    data = two_shift_unit()
    data["employees"][0]["position_pct"] = kari_pct
    data["employees"][1]["desired_pct"] = 80
    data["budget"] = {
        "pay_per_competence": {"SPL": 600_000, "HFA": 450_000},
        "budget_frame_nok": frame,
        "fte_frame": 1.0,
        "agency_hour_nok": 900,
    }
    if demand is not None:
        data["demand"] = demand
    return Unit.model_validate(data)


def outcome_of(name: str, unit: Unit, rows: dict[str, str]) -> ScenarioOutcome:
    """An outcome around a hand-made rota, measured as the runner measures a solved one."""
    rota = rota_of(unit, rows)
    result = Result(Status.FEASIBLE, rota, 0.0, 0.0, 0.1)
    findings = check(unit, rota)
    breakdown = cost(unit, rota)
    return ScenarioOutcome(
        name, unit, result, findings, breakdown, kpis(name, unit, result, findings, breakdown)
    )


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    """Four scenarios: solved, two hand-made with gaps (one with a breach, both over budget and
    with names too long for a sheet), and one without a rota (hours cannot be met)."""
    over = ward(100_000, 100, GAP_DEMAND)
    return Comparison(
        [
            solve_scenario(Scenario("Dagens turnus", ward()), PARAMS),
            outcome_of(LONG, over, {"kari": "AD.....", "ola": "..DDD.."}),
            outcome_of(LONG + " (kopi)", over, {"kari": "D......", "ola": ".DDD..."}),
            solve_scenario(Scenario("Umulig", priced_unit()), PARAMS),
        ]
    )


@pytest.fixture(scope="module")
def workbooks(comparison: Comparison, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The comparison workbook in both languages, read back."""
    folder = tmp_path_factory.mktemp("comparison")
    books = {}
    for lang in ("nb", "en"):
        path = folder / f"{lang}.xlsx"
        write_comparison_workbook(comparison, path, lang=lang)
        books[lang] = load_workbook(path)
    return books


def table(sheet: Any, rows: int) -> list[dict[str, Any]]:
    """The first `rows` data rows of a sheet whose header is row 1, as dicts by header (up to
    the first column without one: the charts' labels stand apart after it)."""
    headers = [cell.value for cell in sheet[1]]
    if None in headers:
        headers = headers[: headers.index(None)]
    return [
        dict(zip(headers, values[: len(headers)], strict=True))
        for values in sheet.iter_rows(min_row=2, max_row=rows + 1, values_only=True)
    ]


def assert_same_rows(got: list[dict[str, Any]], want: list[dict[str, Any]]) -> None:
    """The same headers and values, numbers to within Excel's 15 significant digits."""
    assert [list(row) for row in got] == [list(row) for row in want]
    for mine, theirs in zip(got, want, strict=True):
        for key, value in theirs.items():
            if isinstance(value, float):
                assert mine[key] == pytest.approx(value, rel=1e-12), key
            else:
                assert mine[key] == value, key


def chart_title(title: Any) -> str:
    return "".join(run.t for paragraph in title.tx.rich.p for run in paragraph.r or [])


def test_the_scenarios_are_as_intended(comparison: Comparison) -> None:
    """The fixture has what the other tests rely on: a rota, gaps, a breach, one without rota."""
    first, long, copy, impossible = comparison.outcomes
    assert first.result.status.has_rota
    assert long.kpis.breaches >= 1
    assert long.kpis.cover_gap_by_competence["SPL"] > 0
    assert copy.kpis.cover_gap_by_language["se"] > 0
    assert long.kpis.budget_difference is not None
    assert long.kpis.budget_difference > 0
    assert impossible.result.status is Status.INFEASIBLE
    assert impossible.result.rota is None
    assert impossible.result.explanation


def test_comparison_sheet_has_the_runner_numbers(
    comparison: Comparison, workbooks: dict[str, Any]
) -> None:
    """Sammenligning is first, columns in the planner's order, one row per scenario with the same
    cost, heltidsandel, gaps and breaches as comparison.rows; empty where there is no rota."""
    workbook = workbooks["nb"]
    assert workbook.sheetnames[:3] == ["Sammenligning", "Kostnad", "Heltid"]
    sheet = workbook["Sammenligning"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[-1] == "Navn i diagrammene"  # the charts' labels, hidden after a gap
    headers = headers[: headers.index(None)]
    assert headers == [
        "Scenario",
        "Status",
        "Mangler i dekningen (vakttimer/uke)",
        "Mangler i alt (vakttimer/uke)",
        "Uunngåelige mangler (vakttimer/uke)",
        "Sikkert tall?",
        "Mangler SPL",
        "Mangler nordsamisk",
        "Årsverk brukt",
        "Årsverksramme",
        "Heltidsandel (ansatte)",
        "Heltidsandel (årsverk)",
        "Gj.sn. stilling %",
        "Uønsket deltid (ansatte)",
        "Uønsket deltid (årsverk)",
        "Årskostnad (kr)",
        "Budsjettramme (kr)",
        "Differanse (kr)",
        "Differanse %",
        "Kvikkvakter",
        "Helger per ansatt",
        "Regelbrudd",
    ]
    rows = table(sheet, len(comparison.outcomes))
    assert sheet.cell(len(comparison.outcomes) + 2, 1).value is None  # nothing more in the table
    assert_same_rows(rows, comparison_rows(comparison))
    for row, outcome in zip(rows, comparison.outcomes, strict=True):
        k = outcome.kpis
        assert row["Scenario"] == outcome.name
        assert row["Status"] == status_label(k.status)
        assert row["Heltidsandel (ansatte)"] == pytest.approx(k.fulltime_share_heads)
        assert row["Årsverk brukt"] == pytest.approx(k.fte_used)
        assert row["Budsjettramme (kr)"] == k.budget_frame
        if outcome.result.rota is None:
            assert row["Årskostnad (kr)"] is None
            assert row["Mangler i dekningen (vakttimer/uke)"] is None
            assert row["Regelbrudd"] is None
            continue
        assert outcome.cost is not None
        assert row["Årskostnad (kr)"] == pytest.approx(k.annual_cost)
        assert row["Årskostnad (kr)"] == pytest.approx(outcome.cost.total)
        assert row["Differanse (kr)"] == pytest.approx(k.budget_difference)
        assert row["Mangler i dekningen (vakttimer/uke)"] == pytest.approx(
            k.cover_gap_hours_per_week
        )
        assert row["Mangler SPL"] == pytest.approx(k.cover_gap_by_competence.get("SPL", 0.0))
        assert row["Mangler nordsamisk"] == pytest.approx(k.cover_gap_by_language.get("se", 0.0))
        assert row["Regelbrudd"] == k.breaches
        assert row["Mangler i alt (vakttimer/uke)"] == pytest.approx(k.gap_hours_per_week)
        assert row["Sikkert tall?"].startswith("Ja" if k.settled else "Nei")


def test_comparison_sheet_formats_and_colours(workbooks: dict[str, Any]) -> None:
    """Kroner with thousands separators, shares as percent, gaps red-ish, breaches red, cost over
    the frame in red text."""
    sheet = workbooks["nb"]["Sammenligning"]
    column = {cell.value: cell.column for cell in sheet[1]}
    first, long, copy = 2, 3, 4
    assert sheet.cell(first, column["Årskostnad (kr)"]).number_format == KRONER_FORMAT
    assert sheet.cell(first, column["Heltidsandel (ansatte)"]).number_format == SHARE_FORMAT
    assert sheet.cell(first, column["Mangler i dekningen (vakttimer/uke)"]).number_format == "0.0"

    def fill(row: int, header: str) -> str:
        return str(sheet.cell(row, column[header]).fill.fgColor.rgb)

    assert fill(long, "Mangler SPL") == GAP_FILL.fgColor.rgb
    assert fill(copy, "Mangler nordsamisk") == GAP_FILL.fgColor.rgb
    assert fill(first, "Mangler SPL") != GAP_FILL.fgColor.rgb
    assert fill(long, "Regelbrudd") == RED.fgColor.rgb
    assert fill(copy, "Regelbrudd") != RED.fgColor.rgb
    assert sheet.cell(long, column["Årskostnad (kr)"]).font.color.rgb == "00C00000"
    under = sheet.cell(first, column["Årskostnad (kr)"]).font.color
    assert under is None or under.rgb != "00C00000"


@pytest.mark.parametrize(
    ("lang", "titles"),
    [
        ("nb", ["Årskostnad mot budsjettramme", "Heltidsandel", "Mangler i dekningen"]),
        ("en", ["Annual cost against the budget frame", "Full-time share", "Cover gaps"]),
    ],
)
def test_three_native_bar_charts(workbooks: dict[str, Any], lang: str, titles: list[str]) -> None:
    """Three native bar charts under the table, titled in the chosen language, horizontal (the
    scenario names along the side, never slanted); cost against the frame has two series, one
    bar per scenario; the heltid axis ends at the next 10 % above the largest share, and the
    labels name a scenario without a rota as such."""
    sheet = workbooks[lang].worksheets[0]
    charts = sheet._charts
    assert [type(chart).__name__ for chart in charts] == ["BarChart"] * 3
    assert [chart.type for chart in charts] == ["bar"] * 3
    assert [chart_title(chart.title) for chart in charts] == titles
    assert [len(chart.series) for chart in charts] == [2, 1, 1]
    assert all(chart.y_axis.title is not None for chart in charts)
    assert charts[0].series[0].val.numRef.f.endswith("$2:$P$5")
    headers = [cell.value for cell in sheet[1]]
    share_column = headers.index(header("fulltime_heads", cast(Language, lang))) + 1
    shares = [sheet.cell(row, share_column).value for row in range(2, 6)]
    largest = max(share for share in shares if isinstance(share, int | float))
    assert largest < charts[1].y_axis.scaling.max <= min(1.0, largest + 0.1 + 1e-9)
    cat = charts[0].series[0].cat
    reference = (cat.strRef or cat.numRef).f
    column = reference.split("!")[1].split("$")[1]
    labels = [sheet[f"{column}{row}"].value for row in range(2, 6)]
    no_rota = "(ingen turnus)" if lang == "nb" else "(no rota)"
    assert any(label.endswith(no_rota) for label in labels)


def test_cost_sheet_totals_and_lines(comparison: Comparison, workbooks: dict[str, Any]) -> None:
    """Kostnad: a row per cost component, totals equal to each breakdown's total, budget frame
    and difference, then every cost line, summing per scenario to the same total."""
    sheet = workbooks["nb"]["Kostnad"]
    names = [cell.value for cell in sheet[1] if cell.value is not None][1:]
    assert names == [outcome.name for outcome in comparison.outcomes]
    by_label = {row[0]: row[1:] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    assert [sheet.cell(2 + i, 1).value for i in range(len(CostKind))] == [
        LABELS[kind][0] for kind in CostKind
    ]
    for column, outcome in enumerate(comparison.outcomes):
        if outcome.cost is None:
            assert by_label["Sum årskostnad"][column] is None
            continue
        assert by_label["Sum årskostnad"][column] == pytest.approx(outcome.cost.total)
        assert by_label["Budsjettramme"][column] == outcome.cost.budget_frame
        assert by_label["Differanse (kostnad − ramme)"][column] == pytest.approx(
            outcome.cost.difference
        )
        components = sum(by_label[LABELS[kind][0]][column] for kind in CostKind)
        assert components == pytest.approx(outcome.cost.total)

    start = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Scenario")
    lines = [row for row in sheet.iter_rows(min_row=start + 1, values_only=True) if row[3] != "Sum"]
    totals = {row[0]: row[4] for row in sheet.iter_rows(min_row=start + 1, values_only=True)}
    for outcome in comparison.outcomes:
        mine = [row for row in lines if row[0] == outcome.name]
        if outcome.cost is None:
            assert not mine
            continue
        assert len(mine) == len(outcome.cost.lines)
        assert sum(row[4] for row in mine) == pytest.approx(outcome.cost.total)
        assert totals[outcome.name] == pytest.approx(outcome.cost.total)
        assert all(row[5] for row in mine)  # every amount has its basis
    uncovered = next(row for row in lines if row[3] == LABELS[CostKind.UNCOVERED][0])
    assert uncovered[1:3] == (None, "Enheten")


def test_rota_sheets_have_valid_unique_names(
    comparison: Comparison, workbooks: dict[str, Any]
) -> None:
    """A rota sheet per scenario, named within Excel's rules and unique; laid out as Turnus; a
    scenario without a rota says so with its explanation."""
    workbook = workbooks["nb"]
    rota_sheets = workbook.sheetnames[3:]
    assert rota_sheets == [
        "Dagens turnus",
        "Heltid- alle i 100 % - (uten kv",
        "Heltid- alle i 100 % - (ute (2)",
        "Umulig",
    ]
    assert all(len(name) <= 31 for name in rota_sheets)
    turnus = workbook["Dagens turnus"]
    assert (turnus["A1"].value, turnus["D1"].value, turnus["D2"].value) == ("ID", "Uke 1", "Ma")
    ids = {turnus.cell(row, 1).value for row in range(3, turnus.max_row + 1)}
    assert {"kari", "ola", "Dekning"} <= ids
    texts = [row[1] for row in turnus.iter_rows(values_only=True)]
    assert "Scenario: Dagens turnus" in texts

    empty = workbook["Umulig"]
    lines = [row[0] for row in empty.iter_rows(values_only=True)]
    assert lines[0] == "Ingen turnus for scenarioet «Umulig»: Umulig med disse reglene."
    impossible = comparison.outcome("Umulig").result
    assert lines[1:] == [reason.text("nb") for reason in impossible.explanation]


def test_unique_sheet_name() -> None:
    """Forbidden characters replaced, 31 characters at most, no edge apostrophes, duplicates
    numbered without regard to case, an empty name gets the fallback."""
    taken: set[str] = {"Sammenligning"}
    assert unique_sheet_name("a/b\\c:d*e?f[g]", taken) == "a-b-c-d-ef(g)"
    assert unique_sheet_name("SAMMENLIGNING", taken) == "SAMMENLIGNING (2)"
    assert unique_sheet_name("x" * 40, taken) == "x" * 31
    assert unique_sheet_name("x" * 40, taken) == "x" * 27 + " (2)"
    assert unique_sheet_name("X" * 35, taken) == "X" * 27 + " (3)"
    assert unique_sheet_name("'sitat'", taken) == "sitat"
    assert unique_sheet_name(" [] ", taken) == "()"
    assert unique_sheet_name("???", taken) == "Scenario"
    assert unique_sheet_name("History", taken) == "History (2)"
    assert unique_sheet_name("tab\tname\n", taken) == "tab name"
    assert len(taken) == 11


def test_english_labels(comparison: Comparison, workbooks: dict[str, Any]) -> None:
    """With lang="en" every sheet, header, label and status is in English."""
    workbook = workbooks["en"]
    assert workbook.sheetnames[:2] == ["Comparison", "Cost"]
    rows = table(workbook["Comparison"], len(comparison.outcomes))
    assert_same_rows(rows, comparison_rows(comparison, "en"))
    assert list(rows[0])[:7] == [
        "Scenario",
        "Status",
        "Cover gap (shift-hours/week)",
        "All gaps (shift-hours/week)",
        "Unavoidable gaps (shift-hours/week)",
        "Settled?",
        "Missing SPL",
    ]
    assert rows[0]["Annual cost (NOK)"] == pytest.approx(comparison.rows[0].annual_cost)
    assert rows[3]["Status"] == "Impossible under these rules"
    labels = [row[0] for row in workbook["Cost"].iter_rows(values_only=True)]
    assert {"Base pay", "Total annual cost", "Budget frame", "Cost line by line"} <= set(labels)
    assert workbook["Dagens turnus"]["D1"].value == "Week 1"
    assert workbook["Umulig"]["A1"].value.startswith("No rota for the scenario 'Umulig'")


def parse_number(text: str, lang: str) -> float | None:
    if text == "":
        return None
    return float(text.replace(",", ".") if lang == "nb" else text)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_csv_round_trips_the_table(comparison: Comparison, tmp_path: Path, lang: Language) -> None:
    """UTF-8 with BOM, semicolons, decimal comma in Norwegian: the same numbers as the table."""
    path = tmp_path / "c.csv"
    write_csv(comparison, path, lang)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        read = list(csv.DictReader(handle, delimiter=";"))
    expected = comparison_rows(comparison, lang)
    assert len(read) == len(expected)
    for got, want in zip(read, expected, strict=True):
        assert list(got) == list(want)
        for key, value in want.items():
            if isinstance(value, int | float):
                assert parse_number(got[key], lang) == pytest.approx(value, rel=1e-9)
            else:
                assert got[key] == ("" if value is None else value)
    if lang == "nb":
        assert "Årskostnad (kr)" in raw.decode("utf-8-sig")
        assert "0,5" in raw.decode("utf-8-sig")  # heltidsandel with a decimal comma


def test_json_round_trips_kpis_and_cost_lines(comparison: Comparison, tmp_path: Path) -> None:
    """Every scenario's KPIs with English keys and status as a string, and its cost lines."""
    path = tmp_path / "c.json"
    write_json(comparison, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [s["name"] for s in data["scenarios"]] == [o.name for o in comparison.outcomes]
    for item, outcome in zip(data["scenarios"], comparison.outcomes, strict=True):
        expected = outcome.kpis.as_dict()
        expected["status"] = str(outcome.kpis.status)
        assert item["kpis"] == expected
        assert item["kpis"]["status"] in {status.value for status in Status}
        assert item["has_rota"] is (outcome.result.rota is not None)
        if outcome.cost is None:
            assert item["cost"] is None
            continue
        assert item["cost"]["total"] == pytest.approx(outcome.cost.total)
        assert sum(line["amount"] for line in item["cost"]["lines"]) == pytest.approx(
            outcome.cost.total
        )
        assert [line["kind"] for line in item["cost"]["lines"]] == [
            str(line.kind) for line in outcome.cost.lines
        ]
        assert all(line["basis_nb"] and line["basis_en"] for line in item["cost"]["lines"])


def test_a_failed_write_leaves_the_old_file(
    comparison: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing is atomic: if saving fails, the old workbook stays and no temporary file is left."""
    path = tmp_path / "c.xlsx"
    path.write_bytes(b"old")

    def fail(self: Workbook, filename: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Workbook, "save", fail)
    with pytest.raises(OSError, match="disk full"):
        write_comparison_workbook(comparison, path)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["c.xlsx"]


def test_no_scenarios_gives_an_empty_table(tmp_path: Path) -> None:
    """An empty comparison still writes the two sheets with their headers and no charts."""
    path = tmp_path / "empty.xlsx"
    write_comparison_workbook(Comparison([]), path)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Sammenligning", "Kostnad", "Heltid"]
    assert workbook["Sammenligning"]["A1"].value == "Scenario"
    assert workbook["Sammenligning"]._charts == []
    assert comparison_rows(Comparison([])) == []


def test_a_scenario_without_a_rota_in_time_names_the_callers_time_option(tmp_path: Path) -> None:
    """The sheet of a scenario stopped by its time limit says to give it more time, with the
    option the caller names (`rota demo` has its own)."""
    unit = Unit.model_validate(two_shift_unit())
    # A search that may not even start cannot find a rota: the result is "no rota in time".
    outcome = solve_scenario(
        Scenario("Langvakter", unit), SolveParams(time_limit_s=1e-6, deterministic=True)
    )
    assert outcome.result.rota is None
    path = tmp_path / "c.xlsx"
    write_comparison_workbook(Comparison([outcome]), path, option="--scenario-time-limit")
    sheet = load_workbook(path)["Langvakter"]
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "Søket ble stoppet av tidsgrensen" in text
    assert "--scenario-time-limit" in text


def test_the_workbook_lists_the_positions_a_cut_takes_away(tmp_path: Path) -> None:
    """Minus 2 årsverk on the demo ward: the sheet «Stillinger tatt bort» has one row per
    position the change removes (the vacancy first, then the proposals), with its size and
    reason, and the JSON the same list."""
    scenario = load_scenario(demo_scenario_files()[2])
    assert scenario.name == "Minus 2 årsverk"
    outcome = solve_scenario(scenario, SolveParams(time_limit_s=1e-6, deterministic=True))
    path = tmp_path / "c.xlsx"
    write_comparison_workbook(Comparison([outcome]), path)
    sheet = load_workbook(path)["Stillinger tatt bort"]
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[1] is not None]
    assert [(r[1], r[4]) for r in rows] == [(p.id, p.position_pct) for p in scenario.removed]
    assert rows[0][5] == "Vakant stilling"
    assert all(r[5].startswith("Forslag") for r in rows[1:])
    assert sum(r[4] for r in rows) >= 200
    listed = comparison_json(Comparison([outcome]))["scenarios"][0]["removed_positions"]
    assert [p["id"] for p in listed] == [r[1] for r in rows]


def test_csv_text_that_would_start_a_formula_is_escaped() -> None:
    """Text from the input that Excel would run as a formula (=, +, -, @, tab, CR first) gets a
    leading apostrophe; numbers, plain text and a lone sign are left as they are."""
    assert _csv_text('=HYPERLINK("http://x.example","Klikk")', "nb").startswith("'=")
    for text in ("+47 1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert _csv_text(text, "nb") == "'" + text
    assert _csv_text("Langvakter", "nb") == "Langvakter"
    assert _csv_text("-", "nb") == "-"
    assert _csv_text(-1.5, "nb") == "-1,5"
    assert _csv_text(-3, "en") == "-3"


def test_with_the_credit_the_sheet_says_whose_three_shift_status_the_gaps_assume(
    tmp_path: Path,
) -> None:
    """Only where a unit gives the three-shift credit does the comparison sheet say its
    unavoidable gaps keep the rota's people in three-shift turnus."""
    plain = ward()
    credit = plain.model_copy(
        update={"rules": plain.rules.model_copy(update={"three_shift_credit": True})}
    )
    texts = {}
    for name, unit in (("plain", plain), ("credit", credit)):
        path = tmp_path / f"{name}.xlsx"
        rows = {"kari": "D......", "ola": ".DDD..."}
        write_comparison_workbook(Comparison([outcome_of("I dag", unit, rows)]), path)
        sheet = load_workbook(path)["Sammenligning"]
        texts[name] = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "tredelt turnus" not in texts["plain"]
    assert "samme ansatte i tredelt turnus som turnusen har" in texts["credit"]
