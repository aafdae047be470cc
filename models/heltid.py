"""Full-time share (heltidsandel) of a unit's positions, the way KS counts it.

An employee is full-time when the sum of their positions is at least 100 % (KS). Vacant positions
count as positions (they are in the staffing plan and will be filled at that size); a position of
0 % is no position. Everything is given for the unit and for each competence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from models.employee import Employee
from models.unit import Unit

FULL_TIME_PCT = 100.0

# Position bands as HR reports them: (key, lowest %, label nb, label en); each runs up to the next.
BANDS: tuple[tuple[str, float, str, str], ...] = (
    ("under_50", 0.0, "Under 50 %", "Below 50 %"),
    ("50_79", 50.0, "50–79 %", "50–79 %"),
    ("80_99", 80.0, "80–99 %", "80–99 %"),
    ("100", FULL_TIME_PCT, "100 %", "100 %"),
)


def band_of(position_pct: float) -> str:
    """The band key of a position size."""
    key = BANDS[0][0]
    for name, lowest, _, _ in BANDS:
        if position_pct >= lowest:
            key = name
    return key


@dataclass(frozen=True)
class HeltidFigures:
    """The full-time figures of a group of positions."""

    heads: int
    vacant: int
    fulltime_heads: int
    fte: float
    fulltime_fte: float
    average_position_pct: float
    bands: dict[str, int]
    unwanted_parttime_heads: int
    unwanted_parttime_fte: float

    @property
    def share_heads(self) -> float:
        """Heltidsandel by heads: full-time positions over all positions."""
        return self.fulltime_heads / self.heads if self.heads else 0.0

    @property
    def share_fte(self) -> float:
        """Heltidsandel by FTE: the årsverk held in full-time positions over all årsverk."""
        return self.fulltime_fte / self.fte if self.fte else 0.0

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["share_heads"] = self.share_heads
        data["share_fte"] = self.share_fte
        return data


@dataclass(frozen=True)
class Heltid:
    """The unit's full-time figures, in total and by competence (in the unit's order)."""

    total: HeltidFigures
    by_competence: dict[str, HeltidFigures] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total.as_dict(),
            "by_competence": {code: f.as_dict() for code, f in self.by_competence.items()},
        }


def figures(employees: list[Employee]) -> HeltidFigures:
    """Full-time figures of these positions (0 % positions left out)."""
    people = [e for e in employees if e.position_pct > 0]
    bands = {key: 0 for key, *_ in BANDS}
    for employee in people:
        bands[band_of(employee.position_pct)] += 1
    full = [e for e in people if e.position_pct >= FULL_TIME_PCT]
    unwanted = [e for e in people if e.wants_more and not e.vacant]
    return HeltidFigures(
        heads=len(people),
        vacant=sum(1 for e in people if e.vacant),
        fulltime_heads=len(full),
        fte=sum(e.fte for e in people),
        fulltime_fte=sum(e.fte for e in full),
        average_position_pct=sum(e.position_pct for e in people) / len(people) if people else 0.0,
        bands=bands,
        unwanted_parttime_heads=len(unwanted),
        unwanted_parttime_fte=sum(((e.desired_pct or 0) - e.position_pct) / 100 for e in unwanted),
    )


def heltid(unit: Unit) -> Heltid:
    """The unit's heltidsandel, average position, position bands and unwanted part-time."""
    return Heltid(
        total=figures(list(unit.employees)),
        by_competence={
            c.code: figures([e for e in unit.employees if e.competence == c.code])
            for c in unit.competences
        },
    )
