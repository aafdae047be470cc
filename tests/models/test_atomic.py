"""Atomic writes: a failure never leaves a half-written file over a good one."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.atomic import atomic_write, atomic_write_text


def test_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    """When writing fails midway, the earlier file is untouched and no temporary file is left."""
    target = tmp_path / "rota.xlsx"
    atomic_write_text(target, "good")

    def half_then_fail(temporary: Path) -> None:
        temporary.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(target, half_then_fail)
    assert target.read_text() == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["rota.xlsx"]


def test_write_creates_folder(tmp_path: Path) -> None:
    """The target's folder is made when missing."""
    target = tmp_path / "new" / "unit.yaml"
    atomic_write_text(target, "name: x\\n")
    assert target.read_text() == "name: x\\n"
