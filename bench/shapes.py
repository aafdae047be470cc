"""Unit shapes besides the scaled-up sykehjem ward, for the scaling series (issue 21).

    shape_unit(Shape("langvakt", 70, 8), seed=0) -> Unit

Each shape starts from the generated ward (`bench.generate`) of its size, rota length and weekend
frequency and changes what makes it another kind of unit: weekend long days (langvakt), five
shift types, home care with evening-to-day quick returns and Lule Sami besides North Sami, a
vernepleier competence. Then the weekday demand is lowered, one shift at a time, until the staff's
contracted hours are again HOURS_SURPLUS above it, and the competence minimums until the staff can
give them: the capacity balance holds for every shape (`unit_warnings` is empty), so whatever
gaps a rota has are the search's, not the unit's. The engine never sees these shapes while it is
tuned: they are what the series checks it on.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.generate import HOURS_SURPLUS, fit_competence_minimums, generate_unit_data
from models.capacity import capacity_balance
from models.unit import Unit

Data = dict[str, Any]
WEEKEND = [5, 6]
WEEKDAYS = [0, 1, 2, 3, 4]
# How far above HOURS_SURPLUS the contracted hours may stay before heads are put on.
REBALANCE_SLACK = 0.03


@dataclass(frozen=True)
class Shape:
    """A kind of unit at one size and rota length."""

    kind: str
    size: int
    weeks: int

    @property
    def label(self) -> str:
        return f"{self.kind} {self.size} x {self.weeks}"


def _rows(data: Data, shift: str, weekend: bool) -> list[dict[str, Any]]:
    """The demand rows of a shift on weekdays or on the weekend."""
    return [
        row for row in data["demand"] if row["shift"] == shift and (5 in row["weekdays"]) == weekend
    ]


def _langvakt(data: Data, rng: random.Random) -> None:
    """Weekend days worked as long days 08:00-20:00 in place of the day shift (the demo's
    «Langvakter» scenario), every 2nd weekend."""
    data["shift_types"].append({"code": "L", "name": "Langvakt", "start": "08:00", "end": "20:00"})
    for row in _rows(data, "D", weekend=True):
        row["shift"] = "L"


def _five_shifts(data: Data, rng: random.Random) -> None:
    """A middle shift M 10:00-17:30 takes a day-shift head on weekdays, and a short evening K
    17:00-21:00 adds one on every day: five shift types."""
    data["shift_types"] += [
        {"code": "M", "name": "Mellomvakt", "start": "10:00", "end": "17:30"},
        {"code": "K", "name": "Kortvakt kveld", "start": "17:00", "end": "21:00"},
    ]
    for row in _rows(data, "D", weekend=False):
        if row["min"] > 2:
            data["demand"].append({"shift": "M", "weekdays": list(row["weekdays"]), "min": 1})
            row["min"] -= 1
    data["demand"].append({"shift": "K", "weekdays": WEEKDAYS + WEEKEND, "min": 1})


def _home_care(data: Data, rng: random.Random) -> None:
    """Home care: day 07:30-15:00 and evening 15:00-22:30, no nights (the night staff belong to
    another unit), so an evening then a day leaves 9 h, allowed up to six times in a rota by
    local agreement; Lule Sami (smj) speakers wanted on the day besides North Sami."""
    data["service"] = "hjemmetjeneste"
    for shift in data["shift_types"]:
        if shift["code"] == "A":
            shift["start"], shift["end"] = "15:00", "22:30"
    data["shift_types"] = [s for s in data["shift_types"] if s["code"] != "N"]
    nights = max((row["min"] for row in data["demand"] if row["shift"] == "N"), default=0)
    data["demand"] = [row for row in data["demand"] if row["shift"] != "N"]
    # The night heads' hours go to the day and evening, weekends included (more visits then).
    for weekend in (False, True):
        for shift, extra in (("D", math.ceil(nights / 2)), ("A", nights // 2)):
            for row in _rows(data, shift, weekend):
                row["min"] += extra
    for employee in data["employees"]:
        if employee.get("allowed_shifts") == ["N"]:
            del employee["allowed_shifts"]
    data["rules"].update({"max_quick_returns": 6, "quick_return_min_rest_h": 9})
    _add_speakers(data, "smj", rng)
    for row in _rows(data, "D", weekend=False) + _rows(data, "D", weekend=True):
        row.setdefault("language_min", {})["smj"] = 1


def _vernepleier(data: Data, rng: random.Random) -> None:
    """Habilitering: a third of the sykepleiere are vernepleiere (VPL, who fill a
    helsefagarbeider's place too), and a vernepleier is wanted on every day and evening shift."""
    data["service"] = "habilitering"
    data["competences"].insert(1, {"code": "VPL", "name": "Vernepleier", "covers": ["HFA"]})
    nurses = [e for e in data["employees"] if e["competence"] == "SPL"]
    for employee in rng.sample(nurses, len(nurses) // 3):
        employee["competence"] = "VPL"
    for shift in ("D", "A"):
        for row in _rows(data, shift, weekend=False) + _rows(data, shift, weekend=True):
            row.setdefault("competence_min", {})["VPL"] = 1


def _add_speakers(data: Data, language: str, rng: random.Random) -> None:
    """Enough speakers of `language` for one on every day shift: a weekend day needs three
    (every 3rd weekend), and a few more for the weekdays."""
    workers = [e for e in data["employees"] if e.get("allowed_shifts") != ["N"]]
    every = data["rules"].get("weekend_every", 3)
    for employee in rng.sample(workers, min(len(workers), math.ceil(every / 0.8) + 2)):
        employee["languages"] = [*employee.get("languages", []), language]


TRANSFORMS: dict[str, tuple[int, Callable[[Data, random.Random], None] | None]] = {
    # kind: (weekend frequency, change)
    "sykehjem": (3, None),
    "sykehjem-hver-2": (2, None),
    "langvakt": (2, _langvakt),
    "fem-vakter": (3, _five_shifts),
    "hjemmetjeneste": (3, _home_care),
    "habilitering": (2, _vernepleier),
}

# The shapes of the series: every one reported, whatever it shows.
SERIES: tuple[Shape, ...] = (
    Shape("sykehjem", 120, 12),
    Shape("sykehjem-hver-2", 200, 8),
    Shape("langvakt", 70, 8),
    Shape("fem-vakter", 100, 9),
    Shape("hjemmetjeneste", 80, 9),
    Shape("habilitering", 70, 12),
)


def _demand_hours(data: Data) -> float:
    return capacity_balance(Unit.model_validate(data)).demand_min_hours_per_week


def _rebalance(data: Data) -> None:
    """Weekday heads taken off (the fullest day-or-evening row first) or put on (the emptiest),
    until the staff's contracted hours are HOURS_SURPLUS above the demand again, within
    REBALANCE_SLACK."""
    balance = capacity_balance(Unit.model_validate(data))
    contracted = balance.contracted_hours_per_week
    rows = [
        row for row in data["demand"] if 5 not in row["weekdays"] and row["shift"] in ("D", "A")
    ]
    while _demand_hours(data) * HOURS_SURPLUS * (1 + REBALANCE_SLACK) < contracted:
        min(rows, key=lambda row: row["min"])["min"] += 1
    while _demand_hours(data) * HOURS_SURPLUS > contracted:
        fuller = [row for row in rows if row["min"] > 2]
        if not fuller:
            return
        fullest = max(fuller, key=lambda row: row["min"])
        fullest["min"] -= 1
        _fit_row(fullest)


def _fit_row(row: dict[str, Any]) -> None:
    """The row's competence minimums trimmed, the largest first, until together they are no
    more than its heads (as a demand row must be), and each language minimum too."""
    competences = row.get("competence_min", {})
    while sum(competences.values()) > row["min"]:
        largest = max(competences, key=lambda code: competences[code])
        competences[largest] -= 1
    for field in ("competence_min", "language_min"):
        kept = {code: min(n, row["min"]) for code, n in row.get(field, {}).items() if n > 0}
        if kept:
            row[field] = kept
        else:
            row.pop(field, None)


def shape_unit_data(shape: Shape, seed: int = 0) -> Data:
    """The shape as plain data (what a YAML file would hold)."""
    every, change = TRANSFORMS[shape.kind]
    data = generate_unit_data(
        shape.size, shape.weeks, seed, weekend_every=every, band_weeks=(shape.weeks,)
    )
    data["name"] = f"Generert {shape.kind}, {shape.size} ansatte, {shape.weeks} uker (seed {seed})"
    if change is not None:
        change(data, random.Random(seed * 7_919 + shape.size))
        for row in data["demand"]:
            _fit_row(row)
    _rebalance(data)
    fit_competence_minimums(data)
    return data


def shape_unit(shape: Shape, seed: int = 0) -> Unit:
    """A validated unit of the shape; the same arguments give the same unit."""
    return Unit.model_validate(shape_unit_data(shape, seed))
