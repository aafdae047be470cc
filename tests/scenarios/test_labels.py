"""Words for what the engine returns: what a reader can do about a result without a rota."""

from __future__ import annotations

from rota.explain import Explanation
from rota.result import Result, Status
from scenarios.labels import no_rota_advice


def test_time_limit_without_rota_says_a_rota_may_exist_and_how_to_give_more_time() -> None:
    """A search stopped by its time limit is not called impossible: the advice names the option
    that gives it more time, in bokmål by default and in English on request."""
    stopped = Result(Status.UNKNOWN, None, None, None, 15.0)
    (nb,) = no_rota_advice(stopped, option="--scenario-time-limit")
    assert "betyr ikke at ingen turnus finnes" in nb
    assert "--scenario-time-limit" in nb
    (en,) = no_rota_advice(stopped, "en")
    assert "does not mean no rota exists" in en
    assert "--time-limit" in en


def test_conflicting_rules_give_their_explanation_not_the_time_advice() -> None:
    """When the rules conflict, the explanation is the advice; a rota in hand needs none."""
    why = Explanation("kari: for få timer", "kari: too few hours")
    impossible = Result(Status.INFEASIBLE, None, None, None, 1.0, explanation=[why])
    assert no_rota_advice(impossible) == ["kari: for få timer"]
    assert no_rota_advice(impossible, "en") == ["kari: too few hours"]
    assert no_rota_advice(Result(Status.INFEASIBLE, None, None, None, 1.0)) == []
