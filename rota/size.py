"""Whether a unit's model fits in memory and its time limit, told before it is built.

CP-SAT's memory grows with the shift variables (staff x days x shift types): the model, its
presolved copy and each worker's copy of it. A unit far past what fits would run for minutes and
end in an allocation failure; it is refused in words before anything is built, with what would
fit. The figure per variable is above every one measured on the generated units, whose peak also
grows with the time searched (bench/README.md).
"""

from __future__ import annotations

import math

from models.numbers import number
from models.problems import InputError, error
from models.unit import Unit
from rota.params import SolveParams

# Memory for the solve, at most: below the machine class's 8 GB promise with room to spare.
MEMORY_CAP_MIB = 6_000
# Peak resident memory of a solve: a fixed part and a part per shift variable.
BASE_MIB = 400.0
MIB_PER_SHIFT_VARIABLE = 0.03
# Seconds to build the whole model, per shift variable: above every build measured
# (bench/README.md). A solve builds it at least twice (to price a first rota and to search).
BUILD_S_PER_SHIFT_VARIABLE = 0.0001
BUILDS_PER_SOLVE = 2


def shift_variables(unit: Unit) -> int:
    """One per person, day and shift type: the model's decisions."""
    return len(unit.employees) * unit.days * len(unit.shift_types)


def estimated_peak_mib(unit: Unit) -> float:
    """The solve's peak memory, estimated from the shift variables."""
    return BASE_MIB + MIB_PER_SHIFT_VARIABLE * shift_variables(unit)


def most_shift_variables(cap_mib: float | None = None) -> int:
    """The most shift variables whose solve fits in `cap_mib` (by default MEMORY_CAP_MIB)."""
    cap_mib = MEMORY_CAP_MIB if cap_mib is None else cap_mib
    return int((cap_mib - BASE_MIB) / MIB_PER_SHIFT_VARIABLE)


def check_fits(unit: Unit, cap_mib: float | None = None) -> None:
    """Raise an InputError, in words, when the unit's model would not fit in `cap_mib`
    (by default MEMORY_CAP_MIB)."""
    cap_mib = MEMORY_CAP_MIB if cap_mib is None else cap_mib
    needed = estimated_peak_mib(unit)
    if needed <= cap_mib:
        return
    staff, days, shifts = len(unit.employees), unit.days, len(unit.shift_types)
    most = most_shift_variables(cap_mib)
    fits_staff = most // max(1, days * shifts)
    gib, cap_gib = needed / 1024, cap_mib / 1024
    raise InputError(
        [
            error(
                f"Enheten «{unit.name}» er for stor til å lage turnus for på denne maskinen:"
                f" {staff} ansatte × {days} dager × {shifts} vakttyper ="
                f" {number(staff * days * shifts, decimals=0)} vaktvalg, som trenger om lag {number(gib)} GB minne"
                f" (grensen er {number(cap_gib)} GB). Med {days} dager og {shifts} vakttyper får"
                f" høyst {number(fits_staff, decimals=0)} ansatte plass. Del enheten i mindre turnusgrupper,"
                " eller lag turnus for færre uker om gangen.",
                f"The unit '{unit.name}' is too large to plan on this machine: {staff} staff ×"
                f" {days} days × {shifts} shift types = {staff * days * shifts:,} shift choices,"
                f" which need about {gib:.1f} GB of memory (the limit is {cap_gib:.1f} GB). With"
                f" {days} days and {shifts} shift types at most {fits_staff:,} staff fit. Split"
                " the unit into smaller rota groups, or plan fewer weeks at a time.",
                code="too_large",
            )
        ]
    )


def build_seconds(unit: Unit) -> float:
    """About how long building the unit's whole model takes, at most."""
    return BUILD_S_PER_SHIFT_VARIABLE * shift_variables(unit)


def least_time_limit_s(unit: Unit) -> float:
    """The shortest time limit (seconds) in which a solve of the unit can keep its promise: the
    whole model's builds alone take about this long."""
    return BUILDS_PER_SOLVE * build_seconds(unit)


def check_time(unit: Unit, params: SolveParams) -> None:
    """Raise an InputError, in words, when a solve on the clock could not end within its time
    limit (plus the margin the README promises) because building the unit's model alone takes
    longer. Deterministic mode counts work, not seconds: its wall time has its own cap."""
    least = least_time_limit_s(unit)
    if params.deterministic or params.time_limit_s >= least:
        return
    staff, days, shifts = len(unit.employees), unit.days, len(unit.shift_types)
    asked, needed = params.time_limit_s, math.ceil(least)
    raise InputError(
        [
            error(
                f"Tidsgrensen {number(asked, decimals=0)} s er for kort for enheten «{unit.name}»:"
                f" {staff} ansatte × {days} dager × {shifts} vakttyper tar om lag"
                f" {number(least, decimals=0)} s bare å bygge modellen for. Bruk minst"
                f" {needed} s (--time-limit {needed}).",
                f"The time limit of {asked:g} s is too short for the unit '{unit.name}': {staff}"
                f" staff × {days} days × {shifts} shift types take about {least:.0f} s just to"
                f" build the model. Use at least {needed} s (--time-limit {needed}).",
                code="time_limit_too_short",
            )
        ]
    )
