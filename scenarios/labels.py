"""Words for what the engine returns (status, objective terms, finding kinds), in bokmål or English,
shared by the workbooks and the terminal."""

from __future__ import annotations

from models.employee import SAMI_LANGUAGES
from models.problems import Language
from rota.findings import Finding, FindingKind
from rota.result import Result, Status

STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.OPTIMAL: ("Optimal (bevist beste)", "Optimal (proven best)"),
    Status.FEASIBLE: ("Gyldig turnus (ikke bevist beste)", "Valid rota (not proven best)"),
    Status.INFEASIBLE: ("Umulig med disse reglene", "Impossible under these rules"),
    Status.UNKNOWN: (
        "Ingen turnus funnet innen tidsgrensen",
        "No rota found within the time limit",
    ),
    Status.MODEL_INVALID: ("Intern feil i modellen", "Internal error in the model"),
}

TERM_LABELS: dict[str, tuple[str, str]] = {
    "under_minimum": ("Under minimumsbemanning", "Below minimum staffing"),
    "under_target": ("Under ønsket bemanning", "Below target staffing"),
    "over_cover": ("Overbemanning", "Overstaffing"),
    "competence_gap": ("Mangler kompetanse", "Missing competence"),
    "quick_returns": ("Kvikkvakter", "Quick returns"),
    "unmet_wishes": ("Uoppfylte ønsker", "Unmet wishes"),
    "isolated_days": ("Enkeltstående arbeidsdager", "Isolated work days"),
    "uneven_weeks": (
        "Ujevne uker (timer utenfor ukesnittet)",
        "Uneven weeks (hours off the weekly share)",
    ),
    "night_spread": ("Ujevn fordeling av netter", "Uneven spread of nights"),
    "weekend_spread": ("Ujevn fordeling av helger", "Uneven spread of weekends"),
    "hours_off_position": ("Timer utenfor stillingen", "Hours off the position"),
}

LANGUAGE_GAP_PREFIX = "language_gap_"


def status_label(status: Status, lang: Language = "nb") -> str:
    nb, en = STATUS_LABELS.get(status, (str(status), str(status)))
    return nb if lang == "nb" else en


def term_label(name: str, lang: Language = "nb") -> str:
    """A Norwegian (or English) label for a named objective term; unknown names are shown as is."""
    if name in TERM_LABELS:
        nb, en = TERM_LABELS[name]
        return nb if lang == "nb" else en
    if name.startswith(LANGUAGE_GAP_PREFIX):
        code = name.removeprefix(LANGUAGE_GAP_PREFIX)
        language_nb, language_en = SAMI_LANGUAGES.get(code, (code, code))
        return f"Mangler {language_nb}" if lang == "nb" else f"Missing {language_en} speaker"
    return name


def kind_label(kind: FindingKind, lang: Language = "nb") -> str:
    if kind is FindingKind.BREACH:
        return "Brudd" if lang == "nb" else "Breach"
    return "Mangel" if lang == "nb" else "Gap"


def explanation(result: Result, lang: Language = "nb") -> list[str]:
    """Why no rota could be made, if the engine said: sentences in the reader's language (plain
    strings are shown as they are)."""
    lines = []
    for item in getattr(result, "explanation", None) or []:
        text = getattr(item, "text", None)
        lines.append(str(text(lang)) if callable(text) else str(item))
    return lines


def no_rota_advice(
    result: Result, lang: Language = "nb", option: str = "--time-limit"
) -> list[str]:
    """What a reader can do about a result without a rota: why, when the engine found out, and
    for a search stopped by its time limit, that a rota may still exist and how to give it more
    time (`option` is the command-line option that does)."""
    lines = explanation(result, lang)
    if lines or result.status is not Status.UNKNOWN:
        return lines
    if lang == "nb":
        return [
            "Søket ble stoppet av tidsgrensen før det fant en turnus. Det betyr ikke at ingen"
            f" turnus finnes: prøv igjen med lengre tid ({option}, for eksempel 120 sekunder)."
        ]
    return [
        "The search was stopped by its time limit before it found a rota. That does not mean"
        f" no rota exists: try again with more time ({option}, for example 120 seconds)."
    ]


def breaches_first(findings: list[Finding]) -> list[Finding]:
    """Breaches of the rules before cover gaps, each group in the order found."""
    return sorted(findings, key=lambda finding: finding.kind is not FindingKind.BREACH)


def count_kinds(findings: list[Finding]) -> tuple[int, int]:
    """Number of breaches and of gaps."""
    breaches = sum(1 for finding in findings if finding.kind is FindingKind.BREACH)
    return breaches, len(findings) - breaches
