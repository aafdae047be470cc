"""Terminal view of scenario runs: a live line per scenario, then the comparison table."""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Executor
from functools import partial
from typing import Any

from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.table import Table

from models.numbers import number
from models.problems import Language
from models.rota import Rota
from rota.params import SolveParams
from scenarios.labels import no_rota_advice, status_label
from scenarios.runner import Comparison, Scenario, ScenarioEvent, run_scenarios

_STATES = {
    "waiting": ("venter", "waiting"),
    "running": ("lager turnus", "solving"),
    "improved": ("lager turnus", "solving"),
    "done": ("ferdig", "done"),
}


def run_with_progress(
    console: Console,
    scenarios: list[Scenario],
    params: SolveParams,
    jobs: int,
    lang: Language,
    base_rotas: Mapping[str, Rota] | None = None,
    executor: Executor | None = None,
    events: Any = None,
) -> Comparison:
    """Run the scenarios with a line each: on a terminal a live table (state, the best rota's
    gaps in cover so far, seconds), elsewhere (a log file) a line as each starts and ends.
    `base_rotas`: rotas of base units already made (scenarios.runner.base_key); `executor`
    and `events`: where the scenarios run and how their progress comes back (a Dask cluster's,
    scenarios.cluster), by default `jobs` local processes."""
    run = partial(
        run_scenarios,
        scenarios,
        params,
        executor=executor,
        jobs=jobs,
        base_rotas=base_rotas,
        events=events,
    )
    lines: dict[str, ScenarioEvent] = {s.name: ScenarioEvent(s.name, "waiting") for s in scenarios}
    planned = {s.name for s in scenarios if s.positions is not None}
    if not console.is_terminal:

        def log(event: ScenarioEvent) -> None:
            previous = lines.get(event.name)
            lines[event.name] = event
            if event.state == "running" and previous is not None and previous.state == "waiting":
                console.print(f"  {_t(lang, 'Starter', 'Starting')}: {event.name}")
            elif event.state == "done" and event.outcome is not None:
                console.print(f"  {_t(lang, 'Ferdig', 'Done')}: {_done_words(event, lang)}")

        return run(on_event=log)
    with Live(live_table(lines, planned, lang), console=console, refresh_per_second=4) as live:

        def update(event: ScenarioEvent) -> None:
            previous = lines.get(event.name)
            if previous is not None and previous.state == "done":
                return
            lines[event.name] = event
            live.update(live_table(lines, planned, lang))

        return run(on_event=update)


def _t(lang: Language, nb: str, en: str) -> str:
    return nb if lang == "nb" else en


def _gap_count(gaps: int, lang: Language) -> str:
    if lang == "nb":
        return f"{gaps} {'mangel' if gaps == 1 else 'mangler'} i dekningen"
    return f"{gaps} gap{'' if gaps == 1 else 's'} in cover"


def _done_words(event: ScenarioEvent, lang: Language) -> str:
    """'Ingen nattevakt (15,2 s): gyldig turnus ..., 0 mangler i dekningen'."""
    assert event.outcome is not None
    seconds = "" if event.seconds is None else f" ({number(event.seconds, lang, 1)} s)"
    words = f"{event.name}{seconds}: {status_label(event.outcome.result.status, lang)}"
    if event.outcome.result.rota is not None and event.gaps is not None:
        words += f", {_gap_count(event.gaps, lang)}"
    return words


def live_table(lines: dict[str, ScenarioEvent], planned: set[str], lang: Language) -> Table:
    """A line per scenario: its state, the best rota's gaps in cover so far (as `rota check`
    counts them), and seconds. A scenario that plans positions (`planned`) says so while it
    runs."""
    view = Table(title="Scenarioer" if lang == "nb" else "Scenarios", title_justify="left")
    for header in ("Scenario", "Status", _t(lang, "Mangler i dekningen", "Gaps in cover"), "s"):
        view.add_column(header)
    for name, event in lines.items():
        nb, en = _STATES[event.state]
        if name in planned and event.state in ("running", "improved"):
            nb, en = "lager stillingsplan og turnus", "planning positions and rota"
        state = nb if lang == "nb" else en
        if event.state == "done" and event.outcome is not None:
            state = status_label(event.outcome.result.status, lang)
        view.add_row(
            name,
            state,
            "" if event.gaps is None else number(event.gaps, lang, 0),
            "" if event.seconds is None else number(event.seconds, lang, 1),
        )
    return view


def print_comparison(
    console: Console, comparison: Comparison, lang: Language, option: str = "--time-limit"
) -> None:
    """The comparison as a table: gaps before cost, as a unit leader reads it; under it, for
    each scenario without a rota, why and what to do (`option` gives a search more time)."""
    nb = lang == "nb"
    view = Table(title="Sammenligning" if nb else "Comparison", title_justify="left")
    headers = (
        ("Scenario", "Scenario"),
        ("Mangler t/uke", "Gaps h/week"),
        ("Uunngåelig", "Unavoidable"),
        ("Sikkert", "Settled"),
        ("Årsverk", "FTE"),
        ("Heltid", "Full-time"),
        ("Uønsket deltid", "Unwanted part-time"),
        ("Årskostnad", "Annual cost"),
        ("Mot ramme", "Against frame"),
        ("Brudd", "Breaches"),
    )
    for header_nb, header_en in headers:
        view.add_column(
            header_nb if nb else header_en, justify="left" if header_nb == "Scenario" else "right"
        )
    for outcome in comparison.outcomes:
        row = outcome.kpis
        if outcome.result.rota is None:
            view.add_row(
                row.name,
                "[red]" + status_label(row.status, lang) + "[/]",
                "",
                "[red]" + ("nei" if nb else "no") + "[/]",
                number(row.fte_used, lang, 2),
                *([""] * 5),
            )
            continue
        difference = ""
        if row.budget_difference is not None:
            sign = "+" if row.budget_difference > 0 else ""
            colour = "red" if row.budget_difference > 0 else "green"
            difference = f"[{colour}]{sign}{number(row.budget_difference, lang, 0)}[/]"
        gaps = number(row.gap_hours_per_week, lang, 1)
        least = row.unavoidable_gap_hours_per_week
        settled = (
            ("ja" if nb else "yes") if row.settled else "[yellow]" + ("nei" if nb else "no") + "[/]"
        )
        view.add_row(
            row.name,
            f"[red]{gaps}[/]" if row.gap_hours_per_week > 0.05 else gaps,
            "" if least is None else number(least, lang, 1),
            settled,
            number(row.fte_used, lang, 2),
            f"{row.fulltime_share_heads:.0%}".replace(".", ",")
            if nb
            else f"{row.fulltime_share_heads:.0%}",
            str(row.unwanted_parttime_heads),
            number(row.annual_cost, lang, 0),
            difference,
            f"[red]{row.breaches}[/]" if row.breaches else "0",
        )
    console.print(view)
    if any(not o.kpis.settled and o.result.rota is not None for o in comparison.outcomes):
        console.print(
            "Sikkert = nei: søket fant flere mangler enn det som er uunngåelig; det riktige"
            f" tallet ligger mellom de to. Gi søket mer tid ({option}) for et sikrere tall."
            if nb
            else "Settled = no: the search found more gaps than are unavoidable; the true figure"
            f" lies between the two. Give the search more time ({option}) for a firmer figure."
        )
    for outcome in comparison.outcomes:
        if outcome.result.rota is None:
            for line in no_rota_advice(outcome.result, lang, option):
                console.print(f"[red]{escape(outcome.name)}[/]: {escape(line)}")
