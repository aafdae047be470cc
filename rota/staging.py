"""Stages run in order over a state they hand on: each says when it applies, from the unit and
what the stages before it found, and the first that ends the work ends it. The solve
(`rota.stages`), the position planner (`rota.fulltime`) and the FTE need (`rota.fte_need`) are
each such a list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar


class Ending(Protocol):
    """A state that says when the work is done (an answer found, or none possible)."""

    @property
    def ended(self) -> bool: ...


S = TypeVar("S", bound=Ending, contravariant=True)
T = TypeVar("T", bound=Ending)


class Stage(Protocol[S]):
    """One step: `applies` from the unit's shape and what came before; `run` within its share
    of the time, handing on what it found in the state."""

    @property
    def name(self) -> str: ...

    def applies(self, state: S) -> bool: ...

    def run(self, state: S) -> None: ...


def run_in_order(stages: Sequence[Stage[T]], state: T) -> T:
    """Each stage that applies, in order, until the state says the work is done."""
    for stage in stages:
        if state.ended:
            break
        if stage.applies(state):
            stage.run(state)
    return state
