"""Vedtak files: read with the services' settings, every bad row named at its line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.demo import BOFELLESSKAP_VEDTAK, demo_path
from models.problems import InputError
from models.vedtak import Service, Vedtak, Window
from models.yaml_io import load_vedtak_yaml

GOOD_ROW = '{client: K1, service: hjemmesykepleie, hours_per_week: 2, windows: [{start: "08:00", end: "10:00"}]}'


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "vedtak.yaml"
    body = "".join(f"  - {row}\n" for row in rows)
    path.write_text(f"services:\n  hjemmesykepleie: {{indirect_pct: 30}}\nvedtak:\n{body}", "utf-8")
    return path


def _problems(path: Path) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(InputError) as caught:
        load_vedtak_yaml(path)
    found = []
    for problem in caught.value.problems:
        assert problem.location is not None
        found.append((problem.location.line, problem.location.path, problem.message("nb")))
    return found


def test_the_demo_vedtak_read() -> None:
    """The bofellesskap's eight vedtak and its two residents per staff member."""
    book = load_vedtak_yaml(demo_path(BOFELLESSKAP_VEDTAK))
    assert len(book.vedtak) == 8
    assert book.setting(Service.BOFELLESSKAP).clients_per_staff == 2
    assert book.setting(Service.AVLASTNING).clients_per_staff == 1  # not given: one to one


def test_each_bad_row_is_named_at_its_line_and_field(tmp_path: Path) -> None:
    """A name for a client id, an unknown service, hours beyond the windows and a bad clock time
    are each an error at their own line, all in one go."""
    path = _write(
        tmp_path,
        GOOD_ROW,
        GOOD_ROW.replace("K1", "Kari Nordmann"),
        GOOD_ROW.replace("K1", "K3").replace("hjemmesykepleie", "hjemmehjelp"),
        GOOD_ROW.replace("K1", "K4").replace("hours_per_week: 2", "hours_per_week: 15"),
        GOOD_ROW.replace("K1", "K5").replace('"10:00"', '"25:00"'),
    )
    problems = _problems(path)
    assert [(line, field) for line, field, _ in problems] == [
        (5, "vedtak[1].client"),
        (6, "vedtak[2].service"),
        (7, "vedtak[3].hours_per_week"),
        (8, "vedtak[4].windows[0].end"),
    ]
    messages = [message for _, _, message in problems]
    assert "aldri navn" in messages[0]
    assert "«hjemmehjelp» er ikke tillatt; velg en av 'hjemmesykepleie'" in messages[1]
    assert "15 timer i uka får ikke plass i tidsvinduene (14 timer i uka)" in messages[2]
    assert "klokkeslett" in messages[3]


def test_a_copied_vedtak_is_refused_at_the_copy(tmp_path: Path) -> None:
    """The same client, service and windows twice is a copy: named at the second one."""
    assert _problems(_write(tmp_path, GOOD_ROW, GOOD_ROW)) == [
        (
            5,
            "vedtak[1].client",
            "Bruker K1 har to vedtak om hjemmesykepleie i de samme tidsvinduene; slå dem sammen.",
        )
    ]


def test_a_window_past_midnight_runs_into_the_next_day() -> None:
    """22:00-07:00 is nine hours; 00:00-00:00 the whole day."""
    assert Window(start="22:00", end="07:00").length_minutes == 9 * 60
    assert Window(start="00:00", end="00:00").length_minutes == 24 * 60


def test_a_vedtak_is_valid_between_its_dates() -> None:
    """Valid from and to are inclusive; no date means open."""
    from datetime import date

    vedtak = Vedtak(
        client="K1",
        service=Service.BPA,
        hours_per_week=1,
        windows=(Window(start="08:00", end="10:00"),),
        valid_from=date(2027, 3, 1),
        valid_to=date(2027, 3, 31),
    )
    assert [vedtak.valid_on(date(2027, 3, d)) for d in (1, 31)] == [True, True]
    assert not vedtak.valid_on(date(2027, 2, 28))
    assert not vedtak.valid_on(date(2027, 4, 1))
