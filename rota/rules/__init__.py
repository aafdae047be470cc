"""Rule families. Each module has `add_to_model(ctx)` for CP-SAT and an independent
`audit(unit, rota) -> list[Finding]` in plain Python that `rota.check` runs."""

from __future__ import annotations

from types import ModuleType

from rota.rules import availability, coverage, hours, rest

FAMILIES: tuple[ModuleType, ...] = (availability, coverage, hours, rest)
