"""Findings of the independent rule check: what is wrong, by which rule, for whom, on which day."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from models.clock import WEEKDAYS_NB


class FindingKind(StrEnum):
    BREACH = "breach"  # a hard rule is broken: the rota is not legal as it stands
    GAP = "gap"  # demand is not met: a cover gap to buy in or accept


@dataclass(frozen=True)
class Finding:
    rule: str
    reference: str
    detail_nb: str
    detail_en: str
    employee: str | None = None
    day: int | None = None
    kind: FindingKind = FindingKind.BREACH

    def detail(self, lang: str = "nb") -> str:
        return self.detail_nb if lang == "nb" else self.detail_en


def day_label(day: int) -> str:
    """Uke 2 On (day 9) as people read a rota."""
    return f"uke {day // 7 + 1} {WEEKDAYS_NB[day % 7]}"
