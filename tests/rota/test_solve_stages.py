"""The solve's stages each say when they apply: no gap-free stage without minimums, no stepping
stone once its time has gone, a legal start for the search with gaps whatever the stages before
it found."""

from __future__ import annotations

import time
from typing import Any, TypeVar

import pytest

import rota.solve as solve_module
import rota.stages as stages_module
from bench.curtois import objective, parse, roster_of, violations
from models.curtois import unit_from_curtois
from models.demo import demo_unit
from models.rota import Rota
from models.unit import Unit
from rota import columns
from rota.check import check
from rota.findings import Finding, FindingKind
from rota.improve import prepare
from rota.model import build_model
from rota.params import SolveParams
from rota.result import Result, Status
from rota.search import first_rota, search
from rota.stages import (
    FirstByPerson,
    GapFreeSearch,
    Replans,
    Search,
    SolveState,
    SteppingStone,
    has_minimums,
    run_stages,
    wider_band,
)
from rota.time_budget import TimeBudget
from tests.curtois_sample import SAMPLE

T = TypeVar("T")


def test_minimums_decide_the_gap_free_stage() -> None:
    """The demo ward has minimums to make hard; a benchmark instance (targets only) has none."""
    assert has_minimums(demo_unit("sykehjem"))
    assert not has_minimums(unit_from_curtois(SAMPLE, "sample.txt"))


def test_no_stepping_stone_when_every_hours_band_is_explicit() -> None:
    """Widening the hours tolerance changes nothing when each person has explicit bounds."""
    unit = unit_from_curtois(SAMPLE, "sample.txt")
    assert wider_band(unit) is None
    params = SolveParams(time_limit_s=5, gap_free_first=True)
    assert not SteppingStone().applies(SolveState(unit, params, TimeBudget.of(params)))


def test_the_stepping_stone_keeps_the_three_shift_credit() -> None:
    """A band in plain hours does not hold the band with the credit: the stone's wider band
    counts the credit as the unit does, and is wider than the unit's."""
    unit = demo_unit("sykehjem")
    unit = unit.model_copy(
        update={"rules": unit.rules.model_copy(update={"three_shift_credit": True})}
    )
    wide = wider_band(unit)
    assert wide is not None
    assert wide.rules.three_shift_credit
    assert wide.rules.hours_tolerance_h_per_week > unit.rules.hours_tolerance_h_per_week


def test_first_rota_keeps_the_hard_rules() -> None:
    """The objective-free first rota of the sample breaks no hard rule of the benchmark."""
    unit = unit_from_curtois(SAMPLE, "sample.txt")
    rota, _, _ = first_rota(unit, SolveParams(time_limit_s=5, deterministic=True))
    assert rota is not None
    roster = roster_of(rota)
    assert violations(parse(SAMPLE), roster) == []


def test_first_rota_hands_back_what_was_made_beside_its_search() -> None:
    """The re-plans' model made in a thread while the first rota is searched for comes back
    whole: every shift variable, read into plain lists, and the same rota as without it."""
    unit = unit_from_curtois(SAMPLE, "sample.txt")
    params = SolveParams(time_limit_s=5, deterministic=True)
    alone, _, _ = first_rota(unit, params)
    rota, _, prepared = first_rota(unit, params, meanwhile=lambda: prepare(unit, params))
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
    _, ctx, _ = first_rota(unit, params)
    fresh = build_model(unit, params)
    objective, built = ctx.model.proto.objective, fresh.model.proto.objective
    assert list(objective.vars) == list(built.vars)
    assert list(objective.coeffs) == list(built.coeffs)
    assert len(objective.vars) > 0
    assert not ctx.model.proto.solution_hint.vars


def _state(unit: Unit, params: SolveParams, seconds_ago: float = 0.0) -> SolveState:
    """A solve's state at its start, or `seconds_ago` into it."""
    budget = TimeBudget(params.time_limit_s, params.deterministic, time.monotonic() - seconds_ago)
    return SolveState(unit, params, budget)


def _breaches(unit: Unit, rota: Rota) -> list[Finding]:
    """The hard rules the independent checker finds broken in the rota."""
    return [f for f in check(unit, rota) if f.kind is FindingKind.BREACH]


def test_the_stepping_stone_applies_only_while_its_share_fits() -> None:
    """At the start of a 60 s solve the demo ward's stone applies; 25 s in (the person-by-person
    plan took that long), its 12 s no longer fit before the repair must end at 27 s."""
    unit = demo_unit("sykehjem")
    params = SolveParams(time_limit_s=60)
    assert SteppingStone().applies(_state(unit, params))
    assert not SteppingStone().applies(_state(unit, params, seconds_ago=25))
    # Deterministic mode does not watch the clock: the stone always has its share.
    exact = params.with_(deterministic=True)
    assert SteppingStone().applies(_state(unit, exact, seconds_ago=25))


def test_after_the_person_by_person_rota_the_gap_free_stages_share_out_what_is_left() -> None:
    """25 s into a 60 s solve, once the person-by-person rota has started the gap-free stages'
    own clock on the 35 s left, the stone applies again: its share is of what is left."""
    unit = demo_unit("sykehjem")
    state = _state(unit, SolveParams(time_limit_s=60), seconds_ago=25)
    state.gap_free_clock = TimeBudget(35.0, deterministic=False)
    assert SteppingStone().applies(state)
    assert state.chain.part(0.2) == 7.0


def test_no_gap_free_search_without_its_stepping_stone_unless_deterministic() -> None:
    """No stepping stone found: the gap-free search is skipped on the clock (the search with gaps
    needs the time), kept in deterministic mode (which may not watch the clock)."""
    unit = demo_unit("sykehjem")
    params = SolveParams(time_limit_s=60)
    assert not GapFreeSearch().applies(_state(unit, params))
    assert GapFreeSearch().applies(_state(unit, params.with_(deterministic=True)))


def test_a_first_rota_whose_model_takes_its_time_to_build_searches_nothing() -> None:
    """With no time left once its model is built, the first rota does not search: it gives none."""
    rota, ctx, made = first_rota(
        demo_unit("sykehjem"), SolveParams(time_limit_s=0.001), meanwhile=lambda: "made"
    )
    assert rota is None
    assert made is None
    assert ctx.x


def test_with_no_start_and_no_time_left_the_search_builds_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At the end of its time with nothing found, the solve says so at once: no model built."""

    def no_search(*args: Any, **kwargs: Any) -> Result:
        raise AssertionError("searched with no time left")

    monkeypatch.setattr(stages_module, "search", no_search)
    unit = demo_unit("sykehjem")
    state = _state(unit, SolveParams(time_limit_s=10), seconds_ago=10)
    Search().run(state)
    assert state.result is not None
    assert state.result.status is Status.UNKNOWN
    assert state.result.rota is None


def test_the_replans_apply_only_when_their_model_can_be_made_in_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Making the re-plans' model cannot be stopped half-way: with less time left than it takes
    they do not apply, unless it was made already (beside the first rota)."""
    monkeypatch.setattr(SolveState, "replans", property(lambda state: True))
    unit = demo_unit("sykehjem")
    params = SolveParams(time_limit_s=60)
    state = _state(unit, params)
    state.legal = Rota(
        days=unit.days, assignments={e.id: (None,) * unit.days for e in unit.employees}
    )
    monkeypatch.setattr(stages_module, "build_seconds", lambda unit: 1.0)
    assert Replans().applies(state)
    monkeypatch.setattr(stages_module, "build_seconds", lambda unit: 40.0)
    assert not Replans().applies(state)
    state.prepared = prepare(unit, params)
    assert Replans().applies(state)


def test_a_start_given_skips_every_stage_before_the_search() -> None:
    """With the caller's start, nothing is planned before the search: no stage but it applies."""
    unit = demo_unit("sykehjem")
    params = SolveParams(time_limit_s=60)
    state = _state(unit, params)
    state.hint = Rota(
        days=unit.days, assignments={e.id: (None,) * unit.days for e in unit.employees}
    )
    applying = [stage.name for stage in solve_module.STAGES if stage.applies(state)]
    assert applying == ["search"]


def test_the_person_by_person_rota_keeps_every_hard_rule() -> None:
    """The demo ward's first rota planned person by person (as work, so a busy machine plans it
    the same) breaks no rule, and becomes the search's start with the model it was priced by."""
    unit = demo_unit("sykehjem")
    state = _state(unit, SolveParams(time_limit_s=20, deterministic=True))
    assert FirstByPerson().applies(state)
    FirstByPerson().run(state)
    assert state.legal is not None
    assert _breaches(unit, state.legal) == []
    assert state.legal_result is not None
    assert state.legal_result.objective is not None
    assert state.ctx is not None
    assert not state.ctx.model.proto.solution_hint.vars


def test_the_search_starts_from_the_legal_rota_and_never_returns_worse(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The search with gaps gets the stages' legal rota as its start, and its result is no
    worse than that rota, whatever it finds in its time."""
    unit = demo_unit("sykehjem")
    state = _state(unit, SolveParams(time_limit_s=20, deterministic=True))
    FirstByPerson().run(state)
    assert state.legal_result is not None
    assert state.legal_result.objective is not None
    starts: list[Rota | None] = []

    def recorded(unit: Unit, params: SolveParams, *args: Any, **kwargs: Any) -> Result:
        starts.append(args[1])  # search(unit, params, progress, hint, ...)
        return search(unit, params.with_(time_limit_s=1), *args, **kwargs)

    monkeypatch.setattr(stages_module, "search", recorded)
    Search().run(state)
    assert starts == [state.legal]
    assert state.result is not None
    assert state.result.rota is not None
    assert state.result.objective is not None
    assert state.result.objective <= state.legal_result.objective
    assert _breaches(unit, state.result.rota) == []


def test_without_a_gap_free_rota_the_solve_still_returns_a_legal_rota(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every gap-free search made to find nothing: the solve still returns a rota that breaks no
    rule (its gaps shown), from whichever stage found the legal start."""
    unit = demo_unit("sykehjem")

    def gap_free_finds_nothing(unit: Unit, params: SolveParams, *args: Any, **kw: Any) -> Result:
        if params.hard_cover:
            return Result(Status.UNKNOWN, None, None, None, 0.0)
        return search(unit, params, *args, **kw)

    monkeypatch.setattr(stages_module, "search", gap_free_finds_nothing)
    result = solve_module.solve(unit, SolveParams(time_limit_s=3, deterministic=True))
    assert result.rota is not None
    assert _breaches(unit, result.rota) == []


def test_the_stages_stop_at_the_first_result() -> None:
    """A stage that sets the result ends the solve: the stages after it do not run."""
    ran: list[str] = []

    class Ends:
        name = "ends"

        def applies(self, state: SolveState) -> bool:
            return True

        def run(self, state: SolveState) -> None:
            ran.append(self.name)
            state.result = Result(Status.FEASIBLE, None, 1.0, None, 0.0)

    class After(Ends):
        name = "after"

    unit = demo_unit("sykehjem")
    result = run_stages((Ends(), After()), _state(unit, SolveParams()))
    assert ran == ["ends"]
    assert result.objective == 1.0


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


def _part_timer_wanted_in_week_one(weight: int) -> Unit:
    """Two weeks; one person at 50 % of a 30 h week (four 7.5 h shifts in all); a shift wanted on
    Monday-Thursday of week 1 only, 10 points a shift short; even weeks at `weight` a point."""
    return Unit.model_validate(
        {
            "name": "Dekning før jevne uker",
            "weeks": 2,
            "shift_types": [{"code": "D", "start": "07:30", "end": "15:00"}],
            "competences": [{"code": "HFA"}],
            "employees": [{"id": "kari", "competence": "HFA", "position_pct": 50}],
            "demand": [{"shift": "D", "days": [0, 1, 2, 3], "min": 0, "target": 1}],
            "rules": {
                "full_time_week_h": 30,
                "whole_weekends": False,
                "uneven_week_weight": weight,
            },
        }
    )


def test_evening_the_weeks_never_costs_cover() -> None:
    """30 h in week 1 is 7 h past the slack in each week (28 points at weight 2) against 20
    points for two shifts short: one weighed objective would give up cover, the solve does not."""
    unit = _part_timer_wanted_in_week_one(2)
    result = solve_module.solve(unit, SolveParams(deterministic=True, time_limit_s=5))
    assert result.rota is not None
    assert result.rota.assignments["kari"][:4] == ("D",) * 4
    assert result.terms["under_target"] == 0
    assert result.terms["uneven_weeks"] == 28
    assert result.objective == 28


def test_the_weeks_get_their_share_only_where_the_unit_weighs_them() -> None:
    """Weight 0: the unit is searched as given and the search has all the time; weight 2: it
    is searched without the weight, and a tenth of the time is kept for the weeks."""
    plain = _part_timer_wanted_in_week_one(0)
    assert stages_module.cover_first(plain) is plain
    params = SolveParams(time_limit_s=10)
    state = SolveState(plain, params, TimeBudget.of(params))
    assert state.search_until == pytest.approx(10, abs=0.5)
    weighed = _part_timer_wanted_in_week_one(2)
    searched = stages_module.cover_first(weighed)
    assert (searched.rules.uneven_week_weight, weighed.rules.uneven_week_weight) == (0, 2)
    state = SolveState(searched, params, TimeBudget.of(params), weighed=weighed)
    assert state.search_until == pytest.approx(9, abs=0.5)


def test_no_even_weeks_stage_where_everyone_has_explicit_hours() -> None:
    """A year's parts give everyone explicit hours, which say nothing of a week's share: the
    unit is searched as given, with all the time."""
    data = _part_timer_wanted_in_week_one(2).model_dump()
    data["employees"][0]["rules"] = {"min_hours": 0, "max_hours": 30}
    explicit = Unit.model_validate(data)
    assert stages_module.cover_first(explicit) is explicit
