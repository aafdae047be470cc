"""Terminal output for heltid: the full-time figures, a position plan and the FTE need."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from cli.render import signed
from models.heltid import BANDS, Heltid
from models.numbers import number
from models.problems import Language
from models.unit import Unit
from rota.fte_need import FteNeed
from rota.fulltime import PositionPlan
from scenarios.comparison_workbook import REMOVED_REASONS
from scenarios.plan_workbook import plan_status
from scenarios.removed import RemovedPosition
from scenarios.rota_workbook import CoverCell


def _t(lang: Language, nb: str, en: str) -> str:
    return nb if lang == "nb" else en


def _table(title: str, labels: Sequence[str], figures: Sequence[str]) -> Table:
    """A table with its text columns (left-aligned) first, then its figures (right-aligned)."""
    table = Table(title=title, title_justify="left")
    for label in labels:
        table.add_column(label)
    for figure in figures:
        table.add_column(figure, justify="right")
    return table


def _pct(value: float, lang: Language) -> str:
    return f"{number(value * 100, lang, 1)} %"


def print_heltid(
    console: Console, columns: Sequence[tuple[str, Heltid | None]], lang: Language
) -> None:
    """Heltidsandel, average position, bands and unwanted part-time: the unit, then each
    competence, one column per (label, figures)."""
    table = _table(
        _t(lang, "Heltid og deltid", "Full-time and part-time"),
        [_t(lang, "Gruppe", "Group"), _t(lang, "Hva", "What")],
        [label for label, _ in columns],
    )
    first = next((h for _, h in columns if h is not None), None)
    if first is None:
        return
    groups = [
        (_t(lang, "Hele enheten", "Whole unit"), None),
        *((c, c) for c in first.by_competence),
    ]
    for title, code in groups:
        rows: list[tuple[str, list[str]]] = []
        picked = [
            None if h is None else (h.total if code is None else h.by_competence.get(code))
            for _, h in columns
        ]
        rows.append(
            (
                _t(lang, "Heltid (hoder)", "Full-time (heads)"),
                [
                    "-"
                    if f is None
                    else f"{f.fulltime_heads} / {f.heads} = {_pct(f.share_heads, lang)}"
                    for f in picked
                ],
            )
        )
        rows.append(
            (
                _t(lang, "Heltidsandel årsverk", "Full-time share of FTE"),
                ["-" if f is None else _pct(f.share_fte, lang) for f in picked],
            )
        )
        rows.append(
            (
                _t(lang, "Gj.sn. stilling", "Average position"),
                ["-" if f is None else f"{number(f.average_position_pct, lang)} %" for f in picked],
            )
        )
        rows.append(
            (
                _t(lang, "Stillinger " + "/".join(b[2] for b in BANDS), "Positions by band"),
                [
                    "-" if f is None else " / ".join(str(v) for v in f.bands.values())
                    for f in picked
                ],
            )
        )
        rows.append(
            (
                _t(lang, "Uønsket deltid", "Unwanted part-time"),
                [
                    "-"
                    if f is None
                    else f"{f.unwanted_parttime_heads} ({number(f.unwanted_parttime_fte, lang, 2)}"
                    f" {_t(lang, 'årsverk', 'FTE')})"
                    for f in picked
                ],
            )
        )
        for index, (what, values) in enumerate(rows):
            table.add_row(title if index == 0 else "", what, *values, end_section=index == 4)
    console.print(table)


def print_plan(console: Console, plan: PositionPlan, lang: Language) -> None:
    """The plan: status, figures before and after against the frames, and who changes."""
    console.print(f"[bold]{plan.before.name}[/]: {plan_status(plan, lang)}")
    for note in plan.notes:
        console.print(f"  [yellow]![/] {note.text(lang)}")
    print_heltid(
        console,
        [
            (_t(lang, "Før", "Before"), plan.heltid_before),
            (_t(lang, "Etter", "After"), plan.heltid_after),
        ],
        lang,
    )
    budget = plan.before.budget
    money = _table(
        _t(lang, "Kostnad og rammer", "Cost and frames"),
        [_t(lang, "Hva", "What")],
        [_t(lang, "Før", "Before"), _t(lang, "Etter", "After")],
    )

    def kr(value: float | None) -> str:
        return "-" if value is None else f"{number(value, lang, 0)} kr"

    cost_before = plan.cost_before.total if plan.cost_before else None
    cost_after = plan.cost_after.total if plan.cost_after else None
    money.add_row(_t(lang, "Kostnad per år", "Cost a year"), kr(cost_before), kr(cost_after))
    if budget.budget_frame_nok is not None:
        money.add_row(
            _t(lang, "Budsjettramme", "Budget frame"),
            kr(budget.budget_frame_nok),
            kr(budget.budget_frame_nok),
        )
    after_fte = plan.heltid_after.total.fte if plan.heltid_after else None
    money.add_row(
        _t(lang, "Årsverk", "FTE"),
        number(plan.heltid_before.total.fte, lang, 2),
        "-" if after_fte is None else number(after_fte, lang, 2),
    )
    if budget.fte_frame is not None:
        money.add_row(
            _t(lang, "Årsverksramme", "FTE frame"),
            number(budget.fte_frame, lang, 2),
            number(budget.fte_frame, lang, 2),
        )
    console.print(money)
    changed = [c for c in plan.changes if c.changed]
    if not changed:
        if plan.has_plan:
            console.print(_t(lang, "Ingen stillinger endres.", "No position changes."))
        return
    table = _table(
        _t(lang, "Endrede stillinger", "Positions that change"),
        [_t(lang, "Ansatt", "Employee")],
        [
            _t(lang, "Kompetanse", "Competence"),
            _t(lang, "Før", "Before"),
            _t(lang, "Etter", "After"),
            _t(lang, "Endring", "Change"),
            _t(lang, "Ønsket", "Desired"),
        ],
    )
    for change in changed:
        table.add_row(
            f"{change.name} ({change.employee_id})",
            change.competence,
            f"{number(change.before_pct, lang)} %",
            f"{number(change.after_pct, lang)} %",
            f"{signed(change.after_pct - change.before_pct, lang)} %",
            "-" if change.desired_pct is None else f"{number(change.desired_pct, lang)} %",
        )
    console.print(table)


def print_fte_need(console: Console, need: FteNeed, lang: Language) -> None:
    """The least FTE by competence against today's staffing and the FTE frame."""
    for note in need.notes:
        console.print(f"  [yellow]![/] {note.text(lang)}")
    if need.total_fte is None:
        return
    table = _table(
        _t(
            lang,
            "Årsverksbehov: færrest årsverk som dekker bemanningsplanen med alle regler",
            "FTE need: the fewest FTE that cover the staffing plan under every rule",
        ),
        [_t(lang, "Kompetanse", "Competence")],
        [
            _t(lang, "Behov", "Need"),
            _t(lang, "I dag", "Today"),
            _t(lang, "Differanse", "Difference"),
        ],
    )
    for code, fte in need.by_competence.items():
        today = need.current_by_competence.get(code, 0.0)
        table.add_row(
            code, number(fte, lang, 2), number(today, lang, 2), signed(today - fte, lang, 2)
        )
    table.add_row(
        _t(lang, "Sum", "Total"),
        number(need.total_fte, lang, 2),
        number(need.current_fte, lang, 2),
        signed(need.current_fte - need.total_fte, lang, 2),
        end_section=True,
    )
    console.print(table)
    proof = (
        _t(lang, "bevist minste", "proven least")
        if need.proven
        else _t(
            lang,
            f"ikke bevist; minst {number(need.lower_bound_fte or 0, lang, 2)} årsverk uansett",
            f"not proven; at least {number(need.lower_bound_fte or 0, lang, 2)} FTE in any case",
        )
    )
    console.print(f"{_t(lang, 'Behov', 'Need')}: {number(need.total_fte, lang, 2)} ({proof})")
    if need.fte_frame is not None:
        console.print(
            _t(
                lang,
                f"Årsverksramme: {number(need.fte_frame, lang, 2)}; rammen minus behovet:"
                f" {signed(need.fte_frame - need.total_fte, lang, 2)} årsverk.",
                f"FTE frame: {number(need.fte_frame, lang, 2)}; frame minus need:"
                f" {signed(need.fte_frame - need.total_fte, lang, 2)} FTE.",
            )
        )


def print_cut_gaps(
    console: Console, fte: float, unit: Unit, cells: list[CoverCell], lang: Language
) -> None:
    """Which shifts lose cover after a cut of `fte` årsverk, and by how much (people below the
    minimum; missing competence and Sami speakers in their own column)."""
    weeks = unit.weeks
    missing = [c for c in cells if c.missing > 0 or c.competence_gaps or c.language_gaps]
    title = _t(
        lang,
        f"Med {number(fte, lang, 1)} færre årsverk: vakter som mister dekning",
        f"With {number(fte, lang, 1)} fewer FTE: shifts that lose cover",
    )
    if not missing:
        console.print(
            f"[green]{title}: {_t(lang, 'ingen, alt er dekket', 'none, all is covered')}[/]"
        )
        return
    by_shift: dict[tuple[int, str], list[int]] = {}
    hours: dict[tuple[int, str], float] = {}
    skills: dict[tuple[int, str], dict[str, int]] = {}
    for cell in missing:
        key = (unit.weekday(cell.day), cell.shift)
        by_shift.setdefault(key, []).append(cell.missing)
        shift_hours = unit.shift(cell.shift).worked_minutes / 60
        hours[key] = hours.get(key, 0.0) + cell.missing * shift_hours
        for code, have, need in (*cell.competence_gaps, *cell.language_gaps):
            skills.setdefault(key, {})
            skills[key][code] = skills[key].get(code, 0) + need - have
    table = _table(
        title,
        [_t(lang, "Ukedag", "Weekday"), _t(lang, "Vakt", "Shift")],
        [
            _t(lang, "Mangler (personer, sum i turnusen)", "Missing (people, over the rota)"),
            _t(lang, "Timer per uke", "Hours a week"),
        ],
    )
    table.add_column(_t(lang, "Mangler kompetanse/språk", "Missing competence/language"))
    names = (
        ("man", "tir", "ons", "tor", "fre", "lør", "søn")
        if lang == "nb"
        else ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    )
    for (weekday, shift), counts in sorted(by_shift.items()):
        table.add_row(
            names[weekday],
            shift,
            str(sum(counts)),
            number(hours[weekday, shift] / weeks, lang, 1),
            ", ".join(
                f"{code} {count}" for code, count in skills.get((weekday, shift), {}).items()
            ),
        )
    console.print(table)
    total = sum(hours.values()) / weeks
    console.print(
        _t(
            lang,
            f"Til sammen {number(total, lang, 1)} timer per uke under minimumsbemanningen.",
            f"In all {number(total, lang, 1)} hours a week below minimum staffing.",
        )
    )


def print_removed(console: Console, removed: Sequence[RemovedPosition], lang: Language) -> None:
    """Which whole positions a cut takes away, and why: an occupied one is only a proposal (a
    redundancy process in real life), with what its loss costs in cover."""
    table = _table(
        _t(lang, "Stillinger som tas bort", "Positions taken away"),
        [_t(lang, "ID", "ID"), _t(lang, "Navn", "Name"), _t(lang, "Kompetanse", "Competence")],
        [
            _t(lang, "Stilling %", "Position %"),
            _t(lang, "Tap i dekning t/uke", "Cover lost h/week"),
        ],
    )
    table.add_column(_t(lang, "Grunn", "Why"))
    for position in removed:
        nb, en = REMOVED_REASONS[position.reason]
        table.add_row(
            position.id,
            position.name,
            position.competence,
            number(position.position_pct, lang, 0),
            number(position.cover_loss_h, lang, 1),
            _t(lang, nb, en),
        )
    console.print(table)
