"""Terminal output: problems, the capacity balance, the solve summary and the rule check as
rich tables, in Norwegian or English."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from models.capacity import BalanceLine, CapacityBalance
from models.numbers import number
from models.problems import Language, Problem, Severity
from models.rota_workbook import day_heading
from models.unit import Unit
from rota.findings import Finding, FindingKind, date_label, with_dates
from rota.params import SolveParams
from rota.result import Result, Status
from scenarios.labels import (
    breaches_first,
    count_kinds,
    explanation,
    kind_label,
    status_label,
)
from scenarios.rota_workbook import summary_rows


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
    vacant = "vakant" if balance.vacant == 1 else "vakante"
    staff = (
        f"Ansatte: {balance.staff} (herav {balance.vacant} {vacant}), årsverk:"
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


# Solving and checking ----------------------------------------------------------------------


def _shown(value: object, number_format: str | None, lang: Language) -> str:
    """A Sammendrag value as the terminal shows it, in the reader's number format."""
    if value is None:
        return ""
    if not isinstance(value, int | float):
        return _escape(str(value))
    if number_format == "0%":
        return f"{number(value * 100, lang, 0)} %"
    if number_format and number_format.startswith("+"):
        return signed(value, lang, 0)
    decimals = {"0.0": 1, "0.00": 2}.get(number_format or "", 0)
    return number(value, lang, decimals)


def print_solve_summary(
    console: Console, unit: Unit, result: Result, findings: list[Finding], lang: Language
) -> None:
    """The Sammendrag sheet's rows as one table: status, gaps and breaches, cost against the
    frames, then the search's penalty points and time."""
    table = Table(
        title="Resultat" if lang == "nb" else "Result", title_justify="left", show_header=False
    )
    table.add_column("", justify="left")
    table.add_column("", justify="right")
    breaches, gaps = count_kinds(findings)
    colours = {
        "Status": "green" if result.status.has_rota else "red",
        _label(lang, "Brudd på reglene", "Breaches of the rules"): "red" if breaches else "green",
        _label(lang, "Mangler i dekningen (vakter)", "Gaps in cover (shifts)"): (
            "yellow" if gaps else ""
        ),
    }
    for label, value, number_format in summary_rows(unit, result, findings, lang):
        if label in (_label(lang, "Enhet", "Unit"), _label(lang, "Kommune", "Municipality")):
            continue  # said in the heading above the table
        shown = _shown(value, number_format, lang)
        colour = colours.get(label, "")
        table.add_row(_escape(label), f"[{colour}]{shown}[/]" if colour else shown)
    console.print(table)


def _label(lang: Language, nb: str, en: str) -> str:
    return nb if lang == "nb" else en


def print_no_rota(console: Console, result: Result, params: SolveParams, lang: Language) -> None:
    """Say in plain words that no rota came back, and why if the engine knows."""
    nb = lang == "nb"
    if result.status is Status.INFEASIBLE:
        message = (
            "Fant ingen turnus: reglene kan ikke oppfylles samtidig for denne enheten."
            if nb
            else "No rota: the rules cannot all be met at once for this unit."
        )
    elif result.status is Status.UNKNOWN:
        seconds = number(params.time_limit_s, lang, 0)
        message = (
            f"Fant ingen turnus innen tidsgrensen ({seconds} s). Prøv en lengre --time-limit."
            if nb
            else f"No rota found within the time limit ({seconds} s). Try a longer --time-limit."
        )
    else:
        message = (
            f"Fant ingen turnus ({status_label(result.status, lang)})."
            if nb
            else f"No rota ({status_label(result.status, lang)})."
        )
    console.print(f"[bold red]{_escape(message)}[/]")
    for line in explanation(result, lang):
        console.print(f"  • {_escape(line)}")
    console.print(
        "Ingen turnusfil ble skrevet." if nb else "No rota workbook was written.",
    )


def print_findings(console: Console, unit: Unit, findings: list[Finding], lang: Language) -> None:
    """The rule check as a table, breaches first; a clear line when no rule is broken."""
    nb = lang == "nb"
    breaches, gaps = count_kinds(findings)
    if breaches:
        console.print(
            f"[bold red]✗ {breaches} brudd på reglene[/]"
            if nb
            else f"[bold red]✗ {breaches} breach(es) of the rules[/]"
        )
    else:
        console.print(
            "[bold green]✓ Ingen brudd på reglene[/]"
            if nb
            else "[bold green]✓ No breaches of the rules[/]"
        )
    if gaps:
        console.print(
            f"[yellow]{gaps} mangler i dekningen[/]" if nb else f"[yellow]{gaps} gap(s) in cover[/]"
        )
    if not findings:
        return
    # A dated plan that is no grunnturnus (a year) names its days by their dates.
    start = unit.start_date if not unit.rules.cyclic else None
    if start is not None:
        findings = with_dates(findings, start)
    table = Table(title="Regelsjekk" if nb else "Rule check", title_justify="left")
    for header in (
        ("Type", "Regel", "Hjemmel", "Ansatt", "Dag", "Detalj")
        if nb
        else ("Kind", "Rule", "Reference", "Employee", "Day", "Detail")
    ):
        table.add_column(header, overflow="fold")
    for finding in breaches_first(findings):
        employee = unit.employee_by_id.get(finding.employee or "")
        who = employee.display_name if employee else (finding.employee or "")
        kind = kind_label(finding.kind, lang)
        table.add_row(
            f"[red]{kind}[/]" if finding.kind is FindingKind.BREACH else f"[yellow]{kind}[/]",
            _escape(finding.rule),
            _escape(finding.reference),
            _escape(who),
            (
                ""
                if finding.day is None
                else date_label(start, finding.day, lang)
                if start is not None
                else day_heading(finding.day, lang)
            ),
            _escape(finding.detail(lang)),
        )
    console.print(table)
