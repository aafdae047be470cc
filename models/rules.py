"""The working-time rule pack (AML chapter 10 and the KS tariff) with the defaults of DOMAIN.md.

Each field's description names its source. Bounds are what the law allows even by agreement: a value
outside them is an input error, not a setting. Numbers marked "assumed" are local practice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import Field

from models.base import Frozen


def _rule(default: Any, nb: str, en: str, ref: str, unit: str = "", **bounds: Any) -> Any:
    """A rule field whose Norwegian/English label, legal reference and unit travel in the schema."""
    return Field(
        default=default,
        description=f"{en} ({ref})",
        json_schema_extra={"label_nb": nb, "label_en": en, "reference": ref, "unit": unit},
        **bounds,
    )


class WorkRules(Frozen):
    """Rules every rota of the unit keeps; several may be overridden per employee."""

    cyclic: bool = _rule(
        True,
        "Grunnturnus som gjentas (reglene går rundt fra siste til første dag)",
        "Cyclic base rota: rules wrap from the last day to the first",
        "grunnturnus",
    )
    working_time_act: bool = _rule(
        True,
        "Arbeidsmiljølovens hvile- og timegrenser gjelder (nei bare for oppgaver utenfor loven)",
        "The Working Environment Act's rest and hour limits apply (off only for problems outside it)",
        "AML kap. 10; av for referanseoppgaver (benchmark)",
    )
    daily_rest_h: float = _rule(
        11.0,
        "Daglig hvile",
        "Daily rest",
        "AML § 10-8 (1); ned til 8 t ved tariffavtale",
        "timer",
        ge=8,
        le=24,
    )
    max_quick_returns: int = _rule(
        0,
        "Maks kvikkvakter per turnus (0 = ingen)",
        "Max quick returns per rota (0 = none)",
        "AML § 10-8 (3), lokal avtale",
        "antall",
        ge=0,
        le=50,
    )
    quick_return_min_rest_h: float = _rule(
        8.0,
        "Minste hvile ved kvikkvakt",
        "Least rest at a quick return",
        "AML § 10-8 (3), tariffavtale",
        "timer",
        ge=8,
        le=24,
    )
    weekly_rest_h: float = _rule(
        35.0,
        "Ukentlig sammenhengende hvile",
        "Weekly continuous rest",
        "AML § 10-8 (2); ned til 28 t ved avtale",
        "timer",
        ge=28,
        le=168,
    )
    max_hours_per_day: float = _rule(
        12.5,
        "Maks arbeidstid per døgn",
        "Max working hours per day",
        "AML § 10-5 (2): 12,5 t ved tariffavtale",
        "timer",
        gt=0,
        le=12.5,
    )
    average_hours_per_week: float = _rule(
        48.0,
        "Gjennomsnittlig arbeidstid per uke, høyst",
        "Average working hours per week, at most",
        "AML § 10-5 (2): 48 t i snitt",
        "timer",
        gt=0,
        le=48,
    )
    averaging_weeks: int | None = _rule(
        None,
        "Gjennomsnittsperiode i uker (tomt = hele turnusen)",
        "Averaging period in weeks (empty = the whole rota)",
        "AML § 10-5 (2): inntil 52 uker",
        "uker",
        ge=1,
        le=52,
    )
    max_hours_per_week: float = _rule(
        54.0,
        "Maks arbeidstid i én kalenderuke",
        "Max working hours in one calendar week",
        "AML § 10-5 (2): aldri over 54 t",
        "timer",
        gt=0,
        le=54,
    )
    max_hours_per_7_days: float | None = _rule(
        None,
        "Maks arbeidstid i hver 7-dagersperiode (lokal regel; tomt = ingen)",
        "Max working hours in any 7 days (local rule; empty = none)",
        "lokal avtale (AML § 10-4 uten gjennomsnitt: 40 t)",
        "timer",
        gt=0,
        le=54,
    )
    weekend_every: int = _rule(
        3,
        "Helgefrekvens: arbeid hver N. helg",
        "Weekend frequency: work every Nth weekend",
        "KS SFS 2201 / lokal praksis",
        "N",
        ge=1,
        le=8,
    )
    whole_weekends: bool = _rule(
        True,
        "Hele helger (lørdag og søndag sammen)",
        "Whole weekends (Saturday and Sunday together)",
        "lokal praksis",
    )
    sunday_rule: bool = _rule(
        True,
        "Fri søn-/helligdag etter arbeidet søn-/helligdag",
        "Sunday or holiday off after a worked one",
        "AML § 10-8 (4); arbeid fra kl. 18 dagen før til kl. 22 teller (§ 10-10 (1))",
    )
    max_consecutive_days: int = _rule(
        5,
        "Maks arbeidsdager på rad",
        "Max consecutive work days",
        "lokal praksis (antatt)",
        "dager",
        ge=1,
        le=14,
    )
    min_consecutive_days: int = _rule(
        1,
        "Minst arbeidsdager på rad",
        "Min consecutive work days",
        "lokal praksis (antatt)",
        "dager",
        ge=1,
        le=14,
    )
    max_weekends: int | None = _rule(
        None,
        "Maks arbeidshelger i turnusen (tomt = ingen grense utover helgefrekvensen)",
        "Max worked weekends in the rota (empty = no limit beyond the weekend frequency)",
        "lokal avtale",
        "helger",
        ge=0,
        le=54,
    )
    max_consecutive_nights: int = _rule(
        3,
        "Maks nattevakter på rad",
        "Max consecutive night shifts",
        "lokal praksis (antatt)",
        "netter",
        ge=1,
        le=14,
    )
    days_off_after_nights: int = _rule(
        2,
        "Fridager etter nattevaktserie",
        "Days off after a run of nights",
        "lokal praksis (antatt)",
        "dager",
        ge=0,
        le=7,
    )
    min_consecutive_days_off: int = _rule(
        1,
        "Minst fridager på rad",
        "Min consecutive days off",
        "lokal praksis (antatt)",
        "dager",
        ge=1,
        le=7,
    )
    full_time_week_h: float = _rule(
        35.5,
        "Full stilling per uke",
        "Full-time week",
        "KS HTA kap. 1 § 4: 35,5 t i turnus med søndagsarbeid",
        "timer",
        gt=0,
        le=40,
    )
    three_shift_credit: bool = _rule(
        False,
        "Tidskompensasjon i tredelt turnus (natt 1 t 15 min, søn-/helligdag 1 t 10 min)",
        "Time credit in three-shift turnus (night 1 h 15 min, Sunday/holiday 1 h 10 min)",
        "KS HTA kap. 1: gjelder den som går natt og dag/kveld; full uke ned mot 33,6 t",
    )
    min_full_time_week_h: float = _rule(
        33.6,
        "Korteste full uke med tidskompensasjon",
        "Shortest full-time week with the time credit",
        "KS HTA kap. 1: 33,6 t (helkontinuerlig)",
        "timer",
        gt=0,
        le=40,
    )
    hours_tolerance_h_per_week: float = _rule(
        0.5,
        "Avvik fra stillingens timer per uke",
        "Hours tolerance against the position per week",
        "lokal praksis (antatt): rest føres i timebank",
        "timer",
        ge=0,
        le=10,
    )
    night_spread_weight: int = _rule(
        5,
        "Vekt: ujevn fordeling av nattevakter",
        "Weight: uneven spread of night shifts",
        "rettferdighet (lokal praksis)",
        "poeng",
        ge=0,
        le=1000,
    )
    weekend_spread_weight: int = _rule(
        5,
        "Vekt: ujevn fordeling av helger",
        "Weight: uneven spread of weekends",
        "rettferdighet (lokal praksis)",
        "poeng",
        ge=0,
        le=1000,
    )
    isolated_day_weight: int = _rule(
        3,
        "Vekt: enkeltstående arbeidsdag mellom fridager",
        "Weight: a single work day between days off",
        "rettferdighet (lokal praksis)",
        "poeng",
        ge=0,
        le=1000,
    )
    week_hours_slack_h: float = _rule(
        8.0,
        "Jevne uker: timer en uke kan ligge over eller under stillingens ukesnitt uten straff",
        "Even weeks: hours a week may lie above or below the position's weekly hours unpenalised",
        "lokal praksis (antatt)",
        "timer",
        ge=0,
        le=60,
    )
    uneven_week_weight: int = _rule(
        2,
        "Vekt: per time en uke ligger utenfor stillingens ukesnitt ± slakken",
        "Weight: per hour a week lies outside the position's weekly hours ± the slack",
        "jevne uker (lokal praksis): vektes etter dekningen, som aldri gis opp for dem",
        "poeng",
        ge=0,
        le=1000,
    )

    def most_weekends(self, weeks: int) -> int:
        """The most weekends one person may work in a rota of `weeks` weeks: at most one in
        every `weekend_every` weeks in a row (wrapping round in a cyclic rota, so 8 cyclic weeks
        at every 3rd hold 2, not 8/3), and at most `max_weekends`."""
        every = min(self.weekend_every, weeks)
        wraps = 1 if every >= weeks else weeks // every
        most = wraps if self.cyclic else -(-weeks // every)
        if self.max_weekends is not None:
            most = min(most, self.max_weekends)
        return most


# Rules an employee may have their own value for; the names are WorkRules fields.
PER_EMPLOYEE_RULES = (
    "weekend_every",
    "max_consecutive_days",
    "max_consecutive_nights",
    "min_consecutive_days_off",
    "hours_tolerance_h_per_week",
    "min_consecutive_days",
    "max_weekends",
)


@dataclass(frozen=True)
class RuleInfo:
    name: str
    label_nb: str
    label_en: str
    reference: str
    unit: str
    default: Any


def rule_catalogue() -> list[RuleInfo]:
    """Every rule with its labels and legal reference, in declaration order (for sheets and docs)."""
    infos = []
    for name, field in WorkRules.model_fields.items():
        extra = field.json_schema_extra
        assert isinstance(extra, dict)
        infos.append(
            RuleInfo(
                name=name,
                label_nb=str(extra["label_nb"]),
                label_en=str(extra["label_en"]),
                reference=str(extra["reference"]),
                unit=str(extra["unit"]),
                default=field.default,
            )
        )
    return infos
