"""The independent rule check: plain Python, no CP-SAT, for any rota, solver-made or hand-made."""

from __future__ import annotations

from models.rota import Rota
from models.unit import Unit
from rota.findings import Finding
from rota.rules import FAMILIES


def check(unit: Unit, rota: Rota) -> list[Finding]:
    """Every broken rule and every cover gap of the rota, each with rule, reference, who and when."""
    findings: list[Finding] = []
    for family in FAMILIES:
        findings.extend(family.audit(unit, rota))
    return findings
