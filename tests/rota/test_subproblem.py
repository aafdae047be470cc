"""Re-plans cut out of a whole model: every solution of the cut keeps the whole model's rules."""

from __future__ import annotations

import random

import pytest
from ortools.sat.python import cp_model

from rota.subproblem import Solution, flatten


def _whole_model() -> tuple[cp_model.CpModel, list[cp_model.IntVar], list[cp_model.IntVar]]:
    """Twelve decisions in a row, a helper per pair (`works` = their sum), a helper count of the
    pairs worked, and one constraint of each kind the cut knows: a long sum (cover), pairs not
    both, an enforced bound, a Boolean and, exactly one, at most one, an or. The objective
    rewards some decisions and penalises the count."""
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{i}") for i in range(12)]
    works = [model.new_int_var(0, 2, f"works{k}") for k in range(6)]
    for k in range(6):
        model.add(works[k] == x[2 * k] + x[2 * k + 1])
    pairs = [model.new_bool_var(f"pair{k}") for k in range(6)]
    for k in range(6):
        model.add(works[k] >= 1).only_enforce_if(pairs[k])
        model.add(works[k] == 0).only_enforce_if(pairs[k].Not())
    count = model.new_int_var(0, 6, "count")
    model.add(count == sum(pairs))
    model.add(sum(x) >= 5)
    model.add_bool_or([x[0], x[5], x[9].Not()])
    model.add_at_most_one([x[1], x[2], x[3]])
    model.add_exactly_one([x[4], x[7]])
    model.add_bool_and([x[10].Not()]).only_enforce_if(x[11])
    model.add(x[6] + x[8] <= 1)
    weights = [3, -2, 4, 1, -1, 2, 5, -3, 2, 1, 4, -2]
    model.minimize(sum(w * v for w, v in zip(weights, x, strict=True)) + 2 * count)
    return model, x, [*works, *pairs, count]


def _solution(model: cp_model.CpModel, fixed: dict[int, int] | None = None) -> list[int] | None:
    """A solution of the model (with these variables fixed), or None if there is none."""
    trial = model.clone()
    for index, value in (fixed or {}).items():
        trial.add(trial.get_int_var_from_proto_index(index) == value)
    trial.clear_objective()  # type: ignore[no-untyped-call]
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    if solver.solve(trial) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return list(solver.response_proto.solution)


def _objective(model: cp_model.CpModel, values: list[int]) -> int:
    proto = model.proto
    return sum(
        c * values[v] for v, c in zip(proto.objective.vars, proto.objective.coeffs, strict=True)
    )


def test_every_cut_solution_keeps_the_whole_model_and_gains_what_it_says() -> None:
    """From a solution of the whole model, re-plans of random decisions, each solved to its
    optimum and put back, give a solution of the whole model (checked by CP-SAT on the whole
    model with every variable fixed), and the whole objective falls by what each re-plan
    reported; here from 28 to 6."""
    model, x, _ = _whole_model()
    values = _solution(model, {x[i].index: 1 for i in (0, 2, 4, 6, 9, 10)})
    assert values is not None
    flat = flatten(model, [v.index for v in x])
    current = Solution(flat, values)
    rng = random.Random(7)
    for _ in range(30):
        free = [v.index for v in rng.sample(x, 4)]
        sub = current.cut(free)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(sub.model) == cp_model.OPTIMAL
        before = _objective(model, current.values)
        current.take(sub, solver.response_proto.solution)
        assert _solution(model, dict(enumerate(current.values))) is not None
        assert before - _objective(model, current.values) == sub.objective_now - round(
            solver.objective_value
        )
    # The re-plans did change something: from the start's 28 to 6.
    assert (_objective(model, values), _objective(model, current.values)) == (28, 6)


def test_a_helper_of_fixed_decisions_stays_fixed() -> None:
    """Freeing the first pair's decisions frees its `works` helper, and not the others'
    (each is defined by decisions that stay fixed)."""
    model, x, helpers = _whole_model()
    values = _solution(model)
    assert values is not None
    sub = Solution(flatten(model, [v.index for v in x]), values).cut([x[0].index, x[1].index])
    assert helpers[0].index in sub.variables
    assert all(helpers[k].index not in sub.variables for k in range(1, 6))


def test_a_constraint_switched_off_by_a_fixed_literal_binds_nothing() -> None:
    """With x11 fixed off, the Boolean and it switches does not forbid x10; with x11 fixed
    on, x10 must stay off."""
    model, x, _ = _whole_model()
    flat = flatten(model, [v.index for v in x])
    for on, best_x10 in ((0, 1), (1, 0)):
        values = _solution(model, {x[11].index: on, x[10].index: 0})
        assert values is not None
        sub = Solution(flat, values).cut([x[10].index])
        sub.model.clear_objective()  # type: ignore[no-untyped-call]
        sub.model.maximize(sub.model.get_bool_var_from_proto_index(0))
        solver = cp_model.CpSolver()
        assert solver.solve(sub.model) == cp_model.OPTIMAL
        assert solver.response_proto.solution[0] == best_x10


def test_a_constraint_it_cannot_cut_is_refused() -> None:
    """A table constraint is not cut: flatten says so instead of leaving it out."""
    model = cp_model.CpModel()
    a, b = model.new_bool_var("a"), model.new_bool_var("b")
    model.add_allowed_assignments([a, b], [(0, 1), (1, 0)])
    with pytest.raises(ValueError, match="table"):
        flatten(model, [a.index, b.index])
