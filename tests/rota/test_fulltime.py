"""Position planning on hand-made units whose answer is known by hand."""

from __future__ import annotations

import pytest

from models.employee import Employee
from models.unit import Unit
from rota.check import check
from rota.findings import FindingKind
from rota.fulltime import PositionOptions, add_frames, allowed_sizes, plan_positions
from rota.params import SolveParams
from rota.positions import build_position_model
from rota.result import Status
from rota.rules.hours import rotates
from tests.rota.conftest import rota_of, three_shift_pair, weekend_bound_unit

# Deterministic: each stage's time is solver work, not the clock, so a busy machine plans the
# same. A limit of 1 s gives every stage its floor of 1 s of work (rota.fulltime takes the
# stages' shares from a clock deadline, even in deterministic mode; at the floor the clock
# cannot shrink them), in which each stage finds its answer on these tiny units.
PARAMS = SolveParams(deterministic=True, time_limit_s=1)
# For a single search that must prove its answer: it stops as soon as it has.
PROOF = SolveParams(deterministic=True, time_limit_s=10)


def test_weekend_demand_and_the_fte_frame_allow_exactly_two_full_time() -> None:
    """The planner finds the two full-time positions the hand count allows, and its rota
    keeps every rule with every shift covered."""
    unit = weekend_bound_unit()
    plan = plan_positions(unit, PositionOptions(step_pct=20), PARAMS)
    assert plan.after is not None
    assert plan.result.rota is not None
    assert plan.heltid_before.total.fulltime_heads == 0
    assert plan.heltid_after is not None
    assert plan.heltid_after.total.fulltime_heads == 2
    assert sum(e.position_pct for e in plan.after.employees) <= 280 + 1e-9
    assert check(plan.after, plan.result.rota) == []
    raised = sorted(c.after_pct for c in plan.changes if c.changed)
    assert raised == [100.0, 100.0]


def test_a_target_share_out_of_reach_gives_no_plan_and_says_so() -> None:
    """Half of six full-time needs three, which the frame does not allow: no plan, a note."""
    unit = weekend_bound_unit()
    plan = plan_positions(unit, PositionOptions(step_pct=20, target_share=0.5), PARAMS)
    assert plan.after is None
    assert plan.notes


def test_a_target_share_within_reach_is_met() -> None:
    """A third of six full-time is two: the plan has at least that share."""
    unit = weekend_bound_unit()
    plan = plan_positions(unit, PositionOptions(step_pct=20, target_share=1 / 3), PARAMS)
    assert plan.heltid_after is not None
    assert plan.heltid_after.total.share_heads >= 1 / 3 - 1e-9


def test_the_budget_frame_binds_like_the_fte_frame() -> None:
    """Without an FTE frame, a budget frame of what the two-full-time plan costs (plus NOK 1000,
    far from the price of one more 20 % step) allows no third full-time position, and the
    plan keeps within it."""
    framed_by_fte = plan_positions(weekend_bound_unit(), PositionOptions(step_pct=20), PARAMS)
    assert framed_by_fte.cost_after is not None
    frame = framed_by_fte.cost_after.total + 1000
    data = weekend_bound_unit().model_dump()
    data["budget"].update(fte_frame=None, budget_frame_nok=frame)
    plan = plan_positions(Unit.model_validate(data), PositionOptions(step_pct=20), PARAMS)
    assert plan.heltid_after is not None
    assert plan.heltid_after.total.fulltime_heads == 2
    assert plan.cost_after is not None
    assert plan.cost_after.total <= frame


@pytest.mark.parametrize(
    ("employee", "sizes"),
    [
        (Employee(id="a", competence="X", position_pct=60, desired_pct=80), [600, 700, 800]),
        (Employee(id="b", competence="X", position_pct=60), [600]),
        (Employee(id="c", competence="X", position_pct=60, desired_pct=40), [400, 500, 600]),
        (
            Employee(id="d", competence="X", position_pct=60, desired_pct=100, max_pct=70),
            [600, 700],
        ),
        (Employee(id="e", competence="X", position_pct=56.3, desired_pct=70), [563, 600, 700]),
    ],
)
def test_people_move_only_towards_their_wish(employee: Employee, sizes: list[int]) -> None:
    """A person's size lies between today's and the desired one (within max_pct); without a
    wish it stays; an odd size today stays possible (tenths of a per cent)."""
    assert allowed_sizes(employee, 10) == sizes


def test_vacancies_are_kept_hireable_or_given_up_and_new_positions_are_full_time() -> None:
    """A vacancy may be 0 or 20-100 %; a new position is 0 or 100 % (AML § 14-1 b)."""
    vacancy = Employee(id="v", competence="X", position_pct=50, vacant=True)
    assert allowed_sizes(vacancy, 20) == [0, 200, 400, 500, 600, 800, 1000]
    assert allowed_sizes(vacancy, 20, new=True) == [0, 1000]


def test_the_fewest_full_time_positions_is_a_hard_limit() -> None:
    """The frame allows two full-time positions: asked to keep two, the model finds a plan
    with two; asked to keep three, it proves there is none."""
    unit = weekend_bound_unit()
    sizes = {e.id: allowed_sizes(e, 20) for e in unit.employees}
    for least, expected in ((2, Status.OPTIMAL), (3, Status.INFEASIBLE)):
        pm = build_position_model(unit, sizes, PROOF)
        add_frames(pm, unit, None, least_fulltime=least)
        pm.ctx.model.maximize(sum(pm.full.values()))
        status, found, _, _ = pm.run(PROOF)
        assert status is expected
        if expected is Status.OPTIMAL:
            assert sum(1 for pct in found.values() if pct >= 100) == 2


def test_with_the_credit_the_plan_keeps_todays_three_shift_statuses() -> None:
    """Kari (only nights and days together fill her band) in three-shift turnus today and Ola
    (two nights fill his) out of it: the heltid plan keeps both, and its rota breaks no rule."""
    unit = three_shift_pair()
    today = rota_of(unit, {"kari": "N...D..", "ola": "NN....."})
    assert [f for f in check(unit, today) if f.kind is FindingKind.BREACH] == []
    params = SolveParams(deterministic=True, time_limit_s=5)
    plan = plan_positions(unit, PositionOptions(), params, baseline=today)
    assert plan.after is not None
    rota = plan.result.rota
    assert rota is not None
    assert rotates(plan.after, rota.assignments["kari"])
    assert not rotates(plan.after, rota.assignments["ola"])
    assert [f for f in check(plan.after, rota) if f.kind is FindingKind.BREACH] == []
