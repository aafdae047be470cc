"""Small re-plans cut out of the whole model: some variables free, every other one fixed.

CP-SAT solves a model with most of its variables fixed by loading and presolving all of it: on
the largest units (Curtois Instance20: 68 000 variables, 168 000 constraints) that costs far more
than the search of a few people over a few days. Here the whole model is read once into plain
lists; a re-plan takes only the constraints that touch its free variables (and the helper
variables those lead to), with the fixed variables' values folded into them, so its model is as
small as the re-plan itself. Any solution of it, put back, keeps every constraint of the whole
model: the constraints it leaves out have no free variable, and their values do not change.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ortools.sat import cp_model_pb2
from ortools.sat.python import cp_model
from ortools.sat.python.cp_model_helper import CpModelProto

LINEAR, BOOL_OR, BOOL_AND, AT_MOST_ONE, EXACTLY_ONE = range(5)
_KINDS = {
    "linear": LINEAR,
    "bool_or": BOOL_OR,
    "bool_and": BOOL_AND,
    "at_most_one": AT_MOST_ONE,
    "exactly_one": EXACTLY_ONE,
}
# Linear constraints longer than this are folded from their cached activity.
LONG_ROW = 12
# Constraint domains at or beyond this are unbounded (CP-SAT's own limit for finite values).
_UNBOUNDED = 1 << 62


@dataclass
class FlatModel:
    """A CP-SAT model as plain lists: each constraint's kind, references and (for linear ones)
    coefficients and domain; which constraints each variable is in; the objective's terms."""

    domains: list[list[int]]
    kinds: list[int]
    refs: list[list[int]]
    enforcement: list[list[int]]  # literals that switch each constraint on (none: always on)
    coeffs: list[list[int]]
    bounds: list[list[int]]
    by_var: list[list[int]]
    objective: dict[int, int]
    decisions: set[int]  # variables a re-plan frees by choice only
    helpers: list[list[int]]  # each constraint's variables that are not decisions
    # helper -> the decisions of the equality that defines it (fixed with them)
    definitions: dict[int, list[int]]
    # Linear constraints of many terms without a switch: variable -> coefficient
    long_coeffs: dict[int, dict[int, int]]

    def literal(self, ref: int, values: Sequence[int]) -> int:
        return values[ref] if ref >= 0 else 1 - values[-ref - 1]

    def satisfied(self, index: int, values: Sequence[int]) -> bool:
        """Whether constraint `index` holds for the values."""
        if not all(self.literal(ref, values) for ref in self.enforcement[index]):
            return True
        kind, refs = self.kinds[index], self.refs[index]
        if kind == LINEAR:
            activity = sum(c * values[v] for v, c in zip(refs, self.coeffs[index], strict=True))
            bounds = self.bounds[index]
            return any(bounds[k] <= activity <= bounds[k + 1] for k in range(0, len(bounds), 2))
        count = sum(self.literal(ref, values) for ref in refs)
        if kind == BOOL_OR:
            return count >= 1
        if kind == BOOL_AND:
            return count == len(refs)
        return count <= 1 if kind == AT_MOST_ONE else count == 1


def flatten(model: cp_model.CpModel, decisions: Iterable[int]) -> FlatModel:
    """The model's constraints as plain lists. `decisions` are the variables a re-plan frees by
    choice; the others (helpers defined by the decisions) are freed with the constraints that
    tie them to a free variable. Raises ValueError on a constraint a re-plan cannot cut."""
    # Read through protobuf: field by field, the model's own proto objects are four times
    # slower (Curtois Instance20: 2.4 s against 0.6 s).
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.pb"
        model.export_to_file(str(path))
        proto = cp_model_pb2.CpModelProto.FromString(path.read_bytes())
    domains = [list(v.domain) for v in proto.variables]
    chosen = set(decisions)
    kinds: list[int] = []
    refs: list[list[int]] = []
    enforcement: list[list[int]] = []
    coeffs: list[list[int]] = []
    bounds: list[list[int]] = []
    helpers: list[list[int]] = []
    by_var: list[list[int]] = [[] for _ in domains]
    definitions: dict[int, list[int]] = {}
    long_coeffs: dict[int, dict[int, int]] = {}
    none: list[int] = []
    for index, constraint in enumerate(proto.constraints):
        which = constraint.WhichOneof("constraint")
        kind = _KINDS.get(which)
        if kind is None:
            raise ValueError(f"constraint {index} ({which}) is of a kind a re-plan cannot cut")
        enforced = list(constraint.enforcement_literal) if constraint.enforcement_literal else none
        if kind == LINEAR:
            linear = constraint.linear
            row, factors, domain = list(linear.vars), list(linear.coeffs), list(linear.domain)
            if any(ref < 0 for ref in row):  # the Python API writes positive references only
                raise ValueError(f"linear constraint {index} has a negated reference")
            involved = row
        else:
            row, factors, domain = list(getattr(constraint, which).literals), none, none
            involved = [ref if ref >= 0 else -ref - 1 for ref in row]
        if enforced:
            involved = list({*involved, *(ref if ref >= 0 else -ref - 1 for ref in enforced)})
        others = [v for v in involved if v not in chosen]
        if kind == LINEAR and not enforced:
            equality = len(domain) == 2 and domain[0] == domain[1]
            if equality and len(others) == 1 and abs(factors[row.index(others[0])]) == 1:
                definitions.setdefault(others[0], [v for v in row if v in chosen])
            if len(row) > LONG_ROW:
                long_coeffs[index] = dict(zip(row, factors, strict=True))
        kinds.append(kind)
        refs.append(row)
        enforcement.append(enforced)
        coeffs.append(factors)
        bounds.append(domain)
        helpers.append(others)
        for var in involved:
            by_var[var].append(index)
    if any(ref < 0 for ref in proto.objective.vars):
        raise ValueError("the objective has a negated reference")
    objective = dict(zip(proto.objective.vars, proto.objective.coeffs, strict=True))
    return FlatModel(
        domains,
        kinds,
        refs,
        enforcement,
        coeffs,
        bounds,
        by_var,
        objective,
        chosen,
        helpers,
        definitions,
        long_coeffs,
    )


@dataclass
class SubModel:
    """One re-plan's model: its variables (indices in the whole model, in order) and its
    objective at the current values."""

    model: cp_model.CpModel
    variables: list[int]
    objective_now: int


class Solution:
    """A solution of a flat model (every variable's value) and the re-plans cut from it."""

    def __init__(self, flat: FlatModel, values: Sequence[int]) -> None:
        self.flat = flat
        self.values = list(values)
        # Activity of each long linear constraint (cover, hours) met so far: folding one in
        # then costs its free terms only, not all of them.
        self._activity: dict[int, int] = {}
        self.changed: set[int] = set()  # variables set to another value since last cleared

    def cut(self, free: Iterable[int]) -> SubModel:
        """The model of a re-plan that frees the decision variables `free`, every other
        variable at its value, hinted with the values."""
        flat, values = self.flat, self.values
        free_vars = list(dict.fromkeys(free))
        position = {v: k for k, v in enumerate(free_vars)}
        chosen = set(free_vars)
        members: dict[int, list[int]] = {}  # kept constraint -> its free variables
        queue = list(free_vars)
        while queue:
            var = queue.pop()
            for index in flat.by_var[var]:
                free_here = members.get(index)
                if free_here is not None:
                    free_here.append(var)
                    continue
                members[index] = [var]
                for other in flat.helpers[index]:
                    if other in position:
                        continue
                    # A helper defined by fixed decisions alone is fixed with them.
                    defined_by = flat.definitions.get(other)
                    if defined_by is None or any(v in chosen for v in defined_by):
                        position[other] = len(free_vars)
                        free_vars.append(other)
                        queue.append(other)
        model = cp_model.CpModel()
        proto = model.proto
        for var in free_vars:
            proto.variables.add().domain.extend(flat.domains[var])
        for index, free_here in members.items():
            if index in flat.long_coeffs:
                self._add_long_linear(index, free_here, position, proto)
            else:
                _add_folded(flat, index, position, values, proto)
        objective = [(position[v], flat.objective[v]) for v in free_vars if v in flat.objective]
        proto.objective.vars.extend(at for at, _ in objective)
        proto.objective.coeffs.extend(coeff for _, coeff in objective)
        hint = [values[v] for v in free_vars]
        proto.solution_hint.vars.extend(range(len(free_vars)))
        proto.solution_hint.values.extend(hint)
        now = sum(coeff * hint[at] for at, coeff in objective)
        return SubModel(model, free_vars, now)

    def take(self, sub: SubModel, solution: Sequence[int]) -> None:
        """Put a re-plan's solution (by its own variables, in order) into the values."""
        for at, var in enumerate(sub.variables):
            self._set(var, solution[at])

    def move_to(self, values: Sequence[int]) -> None:
        """Take these values for every variable (cheaper than a new solution: the cached
        activities are updated where values differ)."""
        for var, (old, new) in enumerate(zip(self.values, values, strict=True)):
            if old != new:
                self._set(var, new)

    def _set(self, var: int, value: int) -> None:
        delta = value - self.values[var]
        if not delta:
            return
        self.values[var] = value
        self.changed.add(var)
        for index in self.flat.by_var[var]:
            if index in self._activity:
                self._activity[index] += self.flat.long_coeffs[index][var] * delta

    def _add_long_linear(
        self,
        index: int,
        free_here: list[int],
        position: dict[int, int],
        proto: CpModelProto,
    ) -> None:
        flat, values = self.flat, self.values
        coeffs = flat.long_coeffs[index]
        activity = self._activity.get(index)
        if activity is None:
            activity = sum(coeffs[v] * values[v] for v in flat.refs[index])
            self._activity[index] = activity
        constant = activity - sum(coeffs[v] * values[v] for v in free_here)
        constraint = proto.constraints.add()
        constraint.linear.vars.extend(position[v] for v in free_here)
        constraint.linear.coeffs.extend(coeffs[v] for v in free_here)
        constraint.linear.domain.extend(
            b if abs(b) >= _UNBOUNDED else b - constant for b in flat.bounds[index]
        )


def _add_folded(
    flat: FlatModel,
    index: int,
    position: dict[int, int],
    values: Sequence[int],
    proto: CpModelProto,
) -> None:
    """Constraint `index` over the free variables, the fixed ones' values folded in."""
    switches = []
    for ref in flat.enforcement[index]:
        var = ref if ref >= 0 else -ref - 1
        at = position.get(var)
        if at is not None:
            switches.append(at if ref >= 0 else -at - 1)
        elif not flat.literal(ref, values):
            return  # switched off for good
    kind, refs = flat.kinds[index], flat.refs[index]
    if kind == LINEAR:
        constant = 0
        body: list[tuple[int, int]] = []
        for var, coeff in zip(refs, flat.coeffs[index], strict=True):
            at = position.get(var)
            if at is None:
                constant += coeff * values[var]
            else:
                body.append((at, coeff))
        bounds = [b if abs(b) >= _UNBOUNDED else b - constant for b in flat.bounds[index]]
        if body:
            constraint = proto.constraints.add()
            constraint.enforcement_literal.extend(switches)
            constraint.linear.vars.extend(at for at, _ in body)
            constraint.linear.coeffs.extend(coeff for _, coeff in body)
            constraint.linear.domain.extend(bounds)
        elif not any(bounds[k] <= 0 <= bounds[k + 1] for k in range(0, len(bounds), 2)):
            _forbid(switches, proto)
        return
    free_refs = []
    true_fixed = false_fixed = 0
    for ref in refs:
        var = ref if ref >= 0 else -ref - 1
        at = position.get(var)
        if at is None:
            value = flat.literal(ref, values)
            true_fixed += value
            false_fixed += 1 - value
        else:
            free_refs.append(at if ref >= 0 else -at - 1)
    if kind == BOOL_OR:
        if true_fixed:
            return
        if not free_refs:
            _forbid(switches, proto)
            return
        constraint = proto.constraints.add()
        constraint.enforcement_literal.extend(switches)
        constraint.bool_or.literals.extend(free_refs)
    elif kind == BOOL_AND:
        if false_fixed:
            _forbid(switches, proto)
            return
        constraint = proto.constraints.add()
        constraint.enforcement_literal.extend(switches)
        constraint.bool_and.literals.extend(free_refs)
    elif true_fixed:
        # A fixed literal is true: every free one must be false.
        constraint = proto.constraints.add()
        constraint.enforcement_literal.extend(switches)
        constraint.bool_and.literals.extend(-ref - 1 for ref in free_refs)
    elif kind == AT_MOST_ONE:
        proto.constraints.add().at_most_one.literals.extend(free_refs)
    else:
        proto.constraints.add().exactly_one.literals.extend(free_refs)


def _forbid(switches: list[int], proto: CpModelProto) -> None:
    """The constraint cannot hold with the fixed values: its free switches may not all be on.
    (None free cannot happen: the values are a solution.)"""
    proto.constraints.add().bool_or.literals.extend(-ref - 1 for ref in switches)
