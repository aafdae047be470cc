"""Who is in three-shift turnus, decided before the search where the unit gives the time credit.

With the credit (KS HTA kap. 1, `rota.rules.hours`) a person's hours band depends on whether
their rota holds both nights and other shifts: an either-or per person that CP-SAT's search
handles badly (the demo ward ended 30 s with 0-12 cover gaps, run to run, where it has none
without the credit; bench/README.md). The credit costs hours, so a person goes in three-shift
turnus only where their own rules leave no other way: each person alone (their position, rules
and pinned shifts, no cover) is tried with nights only and with days and evenings only, and is
set in three-shift turnus when both are proven impossible, out of it when either is possible.
Each person's status is then one linear band; where the test does not end in its time, the
person is left to the search as before. A person's own status (`three_shift` in their rules)
is kept as given.
"""

from __future__ import annotations

import time

from models.rota import Rota
from models.unit import Unit
from rota.cpsat import run_solver
from rota.model import build_model
from rota.params import SolveParams
from rota.result import Status
from rota.rules.hours import may_rotate, rotates

# Seconds (work units in deterministic mode) for one person's row of one kind.
PERSON_S = 0.5
# Most of a search's time for deciding who is in three-shift turnus (each person alone, a
# second or less each).
TIME_SHARE = 0.1


def undecided(unit: Unit) -> list[str]:
    """The people whose status the search would have to find: the unit gives the credit, they
    may work nights and other shifts, and their own rules do not say."""
    if not unit.rules.three_shift_credit:
        return []
    return [
        e.id
        for e in unit.employees
        if e.rules.three_shift is None
        and may_rotate(unit, e)
        and unit.rules_for(e).three_shift_credit
    ]


def _kind_possible(unit: Unit, employee_id: str, night: bool, params: SolveParams) -> bool | None:
    """Whether the person alone has a row of only nights (or only other shifts) that keeps
    their rules; None when the search neither finds one nor proves there is none in its time."""
    employee = unit.employee_by_id[employee_id]
    allowed = tuple(
        s.code for s in unit.shift_types if s.is_night == night and employee.allows_shift(s.code)
    )
    alone = unit.model_copy(
        update={"employees": [employee.model_copy(update={"allowed_shifts": allowed})]}
    )
    search = params.with_(
        time_limit_s=PERSON_S, workers=1, first_rota_only=True, stall_s=0, explain=False
    )
    status, _ = run_solver(build_model(alone, search), search)
    if status.has_rota:
        return True
    if status is Status.INFEASIBLE:
        return False
    return None


def planned_statuses(
    unit: Unit, params: SolveParams, people: list[str], seconds: float
) -> dict[str, bool]:
    """In three-shift turnus (True) where neither kind of row alone is possible, out of it
    (False) where one is; a person whose test ends undecided, or is not reached within
    `seconds` (work units in deterministic mode, each test counted at its limit), is left out."""
    statuses: dict[str, bool] = {}
    began, spent = time.monotonic(), 0.0
    for employee_id in people:
        used = spent if params.deterministic else time.monotonic() - began
        if used + 2 * PERSON_S > seconds:
            break
        spent += 2 * PERSON_S
        nights = _kind_possible(unit, employee_id, True, params)
        if nights:
            statuses[employee_id] = False
            continue
        others = _kind_possible(unit, employee_id, False, params)
        if others:
            statuses[employee_id] = False
        elif nights is False and others is False:
            statuses[employee_id] = True
    return statuses


def rota_statuses(unit: Unit, rota: Rota, people: list[str]) -> dict[str, bool]:
    """Each person's status as the rota has it (a start the search is given keeps them); a
    person the rota has no row for is left to the search."""
    return {e: rotates(unit, rota.assignments[e]) for e in people if e in rota.assignments}


def start_statuses(unit: Unit, start: Rota, new: bool | None = None) -> dict[str, bool]:
    """Each undecided person's status as `start` has it; a person it has no row for (a new or
    spare position) gets `new` (None: left to the search)."""
    people = undecided(unit)
    statuses = rota_statuses(unit, start, people)
    if new is not None:
        statuses.update({e: new for e in people if e not in statuses})
    return statuses


def decided(
    unit: Unit,
    params: SolveParams,
    seconds: float,
    start: Rota | None = None,
    new: bool | None = None,
) -> dict[str, bool]:
    """Each undecided person's status: as `start` has it, where a start is given (so that it
    stays a start; `new` as in `start_statuses`), else each person alone within `seconds`."""
    if start is not None:
        return start_statuses(unit, start, new)
    return planned_statuses(unit, params, undecided(unit), seconds)


def as_in(unit: Unit, rota: Rota, new: bool | None = None) -> Unit:
    """The unit with each undecided person's status as `rota` has it (`start_statuses`)."""
    return with_statuses(unit, start_statuses(unit, rota, new))


def with_statuses(unit: Unit, statuses: dict[str, bool]) -> Unit:
    """The unit with these people's three-shift status set in their rules."""
    if not statuses:
        return unit
    employees = [
        e.model_copy(update={"rules": e.rules.model_copy(update={"three_shift": statuses[e.id]})})
        if e.id in statuses
        else e
        for e in unit.employees
    ]
    return unit.model_copy(update={"employees": employees})
