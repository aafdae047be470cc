"""The base rota carried into a scenario, so that every scenario starts from what today looks like.

A scenario is the base unit after some changes. Its search starts from the base rota mapped onto
it: people the scenario no longer has are dropped, people it adds start with an empty row, and a
shift the scenario replaced (a langvakt taking over the day shift's weekends) is mapped day by
day to the shift that took over that day's demand. Where the mapped rota keeps every rule of the
scenario it is a legal start, and the scenario's figures can only be as good as it or better.
"""

from __future__ import annotations

from collections.abc import Mapping

from models.rota import Rota
from models.unit import Unit


def start_from_base(
    base_rota: Rota, unit: Unit, replaced_by: Mapping[str, str] | None = None
) -> Rota | None:
    """The base rota as a start for the scenario's `unit`; None when the rotas differ in length
    (nothing maps day by day). `replaced_by` maps a replaced shift code to its replacement."""
    if base_rota.days != unit.days:
        return None
    replaced_by = replaced_by or {}
    wanted = unit.demand_index()
    assignments: dict[str, tuple[str | None, ...]] = {}
    for employee in unit.employees:
        row = base_rota.assignments.get(employee.id)
        if row is None:
            assignments[employee.id] = (None,) * unit.days
            continue
        mapped: list[str | None] = []
        for day, code in enumerate(row):
            if code is not None and (day, code) not in wanted:
                # The base shift has no demand here any more: its replacement may have.
                replacement = replaced_by.get(code)
                code = replacement if replacement and (day, replacement) in wanted else None
            if code is not None and (
                code not in unit.shift_by_code or not employee.allows_shift(code)
            ):
                code = None
            mapped.append(code)
        assignments[employee.id] = tuple(mapped)
    return Rota(days=unit.days, assignments=assignments)
