"""Turn plain data into a Unit, every problem located in the user's file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from models.problems import InputError, Location, Path
from models.translate import translate
from models.unit import Unit

Locator = Callable[[Path], Location]


def build_unit(data: Any, locate: Locator) -> Unit:
    """Validate `data` as a Unit; on failure raise InputError with each problem located by `locate`."""
    try:
        return Unit.model_validate(data)
    except ValidationError as exc:
        problems = translate(exc)
    except InputError as exc:
        problems = exc.problems
    raise InputError([problem.located(locate(problem.path)) for problem in problems])
