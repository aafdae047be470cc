"""Terminal output: problems and the capacity balance as rich tables, in Norwegian or English."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from models.capacity import BalanceLine, CapacityBalance
from models.problems import Language, Problem, Severity
from models.unit import Unit


def number(value: float, lang: Language, decimals: int = 1) -> str:
    """A number the way the reader writes it: 1 234,5 in Norwegian, 1,234.5 in English."""
    text = f"{value:,.{decimals}f}"
    if lang == "nb":
        text = text.replace(",", " ").replace(".", ",")
    return text


def signed(value: float, lang: Language, decimals: int = 1) -> str:
    shown = number(value, lang, decimals)
    return f"+{shown}" if value > 0.05 else shown


def print_problems(console: Console, problems: list[Problem], lang: Language) -> None:
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    if errors:
        title = f"{len(errors)} feil" if lang == "nb" else f"{len(errors)} error(s)"
        console.print(f"[bold red]{title}[/]")
        for problem in errors:
            console.print(f"  [red]✗[/] {_escape(problem.describe(lang))}")
    if warnings:
        title = f"{len(warnings)} advarsler" if lang == "nb" else f"{len(warnings)} warning(s)"
        console.print(f"[bold yellow]{title}[/]")
        for problem in warnings:
            console.print(f"  [yellow]![/] {_escape(problem.describe(lang))}")


def _escape(text: str) -> str:
    return text.replace("[", r"\[")


def print_balance(console: Console, unit: Unit, balance: CapacityBalance, lang: Language) -> None:
    nb = lang == "nb"
    heading = (
        f"{unit.name} ({unit.municipality}) — {unit.weeks} uker"
        if nb
        else f"{unit.name} ({unit.municipality}) — {unit.weeks} weeks"
    )
    console.print(f"[bold]{heading}[/]")
    staff = (
        f"Ansatte: {balance.staff} (herav {balance.vacant} vakante), årsverk:"
        f" {number(balance.fte, lang, 2)}, behov ved minimumsbemanning:"
        f" {number(balance.demand_fte, lang, 2)} årsverk"
        if nb
        else f"Staff: {balance.staff} ({balance.vacant} vacant), FTE: {number(balance.fte, lang, 2)},"
        f" demand at minimum staffing: {number(balance.demand_fte, lang, 2)} FTE"
    )
    console.print(staff)

    table = Table(title="Kapasitetsbalanse" if nb else "Capacity balance", title_justify="left")
    for header in (
        ("Hva", "What"),
        ("Behov", "Needed"),
        ("Tilgjengelig", "Available"),
        ("Balanse", "Balance"),
        ("Enhet", "Unit"),
        ("Grunnlag", "Basis"),
    ):
        table.add_column(
            header[0] if nb else header[1],
            justify="left" if header[0] in ("Hva", "Enhet", "Grunnlag") else "right",
        )
    table.add_row(
        "Timer totalt (minimum)" if nb else "Hours in total (minimum)",
        number(balance.demand_min_hours_per_week, lang),
        number(balance.contracted_hours_per_week, lang),
        _balance_cell(balance.balance_hours_per_week, lang),
        "t/uke" if nb else "h/week",
        (
            f"stilling × {number(balance.full_time_week_h, lang)} t"
            if nb
            else f"position × {number(balance.full_time_week_h, lang)} h"
        ),
    )
    if balance.demand_target_hours_per_week > balance.demand_min_hours_per_week:
        gap = balance.contracted_hours_per_week - balance.demand_target_hours_per_week
        table.add_row(
            "Timer totalt (ønsket)" if nb else "Hours in total (target)",
            number(balance.demand_target_hours_per_week, lang),
            number(balance.contracted_hours_per_week, lang),
            _balance_cell(gap, lang),
            "t/uke" if nb else "h/week",
            "",
        )
    _section(table, "Kompetanse" if nb else "Competence", balance.competences, lang)
    _section(table, "Helg" if nb else "Weekend", balance.weekend, lang)
    _section(table, "Språk" if nb else "Language", balance.languages, lang)
    console.print(table)


def _section(table: Table, title: str, lines: list[BalanceLine], lang: Language) -> None:
    if not lines:
        return
    table.add_section()
    table.add_row(f"[bold]{title}[/]", "", "", "", "", "")
    for line in lines:
        decimals = 1
        table.add_row(
            "  " + line.label(lang),
            number(line.needed, lang, decimals),
            number(line.available, lang, decimals),
            _balance_cell(line.balance, lang),
            line.unit_nb if lang == "nb" else line.unit_en,
            line.basis_nb if lang == "nb" else line.basis_en,
        )


def _balance_cell(value: float, lang: Language) -> str:
    text = signed(value, lang)
    return f"[red]{text}[/]" if value < -0.05 else f"[green]{text}[/]"


def print_shift_table(console: Console, unit: Unit, lang: Language) -> None:
    nb = lang == "nb"
    table = Table(title="Vakter" if nb else "Shifts", title_justify="left")
    for header in (
        ("Kode", "Tid", "Timer", "Kveld", "Natt")
        if nb
        else ("Code", "Time", "Hours", "Evening", "Night")
    ):
        table.add_column(
            header, justify="left" if header in ("Kode", "Code", "Tid", "Time") else "right"
        )
    for shift in unit.shift_types:
        table.add_row(
            f"{shift.code} {shift.name}".strip(),
            f"{shift.start:%H:%M}-{shift.end:%H:%M}",
            number(shift.worked_minutes / 60, lang, 2),
            number(shift.evening_minutes / 60, lang, 2),
            number(shift.night_minutes / 60, lang, 2),
        )
    console.print(table)
