"""The rota workbook: it reads back to the same rota, shows cover gaps in red exactly where they
are, and labels status, terms and findings in Norwegian (or English)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from openpyxl import load_workbook

from models.demo import demo_unit
from models.problems import Language
from models.rota import Rota
from models.rota_workbook import read_rota
from models.unit import Unit
from rota.check import check
from rota.cost import cost
from rota.findings import Finding, FindingKind
from rota.params import SolveParams
from rota.result import Result, Status
from rota.solve import solve
from scenarios.labels import explanation, status_label, term_label
from scenarios.rota_workbook import RED, cover_cells, write_rota_workbook
from scenarios.scenario import apply_changes
from tests.rota.conftest import rota_of, three_shift_unit, two_shift_unit
from tests.scenarios.test_scenario import CHANGE, DEMO_SCENARIOS

DETERMINISTIC = SolveParams(deterministic=True, time_limit_s=10)


def made_result(rota: Rota, **terms: float) -> Result:
    """A result around a given rota, as if the solver had found it."""
    total = sum(terms.values())
    return Result(Status.FEASIBLE, rota, total, 0.0, 1.5, terms)


def round_robin_rota(unit: Unit) -> Rota:
    """A rota made without the solver, turn by turn, so that some shifts fall short of minimum."""
    codes = [shift.code for shift in unit.shift_types]
    cycle: list[str | None] = [*codes, None, None, None]
    return Rota(
        days=unit.days,
        assignments={
            employee.id: tuple(cycle[(index + day) % len(cycle)] for day in range(unit.days))
            for index, employee in enumerate(unit.employees)
        },
    )


@pytest.fixture(scope="module")
def small() -> tuple[Unit, Result]:
    """The two-shift unit, solved deterministically."""
    unit = Unit.model_validate(two_shift_unit())
    result = solve(unit, DETERMINISTIC)
    assert result.rota is not None
    return unit, result


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_solved_rota_reads_back_the_same(
    small: tuple[Unit, Result], tmp_path: Path, lang: Language
) -> None:
    """write_rota_workbook then read_rota gives exactly the solver's rota, in either language."""
    unit, result = small
    assert result.rota is not None
    path = write_rota_workbook(
        unit, result, check(unit, result.rota), tmp_path / "t.xlsx", lang=lang
    )
    assert read_rota(path, unit) == result.rota


def check_turnus_sheet(path: Path, unit: Unit) -> set[tuple[str, int]]:
    """Assert the Turnus sheet's layout and cover rows against the rota it holds; return the
    (shift, day) cells that are red, which must be exactly those staffed below the minimum."""
    rota = read_rota(path, unit)
    sheet = load_workbook(path)["Turnus"]
    assert sheet["A1"].value == "ID"
    assert sheet["D1"].value == "Uke 1"
    assert sheet["K1"].value == "Uke 2"
    weekdays = [sheet.cell(row=2, column=4 + d).value for d in range(7)]
    assert weekdays == ["Ma", "Ti", "On", "To", "Fr", "Lø", "Sø"]
    assert sheet.freeze_panes == "D3"
    headers = [sheet.cell(row=1, column=4 + unit.days + k).value for k in range(unit.weeks + 3)]
    hours = [f"t uke {w + 1}" for w in range(unit.weeks)]
    assert headers == [*hours, "Sum timer", "Avtalt", "Avvik"]

    marker = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Dekning")
    shifts = len(unit.shift_types)
    cover_rows = {sheet.cell(marker + 1 + i, 1).value: marker + 1 + i for i in range(shifts)}
    assert list(cover_rows) == [shift.code for shift in unit.shift_types]

    expected_red = set()
    for shift in unit.shift_types:
        for day in range(unit.days):
            staffed = sum(1 for e in unit.employees if rota.shift_on(e.id, day) == shift.code)
            demand = unit.demand_on(day, shift.code)
            minimum = demand.min if demand else 0
            cell = sheet.cell(cover_rows[shift.code], 4 + day)
            if demand is not None or staffed:
                assert cell.value == f"{staffed}/{minimum}"
            if staffed < minimum:
                expected_red.add((shift.code, day))
                assert "minimum" in cell.comment.text
    red = {
        (code, day)
        for code, row in cover_rows.items()
        for day in range(unit.days)
        if sheet.cell(row, 4 + day).fill.fgColor.rgb == RED.fgColor.rgb
    }
    assert red == expected_red
    return red


def test_turnus_sheet_of_the_demo_ward(tmp_path: Path) -> None:
    """Week headers, the ID column, one cover row per shift, red exactly where staffed < min."""
    unit = demo_unit("sykehjem")
    rota = round_robin_rota(unit)
    findings = check(unit, rota)
    path = write_rota_workbook(unit, made_result(rota), findings, tmp_path / "ward.xlsx")
    assert read_rota(path, unit) == rota
    assert check_turnus_sheet(path, unit)  # the round-robin rota does fall short somewhere


def test_cover_hours_findings_and_summary_sheets(tmp_path: Path) -> None:
    """Dekning marks gaps red, Timer has each person's hours, Regelsjekk lists breaches first."""
    # Kari (SPL, speaks se): A then D, 9.5 h of rest, a breach. Ola (HFA) alone on D Wed-Fri.
    data = two_shift_unit()
    data["demand"] = [{"shift": "D", "min": 1, "competence_min": {"SPL": 1}}]
    data["demand"].append({"shift": "A", "min": 0, "target": 1, "language_min": {"se": 1}})
    unit = Unit.model_validate(data)
    rota = Rota(
        days=7,
        assignments={
            "kari": ("A", "D", None, None, None, None, None),
            "ola": (None, None, "D", "D", "D", None, None),
        },
    )
    findings = check(unit, rota)
    result = made_result(rota, under_minimum=20_000.0, language_gap_se=5_000.0, mystery=1.0)
    path = write_rota_workbook(unit, result, findings, tmp_path / "t.xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames == [
        "Turnus",
        "Dekning",
        "Timer",
        "Regelsjekk",
        "Sammendrag",
        "Heltid",
    ]
    heltid = workbook["Heltid"]
    assert [c.value for c in heltid[4]][:2] == ["Nøkkeltall", "Stillingene nå"]
    full = next(r for r in heltid.iter_rows(values_only=True) if r[0] == "  Heltidsandel, hoder")
    assert full[1] == 0  # two 40 % positions

    cover = workbook["Dekning"]
    grid = {
        (row[0].value or "", row[1].value): [cell.value for cell in row[2:9]]
        for row in cover.iter_rows(min_row=3)
    }
    # D: Kari on Tuesday, Ola Wednesday to Friday, an SPL wanted every day; A: Kari on Monday,
    # no minimum, a North Sami speaker wanted every day.
    assert grid[("D", "bemannet/minimum")] == ["0/1", "1/1", "1/1", "1/1", "1/1", "0/1", "0/1"]
    assert grid[("", "SPL: har/krav")] == ["0/1", "1/1", "0/1", "0/1", "0/1", "0/1", "0/1"]
    assert grid[("A", "bemannet/minimum")] == ["1/0", "0/0", "0/0", "0/0", "0/0", "0/0", "0/0"]
    assert grid[("", "nordsamisk: har/krav")] == ["1/1", "0/1", "0/1", "0/1", "0/1", "0/1", "0/1"]
    rows = {(row[0].value or "", row[1].value): row for row in cover.iter_rows(min_row=3)}
    assert rows[("D", "bemannet/minimum")][7].fill.fgColor.rgb == RED.fgColor.rgb  # Saturday
    assert rows[("D", "bemannet/minimum")][3].fill.fgColor.rgb != RED.fgColor.rgb  # Tuesday
    assert rows[("", "SPL: har/krav")][4].fill.fgColor.rgb == RED.fgColor.rgb  # Wednesday: Ola

    hours = workbook["Timer"]
    kari = next(row for row in hours.iter_rows(min_row=2, values_only=True) if row[0] == "kari")
    assert kari[5] == 15.0  # two shifts of 7.5 h
    assert kari[-2:] == (1, 1)  # one D, one A

    rules = workbook["Regelsjekk"]
    assert rules["A1"].value == "1 brudd på reglene"
    kinds = [row[0] for row in rules.iter_rows(min_row=5, values_only=True)]
    assert kinds[0] == "Brudd"
    assert set(kinds[1:]) == {"Mangel"}
    first = [cell.value for cell in rules[5]]
    assert first[1:5] == ["daglig hvile", "AML § 10-8 (1)", "kari", "uke 1 Ma"]

    summary = {row[0]: row[1] for row in workbook["Sammendrag"].iter_rows(values_only=True)}
    assert summary["Status"] == "Gyldig turnus (ikke bevist beste)"
    assert summary["    Under minimumsbemanning"] == 20_000
    assert summary["    Mangler nordsamisk"] == 5_000
    assert summary["    mystery"] == 1
    assert summary["Brudd på reglene"] == 1
    gaps = sum(1 for f in findings if f.kind is FindingKind.GAP)
    assert summary["Mangler i dekningen (vakter)"] == gaps > 0
    assert summary["Årskostnad (kr, mangler kjøpt inn)"] == round(cost(unit, rota).total)
    assert "Straffepoeng (lavere er bedre)" in summary
    assert "Målfunksjon (sum straff)" not in summary


def test_no_breaches_is_said_plainly(small: tuple[Unit, Result], tmp_path: Path) -> None:
    """A rota that breaks no rule says so on the Regelsjekk sheet; in English too."""
    unit, result = small
    assert result.rota is not None
    findings = check(unit, result.rota)
    assert not [f for f in findings if f.kind is FindingKind.BREACH]
    path = write_rota_workbook(unit, result, findings, tmp_path / "nb.xlsx")
    assert load_workbook(path)["Regelsjekk"]["A1"].value == "Ingen brudd på reglene"
    path = write_rota_workbook(unit, result, findings, tmp_path / "en.xlsx", lang="en")
    english = load_workbook(path)
    assert english.sheetnames == ["Rota", "Cover", "Hours", "Rule check", "Summary", "Full-time"]
    assert english["Rule check"]["A1"].value == "No breaches of the rules"
    assert english["Rota"]["D1"].value == "Week 1"


def test_without_a_rota_only_the_summary_is_written(tmp_path: Path) -> None:
    """An infeasible result gives a summary with its status and the explanation, nothing else."""
    unit = Unit.model_validate(two_shift_unit())
    reason = SimpleNamespace(text=lambda lang: "Kari kan ikke nå 100 t." if lang == "nb" else "-")
    result: Any = SimpleNamespace(
        status=Status.INFEASIBLE,
        rota=None,
        objective=None,
        best_bound=None,
        runtime_s=0.2,
        terms={},
        gap=None,
        explanation=[reason, "en ren tekst"],
    )
    path = write_rota_workbook(unit, cast(Result, result), [], tmp_path / "x.xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Sammendrag", "Heltid"]
    values = [row[0] for row in workbook["Sammendrag"].iter_rows(values_only=True)]
    assert "Kari kan ikke nå 100 t." in values
    assert "en ren tekst" in values
    status = {row[0]: row[1] for row in workbook["Sammendrag"].iter_rows(values_only=True)}
    assert status["Status"] == "Umulig med disse reglene"


def test_labels() -> None:
    """Status and term labels in both languages; language gaps named from the Sami languages."""
    assert status_label(Status.OPTIMAL) == "Optimal (bevist beste)"
    assert status_label(Status.UNKNOWN) == "Ingen turnus funnet innen tidsgrensen"
    assert status_label(Status.INFEASIBLE, "en") == "Impossible under these rules"
    assert term_label("language_gap_se") == "Mangler nordsamisk"
    assert term_label("language_gap_sma") == "Mangler sørsamisk"
    assert term_label("language_gap_smj", "en") == "Missing Lule Sami speaker"
    assert term_label("quick_returns") == "Kvikkvakter"
    assert term_label("something_new") == "something_new"
    assert explanation(cast(Result, SimpleNamespace())) == []


def test_cover_cells_count_competence_with_covers() -> None:
    """A sykepleier fills a helsefagarbeider slot; the reverse is a competence gap."""
    data = two_shift_unit()
    data["demand"] = [{"shift": "D", "min": 1, "competence_min": {"HFA": 1}}]
    unit = Unit.model_validate(data)
    rota = Rota(days=7, assignments={"kari": ("D",) + (None,) * 6, "ola": (None,) * 7})
    cells = cover_cells(unit, rota)
    assert [c.competence_gaps for c in cells[:2]] == [[], [("HFA", 0, 1)]]
    assert [c.missing for c in cells[:2]] == [0, 1]


def test_findings_without_day_or_employee(tmp_path: Path) -> None:
    """A finding for the whole rota (no day, no person) is written with those cells empty."""
    unit = Unit.model_validate(two_shift_unit())
    rota = Rota(days=7, assignments={"kari": (None,) * 7, "ola": (None,) * 7})
    finding = Finding("timer", "ref", "alt", "all")
    path = write_rota_workbook(unit, made_result(rota), [finding], tmp_path / "t.xlsx")
    row = [cell.value for cell in load_workbook(path)["Regelsjekk"][5]]
    assert row == ["Brudd", "timer", "ref", None, None, "alt"]


def test_timer_shows_counted_hours_and_the_persons_full_week(tmp_path: Path) -> None:
    """With the three-shift credit on, two nights and two days (35 h worked) count 36.98 h and
    give a full week of 33.6 h in Timer; the note under the table says how they are counted."""
    unit = three_shift_unit()
    rota = rota_of(unit, {"kari": "NN..DD."})
    path = write_rota_workbook(unit, made_result(rota), check(unit, rota), tmp_path / "t.xlsx")
    sheet = load_workbook(path)["Timer"]
    headers = [cell.value for cell in sheet[1]]
    row = [cell.value for cell in sheet[2]]
    values = dict(zip(headers, row, strict=False))
    assert values["Planlagte timer"] == 35
    assert values["Tellende timer"] == pytest.approx(36.98, abs=0.01)
    assert values["Full uke"] == pytest.approx(33.6)
    notes = [c.value for r in sheet.iter_rows() for c in r if isinstance(c.value, str)]
    assert any("1 t 15 min" in text for text in notes)


def test_with_the_credit_off_timer_says_who_it_would_count_for(tmp_path: Path) -> None:
    """With the three-shift credit off, Timer counts plain hours, and its note names how many
    people this rota puts in three-shift turnus and their full-time week with the credit (33,6 t
    for two nights and two days); a rota without nights says nothing of it."""
    unit = three_shift_unit(three_shift_credit=False)
    for rows, said in (({"kari": "NN..DD."}, True), ({"kari": "DDDD..."}, False)):
        rota = rota_of(unit, rows)
        path = write_rota_workbook(unit, made_result(rota), [], tmp_path / "t.xlsx")
        sheet = load_workbook(path)["Timer"]
        values = dict(zip([c.value for c in sheet[1]], [c.value for c in sheet[2]], strict=False))
        assert values["Tellende timer"] == values["Planlagte timer"]
        notes = " ".join(c.value for r in sheet.iter_rows() for c in r if isinstance(c.value, str))
        assert "tidskompensasjon for tredelt turnus er av" in notes
        shown = "1 av de ansatte går tredelt turnus her" in notes and "33,6 t" in notes
        assert shown == said, notes


def test_a_rota_of_two_units_groups_people_by_home_unit(tmp_path: Path) -> None:
    """After merge_unit the Turnus grid has the ward's groups first, then the home care's, each
    heading naming its unit, every person under their own unit; the rota still reads back."""
    unit = demo_unit("sykehjem")
    change = CHANGE.validate_python(
        {"type": "merge_unit", "unit": "hjemmetjeneste.yaml", "prefix": "HT-", "shared": ["D"]}
    )
    merged, problems = apply_changes(unit, (change,), DEMO_SCENARIOS)
    assert problems == []
    rota = Rota(
        days=merged.days, assignments={e.id: (None,) * merged.days for e in merged.employees}
    )
    path = write_rota_workbook(merged, made_result(rota), [], tmp_path / "merged.xlsx")
    sheet = load_workbook(path)["Turnus"]
    headings, home_of = [], {}
    for row in sheet.iter_rows(min_row=3, values_only=True):
        if row[0] is None and row[1]:
            headings.append(str(row[1]))
        elif row[0] in merged.employee_by_id:
            home_of[row[0]] = headings[-1].split(":")[0]
    homes = [h.split(":")[0] for h in headings if ":" in h]
    assert homes == sorted(homes, key=lambda h: h != unit.name)
    assert set(homes) == {unit.name, "Hjemmetjenesten sone nord"}
    assert all(home_of[e.id] == e.home_unit for e in merged.employees)
    assert read_rota(path, merged) == rota
