"""Numbers as the reader writes them: 1 234,5 in Norwegian, 1,234.5 in English."""

from __future__ import annotations

from models.problems import Language


def number(value: float, lang: Language = "nb", decimals: int = 1) -> str:
    """A number the way the reader writes it: 1 234,5 in Norwegian, 1,234.5 in English."""
    text = f"{value:,.{decimals}f}"
    if lang == "nb":
        text = text.replace(",", " ").replace(".", ",")
    return text


def hours(value: float, lang: Language = "nb") -> str:
    """Hours to two decimals at most, trailing zeros dropped: 35,33 or 60 (35.33 in English)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "nb" else text


def counted(count: int, one: str, many: str) -> str:
    """A count with its noun in the singular or the plural: 1 dag, 2 dager."""
    return f"{count} {one if count == 1 else many}"


def decimal(value: float, spec: str = "g", lang: Language = "nb") -> str:
    """`value` in a format spec ("g", ".2f"), with the decimal comma in Norwegian."""
    text = format(value, spec)
    return text.replace(".", ",") if lang == "nb" else text
