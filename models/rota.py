"""A rota: which shift (or none) each employee works on each day."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from models.base import Frozen


class Rota(Frozen):
    """Shift codes by employee id and day (0-based); None is a day off."""

    days: int = Field(ge=1)
    assignments: dict[str, tuple[str | None, ...]]

    def shift_on(self, employee_id: str, day: int) -> str | None:
        return self.assignments[employee_id][day]

    def worked(self) -> Iterator[tuple[str, int, str]]:
        """Every (employee id, day, shift code) that is worked."""
        for employee_id, row in self.assignments.items():
            for day, code in enumerate(row):
                if code is not None:
                    yield employee_id, day, code
