"""The budget frame and the price of labour: pay, allowances, holiday pay, pension, employer tax."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from models.base import Frozen

EmployerTaxZone = Literal["I", "Ia", "II", "III", "IV", "IVa", "V"]

# Arbeidsgiveravgift by zone (Skatteetaten); zone V is all of Finnmark and Nord-Troms.
EMPLOYER_TAX_PCT: dict[str, float] = {
    "I": 14.1,
    "Ia": 10.6,
    "II": 10.6,
    "III": 6.4,
    "IV": 5.1,
    "IVa": 7.9,
    "V": 0.0,
}

# KS guaranteed minimum annual pay at 0 years' seniority (May 2024), by common competence code.
TARIFF_MINIMUM_PAY: dict[str, float] = {
    "ASS": 382_500,
    "HFA": 437_300,
    "SPL": 507_400,
    "VPL": 507_400,
}


class Budget(Frozen):
    """What the unit may spend (frames) and what labour costs (rates). All rates are inputs."""

    budget_frame_nok: float | None = Field(
        default=None, ge=0, description="Budsjettramme: NOK per year for the unit's staff."
    )
    fte_frame: float | None = Field(
        default=None, ge=0, description="Årsverksramme: full-time equivalents the unit may use."
    )
    budget_year: int | None = Field(
        default=None,
        ge=1950,
        le=2100,
        description="Budsjettår: the year the rota is priced for (its public holidays and pay);"
        " empty = a dated plan's first year, else the current year.",
    )
    pay_year: int | None = Field(
        default=None,
        ge=1950,
        le=2100,
        description="The year the pay figures are for (annual pay, kroner allowances, price of"
        " an uncovered hour); empty = the budget year, no wage growth.",
    )
    wage_growth_pct: float = Field(
        default=0.0,
        ge=-20,
        le=50,
        description="Lønnsvekst per year, %: pay figures are scaled by"
        " (1 + growth)^(budget year - pay year).",
    )
    pay_per_competence: dict[str, Annotated[float, Field(ge=0)]] = Field(
        default_factory=dict,
        description="Annual pay at 100 % per competence code (NOK); employees may have their own.",
    )
    weekend_allowance_pct: float = Field(
        default=22.0, ge=0, description="Weekend allowance, % of hourly pay (KS HTA kap. 1 § 5)."
    )
    weekend_allowance_min_nok: float = Field(
        default=70.0, ge=0, description="Weekend allowance at least NOK per hour."
    )
    evening_allowance_nok: float = Field(
        default=56.0, ge=0, description="Evening allowance 17-21, NOK per hour."
    )
    night_allowance_pct: float = Field(
        default=25.0, ge=0, description="Night allowance 21-06, % of hourly pay."
    )
    night_allowance_min_nok: float = Field(
        default=70.0, ge=0, description="Night allowance at least NOK per hour."
    )
    holiday_allowance_pct: float = Field(
        default=133.33, ge=0, description="Public-holiday allowance, % of hourly pay."
    )
    holiday_pay_pct: float = Field(default=12.0, ge=0, le=30, description="Feriepenger, % of pay.")
    holiday_pay_over_60_extra_pct: float = Field(
        default=2.3, ge=0, le=10, description="Extra holiday pay from age 60, percentage points."
    )
    pension_pct: float = Field(
        default=18.0, ge=0, le=50, description="Employer pension (KLP), % of pay (assumed)."
    )
    employer_tax_zone: EmployerTaxZone = Field(
        default="I", description="Arbeidsgiveravgift zone: I 14.1 %, ... V 0 %."
    )
    sick_leave_cover_pct: float = Field(
        default=0.0, ge=0, le=50, description="Sick leave bought as cover, % of pay."
    )
    vacation_cover_pct: float = Field(
        default=0.0, ge=0, le=50, description="Vacation bought as cover, % of pay."
    )
    agency_hour_nok: float = Field(
        default=850.0, ge=0, description="Price of one hour of uncovered demand (agency/overtime)."
    )

    @property
    def employer_tax_pct(self) -> float:
        return EMPLOYER_TAX_PCT[self.employer_tax_zone]
