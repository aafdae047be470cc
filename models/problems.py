"""Problems found in user input, with the place they were found, in Norwegian or English."""

from __future__ import annotations

import os
import pathlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Literal

PathLike = str | os.PathLike[str]

Language = Literal["nb", "en"]
Path = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Location:
    """Where in a file a value came from. Every part is optional; the more the better."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    line: int | None = None  # YAML/JSON source line, 1-based
    path: str | None = None  # YAML path such as employees[3].competence

    def describe(self, lang: Language = "nb") -> str:
        words = _LOCATION_WORDS[lang]
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(
                f"{words['sheet']} «{self.sheet}»" if lang == "nb" else f"sheet '{self.sheet}'"
            )
        if self.row is not None:
            parts.append(f"{words['row']} {self.row}")
        if self.column:
            parts.append(
                f"{words['column']} «{self.column}»" if lang == "nb" else f"column '{self.column}'"
            )
        if self.line is not None:
            parts.append(f"{words['line']} {self.line}")
        if self.path:
            parts.append(self.path)
        return ", ".join(parts)


_LOCATION_WORDS: dict[Language, dict[str, str]] = {
    "nb": {"sheet": "ark", "row": "rad", "column": "kolonne", "line": "linje"},
    "en": {"sheet": "sheet", "row": "row", "column": "column", "line": "line"},
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful) in the input.

    `path` points into the unit model (e.g. ("employees", 3, "competence")); readers turn it into a
    `Location` in the user's own file. Messages are kept in both languages so one run speaks one.
    """

    message_nb: str
    message_en: str
    path: Path = ()
    severity: Severity = Severity.ERROR
    location: Location | None = None
    code: str = "invalid"

    def message(self, lang: Language = "nb") -> str:
        return self.message_nb if lang == "nb" else self.message_en

    def describe(self, lang: Language = "nb") -> str:
        where = self.location.describe(lang) if self.location else path_to_text(self.path)
        return f"{where}: {self.message(lang)}" if where else self.message(lang)

    def located(self, location: Location) -> Problem:
        return replace(self, location=location)


def path_to_text(path: Sequence[str | int]) -> str:
    """Render a model path the way YAML users read it: employees[3].competence."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


@dataclass
class InputError(Exception):
    """The input cannot become a valid unit; `problems` lists every error found (and warnings)."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.describe("en"))

    def __reduce__(self) -> tuple[type[InputError], tuple[list[Problem]]]:
        # Raised in a worker process, it reaches the parent whole (problems, not their text).
        return (InputError, (self.problems,))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    def describe(self, lang: Language = "nb") -> str:
        return "\n".join(p.describe(lang) for p in self.problems)

    def __str__(self) -> str:
        return self.describe("en")


def error(nb: str, en: str, path: Iterable[str | int] = (), code: str = "invalid") -> Problem:
    return Problem(message_nb=nb, message_en=en, path=tuple(path), code=code)


def warning(nb: str, en: str, path: Iterable[str | int] = (), code: str = "warning") -> Problem:
    return Problem(
        message_nb=nb, message_en=en, path=tuple(path), severity=Severity.WARNING, code=code
    )


def input_error(nb: str, en: str, code: str, location: Location) -> InputError:
    """An InputError of one problem at one place."""
    return InputError([error(nb, en, code=code).located(location)])


def no_such_file(path: object) -> InputError:
    """The error for a file that is not there."""
    return input_error(
        "Finner ikke filen.", "The file does not exist.", "no_file", Location(file=str(path))
    )


def read_utf8(path: PathLike) -> str:
    """The file's text; an input error naming the file when it is not UTF-8 text."""
    try:
        return pathlib.Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise input_error(
            "Filen er ikke tekst i UTF-8.",
            "The file is not UTF-8 text.",
            "encoding",
            Location(file=pathlib.Path(path).name),
        ) from None
