"""The search's stages are chosen by what can help: no gap-free stage without minimums, and a
first rota without the objective to seed the search instead."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pytest

import rota.solve as solve_module
from bench.curtois import objective, parse, roster_of, violations
from models.curtois import unit_from_curtois
from models.demo import demo_unit
from models.rota import Rota
from models.unit import Unit
from rota import columns
from rota.check import check
from rota.context import ModelContext
from rota.findings import Finding, FindingKind
from rota.improve import prepare
from rota.model import build_model
from rota.params import SolveParams
from rota.result import Result, Status
from rota.solve import _first_rota, _has_minimums, _search, _stepping_stone
from tests.curtois_sample import SAMPLE

T = TypeVar("T")


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
    rota, _, _ = _first_rota(unit, SolveParams(time_limit_s=5, deterministic=True))
    assert rota is not None
    roster = roster_of(rota)
    assert violations(parse(SAMPLE), roster) == []


def test_first_rota_hands_back_what_was_made_beside_its_search() -> None:
    """The re-plans' model made in a thread while the first rota is searched for comes back
    whole: every shift variable, read into plain lists, and the same rota as without it."""
    unit = unit_from_curtois(SAMPLE, "sample.txt")
    params = SolveParams(time_limit_s=5, deterministic=True)
    alone, _, _ = _first_rota(unit, params)
    rota, _, prepared = _first_rota(unit, params, meanwhile=lambda: prepare(unit, params))
    assert prepared is not None
    assert prepared.flat is not None
    shifts = len(unit.employees) * unit.days * len(unit.shift_types)
    assert len(prepared.ctx.x) == shifts
    assert prepared.flat.decisions == {v.index for v in prepared.ctx.x.values()}
    assert rota == alone


def test_the_first_rotas_model_is_the_searchs_model() -> None:
    """The model the first rota was found with comes back with the objective put back: the
    same objective as a model built afresh, and no hint in it."""
    unit = unit_from_curtois(SAMPLE, "sample.txt")
    params = SolveParams(time_limit_s=5, deterministic=True)
    _, ctx, _ = _first_rota(unit, params)
    fresh = build_model(unit, params)
    objective, built = ctx.model.proto.objective, fresh.model.proto.objective
    assert list(objective.vars) == list(built.vars)
    assert list(objective.coeffs) == list(built.coeffs)
    assert len(objective.vars) > 0
    assert not ctx.model.proto.solution_hint.vars


def _first_rota_by_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first rota of the legal start searched for in deterministic mode with 3 s of solver
    work (the demo ward's comes in about 1 s of it), not in what the clock leaves: so that the
    stages after it are tested on a busy machine too. The rest of the solve runs on the clock."""

    def by_work(
        unit: Unit, params: SolveParams, meanwhile: Callable[[], T] | None = None
    ) -> tuple[Rota | None, ModelContext, T | None]:
        return _first_rota(unit, params.with_(deterministic=True, time_limit_s=5), meanwhile)

    monkeypatch.setattr(solve_module, "_first_rota", by_work)


def _breaches(unit: Unit, rota: Rota) -> list[Finding]:
    """The hard rules the independent checker finds broken in the rota."""
    return [f for f in check(unit, rota) if f.kind is FindingKind.BREACH]


def test_without_a_gap_free_rota_the_search_with_gaps_starts_from_a_legal_rota(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the gap-free search ends without a rota (here made to), the search with gaps starts
    from a rota that keeps every hard rule, not from a second stepping stone (which keeps none),
    so it returns a rota that breaks no rule (its gaps shown)."""
    unit = demo_unit("sykehjem")
    stones: list[bool] = []
    searches: list[bool] = []
    starts: list[Rota | None] = []

    def counted_stone(unit: Unit, params: SolveParams) -> Rota | None:
        stones.append(params.hard_cover)
        # Time enough for the stone on a loaded machine (it stops at its first rota).
        return _stepping_stone(unit, params.with_(time_limit_s=60))

    def gap_free_gives_up(unit: Unit, params: SolveParams, *args: Any, **kwargs: Any) -> Result:
        searches.append(params.hard_cover)
        if params.hard_cover and not params.first_rota_only:
            return Result(Status.UNKNOWN, None, None, None, 0.0)
        if not params.hard_cover:
            starts.append(args[1])  # _search(unit, params, progress, hint, ...)
        return _search(unit, params, *args, **kwargs)

    monkeypatch.setattr(solve_module, "_stepping_stone", counted_stone)
    monkeypatch.setattr(solve_module, "_search", gap_free_gives_up)
    _first_rota_by_work(monkeypatch)
    result = solve_module.solve(unit, SolveParams(time_limit_s=3, seed=1))
    assert stones == [True]
    assert searches[-2:] == [True, False]
    assert len(starts) == 1
    assert starts[0] is not None
    assert _breaches(unit, starts[0]) == []
    # The search returns its start when it finds nothing better in its time: a rota either way.
    assert result.rota is not None
    assert _breaches(unit, result.rota) == []


def test_no_gap_free_search_when_not_even_its_stepping_stone_is_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No stepping stone in its share (here made so): the gap-free search is skipped, and the
    search with gaps has the time, from a rota that breaks no rule."""
    unit = demo_unit("sykehjem")
    searches: list[bool] = []
    starts: list[Rota | None] = []

    def search(unit: Unit, params: SolveParams, *args: Any, **kwargs: Any) -> Result:
        searches.append(params.hard_cover)
        starts.append(args[1])  # _search(unit, params, progress, hint, ...)
        return _search(unit, params, *args, **kwargs)

    monkeypatch.setattr(solve_module, "_stepping_stone", lambda unit, params: None)
    monkeypatch.setattr(solve_module, "_search", search)
    _first_rota_by_work(monkeypatch)
    # Not deterministic: only a search that watches the clock skips the gap-free stage.
    result = solve_module.solve(unit, SolveParams(time_limit_s=3, seed=1))
    assert searches == [False]
    assert starts[0] is not None
    assert _breaches(unit, starts[0]) == []
    # The search returns its start when it finds nothing better in its time: a rota either way.
    assert result.rota is not None
    assert _breaches(unit, result.rota) == []


def test_a_unit_tied_together_by_its_cover_alone_is_priced_by_the_lp(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The sample (targets only, no spread between people) goes through the column generation
    after its construction, and the rota it hands on seeds the search: the result is no worse."""
    unit = unit_from_curtois(SAMPLE, "sample.txt")
    handed: list[Rota] = []
    price_and_fix = columns.price_and_fix

    def recorded(unit: Unit, start: Rota, params: SolveParams, seconds: float, *rest: Any) -> Rota:
        rota: Rota = price_and_fix(unit, start, params, seconds, *rest)
        handed.append(rota)
        return rota

    monkeypatch.setattr(columns, "price_and_fix", recorded)
    result = solve_module.solve(unit, SolveParams(time_limit_s=5, deterministic=True))
    assert len(handed) == 1
    assert result.rota is not None
    roster = roster_of(result.rota)
    instance = parse(SAMPLE)
    assert violations(instance, roster) == []
    handed_roster = roster_of(handed[0])
    assert objective(instance, roster) <= objective(instance, handed_roster)
