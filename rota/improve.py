"""Neighbourhood search over small re-plans: a few people over a window of days, the rest fixed.

CP-SAT's own neighbourhood search works on the whole model, and on the largest units each of its
neighbourhoods costs a load and presolve of all of it (Curtois Instance20: 54 600 shift variables).
Here the whole model is built once and each re-plan is cut out of it (`rota.subproblem`): only
the constraints that touch the free shifts, with every other value folded in, so that its model
is as small as the re-plan (about 700 variables for 5 people x 10 days) and its solve takes a
few hundredths of a second.

A re-plan is kept when its own objective falls, and the whole objective falls by as much (it is
linear, and the terms left out do not change). Each core sweeps its own team of people over its
own part of the days, in a process of its own (in threads, the Python work between the solves
held Python's lock, and two did no better than one); the sweeps' changes are merged, each
checked against every constraint it touches; where two sweeps changed the same count (both
covered the same short shift), it is set again and the second sweep kept only if the objective
still falls. Between the rounds of sweeps, people are also re-planned one at a time over the
whole plan, each core its own people: which weekends a person works is a choice over all of it,
which no window sees (Curtois Instance20 levels off near 8 600 with windows alone, its weekend
shifts short). When a round of people gains nothing, the next takes them two at a time, who
may trade what neither gives up alone (and back to one at a time when that gains nothing).
While a shift is below its minimum, a third kind of round re-plans groups of four over the whole
plan: one person with three who are off that day and may work it (on a weekend, those with a
weekend to spare first). A weekend shift short in a rota of whole weekends every 3rd needs one
person to take the weekend and others to move theirs: no one person, and no window, holds that
move (bench/README.md, the merged scenario). Each round is of the kind that gained faster when
last tried.
A soft term that couples people (the spread of nights or weekends between them) is seen whole:
its highest and lowest count are freed with every count they bound, the others' counts folded in
as numbers. The largest units' first rota is still re-planned only where no such term is
(`separable`): there it has not been measured.
"""

from __future__ import annotations

import itertools
import math
import multiprocessing
import random
import signal
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from ortools.sat.python import cp_model

from models.clock import SATURDAY, SUNDAY
from models.demand import Demand
from models.employee import Employee
from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.interruptible import check_stopped, new_solver
from rota.model import build_model, solve_fixed
from rota.params import SolveParams
from rota.repair import sub_solver
from rota.rules.coverage import gap_weight
from rota.subproblem import FlatModel, Solution, flatten

# People in a group and days in a window: many small re-plans solved to optimality beat fewer
# large ones (Curtois Instance20, 27 s on two cores from the same rota, two to four runs each:
# 7 x 14 gave 10200-11751, 5 x 14 11322-11337, 8 x 14 11280-11339, 10 x 10 11296-11494,
# 5 x 10 11675-12522, 6 x 21 13361-13712, 7 x 21 14167-14535).
PEOPLE = 7
WINDOW_DAYS = 14
# Time for one window's re-plan: more windows beat each one proven optimal (Curtois
# Instance20, 27 s on two cores from the same rota: 0.1 s gave 9659-11315 in four runs, 0.2 s
# 10200-11751, 0.4 s 10882-11292, 0.05 s 11017-11539).
REPLAN_S = 0.1
# CP-SAT's LP in each re-plan: the strongest (2), as the search after the re-plans has it too
# (Curtois Instance20, 60 s: 11885-12501 in four runs, against 13154-14875 with the default;
# one person over the whole plan, 20 s from the same rota on one worker: 8865 and 8971,
# against 9325-9727).
REPLAN_LINEARIZATION = 2
# Share of groups chosen round a shift short of its target, while there is one.
FOCUS_SHARE = 0.8
# How long a process sweeps before its re-plans are merged with the others', at most: in
# seconds, and in groups (each swept over all its days).
SWEEP_S = 2.0
SWEEP_GROUPS = 4
# Sweeps at once, one process each (at most one per core).
MAX_PROCESSES = 4
# After each round of sweeps, people re-planned one at a time over the whole plan (which
# weekends they work is a choice over all of it, not a window's), for PERSON_ROUND_S at most,
# PERSON_S each.
PERSON_ROUND_S = 2.0
PERSON_S = 0.5
# People handed to each core for a round of them (it reaches four at 0.5 s each at most).
PEOPLE_PER_CORE = 6
# Rounds of two people at a time over the whole plan, PERSON_S each person: where the person
# rounds level off, two people trade what neither gives up alone (Curtois Instance20 at 7867,
# where 60 s of person rounds had levelled off, 30 s on one core: 707 gained in 37 pairs at
# 1 s each, against 102 in 136 people at 0.5 s).
PAIR = 2
# People re-planned together round a shift below its minimum.
GAP_GROUP = 4
# Time to set the counts of the constraints two sweeps changed together (a tiny solve).
MEND_S = 1.0
# Rounds after which the kind of round not chosen is tried again.
EXPLORE_ROUNDS = 4
_SWEEPS, _PEOPLE, _GAPS = "sweeps", "people", "gaps"


def whole_model(unit: Unit, params: SolveParams) -> ModelContext:
    """The unit's model as the re-plans cut from it: without the redundant table of hours
    counts (a kind of constraint a re-plan is not cut from), which only speeds up the search;
    every rota keeps the hours rule anyway."""
    return build_model(unit, params.with_(explain=False, redundant=False))


@dataclass(frozen=True)
class Prepared:
    """The whole unit's model as the re-plans cut from it, and its plain lists (None when it has
    a kind of constraint a re-plan cannot be cut from): all that does not depend on the rota,
    so that it can be made while the first rota is searched for."""

    ctx: ModelContext
    flat: FlatModel | None


def prepare(unit: Unit, params: SolveParams) -> Prepared:
    """The re-plans' model of the unit, built and read into plain lists."""
    ctx = whole_model(unit, params)
    try:
        flat = flatten(ctx.model, (variable.index for variable in ctx.x.values()))
    except ValueError:
        flat = None
    return Prepared(ctx, flat)


def separable(unit: Unit) -> bool:
    """Whether every soft term is one person's or one cover count's: no spread between people,
    so that a group's re-plan sees the whole objective's change."""
    rules = unit.rules
    return not (rules.night_spread_weight or rules.weekend_spread_weight)


@dataclass(frozen=True)
class _Sweep:
    """One process's re-plans for a while: groups of its people over its part of the days."""

    people: list[str]
    days: list[int]  # the part of the days it may change, in order
    seed: int


def improve(
    unit: Unit,
    rota: Rota,
    params: SolveParams,
    seconds: float,
    rounds: int | None = None,
    report: Callable[[float, Rota], None] | None = None,
    prepared: Prepared | None = None,
) -> tuple[Rota, float]:
    """`rota` (keeping every hard rule) improved by re-plans of a few people over a window of
    days, or of one person over every day, each kept when it lowers the objective; the rota and
    how much lower its objective is. Stops after `seconds` (that much solver work in
    deterministic mode), or after `rounds` rounds (of one sweep per core, one in all in
    deterministic mode, or of people re-planned one or two at a time). `report` is told the
    objective and the rota at the start and after each round that lowered it. `prepared`: the
    unit's model as `prepare` makes it, when the caller has it (and keeps it for a search
    after); made here otherwise."""
    if seconds <= 0:
        return rota, 0.0
    deadline = time.monotonic() + seconds
    whole = _Whole.of(unit, rota, params, prepared)
    if whole is None:
        return rota, 0.0
    if report is not None:
        report(whole.objective, rota)
    rng = random.Random(params.seed)
    cores = 1 if params.deterministic else min(MAX_PROCESSES, params.effective_workers)
    work = gained = 0.0
    done = 0
    people = _Cycle([e.id for e in unit.employees], rng)
    # Each round is a round of sweeps or a round of people (one or two at a time) re-planned
    # over the whole plan, whichever gained faster when last tried; none goes untried for long.
    # While a shift is below its minimum, a third kind: pairs of one person and someone who may
    # take the short shift (`_paired`).
    rate = {_SWEEPS: math.inf, _GAPS: math.inf, _PEOPLE: 0.0}
    last = {_SWEEPS: 0, _GAPS: 0, _PEOPLE: 0}
    together = 1
    with _pool(whole, params, cores) as pool:
        while (rounds is None or done < rounds) and (
            work < seconds if params.deterministic else time.monotonic() < deadline
        ):
            check_stopped()
            done += 1
            kinds = [k for k in rate if k != _GAPS or _below_minimum(unit, whole.rota())]
            kind = max(kinds, key=lambda k: (done - last[k] > EXPLORE_ROUNDS, rate[k]))
            last[kind] = done
            budget = seconds - work if params.deterministic else deadline
            clock = time.monotonic()
            if kind == _PEOPLE:
                gain, spent = _person_round(
                    whole, params, budget, pool, cores, people, rng, together
                )
                if gain <= 0:
                    # Alone or in pairs, whichever did not just level off.
                    together = PAIR if together == 1 else 1
            elif kind == _GAPS:
                gain, spent = _person_round(
                    whole, params, budget, pool, cores, people, rng, GAP_GROUP, focus=True
                )
            else:
                gain, spent = _sweep_round(whole, params, budget, pool, cores, rng)
            work += spent
            gained += gain
            if gain > 0 and report is not None:
                report(whole.objective - gained, whole.rota())
            took = spent if params.deterministic else time.monotonic() - clock
            rate[kind] = gain / max(took, 1e-3)
    return whole.rota(), gained


def _sweep_round(
    whole: _Whole,
    params: SolveParams,
    budget: float,
    pool: ProcessPoolExecutor | None,
    cores: int,
    rng: random.Random,
) -> tuple[float, float]:
    """One sweep per core (one in all without a pool), merged; how much lower the objective is
    and the solver work spent."""
    sweeps = _plan(whole.unit, cores if pool is not None else 1, rng)
    if pool is None:
        results = [_sweep(whole, whole.values, sweeps[0], params, budget)]
    else:
        jobs = [pool.submit(_sweep_adopted, whole.values, s, budget) for s in sweeps]
        results = [job.result() for job in jobs]
    return _merge(whole, results)


def _merge(
    whole: _Whole, results: Sequence[tuple[dict[int, int], float, float]]
) -> tuple[float, float]:
    """The cores' changes (each with its gain and solver work, all found from the same values)
    taken in turn, the first as it is; how much lower the objective is and the work spent."""
    gained = work = 0.0
    for k, (changes, gain, spent) in enumerate(results):
        work += spent
        gained += whole.adopt(changes, gain, check=k > 0)
    return gained, work


def _changes(current: Solution, start: Sequence[int]) -> dict[int, int]:
    """The values `current` holds that differ from `start`."""
    return {v: current.values[v] for v in current.changed if current.values[v] != start[v]}


@dataclass
class _Whole:
    """The whole unit's model as plain lists, a solution of it (every variable's value) and
    where each shift variable is."""

    unit: Unit
    flat: FlatModel
    shift_index: dict[tuple[str, int, str], int]
    by_day: dict[tuple[str, int], list[int]]
    values: list[int]
    objective: float  # of the values it was made with
    # The solution this process sweeps from, kept from sweep to sweep (in each worker process
    # its own), so that the activities it caches stay: building them again each time took a
    # third of each re-plan's time.
    local: Solution | None = None

    @classmethod
    def of(
        cls, unit: Unit, rota: Rota, params: SolveParams, prepared: Prepared | None = None
    ) -> _Whole | None:
        """The model (`prepared`, or made by `prepare`) and the rota's solution of it; None if
        the model has a kind of constraint a re-plan cannot be cut from, or the rota does not
        keep its hard rules."""
        prepared = prepared or prepare(unit, params)
        ctx, flat = prepared.ctx, prepared.flat
        if flat is None:
            return None
        shift_index = {key: variable.index for key, variable in ctx.x.items()}
        shifts = {
            i: int(rota.shift_on(e, day) == code) for (e, day, code), i in shift_index.items()
        }
        status, solver = solve_fixed(ctx, shifts)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        by_day: dict[tuple[str, int], list[int]] = defaultdict(list)
        for (employee_id, day, _), i in shift_index.items():
            by_day[employee_id, day].append(i)
        values = list(solver.response_proto.solution)
        return cls(unit, flat, shift_index, dict(by_day), values, solver.objective_value)

    def start_at(self, start: Sequence[int]) -> Solution:
        """This process's solution to re-plan from, moved to the values `start`, with nothing
        marked changed yet."""
        if self.local is None:
            self.local = Solution(self.flat, start)
        self.local.move_to(start)
        self.local.changed.clear()
        return self.local

    def rota(self, values: Sequence[int] | None = None) -> Rota:
        """The rota of the values (by default, the current solution's)."""
        values = self.values if values is None else values
        rows: dict[str, list[str | None]] = {
            e.id: [None] * self.unit.days for e in self.unit.employees
        }
        for (employee_id, day, code), i in self.shift_index.items():
            if values[i]:
                rows[employee_id][day] = code
        return Rota(days=self.unit.days, assignments={e: tuple(row) for e, row in rows.items()})

    def adopt(self, changes: dict[int, int], gain: float, check: bool = True) -> float:
        """Take a sweep's changed values, which lowered the objective by `gain` from the values
        it started from; how much lower the objective is for them here (0 when refused).
        Without `check` they are taken as they are: for the first sweep of a round, whose
        changes were found from these very values. Else every constraint they touch is checked
        beside the other sweeps' changes (each holds when the sweeps share neither people nor
        days). Where one does not (two people both took the shift short of its target, so it
        is now over), its counts are set again with every shift as it is; the changes are kept
        if the objective still falls, at what it really falls by."""
        before = {v: self.values[v] for v in changes}
        for v, value in changes.items():
            self.values[v] = value
        if not check:
            return gain
        touched = {c for v in changes for c in self.flat.by_var[v]}
        broken = [c for c in touched if not self.flat.satisfied(c, self.values)]
        if not broken:
            return gain
        mended = self._mend(broken)
        if mended is not None:
            # Each variable changed, at its value before this sweep.
            old = {v: self.values[v] for v in mended} | before
            for v, value in mended.items():
                self.values[v] = value
            objective = self.flat.objective
            fall = sum(objective.get(v, 0) * (value - self.values[v]) for v, value in old.items())
            if fall > 0:
                return float(fall)
            before = old
        for v, value in before.items():
            self.values[v] = value
        return 0.0

    def _mend(self, broken: list[int]) -> dict[int, int] | None:
        """New values for the counts (the variables that are not shifts) of the `broken`
        constraints, with every shift as it is, at the lowest objective; None when no values
        mend them (a hard rule is broken)."""
        counts = list(dict.fromkeys(v for c in broken for v in self.flat.helpers[c]))
        if not counts:
            return None
        sub = Solution(self.flat, self.values).cut(counts)
        solver = new_solver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = MEND_S
        if solver.solve(sub.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        solution = solver.response_proto.solution
        return {v: solution[at] for at, v in enumerate(sub.variables)}


@contextmanager
def _pool(whole: _Whole, params: SolveParams, cores: int) -> Iterator[ProcessPoolExecutor | None]:
    """Worker processes that have the model and the parameters already (forked, so that nothing
    large is sent with each sweep); None for one core, where processes cannot be forked, or in a
    daemonic process (a Dask worker's), which may have none of its own."""
    if (
        cores < 2
        or "fork" not in multiprocessing.get_all_start_methods()
        or multiprocessing.current_process().daemon
    ):
        yield None
        return
    pool = ProcessPoolExecutor(
        cores,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_adopt,
        initargs=(whole, params),
    )
    try:
        yield pool
    except KeyboardInterrupt:
        # Its workers leave Ctrl+C to this process and would finish their round: what they
        # find is thrown away, so they are ended at once.
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        raise
    finally:
        pool.shutdown(cancel_futures=True)


# In a worker process: the model and parameters it sweeps for.
_ADOPTED: list[tuple[_Whole, SolveParams]] = []


def _adopt(whole: _Whole, params: SolveParams) -> None:
    # Ctrl+C is the parent's to handle (it stops the pool); a worker that took it too would
    # break the pool with a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _ADOPTED[:] = [(whole, params)]


def _sweep_adopted(
    values: list[int], sweep: _Sweep, budget: float
) -> tuple[dict[int, int], float, float]:
    whole, params = _ADOPTED[0]
    return _sweep(whole, values, sweep, params, budget)


def _plan(unit: Unit, cores: int, rng: random.Random) -> list[_Sweep]:
    """One sweep per core: the days cut at a random day into that many runs of days, and the
    people shuffled into as many teams, one of each per sweep."""
    first = rng.randrange(unit.days)
    order = [(first + k) % unit.days for k in range(unit.days)]
    staff = [e.id for e in unit.employees]
    rng.shuffle(staff)
    cores = max(1, min(cores, len(staff) // 2))  # at least two to trade shifts
    return [
        _Sweep(
            staff[k::cores],
            order[k * unit.days // cores : (k + 1) * unit.days // cores],
            rng.randrange(1 << 16),
        )
        for k in range(cores)
    ]


def _sweep(
    whole: _Whole, start: Sequence[int], sweep: _Sweep, params: SolveParams, budget: float
) -> tuple[dict[int, int], float, float]:
    """Groups of the sweep's people re-planned window by window over its days (each window kept
    when better), SWEEP_GROUPS of them for at most SWEEP_S, or until `budget` (the deadline on the clock, or the work left in
    deterministic mode): the values that changed, how much lower the objective is and the
    solver work spent."""
    unit = whole.unit
    current = whole.start_at(start)
    rng = random.Random(sweep.seed)
    index = unit.demand_index()
    one_core = params.with_(workers=1)
    started = time.monotonic()
    spent = gained = 0.0

    def left() -> float:
        if params.deterministic:
            return min(budget - spent, SWEEP_S - spent)
        now = time.monotonic()
        return min(budget - now, started + SWEEP_S - now)

    for _ in range(SWEEP_GROUPS):
        if left() <= 0:
            break
        rota = whole.rota(current.values)
        group, focus = _neighbourhood(unit, index, rota, sweep.people, sweep.days, rng, params)
        windows = _windows(sweep.days, focus, min(WINDOW_DAYS, len(sweep.days)))
        if any(_weekends_limited(unit, unit.employee(e)) for e in group):
            # Which weekends each person works is a choice over the whole plan, not ten days:
            # the weekends of the part as one window (Curtois Instance20, 27 s from the same
            # rota: 12674-13103 against 13097-13336 without).
            windows.append([d for d in sweep.days if d % 7 in (SATURDAY, SUNDAY)])
        for window in windows:
            if left() <= 0:
                break
            free = [i for e in group for day in window for i in whole.by_day.get((e, day), ())]
            gain, work = _replan(current, free, one_core, min(REPLAN_S, left()), rng)
            gained += gain
            spent += work
    changes = _changes(current, start)
    return changes, gained, spent


class _Cycle:
    """The staff in a shuffled order, round and round."""

    def __init__(self, staff: list[str], rng: random.Random) -> None:
        self._order = list(staff)
        rng.shuffle(self._order)
        self._next = 0

    def __iter__(self) -> _Cycle:
        return self

    def __next__(self) -> str:
        employee_id = self._order[self._next]
        self._next = (self._next + 1) % len(self._order)
        return employee_id


def _person_round(
    whole: _Whole,
    params: SolveParams,
    budget: float,
    pool: ProcessPoolExecutor | None,
    cores: int,
    people: _Cycle,
    rng: random.Random,
    together: int = 1,
    focus: bool = False,
) -> tuple[float, float]:
    """The next people of the cycle re-planned `together` at a time over every day (with
    `focus`, each with a partner who may take a shift below its minimum), each
    re-plan kept when better, for PERSON_ROUND_S at most or until `budget` (as for a sweep): on
    each core its own people, merged as the sweeps are (without a pool, on `cores` workers);
    how much lower the objective is and the solver work spent."""
    if pool is None:
        on_cores = params.with_(workers=cores)
        seed = rng.randrange(1 << 16)
        count = len(whole.unit.employees)
        order = [next(people) for _ in range(count)]
        order = _paired(whole, order, rng) if focus else order
        changes, gain, spent = _people(
            whole, whole.values, iter(order), on_cores, budget, seed, together
        )
        whole.adopt(changes, gain, check=False)
        return gain, spent
    # More people than a core re-plans in a round: those it does not reach wait for the next
    # turn of the cycle.
    per_core = max(1, min(PEOPLE_PER_CORE, len(whole.unit.employees) // cores))
    teams = [[next(people) for _ in range(per_core)] for _ in range(cores)]
    if focus:
        teams = [_paired(whole, team, rng) for team in teams]
    jobs = [
        pool.submit(_people_adopted, whole.values, team, budget, rng.randrange(1 << 16), together)
        for team in teams
    ]
    return _merge(whole, [job.result() for job in jobs])


def _paired(whole: _Whole, order: list[str], rng: random.Random) -> list[str]:
    """The people in `order`, each followed by a partner: someone off on the day of a shift
    below its minimum who may work it (on a weekend day, someone with a weekend to spare when
    there is one), so that re-planned as a pair the partner takes the shift and the other what
    the partner gives up. A shift short on a weekend in a rota of whole weekends every 3rd is
    closed this way where no one person's re-plan can, and the sweeps' windows see only part of
    the weekends."""
    unit = whole.unit
    rota = whole.rota()
    short = _below_minimum(unit, rota)
    if not short:
        return order
    paired: list[str] = []
    for person in order:
        day, code = rng.choice(short)
        partners = _partners(unit, rota, day, code, person, rng)
        paired.extend([person, *partners])
    return paired


def _below_minimum(unit: Unit, rota: Rota) -> list[tuple[int, str]]:
    """The (day, shift) cells with fewer people on them than their minimum."""
    staffed: Counter[tuple[int, str]] = Counter(
        (day, code)
        for row in rota.assignments.values()
        for day, code in enumerate(row)
        if code is not None
    )
    return sorted(cell for cell, row in unit.demand_index().items() if staffed[cell] < row.min)


def _partners(
    unit: Unit, rota: Rota, day: int, code: str, person: str, rng: random.Random
) -> list[str]:
    """GAP_GROUP - 1 people other than `person`, off on `day`, who may work `code` that day: on a
    weekend day those with a weekend to spare first."""
    able = [
        e
        for e in unit.employees
        if e.id != person and rota.assignments[e.id][day] is None and _may_work(e, day, code)
    ]
    rng.shuffle(able)
    if day % 7 in (SATURDAY, SUNDAY):
        able.sort(key=lambda e: _spare_weekends(unit, rota, e) <= 0)
    return [e.id for e in able[: GAP_GROUP - 1]]


def _spare_weekends(unit: Unit, rota: Rota, employee: Employee) -> int:
    """How many more weekends the person may work than the rota gives them."""
    row = rota.assignments[employee.id]
    worked = sum(
        row[week * 7 + SATURDAY] is not None or row[week * 7 + SUNDAY] is not None
        for week in range(unit.weeks)
    )
    return unit.rules_for(employee).most_weekends(unit.weeks) - worked


def _people_adopted(
    values: list[int], team: list[str], budget: float, seed: int, together: int
) -> tuple[dict[int, int], float, float]:
    whole, params = _ADOPTED[0]
    return _people(whole, values, iter(team), params.with_(workers=1), budget, seed, together)


def _people(
    whole: _Whole,
    start: Sequence[int],
    people: Iterator[str],
    params: SolveParams,
    budget: float,
    seed: int,
    together: int = 1,
) -> tuple[dict[int, int], float, float]:
    """People from `people` re-planned `together` at a time over every day from the values
    `start`, each re-plan kept when better, for PERSON_ROUND_S at most or until `budget`: the
    values that changed, how much lower the objective is and the solver work spent."""
    current = whole.start_at(start)
    rng = random.Random(seed)
    started = time.monotonic()
    spent = gained = 0.0
    staff = itertools.islice(people, len(whole.unit.employees))
    while group := list(dict.fromkeys(itertools.islice(staff, together))):
        if params.deterministic:
            left = min(budget - spent, PERSON_ROUND_S - spent)
        else:
            now = time.monotonic()
            left = min(budget - now, started + PERSON_ROUND_S - now)
        if left <= 0:
            break
        free = [
            i
            for employee_id in group
            for day in range(whole.unit.days)
            for i in whole.by_day.get((employee_id, day), ())
        ]
        gain, work = _replan(current, free, params, min(PERSON_S * len(group), left), rng)
        gained += gain
        spent += work
    changes = _changes(current, start)
    return changes, gained, spent


def _replan(
    current: Solution, free: list[int], params: SolveParams, seconds: float, rng: random.Random
) -> tuple[float, float]:
    """One re-plan of the `free` shift variables, taken into `current` when better: how much
    lower the objective is and the solver work spent."""
    sub = current.cut(free)
    solver = sub_solver(params, seconds, rng.randrange(1 << 16))
    solver.parameters.linearization_level = REPLAN_LINEARIZATION
    status = solver.solve(sub.model)
    spent = solver.deterministic_time if params.deterministic else solver.wall_time
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.objective_value < (
        sub.objective_now
    ):
        current.take(sub, solver.response_proto.solution)
        return sub.objective_now - solver.objective_value, spent
    return 0.0, spent


def _windows(days: Sequence[int], focus: int, length: int) -> list[list[int]]:
    """`days` cut into windows of `length` (the last one wrapping round to the first days), the
    one centred on `focus` first."""
    offset = (list(days).index(focus) - length // 2) % len(days)
    count = -(-len(days) // length)
    return [
        [days[(offset + k * length + j) % len(days)] for j in range(length)] for k in range(count)
    ]


def _neighbourhood(
    unit: Unit,
    index: dict[tuple[int, str], Demand],
    rota: Rota,
    people: Sequence[str],
    days: Sequence[int],
    rng: random.Random,
    params: SolveParams,
) -> tuple[list[str], int]:
    """A group of `people` and the day among `days` to start from. Mostly a shift short of its
    target, chosen by what it costs (a shift below its minimum far more often than one only
    below its target), with people who may work it and have shifts to spare near it (on
    shifts with more people than wanted); else anyone, on any of the days."""
    staffed: Counter[tuple[int, str]] = Counter()
    for row in rota.assignments.values():
        for day, code in enumerate(row):
            if code is not None:
                staffed[day, code] += 1
    staff = [unit.employee(e) for e in people]
    inside = set(days)
    short = [
        (cell, row)
        for cell, row in index.items()
        if cell[0] in inside and staffed[cell] < row.wanted
    ]
    if not short or rng.random() >= FOCUS_SHARE:
        return [e.id for e in rng.sample(staff, min(len(staff), PEOPLE))], rng.choice(list(days))
    weights = [
        row.weight_under * (row.wanted - staffed[cell])
        + gap_weight(params.under_minimum_weight, unit.shift(cell[1]).worked_minutes)
        * max(0, row.min - staffed[cell])
        for cell, row in short
    ]
    (focus, code), _ = rng.choices(short, weights=weights)[0]
    near = range(max(0, focus - WINDOW_DAYS // 2), min(unit.days, focus + WINDOW_DAYS // 2 + 1))

    def spare(employee: Employee) -> int:
        worked = [(day, rota.assignments[employee.id][day]) for day in near]
        cells = [(day, code) for day, code in worked if code is not None and (day, code) in index]
        return sum(staffed[cell] > index[cell].wanted for cell in cells)

    rng.shuffle(staff)
    able = sorted((e for e in staff if _may_work(e, focus, code)), key=spare, reverse=True)
    rest = [e for e in staff if not _may_work(e, focus, code)]
    return [e.id for e in (able + rest)[:PEOPLE]], focus


def _weekends_limited(unit: Unit, employee: Employee) -> bool:
    """Whether the person may work fewer weekends than the plan has."""
    most = unit.rules_for(employee).max_weekends
    return most is not None and most < unit.weeks


def _may_work(employee: Employee, day: int, code: str) -> bool:
    """Whether the employee's own rules allow the shift on the day at all."""
    return (
        employee.allows_shift(code)
        and employee.max_shifts.get(code, 1) > 0
        and day not in employee.unavailable_days
    )
