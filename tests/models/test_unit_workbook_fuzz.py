"""Random cell edits to the example workbook: the reader answers with a Unit or InputError, never a
crash."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from models.loader import load_unit
from models.problems import InputError
from models.unit import Unit
from models.unit_workbook import SHEET_ORDER

Edit = tuple[str, int, int, Any]

VALUES = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.times(),
    st.datetimes(),
)

EDITS = st.lists(
    st.tuples(
        st.sampled_from(SHEET_ORDER),
        st.integers(1, 40),
        st.integers(1, 20),
        VALUES,
    ),
    min_size=1,
    max_size=4,
)


def _write_edits(data: bytes, edits: list[Edit], path: Path) -> bool:
    """Apply the edits to a fresh copy of the workbook and save it; False if openpyxl refuses."""
    workbook = load_workbook(BytesIO(data))
    try:
        for sheet, row, column, value in edits:
            workbook[sheet].cell(row=row, column=column).value = value
        workbook.save(path)
    except (IllegalCharacterError, ValueError, TypeError, OverflowError):
        return False
    return True


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(edits=EDITS)
def test_random_edits_give_unit_or_input_error(
    edits: list[Edit], example_workbook_bytes: bytes, tmp_path: Path
) -> None:
    """Any values in up to four cells give a Unit or a located, describable InputError, no crash."""
    path = tmp_path / "fuzz.xlsx"
    assume(_write_edits(example_workbook_bytes, edits, path))
    try:
        result: Unit | InputError = load_unit(path)
    except InputError as exc:
        result = exc
    if isinstance(result, InputError):
        assert result.problems
        for problem in result.problems:
            assert problem.location is not None
            assert problem.location.file == "fuzz.xlsx"
            assert problem.describe("nb")
            assert problem.describe("en")
    else:
        assert isinstance(result, Unit)
        assert result.shift_types
        assert result.competences
