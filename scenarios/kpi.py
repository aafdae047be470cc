"""The figures a budget planner, HR adviser and unit leader compare scenarios by."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from models.clock import MINUTES_PER_DAY
from models.heltid import Heltid, heltid
from models.rota import Rota
from models.unit import Unit
from rota.bound import GapBound
from rota.cost import CostBreakdown
from rota.findings import Finding, FindingKind
from rota.result import Result, Status

# Gap hours a week below which two figures are the same (minutes rounded over the weeks).
SAME_GAP_H = 0.05


@dataclass(frozen=True)
class ScenarioKpis:
    """One row of the comparison. Hours are shift-hours per week; money is NOK per year."""

    name: str
    status: Status
    objective: float | None
    optimality_gap: float | None
    cover_gap_hours_per_week: float
    cover_gap_by_competence: dict[str, float]
    cover_gap_by_language: dict[str, float]
    # Every gap (heads, competence, language) in shift-hours a week, and the least of them no
    # rota can avoid (None: not computed, as when nothing is missing or there is no rota).
    gap_hours_per_week: float
    unavoidable_gap_hours_per_week: float | None
    settled: bool
    start: str
    heads: int
    fte_used: float
    fte_frame: float | None
    fulltime_heads: int
    fulltime_share_heads: float
    fulltime_share_fte: float
    average_position_pct: float
    unwanted_parttime_heads: int
    unwanted_parttime_fte: float
    annual_cost: float
    cost_by_kind: dict[str, float]
    budget_frame: float | None
    budget_difference: float | None
    budget_difference_pct: float | None
    quick_returns: int
    weekends_per_head: float
    breaches: int
    gaps: int
    notes: list[str] = field(default_factory=list)
    heltid: Heltid | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["heltid"] = self.heltid.as_dict() if self.heltid is not None else None
        return data


@dataclass(frozen=True)
class GapHours:
    """Shift-hours a week short of the staffing plan: heads below minimum, and missing competence
    and language by code. `total` adds them up, as the lower bound on gaps counts them."""

    cover: float
    by_competence: dict[str, float]
    by_language: dict[str, float]

    @property
    def total(self) -> float:
        return self.cover + sum(self.by_competence.values()) + sum(self.by_language.values())


def gap_hours(unit: Unit, rota: Rota) -> GapHours:
    """Shift-hours a week below minimum cover, and by missing competence and language."""
    total = 0.0
    by_competence: dict[str, float] = {}
    by_language: dict[str, float] = {}
    for day, row in unit.demand_cells():
        hours = unit.shift(row.shift).worked_minutes / 60 / unit.weeks
        working = [e for e in unit.employees if rota.shift_on(e.id, day) == row.shift]
        total += max(0, row.min - len(working)) * hours
        for code, needed in row.competence_min.items():
            able = sum(1 for e in working if unit.can_fill(e.competence, code))
            if able < needed:
                by_competence[code] = by_competence.get(code, 0.0) + (needed - able) * hours
        for language, needed in row.language_min.items():
            speakers = sum(1 for e in working if language in e.languages)
            if speakers < needed:
                by_language[language] = by_language.get(language, 0.0) + (needed - speakers) * hours
    return GapHours(total, by_competence, by_language)


def _quick_returns(unit: Unit, rota: Rota) -> int:
    """Rests between two shifts shorter than the daily rest (allowed only as agreed)."""
    count = 0
    required = unit.rules.daily_rest_h * 60
    for employee in unit.employees:
        row = rota.assignments[employee.id]
        for day in range(unit.days):
            nxt = day + 1
            if nxt >= unit.days:
                if not unit.rules.cyclic:
                    continue
                nxt %= unit.days
            first, second = row[day], row[nxt]
            if first is None or second is None:
                continue
            rest = MINUTES_PER_DAY + unit.shift(second).start_minute - unit.shift(first).end_minute
            if rest < required:
                count += 1
    return count


def _weekends_per_head(unit: Unit, rota: Rota) -> float:
    if not unit.employees:
        return 0.0
    worked = 0
    for employee in unit.employees:
        row = rota.assignments[employee.id]
        worked += sum(
            1 for week in range(unit.weeks) if row[7 * week + 5] is not None or row[7 * week + 6]
        )
    return worked / len(unit.employees)


def kpis(
    name: str,
    unit: Unit,
    result: Result,
    findings: list[Finding],
    breakdown: CostBreakdown | None,
    bound: GapBound | None = None,
    start: str = "own",
) -> ScenarioKpis:
    """The comparison row of one solved scenario (a scenario without a rota gets its staffing and
    heltid figures and empty cover and cost figures, and is never settled). Settled: the gaps
    found are the fewest possible (none, or as many as the bound says no rota can avoid)."""
    positions = heltid(unit)
    total = positions.total
    gaps = GapHours(0.0, {}, {})
    quick, weekends, settled = 0, 0.0, False
    unavoidable = None if bound is None else bound.unavoidable_hours_per_week
    if result.rota is not None:
        gaps = gap_hours(unit, result.rota)
        quick = _quick_returns(unit, result.rota)
        weekends = _weekends_per_head(unit, result.rota)
        if gaps.total < SAME_GAP_H:
            unavoidable = 0.0
        settled = unavoidable is not None and gaps.total - unavoidable < SAME_GAP_H
    annual = breakdown.total if breakdown else 0.0
    frame = unit.budget.budget_frame_nok
    difference = annual - frame if frame is not None and breakdown else None
    return ScenarioKpis(
        name=name,
        status=result.status,
        objective=result.objective,
        optimality_gap=result.gap,
        cover_gap_hours_per_week=gaps.cover,
        cover_gap_by_competence=gaps.by_competence,
        cover_gap_by_language=gaps.by_language,
        gap_hours_per_week=gaps.total,
        unavoidable_gap_hours_per_week=unavoidable,
        settled=settled,
        start=start,
        heads=total.heads,
        fte_used=total.fte,
        fte_frame=unit.budget.fte_frame,
        fulltime_heads=total.fulltime_heads,
        fulltime_share_heads=total.share_heads,
        fulltime_share_fte=total.share_fte,
        average_position_pct=total.average_position_pct,
        unwanted_parttime_heads=total.unwanted_parttime_heads,
        unwanted_parttime_fte=total.unwanted_parttime_fte,
        annual_cost=annual,
        cost_by_kind={str(k): v for k, v in breakdown.by_kind().items()} if breakdown else {},
        budget_frame=frame,
        budget_difference=difference,
        budget_difference_pct=(difference / frame * 100)
        if difference is not None and frame
        else None,
        quick_returns=quick,
        weekends_per_head=weekends,
        breaches=sum(1 for f in findings if f.kind is FindingKind.BREACH),
        gaps=sum(1 for f in findings if f.kind is FindingKind.GAP),
        notes=[str(line) for line in result.explanation],
        heltid=positions,
    )
