"""Turn plain data into a Unit, every problem located in the user's file."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from models.problems import InputError, Location, Path, Problem, error
from models.translate import translate
from models.unit import Unit
from models.vedtak_demand import with_vedtak_demand

Locator = Callable[[Path], Location]

# Neutral stand-ins for required values that were wrong, so the remaining checks can still run.
_STAND_INS: dict[str, Any] = {
    "start": "00:00",
    "end": "01:00",
    "position_pct": 0,
    "min": 0,
    "day": 0,
    "name": "?",
}


def build_unit(data: Any, locate: Locator) -> Unit:
    """Validate `data` as a Unit; on failure raise InputError with every problem found (field
    errors and broken references alike), each located by `locate`."""
    try:
        unit = Unit.model_validate(data)
    except ValidationError as exc:
        problems = translate(exc)
        problems += _reference_problems_despite(data, problems)
    except InputError as exc:
        problems = exc.problems
    else:
        if unit.vedtak is None:
            return unit
        if unit.demand:
            problems = [
                error(
                    "Enheten har både vedtak og bemanningsrader; bemanningen lages av vedtakene,"
                    " så ta bort den ene.",
                    "The unit has both vedtak and demand rows; the demand is made from the"
                    " vedtak, so remove one.",
                    ("demand",),
                    code="vedtak_and_demand",
                )
            ]
        else:
            return with_vedtak_demand(unit, unit.vedtak)
    raise InputError([problem.located(locate(problem.path)) for problem in problems])


def _reference_problems_despite(data: Any, field_problems: list[Problem]) -> list[Problem]:
    """Reference problems of the data once each wrong value is set aside, so that one run reports
    a bad number and an unknown code elsewhere together. Best effort: when the data cannot be
    repaired this simply finds nothing more."""
    repaired = copy.deepcopy(data)
    for problem in field_problems:
        if not _set_aside(repaired, problem.path):
            return []
    try:
        Unit.model_validate(repaired)
    except InputError as exc:
        # A stand-in may upset checks of its own item (a 00:00 start makes a long shift), so
        # anything further about an item that already has a wrong value is left out.
        wrong_items = {_item(problem.path) for problem in field_problems}
        return [p for p in exc.problems if _item(p.path) not in wrong_items]
    except (ValidationError, TypeError, ValueError):
        return []
    return []


def _item(path: Path) -> Path:
    """The list item a path lies in, e.g. ('shift_types', 0), or the top-level field."""
    return path[:2] if len(path) >= 2 and isinstance(path[1], int) else path[:1]


def _set_aside(data: Any, path: Path) -> bool:
    """Remove the value at `path` (or put a neutral stand-in where one is required)."""
    if not path:
        return False
    parent = data
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = path[-1]
    if isinstance(parent, dict) and isinstance(last, str):
        if last in _STAND_INS:
            parent[last] = _STAND_INS[last]
        else:
            parent.pop(last, None)
        return True
    return False
