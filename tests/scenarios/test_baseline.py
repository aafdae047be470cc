"""start_from_base(): today's rota carried into a scenario, person by person and day by day."""

from __future__ import annotations

from models.unit import Unit
from scenarios.baseline import start_from_base
from tests.rota.conftest import rota_of, two_shift_unit


def base_unit() -> Unit:
    data = two_shift_unit()
    data["demand"] = [{"shift": "D", "min": 1}, {"shift": "A", "min": 1}]
    return Unit.model_validate(data)


def test_people_gone_are_dropped_and_new_people_start_empty() -> None:
    """Ola leaves and Per arrives: Kari keeps her row, Per starts with none, Ola is gone."""
    base = base_unit()
    rota = rota_of(base, {"kari": "DDA....", "ola": "AA.DD.."})
    data = base.model_dump()
    data["employees"] = [
        data["employees"][0],
        {"id": "per", "competence": "HFA", "position_pct": 40},
    ]
    scenario = Unit.model_validate(data)
    start = start_from_base(rota, scenario)
    assert start is not None
    assert start.assignments == {"kari": rota.assignments["kari"], "per": (None,) * 7}


def test_a_replaced_shift_maps_to_its_replacement_where_that_took_over() -> None:
    """A langvakt L takes the weekend day shifts: a weekend D becomes L, a weekday D stays D."""
    base = base_unit()
    rota = rota_of(base, {"kari": "D....DD", "ola": "......."})
    data = base.model_dump()
    data["shift_types"] = [*data["shift_types"], {"code": "L", "start": "08:00", "end": "20:00"}]
    data["demand"] = [
        {"shift": "D", "weekdays": [0, 1, 2, 3, 4], "min": 1},
        {"shift": "L", "weekdays": [5, 6], "min": 1},
        {"shift": "A", "min": 1},
    ]
    start = start_from_base(rota, Unit.model_validate(data), {"D": "L"})
    assert start is not None
    assert start.assignments["kari"] == ("D", None, None, None, None, "L", "L")


def test_a_removed_shift_leaves_the_day_empty() -> None:
    """No evening shift any more: the evenings of today's rota become days off."""
    base = base_unit()
    rota = rota_of(base, {"kari": "DA.....", "ola": "......."})
    data = base.model_dump()
    data["shift_types"] = [s for s in data["shift_types"] if s["code"] != "A"]
    data["demand"] = [{"shift": "D", "min": 1}]
    start = start_from_base(rota, Unit.model_validate(data))
    assert start is not None
    assert start.assignments["kari"] == ("D",) + (None,) * 6


def test_rotas_of_another_length_do_not_map() -> None:
    """A 6-week rota cannot start a 1-week scenario: no start."""
    base = base_unit()
    data = base.model_dump()
    data["weeks"] = 2
    rota = rota_of(base, {"kari": "D......", "ola": "......."})
    assert start_from_base(rota, Unit.model_validate(data)) is None
