"""One person in more than one position (the same person key, e.g. 60 % in a nursing home and
40 % in home care, one rota after a merge): their shifts must not overlap, and the daily rest
(AML § 10-8 (1)) holds between the shifts of their positions as within each. Quick returns are a
local agreement about one rota; between two positions none is assumed.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from models.clock import MINUTES_PER_DAY
from models.employee import Employee
from models.numbers import hours
from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.findings import Finding, day_label
from rota.rules.rest import required_minutes
from rota.rules.timeline import intervals

RULE = "hvile mellom stillinger"
REFERENCE = "AML § 10-8 (1), samme person i flere stillinger"
# Shifts are at most 24 h, so rest is only at stake between shifts at most two days apart.
MAX_DAYS_APART = 2


def shared(unit: Unit) -> list[list[Employee]]:
    """The positions of each person who holds more than one in the unit."""
    by_person: dict[str, list[Employee]] = defaultdict(list)
    for employee in unit.employees:
        if not employee.vacant:
            by_person[employee.person_key].append(employee)
    return [positions for positions in by_person.values() if len(positions) > 1]


def conflicts(unit: Unit) -> list[tuple[int, str, str]]:
    """(days apart, first, second): a shift `first`, then `second` that many days later (0: the
    same day), leave less than the required rest or overlap."""
    required = required_minutes(unit)
    pairs = []
    for apart in range(MAX_DAYS_APART + 1):
        for first in unit.shift_types:
            for second in unit.shift_types:
                start = apart * MINUTES_PER_DAY + second.start_minute
                if apart == 0 and second.start_minute < first.start_minute:
                    continue  # the same pair the other way round
                gap = start - (first.start_minute + first.length_minutes)
                if gap < required:
                    pairs.append((apart, first.code, second.code))
    return pairs


def add_to_model(ctx: ModelContext) -> None:
    unit = ctx.unit
    pairs = conflicts(unit)
    for positions in shared(unit):
        for one, other in combinations(positions, 2):
            enforced = ctx.hard(RULE, one.id)
            for day in range(unit.days):
                for apart, first, second in pairs:
                    later = day if apart == 0 else ctx.next_day(day, apart)
                    if later is None:
                        continue
                    for a, b in ((one, other), (other, one)):
                        ctx.model.add_bool_or(
                            [~ctx.x[a.id, day, first], ~ctx.x[b.id, later, second]]
                        ).only_enforce_if(enforced)


def audit(unit: Unit, rota: Rota) -> list[Finding]:
    """Each person's shifts from all their positions on one timeline: every overlap and every
    rest too short between two positions."""
    required = required_minutes(unit)
    findings = []
    for positions in shared(unit):
        worked = [
            (interval, employee)
            for employee in positions
            for interval in intervals(unit, rota, employee.id, wrap=unit.rules.cyclic)
        ]
        worked.sort(key=lambda pair: pair[0].start)
        seen: set[tuple[int, int, str, str]] = set()
        for index, (first, employee) in enumerate(worked):
            for second, holder in worked[index + 1 :]:
                rest = second.start - first.end
                if rest >= required:
                    break
                key = (first.day, second.day, employee.id, holder.id)
                if holder.id == employee.id or key in seen:
                    continue
                seen.add(key)
                findings.append(
                    _finding(employee, holder, first.day, first.code, second.day, second.code, rest)
                )
    return findings


def _finding(
    first: Employee,
    second: Employee,
    day: int,
    code: str,
    later: int,
    later_code: str,
    rest: int,
) -> Finding:
    who = first.name or first.person_key
    if rest < 0:
        nb = (
            f"{who}: {code} {day_label(day)} i stilling {first.id} overlapper {later_code}"
            f" {day_label(later)} i stilling {second.id}."
        )
        en = (
            f"{who}: {code} on day {day + 1} in position {first.id} overlaps {later_code} on day"
            f" {later + 1} in position {second.id}."
        )
    else:
        nb = (
            f"{who}: {hours(rest / 60)} t hvile mellom {code} {day_label(day)} i stilling {first.id}"
            f" og {later_code} {day_label(later)} i stilling {second.id}."
        )
        en = (
            f"{who}: {hours(rest / 60, 'en')} h rest between {code} on day {day + 1} in position {first.id}"
            f" and {later_code} on day {later + 1} in position {second.id}."
        )
    return Finding(RULE, REFERENCE, nb, en, first.id, day)
