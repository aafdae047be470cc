"""Hours: each employee's rota hours within tolerance of position x full-time week x weeks, or
within their explicit minimum and maximum.

In three-shift turnus (KS HTA chapter 1, DOMAIN.md), hours count with a time credit: each hour
between 21:00 and 06:00 counts 1 h 15 min, each other hour of Sunday or holiday work (the § 10-10
window, `rota.rules.sundays`) 1 h 10 min, so that the full-time week falls from 35.5 h toward
33.6 h and never below. A person is in three-shift turnus when their own rota holds night shifts
and day or evening shifts. A night hour on a Sunday counts once, as a night hour (the credits are
not added up). The credit applies to the position's band; explicit least and most hours are
plain hours."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.sat.python import cp_model

from models.clock import MINUTES_PER_DAY, NIGHT_WINDOW, overlap
from models.employee import Employee
from models.numbers import hours
from models.rota import Rota
from models.rules import WorkRules
from models.unit import Unit
from rota.context import ModelContext
from rota.findings import Finding
from rota.rules.sundays import occasions

RULE = "timer"
REFERENCE = "stilling × full uke ± toleranse (lokal praksis)"


NIGHT_CREDIT = 1 / 4  # 15 minutes an hour
SUNDAY_CREDIT = 1 / 6  # 10 minutes an hour


def credits(unit: Unit) -> dict[tuple[int, str], int]:
    """Credit minutes of each shift on each day in three-shift turnus: its paid minutes spread
    over its clock span, a quarter more for those in the night window and a sixth more for
    those in a Sunday or holiday window and not at night."""
    windows = [(o.start, o.end) for o in occasions(unit)]
    table = {}
    for day in range(unit.days):
        nights = [
            (k * MINUTES_PER_DAY + NIGHT_WINDOW[0], k * MINUTES_PER_DAY + NIGHT_WINDOW[1])
            for k in range(day - 1, day + 2)
        ]
        for shift in unit.shift_types:
            start = day * MINUTES_PER_DAY + shift.start_minute
            end = start + shift.length_minutes
            night = sum(overlap(start, end, a, b) for a, b in nights)
            sunday = sum(overlap(start, end, a, b) for a, b in windows)
            both = sum(
                overlap(max(start, a), min(end, b), c, d)
                for a, b in windows
                for c, d in nights
                if min(end, b) > max(start, a)
            )
            extra = NIGHT_CREDIT * night + SUNDAY_CREDIT * (sunday - both)
            table[day, shift.code] = round(shift.worked_minutes * extra / shift.length_minutes)
    return table


def may_rotate(unit: Unit, employee: Employee) -> bool:
    """Whether the employee may work both night shifts and others, and so be in three-shift
    turnus."""
    allowed = [s for s in unit.shift_types if employee.allows_shift(s.code)]
    return any(s.is_night for s in allowed) and any(not s.is_night for s in allowed)


def rotates(unit: Unit, row: tuple[str | None, ...]) -> bool:
    """Whether a row puts its person in three-shift turnus: nights and other shifts both."""
    kinds = {unit.shift(code).is_night for code in row if code is not None}
    return kinds == {True, False}


def plain_range(unit: Unit, employee: Employee) -> tuple[float, float]:
    """The plain minutes (no credit) a row that keeps the hours rule may hold: the band, and
    below it as far as the three-shift credit reaches where the person may be in three-shift
    turnus (their counted minutes are at most full / shortest week times the plain ones)."""
    low, high = unit.hours_bounds_minutes(employee)
    rules = unit.rules_for(employee)
    explicit = employee.rules.min_hours is not None or employee.rules.max_hours is not None
    credited = unit.rules.three_shift_credit and rules.three_shift_credit
    if explicit or not credited or employee.rules.three_shift is False:
        return low, high
    if not may_rotate(unit, employee):
        return low, high
    full, least = _weeks_in_tenths(rules)
    return low * least / full, high


def _weeks_in_tenths(rules: WorkRules) -> tuple[int, int]:
    """The full-time week and the shortest one with the credit, in tenths of an hour."""
    full = round(rules.full_time_week_h * 10)
    return full, min(full, round(rules.min_full_time_week_h * 10))


def plain_minutes(ctx: ModelContext, employee: Employee) -> cp_model.LinearExpr:
    """The employee's rota minutes."""
    unit = ctx.unit
    return cp_model.LinearExpr.sum(
        [
            ctx.x[employee.id, day, shift.code] * shift.worked_minutes
            for day in range(unit.days)
            for shift in unit.shift_types
        ]
    )


@dataclass(frozen=True)
class _Rotation:
    """A person who may be in three-shift turnus: their credit minutes, whether their rota makes
    them so (nights and other shifts), and which side of the cap their hours fall on."""

    credit: cp_model.LinearExpr
    rotating: cp_model.IntVar
    capped: cp_model.IntVar
    full: int
    least: int


def _rotation(
    ctx: ModelContext,
    employee: Employee,
    table: dict[tuple[int, str], int],
    unit: Unit | None = None,
) -> _Rotation | None:
    """The credit's variables for the employee under `unit`'s rules (the model's own unit by
    default), or None where no credit can apply."""
    unit = unit or ctx.unit
    rules = unit.rules_for(employee)
    if not table or not rules.three_shift_credit or not may_rotate(unit, employee):
        return None
    full, least = _weeks_in_tenths(rules)
    row = [(day, s) for day in range(unit.days) for s in unit.shift_types]
    x = {(d, s.code): ctx.x[employee.id, d, s.code] for d, s in row}
    credit = cp_model.LinearExpr.sum(
        [x[d, s.code] * table[d, s.code] for d, s in row if table[d, s.code]]
    )
    model = ctx.model
    has_night, has_other, rotating, capped = (model.new_bool_var("") for _ in range(4))
    # Or and and as linear rows: a kind of constraint the re-plans can be cut from (rota.improve).
    for flag, night in ((has_night, True), (has_other, False)):
        shifts = [x[d, s.code] for d, s in row if s.is_night == night]
        for shift in shifts:
            model.add(shift <= flag)
        model.add(flag <= cp_model.LinearExpr.sum(shifts))
    model.add(rotating <= has_night)
    model.add(rotating <= has_other)
    model.add(rotating >= has_night + has_other - 1)
    # A status set beforehand (the person's own, or `rota.three_shift`'s) makes the band one
    # linear range instead of an either-or the search handles badly (bench/README.md).
    if employee.rules.three_shift is not None:
        model.add(rotating == int(employee.rules.three_shift))
    return _Rotation(credit, rotating, capped, full, least)


def _add_band(
    ctx: ModelContext,
    employee: Employee,
    table: dict[tuple[int, str], int],
    low: cp_model.LinearExprT,
    high: cp_model.LinearExprT,
    per_minute: int,
    enforced: list[cp_model.IntVar],
) -> None:
    """The employee's minutes (times `per_minute`) within [low, high], counted with the credit
    when their rota puts them in three-shift turnus. Counted minutes are the least of the
    minutes with their credit and the minutes x full / shortest week, so: both at least `low`,
    and one of them at most `high`. Linear, each with its literal (a min of two large sums
    held CP-SAT's search back so far that the demo ward found no rota in 30 s)."""
    model = ctx.model
    minutes = per_minute * plain_minutes(ctx, employee)
    rotation = _rotation(ctx, employee, table)
    if rotation is None:
        model.add(minutes >= low).only_enforce_if(enforced)
        model.add(minutes <= high).only_enforce_if(enforced)
        return
    rotating, capped = rotation.rotating, rotation.capped
    full, least = rotation.full, rotation.least
    with_credit = least * (minutes + per_minute * rotation.credit)
    model.add(minutes >= low).only_enforce_if([*enforced, ~rotating])
    model.add(minutes <= high).only_enforce_if([*enforced, ~rotating])
    model.add(with_credit >= least * low).only_enforce_if([*enforced, rotating])
    model.add(full * minutes >= least * low).only_enforce_if([*enforced, rotating])
    model.add(with_credit <= least * high).only_enforce_if([*enforced, rotating, ~capped])
    model.add(full * minutes <= least * high).only_enforce_if([*enforced, rotating, capped])


def add_to_model(ctx: ModelContext) -> None:
    unit = ctx.unit
    table = credits(unit) if unit.rules.three_shift_credit else {}
    for employee in unit.employees:
        enforced = ctx.hard(RULE, employee.id)
        position = ctx.positions.get(employee.id)
        if position is not None:
            _add_chosen_position(ctx, employee, position, enforced, table)
            continue
        low, high = unit.hours_bounds_minutes(employee)
        explicit = employee.rules.min_hours is not None or employee.rules.max_hours is not None
        # Whole minutes, as the audit counts them: a band of fractions of a minute rounds in.
        lowest, highest = whole_band(low, high)
        _add_band(ctx, employee, {} if explicit else table, lowest, highest, 1, enforced)


def whole_band(low: float, high: float) -> tuple[int, int]:
    """The band in whole minutes (a fraction of a minute rounds inwards)."""
    return math.ceil(low - 1e-6), math.floor(high + 1e-6)


def _add_chosen_position(
    ctx: ModelContext,
    employee: Employee,
    position: cp_model.IntVar,
    enforced: list[cp_model.IntVar],
    table: dict[tuple[int, str], int],
) -> None:
    """Hours band around a position size the model chooses (in tenths of a per cent), in
    thousandths of a minute so that every coefficient stays whole."""
    unit = ctx.unit
    rules = unit.rules_for(employee)
    full_minutes = round(rules.full_time_week_h * 60 * unit.weeks)
    slack = round(rules.hours_tolerance_h_per_week * 60 * unit.weeks * 1000)
    model = ctx.model
    plain = 1000 * plain_minutes(ctx, employee)
    if employee.rules.min_hours is not None or employee.rules.max_hours is not None:
        if employee.rules.min_hours is not None:
            least = round(employee.rules.min_hours * 60 * 1000)
            model.add(plain >= least).only_enforce_if(enforced)
        else:
            model.add(plain >= position * full_minutes - slack).only_enforce_if(enforced)
        if employee.rules.max_hours is not None:
            most = round(employee.rules.max_hours * 60 * 1000)
            model.add(plain <= most).only_enforce_if(enforced)
        else:
            model.add(plain <= position * full_minutes + slack).only_enforce_if(enforced)
        return
    low = position * full_minutes - slack
    high = position * full_minutes + slack
    _add_band(ctx, employee, table, low, high, 1000, enforced)


def rota_minutes(unit: Unit, rota: Rota, employee_id: str) -> int:
    return sum(
        unit.shift(code).worked_minutes
        for code in rota.assignments[employee_id]
        if code is not None
    )


@dataclass(frozen=True)
class Counted:
    """An employee's rota minutes, their credit in three-shift turnus, the minutes as they count
    against the position (times `scale`, a whole number as the model has it), and the full-time
    week that follows from them."""

    minutes: int
    credit: int
    scaled: int
    scale: int
    full_time_week_h: float

    @property
    def counted(self) -> float:
        return self.scaled / self.scale

    @property
    def three_shift(self) -> bool:
        return self.scale != 1


def counted(
    unit: Unit, rota: Rota, employee: Employee, table: dict[tuple[int, str], int] | None = None
) -> Counted:
    """How the employee's rota counts against the position (as the model counts it)."""
    rules = unit.rules_for(employee)
    row = rota.assignments[employee.id]
    minutes = rota_minutes(unit, rota, employee.id)
    rotating = rules.three_shift_credit and may_rotate(unit, employee) and rotates(unit, row)
    if not rotating:
        return Counted(minutes, 0, minutes, 1, rules.full_time_week_h)
    table = credits(unit) if table is None else table
    credit = sum(table[day, code] for day, code in enumerate(row) if code is not None)
    full, least = _weeks_in_tenths(rules)
    scaled = min(least * (minutes + credit), full * minutes)
    return Counted(
        minutes, credit, scaled, least, rules.full_time_week_h * minutes * least / scaled
    )


def minutes_outside(
    unit: Unit, rota: Rota, employee: Employee, table: dict[tuple[int, str], int] | None = None
) -> int:
    """How many minutes the employee's hours, as they count against the position, lie outside
    the band (0 inside it, and 0 for explicit least and most hours, which every search keeps)."""
    if employee.rules.min_hours is not None or employee.rules.max_hours is not None:
        return 0
    lowest, highest = whole_band(*unit.hours_bounds_minutes(employee))
    count = counted(unit, rota, employee, table)
    worked = count.counted if count.three_shift else count.minutes
    return max(0, math.ceil(lowest - worked - 1e-9), math.ceil(worked - highest - 1e-9))


def audit(unit: Unit, rota: Rota) -> list[Finding]:
    findings = []
    table = credits(unit) if unit.rules.three_shift_credit else {}
    for employee in unit.employees:
        status = employee.rules.three_shift
        row = rota.assignments[employee.id]
        if (
            table
            and status is not None
            and may_rotate(unit, employee)
            and rotates(unit, row) != status
        ):
            findings.append(_status_broken(employee, status))
        low, high = unit.hours_bounds_minutes(employee)
        explicit = employee.rules.min_hours is not None or employee.rules.max_hours is not None
        count = counted(unit, rota, employee, table)
        if explicit or not count.three_shift:
            count = Counted(count.minutes, 0, count.minutes, 1, count.full_time_week_h)
        lowest, highest = whole_band(low, high)
        if count.three_shift:
            # The model's arithmetic: both measures at least the band's floor, one at most its top.
            full, least = _weeks_in_tenths(unit.rules_for(employee))
            plain, credited = full * count.minutes, least * (count.minutes + count.credit)
            inside = (
                min(plain, credited) >= least * lowest and min(plain, credited) <= least * highest
            )
        else:
            inside = lowest <= count.minutes <= highest
        if inside:
            continue
        credit_nb = credit_en = ""
        if count.three_shift:
            credit_nb = (
                f" med tidskompensasjon for tredelt turnus ({hours(count.minutes / 60)} t"
                f" arbeidet, full uke {hours(count.full_time_week_h)} t)"
            )
            credit_en = (
                f" with the three-shift time credit ({hours(count.minutes / 60, 'en')} h"
                f" worked, full-time week {hours(count.full_time_week_h, 'en')} h)"
            )
        worked = count.counted / 60
        findings.append(
            Finding(
                RULE,
                REFERENCE,
                f"{employee.display_name} ({employee.position_pct:g} %) har {hours(worked)} t"
                f"{credit_nb}; tillatt er {hours(low / 60)}-{hours(high / 60)} t.",
                f"{employee.display_name} ({employee.position_pct:g} %) has"
                f" {hours(worked, 'en')} h{credit_en}; allowed is"
                f" {hours(low / 60, 'en')}-{hours(high / 60, 'en')} h.",
                employee.id,
            )
        )
    return findings


def _status_broken(employee: Employee, status: bool) -> Finding:
    """A person set to be in three-shift turnus (or not) whose rota says otherwise."""
    if status:
        nb = "er satt til tredelt turnus, men turnusen har ikke både netter og dag- eller kveldsvakter"
        en = "is set to three-shift turnus, but the rota does not hold both nights and other shifts"
    else:
        nb = "er satt til ikke å gå tredelt turnus, men turnusen har både netter og dag- eller kveldsvakter"
        en = (
            "is set not to work three-shift turnus, but the rota holds both nights and other shifts"
        )
    return Finding(
        RULE,
        "tredelt turnus (KS HTA kap. 1)",
        f"{employee.display_name} {nb}.",
        f"{employee.display_name} {en}.",
        employee.id,
    )


def outside_band(ctx: ModelContext, unit: Unit) -> cp_model.LinearExpr:
    """How far (thousandths of a minute, times the shortest week in tenths of an hour for
    those in three-shift turnus) the rota's hours as they count lie outside the hours band of
    `unit` (the same unit with its own, narrower band), summed over employees. Minimised to
    zero in a model built with a wider band, it repairs a rota found there into this band."""
    model = ctx.model
    table = credits(unit) if unit.rules.three_shift_credit else {}
    excess = []
    for employee in unit.employees:
        if employee.rules.min_hours is not None or employee.rules.max_hours is not None:
            continue
        rules = unit.rules_for(employee)
        minutes = 1000 * plain_minutes(ctx, employee)
        full_minutes = round(rules.full_time_week_h * 60 * unit.weeks)
        size = ctx.positions.get(employee.id)
        # position in tenths of a per cent x minutes at 100 % = thousandths of a minute
        contracted = (
            size * full_minutes
            if size is not None
            else round(employee.position_pct * 10) * full_minutes
        )
        slack = round(rules.hours_tolerance_h_per_week * 60 * unit.weeks * 1000)
        low, high = contracted - slack, contracted + slack
        rotation = _rotation(ctx, employee, table, unit)
        scale = 1 if rotation is None else rotation.least
        most = scale * 1_000 * 2 * 60 * 24 * unit.days
        over = model.new_int_var(0, most, f"outside_band[{employee.id}]")
        if rotation is None:
            model.add(over >= minutes - high)
            model.add(over >= low - minutes)
        else:
            # As the band itself (`_add_band`): the counted minutes are the lesser of the two.
            rotating, capped = rotation.rotating, rotation.capped
            full, least = rotation.full, rotation.least
            with_credit = least * (minutes + 1000 * rotation.credit)
            model.add(over >= least * (minutes - high)).only_enforce_if(~rotating)
            model.add(over >= least * (low - minutes)).only_enforce_if(~rotating)
            model.add(over >= least * low - with_credit).only_enforce_if(rotating)
            model.add(over >= least * low - full * minutes).only_enforce_if(rotating)
            model.add(over >= with_credit - least * high).only_enforce_if([rotating, ~capped])
            model.add(over >= full * minutes - least * high).only_enforce_if([rotating, capped])
        excess.append(over)
    return cp_model.LinearExpr.sum(excess)
