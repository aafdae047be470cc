"""The Sunday rule (AML § 10-8 (4)) counted on the clock in the § 10-10 (1) window, with public
holidays in a dated plan: in the model and in the audit."""

from __future__ import annotations

from datetime import date
from typing import Any

from models.unit import Unit
from rota.check import check
from rota.findings import FindingKind
from rota.params import SolveParams
from rota.rules.sundays import occasions
from rota.solve import solve
from tests.rota.conftest import FREE_HOURS, rota_of

EVERY_WEEKEND: dict[str, Any] = {"whole_weekends": False, "weekend_every": 1}


def sunday_unit(weeks: int = 2, start: date | None = None, **rules: Any) -> Unit:
    """One person; a day shift, an evening shift and a night 23:00-07:00; every weekend allowed,
    so only the Sunday rule keeps two Sundays apart."""
    return Unit.model_validate(
        {
            "name": "Søndag",
            "weeks": weeks,
            "start_date": start,
            "shift_types": [
                {"code": "D", "start": "07:30", "end": "15:00"},
                {"code": "A", "start": "14:30", "end": "22:00"},
                {"code": "N", "start": "23:00", "end": "07:00"},
            ],
            "competences": [{"code": "HFA"}],
            "employees": [{"id": "kari", "competence": "HFA", "position_pct": 40, **FREE_HOURS}],
            "demand": [],
            "rules": {**EVERY_WEEKEND, "working_time_act": False, **rules},
        }
    )


def sunday_breaches(unit: Unit, row: str) -> list[str]:
    return [
        f.detail_nb
        for f in check(unit, rota_of(unit, {"kari": row}))
        if f.kind is FindingKind.BREACH and f.rule == "søndagsarbeid"
    ]


def test_saturday_nights_are_sunday_work() -> None:
    """Two Saturday nights in a row put work on two Sundays: the audit names it and the shift."""
    unit = sunday_unit()
    found = sunday_breaches(unit, ".....N." * 2)
    assert len(found) == 1
    assert "Vakt N uke 1 Lø" in found[0]
    assert "§ 10-10 (1)" in found[0]


def test_saturday_evening_counts_and_saturday_day_does_not() -> None:
    """A Saturday shift to 22:00 lies in the window from 18:00; one that ends at 15:00 does not."""
    unit = sunday_unit()
    assert len(sunday_breaches(unit, ".....A." * 2)) == 1
    assert sunday_breaches(unit, ".....D." * 2) == []
    assert len(sunday_breaches(unit, "......D" * 2)) == 1


def test_rule_off_passes() -> None:
    """With the Sunday rule off, Sundays in a row are not a breach."""
    assert sunday_breaches(sunday_unit(sunday_rule=False), ".....N." * 2) == []


def test_model_keeps_saturday_nights_apart() -> None:
    """Asked for a Saturday night every week from the only person, the model leaves one as a gap
    rather than put work on two Sundays in a row; the audit finds no breach."""
    data = sunday_unit().model_dump(mode="json")
    data["demand"] = [{"shift": "N", "weekdays": [5], "min": 1}]
    unit = Unit.model_validate(data)
    result = solve(unit, SolveParams(deterministic=True, time_limit_s=10))
    assert result.rota is not None
    findings = check(unit, result.rota)
    assert [f for f in findings if f.kind is FindingKind.BREACH] == []
    assert [f.day for f in findings if f.kind is FindingKind.GAP] in ([5], [12])


ASCENSION_WEEK = date(2027, 5, 3)  # Kristi himmelfartsdag is Thursday 6 May 2027


def test_holiday_then_sunday_in_a_dated_plan() -> None:
    """In a dated plan a worked public holiday and the Sunday after it are two in a row; in a
    grunnturnus without dates the Thursday is an ordinary day."""
    dated = sunday_unit(weeks=1, start=ASCENSION_WEEK, cyclic=False)
    found = sunday_breaches(dated, "...D..D")
    assert len(found) == 1
    assert "helligdag uke 1 To" in found[0]
    assert sunday_breaches(sunday_unit(weeks=1, cyclic=False), "...D..D") == []
    # The eve: Wednesday's evening shift runs past 18:00 into the holiday's window.
    assert len(sunday_breaches(dated, "..A...D")) == 1


def test_model_keeps_holiday_and_sunday_apart() -> None:
    """Asked for a day shift on the holiday and on the Sunday from the only person, the model
    covers one and leaves the other as a gap."""
    data = sunday_unit(weeks=1, start=ASCENSION_WEEK, cyclic=False).model_dump(mode="json")
    data["demand"] = [{"shift": "D", "weekdays": [3, 6], "min": 1}]
    unit = Unit.model_validate(data)
    result = solve(unit, SolveParams(deterministic=True, time_limit_s=10))
    assert result.rota is not None
    findings = check(unit, result.rota)
    assert [f for f in findings if f.kind is FindingKind.BREACH] == []
    assert len([f for f in findings if f.kind is FindingKind.GAP]) == 1


def test_easter_windows_do_not_overlap() -> None:
    """Easter 2027 (Thu 25 to Mon 29 March): each minute belongs to one day; Saturday is
    påskeaften, so Easter Sunday's window opens at 15:00."""
    unit = sunday_unit(weeks=1, start=date(2027, 3, 22), cyclic=False)
    hour = 60
    day = 24 * hour
    assert [(o.day, o.start, o.end, o.holiday) for o in occasions(unit)] == [
        (3, 2 * day + 18 * hour, 3 * day + 22 * hour, True),
        (4, 3 * day + 22 * hour, 4 * day + 22 * hour, True),
        (6, 5 * day + 15 * hour, 6 * day + 22 * hour, True),
    ]


def test_cyclic_rota_wraps_round() -> None:
    """In a cyclic rota the last Sunday and the first are in a row."""
    unit = sunday_unit(weeks=3)
    assert len(sunday_breaches(unit, "......D" + "......." + "......D")) == 1
    assert sunday_breaches(sunday_unit(weeks=3, cyclic=False), "......D.............D") == []
