"""A cover-aware first rota: one person at a time, against the cover the others leave.

An objective-free first rota keeps every hard rule but ignores the cover, and CP-SAT's own
neighbourhood search then spends most of its time climbing out of it (Curtois Instance12: 62 095
against a best known of 4 040). Planned one person at a time instead, each alone against the demand
the people before them leave (`rota.repair.residual_unit`) and with their own wishes, the rota
starts near what the search reaches in half a minute (bench/README.md). Each person's hard rules
are their own, and the cover is soft where this is used: so every person's plan keeps the rota
legal, and whoever is not reached in time keeps their row of the first rota.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from models.rota import Rota
from models.unit import Unit
from rota.check import check
from rota.findings import FindingKind
from rota.model import build_model, complete_hint, rota_from
from rota.params import SolveParams
from rota.repair import residual_unit, sub_solver
from rota.rules.coverage import shortfall_minutes

# Below this much time for a person, their plan is not tried (building it takes about as long).
MIN_PERSON_S = 0.05
# A person planned from scratch who has no row in their share is tried once more with this many
# times the share (from what is left of the time).
RETRY_FACTOR = 4
# At most this long for one person's plan from scratch, per week of the rota (their model grows
# with the days): past it a better row for one person gains less than the stages after it.
PERSON_S_PER_WEEK = 0.02


Row = tuple[str | None, ...]


def _plan_alone(
    unit: Unit,
    others: dict[str, Row],
    employee_id: str,
    hint: Row,
    params: SolveParams,
    seconds: float,
) -> Row | None:
    """The employee's best row alone against the cover `others` give (their own row in `others`
    is ignored), from `hint` (no worse than it, when it keeps their rules). Without a legal hint
    and without a row from the search in `seconds`, any row that keeps their rules, found
    without the objective (`_any_row`) in as long again; None when there is none."""

    sub = residual_unit(unit, Rota(days=unit.days, assignments=others), [employee_id])
    ctx = build_model(sub, params)
    fallback = None
    if any(hint):
        # Hinted whole (a tiny solve with the row fixed), the search starts from the row and
        # only improves on it; hinted by its shifts alone, it may end on a worse one.
        values = {v.index: int(hint[day] == code) for (_, day, code), v in ctx.x.items()}
        if complete_hint(ctx, values) is not None:
            fallback = hint
    solver = person_solver(params, seconds)
    if solver.solve(ctx.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return rota_from(ctx, solver).assignments[employee_id]
    if fallback is not None:
        return fallback
    # An illegal hint (a base row mapped onto a scenario) is no row to fall back on either.
    found = _any_row(ctx.model, params, seconds)
    return None if found is None else rota_from(ctx, found).assignments[employee_id]


def person_solver(params: SolveParams, seconds: float) -> cp_model.CpSolver:
    """A solver for one person's plan. Their model is small, and CP-SAT's probing and SAT
    inprocessing of it can take longer than the search itself: on five shift types over nine
    weeks they took most of a fifth of a second, and the search never began (bench/README.md)."""
    solver = sub_solver(params, seconds, params.seed)
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.use_sat_inprocessing = False
    return solver


def _any_row(
    model: cp_model.CpModel, params: SolveParams, seconds: float
) -> cp_model.CpSolver | None:
    """Any solution of the model's hard rules, found with the objective left out; None when there
    is none in `seconds`. One worker searching with the objective sometimes takes seconds over
    a person's row that it finds in a tenth of one without (bench/README.md): each person's own
    rules are easy, the cover leads the search astray."""
    bare = model.clone()
    bare.clear_objective()  # type: ignore[no-untyped-call]
    solver = person_solver(params, seconds)
    solver.parameters.stop_after_first_solution = True
    if solver.solve(bare) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return solver


def from_scratch(unit: Unit, params: SolveParams, seconds: float) -> Rota | None:
    """A first rota that keeps every hard rule, planned one person at a time in the unit's order,
    each alone against the demand the people before them leave, on one worker (a person's model
    is too small for two to help). The cost grows with the staff, not with the square of the
    whole model, so it comes on units whose whole model finds no first rota in a minute
    (bench/README.md). Each person may take an equal share of what is left of `seconds` (of
    work, in deterministic mode); None when someone has no row by then, since an empty row
    would break their hours. Only for units whose hard rules are each person's own: cover soft."""
    sub_params = params.with_(explain=False, warm_start=False, workers=1)
    # Even weeks are left to the stages after it: with them each person's search ran to its
    # cap far more often, and the first rota of 200 staff over 12 weeks came 14 s later
    # (bench/README.md). The rota stays legal: the term is soft.
    rules = unit.rules.model_copy(update={"uneven_week_weight": 0})
    unit = unit.model_copy(update={"rules": rules})
    staff = list(unit.employees)
    deadline = time.monotonic() + seconds
    empty: Row = (None,) * unit.days
    assignments: dict[str, Row] = {e.id: empty for e in staff}
    for index, employee in enumerate(staff):
        if params.deterministic:
            budget = seconds / len(staff)
        else:
            budget = (deadline - time.monotonic()) / (len(staff) - index)
        if budget < MIN_PERSON_S:
            return None
        capped = min(budget, PERSON_S_PER_WEEK * unit.weeks)
        row = _plan_alone(unit, assignments, employee.id, empty, sub_params, capped)
        if row is None:
            # Whether a search of this size finds a row in its share is partly luck, and some
            # people's rules are harder than most: one more try, with their whole share and
            # more, before the whole plan is given up.
            more = RETRY_FACTOR * budget
            if not params.deterministic:
                more = min(more, deadline - time.monotonic())
            row = _plan_alone(unit, assignments, employee.id, empty, sub_params, more)
        if row is None:
            return None
        assignments[employee.id] = row
    return Rota(days=unit.days, assignments=assignments)


def construct(
    unit: Unit, start: Rota, params: SolveParams, seconds: float, against_all: bool = False
) -> Rota:
    """`start` (a rota that keeps every hard rule) re-planned one person at a time in the unit's
    order, each against the demand the people before them leave, or with `against_all` the
    demand everyone else leaves (a start planned for the cover already: re-planned that way,
    no one's plan gets worse against the others'); each plan starts from the person's row in
    `start` and may take an equal share of what is left of `seconds`. In deterministic mode
    each person gets an equal share of `seconds` as work, not clock time."""
    sub_params = params.with_(explain=False, warm_start=False)
    staff = list(unit.employees)
    deadline = time.monotonic() + seconds
    empty: Row = (None,) * unit.days
    assignments = dict(start.assignments) if against_all else {e.id: empty for e in staff}
    for index, employee in enumerate(staff):
        if params.deterministic:
            budget = seconds / len(staff)
        else:
            budget = (deadline - time.monotonic()) / (len(staff) - index)
        own = start.assignments[employee.id]
        row = None
        if budget >= MIN_PERSON_S:
            row = _plan_alone(unit, assignments, employee.id, own, sub_params, budget)
        assignments[employee.id] = own if row is None else row
    return Rota(days=unit.days, assignments=assignments)


def mend(unit: Unit, start: Rota, params: SolveParams, seconds: float) -> Rota | None:
    """`start` made legal: everyone whose row breaks a hard rule (per the independent check) is
    planned again, one at a time, against the cover everyone else leaves, from their own row as
    a hint; everyone else keeps theirs. Each person's plan is a deterministic search of an equal
    share of `seconds` of work, so the same start mends the same way on any machine. None when a
    person has no legal row, or the mended rota still breaks a rule."""
    breaking = {f.employee for f in check(unit, start) if f.kind is FindingKind.BREACH}
    broken = [e.id for e in unit.employees if e.id in breaking]
    if not broken:
        return start
    sub_params = params.with_(explain=False, warm_start=False, deterministic=True)
    assignments = dict(start.assignments)
    for employee_id in broken:
        assignments[employee_id] = (None,) * unit.days
    budget = max(MIN_PERSON_S, seconds / len(broken))
    for employee_id in broken:
        hint = start.assignments[employee_id]
        row = _plan_alone(unit, assignments, employee_id, hint, sub_params, budget)
        if row is None:
            return None
        assignments[employee_id] = row
    mended = Rota(days=unit.days, assignments=assignments)
    if any(f.kind is FindingKind.BREACH for f in check(unit, mended)):
        return None
    return mended


def fewer_gaps(unit: Unit, rota: Rota, params: SolveParams, seconds_each: float) -> Rota:
    """The rota after one pass over the staff: each person planned again, alone, against the
    cover everyone else gives (a deterministic search of `seconds_each` of work, from their own
    row), kept only when the rota's shift-minutes short of the plan go down. A scenario's search
    with every person at once often leaves a gap one person could close (bench/README.md)."""
    sub_params = params.with_(explain=False, warm_start=False, deterministic=True)
    assignments = dict(rota.assignments)
    short = shortfall_minutes(unit, rota)
    for employee in unit.employees:
        if short == 0:
            break
        own = assignments[employee.id]
        others = {**assignments, employee.id: (None,) * unit.days}
        row = _plan_alone(unit, others, employee.id, own, sub_params, seconds_each)
        if row is None:
            continue
        trial = {**others, employee.id: row}
        now = shortfall_minutes(unit, Rota(days=unit.days, assignments=trial))
        if now < short:
            assignments, short = trial, now
    return Rota(days=unit.days, assignments=assignments)
