"""Runs: the most work days and nights in a row, days off after a run of nights, and the fewest
work days and days off in a row. A dated plan is open at both ends: runs touching its first or last day are not
held to minimum lengths."""

from __future__ import annotations

from models.numbers import counted
from models.rota import Rota
from models.unit import Unit
from rota.context import ModelContext
from rota.findings import Finding, day_label
from rota.rules.timeline import runs

DAYS_RULE = "dager på rad"
NIGHTS_RULE = "netter på rad"
AFTER_NIGHTS_RULE = "fri etter natt"
DAYS_OFF_RULE = "fridager på rad"
MIN_DAYS_RULE = "minst dager på rad"
REFERENCE = "lokal avtale (AML § 10-2 (1): forsvarlig arbeidstid)"


def add_to_model(ctx: ModelContext) -> None:
    unit, model = ctx.unit, ctx.model
    # Night rules only where the unit has night shifts (and is_night is worked out once).
    has_nights = any(shift.is_night for shift in unit.shift_types)
    for employee in unit.employees:
        rules = unit.rules_for(employee)
        e = employee.id
        for day in range(unit.days):
            window = ctx.window(day, rules.max_consecutive_days + 1)
            if window is not None:
                model.add(
                    sum(ctx.works(e, d) for d in window) <= rules.max_consecutive_days
                ).only_enforce_if(ctx.hard(DAYS_RULE, e))
            window = ctx.window(day, rules.max_consecutive_nights + 1)
            if window is not None and has_nights:
                model.add(
                    sum(ctx.works_night(e, d) for d in window) <= rules.max_consecutive_nights
                ).only_enforce_if(ctx.hard(NIGHTS_RULE, e))
            following = ctx.next_day(day)
            if following is not None and has_nights:
                for step in range(1, rules.days_off_after_nights + 1):
                    later = ctx.next_day(day, step)
                    if later is None:
                        break
                    # Night today and none tomorrow: the next days are off.
                    model.add(
                        ctx.works(e, later)
                        + ctx.works_night(e, day)
                        - ctx.works_night(e, following)
                        <= 1
                    ).only_enforce_if(ctx.hard(AFTER_NIGHTS_RULE, e))
            before = ctx.next_day(day, -1)
            if before is not None and rules.min_consecutive_days_off > 1:
                for step in range(1, rules.min_consecutive_days_off):
                    later = ctx.next_day(day, step)
                    if later is None:
                        break
                    # Worked yesterday, free today: free for the next days too.
                    model.add(
                        ctx.works(e, later) + ctx.works(e, before) - ctx.works(e, day) <= 1
                    ).only_enforce_if(ctx.hard(DAYS_OFF_RULE, e))
            if before is not None and rules.min_consecutive_days > 1:
                for step in range(1, rules.min_consecutive_days):
                    later = ctx.next_day(day, step)
                    if later is None:
                        break  # a run reaching the last day of a dated plan may go on after it
                    # Free yesterday, working today: working the next days too.
                    model.add(
                        ctx.works(e, day) - ctx.works(e, before) - ctx.works(e, later) <= 0
                    ).only_enforce_if(ctx.hard(MIN_DAYS_RULE, e))


def audit(unit: Unit, rota: Rota) -> list[Finding]:
    findings = []
    cyclic = unit.rules.cyclic
    for employee in unit.employees:
        rules = unit.rules_for(employee)
        row = rota.assignments[employee.id]
        who = employee.display_name
        working = [code is not None for code in row]
        nights = [code is not None and unit.shift(code).is_night for code in row]
        for run in runs(working, cyclic):
            if run.length > rules.max_consecutive_days:
                findings.append(
                    Finding(
                        DAYS_RULE,
                        REFERENCE,
                        f"{who}: {min(run.length, unit.days)} arbeidsdager på rad fra"
                        f" {day_label(run.start)}; høyst {rules.max_consecutive_days}.",
                        f"{who}: {min(run.length, unit.days)} work days in a row from day"
                        f" {run.start + 1}; at most {rules.max_consecutive_days}.",
                        employee.id,
                        run.start,
                    )
                )
        for run in runs(nights, cyclic):
            if run.length > rules.max_consecutive_nights:
                findings.append(
                    Finding(
                        NIGHTS_RULE,
                        REFERENCE,
                        f"{who}: {min(run.length, unit.days)} nattevakter på rad fra"
                        f" {day_label(run.start)}; høyst {rules.max_consecutive_nights}.",
                        f"{who}: {min(run.length, unit.days)} nights in a row from day"
                        f" {run.start + 1}; at most {rules.max_consecutive_nights}.",
                        employee.id,
                        run.start,
                    )
                )
            last = run.start + run.length - 1
            for step in range(1, rules.days_off_after_nights + 1):
                later = last + step
                if later >= unit.days:
                    if not cyclic:
                        break
                    later %= unit.days
                if working[later]:
                    findings.append(
                        Finding(
                            AFTER_NIGHTS_RULE,
                            REFERENCE,
                            f"{who}: vakt {day_label(later)}, {counted(step, 'dag', 'dager')} etter siste"
                            " natt;"
                            f" {rules.days_off_after_nights} fridager trengs.",
                            f"{who}: a shift on day {later + 1}, {counted(step, 'day', 'days')} after the last"
                            f" night; {rules.days_off_after_nights} days off are needed.",
                            employee.id,
                            later,
                        )
                    )
                    break
        if rules.min_consecutive_days > 1:
            for run in runs(working, cyclic):
                if run.length < rules.min_consecutive_days and not run.touches_edge:
                    findings.append(
                        Finding(
                            MIN_DAYS_RULE,
                            REFERENCE,
                            f"{who}: bare {counted(run.length, 'arbeidsdag', 'arbeidsdager')} på rad fra"
                            f" {day_label(run.start)}; minst {rules.min_consecutive_days}.",
                            f"{who}: only {counted(run.length, 'work day', 'work days')} in a row from day"
                            f" {run.start + 1}; at least {rules.min_consecutive_days}.",
                            employee.id,
                            run.start,
                        )
                    )
        if rules.min_consecutive_days_off > 1:
            free = [not flag for flag in working]
            for run in runs(free, cyclic):
                if run.length < rules.min_consecutive_days_off and not run.touches_edge:
                    findings.append(
                        Finding(
                            DAYS_OFF_RULE,
                            REFERENCE,
                            f"{who}: bare {counted(run.length, 'fridag', 'fridager')} på rad fra"
                            f" {day_label(run.start)}; minst {rules.min_consecutive_days_off}.",
                            f"{who}: only {counted(run.length, 'day', 'days')} off in a row from day"
                            f" {run.start + 1}; at least {rules.min_consecutive_days_off}.",
                            employee.id,
                            run.start,
                        )
                    )
    return findings
