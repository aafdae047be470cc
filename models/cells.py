"""Reading and writing single spreadsheet cells the way Norwegian users type them.

Each parser takes whatever a cell holds (text, number, date, bool, nothing) and returns the value
for the unit model, or raises `CellError` with a message in both languages. Values a parser cannot
judge (e.g. "abc" for a number) are passed on unchanged so that the model's own validation names
the problem.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from models.clock import WEEKDAYS_NB


class CellError(ValueError):
    def __init__(self, nb: str, en: str) -> None:
        super().__init__(en)
        self.nb = nb
        self.en = en


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str | None:
    """Text of a cell; a whole number typed as a number (an id like 1001) becomes '1001'."""
    if is_empty(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value).strip()


def number(value: Any) -> Any:
    """A number from 80, '80', '80 %', '80,5', 'kr 1 200'; anything else is passed on."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        # Excel's SANN/USANN in a number cell would be read as 1 or 0.
        shown = "SANN" if value else "USANN"
        raise CellError(
            f"«{shown}» er ikke et tall: skriv tallet.",
            f"'{'TRUE' if value else 'FALSE'}' is not a number: write the number.",
        )
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() else value
    if isinstance(value, str):
        cleaned = re.sub(r"(?i)\s|%|kr\.?|nok|\u00a0", "", value).replace(",", ".")
        try:
            parsed = float(cleaned)
        except ValueError:
            return value.strip()
        return int(parsed) if parsed.is_integer() else parsed
    return value


def percent(value: Any) -> Any:
    """A percentage as people write it (80, '80 %'). A fraction between 0 and 1 is what Excel
    keeps for a cell formatted as percent (80 % is stored as 0.8): refused rather than read as
    0.8 %, which no position is."""
    parsed = number(value)
    if isinstance(parsed, float) and 0 < parsed < 1:
        shown = f"{parsed:g}".replace(".", ",")
        whole = f"{parsed * 100:g}".replace(".", ",")
        raise CellError(
            f"{shown} ser ut som {whole} % lagret som brøk (cellen er formatert som prosent):"
            f" skriv {whole}.",
            f"{parsed:g} looks like {parsed * 100:g} % stored as a fraction (the cell is"
            f" formatted as percent): write {parsed * 100:g}.",
        )
    return parsed


_YES = {"ja", "j", "yes", "y", "x", "sann", "true", "1"}
_NO = {"nei", "n", "no", "usann", "false", "0"}


def yes_no(value: Any) -> Any:
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise CellError(f"«{value}» er ikke ja eller nei.", f"'{value}' is not yes (ja) or no (nei).")


def word_list(value: Any) -> list[str]:
    """'D, A' or 'D A' or 'D;A' as ['D', 'A']."""
    if is_empty(value):
        return []
    raw = text(value) or ""
    return [part for part in re.split(r"[,;/\s]+", raw) if part]


def clock(value: Any) -> Any:
    """A clock time: an Excel time, or text the model parses (07:30, 7.30, 0730)."""
    if is_empty(value):
        return None
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, time):
        return value
    if isinstance(value, float) and 0 <= value < 1:  # Excel's fraction of a day
        minutes = round(value * 24 * 60)
        return time(minutes // 60 % 24, minutes % 60)
    return text(value)


def day_date(value: Any) -> Any:
    if is_empty(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return text(value)


_WEEKDAY_WORDS: dict[str, int] = {}
for _index, _short in enumerate(WEEKDAYS_NB):
    _WEEKDAY_WORDS[_short.lower()] = _index
for _index, _name in enumerate(
    ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
):
    _WEEKDAY_WORDS[_name] = _index
for _index, _name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun")):
    _WEEKDAY_WORDS[_name] = _index
_WEEKDAY_GROUPS = {
    "alle": list(range(7)),
    "hver dag": list(range(7)),
    "ma-sø": list(range(7)),
    "hverdager": list(range(5)),
    "helg": [5, 6],
}


def weekday(value: Any) -> int:
    """A weekday (Ma, mandag, 1..7 with 1 = Monday) as 0..6."""
    word = (text(value) or "").lower()
    if word.isdigit() and 1 <= int(word) <= 7:
        return int(word) - 1
    if word in _WEEKDAY_WORDS:
        return _WEEKDAY_WORDS[word]
    if word[:2] in _WEEKDAY_WORDS and len(word) <= 3:
        return _WEEKDAY_WORDS[word[:2]]
    raise CellError(
        f"«{value}» er ikke en ukedag (skriv Ma, Ti, On, To, Fr, Lø eller Sø).",
        f"'{value}' is not a weekday (write Ma, Ti, On, To, Fr, Lø or Sø).",
    )


def weekdays(value: Any) -> list[int] | None:
    """'Ma-Fr', 'Lø, Sø', 'alle', 'hverdager', 'helg' as weekday numbers 0..6; empty means None."""
    if is_empty(value):
        return None
    raw = (text(value) or "").lower().strip()
    if raw in _WEEKDAY_GROUPS:
        return _WEEKDAY_GROUPS[raw]
    result: list[int] = []
    for part in re.split(r"[,;\s]+", raw):
        if not part:
            continue
        if "-" in part:
            first, _, last = part.partition("-")
            start, end = weekday(first), weekday(last)
            if end < start:
                raise CellError(
                    f"«{part}» går baklengs; skriv f.eks. Ma-Fr.",
                    f"'{part}' runs backwards; write e.g. Ma-Fr.",
                )
            result.extend(range(start, end + 1))
        else:
            result.append(weekday(part))
    return sorted(set(result))


def format_weekdays(days: tuple[int, ...] | list[int]) -> str:
    """Weekday numbers in the short form people write: Ma-Fr, Lø-Sø, Ma, On, Fr."""
    ordered = sorted(set(days))
    if ordered == list(range(7)):
        return "alle"
    runs: list[list[int]] = []
    for day in ordered:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 2:
            parts.append(f"{WEEKDAYS_NB[run[0]]}-{WEEKDAYS_NB[run[-1]]}")
        else:
            parts.append(WEEKDAYS_NB[run[0]])
    return ", ".join(parts)


def day_numbers(value: Any) -> list[int] | None:
    """Rota days written 1-based as '1, 3, 8-12' returned 0-based; empty means None."""
    if is_empty(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        return [int(value) - 1]
    result: list[int] = []
    for part in re.split(r"[,;\s]+", text(value) or ""):
        if not part:
            continue
        first, dash, last = part.partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            raise CellError(
                f"«{part}» er ikke et dagnummer (skriv f.eks. 1, 3, 8-12).",
                f"'{part}' is not a day number (write e.g. 1, 3, 8-12).",
            )
        start = int(first)
        end = int(last) if dash else start
        if end < start or end - start > 400:
            raise CellError(
                f"«{part}» er ikke et gyldig intervall.", f"'{part}' is not a valid range."
            )
        result.extend(day - 1 for day in range(start, end + 1))
    return result


def format_day_numbers(days: tuple[int, ...] | list[int]) -> str:
    return ", ".join(str(day + 1) for day in days)


def counts(value: Any) -> dict[str, Any]:
    """'SPL=1, HFA=2' (or 'SPL:1') as {'SPL': 1, 'HFA': 2}."""
    if is_empty(value):
        return {}
    result: dict[str, Any] = {}
    for part in re.split(r"[,;]+", text(value) or ""):
        part = part.strip()
        if not part:
            continue
        match = re.fullmatch(r"([^\s=:]+)\s*[=:]\s*(\S+)", part)
        if match is None:
            raise CellError(
                f"«{part}» må skrives som KODE=antall, f.eks. SPL=1.",
                f"'{part}' must be written as CODE=count, e.g. SPL=1.",
            )
        result[match.group(1)] = number(match.group(2))
    return result


def format_counts(values: dict[str, int]) -> str:
    return ", ".join(f"{code}={count}" for code, count in values.items())


def plain(value: Any) -> Any:
    """A number as int when it is whole, for cells that should read 75 rather than 75.0."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
