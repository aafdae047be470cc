"""Units as YAML (or JSON): read with a safe loader, every problem pointing at its line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path as FilePath
from typing import Any

import yaml
from pydantic import ValidationError

from models.atomic import atomic_write_text
from models.build import build_unit
from models.problems import (
    InputError,
    Location,
    Path,
    input_error,
    no_such_file,
    path_to_text,
    read_utf8,
)
from models.strict_yaml import StrictLoader
from models.translate import translate
from models.unit import Unit
from models.vedtak import VedtakBook


def _line_map(node: yaml.Node | None, path: Path = ()) -> dict[Path, int]:
    """Line (1-based) of every value in the document, by its path."""
    if node is None:
        return {}
    lines: dict[Path, int] = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = (*path, str(key_node.value))
            lines.update(_line_map(value_node, key_path))
            lines[key_path] = key_node.start_mark.line + 1  # the key's line reads best
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.update(_line_map(item, (*path, index)))
    return lines


def parse_yaml(text: str, file: str) -> tuple[Any, dict[Path, int]]:
    """The document's data and the line of each path; a syntax error becomes an InputError."""
    try:
        node = yaml.compose(text, Loader=StrictLoader)
        data = yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise input_error(
            f"Filen er ikke gyldig YAML: {problem}.",
            f"The file is not valid YAML: {problem}.",
            "yaml_syntax",
            Location(file=file, line=line),
        ) from None
    return data, _line_map(node)


def locator(lines: dict[Path, int], file: str) -> Callable[[Path], Location]:
    """Where a path of the data is in the file: the line of the nearest enclosing path the
    file actually has."""

    def locate(model_path: Path) -> Location:
        line = None
        for cut in range(len(model_path), -1, -1):
            line = lines.get(model_path[:cut])
            if line is not None:
                break
        return Location(file=file, line=line, path=path_to_text(model_path) or None)

    return locate


def load_unit_yaml(path: FilePath) -> Unit:
    """Read a unit from a YAML or JSON file; a vedtak file it names is read beside it."""
    text = read_utf8(path)
    return unit_from_yaml(text, path.name, path.parent)


def load_vedtak_yaml(path: FilePath) -> VedtakBook:
    """Read a vedtak file (YAML): the vedtak and the services' settings; InputError names each
    problem with its line."""
    if not path.is_file():
        raise no_such_file(path)
    data, lines = parse_yaml(read_utf8(path), path.name)
    if not isinstance(data, dict):
        raise input_error(
            "Vedtaksfila må ha feltet «vedtak» (en liste) og gjerne «services».",
            "The vedtak file must have the field 'vedtak' (a list) and may have 'services'.",
            "not_a_vedtak_file",
            Location(file=path.name, line=1),
        )
    try:
        return VedtakBook.model_validate(data)
    except ValidationError as exc:
        locate = locator(lines, path.name)
        raise InputError([p.located(locate(p.path)) for p in translate(exc)]) from None


def unit_from_yaml(text: str, file: str, folder: FilePath | None = None) -> Unit:
    """Read a unit from YAML (or JSON) text; `file` names it in messages, and a vedtak file it
    names is read from `folder`."""
    data, lines = parse_yaml(text, file)
    if not isinstance(data, dict):
        raise input_error(
            "Filen må beskrive en enhet (navn, vakter, kompetanse, ansatte ...).",
            "The file must describe a unit (name, shift types, competences, employees ...).",
            "not_a_unit",
            Location(file=file, line=1),
        )

    reference = data.get("vedtak")
    if isinstance(reference, str):
        if folder is None:
            raise input_error(
                f"Vedtaksfila «{reference}» kan bare leses når enheten leses fra en fil.",
                f"The vedtak file '{reference}' can only be read when the unit is read from a"
                " file.",
                "vedtak_without_folder",
                Location(file=file, line=lines.get(("vedtak",))),
            )
        data = {**data, "vedtak": load_vedtak_yaml(folder / reference)}
    return build_unit(data, locator(lines, file))


def unit_to_data(unit: Unit) -> dict[str, Any]:
    """The unit as plain data with defaults left out, the form a person would write (a unit
    made from vedtak without the demand rows they make)."""
    data = unit.model_dump(mode="json", exclude_defaults=True)
    if unit.vedtak is not None:
        data.pop("demand", None)
    return data


def dump_unit_yaml(unit: Unit) -> str:
    return yaml.safe_dump(unit_to_data(unit), sort_keys=False, allow_unicode=True, width=100)


def write_unit_yaml(unit: Unit, path: FilePath) -> None:
    atomic_write_text(path, dump_unit_yaml(unit))
