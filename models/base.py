"""The frozen pydantic base every unit-model class shares."""

from __future__ import annotations

import types
from collections.abc import Mapping
from functools import cached_property
from typing import Any, Self, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, model_validator


def _is_number(annotation: Any) -> bool:
    """Whether a field holds a number (int or float, optional or not), not a yes/no."""
    if annotation in (int, float):
        return True
    if get_origin(annotation) in (Union, types.UnionType):
        return any(_is_number(arg) for arg in get_args(annotation) if arg is not type(None))
    return False


class Frozen(BaseModel):
    """Immutable, strict about unknown fields, tolerant of stray spaces in text."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, allow_inf_nan=False
    )

    @model_validator(mode="before")
    @classmethod
    def _no_yes_or_no_for_a_number(cls, data: Any) -> Any:
        # Pydantic reads `weeks: yes` (YAML's true) as 1; passed on as the word it was, it is
        # refused at its field as not a number.
        if not isinstance(data, dict):
            return data
        flagged = {
            name: ("yes" if value else "no")
            for name, value in data.items()
            if isinstance(value, bool)
            and name in cls.model_fields
            and _is_number(cls.model_fields[name].annotation)
        }
        return {**data, **flagged} if flagged else data

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with `update` applied and nothing cached kept: pydantic copies the instance's
        dictionary, where a cached property (a unit's employees by id) would otherwise survive
        from before the update and answer with the old employees."""
        copied = super().model_copy(update=update, deep=deep)
        if update:
            for klass in type(self).__mro__:
                for name, value in vars(klass).items():
                    if isinstance(value, cached_property):
                        copied.__dict__.pop(name, None)
        return copied
