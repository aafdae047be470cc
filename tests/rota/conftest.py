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
