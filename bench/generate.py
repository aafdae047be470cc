"""Seeded generator of realistic Norwegian care units for the scaling series (issue 6).

    generate_unit(size=50, weeks=6, seed=0) -> Unit

A unit looks like the demo sykehjem ward scaled up: shifts D/A/N, competences SPL/HFA/ASS with
covers, positions mostly 50-100 % (a few small ones, a few night-only and day-only people), some in
unwanted part-time, North Sami speakers where the unit has language demand, wishes, a budget frame
and every rule family on. Demand is derived from the staff so that the capacity balance holds:
weekend heads just below what every-3rd-weekend staff can give (the weekend binds, DOMAIN.md),
contracted hours 3-8 % above demand hours, competence and language minimums within what the staff
can give on weekends.

The staff and demand depend on (size, seed) only, so the 6- and 12-week units of one size are the
same ward over a different rota length; wishes and unavailable days depend on the weeks too.
Same arguments, same unit: only `random.Random(int)` is used, never hash order.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

from models.capacity import capacity_balance
from models.unit import Unit

FULL_TIME_WEEK_H = 35.5
HOURS_TOLERANCE_H_PER_WEEK = 0.5
# Every rota length the series uses: a person's position must fit the hours band for each.
SERIES_WEEKS = (6, 12)

SHIFT_HOURS = {"D": 7.5, "A": 7.5, "N": 10.0}

# Position sizes of ordinary staff and how often each occurs: mostly 50-100 %, mean about 70 %
# (KS 2023: turnus staff average 71.5 %).
POSITIONS: tuple[tuple[float, int], ...] = (
    (100, 24),
    (80, 12),
    (75, 15),
    (70, 8),
    (60, 15),
    (50, 14),
    (40, 7),
    (30, 3),
    (20, 2),
)
# Night-only positions: whole nights (10 h) over 6 weeks, so the hours band can be met exactly.
NIGHT_POSITIONS = tuple(
    round(nights * 10 / (FULL_TIME_WEEK_H * 6) * 100, 1) for nights in (10, 12, 14)
)
# Share of weekend heads the staff can give that demand may take (the rest is slack).
WEEKEND_LOAD = 0.92
# Contracted hours over demand hours at minimum staffing.
HOURS_SURPLUS = 1.05

FIRST_NAMES = [
    "Kari",
    "Ingrid",
    "Anne",
    "Marit",
    "Liv",
    "Hilde",
    "Tone",
    "Randi",
    "Berit",
    "Silje",
    "Nora",
    "Emma",
    "Thea",
    "Ida",
    "Maria",
    "Sara",
    "Ane",
    "Ole",
    "Per",
    "Jonas",
    "Eirik",
    "Knut",
    "Lars",
    "Nils",
    "Anders",
    "Jon",
    "Magnus",
    "Henrik",
    "Ahmed",
    "Fatima",
    "Olena",
    "Piotr",
    "Grete",
]
SAMI_FIRST_NAMES = [
    "Elle",
    "Máret",
    "Inga",
    "Ánne",
    "Biret",
    "Áslat",
    "Nils",
    "Aslak",
    "Ovllá",
    "Mikkel",
    "Risten",
    "Sunná",
]
LAST_NAMES = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Johnsen",
    "Pettersen",
    "Eriksen",
    "Berg",
    "Haugen",
    "Hagen",
    "Bakken",
    "Strand",
    "Moen",
    "Solberg",
    "Dahl",
    "Lie",
    "Santos",
    "Hassan",
]
SAMI_LAST_NAMES = [
    "Eira",
    "Sara",
    "Gaup",
    "Anti",
    "Somby",
    "Hætta",
    "Buljo",
    "Utsi",
    "Balto",
    "Turi",
    "Mienna",
]


@dataclass(frozen=True)
class _Person:
    competence: str
    position_pct: float
    night_only: bool
    day_only: bool


def _fits_band(pct: float, shift_hours: float, band_weeks: tuple[int, ...] = SERIES_WEEKS) -> bool:
    """Whether whole shifts of `shift_hours` can meet the position's hours band for every rota
    length of `band_weeks` (only people restricted to one shift length need this)."""
    for weeks in band_weeks:
        target = pct / 100 * FULL_TIME_WEEK_H * weeks
        slack = HOURS_TOLERANCE_H_PER_WEEK * weeks
        low = math.ceil((target - slack) / shift_hours - 1e-9)
        if low * shift_hours > target + slack + 1e-9:
            return False
    return True


def _staff(
    size: int, rng: random.Random, band_weeks: tuple[int, ...] = SERIES_WEEKS
) -> list[_Person]:
    sizes = [pct for pct, _ in POSITIONS]
    weights = [weight for _, weight in POSITIONS]
    # Roughly one night worker in ten, none in the smallest units (too few to rotate nights).
    night_only = 0 if size < 20 else round(size * 0.08)
    day_only = round(size * 0.1)
    people = []
    # Fixed shares, shuffled: a third sykepleiere (at least three), a fifth assistants.
    spl = max(3, round(0.34 * size))
    assistants = round(0.18 * size)
    competences = ["SPL"] * spl + ["ASS"] * assistants + ["HFA"] * (size - spl - assistants)
    rng.shuffle(competences)
    for index in range(size):
        competence = competences[index]
        if index < night_only:
            pct = rng.choice(NIGHT_POSITIONS)
            competence = rng.choice(["SPL", "HFA"])
            people.append(_Person(competence, pct, True, False))
            continue
        is_day_only = night_only <= index < night_only + day_only
        while True:
            pct = float(rng.choices(sizes, weights=weights)[0])
            if not is_day_only or _fits_band(pct, SHIFT_HOURS["D"], band_weeks):
                break
        people.append(_Person(competence, pct, False, is_day_only))
    return people


def _spread(total: int, slots: int) -> list[int]:
    """`total` split over `slots` as evenly as possible, the larger parts first."""
    base, extra = divmod(total, slots)
    return [base + (1 if k < extra else 0) for k in range(slots)]


def generate_unit_data(
    size: int,
    weeks: int = 6,
    seed: int = 0,
    weekend_every: int = 3,
    band_weeks: tuple[int, ...] = SERIES_WEEKS,
) -> dict[str, Any]:
    """The unit as plain data (what a YAML file would hold): every `weekend_every`th weekend
    worked; day-only positions fit the hours band over each length of `band_weeks`."""
    if size < 6:
        raise ValueError("a generated unit needs at least 6 employees")
    rng = random.Random(seed * 100_003 + size)
    people = _staff(size, rng, band_weeks)
    contracted = sum(p.position_pct / 100 * FULL_TIME_WEEK_H for p in people)

    # Weekend: each person gives a 1/weekend_every head per weekend day.
    weekend_heads = max(3, math.floor(WEEKEND_LOAD * size / weekend_every))
    nights = max(1, round(0.2 * weekend_heads))
    # More on the day than the evening, but never an evening without anyone.
    day_d_weekend = min(weekend_heads - nights - 1, math.ceil(0.57 * (weekend_heads - nights)))
    day_a_weekend = weekend_heads - nights - day_d_weekend
    weekend_hours = 2 * (7.5 * (day_d_weekend + day_a_weekend) + 10 * nights)

    # Weekdays take the rest of the hours, in whole day/evening shifts spread over Monday-Friday.
    weekday_hours = contracted / HOURS_SURPLUS - weekend_hours - 5 * 10 * nights
    weekday_shifts = max(
        5 * (day_d_weekend + day_a_weekend), round(weekday_hours / SHIFT_HOURS["D"])
    )
    per_weekday = _spread(weekday_shifts, 5)
    d_weekday = [max(day_d_weekend, math.ceil(0.56 * n)) for n in per_weekday]
    a_weekday = [max(day_a_weekend, n - d) for n, d in zip(per_weekday, d_weekday, strict=True)]

    def competence_min(heads: int, shift: str) -> dict[str, int]:
        """A sykepleier on every shift (a fifth of the heads on big ones); half the heads able to
        fill a helsefagarbeider slot (the HFA figure counts SPL too, who cover HFA)."""
        spl = max(1, round(0.2 * heads)) if shift != "A" or heads >= 3 else 1
        hfa = max(0, round(0.5 * heads) - spl)
        return {"SPL": spl, "HFA": spl + hfa} if hfa else {"SPL": spl}

    weekend_rows = {"D": day_d_weekend, "A": day_a_weekend, "N": nights}
    speakers_needed = 0
    language = size >= 25
    se_d = 2 if size >= 100 else 1
    if language:
        speakers_needed = math.ceil((se_d + 1) * 3 / 0.8) + 1
    demand: list[dict[str, Any]] = []

    def row(shift: str, weekdays: list[int], heads: int, mins: dict[str, int]) -> None:
        entry: dict[str, Any] = {"shift": shift, "weekdays": weekdays, "min": heads}
        kept = {c: n for c, n in mins.items() if n > 0}
        if kept:
            entry["competence_min"] = kept
        if language and shift in ("D", "A"):
            entry["language_min"] = {"se": se_d if shift == "D" else 1}
        demand.append(entry)

    for shift, per_day in (("D", d_weekday), ("A", a_weekday)):
        for heads in sorted(set(per_day), reverse=True):
            days = [k for k, n in enumerate(per_day) if n == heads]
            row(shift, days, heads, competence_min(heads, shift))
        row(shift, [5, 6], weekend_rows[shift], competence_min(weekend_rows[shift], shift))
    row("N", [0, 1, 2, 3, 4, 5, 6], nights, competence_min(nights, "N"))

    # People: ids, names, languages, wishes. Speakers are day/evening staff (the demand is there).
    speakers = set()
    candidates = [k for k, p in enumerate(people) if not p.night_only]
    if language:
        speakers = set(rng.sample(candidates, min(len(candidates), speakers_needed)))
    wish_rng = random.Random(seed * 100_003 + size * 101 + weeks)
    rota_days = 7 * weeks
    employees = []
    for index, person in enumerate(people):
        sami = index in speakers
        first = rng.choice(SAMI_FIRST_NAMES if sami else FIRST_NAMES)
        last = rng.choice(SAMI_LAST_NAMES if sami else LAST_NAMES)
        employee: dict[str, Any] = {
            "id": f"e{index + 1:03d}",
            "name": f"{first} {last}",
            "competence": person.competence,
            "position_pct": person.position_pct,
        }
        if person.night_only:
            employee["allowed_shifts"] = ["N"]
        elif person.day_only:
            employee["allowed_shifts"] = ["D", "A"]
        if sami:
            employee["languages"] = ["se"]
        if person.position_pct < 100 and rng.random() < 0.3:
            employee["desired_pct"] = min(100.0, person.position_pct + rng.choice([10, 20, 25]))
        if index == size - 1 and size >= 20:
            employee["vacant"] = True
            employee["name"] = f"Vakant {person.competence}"
        elif wish_rng.random() < 0.3:
            employee["wishes"] = [
                {
                    "day": wish_rng.randrange(rota_days),
                    "kind": "off",
                    "weight": wish_rng.randint(1, 5),
                }
            ]
        if not person.night_only and wish_rng.random() < 0.05:
            # Two weekdays away (a course, say); weekends are left to the weekend plan.
            week = wish_rng.randrange(weeks)
            employee["unavailable_days"] = [7 * week + 1, 7 * week + 2]
        employees.append(employee)

    fte = sum(p.position_pct for p in people) / 100
    data = {
        "name": f"Generert enhet {size} ansatte (seed {seed})",
        "municipality": "Tromsø",
        "service": "sykehjem",
        "weeks": weeks,
        "shift_types": [
            {"code": "D", "name": "Dagvakt", "start": "07:30", "end": "15:00"},
            {"code": "A", "name": "Aftenvakt", "start": "14:30", "end": "22:00"},
            {"code": "N", "name": "Nattevakt", "start": "21:45", "end": "07:45"},
        ],
        "competences": [
            {"code": "SPL", "name": "Sykepleier", "covers": ["HFA"]},
            {"code": "HFA", "name": "Helsefagarbeider", "covers": ["ASS"]},
            {"code": "ASS", "name": "Assistent"},
        ],
        "employees": employees,
        "demand": demand,
        # Every rule family on with the DOMAIN.md defaults; two quick returns (kvikkvakter) of at
        # least 9 h by local agreement, so that rule family is in play too.
        "rules": {
            "max_quick_returns": 2,
            "quick_return_min_rest_h": 9,
            **({} if weekend_every == 3 else {"weekend_every": weekend_every}),
        },
        "budget": {
            "budget_frame_nok": round(fte * 880_000, -5),
            "fte_frame": math.ceil(fte * 2) / 2 + 0.5,
            "pay_per_competence": {"SPL": 560_000, "HFA": 480_000, "ASS": 410_000},
            "employer_tax_zone": "IVa",
            "sick_leave_cover_pct": 8.0,
            "vacation_cover_pct": 10.2,
        },
    }
    fit_competence_minimums(data)
    return data


# How much of what the staff can give the competence minimums may take: hours, weekend heads.
COMPETENCE_HOURS_LOAD = 0.85
# Which minimums give way first when the staff cannot meet them: evening, night, then day.
GIVE_WAY = {"A": 0, "N": 1, "D": 2}


def fit_competence_minimums(data: dict[str, Any]) -> None:
    """Lower competence minimums, one at a time, until the capacity balance holds with slack
    (a small unit has too few sykepleiere for one on every shift, so it has one on the day)."""
    while True:
        balance = capacity_balance(Unit.model_validate(data))
        short = [
            (line.key, False)
            for line in balance.competences
            if line.needed > COMPETENCE_HOURS_LOAD * line.available
        ] + [
            (line.key, True)
            for line in balance.weekend[1:]
            if line.needed > WEEKEND_LOAD * line.available
        ]
        if not short:
            return
        code, weekend = short[0]
        rows = [
            r
            for r in data["demand"]
            if r.get("competence_min", {}).get(code, 0) > 0 and (not weekend or 5 in r["weekdays"])
        ]
        if not rows:
            return
        # The busiest row of the shift that gives way first.
        chosen = min(rows, key=lambda r: (GIVE_WAY.get(r["shift"], 0), -r["competence_min"][code]))
        chosen["competence_min"][code] -= 1
        if chosen["competence_min"][code] == 0:
            del chosen["competence_min"][code]
        if not chosen["competence_min"]:
            del chosen["competence_min"]


def generate_unit(size: int, weeks: int = 6, seed: int = 0) -> Unit:
    """A validated unit of `size` employees over `weeks` weeks; the same arguments give the same
    unit."""
    return Unit.model_validate(generate_unit_data(size, weeks, seed))


def describe(unit: Unit) -> str:
    """One line on the unit's size and capacity balance."""
    balance = capacity_balance(unit)
    weekend = balance.weekend[0]
    return (
        f"{balance.staff} staff, {balance.fte:.1f} FTE, contracted {balance.contracted_hours_per_week:.0f}"
        f" h/week vs demand {balance.demand_min_hours_per_week:.0f}; weekend heads"
        f" {weekend.needed:g} of {weekend.available:.1f}"
    )
