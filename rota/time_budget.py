"""The clock of one solve and the shares of it each stage is given.

On the wall clock a stage's share is measured from the solve's start, so that time one stage
overran comes out of the stages after it, never out of the limit. In deterministic mode nothing
may watch the clock (a loaded machine would then change the rota): each stage is given its share
of the limit as CP-SAT's deterministic work instead, and the elapsed time counts as zero.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from rota.params import SolveParams


@dataclass
class TimeBudget:
    """A solve's time limit, in seconds or (deterministic mode) in work units."""

    limit_s: float
    deterministic: bool
    started: float = field(default_factory=time.monotonic)
    granted: float = 0.0  # work handed out by `grant`, in deterministic mode

    @classmethod
    def of(cls, params: SolveParams) -> TimeBudget:
        """The budget of a solve with these parameters, its clock started now."""
        return cls(params.time_limit_s, params.deterministic)

    def elapsed(self) -> float:
        """Seconds since the start; 0 in deterministic mode, where work is not the clock."""
        return 0.0 if self.deterministic else time.monotonic() - self.started

    def wall(self) -> float:
        """Seconds since the start on the clock, in either mode (for progress reports)."""
        return time.monotonic() - self.started

    def left(self) -> float:
        """What is left of the limit, and at least a second (or the whole limit, if shorter):
        a stage that starts late still gets a short search rather than none."""
        return max(self.limit_s - self.elapsed(), min(1.0, self.limit_s))

    def until(self, share: float) -> float:
        """Time from now until `share` of the limit has passed since the start (0 when it has);
        in deterministic mode `share` of the limit as work."""
        return max(0.0, self.limit_s * share - self.elapsed())

    def deadline(self, share: float) -> float:
        """The monotonic clock's reading when `share` of the limit has passed since the start."""
        return self.started + self.limit_s * share

    def part(self, share: float) -> float:
        """`share` of the whole limit, whatever has been spent."""
        return self.limit_s * share

    def grant(self, fraction: float) -> float:
        """`fraction` of what is left, and at least a second: of the clock, or in deterministic
        mode of the work not yet granted, so that every stage gets the same work on any
        machine. For stages that run one after the other, each taking a part of the rest."""
        spent = self.granted if self.deterministic else self.elapsed()
        rest = self.limit_s - spent
        seconds = max(1.0, rest * fraction)
        self.granted += seconds
        return seconds

    def expired(self, share: float = 1.0) -> bool:
        """Whether `share` of the limit has passed on the clock (never in deterministic mode)."""
        return not self.deterministic and self.elapsed() >= self.limit_s * share
