"""The municipality: a portfolio's figures add up to its units' own, heltid counts each person
once, the økonomiplan's choice reaches its targets with the least loss of cover, and bad files
are named at their line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from models.problems import InputError
from models.unit import Unit
from models.yaml_io import dump_unit_yaml
from rota.params import SolveParams
from rota.result import Result, Status
from scenarios.kpi import kpis
from scenarios.portfolio import (
    TODAY_NB,
    EconomicPlan,
    Option,
    OptionResult,
    Portfolio,
    PortfolioResult,
    economic_plan,
    load_portfolio,
    people_of,
    run_portfolio,
)
from scenarios.portfolio_workbook import write_portfolio_workbook
from scenarios.runner import Scenario
from tests.models.test_print_setup import _pages, _pdf, needs_libreoffice
from tests.rota.conftest import two_shift_unit, weekend_bound_unit

QUICK = SolveParams(deterministic=True, time_limit_s=2)


def _pay(unit: dict[str, Any]) -> dict[str, Any]:
    return {**unit, "budget": {"pay_per_competence": {"SPL": 560_000, "HFA": 480_000}}}


def _portfolio(tmp_path: Path, plan: dict[str, Any] | None = None) -> Path:
    """Two tiny units in two service areas; the second with a scenario a whole 20 % less."""
    (tmp_path / "liten.yaml").write_text(yaml.safe_dump(_pay(two_shift_unit())), "utf-8")
    (tmp_path / "helg.yaml").write_text(dump_unit_yaml(weekend_bound_unit()), "utf-8")
    data: dict[str, Any] = {
        "name": "Testkommune",
        "units": [
            {"unit": "liten.yaml", "service_area": "Hjemmetjenester"},
            {
                "unit": "helg.yaml",
                "service_area": "Sykehjem",
                "budget_line": "253",
                "scenarios": [
                    {
                        "name": "Én stilling mindre",
                        "effective_from": "2027-07-01",
                        "changes": [{"type": "remove_employees", "ids": ["p6"]}],
                    }
                ],
            },
        ],
    }
    if plan is not None:
        data["economic_plan"] = plan
    path = tmp_path / "kommune.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> PortfolioResult:
    folder = tmp_path_factory.mktemp("portefolje")
    return run_portfolio(load_portfolio(_portfolio(folder)), QUICK)


def test_the_totals_are_the_units_own_added_up(solved: PortfolioResult) -> None:
    """Service areas and the municipality: årsverk, kroner and gap hours are the units' sums."""
    today = [solved.today(0).kpis, solved.today(1).kpis]
    whole = solved.municipality()
    assert whole.fte_used == pytest.approx(sum(k.fte_used for k in today))
    assert whole.annual_cost == pytest.approx(sum(k.annual_cost for k in today))
    assert whole.gap_hours_per_week == pytest.approx(sum(k.gap_hours_per_week for k in today))
    areas = {total.label: total for total in solved.by_service_area()}
    assert areas["Sykehjem"].annual_cost == pytest.approx(today[1].annual_cost)
    assert sum(a.fte_used for a in areas.values()) == pytest.approx(whole.fte_used)
    assert all(k.annual_cost > 0 for k in today)


def test_the_saving_is_today_less_the_scenario(solved: PortfolioResult) -> None:
    """A scenario's full-year effect is its unit's cost today less its own (here negative: the
    position's pay saved is less than the gaps left, priced as bought-in hours); half of it in
    2027 from 1 July (184 of 365 days), all of it in 2028."""
    (scenario,) = [r for r in solved.of_unit(1) if not r.option.is_today]
    assert scenario.saving_nok == pytest.approx(
        solved.today(1).kpis.annual_cost - scenario.kpis.annual_cost
    )
    assert scenario.extra_gap_hours > 0
    assert scenario.effect_in(2027, None, 2027) == pytest.approx(scenario.saving_nok * 184 / 365)
    assert scenario.effect_in(2028, None, 2027) == pytest.approx(scenario.saving_nok)
    assert scenario.effect_in(2028, 3.0, 2027) == pytest.approx(scenario.saving_nok * 1.03)


def test_heltid_counts_a_person_once_across_units(solved: PortfolioResult) -> None:
    """Ids repeat between units, so each position is its own person unless it names one; a
    person key shared by positions of two units sums them (40 % + 60 % is full-time)."""
    people = people_of(solved.portfolio.bases[0])
    assert {p.person for p in people} == {"Liten/kari", "Liten/ola"}
    assert solved.municipality().heltid.heads == 2 + 6


def _result(
    options: list[tuple[int, str, float, float, int]], targets: dict[int, float]
) -> PortfolioResult:
    """A made-up result: (unit, option, full-year saving, extra gap hours, change in full-time
    positions) per option, every scenario in force from 1 January 2027."""
    blank = kpis(
        "x",
        Unit.model_validate(two_shift_unit()),
        Result(Status.UNKNOWN, None, None, None, 0.0),
        [],
        None,
    )
    portfolio = Portfolio("Plan", "", [], [], [], EconomicPlan(targets=targets), 2027)
    results = [
        OptionResult(
            Option(
                unit,
                name,
                Scenario(name, blank_unit()),
                None if name == TODAY_NB else date(2027, 1, 1),
            ),
            blank,
            saving,
            gaps,
            heltid,
        )
        for unit, name, saving, gaps, heltid in options
    ]
    return PortfolioResult(portfolio, results)


def blank_unit() -> Unit:
    return Unit.model_validate(two_shift_unit())


TODAY = [(0, TODAY_NB, 0.0, 0.0, 0), (1, TODAY_NB, 0.0, 0.0, 0)]


def test_the_plan_reaches_the_target_with_the_least_loss_of_cover() -> None:
    """Target 1 000 000: unit 0's cut saves 1,2 mill with 5 h of gaps, unit 1's 0,6 mill each
    for two cuts with 1 h and 3 h; the two cuts of 0,6 + 0,6 are out (one per unit), so 1,2
    mill with 5 h is the only way, and with it unit 1 stays as today."""
    result = _result(
        [
            *TODAY,
            (0, "Kutt", 1_200_000, 5.0, 0),
            (1, "Liten", 600_000, 1.0, 0),
            (1, "Stor", 600_000, 3.0, 0),
        ],
        {2027: 1_000_000},
    )
    choice = economic_plan(result)
    assert choice is not None
    assert choice.reached
    assert [(r.option.unit_index, r.option.name) for r in choice.options] == [
        (0, "Kutt"),
        (1, TODAY_NB),
    ]


def test_among_choices_that_reach_it_the_fewest_gaps_then_heltid() -> None:
    """Both 0,6 + 0,6 choices reach 1 mill: the one with 1 h of gaps beats 3 h; at equal
    gaps the one that keeps its full-time positions wins."""
    result = _result(
        [
            *TODAY,
            (0, "A", 600_000, 0.0, 0),
            (1, "Liten", 600_000, 1.0, -1),
            (1, "Stor", 600_000, 3.0, 0),
        ],
        {2027: 1_000_000},
    )
    choice = economic_plan(result)
    assert choice is not None
    assert [r.option.name for r in choice.options] == ["A", "Liten"]
    result = _result(
        [
            *TODAY,
            (0, "A", 600_000, 0.0, 0),
            (1, "Liten", 600_000, 1.0, -1),
            (1, "Lik", 600_000, 1.0, 0),
        ],
        {2027: 1_000_000},
    )
    choice = economic_plan(result)
    assert choice is not None
    assert [r.option.name for r in choice.options] == ["A", "Lik"]


def test_a_target_no_choice_reaches_is_said_and_the_closest_shown() -> None:
    """At most 0,9 mill can be saved against a target of 2 mill: not reached, all cuts taken."""
    result = _result(
        [*TODAY, (0, "A", 500_000, 0.0, 0), (1, "B", 400_000, 2.0, 0)], {2027: 2_000_000}
    )
    choice = economic_plan(result)
    assert choice is not None
    assert not choice.reached
    assert choice.effect_by_year[2027] == pytest.approx(900_000)


def test_a_scenario_without_a_rota_is_never_chosen() -> None:
    """A scenario whose saving cannot be counted (no rota for it, or for its unit today) is left
    out of the choice and named, however much its made-up saving would reach."""
    result = _result([*TODAY, (0, "A", 900_000, 0.0, 0), (1, "B", 5_000_000, 0.0, 0)], {2027: 1})
    unsolved = replace(result.results[3], comparable=False)
    result = replace(result, results=[*result.results[:3], unsolved])
    choice = economic_plan(result)
    assert choice is not None
    assert [r.option.name for r in choice.options] == ["A", TODAY_NB]
    assert choice.left_out == [unsolved]


def _without_rota_today(solved: PortfolioResult, unit: int) -> PortfolioResult:
    """The solved portfolio with one unit's rota today lost (as when none is found in time)."""
    lost = replace(solved.today(unit).kpis, status=Status.UNKNOWN, annual_cost=0.0)
    results = [
        replace(r, kpis=lost) if r.option.unit_index == unit and r.option.is_today else r
        for r in solved.results
    ]
    return replace(solved, results=results)


def test_a_unit_without_a_rota_makes_no_sum(solved: PortfolioResult, tmp_path: Path) -> None:
    """A unit left without a rota today: its area's and the municipality's cost and gaps are not
    added up (never a sum that leaves it out at 0 kr), the unit is named, and årsverk, which come
    from the positions, still add up; the workbook says «ingen turnus» where the sums would be."""
    result = _without_rota_today(solved, 1)
    whole, area = result.municipality(), result.by_service_area()[1]
    assert (whole.annual_cost, whole.gap_hours_per_week) == (None, None)
    assert whole.unsolved == area.unsolved == (result.portfolio.bases[1].name,)
    assert result.by_service_area()[0].annual_cost == solved.today(0).kpis.annual_cost
    assert whole.fte_used == pytest.approx(solved.municipality().fte_used)
    book = tmp_path / "kommune.xlsx"
    write_portfolio_workbook(result, book)
    workbook = load_workbook(book)
    areas = workbook["Tjenesteområder"]
    last = 2 + len(result.by_service_area())
    assert areas.cell(last, 6).value == "ingen turnus"
    notes = " ".join(str(c.value) for c in areas["A"] if c.value)
    assert f"Uten turnus i dag (ingen funnet innen tidsgrensen): {whole.unsolved[0]}" in notes
    summary = {row[0]: row[1] for row in workbook["Sammendrag"].iter_rows(values_only=True)}
    assert summary["Kostnad per år i dag"] == "ikke beregnet"
    assert summary["Enheter uten turnus"] == whole.unsolved[0]


def test_a_bad_portfolio_is_named_at_its_line(tmp_path: Path) -> None:
    """A unit without a service area and a negative target: errors at their lines."""
    path = _portfolio(tmp_path, {"targets": {2027: -5}})
    text = path.read_text("utf-8").replace("service_area: Hjemmetjenester", "budget_line: x")
    path.write_text(text, "utf-8")
    with pytest.raises(InputError) as caught:
        load_portfolio(path)
    fields = sorted(p.location.path or "" for p in caught.value.problems if p.location)
    assert fields == ["economic_plan", "units[0].service_area"]


def test_the_workbook_holds_the_totals(solved: PortfolioResult, tmp_path: Path) -> None:
    """Tjenesteområder's last row is the municipality: its cost the sum of the units' today."""
    book = tmp_path / "kommune.xlsx"
    write_portfolio_workbook(solved, book)
    workbook = load_workbook(book)
    assert workbook.sheetnames == ["Sammendrag", "Tjenesteområder", "Enheter"]
    areas = workbook["Tjenesteområder"]
    last = 2 + len(solved.by_service_area())
    assert areas.cell(last, 6).value == pytest.approx(solved.municipality().annual_cost)
    units = workbook["Enheter"]
    assert units.max_row == 1 + len(solved.results)


@needs_libreoffice
def test_the_workbook_prints_in_bokmal_with_no_empty_page(
    solved: PortfolioResult, tmp_path: Path
) -> None:
    """Rendered through LibreOffice: every page has content, none of it English."""
    book = tmp_path / "kommune.xlsx"
    write_portfolio_workbook(solved, book)
    pages = _pages(_pdf(book, tmp_path))
    assert pages
    assert all(page.strip() for page in pages)
    text = " ".join(pages)
    assert [w for w in (" the ", " of ", "Service area", "Cost a year") if w in text] == []
