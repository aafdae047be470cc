"""One entry point for unit files, whatever their format."""

from __future__ import annotations

from pathlib import Path

from models.curtois import load_unit_curtois, looks_like_curtois
from models.problems import Location, input_error, no_such_file
from models.unit import Unit
from models.unit_workbook import load_unit_workbook
from models.yaml_io import load_unit_yaml

YAML_SUFFIXES = (".yaml", ".yml", ".json")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
CURTOIS_SUFFIXES = (".txt",)  # the Curtois & Qu benchmark format


def load_unit(path: str | Path) -> Unit:
    """Read a unit from .yaml/.yml/.json, .xlsx or a benchmark .txt; InputError names every
    problem and its place."""
    path = Path(path)
    if not path.is_file():
        raise no_such_file(path)
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return load_unit_yaml(path)
    if suffix in WORKBOOK_SUFFIXES:
        return load_unit_workbook(path)
    if suffix in CURTOIS_SUFFIXES and _starts_like_curtois(path):
        return load_unit_curtois(path)
    raise input_error(
        f"Ukjent filtype «{suffix}»; bruk .xlsx, .yaml, .json eller .txt (Curtois & Qu).",
        f"Unknown file type '{suffix}'; use .xlsx, .yaml, .json or .txt (Curtois & Qu).",
        "unknown_format",
        Location(file=path.name),
    )


def _starts_like_curtois(path: Path) -> bool:
    """A .txt file is taken for a benchmark instance only when it reads like one."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        return looks_like_curtois(handle.read(4096))
