"""Tiny hand-made units for the rule families, small enough to know the right answer."""

from __future__ import annotations

from typing import Any

from models.rota import Rota
from models.unit import Unit

# Hours are proven in their own tests; elsewhere they should not get in the way.
FREE_HOURS: dict[str, Any] = {"rules": {"min_hours": 0, "max_hours": 40}}


def two_shift_unit(**rules: Any) -> dict[str, Any]:
    """One week, day shift D 07:30-15:00 and evening shift A 14:30-22:00 (A then D = 9.5 h rest)."""
    return {
        "name": "Liten",
        "weeks": 1,
        "shift_types": [
            {"code": "D", "start": "07:30", "end": "15:00"},
            {"code": "A", "start": "14:30", "end": "22:00"},
        ],
        "competences": [{"code": "SPL", "covers": ["HFA"]}, {"code": "HFA"}],
        "employees": [
            {
                "id": "kari",
                "competence": "SPL",
                "position_pct": 40,
                "languages": ["se"],
                **FREE_HOURS,
            },
            {"id": "ola", "competence": "HFA", "position_pct": 40, **FREE_HOURS},
        ],
        "demand": [{"shift": "D", "min": 0, "target": 1}, {"shift": "A", "min": 0, "target": 1}],
        "rules": rules,
    }


def rota_of(unit: Unit, rows: dict[str, str]) -> Rota:
    """A rota written as one letter per day, '.' for a day off: {'kari': 'DD.A...'}."""
    assignments = {
        e.id: tuple(None if c == "." else c for c in rows.get(e.id, "." * unit.days))
        for e in unit.employees
    }
    return Rota(days=unit.days, assignments=assignments)


def weekend_bound_unit(**budget: Any) -> Unit:
    """Three weeks, one 7.5 h day shift, two on it every day (42 shifts = 2.8 FTE at 37.5 h a
    week), whole weekends every 3rd: the 6 weekend places need 6 different people. Six people
    at 20 % who all want 100 %; hours exact (no tolerance), sizes in 20 % steps.

    With the FTE frame at 2.8, K full-time and 6 - K people at their 20 % give
    100 K + 20 (6 - K) <= 280, so K <= 2; and 2 x 15 + 4 x 3 = 42 shifts fits exactly."""
    return Unit.model_validate(
        {
            "name": "Helgebundet",
            "weeks": 3,
            "shift_types": [{"code": "D", "start": "08:00", "end": "15:30"}],
            "competences": [{"code": "HFA"}],
            "employees": [
                {"id": f"p{n}", "competence": "HFA", "position_pct": 20, "desired_pct": 100}
                for n in range(1, 7)
            ],
            "demand": [{"shift": "D", "min": 2}],
            "rules": {
                "full_time_week_h": 37.5,
                "hours_tolerance_h_per_week": 0,
                "weekend_every": 3,
                "whole_weekends": True,
            },
            "budget": {"fte_frame": 2.8, "pay_per_competence": {"HFA": 480_000}, **budget},
        }
    )


def three_shift_unit(**rules: object) -> Unit:
    """One week; a day shift D 07:30-15:00 and a night N 21:00-07:00 (9 of its 10 h in the
    night window 21-06); Kari at 100 % of 35.5 h, ±1 h a week."""
    return Unit.model_validate(
        {
            "name": "Tredelt",
            "weeks": 1,
            "shift_types": [
                {"code": "D", "start": "07:30", "end": "15:00"},
                {"code": "N", "start": "21:00", "end": "07:00"},
            ],
            "competences": [{"code": "HFA"}],
            "employees": [{"id": "kari", "competence": "HFA", "position_pct": 100}],
            "demand": [{"shift": "D", "min": 0}, {"shift": "N", "min": 0}],
            "rules": {
                "three_shift_credit": True,
                "hours_tolerance_h_per_week": 1.0,
                "whole_weekends": False,
                "weekend_every": 1,
                **rules,
            },
        }
    )


def three_shift_pair() -> Unit:
    """Kari at 50 % (16,75-18,75 h a week) and Ola at 55 % (18,5-20,5 h), one week of 7,5 h days
    and 10 h nights, the credit on. Kari: one or two nights are 10 or 20 h, two or three days
    15 or 22,5 h, so only nights and days together fill her band. Ola: two nights are 20 h."""
    data = three_shift_unit().model_dump(mode="json")
    kari = {**data["employees"][0], "position_pct": 50}
    ola = {**kari, "id": "ola", "position_pct": 55}
    data["employees"] = [kari, ola]
    return Unit.model_validate(data)
