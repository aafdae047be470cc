"""Weekends: work at most one weekend in every N (the weekend frequency), at most a number of
weekends in the whole rota, and whole weekends.

A weekend is worked when a shift starts on its Saturday or Sunday: a Friday night that ends on
Saturday morning leaves the weekend free (its Saturday hours still earn the weekend allowance),
and a Sunday night belongs to its weekend. The Sunday rule of AML § 10-8 (4) is `rota.rules.sundays`,
which counts work on the clock.

Whole weekends are local practice, and yield to the law: in a dated plan a weekend whose Saturday
is a public holiday (1 May, Christmas Day on a Saturday) cannot be worked whole, since the Sunday
after a worked holiday must be off (§ 10-8 (4)); such a weekend may be split."""

from __future__ import annotations

from datetime import timedelta

from models.clock import SATURDAY, SUNDAY
from models.holidays import is_public_holiday
from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.findings import Finding

FREQUENCY_RULE = "helgefrekvens"
FREQUENCY_REFERENCE = "helg hver N. uke (KS/lokal avtale)"
WHOLE_RULE = "hele helger"
WHOLE_REFERENCE = "lokal praksis"
COUNT_RULE = "antall helger"
COUNT_REFERENCE = "lokal avtale"


def weekend_windows(weeks: int, every: int, cyclic: bool) -> list[list[int]]:
    """Groups of consecutive weekends of which at most one may be worked. In a cyclic rota the
    groups wrap round; a rota shorter than N weeks holds each weekend once."""
    size = min(every, weeks)
    if cyclic:
        return [sorted({(k + step) % weeks for step in range(size)}) for k in range(weeks)]
    return [list(range(k, k + size)) for k in range(weeks - size + 1)]


def split_weekends(unit: Unit) -> set[int]:
    """The weeks of a dated plan whose Saturday is a public holiday: their weekend may be split."""
    if unit.start_date is None or unit.rules.cyclic:
        return set()
    start = unit.start_date
    return {
        week
        for week in range(unit.weeks)
        if is_public_holiday(start + timedelta(days=week * 7 + SATURDAY))
    }


def add_to_model(ctx: ModelContext) -> None:
    unit, model = ctx.unit, ctx.model
    split = split_weekends(unit)
    for employee in unit.employees:
        rules = unit.rules_for(employee)
        worked = []
        for week in range(unit.weeks):
            saturday = ctx.works(employee.id, week * 7 + SATURDAY)
            sunday = ctx.works(employee.id, week * 7 + SUNDAY)
            weekend = model.new_bool_var("")
            model.add(weekend >= saturday)
            model.add(weekend >= sunday)
            model.add(weekend <= saturday + sunday)
            worked.append(weekend)
            if rules.whole_weekends and week not in split:
                model.add(saturday == sunday).only_enforce_if(ctx.hard(WHOLE_RULE, employee.id))
        ctx.weekends[employee.id] = worked
        if rules.max_weekends is not None and rules.max_weekends < unit.weeks:
            # A weekend is worked when either day is (the indicator is exact both ways).
            model.add(sum(worked) <= rules.max_weekends).only_enforce_if(
                ctx.hard(COUNT_RULE, employee.id)
            )
        enforced = ctx.hard(FREQUENCY_RULE, employee.id)
        for group in weekend_windows(unit.weeks, rules.weekend_every, rules.cyclic):
            model.add(sum(worked[k] for k in group) <= 1).only_enforce_if(enforced)
        if rules.weekend_every > 1:
            # Implied by the windows (each weekend lies in N of them), but said at once it
            # bounds the count before any window is full. Never stricter than the audit.
            frequency_only = rules.model_copy(update={"max_weekends": None})
            model.add(sum(worked) <= frequency_only.most_weekends(unit.weeks)).only_enforce_if(
                enforced
            )


def audit(unit: Unit, rota: Rota) -> list[Finding]:
    findings = []
    split = split_weekends(unit)
    for employee in unit.employees:
        rules = unit.rules_for(employee)
        row = rota.assignments[employee.id]
        who = employee.display_name
        saturdays = [row[week * 7 + SATURDAY] is not None for week in range(unit.weeks)]
        sundays = [row[week * 7 + SUNDAY] is not None for week in range(unit.weeks)]
        worked = [sat or sun for sat, sun in zip(saturdays, sundays, strict=True)]
        if rules.max_weekends is not None and sum(worked) > rules.max_weekends:
            findings.append(
                Finding(
                    COUNT_RULE,
                    COUNT_REFERENCE,
                    f"{who} arbeider {sum(worked)} helger; høyst {rules.max_weekends}.",
                    f"{who} works {sum(worked)} weekends; at most {rules.max_weekends}.",
                    employee.id,
                    SATURDAY,
                )
            )
        if rules.whole_weekends:
            for week in range(unit.weeks):
                if saturdays[week] != sundays[week] and week not in split:
                    findings.append(
                        Finding(
                            WHOLE_RULE,
                            WHOLE_REFERENCE,
                            f"{who} arbeider bare én dag av helgen i uke {week + 1}.",
                            f"{who} works only one day of the weekend in week {week + 1}.",
                            employee.id,
                            week * 7 + SATURDAY,
                        )
                    )
        reported: set[tuple[int, ...]] = set()
        for group in weekend_windows(unit.weeks, rules.weekend_every, rules.cyclic):
            together = tuple(k for k in group if worked[k])
            if len(together) > 1 and together not in reported:
                reported.add(together)
                weeks_text = ", ".join(str(k + 1) for k in group if worked[k])
                findings.append(
                    Finding(
                        FREQUENCY_RULE,
                        FREQUENCY_REFERENCE,
                        f"{who} arbeider helgene i uke {weeks_text}; høyst én av"
                        f" {rules.weekend_every} på rad.",
                        f"{who} works the weekends of weeks {weeks_text}; at most one in"
                        f" {rules.weekend_every} in a row.",
                        employee.id,
                        group[0] * 7 + SATURDAY,
                    )
                )
    return findings
