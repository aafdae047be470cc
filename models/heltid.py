"""Full-time share (heltidsandel) of a unit's positions, the way KS counts it.

An employee is full-time when the sum of their positions is at least 100 % (KS): positions with
the same person key (`Employee.person`) are one person. Vacant positions count as positions (they
are in the staffing plan and will be filled at that size); a position of 0 % is no position.
Everything is given for the unit and for each competence.
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


@dataclass(frozen=True)
class _Holder:
    """One person (or one vacant position) and the sum of their positions."""

    pct: float
    vacant: bool
    unwanted_fte: float  # what they want beyond what they have, in årsverk

    @property
    def fte(self) -> float:
        return self.pct / 100


def holders(employees: list[Employee]) -> list[_Holder]:
    """The people who hold these positions (0 % positions left out): positions with the same
    person key are one person, whose size is their sum (KS counts 60 % here and 40 % there as
    full-time); each vacant position is its own."""
    grouped: dict[str, list[Employee]] = {}
    for employee in employees:
        if employee.position_pct > 0:
            key = employee.id if employee.vacant else employee.person_key
            grouped.setdefault(key, []).append(employee)
    people = []
    for positions in grouped.values():
        pct = sum(e.position_pct for e in positions)
        wanted = [e for e in positions if e.wants_more and not e.vacant]
        # A wish for more is met by a bigger position anywhere: counted up to what they want.
        unwanted = sum(((e.desired_pct or 0) - e.position_pct) / 100 for e in wanted)
        people.append(_Holder(pct, all(e.vacant for e in positions), unwanted))
    return people


def figures(employees: list[Employee]) -> HeltidFigures:
    """Full-time figures of the people who hold these positions (0 % positions left out)."""
    people = holders(employees)
    bands = {key: 0 for key, *_ in BANDS}
    for person in people:
        bands[band_of(person.pct)] += 1
    full = [p for p in people if p.pct >= FULL_TIME_PCT]
    unwanted = [p for p in people if p.unwanted_fte > 0 and p.pct < FULL_TIME_PCT]
    return HeltidFigures(
        heads=len(people),
        vacant=sum(1 for p in people if p.vacant),
        fulltime_heads=len(full),
        fte=sum(p.fte for p in people),
        fulltime_fte=sum(p.fte for p in full),
        average_position_pct=sum(p.pct for p in people) / len(people) if people else 0.0,
        bands=bands,
        unwanted_parttime_heads=len(unwanted),
        unwanted_parttime_fte=sum(p.unwanted_fte for p in unwanted),
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
