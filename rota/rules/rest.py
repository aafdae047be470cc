"""Daily rest (AML § 10-8 (1)) from clock times, over midnight and across the cyclic wrap; quick
returns (kvikkvakter) only where the rules allow them; forbidden successions."""

from __future__ import annotations

import itertools

from models.clock import MINUTES_PER_DAY
from models.numbers import hours
from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.findings import Finding, day_label

RULE = "daglig hvile"
REFERENCE = "AML § 10-8 (1)"
QUICK_REFERENCE = "AML § 10-8 (3), lokal avtale om kvikkvakter"
SUCCESSION_REFERENCE = "Vakter: kan ikke følges av"
QUICK_RETURN_WEIGHT = 50

# Shifts are at most 24 h, so rest is only at stake between shifts at most two days apart.
MAX_DAYS_APART = 2


def required_minutes(unit: Unit) -> int:
    """The daily rest between two shifts, in minutes. Outside the act (benchmarks) none is
    required: only overlapping shifts and forbidden successions remain."""
    return round(unit.rules.daily_rest_h * 60) if unit.rules.working_time_act else 0


def add_to_model(ctx: ModelContext) -> None:
    unit, model = ctx.unit, ctx.model
    rules = unit.rules
    required = required_minutes(unit)
    quick_minimum = round(rules.quick_return_min_rest_h * 60)
    # Which pairs of shifts, one or two days apart, are forbidden or quick returns: worked out
    # once, as it depends only on the clock times.
    pairs: list[tuple[int, str, str, bool]] = []  # (days apart, first, second, quick return)
    for apart in range(1, MAX_DAYS_APART + 1):
        for first in unit.shift_types:
            for second in unit.shift_types:
                rest = apart * MINUTES_PER_DAY + second.start_minute - first.end_minute
                forbidden = apart == 1 and second.code in first.forbidden_next
                if rest >= required and not forbidden:
                    continue
                quick_ok = rules.max_quick_returns > 0 and rest >= quick_minimum
                pairs.append((apart, first.code, second.code, quick_ok and not forbidden))
    for employee in unit.employees:
        enforced = ctx.hard(RULE, employee.id)
        quick_returns = []
        for day in range(unit.days):
            for apart, first_code, second_code, quick in pairs:
                later = ctx.next_day(day, apart)
                if later is None:
                    continue
                a = ctx.x[employee.id, day, first_code]
                b = ctx.x[employee.id, later, second_code]
                if not quick:
                    model.add_bool_or([~a, ~b]).only_enforce_if(enforced)
                else:
                    both = model.new_bool_var("")
                    model.add_bool_or([~a, ~b, both])
                    quick_returns.append(both)
                    ctx.penalise("quick_returns", both, QUICK_RETURN_WEIGHT)
        if quick_returns:
            model.add(sum(quick_returns) <= rules.max_quick_returns).only_enforce_if(enforced)


def audit(unit: Unit, rota: Rota) -> list[Finding]:
    """Walk each person's worked intervals on one timeline and measure every gap."""
    rules = unit.rules
    # Outside the act only overlapping shifts break the rest rule (as in add_to_model).
    required = rules.daily_rest_h * 60 if rules.working_time_act else 0
    quick_minimum = rules.quick_return_min_rest_h * 60
    span = unit.days * MINUTES_PER_DAY
    findings = []
    for employee in unit.employees:
        intervals = []
        for day, code in enumerate(rota.assignments[employee.id]):
            if code is not None:
                shift = unit.shift(code)
                start = day * MINUTES_PER_DAY + shift.start_minute
                intervals.append((start, start + shift.length_minutes, day, code))
        if rules.cyclic and intervals:
            first = intervals[0]
            intervals.append((first[0] + span, first[1] + span, first[2], first[3]))
        quick_count = 0
        who = employee.display_name
        for (_, end, day, code), (start, _, next_day, next_code) in itertools.pairwise(intervals):
            rest = start - end
            days_apart = (next_day - day) % unit.days if unit.days else 0
            if days_apart == 1 and next_code in unit.shift(code).forbidden_next:
                findings.append(
                    Finding(
                        "vaktrekkefølge",
                        SUCCESSION_REFERENCE,
                        f"{who}: {next_code} etter {code} {day_label(day)} er ikke tillatt.",
                        f"{who}: {next_code} after {code} on day {day + 1} is not allowed.",
                        employee.id,
                        day,
                    )
                )
            if rest >= required:
                continue
            if rest >= quick_minimum and rules.max_quick_returns > 0:
                quick_count += 1
                if quick_count <= rules.max_quick_returns:
                    continue
                findings.append(
                    Finding(
                        "kvikkvakt",
                        QUICK_REFERENCE,
                        f"{who}: kvikkvakt nr. {quick_count} {day_label(day)}; høyst"
                        f" {rules.max_quick_returns} er avtalt.",
                        f"{who}: quick return no. {quick_count} on day {day + 1}; at most"
                        f" {rules.max_quick_returns} agreed.",
                        employee.id,
                        day,
                    )
                )
                continue
            least_nb, least_en = hours(rules.daily_rest_h), hours(rules.daily_rest_h, "en")
            if rest < 0:
                nb = (
                    f"{who}: {code} {day_label(day)} overlapper {next_code}"
                    f" {day_label(next_day)} med {hours(-rest / 60)} t; minst {least_nb} t hvile."
                )
                en = (
                    f"{who}: {code} on day {day + 1} overlaps {next_code} on day {next_day + 1}"
                    f" by {hours(-rest / 60, 'en')} h; at least {least_en} h rest."
                )
            else:
                nb = (
                    f"{who}: {hours(rest / 60)} t hvile mellom {code} {day_label(day)} og"
                    f" {next_code}; minst {least_nb} t."
                )
                en = (
                    f"{who}: {hours(rest / 60, 'en')} h rest between {code} on day {day + 1}"
                    f" and {next_code}; at least {least_en} h."
                )
            findings.append(Finding(RULE, REFERENCE, nb, en, employee.id, day))
    return findings
