"""The municipality in the terminal: service areas today, then the economic plan's choice."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from models.numbers import number
from models.problems import Language
from scenarios.portfolio import TODAY_EN, TODAY_NB, PortfolioResult, economic_plan
from scenarios.portfolio_workbook import unsolved_note


def _t(lang: Language, nb: str, en: str) -> str:
    return nb if lang == "nb" else en


def _kr(value: float | None, lang: Language) -> str:
    return "" if value is None else number(value, lang, 0)


def print_portfolio(console: Console, result: PortfolioResult, lang: Language) -> None:
    """Gaps first, then årsverk and kroner against the frames, by service area and in all."""
    table = Table(title=result.portfolio.name, title_justify="left")
    for header in (
        _t(lang, "Tjenesteområde", "Service area"),
        _t(lang, "Hull (t/uke)", "Gaps (h/week)"),
        _t(lang, "Årsverk", "FTE"),
        _t(lang, "Årsverksramme", "FTE frame"),
        _t(lang, "Kostnad/år (kr)", "Cost/year (NOK)"),
        _t(lang, "Budsjettramme (kr)", "Budget frame (NOK)"),
        _t(lang, "Heltidsandel", "Full-time share"),
    ):
        table.add_column(header, justify="left" if not table.columns else "right")
    totals = [*result.by_service_area(), result.municipality()]
    for index, total in enumerate(totals):
        style = "bold" if index == len(totals) - 1 else None
        no_rota = "[red]" + _t(lang, "ingen turnus", "no rota") + "[/]"
        table.add_row(
            escape(total.label),
            no_rota if total.gap_hours_per_week is None else number(total.gap_hours_per_week, lang),
            number(total.fte_used, lang, 2),
            "" if total.fte_frame is None else number(total.fte_frame, lang, 2),
            no_rota if total.annual_cost is None else _kr(total.annual_cost, lang),
            _kr(total.budget_frame, lang),
            f"{number(total.heltid.share_heads * 100, lang)} %",
            style=style,
        )
    console.print(table)
    unsolved = totals[-1].unsolved
    if unsolved:
        console.print("[red]" + escape(unsolved_note(unsolved, lang)) + "[/]")
    choice = economic_plan(result)
    if choice is None:
        return
    plan = result.portfolio.economic_plan
    assert plan is not None
    years = sorted(plan.targets)
    chosen = Table(title=_t(lang, "Økonomiplan", "Economic plan"), title_justify="left")
    chosen.add_column(_t(lang, "Enhet", "Unit"))
    chosen.add_column(_t(lang, "Valgt", "Chosen"))
    for year in years:
        chosen.add_column(str(year), justify="right")
    chosen.add_column(_t(lang, "Mer hull (t/uke)", "More gaps (h/week)"), justify="right")
    base_year = result.portfolio.first_year
    for option in choice.options:
        unit = result.portfolio.bases[option.option.unit_index]
        name = _t(lang, TODAY_NB, TODAY_EN) if option.option.is_today else option.option.name
        chosen.add_row(
            escape(unit.name),
            escape(name),
            *(_kr(option.effect_in(y, plan.price_index_pct, base_year), lang) for y in years),
            number(option.extra_gap_hours, lang),
        )
    chosen.add_row(
        _t(lang, "Sum", "Total"),
        "",
        *(_kr(choice.effect_by_year[y], lang) for y in years),
        style="bold",
    )
    chosen.add_row(_t(lang, "Mål", "Target"), "", *(_kr(plan.targets[y], lang) for y in years), "")
    console.print(chosen)
    if choice.left_out:
        names = ", ".join(r.option.scenario.name for r in choice.left_out)
        console.print(
            escape(
                _t(
                    lang,
                    f"Ikke med i valget (ingen turnus, så ingen innsparing å regne): {names}.",
                    f"Not in the choice (no rota, so no saving to count): {names}.",
                )
            )
        )
    if not choice.reached:
        console.print(
            "[red]"
            + _t(
                lang,
                "Ingen kombinasjon av scenarioene når målet hvert år; valget kommer nærmest.",
                "No combination of the scenarios reaches the target every year; the choice"
                " comes closest.",
            )
            + "[/]"
        )
