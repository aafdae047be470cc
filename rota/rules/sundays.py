"""The Sunday rule of AML § 10-8 (4): who has worked on a Sunday or public holiday has the next
Sunday or public holiday off.

What counts as work on a Sunday or holiday is § 10-10 (1)'s window, on the clock: from 18:00 the
day before to 22:00 on the day (15:00 on julaften, påskeaften and pinseaften; 1 and 17 May from
midnight when the day before is an ordinary day), `models.holidays`. A Saturday evening or night
shift is Sunday work; a Sunday night shift is too (it starts before 22:00). A grunnturnus (cyclic,
or without a start date) is a pattern of weeks with no dates: its Sundays alone count. A dated
plan counts its public holidays as well. Where two such days follow each other (Easter, Whitsun,
a holiday on a Monday) each minute belongs to one of them: a minute on a holiday to that day, a
minute on its eve to the day that follows.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from models.clock import MINUTES_PER_DAY, SUNDAY
from models.holidays import is_public_holiday, is_sunday_or_holiday, sunday_holiday_window
from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.findings import Finding, day_label
from rota.rules.timeline import Interval, intervals

RULE = "søndagsarbeid"
REFERENCE = "AML § 10-8 (4), § 10-10 (1)"
# The window of an undated Sunday: Saturday 18:00 to Sunday 22:00, from the Sunday's midnight.
SUNDAY_WINDOW = (-6 * 60, 22 * 60)


@dataclass(frozen=True)
class Occasion:
    """A Sunday or public holiday of the rota and its window, in minutes from the rota's first
    midnight."""

    day: int
    start: int
    end: int
    holiday: bool = False

    def label(self) -> str:
        kind = "helligdag" if self.holiday else "søndag"
        return f"{kind} {day_label(self.day)}"


def occasions(unit: Unit) -> list[Occasion]:
    """The Sundays (and, in a dated plan, public holidays) of the rota in order, each with the
    part of the § 10-10 window that is its own."""
    dated = unit.start_date is not None and not unit.rules.cyclic
    found: list[Occasion] = []
    for day in range(unit.days):
        if dated:
            assert unit.start_date is not None
            when = unit.start_date + timedelta(days=day)
            if not is_sunday_or_holiday(when):
                continue
            first = datetime.combine(unit.start_date, time(0))
            start, end = (
                int((moment - first).total_seconds()) // 60
                for moment in sunday_holiday_window(when)
            )
            holiday = is_public_holiday(when)
        elif day % 7 == SUNDAY:
            start = day * MINUTES_PER_DAY + SUNDAY_WINDOW[0]
            end = day * MINUTES_PER_DAY + SUNDAY_WINDOW[1]
            holiday = False
        else:
            continue
        if found and found[-1].day == day - 1:
            # The eve is the day before's own holiday up to 22:00: those minutes are its.
            start = max(start, found[-1].end)
        found.append(Occasion(day, start, end, holiday))
    return found


def successive(unit: Unit, found: list[Occasion]) -> list[tuple[Occasion, Occasion]]:
    """Pairs of one Sunday or holiday and the next; round the seam in a cyclic rota (where two
    Sundays are one pair, not two)."""
    if len(found) < 2:
        return []
    pairs = list(itertools.pairwise(found))
    if unit.rules.cyclic and len(found) > 2:
        pairs.append((found[-1], found[0]))
    return pairs


def touching(unit: Unit, occasion: Occasion) -> list[tuple[int, str, int]]:
    """The (rota day, shift code, minutes inside) of every shift that would put work inside the
    occasion's window; a day before the first is the rota's last in a cyclic rota."""
    found = []
    for day in range(occasion.day - 2, occasion.day + 1):
        if day < 0 and not unit.rules.cyclic:
            continue
        for shift in unit.shift_types:
            start = day * MINUTES_PER_DAY + shift.start_minute
            inside = min(occasion.end, start + shift.length_minutes) - max(occasion.start, start)
            if inside > 0:
                found.append((day % unit.days, shift.code, inside))
    return found


def add_to_model(ctx: ModelContext) -> None:
    unit = ctx.unit
    found = occasions(unit)
    pairs = successive(unit, found)
    if not pairs:
        return
    shifts = {o.day: touching(unit, o) for o in found}
    for employee in unit.employees:
        if not unit.rules_for(employee).sunday_rule:
            continue
        worked = {}
        for occasion in found:
            literal = ctx.model.new_bool_var("")
            for day, code, _ in shifts[occasion.day]:
                ctx.model.add_implication(ctx.x[employee.id, day, code], literal)
            worked[occasion.day] = literal
        enforced = ctx.hard(RULE, employee.id)
        for first, second in pairs:
            ctx.model.add(worked[first.day] + worked[second.day] <= 1).only_enforce_if(enforced)


def audit(unit: Unit, rota: Rota) -> list[Finding]:
    found = occasions(unit)
    pairs = successive(unit, found)
    findings: list[Finding] = []
    if not pairs:
        return findings
    for employee in unit.employees:
        if not unit.rules_for(employee).sunday_rule:
            continue
        worked = intervals(unit, rota, employee.id, wrap=unit.rules.cyclic)

        who = employee.display_name
        for first, second in pairs:
            before, after = _work_in(worked, first), _work_in(worked, second)
            if not before or not after:
                continue
            why = [_why(first, before), _why(second, after)]
            findings.append(
                Finding(
                    RULE,
                    REFERENCE,
                    f"{who} arbeider {first.label()} og {second.label()}: to søn- eller"
                    f" helligdager etter hverandre.{''.join(nb for nb, _ in why)}",
                    f"{who} works day {first.day + 1} and day {second.day + 1}: two Sundays or"
                    f" public holidays in a row.{''.join(en for _, en in why)}",
                    employee.id,
                    second.day,
                )
            )
    return findings


def _work_in(worked: list[Interval], occasion: Occasion) -> list[tuple[int, str]]:
    """The (day, code) of the shifts with work inside the occasion's window."""
    return [(i.day, i.code) for i in worked if i.start < occasion.end and i.end > occasion.start]


def _why(occasion: Occasion, shifts: list[tuple[int, str]]) -> tuple[str, str]:
    """Why a shift that starts on another day is work on the Sunday or holiday, in words (empty
    when a shift starts on the day itself)."""
    if any(day == occasion.day for day, _ in shifts):
        return "", ""
    day, code = shifts[0]
    return (
        f" Vakt {code} {day_label(day)} regnes som arbeid på {occasion.label()}: den ligger i"
        " tidsrommet for søn- og helgedagsarbeid (fra kl. 18 dagen før, kl. 15 på jul-, påske-"
        " og pinseaften, til kl. 22; § 10-10 (1)).",
        f" Shift {code} on day {day + 1} counts as work on day {occasion.day + 1}: it lies in"
        " the Sunday and holiday window (from 18:00 the day before, 15:00 on Christmas, Easter"
        " and Whitsun eve, to 22:00; § 10-10 (1)).",
    )
