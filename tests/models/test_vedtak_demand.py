"""From vedtak to demand: the bofellesskap's profile worked by hand, double staffing, travel time,
windows no shift covers, and vedtak out of date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.demo import BOFELLESSKAP_VEDTAK, demo_path, demo_unit
from models.problems import InputError
from models.unit import Unit
from models.vedtak import Service, ServiceSetting, Vedtak, VedtakBook
from models.vedtak_demand import derive, with_vedtak_demand
from models.yaml_io import load_unit_yaml, load_vedtak_yaml


def _one_shift_unit() -> Unit:
    """A day shift 08:00-16:00, an evening 16:00-22:00, a nurse who covers a helper."""
    return Unit.model_validate(
        {
            "name": "Sone",
            "shift_types": [
                {"code": "D", "start": "08:00", "end": "16:00"},
                {"code": "A", "start": "16:00", "end": "22:00"},
            ],
            "competences": [{"code": "SPL", "covers": ["HFA"]}, {"code": "HFA"}],
            "budget": {"budget_year": 2027},
        }
    )


def _book(*vedtak: Vedtak, **services: ServiceSetting) -> VedtakBook:
    return VedtakBook(vedtak=vedtak, services={Service(k): v for k, v in services.items()})


def _vedtak(client: str, hours: float, start: str, end: str, **more: object) -> Vedtak:
    """A home-nursing vedtak with one window every day; `more` sets any other field."""
    return Vedtak.model_validate(
        {
            "client": client,
            "service": "hjemmesykepleie",
            "hours_per_week": hours,
            "windows": [{"start": start, "end": end}],
            **more,
        }
    )


def test_the_bofellesskap_by_hand() -> None:
    """Four residents, two per staff member: 0,5 each at once 08:15-22:15 (2 in all) and, at
    night, half the hours of 22:15-08:15 (1 in all). D 08:00-15:30 has 08:00-08:15 shared with
    N (1 ÷ 2), 08:15-15:00 alone (2) and 15:00-15:30 shared with A (2 ÷ 2): 0,125 + 13,5 + 0,5 =
    14,125 staff hours, at most 2 at once; A likewise 14,125; N 0,125 + 9,5 + 0,125 = 9,75, at
    most 1. B2 needs a vernepleier and B3 North Sami by day: 0,5 each, one head on D and A.
    Shifts a week: (2 × 7,5 + 2 × 7,5 + 1 × 10) × 7 = 280 h, 280 ÷ 35,5 = 7,89 årsverk."""
    unit = demo_unit("bofellesskap")
    derivation = derive(unit, load_vedtak_yaml(demo_path(BOFELLESSKAP_VEDTAK)))
    monday = {line.shift: line for line in derivation.shifts if line.weekday == 0}
    assert {code: round(line.staff_hours, 3) for code, line in monday.items()} == {
        "D": 14.125,
        "A": 14.125,
        "N": 9.75,
    }
    assert {code: line.heads for code, line in monday.items()} == {"D": 2, "A": 2, "N": 1}
    assert [
        (row.shift, row.weekdays, row.min, row.competence_min, row.language_min)
        for row in derivation.demand
    ] == [
        ("D", tuple(range(7)), 2, {"VPL": 1}, {"se": 1}),
        ("A", tuple(range(7)), 2, {"VPL": 1}, {"se": 1}),
        ("N", tuple(range(7)), 1, {}, {}),
    ]
    assert derivation.granted_hours_per_week == 4 * 98 + 4 * 35
    assert derivation.staff_hours_per_week == pytest.approx(7 * 38)
    assert derivation.shift_hours_per_week == pytest.approx(280)
    assert derivation.fte == pytest.approx(280 / 35.5)
    assert derivation.uncovered == []


def test_double_staffing_counts_twice_and_travel_time_is_added() -> None:
    """2 h a week in 08:00-10:00 every day at 2:1 with 30 % travel: 2 × 2 ÷ 0,7 = 5,71 staff
    hours, 0,41 at once: one head on D, who the 2:1 needs twice at once only on average."""
    book = _book(
        _vedtak("K1", 2, "08:00", "10:00", staff=2),
        hjemmesykepleie=ServiceSetting(indirect_pct=30),
    )
    derivation = derive(_one_shift_unit(), book)
    assert derivation.staff_hours_per_week == pytest.approx(4 / 0.7)
    assert derivation.shifts[0].peak == pytest.approx(4 / 0.7 / 14)
    assert [(row.shift, row.min) for row in derivation.demand] == [("D", 1)]


def test_overlapping_windows_add_up_to_more_heads() -> None:
    """Three clients each needing someone all of 08:00-09:00 every day: three at once."""
    book = _book(*(_vedtak(f"K{n}", 7, "08:00", "09:00") for n in range(3)))
    assert [(row.shift, row.min) for row in derive(_one_shift_unit(), book).demand] == [("D", 3)]


def test_competence_heads_are_at_least_their_sum() -> None:
    """A nurse's and a helper's client at once, each half a head: two heads, not one."""
    book = _book(
        _vedtak("K1", 3.5, "08:00", "09:00", competence="SPL"),
        _vedtak("K2", 3.5, "08:00", "09:00", competence="HFA"),
    )
    (row,) = derive(_one_shift_unit(), book).demand
    assert (row.min, row.competence_min) == (2, {"SPL": 1, "HFA": 1})


def test_a_window_no_shift_covers_is_flagged() -> None:
    """A visit at 23:00-23:30 when the last shift ends at 22:00: the vedtak is named, 30
    minutes a day uncovered."""
    book = _book(_vedtak("K9", 3.5, "23:00", "23:30"), _vedtak("K1", 7, "08:00", "09:00"))
    derivation = derive(_one_shift_unit(), book)
    assert [
        (line.vedtak.client, line.uncovered_minutes_per_week) for line in derivation.uncovered
    ] == [("K9", 7 * 30)]


def test_only_vedtak_valid_on_the_reference_day_count() -> None:
    """1 January of the budget year by default: a vedtak ended in 2026 or starting in March
    makes no demand, and both are listed."""
    ended = _vedtak("K1", 7, "08:00", "09:00", valid_to=date(2026, 10, 31))
    later = _vedtak("K2", 7, "08:00", "09:00", valid_from=date(2027, 3, 1))
    current = _vedtak("K3", 7, "08:00", "09:00")
    derivation = derive(_one_shift_unit(), _book(ended, later, current))
    assert derivation.reference_date == date(2027, 1, 1)
    assert [v.client for v in derivation.not_valid] == ["K1", "K2"]
    assert [line.vedtak.client for line in derivation.vedtak] == ["K3"]


def test_the_home_care_demo_takes_its_demand_from_its_vedtak() -> None:
    """hjemmesone.yaml names its vedtak file: its demand is the vedtak's, its vedtak kept."""
    unit = demo_unit("hjemmesone")
    assert unit.vedtak is not None
    assert unit.demand == with_vedtak_demand(unit, unit.vedtak).demand
    assert {row.shift for row in unit.demand} == {"D", "A"}


def test_a_unit_with_vedtak_and_demand_rows_is_refused(tmp_path: Path) -> None:
    """Two sources for one demand: an error at the demand's line, in words."""
    (tmp_path / "v.yaml").write_text(
        'vedtak:\n  - {client: K1, service: bpa, hours_per_week: 7, windows: [{start: "08:00", end: "09:00"}]}\n',
        "utf-8",
    )
    unit_text = (
        "name: Sone\nshift_types: [{code: D, start: '08:00', end: '16:00'}]\n"
        "competences: [{code: HFA}]\nvedtak: v.yaml\ndemand:\n  - {shift: D, min: 1}\n"
    )
    (tmp_path / "sone.yaml").write_text(unit_text, "utf-8")
    with pytest.raises(InputError) as caught:
        load_unit_yaml(tmp_path / "sone.yaml")
    (problem,) = caught.value.problems
    assert problem.location is not None
    assert (problem.location.file, problem.location.line) == ("sone.yaml", 5)
    assert "både vedtak og bemanningsrader" in problem.message("nb")


def test_a_bad_vedtak_row_is_named_in_the_vedtak_file(tmp_path: Path) -> None:
    """The unit names its vedtak file; a bad row there is located in that file."""
    (tmp_path / "v.yaml").write_text(
        'vedtak:\n  - {client: K1, service: bpa, hours_per_week: -1, windows: [{start: "08:00", end: "09:00"}]}\n',
        "utf-8",
    )
    (tmp_path / "sone.yaml").write_text(
        "name: Sone\nshift_types: [{code: D, start: '08:00', end: '16:00'}]\n"
        "competences: [{code: HFA}]\nvedtak: v.yaml\n",
        "utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_unit_yaml(tmp_path / "sone.yaml")
    (problem,) = caught.value.problems
    assert problem.location is not None
    assert (problem.location.file, problem.location.line, problem.location.path) == (
        "v.yaml",
        2,
        "vedtak[0].hours_per_week",
    )


def test_the_bofellesskap_solves_on_the_demand_of_its_vedtak() -> None:
    """The residents' vedtak made into demand: a rota that breaks no rule, every shift staffed
    (the vedtak ask for less than the typed plan, which the staff covers)."""
    from rota.check import check
    from rota.findings import FindingKind
    from rota.params import SolveParams
    from rota.solve import solve

    unit = with_vedtak_demand(
        demo_unit("bofellesskap").model_copy(update={"demand": ()}),
        load_vedtak_yaml(demo_path(BOFELLESSKAP_VEDTAK)),
    )
    result = solve(unit, SolveParams(deterministic=True, time_limit_s=1))
    assert result.rota is not None
    findings = check(unit, result.rota)
    assert [f for f in findings if f.kind is FindingKind.BREACH] == []
