"""The position plan workbook, read back the way a unit leader opens it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from rota.fulltime import PositionOptions, PositionPlan, plan_positions
from rota.params import SolveParams
from scenarios.plan_workbook import write_plan_workbook
from tests.rota.conftest import weekend_bound_unit


@pytest.fixture(scope="module")
def plan() -> PositionPlan:
    """The plan of the weekend-bound unit, made deterministically (every stage at its floor of
    1 s of solver work, as in tests/rota/test_fulltime.py), so a busy machine plans the same."""
    return plan_positions(
        weekend_bound_unit(),
        PositionOptions(step_pct=20),
        SolveParams(deterministic=True, time_limit_s=1),
    )


def test_plan_sheet_names_who_goes_from_what_to_what(plan: PositionPlan, tmp_path: Path) -> None:
    """Stillingsplan lists every position with its size before and after, the two raised to
    full time first, and the figures before and after against the frames."""
    path = write_plan_workbook(plan, tmp_path / "plan.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Stillingsplan", "Heltid", "Kostnad", "Turnus"]
    sheet = book["Stillingsplan"]
    rows = list(sheet.iter_rows(values_only=True))
    figures = {row[0]: row[1:3] for row in rows if row[0]}
    assert figures["Heltidsstillinger"] == (0, 2)
    assert figures["Årsverksramme"] == (2.8, 2.8)
    header_at = next(i for i, row in enumerate(rows) if row[0] == "Ansatt-ID")
    people = [row for row in rows[header_at + 1 :] if row[0]]
    assert len(people) == 6
    assert [row[4] for row in people[:2]] == [100, 100]
    assert all(row[7] == "Går opp til heltid" for row in people[:2])
    assert all(row[3] == 20 and row[4] == 20 for row in people[2:])


def test_heltid_and_cost_sheets_compare_before_and_after(
    plan: PositionPlan, tmp_path: Path
) -> None:
    """Heltid has a Før and an Etter column with the shares and a chart; Kostnad has the cost
    a year before and after, and the change between them."""
    book = load_workbook(write_plan_workbook(plan, tmp_path / "plan.xlsx"))
    heltid = book["Heltid"]
    assert [c.value for c in heltid[4]][:3] == ["Nøkkeltall", "Før", "Etter"]
    share = next(r for r in heltid.iter_rows(values_only=True) if r[0] == "  Heltidsandel, hoder")
    assert share[1:3] == (0, pytest.approx(2 / 6))
    assert len(heltid._charts) == 1
    cost = book["Kostnad"]
    total = next(r for r in cost.iter_rows(values_only=True) if r[0] == "Sum per år")
    assert plan.cost_after is not None
    assert total[2] == pytest.approx(plan.cost_after.total)
    if total[1] is not None:
        assert total[3] == pytest.approx(total[2] - total[1])


def test_english_plan_workbook(plan: PositionPlan, tmp_path: Path) -> None:
    """With English chosen, the sheets and headings are in English."""
    book = load_workbook(write_plan_workbook(plan, tmp_path / "plan.xlsx", lang="en"))
    assert book.sheetnames == ["Position plan", "Full-time", "Cost", "Rota"]
