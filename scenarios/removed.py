"""A whole position a scenario takes away, and why: what a cut of årsverk means in people."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RemovalReason(StrEnum):
    """Why a position goes, in the order positions are taken."""

    VACANT = "vacant"  # nobody holds it
    MAY_GO = "may_go"  # temporary, or not to be refilled
    NAMED = "named"  # the scenario file names it
    PROPOSAL = "proposal"  # the engine's choice: an occupied position (overtallighet)


@dataclass(frozen=True)
class RemovedPosition:
    """A whole position a scenario takes away, and why. `cover_loss_h` estimates the shift-hours a week of
    minimum cover, competence or language the unit's staff could no longer give without it."""

    id: str
    name: str
    competence: str
    position_pct: float
    reason: RemovalReason
    cover_loss_h: float
