"""Scenario files: a base unit and a list of typed changes (what-if), read from YAML.

```yaml
name: Langvakter og hver 2. helg
base: sykehjem.yaml          # a unit file, relative to this file, or demo:sykehjem
changes:
  - {type: set_rule, rule: weekend_every, value: 2}
  - {type: remove_fte, fte: 2}
```

Each change is a pydantic model (a discriminated union on `type`); applying one returns a new,
fully validated Unit. A change that names a shift, competence or employee the unit does not have
fails with the place in the scenario file.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError

from models.base import Frozen
from models.capacity import capacity_balance
from models.demand import Demand
from models.demo import DEMO_UNITS, demo_unit
from models.employee import Employee
from models.loader import load_unit
from models.problems import (
    InputError,
    Location,
    Path,
    Problem,
    error,
    no_such_file,
    path_to_text,
    read_utf8,
)
from models.shift import ShiftType
from models.translate import translate
from models.unit import Unit
from models.vedtak import Service, Vedtak, VedtakBook
from models.vedtak_demand import with_vedtak_demand
from models.yaml_io import locator, parse_yaml
from rota.cost import CostKind, CostLine
from rota.fulltime import PositionOptions
from scenarios.removed import RemovalReason, RemovedPosition
from scenarios.runner import Scenario


class ChangeError(ValueError):
    """A change that does not fit the unit, in both languages."""

    def __init__(self, nb: str, en: str, field: str = "") -> None:
        super().__init__(en)
        self.nb, self.en, self.field = nb, en, field


def _check_shift(unit: Unit, code: str, field: str = "shift") -> None:
    if code not in unit.shift_by_code:
        raise ChangeError(
            f"Enheten har ingen vakt «{code}».", f"The unit has no shift '{code}'.", field
        )


def _check_competence(unit: Unit, code: str, field: str = "competence") -> None:
    if code not in unit.competence_by_code:
        raise ChangeError(
            f"Enheten har ingen kompetanse «{code}».",
            f"The unit has no competence '{code}'.",
            field,
        )


def _check_employee(unit: Unit, employee_id: str, field: str) -> None:
    if employee_id not in unit.employee_by_id:
        raise ChangeError(
            f"Ingen ansatt med ID «{employee_id}».", f"No employee with id '{employee_id}'.", field
        )


def _rebuild(unit: Unit, **changes: Any) -> Unit:
    data = unit.model_dump()
    data.update(changes)
    return Unit.model_validate(data)


def _rows_matching(unit: Unit, shift: str | None, weekdays: tuple[int, ...] | None) -> list[bool]:
    if shift is not None:
        _check_shift(unit, shift)
    return [
        (shift is None or row.shift == shift)
        and (weekdays is None or bool(set(row.weekdays) & set(weekdays)))
        for row in unit.demand
    ]


class ScaleDemand(Frozen):
    """Multiply minimum and target staffing (rounded up) on the matching demand rows."""

    type: Literal["scale_demand"]
    factor: float = Field(gt=0)
    shift: str | None = None
    weekdays: tuple[int, ...] | None = None

    def apply(self, unit: Unit) -> Unit:
        match = _rows_matching(unit, self.shift, self.weekdays)
        rows = []
        for row, hit in zip(unit.demand, match, strict=True):
            data = row.model_dump()
            if hit:
                data["min"] = math.ceil(row.min * self.factor - 1e-9)
                if row.target is not None:
                    data["target"] = math.ceil(row.target * self.factor - 1e-9)
            rows.append(data)
        return _rebuild(unit, demand=rows)


class SetDemand(Frozen):
    """Set minimum, target or competence/language minimums on the matching demand rows."""

    type: Literal["set_demand"]
    shift: str
    weekdays: tuple[int, ...] | None = None
    min: int | None = Field(default=None, ge=0)
    target: int | None = Field(default=None, ge=0)
    competence_min: dict[str, int] | None = None
    language_min: dict[str, int] | None = None

    def apply(self, unit: Unit) -> Unit:
        match = _rows_matching(unit, self.shift, self.weekdays)
        if not any(match):
            raise ChangeError(
                f"Ingen bemanningsrad for vakt «{self.shift}» på de dagene.",
                f"No demand row for shift '{self.shift}' on those days.",
                "weekdays",
            )
        for code in self.competence_min or {}:
            _check_competence(unit, code, "competence_min")
        rows = []
        for row, hit in zip(unit.demand, match, strict=True):
            data = row.model_dump()
            if hit:
                for name in ("min", "target", "competence_min", "language_min"):
                    value = getattr(self, name)
                    if value is not None:
                        data[name] = value
            rows.append(data)
        return _rebuild(unit, demand=rows)


class SetRule(Frozen):
    """Set one working-time rule, e.g. weekend_every: 2."""

    type: Literal["set_rule"]
    rule: str
    value: Any

    def apply(self, unit: Unit) -> Unit:
        if self.rule not in type(unit.rules).model_fields:
            raise ChangeError(
                f"Ukjent regel «{self.rule}».", f"Unknown rule '{self.rule}'.", "rule"
            )
        rules = unit.rules.model_dump()
        rules[self.rule] = self.value
        return _rebuild(unit, rules=rules)


class AddShift(Frozen):
    """Add a shift type (e.g. a langvakt) with the demand rows that use it."""

    type: Literal["add_shift"]
    shift: ShiftType
    demand: tuple[Demand, ...] = ()
    replaces: tuple[str, ...] = Field(
        default=(), description="Shift codes whose demand rows this shift takes over."
    )

    def apply(self, unit: Unit) -> Unit:
        for code in self.replaces:
            _check_shift(unit, code, "replaces")
        shifts = [s.model_dump() for s in unit.shift_types if s.code != self.shift.code]
        shifts.append(self.shift.model_dump())
        demand = [r.model_dump() for r in unit.demand if r.shift not in self.replaces]
        demand += [r.model_dump() for r in self.demand]
        return _rebuild(unit, shift_types=shifts, demand=demand)


class RemoveShift(Frozen):
    """Remove a shift type (e.g. no night shift), with its demand, pins and wishes. What replaces
    the service (a night patrol from home care, a bought service) can be priced: its yearly cost
    is added to the scenario's, with the note as the cost line's basis."""

    type: Literal["remove_shift"]
    code: str
    replacement_cost_nok: float | None = Field(
        default=None, ge=0, description="NOK a year for what replaces the removed shift."
    )
    replacement_note: str = Field(
        default="", description="What replaces it, in words (shown with the cost)."
    )

    def apply(self, unit: Unit) -> Unit:
        _check_shift(unit, self.code, "code")
        shifts = []
        for shift in unit.shift_types:
            if shift.code != self.code:
                data = shift.model_dump()
                data["forbidden_next"] = [c for c in shift.forbidden_next if c != self.code]
                shifts.append(data)
        employees = []
        for employee in unit.employees:
            data = employee.model_dump()
            if employee.allowed_shifts is not None:
                allowed = [c for c in employee.allowed_shifts if c != self.code]
                # Someone who only worked this shift is offered the remaining ones.
                data["allowed_shifts"] = allowed or None
            data["pins"] = [p for p in data["pins"] if p["shift"] != self.code]
            data["wishes"] = [w for w in data["wishes"] if w["shift"] != self.code]
            employees.append(data)
        demand = [r.model_dump() for r in unit.demand if r.shift != self.code]
        return _rebuild(unit, shift_types=shifts, employees=employees, demand=demand)


class SetPositions(Frozen):
    """Change positions: everyone to 100 %, everyone up to the position they want, or explicit."""

    type: Literal["set_positions"]
    mode: Literal["all_full", "raise_to_desired", "explicit"]
    positions: dict[str, float] = Field(default_factory=dict)

    def apply(self, unit: Unit) -> Unit:
        for employee_id in self.positions:
            _check_employee(unit, employee_id, "positions")
        employees = []
        for employee in unit.employees:
            data = employee.model_dump()
            if self.mode == "all_full":
                data["position_pct"] = 100.0
            elif self.mode == "raise_to_desired" and employee.wants_more:
                data["position_pct"] = employee.desired_pct
            elif employee.id in self.positions:
                data["position_pct"] = self.positions[employee.id]
            employees.append(data)
        return _rebuild(unit, employees=employees)


class RemoveFte(Frozen):
    """Take away at least N årsverk. By default in whole positions, as municipalities cut: the
    smallest total at or above N, vacant positions first, then those the unit marks as able to
    go (`may_go`), then the positions named in `ids`, and only then, as a proposal, the positions
    whose loss costs least in cover. `mode: shave` instead takes percentage points off people's
    positions by `policy` (a forced cut needs an endringsoppsigelse: only when asked for)."""

    type: Literal["remove_fte"]
    fte: float = Field(gt=0)
    mode: Literal["positions", "shave"] = "positions"
    ids: tuple[str, ...] = Field(
        default=(), description="Positions to cut, in this order, after vacant and may_go ones."
    )
    policy: Literal["smallest_first", "largest_first", "even"] = "smallest_first"
    step_pct: float = Field(default=5.0, gt=0, le=100)

    def apply(self, unit: Unit) -> Unit:
        if self.mode == "shave":
            return self._shave(unit)
        gone = {removed.id for removed in self.choose(unit)}
        employees = [e.model_dump() for e in unit.employees if e.id not in gone]
        return _rebuild(unit, employees=employees)

    def choose(self, unit: Unit) -> list[RemovedPosition]:
        """The whole positions this change takes away, each with why (empty in shave mode)."""
        if self.mode == "shave":
            return []
        for employee_id in self.ids:
            _check_employee(unit, employee_id, "ids")
        named = [unit.employee_by_id[i] for i in self.ids]
        tiers: list[tuple[RemovalReason, list[Employee]]] = [
            (RemovalReason.VACANT, [e for e in unit.employees if e.vacant]),
            (RemovalReason.MAY_GO, [e for e in unit.employees if e.may_go and not e.vacant]),
            (RemovalReason.NAMED, [e for e in named if not e.vacant and not e.may_go]),
        ]
        taken = {e.id for _, tier in tiers for e in tier}
        tiers.append((RemovalReason.PROPOSAL, [e for e in unit.employees if e.id not in taken]))
        need = round(self.fte * 1000)  # tenths of a per cent
        chosen: list[RemovedPosition] = []
        left = unit
        for reason, tier in tiers:
            if need <= 0:
                break
            if reason is RemovalReason.PROPOSAL:
                # What each occupied position's loss costs in cover, with the cuts so far made.
                tier = sorted(tier, key=lambda e: (_cover_loss(left, e), -e.position_pct))
            for employee in _smallest_cover(tier, need):
                chosen.append(
                    RemovedPosition(
                        employee.id,
                        employee.display_name,
                        employee.competence,
                        employee.position_pct,
                        reason,
                        _cover_loss(left, employee),
                    )
                )
                need -= round(employee.position_pct * 10)
                others = [e.model_dump() for e in left.employees if e.id != employee.id]
                left = _rebuild(left, employees=others)
        if need > 0:
            raise ChangeError(
                f"Enheten har ikke {self.fte:g} årsverk å ta bort.",
                f"The unit does not have {self.fte:g} FTE to remove.",
                "fte",
            )
        return chosen

    def _shave(self, unit: Unit) -> Unit:
        remaining = self.fte * 100
        positions = {e.id: e.position_pct for e in unit.employees}
        for employee in sorted(unit.employees, key=lambda e: -e.position_pct):
            if employee.vacant and remaining > 1e-9:
                cut = min(positions[employee.id], remaining)
                positions[employee.id] -= cut
                remaining -= cut
        people = [e for e in unit.employees if not e.vacant]
        if self.policy == "even" and remaining > 1e-9 and people:
            share = remaining / len(people)
            for employee in people:
                cut = min(positions[employee.id], share)
                positions[employee.id] -= cut
                remaining -= cut
        order = sorted(people, key=lambda e: e.position_pct, reverse=self.policy == "largest_first")
        while remaining > 1e-9 and any(positions[e.id] > 0 for e in order):
            for employee in order:
                if remaining <= 1e-9:
                    break
                cut = min(positions[employee.id], self.step_pct, remaining)
                positions[employee.id] -= cut
                remaining -= cut
        if remaining > 1e-6:
            raise ChangeError(
                f"Enheten har ikke {self.fte:g} årsverk å ta bort.",
                f"The unit does not have {self.fte:g} FTE to remove.",
                "fte",
            )
        employees = [
            {**e.model_dump(), "position_pct": round(positions[e.id], 2)}
            for e in unit.employees
            if positions[e.id] > 1e-9
        ]
        return _rebuild(unit, employees=employees)


def _cover_loss(unit: Unit, employee: Employee) -> float:
    """Hours a week of the capacity balance's slack the person's position covers beyond it: for
    the total, each competence they can fill and each language they speak, the hours of theirs
    the rest of the staff could not give. 0 when the others have room for all of it."""
    balance = capacity_balance(unit)
    hours = employee.position_pct / 100 * unit.rules_for(employee).full_time_week_h
    lines = [("total", balance.balance_hours_per_week)]
    for line in balance.competences:
        if unit.can_fill(employee.competence, line.key):
            lines.append((line.key, line.balance))
    for line in balance.languages:
        if line.key in employee.languages:
            lines.append((line.key, line.balance))
    return round(sum(max(0.0, hours - max(0.0, slack)) for _, slack in lines), 2)


def _smallest_cover(candidates: list[Employee], need: int) -> list[Employee]:
    """The candidates whose positions add up to the least total at or above `need` (tenths of a
    per cent), preferring those earlier in the list; all of them when even that is too little."""
    sizes = [round(e.position_pct * 10) for e in candidates]
    if sum(sizes) <= need:
        return list(candidates)
    # best[total] = the earliest-preferring subset reaching exactly that total.
    best: dict[int, tuple[int, ...]] = {0: ()}
    for index, size in enumerate(sizes):
        for total, members in list(best.items()):
            if total >= need:
                continue
            reached = total + size
            if reached not in best:
                best[reached] = (*members, index)
    enough = min(total for total in best if total >= need)
    return [candidates[i] for i in best[enough]]


class LowerCompetence(Frozen):
    """Lower a competence requirement on given shifts (e.g. no sykepleier needed on evenings)."""

    type: Literal["lower_competence"]
    competence: str
    shifts: tuple[str, ...]
    weekdays: tuple[int, ...] | None = None
    to: int = Field(default=0, ge=0)

    def apply(self, unit: Unit) -> Unit:
        _check_competence(unit, self.competence)
        for code in self.shifts:
            _check_shift(unit, code, "shifts")
        rows = []
        for row in unit.demand:
            data = row.model_dump()
            days_match = self.weekdays is None or bool(set(row.weekdays) & set(self.weekdays))
            if row.shift in self.shifts and days_match and self.competence in row.competence_min:
                data["competence_min"][self.competence] = min(
                    self.to, row.competence_min[self.competence]
                )
                if data["competence_min"][self.competence] == 0:
                    del data["competence_min"][self.competence]
            rows.append(data)
        return _rebuild(unit, demand=rows)


class AddEmployees(Frozen):
    type: Literal["add_employees"]
    employees: tuple[Employee, ...]

    def apply(self, unit: Unit) -> Unit:
        employees = [e.model_dump() for e in unit.employees]
        employees += [e.model_dump() for e in self.employees]
        return _rebuild(unit, employees=employees)


class RemoveEmployees(Frozen):
    type: Literal["remove_employees"]
    ids: tuple[str, ...]

    def apply(self, unit: Unit) -> Unit:
        for employee_id in self.ids:
            _check_employee(unit, employee_id, "ids")
        employees = [e.model_dump() for e in unit.employees if e.id not in self.ids]
        return _rebuild(unit, employees=employees)


class MergeUnit(Frozen):
    """One rota for two units that stay apart: each keeps its own shifts (the other unit's
    codes get its prefix), its own demand and its own staff, and each person their home unit
    (the workbook groups by it). The shifts in `shared`, codes of either unit or "all", are open
    to the staff of both; the others only to the unit's own staff."""

    type: Literal["merge_unit"]
    unit: str = Field(description="The other unit's file (relative to the scenario) or demo:NAME.")
    prefix: str = Field(default="", description="Put before the other unit's ids and codes.")
    shared: tuple[str, ...] | Literal["all"] = Field(
        default=(),
        description="Shift codes (of either unit, as each unit writes them) that staff of both"
        " units may work, or all; none by default.",
    )

    def apply(self, unit: Unit, base_folder: FilePath | None = None) -> Unit:
        other = load_base(self.unit, base_folder)
        if other.weeks != unit.weeks:
            raise ChangeError(
                f"Enhetene har ulik turnuslengde ({unit.weeks} og {other.weeks} uker).",
                f"The units' rotas differ in length ({unit.weeks} and {other.weeks} weeks).",
                "unit",
            )
        prefix = self.prefix or (other.name[:3].upper() + "-")
        rename = {shift.code: f"{prefix}{shift.code}"[:8] for shift in other.shift_types}
        clash = sorted(set(rename.values()) & set(unit.shift_by_code))
        if clash or len(set(rename.values())) < len(rename):
            raise ChangeError(
                f"Vaktkodene til {other.name} blir like enhetens egne med prefikset «{prefix}»"
                f" ({', '.join(clash) or 'for lange koder'}): velg et annet prefiks.",
                f"The shift codes of {other.name} become the unit's own with the prefix"
                f" '{prefix}' ({', '.join(clash) or 'codes too long'}): choose another prefix.",
                "prefix",
            )
        mine_open, theirs_open = self._open_codes(unit, rename)
        shifts = [s.model_dump() for s in unit.shift_types]
        for shift in other.shift_types:
            data = shift.model_dump()
            data["code"] = rename[shift.code]
            data["forbidden_next"] = [rename.get(c, c) for c in data["forbidden_next"]]
            shifts.append(data)
        competences = [c.model_dump() for c in unit.competences]
        for competence in other.competences:
            if competence.code not in unit.competence_by_code:
                competences.append(competence.model_dump())
        employees = []
        for employee in unit.employees:
            data = employee.model_dump()
            own = employee.allowed_shifts or tuple(unit.shift_by_code)
            # A person limited to some shifts gets the other unit's of the same codes only.
            opened = self._open_to(employee, theirs_open, rename, theirs=True)
            data["allowed_shifts"] = [*own, *opened]
            data["home_unit"] = employee.home_unit or unit.name
            employees.append(data)
        for employee in other.employees:
            data = employee.model_dump()
            data["id"] = f"{prefix}{employee.id}"
            own = employee.allowed_shifts or tuple(other.shift_by_code)
            opened = self._open_to(employee, mine_open, rename, theirs=False)
            data["allowed_shifts"] = [*(rename[c] for c in own), *opened]
            data["max_shifts"] = {rename[c]: n for c, n in employee.max_shifts.items()}
            data["pins"] = [{**p, "shift": rename[p["shift"]]} for p in data["pins"]]
            data["wishes"] = [
                {**w, "shift": rename[w["shift"]] if w["shift"] else None} for w in data["wishes"]
            ]
            data["home_unit"] = employee.home_unit or other.name
            employees.append(data)
        demand = [row.model_dump() for row in unit.demand]
        demand += [{**row.model_dump(), "shift": rename[row.shift]} for row in other.demand]
        pay = dict(other.budget.pay_per_competence)
        pay.update(unit.budget.pay_per_competence)
        budget = unit.budget.model_dump()
        budget["pay_per_competence"] = pay
        for frame in ("budget_frame_nok", "fte_frame"):
            mine_frame, other_frame = getattr(unit.budget, frame), getattr(other.budget, frame)
            if mine_frame is not None and other_frame is not None:
                budget[frame] = mine_frame + other_frame
        return _rebuild(
            unit,
            name=f"{unit.name} + {other.name}",
            shift_types=shifts,
            competences=competences,
            employees=employees,
            demand=demand,
            budget=budget,
        )

    @staticmethod
    def _open_to(
        employee: Employee, opened: list[str], rename: dict[str, str], theirs: bool
    ) -> list[str]:
        """The open shifts of the other unit `employee` may work: all of them, or for a person
        limited to some shifts those with the codes they may work at home (`theirs`: the open
        codes are the other unit's, renamed)."""
        if employee.allowed_shifts is None:
            return opened
        back = {new: old for old, new in rename.items()}
        return [
            code for code in opened if (back[code] if theirs else code) in employee.allowed_shifts
        ]

    def _open_codes(self, unit: Unit, rename: dict[str, str]) -> tuple[list[str], list[str]]:
        """The unit's shifts open to the other unit's staff, and the other unit's (renamed)
        open to the unit's staff."""
        if self.shared == "all":
            return list(unit.shift_by_code), list(rename.values())
        unknown = [c for c in self.shared if c not in unit.shift_by_code and c not in rename]
        if unknown:
            raise ChangeError(
                f"Ingen av enhetene har vakta «{unknown[0]}».",
                f"Neither unit has the shift '{unknown[0]}'.",
                "shared",
            )
        mine = [c for c in self.shared if c in unit.shift_by_code]
        theirs = [rename[c] for c in self.shared if c in rename]
        return mine, theirs


class SetBudget(Frozen):
    """Set the budget frame (NOK a year) and/or the FTE frame (årsverksramme)."""

    type: Literal["set_budget"]
    budget_frame_nok: float | None = Field(default=None, ge=0)
    fte_frame: float | None = Field(default=None, ge=0)

    def apply(self, unit: Unit) -> Unit:
        budget = unit.budget.model_dump()
        if self.budget_frame_nok is not None:
            budget["budget_frame_nok"] = self.budget_frame_nok
        if self.fte_frame is not None:
            budget["fte_frame"] = self.fte_frame
        return _rebuild(unit, budget=budget)


class OptimisePositions(Frozen):
    """Let the engine choose the position sizes for heltid (rota.fulltime): the most full-time
    positions (or a target share) within the frames, then the lowest cost. Applied after all
    other changes, whatever its place in the list."""

    type: Literal["optimise_positions"]
    step_pct: float = Field(default=5.0, gt=0, le=100)
    target_share: float | None = Field(default=None, gt=0, le=1)
    new_positions: dict[str, int] = Field(default_factory=dict)
    time_limit_s: float | None = Field(
        default=None, gt=0, description="This scenario's own time limit (planning takes longer)."
    )

    def apply(self, unit: Unit) -> Unit:
        for code, count in self.new_positions.items():
            _check_competence(unit, code, "new_positions")
            if count < 0:
                raise ChangeError(
                    "Antall nye stillinger kan ikke være negativt.",
                    "The number of new positions cannot be negative.",
                    "new_positions",
                )
        return unit

    @property
    def options(self) -> PositionOptions:
        return PositionOptions(
            step_pct=self.step_pct,
            target_share=self.target_share,
            new_positions=self.new_positions,
        )


def _vedtak_book(unit: Unit) -> VedtakBook:
    if unit.vedtak is None:
        raise ChangeError(
            "Enheten har ingen vedtak; bemanningen er skrevet inn rad for rad.",
            "The unit has no vedtak; its demand is typed row by row.",
            "type",
        )
    return unit.vedtak


def _with_vedtak(unit: Unit, book: VedtakBook, vedtak: list[Vedtak]) -> Unit:
    """The unit with these vedtak, its demand made from them again."""
    try:
        changed = VedtakBook.model_validate(
            {**book.model_dump(), "vedtak": [v.model_dump() for v in vedtak]}
        )
    except ValidationError as exc:
        problem = translate(exc)[0]
        raise ChangeError(problem.message_nb, problem.message_en, "vedtak") from None
    return with_vedtak_demand(unit, changed)


def _matching(
    book: VedtakBook, clients: tuple[str, ...] | None, service: Service | None
) -> list[bool]:
    """Which of the book's vedtak the change names; a ChangeError when it names none."""
    match = [
        (clients is None or v.client in clients) and (service is None or v.service == service)
        for v in book.vedtak
    ]
    if not any(match):
        raise _nothing_matches(clients, service)
    return match


def _nothing_matches(clients: tuple[str, ...] | None, service: Service | None) -> ChangeError:
    who = ", ".join(clients or ()) or ("alle" if service is None else service.label())
    what = "" if service is None else f" om {service.label()}"
    who_en = ", ".join(clients or ()) or ("all" if service is None else service.label("en"))
    what_en = "" if service is None else f" for {service.label('en')}"
    return ChangeError(
        f"Ingen vedtak{what} for {who}.", f"No vedtak{what_en} for {who_en}.", "clients"
    )


class AddVedtak(Frozen):
    """New vedtak (new clients, or more services for those there): the demand made anew."""

    type: Literal["add_vedtak"]
    vedtak: tuple[Vedtak, ...] = Field(min_length=1)

    def apply(self, unit: Unit) -> Unit:
        book = _vedtak_book(unit)
        return _with_vedtak(unit, book, [*book.vedtak, *self.vedtak])


class RemoveVedtak(Frozen):
    """Vedtak that end (clients who move or die, services stopped): the demand made anew."""

    type: Literal["remove_vedtak"]
    clients: tuple[str, ...] | None = Field(default=None, min_length=1)
    service: Service | None = None

    def apply(self, unit: Unit) -> Unit:
        book = _vedtak_book(unit)
        match = _matching(book, self.clients, self.service)
        kept = [v for v, hit in zip(book.vedtak, match, strict=True) if not hit]
        if not kept:
            raise ChangeError(
                "Endringen tar bort alle vedtakene; enheten får da ingen bemanning.",
                "The change removes every vedtak; the unit would then have no demand.",
                "clients",
            )
        return _with_vedtak(unit, book, kept)


class ScaleVedtak(Frozen):
    """More or fewer hours on the matching vedtak (e.g. 1.2 for a fifth more): the demand made
    anew."""

    type: Literal["scale_vedtak"]
    factor: float = Field(gt=0, le=10)
    clients: tuple[str, ...] | None = Field(default=None, min_length=1)
    service: Service | None = None

    def apply(self, unit: Unit) -> Unit:
        book = _vedtak_book(unit)
        match = _matching(book, self.clients, self.service)
        scaled = [
            v.model_copy(update={"hours_per_week": v.hours_per_week * self.factor}) if hit else v
            for v, hit in zip(book.vedtak, match, strict=True)
        ]
        return _with_vedtak(unit, book, scaled)


Change = Annotated[
    ScaleDemand
    | SetDemand
    | SetRule
    | AddShift
    | RemoveShift
    | SetPositions
    | RemoveFte
    | LowerCompetence
    | AddEmployees
    | RemoveEmployees
    | MergeUnit
    | SetBudget
    | OptimisePositions
    | AddVedtak
    | RemoveVedtak
    | ScaleVedtak,
    Field(discriminator="type"),
]


class ScenarioFile(Frozen):
    name: str = Field(min_length=1)
    base: str = Field(description="The unit file (relative to the scenario file) or demo:NAME.")
    description: str = ""
    changes: tuple[Change, ...] = ()


def load_base(reference: str, folder: FilePath | None) -> Unit:
    if reference.startswith("demo:"):
        name = reference.removeprefix("demo:")
        if name not in DEMO_UNITS:
            raise ChangeError(
                f"Ukjent demo-enhet «{name}»; velg {', '.join(DEMO_UNITS)}.",
                f"Unknown demo unit '{name}'; choose {', '.join(DEMO_UNITS)}.",
            )
        return demo_unit(name)
    path = FilePath(reference)
    if folder is not None and not path.is_absolute():
        path = folder / path
    return load_unit(path)


def apply_changes(
    base: Unit,
    changes: tuple[Change, ...],
    folder: FilePath | None = None,
    removed: list[RemovedPosition] | None = None,
) -> tuple[Unit, list[Problem]]:
    """The unit after every change, or the problems (each with its change's path). Whole
    positions a `remove_fte` takes away are added to `removed`, when given."""
    unit = base
    for index, change in enumerate(changes):
        path: Path = ("changes", index)
        try:
            if removed is not None and isinstance(change, RemoveFte):
                removed.extend(change.choose(unit))
            unit = (
                change.apply(unit, folder) if isinstance(change, MergeUnit) else change.apply(unit)
            )
        except ChangeError as exc:
            where = (*path, exc.field) if exc.field else path
            return unit, [error(exc.nb, exc.en, where, "bad_change")]
        except InputError as exc:
            return unit, [
                error(
                    f"Endringen gir en ugyldig enhet: {p.message('nb')}",
                    f"The change makes an invalid unit: {p.message('en')}",
                    path,
                    "bad_change",
                )
                for p in exc.problems
            ]
        except ValidationError as exc:
            return unit, [
                error(
                    f"Endringen gir en ugyldig enhet ({path_to_text(p.path)}): {p.message('nb')}",
                    f"The change makes an invalid unit ({path_to_text(p.path)}): {p.message('en')}",
                    path,
                    "bad_change",
                )
                for p in translate(exc)
            ]
    return unit, []


UNIT_KEYS = ("employees", "shift_types", "demand")


def looks_like_unit(data: object) -> bool:
    """Whether parsed YAML is a unit file rather than a scenario: staff, shifts or demand, and
    no base."""
    return isinstance(data, dict) and "base" not in data and any(k in data for k in UNIT_KEYS)


def load_scenario(path: FilePath) -> Scenario:
    """Read a scenario file and apply its changes to its base unit; InputError with the line."""
    path = FilePath(path)
    if not path.is_file():
        raise no_such_file(path)
    data, lines = parse_yaml(read_utf8(path), path.name)
    if looks_like_unit(data):
        raise InputError(
            [
                error(
                    f"{path.name} er en enhetsfil (ansatte, vakter, bemanning), ikke en"
                    " scenariofil: et scenario har «base» (enheten det bygger på) og «changes»."
                    " Ta enhetsfila ut av lista, eller lag et scenario med den som base.",
                    f"{path.name} is a unit file (staff, shifts, demand), not a scenario file:"
                    " a scenario has 'base' (the unit it builds on) and 'changes'. Leave the"
                    " unit file out, or write a scenario with it as its base.",
                    code="unit_file_as_scenario",
                ).located(Location(file=path.name))
            ]
        )

    locate = locator(lines, path.name)
    try:
        described = ScenarioFile.model_validate(data)
    except ValidationError as exc:
        raise InputError([p.located(locate(p.path)) for p in translate(exc)]) from None
    try:
        base = load_base(described.base, path.parent)
    except ChangeError as exc:
        raise InputError([error(exc.nb, exc.en, ("base",)).located(locate(("base",)))]) from None
    return scenario_of(described.name, base, described.changes, path.parent, locate, str(path))


def scenario_of(
    name: str,
    base: Unit,
    changes: tuple[Change, ...],
    folder: FilePath | None,
    locate: Callable[[Path], Location],
    source: str = "",
) -> Scenario:
    """The scenario `name`: `base` after the changes, with what the changes say beyond the unit
    (whole positions taken away, position planning, replaced shifts, replacement costs);
    InputError with each problem located by `locate`."""
    removed: list[RemovedPosition] = []
    unit, problems = apply_changes(base, changes, folder, removed)
    if problems:
        raise InputError([p.located(locate(p.path)) for p in problems])
    planning = [c for c in changes if isinstance(c, OptimisePositions)]
    replaced_by = {
        old: change.shift.code
        for change in changes
        if isinstance(change, AddShift)
        for old in change.replaces
    }
    extra_costs = tuple(
        CostLine(
            CostKind.REPLACEMENT,
            change.replacement_cost_nok,
            f"Vakt {change.code} tas bort; erstattes av: {change.replacement_note or 'ikke oppgitt'}"
            " (oppgitt i scenariofilen, kr per år).",
            f"Shift {change.code} removed; replaced by: {change.replacement_note or 'not given'}"
            " (given in the scenario file, NOK a year).",
        )
        for change in changes
        if isinstance(change, RemoveShift) and change.replacement_cost_nok is not None
    )
    return Scenario(
        name=name,
        unit=unit,
        source=source,
        extra_costs=extra_costs,
        positions=planning[-1].options if planning else None,
        time_limit_s=planning[-1].time_limit_s if planning else None,
        base=base,
        replaced_by=replaced_by,
        removed=tuple(removed),
    )
