"""Coverage: staff per shift and day, per competence (with `covers`) and per Sami language.

Minimums are soft with a very high weight by default, so a rota always comes back with its gaps
shown; `SolveParams.hard_cover` makes them hard. A shift with no demand row on a day is not worked.
"""

from __future__ import annotations

from models.employee import SAMI_LANGUAGES
from models.rota import Rota
from models.unit import Unit
from rota.context import CoverGap, ModelContext
from rota.findings import Finding, FindingKind, day_label

RULE = "dekning"
REFERENCE = "bemanningsplan"
LANGUAGE_REFERENCE = "sameloven § 3-5"
# The shift length the gap weights are given for: a longer shift short weighs more, by its
# worked minutes, so that the search lowers the gap hours a reader is shown, not a head count.
WEIGHT_SHIFT_MINUTES = 450


def gap_weight(weight: int, worked_minutes: int) -> int:
    """The penalty for one person short on a shift of `worked_minutes`, from the weight given
    for a 7.5-hour shift (at least 1 where the weight is not 0)."""
    if weight == 0:
        return 0
    return max(1, round(weight * worked_minutes / WEIGHT_SHIFT_MINUTES))


def add_to_model(ctx: ModelContext) -> None:
    unit, model, params = ctx.unit, ctx.model, ctx.params
    staff_count = len(unit.employees)
    index = unit.demand_index()
    for day in range(unit.days):
        for shift in unit.shift_types:
            on_shift = [ctx.x[e.id, day, shift.code] for e in unit.employees]
            row = index.get((day, shift.code))
            if row is None:
                model.add(sum(on_shift) == 0)
                continue
            staffed = sum(on_shift)
            under_min = model.new_int_var(0, row.min, "")
            if params.hard_cover:
                model.add(under_min == 0).only_enforce_if(ctx.hard(RULE))
            under_target = model.new_int_var(0, row.wanted - row.min, "")
            over = model.new_int_var(0, staff_count, "")
            model.add(staffed + under_min >= row.min)
            model.add(staffed + under_min + under_target >= row.wanted)
            model.add(staffed - over <= row.wanted)
            ctx.penalise(
                "under_minimum",
                under_min,
                gap_weight(params.under_minimum_weight, shift.worked_minutes),
            )
            ctx.cover_gaps.append(CoverGap(under_min, on_shift, row.min, shift.worked_minutes))
            ctx.penalise("under_target", under_target, round(row.weight_under))
            ctx.penalise("over_cover", over, round(row.weight_over))
            for code, needed in row.competence_min.items():
                able = [
                    ctx.x[e.id, day, shift.code]
                    for e in unit.employees
                    if unit.can_fill(e.competence, code)
                ]
                gap = model.new_int_var(0, needed, "")
                model.add(sum(able) + gap >= needed)
                if params.hard_cover:
                    model.add(gap == 0).only_enforce_if(ctx.hard("kompetanse"))
                ctx.penalise(
                    "competence_gap",
                    gap,
                    gap_weight(params.competence_gap_weight, shift.worked_minutes),
                )
                ctx.cover_gaps.append(CoverGap(gap, able, needed, shift.worked_minutes))
            for language, needed in row.language_min.items():
                speakers = [
                    ctx.x[e.id, day, shift.code] for e in unit.employees if language in e.languages
                ]
                gap = model.new_int_var(0, needed, "")
                model.add(sum(speakers) + gap >= needed)
                if params.hard_cover:
                    model.add(gap == 0).only_enforce_if(ctx.hard(f"samisk språk:{language}"))
                ctx.penalise(
                    f"language_gap_{language}",
                    gap,
                    gap_weight(params.language_gap_weight, shift.worked_minutes),
                )
                ctx.cover_gaps.append(CoverGap(gap, speakers, needed, shift.worked_minutes))


def audit(unit: Unit, rota: Rota) -> list[Finding]:
    findings = []
    index = unit.demand_index()
    for day in range(unit.days):
        for shift in unit.shift_types:
            working = [e for e in unit.employees if rota.shift_on(e.id, day) == shift.code]
            row = index.get((day, shift.code))
            when = f"{shift.code} {day_label(day)}"
            if row is None:
                for employee in working:
                    findings.append(
                        Finding(
                            RULE,
                            REFERENCE,
                            f"{employee.display_name} har vakt {when}, men bemanningsplanen har ikke"
                            " den vakta den dagen.",
                            f"{employee.display_name} works {shift.code} on day {day + 1}, which"
                            " the staffing plan does not have that day.",
                            employee.id,
                            day,
                        )
                    )
                continue
            if len(working) < row.min:
                findings.append(
                    Finding(
                        RULE,
                        REFERENCE,
                        f"{when}: {len(working)} på vakt, minimum er {row.min}.",
                        f"{shift.code} day {day + 1}: {len(working)} on shift, minimum {row.min}.",
                        None,
                        day,
                        FindingKind.GAP,
                    )
                )
            for code, needed in row.competence_min.items():
                able = sum(1 for e in working if unit.can_fill(e.competence, code))
                if able < needed:
                    findings.append(
                        Finding(
                            "kompetanse",
                            REFERENCE,
                            f"{when}: {able} som kan dekke {code}, kravet er {needed}.",
                            f"{shift.code} day {day + 1}: {able} who can fill {code}, {needed}"
                            " required.",
                            None,
                            day,
                            FindingKind.GAP,
                        )
                    )
            for language, needed in row.language_min.items():
                speakers = sum(1 for e in working if language in e.languages)
                if speakers < needed:
                    name_nb, name_en = SAMI_LANGUAGES.get(language, (language, language))
                    findings.append(
                        Finding(
                            "samisk språk",
                            LANGUAGE_REFERENCE,
                            f"{when}: {speakers} som snakker {name_nb}, kravet er {needed}"
                            " (tolk trengs).",
                            f"{shift.code} day {day + 1}: {speakers} who speak {name_en},"
                            f" {needed} required (interpreter needed).",
                            None,
                            day,
                            FindingKind.GAP,
                        )
                    )
    return findings


def open_gaps(unit: Unit, rota: Rota) -> int:
    """How many gap findings the audit gives the rota."""
    return sum(1 for finding in audit(unit, rota) if finding.kind is FindingKind.GAP)


def shortfall_minutes(unit: Unit, rota: Rota) -> int:
    """Shift-minutes short of the staffing plan over the whole rota: each person below minimum,
    each missing competence and each missing language speaker, times the shift's worked minutes
    (the quantity the model's gap variables count, `ModelContext.cover_gaps`)."""
    total = 0
    for (day, code), row in unit.demand_index().items():
        working = [e for e in unit.employees if rota.shift_on(e.id, day) == code]
        short = max(0, row.min - len(working))
        for competence, needed in row.competence_min.items():
            short += max(0, needed - sum(unit.can_fill(e.competence, competence) for e in working))
        for language, needed in row.language_min.items():
            short += max(0, needed - sum(language in e.languages for e in working))
        total += short * unit.shift(code).worked_minutes
    return total
