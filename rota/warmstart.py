"""A first guess for the solver: who works which weekends, on which shift.

The weekend binds (DOMAIN.md): weekend demand times the weekend frequency sets how many heads the
unit needs, and competence and Sami language must be spread over the weekend classes (week number
modulo N). A small model places each person in one class and on one weekend shift, covering every
class; its answer is handed to the full model as a hint. It is only a hint: the full model may
change any of it.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from models.clock import SATURDAY, SUNDAY
from models.unit import Unit
from rota.interruptible import new_solver

GAP_WEIGHT = 1000


def weekend_hint(
    unit: Unit, time_limit_s: float = 2.0, seed: int = 0
) -> dict[tuple[str, int, str], int]:
    """Hint values for x[employee, day, shift] on weekend days (1 = work it), or {} when the rota
    has no weekend classes to plan."""
    every = unit.rules.weekend_every
    if every < 2 or unit.weeks < every:  # no classes to plan when every weekend may be worked
        return {}
    model = cp_model.CpModel()
    shifts = [s.code for s in unit.shift_types]
    place: dict[tuple[str, int, str], cp_model.IntVar] = {}
    for employee in unit.employees:
        own_every = unit.rules_for(employee).weekend_every
        if own_every != every:
            continue  # people on their own frequency are left to the full model
        for weekend_class in range(every):
            for code in shifts:
                if employee.allows_shift(code):
                    place[employee.id, weekend_class, code] = model.new_bool_var("")
        model.add_at_most_one(v for (e, _, _), v in place.items() if e == employee.id)
    gaps: list[cp_model.IntVar] = []
    for weekend_class in range(every):
        weeks = [w for w in range(unit.weeks) if w % every == weekend_class]
        for code in shifts:
            found = [unit.demand_on(7 * w + d, code) for w in weeks for d in (SATURDAY, SUNDAY)]
            rows = [row for row in found if row is not None]
            if not rows:
                continue
            people = [(e, v) for (e, c, s), v in place.items() if c == weekend_class and s == code]

            def cover(needed: int, members: list[cp_model.IntVar]) -> None:
                if needed <= 0:
                    return
                gap = model.new_int_var(0, needed, "")
                model.add(sum(members) + gap >= needed)
                gaps.append(gap)

            cover(max(row.min for row in rows), [v for _, v in people])
            competences = sorted({c for row in rows for c in row.competence_min})
            for competence in competences:
                needed = max(row.competence_min.get(competence, 0) for row in rows)
                able = [
                    v for e, v in people if unit.can_fill(unit.employee(e).competence, competence)
                ]
                cover(needed, able)
            languages = sorted({lang for row in rows for lang in row.language_min})
            for language in languages:
                needed = max(row.language_min.get(language, 0) for row in rows)
                cover(needed, [v for e, v in people if language in unit.employee(e).languages])
    # Spread the heads evenly over the classes so every class has some slack.
    sizes = [sum(v for (_, c, _), v in place.items() if c == k) for k in range(every)]
    largest = model.new_int_var(0, len(unit.employees), "")
    for size in sizes:
        model.add(largest >= size)
    model.minimize(GAP_WEIGHT * sum(gaps) + largest)
    solver = new_solver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {}
    hint: dict[tuple[str, int, str], int] = {}
    for (employee_id, weekend_class, code), variable in place.items():
        for week in range(unit.weeks):
            for day in (7 * week + SATURDAY, 7 * week + SUNDAY):
                on = solver.value(variable) and week % every == weekend_class
                if on:
                    hint[employee_id, day, code] = 1
                elif (employee_id, day, code) not in hint:
                    hint[employee_id, day, code] = 0
    return hint
