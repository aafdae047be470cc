"""Units as YAML and JSON: round trips, clock times, and problems located by line and path."""

from __future__ import annotations

import json
from datetime import time
from pathlib import Path

import pytest

from models.demo import demo_unit
from models.loader import load_unit
from models.problems import InputError
from models.yaml_io import dump_unit_yaml, unit_from_yaml, unit_to_data, write_unit_yaml

DEMOS = ["sykehjem", "bofellesskap"]

# Line numbers below refer to this text (line 1 is "name: Testenhet").
BASE = """\
name: Testenhet
weeks: 2
shift_types:
  - code: D
    start: 07:30
    end: 15:00
  - code: N
    start: "22:00"
    end: "07:00"
competences:
  - code: SPL
  - code: HFA
employees:
  - id: "1"
    competence: SPL
    position_pct: 100
  - id: "2"
    competence: HFA
    position_pct: 50
demand:
  - shift: D
    min: 1
"""


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _only_problem(text: str) -> InputError:
    with pytest.raises(InputError) as caught:
        unit_from_yaml(text, "x.yaml")
    assert len(caught.value.problems) == 1, caught.value.describe("en")
    return caught.value


@pytest.mark.parametrize("name", DEMOS)
def test_yaml_round_trip_of_demo(name: str) -> None:
    """dump_unit_yaml then unit_from_yaml gives back a unit equal to the demo."""
    unit = demo_unit(name)
    text = dump_unit_yaml(unit)
    assert unit_from_yaml(text, "x.yaml") == unit
    assert dump_unit_yaml(unit_from_yaml(text, "x.yaml")) == text


@pytest.mark.parametrize("name", DEMOS)
def test_json_file_loads_equal(name: str, tmp_path: Path) -> None:
    """A .json file holding json.dumps(unit_to_data(unit)) loads via load_unit equal to the unit."""
    unit = demo_unit(name)
    path = tmp_path / "enhet.json"
    path.write_text(json.dumps(unit_to_data(unit)), encoding="utf-8")
    assert load_unit(path) == unit


def test_yaml_file_written_loads_equal(tmp_path: Path) -> None:
    """write_unit_yaml then load_unit on the .yaml file gives back the same unit."""
    unit = demo_unit("sykehjem")
    path = tmp_path / "enhet.yaml"
    write_unit_yaml(unit, path)
    assert load_unit(path) == unit


def test_unit_to_data_leaves_defaults_out() -> None:
    """unit_to_data omits fields at their default (e.g. rules left as the law's defaults)."""
    unit = demo_unit("sykehjem")
    data = unit_to_data(unit)
    assert "rules" not in data
    assert "vacant" not in data["employees"][0]
    vacant = [index for index, employee in enumerate(unit.employees) if employee.vacant]
    assert vacant
    assert all(data["employees"][index]["vacant"] is True for index in vacant)


def test_unquoted_clock_time_is_not_sexagesimal() -> None:
    """An unquoted `start: 07:30` is read as 07:30, not as YAML 1.1's base-60 number 450."""
    unit = unit_from_yaml(BASE, "x.yaml")
    assert unit.shift_types[0].start == time(7, 30)
    assert unit.shift_types[0].end == time(15, 0)
    assert unit.shift_types[0].length_minutes == 450


def test_plain_integers_and_floats_still_numbers() -> None:
    """With base-60 turned off, ordinary integers and decimals still load as numbers."""
    text = _replace_once(BASE, "position_pct: 50", "position_pct: 62.5")
    unit = unit_from_yaml(text, "x.yaml")
    assert unit.weeks == 2
    assert unit.employees[1].position_pct == 62.5


def test_unknown_competence_located() -> None:
    """An unknown competence on the second employee points at its line and employees[1].competence."""
    text = _replace_once(BASE, "competence: HFA", "competence: LEGE")
    problem = _only_problem(text).problems[0]
    assert problem.code == "unknown_competence"
    assert problem.location is not None
    assert problem.location.line == 18
    assert problem.location.path == "employees[1].competence"
    assert problem.location.file == "x.yaml"


def test_position_above_100_located() -> None:
    """position_pct 150 is refused at its own line with path employees[1].position_pct."""
    text = _replace_once(BASE, "position_pct: 50", "position_pct: 150")
    problem = _only_problem(text).problems[0]
    assert problem.code == "less_than_equal"
    assert problem.location is not None
    assert (problem.location.line, problem.location.path) == (19, "employees[1].position_pct")


def test_missing_shift_start_located_at_the_shift() -> None:
    """A shift without start is reported at the shift's first line with path shift_types[0].start."""
    text = _replace_once(BASE, "    start: 07:30\n", "")
    problem = _only_problem(text).problems[0]
    assert problem.code == "missing"
    assert problem.location is not None
    assert (problem.location.line, problem.location.path) == (4, "shift_types[0].start")


def test_yaml_syntax_error_reports_line() -> None:
    """A YAML syntax error becomes one InputError naming the bad line, not a yaml exception."""
    text = _replace_once(BASE, "    end: 15:00\n", "    end: 15:00: x\n")
    problem = _only_problem(text).problems[0]
    assert problem.code == "yaml_syntax"
    assert problem.location is not None
    assert problem.location.line == 6
    assert "linje 6" in problem.describe("nb")
    assert "line 6" in problem.describe("en")


def test_top_level_list_is_not_a_unit() -> None:
    """A document that is a list instead of a mapping gives InputError not_a_unit at line 1."""
    problem = _only_problem("- name: a\n- name: b\n").problems[0]
    assert problem.code == "not_a_unit"
    assert problem.location is not None
    assert problem.location.line == 1


def test_unknown_field_is_refused() -> None:
    """An unknown key on an employee is an extra_forbidden problem at its own line and path."""
    text = _replace_once(
        BASE, "    position_pct: 50\n", "    position_pct: 50\n    nickname: Bob\n"
    )
    problem = _only_problem(text).problems[0]
    assert problem.code == "extra_forbidden"
    assert problem.location is not None
    assert (problem.location.line, problem.location.path) == (20, "employees[1].nickname")
    assert "nickname" in problem.message("nb")


def test_python_object_tag_is_refused(tmp_path: Path) -> None:
    """A !!python/object/apply tag is refused by the safe loader with InputError; nothing runs."""
    marker = tmp_path / "ran"
    text = BASE + f"evil: !!python/object/apply:os.system ['touch {marker}']\n"
    problem = _only_problem(text).problems[0]
    assert problem.code == "yaml_syntax"
    assert problem.location is not None
    assert problem.location.line == 23
    assert not marker.exists()


def test_several_problems_all_reported() -> None:
    """Two bad values in different places give two problems, each at its own line."""
    text = _replace_once(BASE, "position_pct: 50", "position_pct: 150")
    text = _replace_once(text, "  - code: N\n", "  - code: N N\n")
    with pytest.raises(InputError) as caught:
        unit_from_yaml(text, "x.yaml")
    found = {(p.location.line, p.location.path) for p in caught.value.problems if p.location}
    assert found == {(7, "shift_types[1].code"), (19, "employees[1].position_pct")}


def test_non_utf8_file_is_input_error(tmp_path: Path) -> None:
    """A .yaml file that is not UTF-8 gives InputError (encoding), not UnicodeDecodeError."""
    path = tmp_path / "enhet.yaml"
    path.write_bytes("name: Tromsø\n".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        load_unit(path)
    assert [p.code for p in caught.value.problems] == ["encoding"]


def test_missing_file_and_unknown_suffix(tmp_path: Path) -> None:
    """load_unit reports a missing file and an unknown suffix as InputError with their codes."""
    with pytest.raises(InputError) as missing:
        load_unit(tmp_path / "finnes-ikke.yaml")
    assert [p.code for p in missing.value.problems] == ["no_file"]
    other = tmp_path / "enhet.txt"
    other.write_text("name: x\n", encoding="utf-8")
    with pytest.raises(InputError) as unknown:
        load_unit(other)
    assert [p.code for p in unknown.value.problems] == ["unknown_format"]
