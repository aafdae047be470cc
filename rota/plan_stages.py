"""What the position planner (`rota.fulltime`) and the FTE need (`rota.fte_need`) share: a plan's
state as its stages hand it on, and the stages both run. Both look for a plan in a wider hours
band first, where plans come far sooner (bench/README.md, heltid), move it into the unit's own
band, then optimise it there; each stage takes its part of what is left of one clock."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from models.rota import Rota
from models.unit import Unit
from rota import three_shift
from rota.explain import Explanation
from rota.params import SolveParams
from rota.positions import PositionModel, repair_hours, wider_hours
from rota.result import Status
from rota.time_budget import TimeBudget

Limits = Callable[[PositionModel], None]


@dataclass
class PlanState:
    """A plan in the making: the unit whose position sizes are free within `sizes`, the plan
    and rota found so far, and why there is none when a stage could not find one."""

    unit: Unit
    sizes: Mapping[str, Sequence[int]]
    params: SolveParams
    budget: TimeBudget
    found: dict[str, float] = field(default_factory=dict)  # position sizes (%), by employee
    rota: Rota | None = None
    failed: Status | None = None  # set by a stage that found no plan: the work ends
    notes: list[Explanation] = field(default_factory=list)

    @property
    def ended(self) -> bool:
        return self.failed is not None

    def seconds(self, share: float) -> SolveParams:
        """The parameters for a search of `share` of what is left of the time."""
        return self.params.with_(time_limit_s=self.budget.grant(share))

    def start_rota(self) -> Rota | None:
        """The rota of the unit as it is, where the plan starts from one."""
        return None

    def band_limits(self) -> list[Limits]:
        """The hard limits of the move into the unit's band, tried in order until one works."""
        return [_nothing]

    def band_preference(self) -> tuple[Callable[[PositionModel], cp_model.LinearExprT] | None, int]:
        """What the move into the band prefers among plans with every hour inside it (a value
        from 0 to the range given), e.g. keeping the full-time positions found; None: nothing."""
        return None, 0


def _nothing(pm: PositionModel) -> None:
    """No limits beyond the rules."""


class ThreeShiftAsToday:
    """Who is in three-shift turnus, where the unit gives the time credit: as today's rota has
    them, a new or spare position out of it (nights only or days and evenings only); without a
    rota of today, each person alone decides, as in `solve` (`rota.three_shift`). With the
    position sizes free as well, the either-or of each person's band is what the search handles
    worst: the heltid plan found no rota in one of two runs on the demo ward (bench/README.md)."""

    name = "three-shift status"

    def applies(self, state: PlanState) -> bool:
        return bool(three_shift.undecided(state.unit))

    def run(self, state: PlanState) -> None:
        seconds = state.budget.part(three_shift.TIME_SHARE)
        statuses = three_shift.decided(
            state.unit, state.params, seconds, state.start_rota(), new=False
        )
        state.unit = three_shift.with_statuses(state.unit, statuses)


class IntoBand:
    """The plan found in the wider hours band moved into the unit's own band
    (`rota.positions.repair_hours`), under each of the plan's limits in turn until one gives
    every hour inside the band; the plan ends without one when none does. Applies when the
    unit's band is narrower than the planner's."""

    name = "hours into the band"

    def __init__(self, share: float) -> None:
        self.share = share

    def applies(self, state: PlanState) -> bool:
        return state.rota is not None and wider_hours(state.unit) is not state.unit

    def run(self, state: PlanState) -> None:
        assert state.rota is not None
        prefer, prefer_range = state.band_preference()
        for limits in state.band_limits():
            repaired = repair_hours(
                state.unit,
                state.sizes,
                state.found,
                state.rota,
                state.seconds(self.share),
                limits,
                prefer=prefer,
                prefer_range=prefer_range,
            )
            if repaired is not None:
                state.found, state.rota = repaired
                return
        state.failed = Status.UNKNOWN
