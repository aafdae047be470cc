"""The municipality: its units, each in its service area and budget line, with the scenarios to
run for each, and an økonomiplan's savings targets.

`load_portfolio` reads the file (every problem at its line); `run_portfolio` solves every unit
today and every scenario through the scenario runner (any `concurrent.futures.Executor`); the
`PortfolioResult` adds up what adds up (årsverk, kroner, frames, gap hours) by service area and
for the municipality, counts heltid once per person across units, and `economic_plan` picks at
most one scenario per unit that reaches each year's target with the least loss of cover.
"""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path as FilePath
from typing import Any

from ortools.sat.python import cp_model
from pydantic import Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from models.base import Frozen
from models.employee import Employee
from models.heltid import HeltidFigures, figures
from models.problems import InputError, Location, error, input_error, no_such_file, read_utf8
from models.translate import translate
from models.unit import Unit
from models.yaml_io import locator, parse_yaml
from rota.params import SolveParams
from scenarios.kpi import ScenarioKpis
from scenarios.runner import Comparison, EventCallback, Scenario, run_scenarios
from scenarios.scenario import Change, ChangeError, load_base, scenario_of

TODAY_NB, TODAY_EN = "I dag", "Today"
# Kroner are counted in whole thousands in the choice of scenarios: exact enough, and small.
CHOICE_NOK = 1000


class PortfolioScenario(Frozen):
    """A scenario for one unit: its changes and the day it takes effect."""

    name: str = Field(min_length=1)
    changes: tuple[Change, ...] = ()
    effective_from: date | None = Field(
        default=None, description="The day it takes effect (default: 1 January of the first year)."
    )


class PortfolioUnit(Frozen):
    """One unit of the municipality, where its money sits, and what to try there."""

    unit: str = Field(description="The unit file (relative to the portfolio file) or demo:NAME.")
    service_area: str = Field(min_length=1, description="Tjenesteområde, e.g. Sjukeheimar.")
    budget_line: str = Field(default="", description="Budsjettlinje (ansvar/funksjon).")
    scenarios: tuple[PortfolioScenario, ...] = ()


class EconomicPlan(Frozen):
    """Savings to reach against today's cost, by year (NOK a year less than today)."""

    targets: dict[int, float] = Field(min_length=1)
    price_index_pct: float | None = Field(
        default=None,
        ge=-20,
        le=50,
        description="Yearly price and wage growth; none: the targets are in fixed prices.",
    )

    @model_validator(mode="after")
    def _years(self) -> EconomicPlan:
        if any(not 2000 <= year <= 2100 for year in self.targets) or any(
            target < 0 for target in self.targets.values()
        ):
            raise PydanticCustomError("bad_targets", "bad_targets")
        return self


class PortfolioFile(Frozen):
    name: str = Field(min_length=1)
    municipality: str = ""
    units: tuple[PortfolioUnit, ...] = Field(min_length=1)
    economic_plan: EconomicPlan | None = None


@dataclass(frozen=True)
class Option:
    """One way a unit can go: today, or one of its scenarios."""

    unit_index: int
    name: str  # "I dag" or the scenario's name
    scenario: Scenario
    effective_from: date | None

    @property
    def is_today(self) -> bool:
        return self.effective_from is None


@dataclass(frozen=True)
class Portfolio:
    """The portfolio file read: its units (each with today and its scenarios as options)."""

    name: str
    municipality: str
    units: list[PortfolioUnit]
    bases: list[Unit]
    options: list[Option]
    economic_plan: EconomicPlan | None
    first_year: int

    def scenarios(self) -> list[Scenario]:
        return [option.scenario for option in self.options]


def _unique_name(unit: Unit, option: str) -> str:
    return f"{unit.name}: {option}"


def load_portfolio(path: FilePath) -> Portfolio:
    """Read a portfolio file and every unit and scenario it names; InputError with the line."""
    path = FilePath(path)
    if not path.is_file():
        raise no_such_file(path)
    data, lines = parse_yaml(read_utf8(path), path.name)
    if not isinstance(data, dict):
        raise input_error(
            "Porteføljefila må ha «name» og «units» (enhetene, med tjenesteområde og scenarioer).",
            "The portfolio file must have 'name' and 'units' (the units, with service area and"
            " scenarios).",
            "not_a_portfolio",
            Location(file=path.name, line=1),
        )
    locate = locator(lines, path.name)
    try:
        described = PortfolioFile.model_validate(data)
    except ValidationError as exc:
        raise InputError([p.located(locate(p.path)) for p in translate(exc)]) from None
    bases: list[Unit] = []
    options: list[Option] = []
    names: set[str] = set()
    for index, entry in enumerate(described.units):
        where = ("units", index, "unit")
        try:
            base = load_base(entry.unit, path.parent)
        except ChangeError as exc:
            raise InputError([error(exc.nb, exc.en, where).located(locate(where))]) from None
        if base.name in names:
            raise InputError(
                [
                    error(
                        f"Enheten «{base.name}» står to ganger i porteføljen.",
                        f"The unit '{base.name}' is listed twice in the portfolio.",
                        where,
                        code="duplicate_unit",
                    ).located(locate(where))
                ]
            )
        names.add(base.name)
        bases.append(base)
        # Its own base: the runner solves it once, and the scenarios start from its rota.
        today = Scenario(_unique_name(base, TODAY_NB), base, source=str(path), base=base)
        options.append(Option(index, TODAY_NB, today, None))
        for number, planned in enumerate(entry.scenarios):
            prefix = ("units", index, "scenarios", number)

            def located(
                model_path: tuple[str | int, ...], prefix: tuple[str | int, ...] = prefix
            ) -> Location:
                return locate((*prefix, *model_path))

            scenario = scenario_of(
                _unique_name(base, planned.name),
                base,
                planned.changes,
                path.parent,
                located,
                str(path),
            )
            options.append(Option(index, planned.name, scenario, planned.effective_from))
    first_year = min(
        [*(described.economic_plan.targets if described.economic_plan else ())]
        + [b.budget.budget_year or date.today().year for b in bases]
    )
    options = [
        o
        if o.is_today or o.effective_from is not None
        else Option(o.unit_index, o.name, o.scenario, date(first_year, 1, 1))
        for o in options
    ]
    return Portfolio(
        described.name,
        described.municipality,
        list(described.units),
        bases,
        options,
        described.economic_plan,
        first_year,
    )


@dataclass(frozen=True)
class OptionResult:
    """One option solved: its KPI row, and its saving against the unit today (NOK a year).
    Without a rota for the option or for its unit today (`comparable` false) there is no saving
    or change in cover to tell: both are 0 and the option is never chosen."""

    option: Option
    kpis: ScenarioKpis
    saving_nok: float  # full-year effect: today's cost less this option's
    extra_gap_hours: float  # gap hours a week beyond today's
    fulltime_heads_change: int
    comparable: bool = True

    @property
    def solved(self) -> bool:
        """Whether the option has a rota (and so a cost and its gaps)."""
        return self.kpis.status.has_rota

    def effect_in(self, year: int, price_index_pct: float | None, base_year: int) -> float:
        """The saving in budget year `year`: none before the year it takes effect, the share of
        the year after it in that year, the full year after; grown by the price index."""
        start = self.option.effective_from
        if start is None or start.year > year:
            return 0.0
        share = 1.0
        if start.year == year:
            days = (date(year + 1, 1, 1) - date(year, 1, 1)).days
            share = (date(year + 1, 1, 1) - start).days / days
        growth = (1 + (price_index_pct or 0) / 100) ** (year - base_year)
        return self.saving_nok * share * growth


@dataclass(frozen=True)
class Totals:
    """What adds up over some units (today), and the heltid of their people counted once.
    Cost and gaps come from a unit's rota: with any unit left without one (`unsolved`) they
    cannot be added up and are None, never a sum that leaves a unit out."""

    label: str
    units: int
    fte_used: float
    fte_frame: float | None
    annual_cost: float | None
    budget_frame: float | None
    gap_hours_per_week: float | None
    breaches: int
    heltid: HeltidFigures
    unsolved: tuple[str, ...] = ()

    @property
    def budget_difference(self) -> float | None:
        """Cost over (+) or under (−) the budget frame; None without either."""
        if self.annual_cost is None or self.budget_frame is None:
            return None
        return self.annual_cost - self.budget_frame


@dataclass(frozen=True)
class Choice:
    """The økonomiplan's answer: one option per unit, and each year's effect against its target."""

    options: list[OptionResult]
    effect_by_year: dict[int, float]
    reached: bool
    full_year_effect: float
    extra_gap_hours: float
    fulltime_heads_change: int
    left_out: list[OptionResult] = field(default_factory=list)  # scenarios without a rota


@dataclass(frozen=True)
class PortfolioResult:
    portfolio: Portfolio
    results: list[OptionResult]

    def today(self, unit_index: int) -> OptionResult:
        return next(
            r for r in self.results if r.option.unit_index == unit_index and r.option.is_today
        )

    def of_unit(self, unit_index: int) -> list[OptionResult]:
        return [r for r in self.results if r.option.unit_index == unit_index]

    def totals(self, unit_indices: list[int], label: str) -> Totals:
        """Today's figures of these units added up; heltid of their people counted once."""
        rows = [self.today(i).kpis for i in unit_indices]
        frames = [r.fte_frame for r in rows]
        budgets = [r.budget_frame for r in rows]
        people = [person for i in unit_indices for person in people_of(self.portfolio.bases[i])]
        unsolved = tuple(
            self.portfolio.bases[i].name for i in unit_indices if not self.today(i).solved
        )
        return Totals(
            label=label,
            units=len(unit_indices),
            fte_used=sum(r.fte_used for r in rows),
            fte_frame=None if None in frames else sum(f for f in frames if f is not None),
            annual_cost=None if unsolved else sum(r.annual_cost for r in rows),
            budget_frame=None if None in budgets else sum(b for b in budgets if b is not None),
            gap_hours_per_week=None if unsolved else sum(r.gap_hours_per_week for r in rows),
            breaches=sum(r.breaches for r in rows),
            heltid=figures(people),
            unsolved=unsolved,
        )

    def by_service_area(self) -> list[Totals]:
        areas: dict[str, list[int]] = defaultdict(list)
        for index, entry in enumerate(self.portfolio.units):
            areas[entry.service_area].append(index)
        return [self.totals(indices, area) for area, indices in areas.items()]

    def municipality(self) -> Totals:
        label = self.portfolio.municipality or self.portfolio.name
        return self.totals(list(range(len(self.portfolio.units))), label)


def people_of(unit: Unit) -> list[Employee]:
    """The unit's positions with a person key that is unique across units: a position without
    one is its own person (ids repeat from unit to unit)."""
    return [
        e if e.person else e.model_copy(update={"person": f"{unit.name}/{e.id}"})
        for e in unit.employees
    ]


def run_portfolio(
    portfolio: Portfolio,
    params: SolveParams,
    executor: Executor | None = None,
    jobs: int | None = None,
    on_event: EventCallback | None = None,
    events: Any = None,
) -> PortfolioResult:
    """Solve every unit today and every scenario, each from its unit's rota today, through
    `executor` (a Dask cluster's, scenarios.cluster) or `jobs` local processes."""
    comparison = run_scenarios(
        portfolio.scenarios(), params, executor, jobs, on_event, events=events
    )
    return portfolio_result(portfolio, comparison)


def portfolio_result(portfolio: Portfolio, comparison: Comparison) -> PortfolioResult:
    """The portfolio's figures from its scenarios solved (`Portfolio.scenarios`)."""
    by_name = {outcome.name: outcome for outcome in comparison.outcomes}
    today = {o.unit_index: by_name[o.scenario.name].kpis for o in portfolio.options if o.is_today}
    results = []
    for option in portfolio.options:
        row = by_name[option.scenario.name].kpis
        base = today[option.unit_index]
        comparable = row.status.has_rota and base.status.has_rota
        results.append(
            OptionResult(
                option,
                row,
                saving_nok=base.annual_cost - row.annual_cost if comparable else 0.0,
                extra_gap_hours=row.gap_hours_per_week - base.gap_hours_per_week
                if comparable
                else 0.0,
                fulltime_heads_change=row.fulltime_heads - base.fulltime_heads,
                comparable=comparable,
            )
        )
    return PortfolioResult(portfolio, results)


def economic_plan(result: PortfolioResult) -> Choice | None:
    """At most one scenario per unit whose savings reach each year's target, losing the least
    cover (gap hours a week beyond today), then the fewest full-time positions, then saving the
    most; None without targets. Where no choice reaches every target, the one that comes
    closest (the most saved short of the targets, counted in kroner) is shown, marked so. A
    scenario without a rota, or whose unit has none today, has no saving to count: it is left
    out of the choice and named (`Choice.left_out`)."""
    plan = result.portfolio.economic_plan
    if plan is None:
        return None
    base_year = result.portfolio.first_year
    years = sorted(plan.targets)
    index = plan.price_index_pct
    model = cp_model.CpModel()
    units = sorted({r.option.unit_index for r in result.results})
    picks = {id(r): model.new_bool_var("") for r in result.results}
    for unit in units:
        model.add_exactly_one(picks[id(r)] for r in result.of_unit(unit))
    left_out = [r for r in result.results if not r.option.is_today and not r.comparable]
    for r in left_out:
        model.add(picks[id(r)] == 0)
    shortfalls = []
    for year in years:
        target = round(plan.targets[year] / CHOICE_NOK)
        effect = sum(
            round(r.effect_in(year, index, base_year) / CHOICE_NOK) * picks[id(r)]
            for r in result.results
        )
        short = model.new_int_var(0, max(target, 0), "")
        model.add(effect + short >= target)
        shortfalls.append(short)
    gap = sum(round(r.extra_gap_hours * 10) * picks[id(r)] for r in result.results)
    heltid = sum(-r.fulltime_heads_change * picks[id(r)] for r in result.results)
    saving = sum(round(r.saving_nok / CHOICE_NOK) * picks[id(r)] for r in result.results)
    # Reaching the targets first, then cover, heltid and kroner in that order.
    big = 1 + sum(abs(round(r.saving_nok / CHOICE_NOK)) for r in result.results)
    model.minimize(big * big * 1000 * sum(shortfalls) + big * 1000 * gap + big * heltid - saving)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 30.0
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    chosen = sorted(
        (r for r in result.results if solver.value(picks[id(r)])),
        key=lambda r: r.option.unit_index,
    )
    effect_by_year = {
        year: sum(r.effect_in(year, index, base_year) for r in chosen) for year in years
    }
    return Choice(
        options=chosen,
        effect_by_year=effect_by_year,
        reached=all(effect_by_year[y] >= plan.targets[y] - CHOICE_NOK for y in years),
        full_year_effect=sum(r.saving_nok for r in chosen),
        extra_gap_hours=sum(r.extra_gap_hours for r in chosen),
        fulltime_heads_change=sum(r.fulltime_heads_change for r in chosen),
        left_out=left_out,
    )
