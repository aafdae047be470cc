"""Competences (kompetanse) and which lower ones each may stand in for."""

from __future__ import annotations

from pydantic import Field

from models.base import Frozen
from models.shift import CODE_PATTERN


class Competence(Frozen):
    """A competence such as SPL (sykepleier). `covers` lists lower competences it may fill a slot for:
    a sykepleier may fill a helsefagarbeider slot, not the other way round."""

    code: str = Field(pattern=CODE_PATTERN, description="Short code, e.g. SPL, HFA, ASS, VPL.")
    name: str = Field(default="", description="Name, e.g. Sykepleier.")
    covers: tuple[str, ...] = Field(
        default=(), description="Codes of lower competences this one may stand in for."
    )
