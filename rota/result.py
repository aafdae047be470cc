"""What solving returns: status, the rota, the objective by named term, bound, gap and time."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from models.rota import Rota
from rota.explain import Explanation


class Status(StrEnum):
    OPTIMAL = "optimal"  # proven best under the objective
    FEASIBLE = "feasible"  # a rota, perhaps not the best
    INFEASIBLE = "infeasible"  # the hard rules cannot all be met
    UNKNOWN = "unknown"  # no rota found within the time limit
    MODEL_INVALID = "model_invalid"

    @property
    def has_rota(self) -> bool:
        return self in (Status.OPTIMAL, Status.FEASIBLE)


@dataclass(frozen=True)
class Result:
    status: Status
    rota: Rota | None
    objective: float | None
    best_bound: float | None
    runtime_s: float
    terms: dict[str, float] = field(default_factory=dict)
    # Why no rota exists, when the hard rules conflict (status INFEASIBLE).
    explanation: list[Explanation] = field(default_factory=list)

    @property
    def gap(self) -> float | None:
        """Relative distance between the rota found and the best possible (0 = proven optimal)."""
        if self.objective is None or self.best_bound is None:
            return None
        if abs(self.objective) < 1e-9:
            return 0.0
        return abs(self.objective - self.best_bound) / abs(self.objective)
