"""The unit's model: a given rota read back, its own objective and terms, and refused when it
breaks a hard rule."""

from __future__ import annotations

from models.unit import Unit
from rota.model import build_model, evaluate, solve_fixed
from rota.params import SolveParams
from tests.rota.conftest import rota_of, two_shift_unit


def _week() -> Unit:
    """One week, the day shift wanted once a day (100 per day nobody works it, 1 per person
    too many), nothing else weighed; Kari and Ola free to work 0-40 h."""
    data = two_shift_unit(night_spread_weight=0, weekend_spread_weight=0, isolated_day_weight=0)
    data["shift_types"] = data["shift_types"][:1]
    data["demand"] = [{"shift": "D", "min": 0, "target": 1, "weight_under": 100, "weight_over": 1}]
    return Unit.model_validate(data)


def test_evaluate_prices_a_rota_as_counted_by_hand() -> None:
    """Kari works Monday to Wednesday and Ola Wednesday and Thursday: Friday to Sunday are
    short (300) and Wednesday has one too many (1), so the objective is 301, the sum of its
    terms, and the rota comes back as given."""
    unit = _week()
    rota = rota_of(unit, {"kari": "DDD....", "ola": "..DD..."})
    result = evaluate(unit, rota, SolveParams())
    assert result is not None
    assert result.rota == rota
    assert result.objective == 301
    assert sum(result.terms.values()) == 301


def test_evaluate_refuses_a_rota_that_breaks_a_hard_rule() -> None:
    """A rota with a shift the unit has no demand row for (the evening shift, never to be
    worked here) keeps no model: None."""
    data = two_shift_unit()
    data["demand"] = [{"shift": "D", "min": 0, "target": 1}]
    unit = Unit.model_validate(data)
    assert evaluate(unit, rota_of(unit, {"kari": "A......"}), SolveParams()) is None


def test_a_fixed_solve_leaves_the_model_as_it_was() -> None:
    """Fixing every shift for a small solve works on a copy: the model keeps its constraints."""
    unit = _week()
    ctx = build_model(unit, SolveParams())
    before = len(ctx.model.proto.constraints)
    solve_fixed(ctx, {v.index: 0 for v in ctx.x.values()})
    assert len(ctx.model.proto.constraints) == before
