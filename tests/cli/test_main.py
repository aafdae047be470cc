"""The rota command through click's CliRunner: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from cli.main import main
from models.demo import demo_unit
from models.loader import load_unit
from tests.models.test_unit_workbook import CASES, Case


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_template_then_validate(tmp_path: Path) -> None:
    """`rota template t.xlsx --example && rota validate t.xlsx` succeeds and shows the balance."""
    book = tmp_path / "t.xlsx"
    written = run("template", str(book), "--example")
    assert written.exit_code == 0, written.output
    checked = run("validate", str(book))
    assert checked.exit_code == 0, checked.output
    assert "Kapasitetsbalanse" in checked.output
    assert "nordsamisk" in checked.output
    assert "582,5" in checked.output  # demand hours per week, Norwegian decimal comma


def test_validate_in_english(tmp_path: Path) -> None:
    """--lang en gives the same report in English."""
    book = tmp_path / "t.xlsx"
    run("template", str(book), "--example")
    checked = run("--lang", "en", "validate", str(book))
    assert checked.exit_code == 0
    assert "Capacity balance" in checked.output
    assert "582.5" in checked.output


def test_bad_workbook_is_located_without_traceback(tmp_path: Path) -> None:
    """A bad cell is printed with sheet, row and column; exit code 1; no traceback."""
    book = tmp_path / "t.xlsx"
    run("template", str(book), "--example")
    workbook = load_workbook(book)
    workbook["Ansatte"]["D3"] = "mye"
    workbook["Bemanning"]["A2"] = "Q"
    workbook.save(book)
    checked = run("validate", str(book))
    assert checked.exit_code == 1
    assert "Traceback" not in checked.output
    assert "ark «Ansatte», rad 3, kolonne «Stilling %»" in checked.output
    assert "ark «Bemanning», rad 2, kolonne «Vakt»" in checked.output
    assert "2 feil" in checked.output


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.yaml", None, "Finner ikke filen"),
        ("unit.txt", "name: x", "Ukjent filtype"),
        ("broken.yaml", "name: [unclosed", "ikke gyldig YAML"),
        ("fake.xlsx", "not a workbook", "Excel-arbeidsbok"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: str | None, expected: str) -> None:
    """Files that are missing, of an unknown kind or not what they claim give a message, exit 1."""
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    checked = run("validate", str(path))
    assert checked.exit_code == 1
    assert expected in checked.output
    assert "Traceback" not in checked.output


def test_failed_write_is_reported(tmp_path: Path) -> None:
    """Writing below a path that is a file fails with a message and exit 1, not a traceback."""
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    result = run("template", str(blocker / "t.xlsx"))
    assert result.exit_code == 1
    assert "Kan ikke lese eller skrive" in result.output
    assert "Traceback" not in result.output


def test_schema_is_json_schema() -> None:
    """`rota schema` prints the JSON Schema of a unit."""
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "Unit"
    assert {"shift_types", "employees", "demand", "rules", "budget"} <= set(schema["properties"])


def test_version() -> None:
    """`rota --version` names the program and its version."""
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.startswith("rota, version ")


def test_demo_writes_units_that_read_back(tmp_path: Path) -> None:
    """`rota demo` writes each demo unit as a workbook and YAML that read back equal."""
    result = run("demo", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    for name in ("sykehjem", "bofellesskap"):
        assert load_unit(tmp_path / f"{name}.xlsx") == demo_unit(name)
        assert load_unit(tmp_path / f"{name}.yaml") == demo_unit(name)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_every_bad_workbook_is_printed_with_its_place(
    case: Case, example_workbook_bytes: bytes, tmp_path: Path
) -> None:
    """Each bad-input case of the reader tests, run through the CLI: exit 1, places shown."""
    workbook = load_workbook(BytesIO(example_workbook_bytes))
    expected = case.edit(workbook)
    book = tmp_path / "enhet.xlsx"
    workbook.save(book)
    checked = run("validate", str(book))
    assert checked.exit_code == 1
    assert "Traceback" not in checked.output
    for sheet, row, column in expected:
        place = f"ark «{sheet}»" + (f", rad {row}" if row is not None else "")
        place += f", kolonne «{column}»" if column is not None else ""
        assert place in checked.output
