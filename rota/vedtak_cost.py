"""The last step of the vedtak chain: the årsverk their shifts take, in kroner a year.

Each shift line of `models.vedtak_demand` is priced as the unit prices a person who works it
(`rota.cost.linear_cost`: pay loaded with holiday pay, pension, employer tax and absence cover,
and the evening, night, weekend and holiday allowances of that shift on that weekday): the heads a
competence minimum asks for at that competence's pay, the other heads at the lowest pay in the
unit's pay table. A budget planner can redo it: årsverk × loaded pay, plus the allowances.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from models.employee import Employee
from models.problems import InputError, error
from models.unit import Unit
from models.vedtak_demand import Derivation, ShiftLine
from rota.cost import linear_cost


@dataclass(frozen=True)
class CompetenceCost:
    """The årsverk of one competence and what they cost a year."""

    competence: str
    fte: float
    pay_nok: float  # loaded pay of those årsverk
    allowances_nok: float  # loaded allowances of the shifts they work

    @property
    def total_nok(self) -> float:
        return self.pay_nok + self.allowances_nok


@dataclass(frozen=True)
class VedtakCost:
    """Kroner a year of a derivation's shifts, by competence."""

    lines: list[CompetenceCost]

    @property
    def fte(self) -> float:
        return sum(line.fte for line in self.lines)

    @property
    def total_nok(self) -> float:
        return sum(line.total_nok for line in self.lines)

    @property
    def per_fte_nok(self) -> float:
        return self.total_nok / self.fte if self.fte else 0.0


def base_competence(unit: Unit) -> str:
    """The competence of the heads no minimum names: the unit's lowest-paid."""
    paid = [
        (pay, c.code)
        for c in unit.competences
        if (pay := unit.budget.pay_per_competence.get(c.code))
    ]
    if not paid:
        raise InputError(
            [
                error(
                    "Budsjettet har ingen lønn per kompetanse, så vedtakene kan ikke prises.",
                    "The budget has no pay per competence, so the vedtak cannot be priced.",
                    ("budget", "pay_per_competence"),
                    code="no_pay",
                )
            ]
        )
    return min(paid)[1]


def _heads_by_competence(line: ShiftLine, base: str) -> dict[str, int]:
    heads = dict(line.competence_min)
    rest = line.heads - sum(heads.values())
    if rest > 0:
        heads[base] = heads.get(base, 0) + rest
    return heads


def price(unit: Unit, derivation: Derivation) -> VedtakCost:
    """What the derivation's shifts cost a year, priced as the unit prices its staff."""
    base = base_competence(unit)
    competences = sorted({base} | {c for line in derivation.shifts for c in line.competence_min})
    # One stand-in at 100 % per competence: the linear cost prices them on the unit's days.
    stand_ins = tuple(
        Employee(id=f"_{code}", name=code, competence=code, position_pct=100)
        for code in competences
    )
    priced_unit = unit.model_copy(update={"employees": stand_ins, "vedtak": None})
    linear = linear_cost(priced_unit)
    fte: dict[str, float] = defaultdict(float)
    allowances: dict[str, float] = defaultdict(float)
    for line in derivation.shifts:
        for code, heads in _heads_by_competence(line, base).items():
            fte[code] += heads * line.worked_hours / derivation.full_time_week_h
            days = range(line.weekday, priced_unit.days, 7)
            yearly = sum(linear.per_shift.get((f"_{code}", day, line.shift), 0.0) for day in days)
            allowances[code] += heads * yearly
    return VedtakCost(
        [
            CompetenceCost(
                code,
                fte[code],
                fte[code] * 100 * linear.per_position_pct[f"_{code}"],
                allowances[code],
            )
            for code in competences
            if fte[code]
        ]
    )
