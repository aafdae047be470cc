"""The capacity balance: before anything is solved, does the staff's contracted time meet demand?

All figures are hours per week averaged over the rota, except weekend heads. Every line says what
it counts, so a unit leader can redo it by hand: demand = staff x shift hours x days; contracted =
position x full-time week.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from models.employee import SAMI_LANGUAGES
from models.numbers import decimal, number
from models.problems import Problem, warning
from models.unit import Unit

# Contracted hours further than this share from demand hours are worth a warning.
HOURS_MISMATCH_SHARE = 0.10


@dataclass(frozen=True)
class BalanceLine:
    """One row of the balance: what is needed, what the staff can give, and the difference."""

    key: str  # competence or language code, or "total" / "weekend"
    label_nb: str
    label_en: str
    needed: float
    available: float
    unit_nb: str
    unit_en: str
    basis_nb: str = ""  # how `available` was counted, in words
    basis_en: str = ""

    @property
    def balance(self) -> float:
        return self.available - self.needed

    def label(self, lang: str = "nb") -> str:
        return self.label_nb if lang == "nb" else self.label_en


@dataclass(frozen=True)
class CapacityBalance:
    staff: int
    vacant: int
    fte: float
    contracted_hours_per_week: float
    demand_min_hours_per_week: float
    demand_target_hours_per_week: float
    full_time_week_h: float
    competences: list[BalanceLine] = field(default_factory=list)
    weekend: list[BalanceLine] = field(default_factory=list)
    languages: list[BalanceLine] = field(default_factory=list)

    @property
    def balance_hours_per_week(self) -> float:
        return self.contracted_hours_per_week - self.demand_min_hours_per_week

    @property
    def demand_fte(self) -> float:
        """Demand at minimum expressed in full-time equivalents."""
        return self.demand_min_hours_per_week / self.full_time_week_h


def capacity_balance(unit: Unit) -> CapacityBalance:
    """Hours per week the staff is contracted for, against demand, in total, by competence, on
    weekends and for each language demanded."""
    weeks = unit.weeks
    demand_min = 0.0
    demand_target = 0.0
    competence_hours: dict[str, float] = defaultdict(float)
    language_hours: dict[str, float] = defaultdict(float)
    weekend_heads: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    weekend_language_heads: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    weekend_competence_heads: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for day, row in unit.demand_cells():
        hours = unit.shift(row.shift).worked_minutes / 60
        demand_min += row.min * hours / weeks
        demand_target += row.wanted * hours / weeks
        for code, count in row.competence_min.items():
            competence_hours[code] += count * hours / weeks
        for language, count in row.language_min.items():
            language_hours[language] += count * hours / weeks
        if unit.is_weekend(day):
            weekend_heads[day // 7][day] += row.min
            for code, count in row.competence_min.items():
                weekend_competence_heads[code][day] += count
            for language, count in row.language_min.items():
                weekend_language_heads[language][day] += count

    def hours_of(employees: list[str]) -> float:
        total = 0.0
        for employee_id in employees:
            employee = unit.employee(employee_id)
            total += employee.position_pct / 100 * unit.rules_for(employee).full_time_week_h
        return total

    def weekend_supply(employees: list[str]) -> float:
        """People per weekend on average: each person's most weekends over the rota's weeks."""
        if weeks == 0:
            return 0.0
        return sum(unit.rules_for(unit.employee(e)).most_weekends(weeks) for e in employees) / weeks

    def weekend_need(heads_by_day: dict[int, int]) -> float:
        """People needed per weekend: with whole weekends each person covers Saturday and Sunday,
        so the busier day counts; otherwise both days add up. Averaged over the rota's weekends."""
        by_weekend: dict[int, list[int]] = defaultdict(list)
        for day, heads in heads_by_day.items():
            by_weekend[day // 7].append(heads)
        if not by_weekend:
            return 0.0
        per_weekend = [
            max(heads) if unit.rules.whole_weekends else sum(heads) for heads in by_weekend.values()
        ]
        return max(per_weekend)

    everyone = [employee.id for employee in unit.employees]
    competences = []
    for competence in unit.competences:
        if competence.code not in competence_hours:
            continue
        able = [e.id for e in unit.employees if unit.can_fill(e.competence, competence.code)]
        competences.append(
            BalanceLine(
                key=competence.code,
                label_nb=competence.name or competence.code,
                label_en=competence.name or competence.code,
                needed=competence_hours[competence.code],
                available=hours_of(able),
                unit_nb="t/uke",
                unit_en="h/week",
                basis_nb=f"{len(able)} ansatte som kan dekke {competence.code}",
                basis_en=f"{len(able)} employees who can fill {competence.code}",
            )
        )

    all_weekend_days: dict[int, int] = {}
    for days in weekend_heads.values():
        all_weekend_days.update(days)
    most = unit.rules.most_weekends(weeks)
    # "hver 3. helg, høyst 2 av 8": the frequency alone overstates a rota of 8 weeks.
    every_nb = f"hver {unit.rules.weekend_every}. helg, høyst {most} av {weeks}"
    every_en = f"every {unit.rules.weekend_every}. weekend, at most {most} of {weeks}"
    weekend = [
        BalanceLine(
            key="weekend",
            label_nb="Personer per helg",
            label_en="People per weekend",
            needed=weekend_need(all_weekend_days),
            available=weekend_supply(everyone),
            unit_nb="personer",
            unit_en="people",
            basis_nb=f"{len(everyone)} ansatte, {every_nb}",
            basis_en=f"{len(everyone)} employees, {every_en}",
        )
    ]
    for code in [c.code for c in unit.competences if c.code in weekend_competence_heads]:
        heads = weekend_competence_heads[code]
        able = [e.id for e in unit.employees if unit.can_fill(e.competence, code)]
        weekend.append(
            BalanceLine(
                key=code,
                label_nb=f"{code} per helg",
                label_en=f"{code} per weekend",
                needed=weekend_need(heads),
                available=weekend_supply(able),
                unit_nb="personer",
                unit_en="people",
                basis_nb=f"{len(able)} som kan dekke {code}, {every_nb}",
                basis_en=f"{len(able)} who can fill {code}, {every_en}",
            )
        )

    languages = []
    for language in sorted(language_hours):
        speakers = [e.id for e in unit.employees if language in e.languages]
        name_nb, name_en = SAMI_LANGUAGES.get(language, (language, language))
        languages.append(
            BalanceLine(
                key=language,
                label_nb=f"{name_nb} ({language})",
                label_en=f"{name_en} ({language})",
                needed=language_hours[language],
                available=hours_of(speakers),
                unit_nb="t/uke",
                unit_en="h/week",
                basis_nb=f"{len(speakers)} ansatte snakker {name_nb}",
                basis_en=f"{len(speakers)} employees speak {name_en}",
            )
        )
        languages.append(
            BalanceLine(
                key=f"{language}-weekend",
                label_nb=f"{name_nb} per helg",
                label_en=f"{name_en} per weekend",
                needed=weekend_need(weekend_language_heads.get(language, {})),
                available=weekend_supply(speakers),
                unit_nb="personer",
                unit_en="people",
                basis_nb=f"{len(speakers)} som snakker {name_nb}, {every_nb}",
                basis_en=f"{len(speakers)} who speak {name_en}, {every_en}",
            )
        )

    return CapacityBalance(
        staff=len(unit.employees),
        vacant=sum(1 for e in unit.employees if e.vacant),
        fte=sum(e.fte for e in unit.employees),
        contracted_hours_per_week=hours_of(everyone),
        demand_min_hours_per_week=demand_min,
        demand_target_hours_per_week=demand_target,
        full_time_week_h=unit.rules.full_time_week_h,
        competences=competences,
        weekend=weekend,
        languages=languages,
    )


def frame_warnings(unit: Unit) -> list[Problem]:
    """The positions against the årsverksramme: a warning when together they are more."""
    frame = unit.budget.fte_frame
    if frame is None:
        return []
    total = sum(e.fte for e in unit.employees)
    if total <= frame + 1e-9:
        return []
    over = total - frame
    vacant = sum(e.fte for e in unit.employees if e.vacant)

    vacant_nb = f", ledige stillinger medregnet ({number(vacant, decimals=2)})" if vacant else ""
    vacant_en = f", vacant positions included ({vacant:.2f})" if vacant else ""
    return [
        warning(
            f"Stillingene er til sammen {number(total, decimals=2)} årsverk{vacant_nb}, men årsverksrammen er"
            f" {number(frame, decimals=2)}: {number(over, decimals=2)} årsverk over rammen.",
            f"The positions add up to {total:.2f} FTE{vacant_en}, but the FTE frame is"
            f" {frame:.2f}: {over:.2f} FTE over the frame.",
            ("budget", "fte_frame"),
            "over_fte_frame",
        )
    ]


def unit_warnings(unit: Unit, balance: CapacityBalance | None = None) -> list[Problem]:
    """Doubts that do not stop a rota but that a unit leader should see before solving."""
    balance = balance or capacity_balance(unit)
    problems: list[Problem] = frame_warnings(unit)
    for index, row in enumerate(unit.demand):
        for language in row.language_min:
            if not any(language in e.languages for e in unit.employees):
                name_nb, name_en = SAMI_LANGUAGES.get(language, (language, language))
                problems.append(
                    warning(
                        f"Vakt {row.shift} krever {name_nb} ({language}), men ingen ansatte snakker"
                        " språket: det blir et hull (tolk) på hver slik vakt.",
                        f"Shift {row.shift} needs {name_en} ({language}), but no employee speaks it:"
                        " every such shift will have a gap (interpreter).",
                        ("demand", index, "language_min"),
                        "language_without_speaker",
                    )
                )
        for code in row.competence_min:
            if not any(unit.can_fill(e.competence, code) for e in unit.employees):
                problems.append(
                    warning(
                        f"Vakt {row.shift} krever {code}, men ingen ansatte kan dekke det.",
                        f"Shift {row.shift} needs {code}, but no employee can fill it.",
                        ("demand", index, "competence_min"),
                        "competence_without_staff",
                    )
                )
    needed = balance.demand_min_hours_per_week
    contracted = balance.contracted_hours_per_week
    if needed > 0 and abs(contracted - needed) > HOURS_MISMATCH_SHARE * needed:
        more_nb = "flere" if contracted > needed else "færre"
        more_en = "more" if contracted > needed else "fewer"
        problems.append(
            warning(
                f"De ansattes avtalte timer ({number(contracted)} t/uke) er {more_nb} enn behovet"
                f" ({number(needed)} t/uke) med mer enn {HOURS_MISMATCH_SHARE * 100:.0f} %.",
                f"Contracted hours ({contracted:.1f} h/week) are {more_en} than demand"
                f" ({needed:.1f} h/week) by more than {HOURS_MISMATCH_SHARE:.0%}.",
                ("employees",),
                "hours_mismatch",
            )
        )
    for line in balance.weekend + [
        line for line in balance.languages if line.key.endswith("-weekend")
    ]:
        if line.available + 1e-9 < line.needed:
            problems.append(
                warning(
                    f"Helgene krever {decimal(line.needed)} ({line.label_nb}), men staben gir"
                    f" {number(line.available)} ({line.basis_nb}).",
                    f"Weekends need {line.needed:g} ({line.label_en}), but the staff gives"
                    f" {line.available:.1f} ({line.basis_en}).",
                    ("demand",),
                    "weekend_shortfall",
                )
            )
    return problems
