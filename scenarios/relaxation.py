"""Which way each rule is looser: a change that only loosens rules (or lowers demand) keeps every
rota of the base legal, so its scenario can never need more gaps than the base.

The runner relies on this table to promise "a relaxation is at least as good as today": it starts
such a scenario from the base rota and keeps that rota when the search finds nothing better.
"""

from __future__ import annotations

from typing import Any, Literal

from models.unit import Unit

Direction = Literal["lower", "higher", "off", "neutral"]

# How a rule's value moves to loosen it: "lower" (a smaller number allows more rotas), "higher",
# "off" (a rule switched off), "neutral" (a weight: the base rota stays legal either way). Rules
# not listed (the full-time week, cyclic) change what the rota must be, not how strict it is.
LOOSER: dict[str, Direction] = {
    "working_time_act": "off",
    "daily_rest_h": "lower",
    "max_quick_returns": "higher",
    "quick_return_min_rest_h": "lower",
    "weekly_rest_h": "lower",
    "max_hours_per_day": "higher",
    "max_hours_per_7_days": "higher",  # None is no limit: the loosest
    "average_hours_per_week": "higher",
    "max_hours_per_week": "higher",
    "weekend_every": "lower",
    "whole_weekends": "off",
    "sunday_rule": "off",
    "max_consecutive_days": "higher",
    "min_consecutive_days": "lower",
    "max_weekends": "higher",  # None is no limit: the loosest
    "max_consecutive_nights": "higher",
    "days_off_after_nights": "lower",
    "min_consecutive_days_off": "lower",
    "hours_tolerance_h_per_week": "higher",
    "night_spread_weight": "neutral",
    "weekend_spread_weight": "neutral",
    "isolated_day_weight": "neutral",
    "week_hours_slack_h": "neutral",
    "uneven_week_weight": "neutral",
}


def looser_or_equal(rule: str, before: Any, after: Any) -> bool:
    """Whether setting `rule` from `before` to `after` allows every rota it allowed before."""
    direction = LOOSER.get(rule)
    if direction is None:
        return bool(before == after)
    if direction == "neutral" or before == after:
        return True
    if direction == "off":
        return bool(before) and not bool(after)
    if direction == "higher":
        if after is None:  # no limit
            return True
        return before is not None and bool(after >= before)
    return after is not None and before is not None and bool(after <= before)


def relaxes(base: Unit, unit: Unit) -> bool:
    """Whether `unit` only loosens `base`: the same people, shifts, competences and length, every
    rule as loose or looser, and no cover, competence or language minimum higher on any day. Then
    every rota legal for the base is legal for the unit, with no more gaps."""
    same = (
        base.weeks == unit.weeks
        and base.start_date == unit.start_date
        and base.employees == unit.employees
        and base.shift_types == unit.shift_types
        and base.competences == unit.competences
    )
    if not same:
        return False
    for rule in type(base.rules).model_fields:
        if not looser_or_equal(rule, getattr(base.rules, rule), getattr(unit.rules, rule)):
            return False
    before, after = base.demand_index(), unit.demand_index()
    if set(before) - set(after):
        return False  # a shift no longer wanted that day cannot be worked: the base rota breaks
    for cell, row in after.items():
        old = before.get(cell)
        if old is None:
            if row.min or any(row.competence_min.values()) or any(row.language_min.values()):
                return False
            continue
        if row.min > old.min:
            return False
        for needs, had in (
            (row.competence_min, old.competence_min),
            (row.language_min, old.language_min),
        ):
            if any(count > had.get(code, 0) for code, count in needs.items()):
                return False
    return True
