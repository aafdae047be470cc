"""The vedtak chain in the terminal: vedtak → staff hours → hours and heads per shift → årsverk →
kroner, each line one a unit leader can redo (models.vedtak_demand, rota.vedtak_cost)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from models.clock import WEEKDAYS_EN, WEEKDAYS_NB
from models.numbers import decimal, number
from models.problems import Language
from models.unit import Unit
from models.vedtak_demand import Derivation
from rota.vedtak_cost import VedtakCost


def _h(value: float, lang: Language, digits: int = 1) -> str:
    """Hours and counts with at most `digits` decimals and the reader's decimal sign."""
    return decimal(round(value, digits), "g", lang)


def _windows(line_windows: list[str]) -> str:
    return ", ".join(line_windows)


def print_derivation(
    console: Console, unit: Unit, derivation: Derivation, cost: VedtakCost | None, lang: Language
) -> None:
    """The uncovered windows first, then the vedtak, the shifts, and the totals."""
    nb = lang == "nb"
    days = WEEKDAYS_NB if nb else WEEKDAYS_EN
    for line in derivation.uncovered:
        hours = _h(line.uncovered_minutes_per_week / 60, lang)
        console.print(
            f"[red]{'Ingen vakt dekker' if nb else 'No shift covers'} "
            f"{hours} {'t i uka av vedtaket til' if nb else 'h a week of the vedtak of'} "
            f"{escape(line.vedtak.client)} ({line.service.label(lang)}).[/]"
        )
    for vedtak in derivation.not_valid:
        console.print(
            f"[yellow]{escape(vedtak.client)} ({vedtak.service.label(lang)}): "
            + (
                f"ikke gyldig {derivation.reference_date:%d.%m.%Y}, ikke med.[/]"
                if nb
                else f"not valid on {derivation.reference_date:%Y-%m-%d}, left out.[/]"
            )
        )
    table = Table(
        title=(
            f"Vedtak gyldige {derivation.reference_date:%d.%m.%Y}"
            if nb
            else f"Vedtak valid on {derivation.reference_date:%Y-%m-%d}"
        ),
        title_justify="left",
    )
    for header in (
        ("Bruker", "Client"),
        ("Tjeneste", "Service"),
        ("Timer/uke", "Hours/week"),
        ("Tidsvinduer", "Windows"),
        ("Ansatte samtidig", "Staff at once"),
        ("Brukere per ansatt", "Clients per staff"),
        ("Reise og indirekte", "Travel and indirect"),
        ("Ansatt-timer/uke", "Staff hours/week"),
        ("Krav", "Needs"),
    ):
        table.add_column(header[0] if nb else header[1], justify="left")
    for line in derivation.vedtak:
        vedtak = line.vedtak
        windows = [f"{_days(w.weekdays, days)} {w.label()}" for w in vedtak.windows]
        needs = ", ".join(filter(None, (vedtak.competence, vedtak.language)))
        table.add_row(
            escape(vedtak.client),
            vedtak.service.label(lang),
            _h(vedtak.hours_per_week, lang, 2),
            _windows(windows),
            str(vedtak.staff),
            _h(line.clients_per_staff, lang),
            f"{_h(line.indirect_pct, lang, 0)} %",
            _h(line.staff_hours_per_week, lang, 2),
            needs,
        )
    console.print(table)
    shifts = Table(
        title="Vakter: timer og hoder" if nb else "Shifts: hours and heads", title_justify="left"
    )
    for header in (
        ("Vakt", "Shift"),
        ("Dag", "Day"),
        ("Ansatt-timer", "Staff hours"),
        ("Flest samtidig", "Most at once"),
        ("Hoder", "Heads"),
        ("Kompetanse", "Competence"),
        ("Språk", "Language"),
    ):
        shifts.add_column(header[0] if nb else header[1])
    for shift_line in derivation.shifts:
        shifts.add_row(
            shift_line.shift,
            days[shift_line.weekday],
            _h(shift_line.staff_hours, lang, 2),
            _h(shift_line.peak, lang, 2),
            str(shift_line.heads),
            _counts(shift_line.competence_min),
            _counts(shift_line.language_min),
        )
    console.print(shifts)
    totals = Table(show_header=False, title="Sum" if nb else "Total", title_justify="left")
    totals.add_column("")
    totals.add_column("", justify="right")
    week = _h(derivation.full_time_week_h, lang)
    rows = [
        (
            "Vedtakstimer i uka" if nb else "Vedtak hours a week",
            _h(derivation.granted_hours_per_week, lang),
        ),
        (
            "Ansatt-timer i uka" if nb else "Staff hours a week",
            _h(derivation.staff_hours_per_week, lang),
        ),
        (
            f"Årsverk av ansatt-timene (÷ {week} t)"
            if nb
            else f"FTE of the staff hours (÷ {week} h)",
            _h(derivation.fte_of_staff_hours, lang, 2),
        ),
        (
            "Vakttimer i uka (hoder × vaktlengde)" if nb else "Shift hours a week (heads × length)",
            _h(derivation.shift_hours_per_week, lang),
        ),
        (
            f"Årsverk i vakter (÷ {week} t)" if nb else f"FTE in shifts (÷ {week} h)",
            _h(derivation.fte, lang, 2),
        ),
    ]
    if cost is not None:
        for competence in cost.lines:
            rows.append(
                (
                    f"{competence.competence}: {_h(competence.fte, lang, 2)} "
                    + (
                        "årsverk, lønn og tillegg (kr/år)"
                        if nb
                        else "FTE, pay and allowances (NOK/yr)"
                    ),
                    number(competence.total_nok, lang, 0),
                )
            )
        rows.append(
            ("Kostnad per år (kr)" if nb else "Cost a year (NOK)", number(cost.total_nok, lang, 0))
        )
        rows.append(
            ("Per årsverk (kr)" if nb else "Per FTE (NOK)", number(cost.per_fte_nok, lang, 0))
        )
    for label, value in rows:
        totals.add_row(escape(label), value)
    console.print(totals)


def _days(weekdays: tuple[int, ...], names: tuple[str, ...]) -> str:
    if len(weekdays) == 7:
        return names[0] + "-" + names[6]
    if weekdays == (0, 1, 2, 3, 4):
        return names[0] + "-" + names[4]
    return ",".join(names[day] for day in weekdays)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{code}={count}" for code, count in sorted(counts.items()))


def print_vedtak_line(console: Console, derivation: Derivation, lang: Language) -> None:
    """One line for `rota validate`: where the demand came from, and any window left uncovered."""
    valid, left_out = len(derivation.vedtak), len(derivation.not_valid)
    fte = _h(derivation.fte, lang, 2)
    if lang == "nb":
        text = f"Bemanningen er laget av {valid} vedtak: {fte} årsverk i vakter"
        when = f"{derivation.reference_date:%d.%m.%Y}"
        text += f" ({left_out} ikke gyldige {when})" if left_out else ""
        text += "; se `rota vedtak` for utregningen."
    else:
        text = f"The demand is made from {valid} vedtak: {fte} FTE in shifts"
        when = f"{derivation.reference_date:%Y-%m-%d}"
        text += f" ({left_out} not valid on {when})" if left_out else ""
        text += "; see `rota vedtak` for the working."
    console.print(text)
    for line in derivation.uncovered:
        console.print(
            f"[red]{'Ingen vakt dekker deler av vedtaket til' if lang == 'nb' else 'No shift covers part of the vedtak of'}"
            f" {escape(line.vedtak.client)}.[/]"
        )
