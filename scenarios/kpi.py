"""The figures a budget planner, HR adviser and unit leader compare scenarios by."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from models.clock import MINUTES_PER_DAY
from models.rota import Rota
from models.unit import Unit
from rota.cost import CostBreakdown
from rota.findings import Finding, FindingKind
from rota.result import Result, Status

FULL_TIME_PCT = 100.0


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

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def heltid(unit: Unit) -> tuple[int, float, float, float, int, float]:
    """(full-time heads, share of heads, share of FTE, average position %, heads in unwanted
    part-time, FTE they want more of). KS counts full-time as positions summing to >= 100 %."""
    people = unit.employees
    if not people:
        return 0, 0.0, 0.0, 0.0, 0, 0.0
    full = [e for e in people if e.position_pct >= FULL_TIME_PCT]
    fte = sum(e.fte for e in people)
    unwanted = [e for e in people if e.wants_more]
    return (
        len(full),
        len(full) / len(people),
        (sum(e.fte for e in full) / fte) if fte else 0.0,
        sum(e.position_pct for e in people) / len(people),
        len(unwanted),
        sum(((e.desired_pct or 0) - e.position_pct) / 100 for e in unwanted),
    )


def _gap_hours(unit: Unit, rota: Rota) -> tuple[float, dict[str, float], dict[str, float]]:
    """Shift-hours a week below minimum cover, in total and by missing competence and language."""
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
    return total, by_competence, by_language


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
) -> ScenarioKpis:
    """The comparison row of one solved scenario (a scenario without a rota gets its staffing and
    heltid figures and empty cover and cost figures)."""
    full, share_heads, share_fte, average, unwanted, unwanted_fte = heltid(unit)
    fte = sum(e.fte for e in unit.employees)
    if result.rota is not None:
        gap_total, gap_competence, gap_language = _gap_hours(unit, result.rota)
        quick = _quick_returns(unit, result.rota)
        weekends = _weekends_per_head(unit, result.rota)
    else:
        gap_total, gap_competence, gap_language, quick, weekends = 0.0, {}, {}, 0, 0.0
    annual = breakdown.total if breakdown else 0.0
    frame = unit.budget.budget_frame_nok
    difference = annual - frame if frame is not None and breakdown else None
    return ScenarioKpis(
        name=name,
        status=result.status,
        objective=result.objective,
        optimality_gap=result.gap,
        cover_gap_hours_per_week=gap_total,
        cover_gap_by_competence=gap_competence,
        cover_gap_by_language=gap_language,
        heads=len(unit.employees),
        fte_used=fte,
        fte_frame=unit.budget.fte_frame,
        fulltime_heads=full,
        fulltime_share_heads=share_heads,
        fulltime_share_fte=share_fte,
        average_position_pct=average,
        unwanted_parttime_heads=unwanted,
        unwanted_parttime_fte=unwanted_fte,
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
    )
