"""The model is never stricter than the audit: every rota `rota check` accepts, the model accepts.

The audit (plain Python) is the law as the unit reads it; a constraint the model adds beyond it
forbids rotas nobody could call illegal, and those missing rotas show up as gaps and cost in every
scenario. So random small units and random rotas: whenever the audit finds no breach, the model
with every shift fixed to that rota must be feasible.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from ortools.sat.python import cp_model

from models.rota import Rota
from models.unit import Unit
from rota.check import check
from rota.findings import FindingKind
from rota.model import build_model, solve_fixed
from rota.params import SolveParams
from rota.rules.hours import counted
from tests.rota.conftest import rota_of

SHIFTS = [
    {"code": "D", "start": "07:30", "end": "15:00"},
    {"code": "A", "start": "14:30", "end": "22:00"},
    {"code": "N", "start": "22:00", "end": "07:30"},
    {"code": "L", "start": "08:00", "end": "20:00"},
]


def model_accepts(unit: Unit, rota: Rota) -> bool:
    """Whether the whole model (redundant constraints included) has a solution with these shifts."""
    ctx = build_model(unit, SolveParams(explain=False))
    values = {
        variable.index: int(rota.shift_on(employee, day) == code)
        for (employee, day, code), variable in ctx.x.items()
    }
    status, _ = solve_fixed(ctx, values)
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def breaches(unit: Unit, rota: Rota) -> list[str]:
    return [f.rule for f in check(unit, rota) if f.kind is FindingKind.BREACH]


def weekend_unit(weeks: int, every: int, **rules: Any) -> Unit:
    """One person on day shifts only, hours free: only the weekend rules can bind."""
    return Unit.model_validate(
        {
            "name": "Helger",
            "weeks": weeks,
            "shift_types": [SHIFTS[0]],
            "competences": [{"code": "HFA"}],
            "employees": [
                {
                    "id": "kari",
                    "competence": "HFA",
                    "position_pct": 20,
                    "rules": {"min_hours": 0, "max_hours": 40 * weeks},
                }
            ],
            "demand": [{"shift": "D", "min": 0, "target": 1}],
            "rules": {"weekend_every": every, **rules},
        }
    )


@pytest.mark.parametrize(
    ("weeks", "every", "worked"),
    [(6, 2, (0, 3)), (8, 2, (0, 3)), (8, 2, (0, 3, 5)), (12, 3, (0, 4)), (12, 3, (0, 4, 8))],
)
def test_legal_weekend_pairs_are_not_forbidden(
    weeks: int, every: int, worked: tuple[int, ...]
) -> None:
    """Weekends 0 and 3 at every 2nd (6 or 8 weeks), 0 and 4 at every 3rd (12 weeks): legal in the
    audit and feasible in the model (a weekend-class constraint once forbade them)."""
    unit = weekend_unit(weeks, every)
    row = ["."] * unit.days
    for week in worked:
        row[7 * week + 5] = row[7 * week + 6] = "D"
    rota = rota_of(unit, {"kari": "".join(row)})
    assert breaches(unit, rota) == []
    assert model_accepts(unit, rota)


def test_weekends_too_close_are_refused_by_both() -> None:
    """Weekends 0 and 1 at every 2nd: the audit names it and the model has no such rota."""
    unit = weekend_unit(6, 2)
    row = ["."] * unit.days
    for week in (0, 1):
        row[7 * week + 5] = row[7 * week + 6] = "D"
    rota = rota_of(unit, {"kari": "".join(row)})
    assert "helgefrekvens" in breaches(unit, rota)
    assert not model_accepts(unit, rota)


def random_unit_and_rota(rng: random.Random) -> tuple[Unit, Rota]:
    """A small random unit and a random rota for it; each person's position is set so the rota's
    hours sit in their band, so that the structural rules decide whether the rota is legal."""
    weeks = rng.choice([1, 2, 3, 4, 6, 6, 8, 8, 9])
    shifts = rng.sample(SHIFTS, rng.randint(1, 3))
    minutes = {s["code"]: _minutes(s["start"], s["end"]) for s in shifts}
    people = rng.randint(1, 2)
    density = rng.choice([0.1, 0.2, 0.35])
    every = rng.randint(1, 4)
    codes = [s["code"] for s in shifts]
    rows: dict[str, str] = {}
    for person in range(people):
        row = [rng.choice(codes) if rng.random() < density else "." for _ in range(weeks * 7)]
        # Weekends spaced by random gaps of at least the frequency, so that legal patterns
        # the frequency allows (weekends 0 and 3 at every 2nd, say) come up often.
        for day in range(weeks * 7):
            if day % 7 >= 5:
                row[day] = "."
        week = rng.randrange(weeks)
        for _ in range(rng.randint(0, weeks)):
            if week >= weeks:
                break
            row[7 * week + 5] = rng.choice(codes)
            row[7 * week + 6] = rng.choice(codes) if rng.random() < 0.8 else "."
            week += every + rng.randint(0, 2)
        rows[f"p{person}"] = "".join(row)
    rules: dict[str, Any] = {
        "cyclic": rng.random() < 0.7,
        "weekend_every": every,
        "whole_weekends": rng.random() < 0.3,
        "sunday_rule": rng.random() < 0.7,
        "max_consecutive_days": rng.randint(3, 7),
        "min_consecutive_days_off": rng.randint(1, 2),
        "max_consecutive_nights": rng.randint(2, 4),
        "days_off_after_nights": rng.randint(0, 2),
        "hours_tolerance_h_per_week": rng.choice([0.5, 2.0]),
    }
    if rng.random() < 0.3:
        rules["max_weekends"] = rng.randint(0, 3)
    employees = []
    for person_id, letters in rows.items():
        worked = sum(minutes[c] for c in letters if c != ".")
        pct = max(1.0, round(worked / (35.5 * 60 * weeks) * 100, 2))
        employees.append({"id": person_id, "competence": "HFA", "position_pct": min(pct, 100.0)})
    data = {
        "name": "Tilfeldig",
        "weeks": weeks,
        "shift_types": shifts,
        "competences": [{"code": "HFA"}],
        "employees": employees,
        "demand": [{"shift": s["code"], "min": rng.randint(0, 1), "target": 1} for s in shifts],
        "rules": rules,
    }
    unit = Unit.model_validate(data)
    return unit, rota_of(unit, rows)


def _minutes(start: str, end: str) -> int:
    begin = int(start[:2]) * 60 + int(start[3:])
    finish = int(end[:2]) * 60 + int(end[3:])
    return (finish - begin) % (24 * 60)


def test_every_rota_the_audit_accepts_is_feasible_for_the_model() -> None:
    """On 600 random small units and rotas, each one `rota check` passes solves in the model."""
    rng = random.Random(20)
    accepted = 0
    for _ in range(600):
        unit, rota = random_unit_and_rota(rng)
        if breaches(unit, rota):
            continue
        accepted += 1
        assert model_accepts(unit, rota), (unit.model_dump(), rota.assignments)
    assert accepted >= 40  # enough legal rotas that the property was really tried


def with_credit_positions(unit: Unit, rota: Rota) -> Unit:
    """The unit with the three-shift credit on and each position sized to the rota's hours as
    they count with it, so that a row in three-shift turnus holds fewer plain hours than its
    band."""
    data = unit.model_dump(mode="json")
    data["rules"]["three_shift_credit"] = True
    credited = Unit.model_validate(data)
    full_minutes = 35.5 * 60 * unit.weeks
    for person in data["employees"]:
        minutes = counted(credited, rota, credited.employee_by_id[person["id"]]).counted
        person["position_pct"] = min(max(1.0, round(minutes / full_minutes * 100, 2)), 100.0)
    return Unit.model_validate(data)


def test_with_the_three_shift_credit_every_rota_the_audit_accepts_is_feasible() -> None:
    """On 300 random small units with the three-shift credit, positions sized to the hours as
    they count with it: each rota `rota check` passes solves in the model, those in three-shift
    turnus (fewer plain hours than the band) among them."""
    rng = random.Random(21)
    accepted = in_three_shift = 0
    for _ in range(300):
        unit, rota = random_unit_and_rota(rng)
        unit = with_credit_positions(unit, rota)
        if breaches(unit, rota):
            continue
        accepted += 1
        in_three_shift += any(counted(unit, rota, e).three_shift for e in unit.employees)
        assert model_accepts(unit, rota), (unit.model_dump(), rota.assignments)
    assert accepted >= 20
    assert in_three_shift >= 5


def test_model_and_audit_agree_on_random_weekend_patterns() -> None:
    """One person on day shifts, random weekends over 1-12 weeks under random weekend rules: the
    model accepts a pattern exactly when the audit does (neither stricter nor looser)."""
    rng = random.Random(12)
    agreed = {True: 0, False: 0}
    for _ in range(250):
        weeks = rng.randint(1, 12)
        rules: dict[str, Any] = {
            "cyclic": rng.random() < 0.7,
            "whole_weekends": rng.random() < 0.5,
            "sunday_rule": rng.random() < 0.5,
        }
        if rng.random() < 0.3:
            rules["max_weekends"] = rng.randint(0, 4)
        unit = weekend_unit(weeks, rng.randint(1, 4), **rules)
        row = ["."] * unit.days
        for week in range(weeks):
            if rng.random() < 0.4:
                row[7 * week + 5] = "D" if rng.random() < 0.9 else "."
                row[7 * week + 6] = "D" if rng.random() < 0.9 else "."
        rota = rota_of(unit, {"kari": "".join(row)})
        legal = not breaches(unit, rota)
        assert model_accepts(unit, rota) == legal, (unit.rules, "".join(row))
        agreed[legal] += 1
    assert min(agreed.values()) >= 50  # both verdicts were really tried
