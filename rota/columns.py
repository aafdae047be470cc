"""Column generation: the rota as a choice of one row per person, priced by the cover's LP.

Where the cover is the only thing that ties people together (every other rule and wish is one
person's), a rota is one row per person, each keeping that person's rules, and its objective is
the sum of the rows' own costs plus the cover's shortfall and surplus. The LP over all such rows
(each person a convex mix of their rows) is far tighter than CP-SAT's relaxation of the whole
model: on Curtois Instance12 it reaches about 4 070 (best known 4 040) where CP-SAT's bound
stays at 0 in a minute. It is solved with rows generated as they are needed: the master LP (GLOP)
over the rows found so far gives each day and shift a price (its dual), and each person's model,
alone, finds the row whose own cost less the prices it earns is lowest; rows that beat the
master's price of the person are added, until none does or the time is up.

The LP's mix is fractional, and its rows do not combine into a good rota by themselves (the
restricted master as an integer program: 8 457 in 20 s on Instance12). But where every row in
a person's mix agrees on a day, that day is what the LP wants: `agreed` fixes those days (about
a third of them), and CP-SAT searches the whole model on the rest (bench/README.md).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from models.employee import Employee
from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.cpsat import Progress, ProgressCallback, run_solver
from rota.improve import separable
from rota.interruptible import new_solver, solve_interruptibly, stopped_with_main
from rota.model import build_model, complete_hint, rota_from, solve_fixed
from rota.params import SolveParams
from rota.repair import sub_solver
from rota.rules.coverage import gap_weight

# The cover's soft terms (rota.rules.coverage); every other term is one person's own.
COVER_TERMS = ("under_minimum", "under_target", "over_cover", "competence_gap", "language_gap")
# Prices are fractional; CP-SAT's objective is integral: costs are scaled by this much.
SCALE = 1000
# Time for one person's pricing; most are proven optimal in a few hundredths of a second.
PRICE_S = 0.25
# Rows each pricing may add (the improving rows CP-SAT meets on its way to the best).
ROWS_PER_PRICING = 3
# A row is added when it beats the person's price by more than this.
EPSILON = 1e-6
# Share of the time for pricing rows; the search with the agreed days fixed has the rest
# (Curtois Instance12, 60 s, seeds 1-4: 4046, 4356, 4243, 4245 at 0.75; 4268, 4485, 4255, 4363 at
# 0.6; 4374, 4270 at 0.45). Where the LP is solved sooner, the search starts sooner.
PRICING_SHARE = 0.75
# Rounds of pricing in deterministic mode, where the clock may not decide.
DETERMINISTIC_ROUNDS = 8

Row = tuple[str | None, ...]
Cell = tuple[int, str]  # day, shift code


def is_own_term(name: str) -> bool:
    """Whether a named soft term is one person's (not the cover's)."""
    return not name.startswith(COVER_TERMS)


@dataclass(frozen=True)
class Column:
    """One person's row of the rota and its own cost (their soft terms, the cover left out)."""

    row: Row
    cost: float


class Pricer:
    """One person's model alone, without the cover's terms: what it costs them to work a row,
    and the row that is cheapest against the cover's prices."""

    def __init__(self, unit: Unit, employee: Employee, params: SolveParams) -> None:
        alone = unit.model_copy(update={"employees": [employee]})
        self.days = unit.days
        self.ctx: ModelContext = build_model(alone, params.with_(explain=False))
        self.own = [
            (expression, weight)
            for name, terms in self.ctx.terms.items()
            if is_own_term(name)
            for expression, weight in terms
        ]
        self.ctx.model.minimize(sum(weight * expression for expression, weight in self.own))
        objective = self.ctx.model.proto.objective
        self._base = {
            var: coeff * SCALE for var, coeff in zip(objective.vars, objective.coeffs, strict=True)
        }
        self._offset = objective.offset * SCALE
        self._cells = {(day, code): var for (_, day, code), var in self.ctx.x.items()}
        self._params = params

    def price(
        self, prices: Mapping[Cell, float], seed: int
    ) -> tuple[list[tuple[Column, float]], bool]:
        """The improving rows CP-SAT finds for the objective own cost less the prices of the
        cells the row works, best last, each with that objective ([] when it finds none); and
        whether the last is proven the best."""
        objective = self.ctx.model.proto.objective
        coeffs = dict(self._base)
        for cell, var in self._cells.items():
            price = prices.get(cell, 0.0)
            if price:
                coeffs[var.index] = coeffs.get(var.index, 0) - round(price * SCALE)
        objective.vars.clear()
        objective.coeffs.clear()
        objective.vars.extend(list(coeffs))
        objective.coeffs.extend(list(coeffs.values()))
        objective.offset = self._offset
        solver = sub_solver(self._params, PRICE_S, seed)
        solver.parameters.num_workers = 1
        # The strongest LP proves a person's best row at once where the default searches for
        # seconds (Curtois Instance16, 20 people over 56 days: 1.2 s in all against 20 s).
        solver.parameters.linearization_level = 2
        collector = _Rows(self)
        status = solve_interruptibly(solver, self.ctx.model, collector)
        return collector.found[-ROWS_PER_PRICING:], status == cp_model.OPTIMAL

    def row_of(self, values: cp_model.CpSolverSolutionCallback | cp_model.CpSolver) -> Row:
        """The row of a solution of the person's model."""
        row: list[str | None] = [None] * self.days
        for (day, code), var in self._cells.items():
            if values.value(var):
                row[day] = code
        return tuple(row)

    def cost_of(self, row: Row) -> float | None:
        """The person's own cost of working `row`; None when it breaks one of their hard rules."""
        fixed = self.ctx.model.clone()
        for (day, code), var in self._cells.items():
            fixed.add(fixed.get_int_var_from_proto_index(var.index) == int(row[day] == code))
        fixed.clear_objective()  # type: ignore[no-untyped-call]
        fixed.minimize(sum(weight * expression for expression, weight in self.own))
        solver = new_solver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = 10.0
        if solver.solve(fixed) != cp_model.OPTIMAL:
            return None
        return solver.objective_value


class _Rows(cp_model.CpSolverSolutionCallback):
    def __init__(self, pricer: Pricer) -> None:
        super().__init__()
        self._pricer = pricer
        self.found: list[tuple[Column, float]] = []

    def on_solution_callback(self) -> None:
        own = sum(weight * self.value(expression) for expression, weight in self._pricer.own)
        self.found.append(
            (Column(self._pricer.row_of(self), float(own)), self.objective_value / SCALE)
        )


@dataclass
class LpSolution:
    """The master LP's optimum over the rows so far: its value, each cell's price for each
    person (the duals its rows earn), each person's own price (the convexity dual), and each
    person's rows with their weight in the mix."""

    value: float
    prices: dict[str, dict[Cell, float]]
    person_price: dict[str, float]
    mix: dict[str, list[tuple[Column, float]]]


@dataclass
class _CoverRow:
    """One linear row of the cover in the master: who counts on it, and its constraint."""

    cell: Cell
    counts: frozenset[str]
    constraint: pywraplp.Constraint


@dataclass
class Master:
    """The master LP: each person a convex mix of their rows; for each day and shift with a
    demand row, the shortfall under the minimum and under the target and the surplus over it at
    the weights the model gives them (rota.rules.coverage), and the competence and language
    gaps likewise."""

    unit: Unit
    params: SolveParams
    solver: pywraplp.Solver = field(init=False)
    columns: dict[str, list[Column]] = field(init=False)
    _weights: dict[str, list[pywraplp.Variable]] = field(init=False)
    _convexity: dict[str, pywraplp.Constraint] = field(init=False)
    _rows: dict[Cell, list[_CoverRow]] = field(init=False)
    _seen: dict[str, set[Row]] = field(init=False)

    def __post_init__(self) -> None:
        unit, params = self.unit, self.params
        lp = pywraplp.Solver.CreateSolver("GLOP")
        assert lp is not None  # GLOP ships with OR-Tools
        self.solver = lp
        staff = [e.id for e in unit.employees]
        self.columns = {e: [] for e in staff}
        self._weights = {e: [] for e in staff}
        self._seen = {e: set() for e in staff}
        self._convexity = {e: lp.Constraint(1.0, 1.0) for e in staff}
        self._rows = {}
        objective = lp.Objective()
        everyone = frozenset(staff)
        for (day, code), demand in unit.demand_index().items():
            if not 0 <= day < unit.days or code not in {s.code for s in unit.shift_types}:
                continue
            rows = []
            minutes = unit.shift(code).worked_minutes
            under_min = lp.NumVar(0, demand.min, "")
            under_target = lp.NumVar(0, demand.wanted - demand.min, "")
            over = lp.NumVar(0, lp.infinity(), "")
            objective.SetCoefficient(under_min, gap_weight(params.under_minimum_weight, minutes))
            objective.SetCoefficient(under_target, round(demand.weight_under))
            objective.SetCoefficient(over, round(demand.weight_over))
            least = lp.Constraint(demand.min, lp.infinity())
            least.SetCoefficient(under_min, 1)
            wanted = lp.Constraint(demand.wanted, lp.infinity())
            wanted.SetCoefficient(under_min, 1)
            wanted.SetCoefficient(under_target, 1)
            most = lp.Constraint(-lp.infinity(), demand.wanted)
            most.SetCoefficient(over, -1)
            rows += [_CoverRow((day, code), everyone, c) for c in (least, wanted, most)]
            for competence, needed in demand.competence_min.items():
                able = frozenset(
                    e.id for e in unit.employees if unit.can_fill(e.competence, competence)
                )
                rows.append(
                    self._gap_row(
                        (day, code), able, needed, gap_weight(params.competence_gap_weight, minutes)
                    )
                )
            for language, needed in demand.language_min.items():
                speakers = frozenset(e.id for e in unit.employees if language in e.languages)
                rows.append(
                    self._gap_row(
                        (day, code),
                        speakers,
                        needed,
                        gap_weight(params.language_gap_weight, minutes),
                    )
                )
            self._rows[day, code] = rows
        objective.SetMinimization()

    def _gap_row(self, cell: Cell, counts: frozenset[str], needed: int, weight: int) -> _CoverRow:
        lp = self.solver
        gap = lp.NumVar(0, needed, "")
        lp.Objective().SetCoefficient(gap, weight)
        constraint = lp.Constraint(needed, lp.infinity())
        constraint.SetCoefficient(gap, 1)
        return _CoverRow(cell, counts, constraint)

    def has(self, employee_id: str, row: Row) -> bool:
        """Whether the person has this row already."""
        return row in self._seen[employee_id]

    def add(self, employee_id: str, column: Column) -> bool:
        """Add a row for the person; False when they have it already."""
        if column.row in self._seen[employee_id]:
            return False
        self._seen[employee_id].add(column.row)
        weight = self.solver.NumVar(0, 1, "")
        self.solver.Objective().SetCoefficient(weight, column.cost)
        self._convexity[employee_id].SetCoefficient(weight, 1)
        for day, code in enumerate(column.row):
            if code is None:
                continue
            for row in self._rows.get((day, code), ()):
                if employee_id in row.counts:
                    row.constraint.SetCoefficient(weight, 1)
        self.columns[employee_id].append(column)
        self._weights[employee_id].append(weight)
        return True

    def solve(self) -> LpSolution | None:
        """The LP's optimum over the rows so far; None when it has none (a person with no row)."""
        if self.solver.Solve() != pywraplp.Solver.OPTIMAL:
            return None
        prices: dict[str, dict[Cell, float]] = {e: {} for e in self.columns}
        for cell, rows in self._rows.items():
            for row in rows:
                dual = row.constraint.dual_value()
                if abs(dual) < 1e-9:
                    continue
                for employee_id in row.counts:
                    prices[employee_id][cell] = prices[employee_id].get(cell, 0.0) + dual
        return LpSolution(
            value=self.solver.Objective().Value(),
            prices=prices,
            person_price={e: c.dual_value() for e, c in self._convexity.items()},
            mix={
                e: [
                    (column, weight.solution_value())
                    for column, weight in zip(self.columns[e], self._weights[e], strict=True)
                    if weight.solution_value() > EPSILON
                ]
                for e in self.columns
            },
        )


@dataclass
class Generated:
    """What the column generation reached: the master with its rows, its last LP optimum, the
    best bound it proved (None before the pricing was complete once), and its rounds."""

    master: Master
    solution: LpSolution
    bound: float | None
    rounds: int


def generate(
    unit: Unit, params: SolveParams, rotas: Sequence[Rota], seconds: float
) -> Generated | None:
    """Rows priced for the master LP for up to `seconds` (DETERMINISTIC_ROUNDS rounds in
    deterministic mode), starting from the rows of `rotas` (each keeping every person's hard
    rules); None when the time is too short to read even those."""
    deadline = time.monotonic() + seconds
    pricers = {e.id: Pricer(unit, e, params) for e in unit.employees}
    master = Master(unit, params)
    for rota in rotas:
        for employee_id, pricer in pricers.items():
            row = rota.assignments[employee_id]
            if master.has(employee_id, row):
                continue
            cost = pricer.cost_of(row)
            if cost is not None:
                master.add(employee_id, Column(row, cost))
    solution = master.solve()
    if solution is None:
        return None
    bound: float | None = None
    rounds = 0
    workers = max(1, params.effective_workers) if not params.deterministic else 1
    with ThreadPoolExecutor(max_workers=workers) as pool, stopped_with_main():
        while True:
            if params.deterministic:
                if rounds >= DETERMINISTIC_ROUNDS:
                    break
            elif time.monotonic() >= deadline:
                break
            current = solution

            def priced(
                employee_id: str, current: LpSolution = current
            ) -> tuple[list[tuple[Column, float]], bool]:
                return pricers[employee_id].price(current.prices[employee_id], params.seed)

            found = list(zip(pricers, pool.map(priced, pricers), strict=True))
            rounds += 1
            added = 0
            lagrangian = current.value
            complete = True
            for employee_id, (rows, proven) in found:
                complete = complete and proven
                if not rows:
                    continue
                person_price = current.person_price[employee_id]
                lagrangian += min(0.0, rows[-1][1] - person_price)
                for column, reduced in rows:
                    if reduced < person_price - EPSILON and master.add(employee_id, column):
                        added += 1
            if complete:
                # Valid only when each pricing was the true best: a lower bound of the LP (and of
                # every rota), by the Lagrangian argument; kept as the best seen.
                bound = lagrangian if bound is None else max(bound, lagrangian)
            if not added:
                break
            solved = master.solve()
            if solved is None:
                break
            solution = solved
    return Generated(master, solution, bound, rounds)


def agreed(solution: LpSolution) -> dict[tuple[str, int], str | None]:
    """Each person's days on which every row in their LP mix agrees: (employee id, day) -> the
    shift worked (None for a day off)."""
    fixed: dict[tuple[str, int], str | None] = {}
    for employee_id, mix in solution.mix.items():
        rows = [column.row for column, _ in mix]
        if not rows:
            continue
        for day, code in enumerate(rows[0]):
            if all(row[day] == code for row in rows[1:]):
                fixed[employee_id, day] = code
    return fixed


def heaviest(solution: LpSolution, fallback: Rota) -> Rota:
    """Each person's row of greatest weight in the LP's mix (their row in `fallback` when they
    have none): a rota that keeps every person's hard rules and every `agreed` day."""
    assignments = {}
    for employee_id, row in fallback.assignments.items():
        mix = solution.mix.get(employee_id)
        assignments[employee_id] = max(mix, key=lambda pair: pair[1])[0].row if mix else row
    return Rota(days=fallback.days, assignments=assignments)


def applies(unit: Unit, params: SolveParams) -> bool:
    """Whether the rota is a choice of one row per person against the cover: no spread between
    people, and the cover soft."""
    return separable(unit) and not params.hard_cover


def price_and_fix(
    unit: Unit,
    start: Rota,
    params: SolveParams,
    seconds: float,
    progress: ProgressCallback | None = None,
    offset: float = 0.0,
) -> Rota:
    """`start` (keeping every hard rule) improved in `seconds`: rows priced for the master LP
    for PRICING_SHARE of them, then CP-SAT on the whole model with each person's `agreed` days
    fixed, from the LP's heaviest rows. `start` when that finds nothing better. `progress` is
    told of each better rota of that search, `offset` seconds after the solve began."""
    began = time.monotonic()
    ctx = build_model(unit, params)
    fixed_status, start_cost = solve_fixed(
        ctx, {v.index: int(start.shift_on(e, day) == code) for (e, day, code), v in ctx.x.items()}
    )
    if fixed_status != cp_model.OPTIMAL:
        return start
    if progress is not None:
        # The start is a rota already; the pricing takes a while before anything better comes.
        seconds = offset + time.monotonic() - began
        gaps = ctx.open_gaps(start_cost.value)
        progress(Progress(start_cost.objective_value, 0.0, seconds, gaps))
    generated = generate(unit, params, [start], seconds * PRICING_SHARE)
    if generated is None:
        return start
    for (employee_id, day), worked in agreed(generated.solution).items():
        for shift in unit.shift_types:
            ctx.model.add(ctx.x[employee_id, day, shift.code] == int(shift.code == worked))
    hint = heaviest(generated.solution, start)
    complete_hint(
        ctx, {v.index: int(hint.shift_on(e, day) == code) for (e, day, code), v in ctx.x.items()}
    )
    spent = 0.0 if params.deterministic else time.monotonic() - began
    search = params.with_(time_limit_s=max(seconds - spent, min(1.0, seconds)))
    status, solver = run_solver(ctx, search, progress, offset + spent, improving=True)
    if status.has_rota and solver.objective_value < start_cost.objective_value:
        return rota_from(ctx, solver)
    return start
