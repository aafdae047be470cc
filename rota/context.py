"""What every rule family needs to add itself to the CP-SAT model: the unit, the shift variables,
and the named soft terms of the objective."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from models.unit import Unit
from rota.params import SolveParams


@dataclass
class ModelContext:
    unit: Unit
    params: SolveParams
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    # x[employee id, day, shift code] is 1 when the employee works that shift that day.
    x: dict[tuple[str, int, str], cp_model.IntVar] = field(default_factory=dict)
    # Named soft terms: name -> list of (expression, weight), summed into the objective.
    terms: dict[str, list[tuple[cp_model.LinearExprT, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def works(self, employee_id: str, day: int) -> cp_model.LinearExprT:
        """1 when the employee works any shift that day."""
        return sum(self.x[employee_id, day, s.code] for s in self.unit.shift_types)

    def penalise(self, term: str, expression: cp_model.LinearExprT, weight: int) -> None:
        if weight:
            self.terms[term].append((expression, weight))

    def next_day(self, day: int, step: int = 1) -> int | None:
        """The day `step` days on, wrapping in a cyclic rota, None past the end of a dated plan."""
        later = day + step
        if later < self.unit.days:
            return later
        return later % self.unit.days if self.unit.rules.cyclic else None
