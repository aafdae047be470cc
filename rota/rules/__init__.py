"""Rule families. Each module has `add_to_model(ctx)` for CP-SAT and an independent
`audit(unit, rota) -> list[Finding]` in plain Python that `rota.check` runs."""

from __future__ import annotations

from types import ModuleType

from rota.rules import (
    availability,
    coverage,
    fairness,
    hours,
    persons,
    rest,
    runs,
    sundays,
    weekends,
    weekly_hours,
    wishes,
    working_time,
)

# Weekends come before fairness, which spreads the weekends they mark.
FAMILIES: tuple[ModuleType, ...] = (
    availability,
    coverage,
    hours,
    rest,
    persons,
    working_time,
    weekends,
    sundays,
    runs,
    wishes,
    fairness,
    weekly_hours,
)
