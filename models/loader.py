"""One entry point for unit files, whatever their format."""

from __future__ import annotations

from pathlib import Path

from models.problems import Location, input_error, no_such_file
from models.unit import Unit
from models.unit_workbook import load_unit_workbook
from models.yaml_io import load_unit_yaml

YAML_SUFFIXES = (".yaml", ".yml", ".json")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def load_unit(path: str | Path) -> Unit:
    """Read a unit from .yaml/.yml/.json or .xlsx; InputError names every problem and its place."""
    path = Path(path)
    if not path.is_file():
        raise no_such_file(path)
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return load_unit_yaml(path)
    if suffix in WORKBOOK_SUFFIXES:
        return load_unit_workbook(path)
    raise input_error(
        f"Ukjent filtype «{suffix}»; bruk .xlsx, .yaml eller .json.",
        f"Unknown file type '{suffix}'; use .xlsx, .yaml or .json.",
        "unknown_format",
        Location(file=path.name),
    )
