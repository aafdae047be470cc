"""The year file: vacation wishes and holiday history, each problem at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.problems import InputError
from models.unit import Unit
from models.year_input import load_year_input


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ferie.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_year_file_reads_with_defaults_for_the_unlisted(tmp_path: Path, small_ward: Unit) -> None:
    """Listed people get their wishes; anyone else the defaults (3 weeks in the summer)."""
    path = _write(tmp_path, "year: 2027\npeople:\n  - id: s1\n    wished_weeks: [28, 29]\n")
    year_input = load_year_input(path, small_ward)
    assert year_input.year == 2027
    assert year_input.person("s1").wished_weeks == (28, 29)
    assert year_input.person("h1").main_period_weeks == 3


def test_an_unknown_id_is_named_at_its_line(tmp_path: Path, small_ward: Unit) -> None:
    """A mistyped id would lose the person's wishes: an error at the file and line."""
    path = _write(
        tmp_path, "year: 2027\npeople:\n  - id: s1\n  - id: s9\n    worked_easter: true\n"
    )
    with pytest.raises(InputError) as caught:
        load_year_input(path, small_ward)
    problem = caught.value.problems[0]
    assert "s9" in problem.message_nb
    assert problem.location is not None
    assert (problem.location.file, problem.location.line) == ("ferie.yaml", 4)


def test_a_person_listed_twice_is_refused(tmp_path: Path, small_ward: Unit) -> None:
    """Two entries for one person: which one holds is not guessed."""
    path = _write(tmp_path, "people:\n  - id: s1\n  - id: s1\n")
    with pytest.raises(InputError) as caught:
        load_year_input(path, small_ward)
    assert "flere ganger" in caught.value.problems[0].message_nb


def test_a_wrong_value_is_named_with_its_field(tmp_path: Path) -> None:
    """Vacation weeks as a word: refused at people[0].vacation_weeks with its line."""
    path = _write(tmp_path, "people:\n  - id: s1\n    vacation_weeks: fem\n")
    with pytest.raises(InputError) as caught:
        load_year_input(path)
    problem = caught.value.problems[0]
    assert problem.location is not None
    assert problem.location.line == 3
    assert "vacation_weeks" in (problem.location.path or "")
