"""The FTE need against a brute-force search over every position plan of a small unit."""

from __future__ import annotations

import itertools

from models.unit import Unit
from rota.check import check
from rota.fte_need import fte_need
from rota.params import SolveParams
from rota.positions import with_sizes
from rota.solve import solve

# Sizes in 40 % steps (four shifts) with 100 % always allowed: a helsefagarbeider who takes a
# weekend (two shifts) must take two more, so the need (180 %) is above the 140 % the 14 shifts
# alone would say.
STEP = 40
SIZES = (0, 40, 80, 100)


def small_unit() -> Unit:
    """Two weeks, one 7.5 h day shift, one on it every day, a sykepleier on weekdays; whole
    weekends every 2nd; hours exact at 37.5 h a week, so 10 % is exactly one shift. Three
    people: one sykepleier and two helsefagarbeidere."""
    return Unit.model_validate(
        {
            "name": "Liten",
            "weeks": 2,
            "shift_types": [{"code": "D", "start": "08:00", "end": "15:30"}],
            "competences": [{"code": "SPL", "covers": ["HFA"]}, {"code": "HFA"}],
            "employees": [
                {"id": "s", "competence": "SPL", "position_pct": 60},
                {"id": "h1", "competence": "HFA", "position_pct": 60},
                {"id": "h2", "competence": "HFA", "position_pct": 60},
            ],
            "demand": [
                {"shift": "D", "weekdays": [0, 1, 2, 3, 4], "min": 1, "competence_min": {"SPL": 1}},
                {"shift": "D", "weekdays": [5, 6], "min": 1},
            ],
            "rules": {
                "full_time_week_h": 37.5,
                "hours_tolerance_h_per_week": 0,
                "weekend_every": 2,
                "whole_weekends": True,
            },
            "budget": {"fte_frame": 2.0},
        }
    )


def brute_force_least(unit: Unit) -> int:
    """The least total size (%) of any plan that has a rota with every shift covered and
    every rule kept, trying each plan by itself."""
    best = None
    plans = sorted(itertools.product(SIZES, repeat=len(unit.employees)), key=sum)
    for sizes in plans:
        if best is not None and sum(sizes) > best:
            break
        if sum(sizes) < 14 * 7.5 / 75 * 100:  # 14 shifts of 7.5 h, 75 h being 100 %
            continue
        plan = with_sizes(unit, dict(zip((e.id for e in unit.employees), sizes, strict=True)))
        result = solve(
            plan, SolveParams(hard_cover=True, deterministic=True, time_limit_s=5, explain=False)
        )
        if result.rota is not None and check(plan, result.rota) == []:
            best = sum(sizes)
    assert best is not None
    return best


def test_fte_need_matches_the_brute_force_over_position_plans() -> None:
    """The least årsverk the engine finds equals the brute-force least, and its plan's rota
    covers everything with every rule kept."""
    unit = small_unit()
    # Deterministic: the least total must be proven in solver work, not before the clock runs out.
    need = fte_need(
        unit,
        SolveParams(deterministic=True, time_limit_s=10),
        step_pct=STEP,
        spare_per_competence=0,
    )
    assert need.total_fte is not None
    least = brute_force_least(unit)
    assert least == 180
    assert round(need.total_fte * 100) == least
    assert need.plan is not None
    assert need.rota is not None
    assert check(need.plan, need.rota) == []
    assert sum(need.by_competence.values()) == need.total_fte
