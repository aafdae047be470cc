"""The `rota` command: thin click commands that parse, call the library and print."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Mapping
from datetime import date
from functools import wraps
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar, cast

import click
import yaml
from rich.console import Console

from cli.bilingual import BilingualGroup, BilingualOption, option
from cli.entry import INTERRUPTED
from cli.heltid_view import (
    print_cut_gaps,
    print_fte_need,
    print_heltid,
    print_plan,
    print_removed,
)
from cli.portfolio_view import print_portfolio
from cli.progress import solve_with_progress, time_words, working
from cli.render import (
    print_balance,
    print_findings,
    print_no_rota,
    print_problems,
    print_shift_table,
    print_solve_summary,
)
from cli.scenario_view import print_comparison, run_with_progress
from cli.vedtak_view import print_derivation, print_vedtak_line
from cli.year_view import print_year_summary
from models.capacity import capacity_balance, frame_warnings, unit_warnings
from models.demo import DEMO_FILES_BESIDE, DEMO_RUN, DEMO_UNITS, demo_path, demo_text, demo_unit
from models.heltid import heltid
from models.loader import load_unit
from models.problems import InputError, Language, error
from models.rota import Rota
from models.rota_workbook import read_rota
from models.strict_yaml import StrictLoader
from models.unit import Unit
from models.unit_workbook import write_template, write_unit_workbook
from models.vedtak_demand import derive
from models.year_input import YearInput, load_year_input
from rota.annual.plan import plan_year
from rota.annual.report import audit_year_hours
from rota.check import check
from rota.fte_need import fte_need
from rota.fulltime import PositionOptions, plan_positions
from rota.params import SolveParams
from rota.solve import solve as solve_rota
from rota.vedtak_cost import price
from scenarios.cluster import DaskEvents, TlsFiles, check_address, dask_client, executor_of
from scenarios.comparison_workbook import write_comparison_workbook, write_csv, write_json
from scenarios.demo import demo_scenario_files
from scenarios.labels import count_kinds
from scenarios.params import load_params
from scenarios.plan_workbook import write_plan_workbook
from scenarios.portfolio import load_portfolio, portfolio_result
from scenarios.portfolio_workbook import write_portfolio_workbook
from scenarios.rota_workbook import cover_cells, write_rota_workbook
from scenarios.runner import Scenario, base_key
from scenarios.scenario import ChangeError, RemoveFte, load_scenario, looks_like_unit
from scenarios.year_workbook import (
    is_year_workbook,
    month_sheet_names,
    read_year_workbook,
    write_year_workbook,
)

F = TypeVar("F", bound=Callable[..., Any])


def _lang() -> Language:
    context = click.get_current_context()
    return cast(Language, context.find_root().params.get("lang") or "nb")


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False, width=120 if not sys.stdout.isatty() else None)


def _clock_limit(params: SolveParams) -> float | None:
    """The seconds a job may take on the clock; None in deterministic mode, which counts work."""
    return None if params.deterministic else params.time_limit_s


def friendly_errors(command: F) -> F:
    """Users see a message and a non-zero exit code, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        lang = _lang()
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            print_problems(_console(), exc.problems, lang)
            sys.exit(1)
        except OSError as exc:
            what = exc.strerror or type(exc).__name__
            name = exc.filename or ""
            message = (
                f"Kan ikke lese eller skrive {name}: {what}"
                if lang == "nb"
                else (f"Cannot read or write {name}: {what}")
            )
            _console().print(f"[red]{message}[/]")
            sys.exit(1)
        except click.ClickException:
            raise
        except KeyboardInterrupt:
            # Outputs are written whole or not at all, and the search stops at once (rota.cpsat).
            message = (
                "Avbrutt med Ctrl+C. Det som ikke var ferdig, er ikke skrevet; filer som alt var"
                " skrevet, er hele."
                if lang == "nb"
                else "Interrupted with Ctrl+C. What was not finished is not written; files"
                " written before are whole."
            )
            _console().print(f"[yellow]{message}[/]")
            sys.exit(INTERRUPTED)
        except Exception as exc:
            if click.get_current_context().find_root().params.get("debug"):
                raise
            message = (
                f"Intern feil ({type(exc).__name__}: {exc}). Kjør med --debug for detaljer og meld"
                " fra til utviklerne."
                if lang == "nb"
                else f"Internal error ({type(exc).__name__}: {exc}). Run with --debug for details"
                " and report it."
            )
            _console().print(f"[red]{message}[/]")
            sys.exit(2)

    return cast(F, wrapper)


@click.group(cls=BilingualGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version("rota"), prog_name="rota", cls=BilingualOption)
@option(
    "--lang",
    type=click.Choice(["nb", "en"]),
    default="nb",
    envvar="ROTA_LANG",
    show_default=True,
    help="Language of messages and reports: nb (bokmål) or en.",
)
@option("--debug", is_flag=True, hidden=True, help="Show tracebacks of internal errors.")
def main(lang: str, debug: bool) -> None:
    """rota: staffing and rota optimisation for Norwegian municipal health and care."""
    if not debug:
        # After a failed write (a full disk) a library's clean-up can fail again while the
        # error is already reported in words: no "Exception ignored ... Traceback" after it.
        sys.unraisablehook = _ignore_unraisable


def _ignore_unraisable(unraisable: Any) -> None:
    del unraisable


def deterministic_option(command: F) -> F:
    """--deterministic: one worker, a fixed seed and work instead of the clock."""
    return option(
        "--deterministic",
        is_flag=True,
        help="One worker, fixed seed, work instead of the clock: the same result every run,"
        " on any machine under any load. The time limit then counts CP-SAT's deterministic"
        " work units, not seconds: the wall time is often 2-4 times the limit, and each"
        " search is cut off at 10 times its limit on the clock.",
    )(command)


def seed_and_workers(command: F) -> F:
    """--seed and --workers: the search's random seed and how many workers it runs."""
    command = option(
        "--workers", type=click.IntRange(min=0), help="Search workers; 0 means all cores."
    )(command)
    return option(
        "--seed", type=click.IntRange(min=0, max=2**31 - 1), help="Random seed of the search."
    )(command)


scenario_time_limit = option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="Most seconds for each scenario's rota.",
)


def cluster_options(command: F) -> F:
    """--scheduler and its TLS files, for commands that can run on a Dask cluster."""
    decorators = (
        option(
            "--scheduler",
            metavar="ADDRESS",
            help="An existing Dask scheduler to run on (tls://host:port; plain tcp:// only on"
            " this machine).",
        ),
        option(
            "--tls-ca", type=click.Path(dir_okay=False, path_type=Path), help="TLS: the CA file."
        ),
        option(
            "--tls-cert",
            type=click.Path(dir_okay=False, path_type=Path),
            help="TLS: this client's certificate.",
        ),
        option(
            "--tls-key",
            type=click.Path(dir_okay=False, path_type=Path),
            help="TLS: its private key.",
        ),
    )
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def _tls_files(
    ca: Path | None, cert: Path | None, key: Path | None, scheduler: str | None
) -> TlsFiles | None:
    """The TLS files given (all three or none), the scheduler's address checked against them."""
    tls = None
    if ca or cert or key:
        if not (ca and cert and key):
            raise InputError(
                [
                    error(
                        "TLS trenger alle tre: --tls-ca, --tls-cert og --tls-key.",
                        "TLS needs all three: --tls-ca, --tls-cert and --tls-key.",
                        code="tls_files_missing",
                    )
                ]
            )
        tls = TlsFiles(ca, cert, key)
    if scheduler is not None:
        check_address(scheduler, tls)
    return tls


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve() or (
            one.exists() and other.exists() and one.samefile(other)
        )
    except OSError:
        return False


def refuse_overwriting(outputs: list[Path | None], inputs: list[Path | None]) -> None:
    """Refuse, before any work, to write an output over one of the run's own input files."""
    problems = []
    for output in (o for o in outputs if o is not None):
        for given in (i for i in inputs if i is not None):
            if _same_file(output, given):
                problems.append(
                    error(
                        f"Vil ikke skrive over inndatafila {given}: velg et annet navn for"
                        " resultatet (-o).",
                        f"Will not write over the input file {given}: choose another name for"
                        " the result (-o).",
                        code="output_is_input",
                    )
                )
    if problems:
        raise InputError(problems)


def check_writable(outputs: list[Path | None]) -> None:
    """Refuse, before any work, an output whose folder cannot be written (or made): a solve of
    minutes would otherwise be lost when its result cannot be saved."""
    problems = []
    for output in (o for o in outputs if o is not None):
        folder = output.absolute().parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
            problems.append(
                error(
                    f"Kan ikke skrive {output}: mappa {folder} kan ikke skrives i. Velg en annen"
                    " mappe (-o).",
                    f"Cannot write {output}: the folder {folder} cannot be written to. Choose"
                    " another folder (-o).",
                    code="output_not_writable",
                )
            )
    if problems:
        raise InputError(problems)


def _yaml_or_none(file: Path) -> object:
    """The file's YAML data, or None where it cannot be read (loading it says why, later)."""
    try:
        return yaml.load(file.read_text(encoding="utf-8"), Loader=StrictLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def _unit_files(files: tuple[Path, ...]) -> list[Path]:
    """The files among scenario files that are unit files (a glob may take them in)."""
    return [file for file in files if looks_like_unit(_yaml_or_none(file))]


def _scenario_bases(files: tuple[Path, ...]) -> list[Path | None]:
    """The base unit files the scenario files name (those that are files)."""
    bases: list[Path | None] = []
    for file in files:
        data = _yaml_or_none(file)
        base = data.get("base") if isinstance(data, dict) else None
        if isinstance(base, str):
            bases.append(file.parent / base)
    return bases


def _file_option(name: str, dest: str, help_text: str) -> Callable[[F], F]:
    return option(name, dest, type=click.Path(dir_okay=False, path_type=Path), help=help_text)


# --params: solver settings from a YAML file (SolveParams).
params_option = _file_option(
    "--params", "params_file", "Solver settings from a YAML file; the options override it."
)
# --turnus: today's rota from a workbook, so every figure prices the same today.
turnus_option = _file_option(
    "--turnus",
    "turnus_file",
    "Today's rota (a workbook from `rota solve`): used as today instead of making one, so that"
    " every command prices the same today.",
)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@option("--example", is_flag=True, help="Fill the template with the demo nursing-home ward.")
@option("--force", is_flag=True, help="Write over FILE when it exists.")
@friendly_errors
def template(file: Path, example: bool, force: bool) -> None:
    """Write the input workbook (Excel) for a unit to FILE."""
    if file.exists() and not force:
        raise InputError(
            [
                error(
                    f"{file} finnes alt: malen skrives ikke over den (bruk --force for å skrive"
                    " over).",
                    f"{file} exists already: the template is not written over it (use --force"
                    " to write over it).",
                    code="output_exists",
                )
            ]
        )
    write_template(file, example=example)
    nb = _lang() == "nb"
    what = (
        ("med demo-avdelingen" if example else "tom")
        if nb
        else ("with the demo ward" if example else "empty")
    )
    _console().print(
        f"Skrev malen ({what}) til {file}" if nb else f"Wrote the template ({what}) to {file}"
    )


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@friendly_errors
def validate(file: Path) -> None:
    """Check a unit file; print every problem with its place, or the capacity balance."""
    unit = load_unit(file)
    _report_valid_unit(unit, _lang())


def _report_valid_unit(unit: Unit, lang: Language) -> None:
    console = _console()
    balance = capacity_balance(unit)
    console.print(
        "[green]✓ Enhetsfila er gyldig.[/]"
        if lang == "nb"
        else "[green]✓ The unit file is valid.[/]"
    )
    print_shift_table(console, unit, lang)
    if unit.vedtak is not None:
        print_vedtak_line(console, derive(unit, unit.vedtak), lang)
    print_balance(console, unit, balance, lang)
    print_heltid(console, [("Nå" if lang == "nb" else "Now", heltid(unit))], lang)
    print_problems(console, unit_warnings(unit, balance), lang)


@main.command("vedtak")
@click.argument("unit_file", metavar="UNIT", type=click.Path(dir_okay=False, path_type=Path))
@friendly_errors
def vedtak_command(unit_file: Path) -> None:
    """Show how UNIT's demand is made from its vedtak: vedtak, staff hours, hours and heads
    per shift, årsverk and kroner, and any window no shift covers.

    Exit code 1 when a vedtak has a window no shift covers."""
    unit = load_unit(unit_file)
    lang = _lang()
    if unit.vedtak is None:
        raise InputError(
            [
                error(
                    f"{unit_file.name} har ingen vedtak (feltet «vedtak» med en vedtaksfil).",
                    f"{unit_file.name} has no vedtak (the field 'vedtak' naming a vedtak file).",
                    code="no_vedtak",
                )
            ]
        )
    derivation = derive(unit, unit.vedtak)
    cost = price(unit, derivation) if unit.budget.pay_per_competence else None
    print_derivation(_console(), unit, derivation, cost, lang)
    if derivation.uncovered:
        sys.exit(1)


@main.command()
def schema() -> None:
    """Print the JSON Schema of a unit file (for editors and YAML checking)."""
    click.echo(json.dumps(Unit.model_json_schema(), indent=2, ensure_ascii=False))


@main.command()
@click.argument("unit_file", metavar="UNIT", type=click.Path(dir_okay=False, path_type=Path))
@option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The rota workbook to write (default: <UNIT name>-turnus.xlsx here).",
)
@option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    help="Stop searching after this many seconds (default 60; it stops sooner when the rota"
    " has not improved for 10 s).",
)
@option(
    "--deterministic",
    is_flag=True,
    help="One worker, fixed seed: the same rota every run. The time limit then counts CP-SAT's"
    " deterministic work units, not seconds (the wall time is often 2-4 times the limit; each"
    " search is cut off at 10 times its limit on the clock).",
)
@seed_and_workers
@option("--per-person", is_flag=True, help="Add a sheet per person with their rota.")
@params_option
@friendly_errors
def solve(
    unit_file: Path,
    output: Path | None,
    time_limit: float | None,
    deterministic: bool,
    seed: int | None,
    workers: int | None,
    per_person: bool,
    params_file: Path | None,
) -> None:
    """Make a rota for UNIT (.xlsx or .yaml) and write it as a workbook."""
    lang = _lang()
    unit = load_unit(unit_file)
    params = load_params(
        params_file,
        time_limit_s=time_limit,
        deterministic=True if deterministic else None,
        seed=seed,
        workers=workers,
    )
    output = output or Path.cwd() / f"{unit_file.stem}-turnus.xlsx"
    refuse_overwriting([output], [unit_file, params_file])
    check_writable([output])
    print_problems(_console(), frame_warnings(unit), lang)
    if _solve_and_write(unit, params, output, lang, per_person) is None:
        sys.exit(1)


def _solve_and_write(
    unit: Unit, params: SolveParams, output: Path, lang: Language, per_person: bool = False
) -> Rota | None:
    """Solve, print the summary and write the workbook; the rota, or None (and no file) when no
    rota came."""
    console = _console()
    result = solve_with_progress(console, unit, params, lang)
    if result.rota is None:
        print_no_rota(console, result, params, lang)
        return None
    findings = check(unit, result.rota)
    write_rota_workbook(unit, result, findings, output, lang, per_person=per_person)
    print_solve_summary(console, unit, result, findings, lang)
    console.print(f"Skrev turnusen til {output}" if lang == "nb" else f"Wrote the rota to {output}")
    return result.rota


def _target_share(value: float | None) -> float | None:
    """A share given as 0.5 or as 50 (per cent)."""
    if value is None:
        return None
    return value / 100 if value > 1 else value


def _new_positions(unit: Unit, given: tuple[str, ...]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in given:
        code, _, count = item.partition("=")
        code = code.strip()
        if code not in unit.competence_by_code or not count.strip().isdigit():
            known = ", ".join(unit.competence_by_code)
            raise click.BadParameter(
                f"«{item}»: skriv KOMPETANSE=ANTALL med en av {known}, f.eks. --new HFA=2."
                if _lang() == "nb"
                else f"'{item}': write COMPETENCE=COUNT with one of {known}, e.g. --new HFA=2.",
                param_hint="--new",
            )
        counts[code] = counts.get(code, 0) + int(count)
    return counts


@main.command()
@click.argument("unit_file", metavar="UNIT", type=click.Path(dir_okay=False, path_type=Path))
@option(
    "--target",
    type=click.FloatRange(min=0, max=100, min_open=True),
    help="Heltidsandel to reach at the lowest cost (0.5 or 50 for 50 %), instead of the most"
    " full-time positions.",
)
@option(
    "--step",
    type=click.FloatRange(min=0.5, max=100),
    default=5.0,
    show_default=True,
    help="Position sizes in steps of this many per cent.",
)
@option(
    "--new",
    "new_positions",
    multiple=True,
    metavar="KOMPETANSE=ANTALL",
    help="New full-time positions the plan may create, e.g. --new HFA=2 (repeatable).",
)
@option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The plan workbook to write (default: <UNIT name>-heltidsplan.xlsx here).",
)
@option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=120.0,
    show_default=True,
    help="Most seconds for the whole plan (today's rota, most full-time, lowest cost).",
)
@deterministic_option
@params_option
@turnus_option
@friendly_errors
def fulltime(
    unit_file: Path,
    target: float | None,
    step: float,
    new_positions: tuple[str, ...],
    output: Path | None,
    time_limit: float,
    deterministic: bool,
    params_file: Path | None,
    turnus_file: Path | None,
) -> None:
    """Plan position sizes for more full-time positions (heltid) within the budget and FTE
    frames, with the rota that shows it works, and write the plan workbook."""
    lang = _lang()
    console = _console()
    unit = load_unit(unit_file)
    options = PositionOptions(
        step_pct=step,
        target_share=_target_share(target),
        new_positions=_new_positions(unit, new_positions),
    )
    output = output or Path.cwd() / f"{unit_file.stem}-heltidsplan.xlsx"
    refuse_overwriting([output], [unit_file, params_file, turnus_file])
    check_writable([output])
    params = load_params(
        params_file, time_limit_s=time_limit, deterministic=True if deterministic else None
    )
    baseline = None if turnus_file is None else read_rota(turnus_file, unit)
    what = "Lager stillingsplan og turnus" if lang == "nb" else "Planning positions and rota"
    with working(console, what, _clock_limit(params), lang):
        plan = plan_positions(unit, options, params, baseline=baseline)
    print_plan(console, plan, lang)
    write_plan_workbook(plan, output, lang)
    console.print(f"Skrev planen til {output}" if lang == "nb" else f"Wrote the plan to {output}")
    if not plan.has_plan:
        sys.exit(1)


@main.command("fte-need")
@click.argument("unit_file", metavar="UNIT", type=click.Path(dir_okay=False, path_type=Path))
@option(
    "--cut",
    type=click.FloatRange(min=0, min_open=True),
    help="Also show which shifts lose cover with this many fewer årsverk (FTE).",
)
@option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    show_default=True,
    help="Most seconds for the FTE need (and as much again for the cut).",
)
@deterministic_option
@params_option
@friendly_errors
def fte_need_command(
    unit_file: Path,
    cut: float | None,
    time_limit: float,
    deterministic: bool,
    params_file: Path | None,
) -> None:
    """The fewest årsverk by competence that cover the staffing plan under every rule and the
    weekend frequency, against today's staff and the FTE frame."""
    lang = _lang()
    console = _console()
    unit = load_unit(unit_file)
    params = load_params(
        params_file, time_limit_s=time_limit, deterministic=True if deterministic else None
    )
    what = "Beregner årsverksbehov" if lang == "nb" else "Computing the FTE need"
    with working(console, what, _clock_limit(params), lang):
        need = fte_need(unit, params)
    print_fte_need(console, need, lang)
    if cut is None:
        return
    try:
        removal = RemoveFte(type="remove_fte", fte=cut)
        removed = removal.choose(unit)
        smaller = removal.apply(unit)
    except ChangeError as exc:
        raise InputError([error(exc.nb, exc.en, ("--cut",), "bad_option")]) from None
    print_removed(console, removed, lang)
    what = "Lager turnus med færre årsverk" if lang == "nb" else "Solving with fewer FTE"
    with working(console, what, _clock_limit(params), lang):
        result = solve_rota(smaller, params)
    if result.rota is None:
        print_no_rota(console, result, params, lang)
        sys.exit(1)
    print_cut_gaps(console, cut, smaller, cover_cells(smaller, result.rota), lang)


@main.command("aarsturnus")
@click.argument("unit_file", metavar="UNIT", type=click.Path(dir_okay=False, path_type=Path))
@option(
    "--year",
    type=click.IntRange(min=2000, max=2100),
    help="The year to plan (default: the year file's, else next year).",
)
@_file_option(
    "--ferie",
    "year_file",
    "Vacation wishes, agreed weeks and who worked Christmas and Easter last year (YAML).",
)
@turnus_option
@option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The year's workbook to write (default: <UNIT name>-aarsturnus-<year>.xlsx here).",
)
@option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=270.0,
    show_default=True,
    help="Seconds for the whole plan: a fifth for the grunnturnus (unless --turnus gives it),"
    " the rest for the year, month by month.",
)
@option("--per-person", is_flag=True, help="Add a sheet per person with their year.")
@deterministic_option
@seed_and_workers
@params_option
@friendly_errors
def aarsturnus(
    unit_file: Path,
    year: int | None,
    year_file: Path | None,
    turnus_file: Path | None,
    output: Path | None,
    time_limit: float,
    per_person: bool,
    deterministic: bool,
    seed: int | None,
    workers: int | None,
    params_file: Path | None,
) -> None:
    """Plan UNIT's year (årsturnus): the grunnturnus over the year's dates, public holidays,
    each person's vacation with vacation cover, and yearly hours; write the year's workbook."""
    lang = _lang()
    console = _console()
    unit = load_unit(unit_file)
    year_input = load_year_input(year_file, unit) if year_file is not None else YearInput()
    if year is not None and year_input.year is not None and year != year_input.year:
        raise InputError(
            [
                error(
                    f"Årsfila gjelder {year_input.year}, men --year er {year}: ønsker og"
                    " historikk hører til ett år.",
                    f"The year file is for {year_input.year} but --year is {year}: wishes and"
                    " history belong to one year.",
                    code="year_mismatch",
                )
            ]
        )
    year = year or year_input.year or date.today().year + 1
    output = output or Path.cwd() / f"{unit_file.stem}-aarsturnus-{year}.xlsx"
    refuse_overwriting([output], [unit_file, year_file, turnus_file, params_file])
    check_writable([output])
    print_problems(console, frame_warnings(unit), lang)
    params = load_params(
        params_file,
        time_limit_s=time_limit,
        deterministic=True if deterministic else None,
        seed=seed,
        workers=workers,
    )
    if turnus_file is not None:
        base = read_rota(turnus_file, unit)
        year_params = params
    else:
        first = params.model_copy(update={"time_limit_s": params.time_limit_s / 5})
        result = solve_with_progress(console, unit, first, lang)
        if result.rota is None:
            print_no_rota(console, result, first, lang)
            sys.exit(1)
        base = result.rota
        year_params = params.model_copy(update={"time_limit_s": params.time_limit_s * 4 / 5})
    started = time.monotonic()
    limit = None if year_params.deterministic else year_params.time_limit_s

    def on_part(index: int, count: int, month: int) -> None:
        used = time_words(time.monotonic() - started, limit, lang)
        name = month_sheet_names(lang)[month - 1]
        console.print(
            f"Planlegger {name.lower()} ({index + 1} av {count}); {used}"
            if lang == "nb"
            else f"Planning {name} ({index + 1} of {count}); {used}"
        )

    plan = plan_year(unit, base, year, year_input, year_params, on_part)
    findings = check(plan.unit, plan.rota) + audit_year_hours(plan)
    write_year_workbook(plan, findings, output, lang, per_person=per_person)
    print_year_summary(console, plan, findings, lang)
    console.print(
        f"Skrev årsturnusen til {output}" if lang == "nb" else f"Wrote the yearly rota to {output}"
    )


@main.command("check")
@click.argument("rota_file", metavar="ROTA.xlsx", type=click.Path(dir_okay=False, path_type=Path))
@option(
    "--unit",
    "unit_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The unit the rota is for (.xlsx or .yaml).",
)
@friendly_errors
def check_rota(rota_file: Path, unit_file: Path) -> None:
    """Check a rota workbook (made by rota or edited by hand) against the unit's rules.

    Exit code 1 when a rule is broken; cover gaps alone are shown but pass.
    """
    lang = _lang()
    unit = load_unit(unit_file)
    if rota_file.is_file() and is_year_workbook(rota_file):
        # A year's workbook: its dates, vacation and vikarer, and the yearly hours too.
        plan = read_year_workbook(rota_file, unit)
        findings = check(plan.unit, plan.rota) + audit_year_hours(plan)
        unit = plan.unit
    else:
        findings = check(unit, read_rota(rota_file, unit))
    print_problems(_console(), frame_warnings(unit), lang)
    print_findings(_console(), unit, findings, lang)
    breaches, _ = count_kinds(findings)
    if breaches:
        sys.exit(1)


@main.command()
@option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("rota-demo"),
    show_default=True,
    help="Folder for the demo files.",
)
@option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    show_default=True,
    help="Most seconds to search for each demo unit's rota (it stops sooner when the rota has"
    " not improved for 10 s).",
)
@option(
    "--scenario-time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=15.0,
    show_default=True,
    help="Most seconds for each demo scenario's rota.",
)
@option(
    "--scenarios/--no-scenarios",
    "with_scenarios",
    default=True,
    show_default=True,
    help="Also run the demo scenarios and write their comparison workbook.",
)
@deterministic_option
@params_option
@friendly_errors
def demo(
    out: Path,
    time_limit: float,
    scenario_time_limit: float,
    with_scenarios: bool,
    deterministic: bool,
    params_file: Path | None,
) -> None:
    """Write the demo units (workbook and YAML) to a folder, show their capacity balance, make
    a rota for each, and compare the demo scenarios against the budget frame."""
    lang = _lang()
    settings = load_params(params_file, deterministic=True if deterministic else None)
    params = settings.with_(time_limit_s=time_limit)
    out.mkdir(parents=True, exist_ok=True)
    # Each unit's rota is "today" for the scenarios on it: one figure, not one per solve.
    today: dict[str, Rota] = {}
    for name in DEMO_RUN:
        file_name = DEMO_UNITS[name]
        unit = demo_unit(name)
        workbook = out / f"{name}.xlsx"
        write_unit_workbook(unit, workbook)
        (out / file_name).write_text(demo_text(name), encoding="utf-8")
        for beside in DEMO_FILES_BESIDE.get(name, ()):
            (out / beside).write_text(demo_path(beside).read_text("utf-8"), encoding="utf-8")
        _console().rule(unit.name)
        _report_valid_unit(load_unit(workbook), lang)
        _console().print(
            f"Skrev {workbook} og {out / file_name}"
            if lang == "nb"
            else f"Wrote {workbook} and {out / file_name}"
        )
        rota = _solve_and_write(unit, params, out / f"{name}-turnus.xlsx", lang)
        if rota is not None:
            today[base_key(unit)] = rota
    if with_scenarios:
        _console().rule("Scenarioer" if lang == "nb" else "Scenarios")
        files = demo_scenario_files()
        _run_and_write(
            [load_scenario(file) for file in files],
            settings.with_(time_limit_s=scenario_time_limit, stall_s=5),
            jobs=1,
            output=out / ("scenarioer.xlsx" if lang == "nb" else "scenarios.xlsx"),
            csv_path=None,
            json_path=out / ("scenarioer.json" if lang == "nb" else "scenarios.json"),
            lang=lang,
            time_option="--scenario-time-limit",
            base_rotas=today,
        )


@main.group()
def scenarios() -> None:
    """What-if scenarios: a base unit and typed changes, compared against the budget frame."""


@scenarios.command("run")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("sammenligning.xlsx"),
    show_default=True,
    help="The comparison workbook to write.",
)
@scenario_time_limit
@option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Scenarios solved at the same time (each in its own process).",
)
@option("--deterministic", is_flag=True, help="One worker, fixed seed: the same result every run.")
@option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the comparison as CSV.",
)
@option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the comparison as JSON.",
)
@params_option
@turnus_option
@cluster_options
@friendly_errors
def run_scenarios_command(
    files: tuple[Path, ...],
    output: Path,
    time_limit: float,
    jobs: int,
    deterministic: bool,
    csv_path: Path | None,
    json_path: Path | None,
    params_file: Path | None,
    turnus_file: Path | None,
    scheduler: str | None,
    tls_ca: Path | None,
    tls_cert: Path | None,
    tls_key: Path | None,
) -> None:
    """Solve the scenario FILES side by side and write the comparison workbook."""
    tls = _tls_files(tls_ca, tls_cert, tls_key, scheduler)
    lang = _lang()
    refuse_overwriting(
        [output, csv_path, json_path],
        [*files, *_scenario_bases(files), params_file, turnus_file],
    )
    check_writable([output, csv_path, json_path])
    units = _unit_files(files)
    if units and len(units) < len(files):
        # A glob such as scenarios/demo/*.yaml takes the unit files the scenarios build on.
        names = ", ".join(file.name for file in units)
        _console().print(
            f"Hopper over {names}: enhetsfiler, ikke scenarioer (scenarioene leser dem selv)."
            if lang == "nb"
            else f"Leaving out {names}: unit files, not scenarios (the scenarios read them)."
        )
        files = tuple(file for file in files if file not in units)
    loaded, problems = [], []
    for file in files:
        try:
            loaded.append(load_scenario(file))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    params = load_params(
        params_file, time_limit_s=time_limit, deterministic=True if deterministic else None
    )
    _run_and_write(
        loaded,
        params,
        jobs,
        output,
        csv_path,
        json_path,
        lang,
        base_rotas=_today_from(turnus_file, loaded),
        scheduler=scheduler,
        tls=tls,
    )


@main.group()
def portfolio() -> None:
    """The municipality: units by service area, their scenarios and the economic plan."""


@portfolio.command("run")
@click.argument("file", metavar="PORTFOLIO", type=click.Path(dir_okay=False, path_type=Path))
@option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("kommune.xlsx"),
    show_default=True,
    help="The municipality workbook to write.",
)
@scenario_time_limit
@option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Dask workers of the local cluster: scenarios solved at the same time.",
)
@cluster_options
@option("--deterministic", is_flag=True, help="One worker, fixed seed: the same result every run.")
@params_option
@friendly_errors
def run_portfolio_command(
    file: Path,
    output: Path,
    time_limit: float,
    jobs: int,
    scheduler: str | None,
    tls_ca: Path | None,
    tls_cert: Path | None,
    tls_key: Path | None,
    deterministic: bool,
    params_file: Path | None,
) -> None:
    """Solve every unit of PORTFOLIO today and each of its scenarios, and write the
    municipality workbook: service areas, units against their frames, the economic plan."""
    lang = _lang()
    refuse_overwriting([output], [file, params_file])
    check_writable([output])
    loaded = load_portfolio(file)
    params = load_params(
        params_file, time_limit_s=time_limit, deterministic=True if deterministic else None
    )
    console = _console()
    tls = _tls_files(tls_ca, tls_cert, tls_key, scheduler)
    threads = max(1, (os.cpu_count() or 1) // jobs)
    with dask_client(scheduler, workers=jobs, threads_per_worker=threads, tls=tls) as client:
        comparison = run_with_progress(
            console,
            loaded.scenarios(),
            params,
            jobs,
            lang,
            executor=executor_of(client),
            events=DaskEvents(client),
        )
    result = portfolio_result(loaded, comparison)
    print_portfolio(console, result, lang)
    write_portfolio_workbook(result, output, lang)
    console.print(
        f"Skrev kommunens arbeidsbok til {output}"
        if lang == "nb"
        else f"Wrote the municipality workbook to {output}"
    )


def _today_from(turnus_file: Path | None, loaded: list[Scenario]) -> dict[str, Rota]:
    """Today's rota from --turnus, for the one base unit the scenarios share."""
    if turnus_file is None:
        return {}
    bases = {base_key(s.base): s.base for s in loaded if s.base is not None}
    if len(bases) != 1:
        raise InputError(
            [
                error(
                    "--turnus gjelder når alle scenarioene har samme enhet som grunnlag.",
                    "--turnus applies when every scenario has the same base unit.",
                    ("--turnus",),
                    "bad_option",
                )
            ]
        )
    [(key, base)] = bases.items()
    return {key: read_rota(turnus_file, base)}


def _run_and_write(
    scenario_list: list[Scenario],
    params: SolveParams,
    jobs: int,
    output: Path,
    csv_path: Path | None,
    json_path: Path | None,
    lang: Language,
    time_option: str = "--time-limit",
    base_rotas: Mapping[str, Rota] | None = None,
    scheduler: str | None = None,
    tls: TlsFiles | None = None,
) -> None:
    """Run the scenarios (on the Dask scheduler, when one is given) and write the comparison."""
    console = _console()
    if scheduler is None:
        comparison = run_with_progress(console, scenario_list, params, jobs, lang, base_rotas)
    else:
        with dask_client(scheduler, tls=tls) as client:
            comparison = run_with_progress(
                console,
                scenario_list,
                params,
                jobs,
                lang,
                base_rotas,
                executor=executor_of(client),
                events=DaskEvents(client),
            )
    print_comparison(console, comparison, lang, time_option)
    write_comparison_workbook(comparison, output, lang, time_option)
    written = [output]
    if csv_path is not None:
        write_csv(comparison, csv_path, lang)
        written.append(csv_path)
    if json_path is not None:
        write_json(comparison, json_path)
        written.append(json_path)
    names = ", ".join(str(path) for path in written)
    console.print(
        f"Skrev sammenligningen til {names}" if lang == "nb" else f"Wrote the comparison to {names}"
    )
