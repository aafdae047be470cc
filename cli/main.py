"""The `rota` command: thin click commands that parse, call the library and print."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar, cast

import click
from rich.console import Console

from cli.render import print_balance, print_problems, print_shift_table
from models.capacity import capacity_balance, unit_warnings
from models.demo import DEMO_UNITS, demo_text, demo_unit
from models.loader import load_unit
from models.problems import InputError, Language
from models.unit import Unit
from models.unit_workbook import write_template, write_unit_workbook

F = TypeVar("F", bound=Callable[..., Any])


def _lang() -> Language:
    context = click.get_current_context()
    return cast(Language, context.find_root().params.get("lang") or "nb")


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False, width=120 if not sys.stdout.isatty() else None)


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version("rota"), prog_name="rota")
@click.option(
    "--lang",
    type=click.Choice(["nb", "en"]),
    default="nb",
    envvar="ROTA_LANG",
    show_default=True,
    help="Language of messages and reports: nb (bokmål) or en.",
)
@click.option("--debug", is_flag=True, hidden=True, help="Show tracebacks of internal errors.")
def main(lang: str, debug: bool) -> None:
    """rota: staffing and rota optimisation for Norwegian municipal health and care."""


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--example", is_flag=True, help="Fill the template with the demo nursing-home ward.")
@friendly_errors
def template(file: Path, example: bool) -> None:
    """Write the input workbook (Excel) for a unit to FILE."""
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
    print_balance(console, unit, balance, lang)
    print_problems(console, unit_warnings(unit, balance), lang)


@main.command()
def schema() -> None:
    """Print the JSON Schema of a unit file (for editors and YAML checking)."""
    click.echo(json.dumps(Unit.model_json_schema(), indent=2, ensure_ascii=False))


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("rota-demo"),
    show_default=True,
    help="Folder for the demo files.",
)
@friendly_errors
def demo(out: Path) -> None:
    """Write the demo units (workbook and YAML) to a folder and show their capacity balance."""
    lang = _lang()
    out.mkdir(parents=True, exist_ok=True)
    for name, file_name in DEMO_UNITS.items():
        unit = demo_unit(name)
        workbook = out / f"{name}.xlsx"
        write_unit_workbook(unit, workbook)
        (out / file_name).write_text(demo_text(name), encoding="utf-8")
        _console().rule(unit.name)
        _report_valid_unit(load_unit(workbook), lang)
        _console().print(
            f"Skrev {workbook} og {out / file_name}"
            if lang == "nb"
            else f"Wrote {workbook} and {out / file_name}"
        )
