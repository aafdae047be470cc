"""Solver parameters from a YAML file and command-line overrides, with located errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from models.problems import InputError, Location, error, no_such_file, path_to_text, read_utf8
from models.strict_yaml import StrictLoader
from models.translate import translate
from rota.params import SolveParams


def load_params(path: Path | None = None, **overrides: Any) -> SolveParams:
    """SolveParams from the file (if any), every override that is not None put on top.

    A file that cannot be read or holds a bad value raises `InputError` naming the file and field.
    """
    given = {name: value for name, value in overrides.items() if value is not None}
    data: dict[str, Any] = {}
    file = path.name if path is not None else None
    if path is not None:
        try:
            text = read_utf8(path)
        except FileNotFoundError:
            raise no_such_file(path) from None
        try:
            loaded = yaml.load(text, Loader=StrictLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or "?"
            raise InputError(
                [
                    error(
                        f"Filen er ikke gyldig YAML: {problem}.",
                        f"The file is not valid YAML: {problem}.",
                        code="yaml_syntax",
                    ).located(Location(file=file, line=mark.line + 1 if mark is not None else None))
                ]
            ) from None
        if loaded is not None and not isinstance(loaded, dict):
            raise InputError(
                [
                    error(
                        "Filen må inneholde navn og verdier (f.eks. time_limit_s: 60).",
                        "The file must hold names and values (e.g. time_limit_s: 60).",
                        code="not_a_mapping",
                    ).located(Location(file=file))
                ]
            )
        data = loaded or {}
    try:
        return SolveParams.model_validate({**data, **given})
    except ValidationError as exc:
        problems = translate(exc)
        raise InputError(
            [
                problem.located(Location(file=file, path=path_to_text(problem.path)))
                for problem in problems
            ]
        ) from None
