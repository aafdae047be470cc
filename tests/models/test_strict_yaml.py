"""The YAML every user file is read with: aliases that stand for too much, deep nesting and
repeated keys refused at their line, in a moment and little memory; ordinary files (aliases
included) read as before."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cli.main import main
from models.problems import InputError
from models.yaml_io import parse_yaml, unit_from_yaml
from tests.rota.conftest import two_shift_unit

BOMB = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    + [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 10)}]" for n in range(8)]
)


def _refusal(text: str) -> str:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, "enhet.yaml")
    [problem] = caught.value.problems
    return problem.describe("en")


def test_an_alias_bomb_is_refused_at_once() -> None:
    """Nine lines of aliases that would expand to 10^9 values: refused at the line where they
    pass the limit, in under a second, with little memory."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    message = _refusal(BOMB)
    assert time.monotonic() - started < 1
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # KiB
    assert message.startswith("enhet.yaml, line ")
    assert "aliases (*name) stand for more than 2 000 000 values" in message


def test_deep_nesting_is_refused_not_a_recursion_error() -> None:
    """Ten thousand nested lists: refused in words, not Python's RecursionError."""
    message = _refusal("[" * 10_000 + "]" * 10_000)
    assert "nested more than" in message


def test_a_key_given_twice_is_refused_at_the_second() -> None:
    """`weeks` twice in a unit: refused at the second one's line (it used to win silently)."""
    message = _refusal("name: Avdeling\nweeks: 6\nweeks: 4\n")
    assert message.startswith("enhet.yaml, line 3")
    assert "«weeks» is given twice" in message


def test_ordinary_files_read_as_before() -> None:
    """Plain mappings, lists and clock times read as before (07:30 stays a clock time, not
    450), and so does a small alias, such as PyYAML writes for a shared value."""
    data, lines = parse_yaml("name: A\nshift_types:\n  - {code: D, start: 07:30}\n", "a.yaml")
    assert data == {"name": "A", "shift_types": [{"code": "D", "start": "07:30"}]}
    assert lines[("shift_types", 0)] == 3
    shared, _ = parse_yaml("a: &r {min_hours: 0}\nb: *r\n", "b.yaml")
    assert shared == {"a": {"min_hours": 0}, "b": {"min_hours": 0}}


def test_the_cli_refuses_a_bomb_in_a_params_file(tmp_path: Path) -> None:
    """A parameter file with the bomb: `rota solve` exits 1 naming the file and line, fast."""
    unit = tmp_path / "u.yaml"
    unit.write_text(yaml.safe_dump(two_shift_unit()), encoding="utf-8")
    params = tmp_path / "p.yaml"
    params.write_text(BOMB, encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(main, ["solve", str(unit), "--params", str(params)])
    assert time.monotonic() - started < 5
    assert result.exit_code == 1, result.output
    assert "p.yaml, linje " in result.output
    assert "aliases" in result.output
    assert "Traceback" not in result.output


def test_a_unit_with_a_repeated_employee_field_is_refused() -> None:
    """Inside a unit, a field given twice is refused too, not read as the last one."""
    with pytest.raises(InputError):
        unit_from_yaml("name: A\nname: B\n", "a.yaml")
