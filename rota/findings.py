"""Findings of the independent rule check: what is wrong, by which rule, for whom, on which day."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from models.clock import WEEKDAYS_EN, WEEKDAYS_NB


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


_NB_DAY = re.compile(r"\buke (\d+) (" + "|".join(WEEKDAYS_NB) + r")\b")
_NB_WEEK = re.compile(r"\buke (\d+)\b")
_EN_DAY = re.compile(r"\bday (\d+)\b")
_EN_WEEK = re.compile(r"\bweek (\d+)\b")


def date_of(start: date, day: int) -> date:
    return start + timedelta(days=day)


def date_label(start: date, day: int, lang: str = "nb") -> str:
    """A plan day as a date: 'lø 09.01.2027' ('Sa 09.01.2027' in English)."""
    when = date_of(start, day)
    weekday = (WEEKDAYS_NB if lang == "nb" else WEEKDAYS_EN)[when.weekday()]
    return f"{weekday.lower() if lang == 'nb' else weekday} {when:%d.%m.%Y}"


def with_dates(findings: list[Finding], start: date) -> list[Finding]:
    """The findings of a dated plan with its dates in their texts instead of the plan's week
    and day numbers ('uke 2 Lø' becomes 'lø 09.01.2027', 'uke 3' the ISO week of its Monday)."""

    def iso_week(number: str) -> str:
        return str(date_of(start, (int(number) - 1) * 7).isocalendar()[1])

    def nb(text: str) -> str:
        text = _NB_DAY.sub(
            lambda m: date_label(start, (int(m[1]) - 1) * 7 + WEEKDAYS_NB.index(m[2])), text
        )
        return _NB_WEEK.sub(lambda m: f"uke {iso_week(m[1])}", text)

    def en(text: str) -> str:
        text = _EN_DAY.sub(lambda m: date_label(start, int(m[1]) - 1, "en"), text)
        return _EN_WEEK.sub(lambda m: f"week {iso_week(m[1])}", text)

    return [replace(f, detail_nb=nb(f.detail_nb), detail_en=en(f.detail_en)) for f in findings]
