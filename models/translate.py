"""Pydantic's validation errors in the words of a unit leader, in Norwegian and English."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from models.employee import VALID_LANGUAGES_EN, VALID_LANGUAGES_NB
from models.problems import Problem

# Messages for our own checks raised inside validators (PydanticCustomError types).
_CUSTOM: dict[str, tuple[str, str]] = {
    "zero_length_shift": (
        "Vakten har lik start og slutt (null lengde).",
        "The shift starts and ends at the same time (zero length).",
    ),
    "paid_exceeds_length": (
        "Betalte minutter er flere enn vaktens lengde.",
        "Paid minutes exceed the length of the shift.",
    ),
    "min_hours_above_max": (
        "Min timer er høyere enn maks timer.",
        "Min hours are above max hours.",
    ),
    "min_pct_above_max": (
        "Min stillingsprosent er høyere enn maks.",
        "Min position % is above max position %.",
    ),
    "weekday_out_of_range": (
        "Ukedag må være mandag til søndag.",
        "Weekday must be Monday to Sunday.",
    ),
    "no_days": ("Raden gjelder ingen dager.", "The row applies to no days."),
    "target_below_min": (
        "Ønsket bemanning er lavere enn minimum.",
        "Target staffing is below the minimum.",
    ),
    "negative_count": ("Antall kan ikke være negativt.", "A count cannot be negative."),
    "competence_exceeds_total": (
        "Kompetansekravene krever flere personer enn ønsket bemanning på vakta.",
        "The competence minimums need more people than the shift's target staffing.",
    ),
    "client_id": (
        "Bruker-ID kan bare ha bokstaver, tall og - _ . (ingen mellomrom, aldri navn).",
        "A client id may only hold letters, digits and - _ . (no spaces, never a name).",
    ),
    "valid_to_before_from": (
        "«Gyldig til» er før «gyldig fra».",
        "'Valid to' is before 'valid from'.",
    ),
    "hours_beyond_windows": (
        "{hours} timer i uka får ikke plass i tidsvinduene ({windows} timer i uka).",
        "{hours} hours a week do not fit in the time windows ({windows} hours a week).",
    ),
    "bad_targets": (
        "Målene gjelder årstall (f.eks. 2027: 5000000) og kan ikke være negative.",
        "The targets are by year (e.g. 2027: 5000000) and cannot be negative.",
    ),
    "duplicate_vedtak": (
        "Bruker {client} har to vedtak om {service} i de samme tidsvinduene; slå dem sammen.",
        "Client {client} has two vedtak for {service} in the same windows; merge them.",
    ),
}


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


# Row-level checks blame the field a person would correct.
_BLAMED_FIELD: dict[str, str] = {
    "zero_length_shift": "end",
    "paid_exceeds_length": "paid_minutes",
    "target_below_min": "target",
    "competence_exceeds_total": "competence_min",
    "min_pct_above_max": "min_pct",
    "min_hours_above_max": "min_hours",
    "weekday_out_of_range": "weekdays",
    "no_days": "weekdays",
    "negative_count": "competence_min",
    "valid_to_before_from": "valid_to",
    "hours_beyond_windows": "hours_per_week",
}


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) else str(value)


def translate_error(details: ErrorDetails) -> Problem:
    """One pydantic error as a Problem whose path is the error's location in the unit model."""
    kind = details["type"]
    ctx: dict[str, Any] = dict(details.get("ctx") or {})
    value = details.get("input")
    path = tuple(part for part in details["loc"] if isinstance(part, str | int))
    if kind in _BLAMED_FIELD:
        path = (*path, _BLAMED_FIELD[kind])
    if kind in _CUSTOM:
        nb, en = _CUSTOM[kind]
        if ctx:
            numbers = {k: _number(v) for k, v in ctx.items() if isinstance(v, float)}
            nb = nb.format(**{**ctx, **{k: v.replace(".", ",") for k, v in numbers.items()}})
            en = en.format(**{**ctx, **numbers})
        if kind == "duplicate_vedtak":
            path = (*path, "vedtak", int(ctx["index"]), "client")
    elif kind == "missing":
        nb, en = "Verdi mangler, men må fylles ut.", "A value is required here."
    elif kind in ("int_parsing", "int_type", "int_from_float"):
        nb = f"«{_shown(value)}» er ikke et helt tall."
        en = f"'{_shown(value)}' is not a whole number."
    elif kind == "finite_number":
        nb, en = "Verdien må være et vanlig tall.", "The value must be an ordinary number."
    elif kind in ("float_parsing", "float_type"):
        nb, en = f"«{_shown(value)}» er ikke et tall.", f"'{_shown(value)}' is not a number."
    elif kind in ("greater_than_equal", "greater_than"):
        limit = _number(ctx.get("ge", ctx.get("gt")))
        word_nb = "minst" if kind == "greater_than_equal" else "over"
        word_en = "at least" if kind == "greater_than_equal" else "above"
        nb = f"{_shown(value)} er for lite: verdien må være {word_nb} {limit}."
        en = f"{_shown(value)} is too small: the value must be {word_en} {limit}."
    elif kind in ("less_than_equal", "less_than"):
        limit = _number(ctx.get("le", ctx.get("lt")))
        word_nb = "høyst" if kind == "less_than_equal" else "under"
        word_en = "at most" if kind == "less_than_equal" else "below"
        nb = f"{_shown(value)} er for mye: verdien må være {word_nb} {limit}."
        en = f"{_shown(value)} is too large: the value must be {word_en} {limit}."
    elif kind.startswith("time_"):
        nb = f"«{_shown(value)}» er ikke et klokkeslett (skriv f.eks. 07:30)."
        en = f"'{_shown(value)}' is not a clock time (write e.g. 07:30)."
    elif kind.startswith("date"):
        nb = f"«{_shown(value)}» er ikke en dato (skriv f.eks. 2027-01-04)."
        en = f"'{_shown(value)}' is not a date (write e.g. 2027-01-04)."
    elif kind.startswith("bool"):
        nb, en = f"«{_shown(value)}» er ikke ja eller nei.", f"'{_shown(value)}' is not yes or no."
    elif kind == "unknown_language":
        shown = _shown(ctx.get("value", value))
        if str(shown).strip().lower() in ("samisk", "sami", "sámi"):
            nb = f"«{shown}» sier ikke hvilket samisk språk; skriv {VALID_LANGUAGES_NB}."
            en = f"'{shown}' does not say which Sami language; write {VALID_LANGUAGES_EN}."
        else:
            nb = f"«{shown}» er ikke et språk enheten kjenner; skriv {VALID_LANGUAGES_NB}."
            en = f"'{shown}' is not a language the unit knows; write {VALID_LANGUAGES_EN}."
    elif kind == "string_pattern_mismatch":
        nb = f"«{_shown(value)}» er ikke en gyldig kode (bokstaver og tall, uten mellomrom)."
        en = f"'{_shown(value)}' is not a valid code (letters and digits, no spaces)."
    elif kind == "too_short":
        nb, en = "Minst én oppføring trengs her.", "At least one entry is needed here."
    elif kind == "string_too_short":
        nb, en = "Feltet kan ikke være tomt.", "This may not be empty."
    elif kind in ("string_too_long", "too_long"):
        nb, en = "Verdien er for lang.", "The value is too long."
    elif kind in ("enum", "literal_error"):
        expected = ctx.get("expected", "")
        nb = f"«{_shown(value)}» er ikke tillatt; velg en av {expected}."
        en = f"'{_shown(value)}' is not allowed; choose one of {expected}."
    elif kind == "extra_forbidden":
        field = path[-1] if path else ""
        nb, en = f"Ukjent felt «{field}».", f"Unknown field '{field}'."
    elif kind in ("list_type", "tuple_type", "dict_type", "model_type", "model_attributes_type"):
        nb = f"Feil form på verdien «{_shown(value)}»."
        en = f"The value '{_shown(value)}' has the wrong shape."
    elif kind == "string_type":
        nb, en = f"«{_shown(value)}» må være tekst.", f"'{_shown(value)}' must be text."
    else:
        nb = en = details["msg"]
    return Problem(message_nb=nb, message_en=en, path=path, code=kind)


def translate(exc: ValidationError) -> list[Problem]:
    errors = exc.errors()
    # A list whose only item is wrong is also "too short" once that item is set aside: the
    # item's own error says what to correct.
    inner = {tuple(e["loc"][:-n]) for e in errors for n in range(1, len(e["loc"]))}
    return [
        translate_error(details)
        for details in errors
        if not (details["type"] == "too_short" and tuple(details["loc"]) in inner)
    ]
