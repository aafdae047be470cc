"""Coverage: gaps come back named in soft mode and make the unit infeasible in hard mode."""

from __future__ import annotations

from models.unit import Unit
from rota.check import check
from rota.findings import FindingKind
from rota.params import SolveParams
from rota.result import Status
from rota.rules.coverage import shortfall_minutes
from rota.solve import solve
from tests.rota.conftest import rota_of, two_shift_unit

DETERMINISTIC = SolveParams(deterministic=True, time_limit_s=10)


def sami_short_unit() -> Unit:
    """Two North Sami speakers wanted on Monday's day shift; only Kari speaks it."""
    data = two_shift_unit()
    data["demand"] = [{"shift": "D", "weekdays": [0], "min": 2, "language_min": {"se": 2}}]
    return Unit.model_validate(data)


def test_soft_mode_names_the_sami_gap() -> None:
    """Short of Sami speakers, the rota still comes back, with the gap named for that shift."""
    unit = sami_short_unit()
    result = solve(unit, DETERMINISTIC)
    assert result.status is Status.OPTIMAL
    assert result.rota is not None
    assert result.terms["language_gap_se"] > 0
    gaps = [f for f in check(unit, result.rota) if f.kind is FindingKind.GAP]
    assert [(f.rule, f.reference, f.day) for f in gaps] == [("samisk språk", "sameloven § 3-5", 0)]
    assert "nordsamisk" in gaps[0].detail_nb


def test_hard_mode_cannot_hide_the_gap() -> None:
    """With cover as a hard rule, the same unit has no rota."""
    result = solve(sami_short_unit(), DETERMINISTIC.with_(hard_cover=True))
    assert result.status is Status.INFEASIBLE
    assert result.rota is None


def test_sykepleier_covers_helsefagarbeider_slot() -> None:
    """An HFA slot may be filled by a sykepleier, an SPL slot not by a helsefagarbeider."""
    data = two_shift_unit()
    data["demand"] = [
        {"shift": "D", "weekdays": [0], "min": 1, "competence_min": {"HFA": 1}},
        {"shift": "A", "weekdays": [0], "min": 1, "competence_min": {"SPL": 1}},
    ]
    unit = Unit.model_validate(data)
    assert check(unit, rota_of(unit, {"kari": "A......", "ola": "D......"})) == []
    gaps = check(unit, rota_of(unit, {"kari": "D......", "ola": "A......"}))
    assert [(f.rule, f.day) for f in gaps] == [("kompetanse", 0)]
    assert "SPL" in gaps[0].detail_nb


def test_audit_flags_cover_below_minimum_and_shift_without_demand() -> None:
    """Nobody on a shift that needs one is a gap; a shift on a day without demand is a breach."""
    data = two_shift_unit()
    data["demand"] = [{"shift": "D", "weekdays": [0], "min": 1}]
    unit = Unit.model_validate(data)
    findings = check(unit, rota_of(unit, {"ola": ".A....."}))
    assert sorted((f.rule, f.kind, f.day) for f in findings) == [
        ("dekning", FindingKind.BREACH, 1),
        ("dekning", FindingKind.GAP, 0),
    ]


def test_model_meets_demand_when_it_can() -> None:
    """With enough people the solver leaves no gap and the checker finds nothing."""
    data = two_shift_unit()
    data["demand"] = [{"shift": "D", "weekdays": [0, 2, 4], "min": 1, "competence_min": {"SPL": 1}}]
    unit = Unit.model_validate(data)
    result = solve(unit, DETERMINISTIC)
    assert result.rota is not None
    assert check(unit, result.rota) == []
    assert [result.rota.shift_on("kari", day) for day in (0, 2, 4)] == ["D", "D", "D"]


def test_shortfall_counts_heads_competence_and_language_in_minutes() -> None:
    """One D shift (7.5 h) wanting 2 people, a sykepleier and a North Sami speaker, worked by Ola
    alone (HFA, no Sami): one head, one SPL and one speaker short = 3 x 450 minutes."""
    data = two_shift_unit()
    data["demand"] = [
        {
            "shift": "D",
            "weekdays": [0],
            "min": 2,
            "competence_min": {"SPL": 1},
            "language_min": {"se": 1},
        }
    ]
    unit = Unit.model_validate(data)
    assert shortfall_minutes(unit, rota_of(unit, {"ola": "D......"})) == 3 * 450
    assert shortfall_minutes(unit, rota_of(unit, {"kari": "D......", "ola": "D......"})) == 0
