"""What every rule family needs to add itself to the CP-SAT model: the unit, the shift variables,
the named soft terms of the objective, and enforcement literals for explaining infeasibility."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from models.unit import Unit
from rota.params import SolveParams

# A hard rule group for one employee (None: the rule concerns the whole unit, e.g. cover).
RuleKey = tuple[str, str | None]


@dataclass(frozen=True)
class CoverGap:
    """One shortfall of the staffing plan the model may leave: its variable (people short), the
    shift variables that count towards it, how many are needed and the shift's worked minutes."""

    gap: cp_model.IntVar
    counted: list[cp_model.IntVar]
    needed: int
    minutes: int

    def open(self, value: Callable[[cp_model.IntVar], int]) -> bool:
        """Whether the gap is open in a solution (`value` reads it): its variable may be above
        the real shortfall in a search's early rotas, so the shift is counted again."""
        return value(self.gap) > 0 and sum(value(x) for x in self.counted) < self.needed


@dataclass
class ModelContext:
    unit: Unit
    params: SolveParams
    explain: bool = False
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    # x[employee id, day, shift code] is 1 when the employee works that shift that day.
    x: dict[tuple[str, int, str], cp_model.IntVar] = field(default_factory=dict)
    # Named soft terms: name -> list of (expression, weight), summed into the objective.
    terms: dict[str, list[tuple[cp_model.LinearExprT, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    # Worked-weekend indicators per employee, one per week (made by the weekend family).
    weekends: dict[str, list[cp_model.IntVar]] = field(default_factory=dict)
    # Every cover, competence and language gap, so that a search may minimise gap hours alone
    # (rota.bound) and its progress count the gaps as the audit does.
    cover_gaps: list[CoverGap] = field(default_factory=list)
    # Position sizes the model chooses (tenths of a per cent), for position planning; employees
    # not in here keep the position the unit gives them.
    positions: dict[str, cp_model.IntVar] = field(default_factory=dict)
    # works[employee id, day]: 1 when any shift is worked that day (see `works`).
    works_literals: dict[tuple[str, int], cp_model.IntVar] = field(default_factory=dict)
    # When explaining, each hard rule group and employee gets a literal assumed true.
    enforcement: dict[RuleKey, cp_model.IntVar] = field(default_factory=dict)

    def open_gaps(self, value: Callable[[cp_model.IntVar], int]) -> int:
        """How many gaps are open in a solution, counted as `rota check` counts gap findings."""
        return sum(1 for gap in self.cover_gaps if gap.open(value))

    def hard(self, group: str, employee_id: str | None = None) -> list[cp_model.IntVar]:
        """The literals a hard constraint of `group` is enforced by: none in a normal solve, one
        per group and employee when explaining infeasibility."""
        if not self.explain:
            return []
        key = (group, employee_id)
        if key not in self.enforcement:
            self.enforcement[key] = self.model.new_bool_var(f"enforce[{group},{employee_id}]")
        return [self.enforcement[key]]

    def works(self, employee_id: str, day: int) -> cp_model.IntVar:
        """1 when the employee works any shift that day: one literal per employee and day, made
        on first use. Rules over days worked (runs, weekends, days off) then become clauses on
        these literals, which the solver propagates and learns from far better than sums of
        shift variables (bench/README.md: Instance2 proven optimal in 4 s instead of not in 60)."""
        key = (employee_id, day)
        literal = self.works_literals.get(key)
        if literal is None:
            literal = self.model.new_bool_var(f"works[{employee_id},{day}]")
            # Exact: at most one shift a day, so the sum is 0 or 1.
            self.model.add(
                literal == sum(self.x[employee_id, day, s.code] for s in self.unit.shift_types)
            )
            self.works_literals[key] = literal
        return literal

    def works_night(self, employee_id: str, day: int) -> cp_model.LinearExpr:
        """1 when the employee works a night shift that day."""
        return cp_model.LinearExpr.sum(
            [self.x[employee_id, day, s.code] for s in self.unit.shift_types if s.is_night]
        )

    def penalise(self, term: str, expression: cp_model.LinearExprT, weight: int) -> None:
        if weight:
            self.terms[term].append((expression, weight))

    def next_day(self, day: int, step: int = 1) -> int | None:
        """The day `step` days on (or back, for a negative step), wrapping in a cyclic rota; None
        outside a dated plan."""
        later = day + step
        if 0 <= later < self.unit.days:
            return later
        return later % self.unit.days if self.unit.rules.cyclic else None

    def window(self, day: int, length: int) -> list[int] | None:
        """`length` consecutive days from `day`, wrapping in a cyclic rota; None when the window
        runs past the end of a dated plan."""
        days = [self.next_day(day, step) for step in range(length)]
        if any(d is None for d in days) or (self.unit.rules.cyclic and length > self.unit.days):
            return None
        return [d for d in days if d is not None]
