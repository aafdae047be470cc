"""Why the hard rules cannot all be met, in words a unit leader understands.

Each hard rule group gets one enforcement literal per employee (or for the unit); CP-SAT is asked
for a small set of these assumptions that cannot hold together, and the set is put into words.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from models.employee import SAMI_LANGUAGES
from models.unit import Unit
from rota.context import ModelContext, RuleKey
from rota.interruptible import new_solver, solve_interruptibly

# Each rule group in both languages, as a person would name it.
GROUP_WORDS: dict[str, tuple[str, str]] = {
    "tilgjengelighet": (
        "tilgjengelighet (fridager, faste vakter, tillatte vakter)",
        "availability (days off, pinned shifts, allowed shifts)",
    ),
    "timer": ("timer i turnusen (stilling ± toleranse)", "rota hours (position ± tolerance)"),
    "daglig hvile": ("daglig hvile (AML § 10-8 (1))", "daily rest (AML § 10-8 (1))"),
    "hvile mellom stillinger": (
        "hvile mellom vaktene i én persons stillinger (AML § 10-8 (1))",
        "rest between the shifts of one person's positions (AML § 10-8 (1))",
    ),
    "ukehvile": ("ukentlig hvile (AML § 10-8 (2))", "weekly rest (AML § 10-8 (2))"),
    "arbeidstid per 7 dager": (
        "arbeidstid per 7 dager (lokal regel)",
        "hours per 7 days (local rule)",
    ),
    "arbeidstid per uke": (
        "arbeidstid per uke og i snitt (AML § 10-5 (2))",
        "hours per week and on average (AML § 10-5 (2))",
    ),
    "helgefrekvens": ("helgefrekvensen", "the weekend frequency"),
    "hele helger": ("hele helger", "whole weekends"),
    "søndagsarbeid": (
        "fri søn- eller helgedag etter en arbeidet (AML § 10-8 (4))",
        "a Sunday or holiday off after a worked one (AML § 10-8 (4))",
    ),
    "dager på rad": ("maks arbeidsdager på rad", "max work days in a row"),
    "netter på rad": ("maks nattevakter på rad", "max nights in a row"),
    "fri etter natt": ("fridager etter nattevakter", "days off after nights"),
    "fridager på rad": ("minst fridager på rad", "min days off in a row"),
    "dekning": ("minimumsbemanningen", "the minimum staffing"),
    "kompetanse": ("kompetansekravene på vaktene", "the competence requirements on shifts"),
}


@dataclass(frozen=True)
class Explanation:
    """One sentence of why no rota exists, in both languages."""

    nb: str
    en: str

    def text(self, lang: str = "nb") -> str:
        return self.nb if lang == "nb" else self.en

    def __str__(self) -> str:
        return self.nb


def _words(group: str, unit: Unit) -> tuple[str, str]:
    if group.startswith("samisk språk:"):
        code = group.split(":", 1)[1]
        name_nb, name_en = SAMI_LANGUAGES.get(code, (code, code))
        speakers = sum(1 for e in unit.employees if code in e.languages)
        return (
            f"kravet om {name_nb} på vakt (sameloven § 3-5; {speakers} ansatte snakker {name_nb})",
            f"the {name_en} requirement (sameloven § 3-5; {speakers} employees speak {name_en})",
        )
    return GROUP_WORDS.get(group, (group, group))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]


def explain(unit: Unit, ctx: ModelContext, time_limit_s: float) -> list[Explanation]:
    """Solve again under assumptions and name a set of rules that cannot hold together."""
    keys = list(ctx.enforcement)
    literals = [ctx.enforcement[key] for key in keys]
    ctx.model.clear_objective()  # type: ignore[no-untyped-call]
    ctx.model.add_assumptions(literals)
    solver = new_solver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = time_limit_s
    status = solve_interruptibly(solver, ctx.model)
    if status != cp_model.INFEASIBLE:
        return [
            Explanation(
                "Reglene kunne ikke forklares innen tidsgrensen; prøv med lengre tid.",
                "The conflict could not be narrowed down within the time limit; try a longer one.",
            )
        ]
    core = set(solver.sufficient_assumptions_for_infeasibility())
    involved: list[RuleKey] = [
        key for key, lit in zip(keys, literals, strict=True) if lit.index in core
    ]
    return _sentences(unit, _shrink(ctx, involved, time_limit_s))


def _shrink(ctx: ModelContext, involved: list[RuleKey], time_limit_s: float) -> list[RuleKey]:
    """Drop every rule group the conflict does not need, so the sentence names only the culprits.
    Each drop is tried once; a try that does not end in time keeps the group."""
    kept = list(involved)
    per_try = max(0.5, min(2.0, time_limit_s / max(1, len(involved))))
    for key in list(involved):
        if len(kept) == 1:
            break
        trial = [k for k in kept if k != key]
        ctx.model.clear_assumptions()
        ctx.model.add_assumptions([ctx.enforcement[k] for k in trial])
        solver = new_solver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = per_try
        if solve_interruptibly(solver, ctx.model) == cp_model.INFEASIBLE:
            kept = trial
    return kept


def _sentences(unit: Unit, involved: list[RuleKey]) -> list[Explanation]:
    by_employee: dict[str | None, list[str]] = defaultdict(list)
    for group, employee_id in involved:
        by_employee[employee_id].append(group)
    sentences = []
    unit_groups = by_employee.pop(None, [])
    if unit_groups:
        nb = [_words(g, unit)[0] for g in unit_groups]
        en = [_words(g, unit)[1] for g in unit_groups]
        sentences.append(
            Explanation(
                f"{_capital(_join(nb, 'og'))} kan ikke oppfylles med de ansatte og reglene"
                " som gjelder for dem.",
                f"{_capital(_join(en, 'and'))} cannot be met with the staff and the rules"
                " that apply to them.",
            )
        )
    for employee_id, groups in by_employee.items():
        employee = unit.employee(employee_id) if employee_id else None
        who = f"{employee.display_name} ({employee.position_pct:g} %)" if employee else "?"
        nb = [_words(g, unit)[0] for g in groups]
        en = [_words(g, unit)[1] for g in groups]
        if len(groups) == 1:
            sentences.append(
                Explanation(
                    f"{who}: {nb[0]} kan ikke oppfylles i en {unit.weeks}-ukers turnus.",
                    f"{who}: {en[0]} cannot be met in a {unit.weeks}-week rota.",
                )
            )
        else:
            sentences.append(
                Explanation(
                    f"{who}: {_join(nb, 'og')} går ikke sammen.",
                    f"{who}: {_join(en, 'and')} do not fit together.",
                )
            )
    if not sentences:
        sentences.append(
            Explanation(
                "Vaktene og reglene går ikke sammen i seg selv (én vakt per dag).",
                "The shifts and rules conflict by themselves (one shift a day).",
            )
        )
    return sentences
