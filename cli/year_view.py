"""The year's summary in the terminal: the same rows as the year workbook's Sammendrag."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from models.problems import Language
from rota.annual.plan import YearPlan
from rota.findings import Finding
from scenarios.year_workbook import year_summary_rows


def print_year_summary(
    console: Console, plan: YearPlan, findings: list[Finding], lang: Language
) -> None:
    """Gaps, breaches and yearly hours first, then vacation, vikarer and cost; then the notes
    on what the planning had to give up."""
    table = Table(
        title=f"{'Årsturnus' if lang == 'nb' else 'Yearly rota'} {plan.frame.year}",
        title_justify="left",
        show_header=False,
    )
    table.add_column("", justify="left")
    table.add_column("", justify="right")
    for label, value in year_summary_rows(plan, findings, lang):
        shown = f"{value:,}".replace(",", " ") if isinstance(value, int) else str(value)
        table.add_row(escape(label), escape(shown))
    console.print(table)
    for nb, en in plan.notes:
        console.print(f"[yellow]{escape(nb if lang == 'nb' else en)}[/]")
