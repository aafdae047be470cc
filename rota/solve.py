"""Solve a unit's rota: the stages (`rota.stages`), in order, each where it applies."""

from __future__ import annotations

from models.rota import Rota
from models.unit import Unit
from rota.cpsat import ProgressCallback
from rota.params import SolveParams
from rota.result import Result
from rota.size import check_fits, check_time
from rota.stages import (
    ByPerson,
    EvenWeeks,
    FirstByPerson,
    GapFreeSearch,
    HoursRepair,
    PriceAndFix,
    Replans,
    Search,
    SolveState,
    SteppingStone,
    ThreeShiftStatus,
    WholeFirstRota,
    cover_first,
    run_stages,
)
from rota.staging import Stage
from rota.time_budget import TimeBudget

STAGES: tuple[Stage[SolveState], ...] = (
    ThreeShiftStatus(),
    FirstByPerson(),
    SteppingStone(),
    HoursRepair(),
    GapFreeSearch(),
    WholeFirstRota(),
    Replans(),
    ByPerson(),
    PriceAndFix(),
    Search(),
)
# Run on the solve's rota once the stages have it.
FINISHING: tuple[Stage[SolveState], ...] = (EvenWeeks(),)


def solve(
    unit: Unit,
    params: SolveParams | None = None,
    progress: ProgressCallback | None = None,
    hint: Rota | None = None,
) -> Result:
    """Solve the unit's rota. The rota comes back with its gaps shown unless hard rules conflict.

    Unless a hint is given, the search first looks for a rota without cover gaps: with cover as
    hard constraints the solver prunes far better than with cover as penalties alone. Whatever it
    finds seeds the second, full search, whose gaps (if any) are shown. Raises an InputError, in
    words, when the time limit is too short for the unit's model to be built.
    """
    params = params or SolveParams()
    # Memory first: a longer time limit would not mend a unit too large to fit.
    check_fits(unit)
    check_time(unit, params)
    searched = cover_first(unit)
    state = SolveState(
        searched,
        params,
        TimeBudget.of(params),
        progress,
        hint,
        weighed=None if searched is unit else unit,
    )
    return run_stages(STAGES, state, FINISHING)
