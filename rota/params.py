"""Solver parameters: one object with defaults, loadable from a file, overridable per call."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field

from models.base import Frozen
from models.strict_yaml import StrictLoader


class SolveParams(Frozen):
    time_limit_s: float = Field(default=60.0, gt=0, description="Stop after this many seconds.")
    stall_s: float = Field(
        default=10.0,
        ge=0,
        description="Stop when the best rota has not improved for this many seconds (0: never);"
        " not in deterministic mode.",
    )
    workers: int = Field(default=0, ge=0, description="Search workers; 0 means all cores.")
    seed: int = Field(
        default=0, ge=0, le=2**31 - 1, description="Random seed of the search (CP-SAT's is 32-bit)."
    )
    deterministic: bool = Field(
        default=False, description="One worker and a fixed seed: the same rota every run."
    )
    log: bool = Field(default=False, description="Print CP-SAT's search log.")
    hard_cover: bool = Field(
        default=False, description="Cover minimums as hard rules (for proofs), not soft terms."
    )
    gap_free_first: bool = Field(
        default=True,
        description="First search for a rota without cover gaps (cover as hard rules); only if"
        " none is found in the first share of the time are gaps allowed.",
    )
    gap_free_share: float = Field(
        default=0.6,
        gt=0,
        le=1,
        description="Share of the time a gap-free search may take to find its first rota.",
    )
    first_rota_only: bool = Field(
        default=False, description="Stop at the first rota found (for stepping-stone searches)."
    )
    warm_start: bool = Field(
        default=True, description="Start from a plan of who works which weekends (a hint)."
    )
    redundant: bool = Field(
        default=True,
        description="Add redundant constraints that speed up the search (rota/strengthen.py).",
    )
    max_lp: bool = Field(
        default=True,
        description="A search that starts from a rota keeping every hard rule improves it with"
        " CP-SAT's strongest LP relaxation (max_lp) when it has two workers or fewer; with more,"
        " CP-SAT's own portfolio has it already. Not in deterministic mode.",
    )
    explain: bool = Field(
        default=True, description="When the hard rules conflict, find which ones and say so."
    )
    gap_bound_s: float = Field(
        default=1.0,
        gt=0,
        description="Deterministic seconds for the lower bound on gap hours (rota.bound), when a"
        " rota has gaps: the same figure on any machine under any load.",
    )
    replan_person_s: float = Field(
        default=0.2,
        gt=0,
        description="Deterministic seconds for each person's re-plan against the others' cover"
        " when a scenario's rota is left with gaps (rota.construct.fewer_gaps).",
    )
    under_minimum_weight: int = Field(
        default=10_000,
        ge=0,
        description="Penalty per person below the minimum cover on a 7.5-hour shift"
        " (a longer or shorter shift weighs in proportion to its worked minutes).",
    )
    competence_gap_weight: int = Field(
        default=10_000,
        ge=0,
        description="Penalty per missing competence on a 7.5-hour shift (in proportion).",
    )
    language_gap_weight: int = Field(
        default=5_000,
        ge=0,
        description="Penalty per missing language speaker on a 7.5-hour shift (in proportion).",
    )

    @property
    def effective_workers(self) -> int:
        if self.deterministic:
            return 1
        return self.workers or os.cpu_count() or 1

    @classmethod
    def from_file(cls, path: Path, **overrides: Any) -> SolveParams:
        """Parameters from a YAML file, with any keyword overriding the file."""
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=StrictLoader) or {}
        return cls.model_validate({**data, **overrides})

    def with_(self, **overrides: Any) -> SolveParams:
        return self.model_validate({**self.model_dump(), **overrides})
