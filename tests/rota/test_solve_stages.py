"""The search's stages are chosen by what can help: no gap-free stage without minimums, and a
first rota without the objective to seed the search instead."""

from __future__ import annotations

from bench.curtois import parse, violations
from models.curtois import unit_from_curtois
from models.demo import demo_unit
from rota.params import SolveParams
from rota.solve import _first_rota, _has_minimums, _stepping_stone
from tests.curtois_sample import SAMPLE


def test_minimums_decide_the_gap_free_stage() -> None:
    """The demo ward has minimums to make hard; a benchmark instance (targets only) has none."""
    assert _has_minimums(demo_unit("sykehjem"))
    assert not _has_minimums(unit_from_curtois(SAMPLE, "sample.txt"))


def test_no_stepping_stone_when_every_hours_band_is_explicit() -> None:
    """Widening the hours tolerance changes nothing when each person has explicit bounds."""
    unit = unit_from_curtois(SAMPLE, "sample.txt")
    assert _stepping_stone(unit, SolveParams(time_limit_s=5)) is None


def test_first_rota_keeps_the_hard_rules() -> None:
    """The objective-free first rota of the sample breaks no hard rule of the benchmark."""
    unit = unit_from_curtois(SAMPLE, "sample.txt")
    rota = _first_rota(unit, SolveParams(time_limit_s=5, deterministic=True))
    assert rota is not None
    roster = {e: list(row) for e, row in rota.assignments.items()}
    assert violations(parse(SAMPLE), roster) == []
