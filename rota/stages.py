"""The stages of a solve: each says when it applies to a unit and runs within the share of the
time it is given (`rota.time_budget`).

A solve without a hint goes, where each applies: a first rota planned one person at a time (a
rota to show within seconds on any size); a stepping stone with cover as hard rules in a wider
hours band, its hours mended into the unit's band, and a search for a rota without cover gaps
from it; failing that, a rota that keeps every hard rule (the objective-free first rota of the
whole model, unless one was planned already), improved by re-plans of a few people at a time,
or one person at a time, then by pricing each person's rows; then CP-SAT's search with gaps
allowed from the best rota so far. Each stage hands on what it found in the `SolveState`; a
stage that finds nothing leaves it as it was, so the next one still has what came before.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from models.rota import Rota
from models.unit import Unit
from rota import columns, three_shift
from rota.construct import MIN_PERSON_S, construct, from_scratch
from rota.context import ModelContext
from rota.cpsat import Progress, ProgressCallback, run_solver
from rota.improve import Prepared, improve, prepare, separable
from rota.model import add_hint, build_model, rota_from
from rota.params import SolveParams
from rota.repair import repair_hours
from rota.result import Result, Status
from rota.rules import weekly_hours
from rota.rules.coverage import open_gaps
from rota.search import MIN_SEARCH_S, first_rota, hint_result, search
from rota.size import build_seconds, shift_variables
from rota.staging import Stage, run_in_order
from rota.time_budget import TimeBudget

# The hours band of the stepping stone, hours a week either side of the position: as fast to
# find as ±2 h, with a fifth of the hours left to mend (bench/README.md).
STEPPING_STONE_TOLERANCE_H = 1.0
# Share of the gap-free search's time by which the hours repair of the stepping stone must end.
REPAIR_SHARE = 0.75
# Share of the limit by which the first rota planned one person at a time must be done. Each
# person's plan is capped (`rota.construct.PERSON_S_PER_WEEK`), so only a unit whose plan needs
# it takes this long, and there the whole model finds no first rota in the time anyway.
FIRST_BY_PERSON_SHARE = 0.75
# Share of the time for re-planning the whole model's first rota one person at a time.
CONSTRUCT_SHARE = 0.45
# From this many shift variables a first rota is improved by re-plans cut from the whole model
# (`rota.improve`) until CP-SAT has TAIL_SHARE of the time left: CP-SAT's own neighbourhoods
# each load and presolve the whole model, ours only their few people and days.
IMPROVE_FROM_VARIABLES = 30_000
TAIL_SHARE = 0.05
# Making the re-plans' model (`rota.improve.prepare`) takes about two builds of the whole model.
PREPARE_BUILDS = 2
# Share of the time by which pricing the rows and the search with their agreed days fixed
# (rota.columns) end, where they apply; the whole model's search has the rest.
PRICE_AND_FIX_UNTIL = 0.8
# Below this many staff a repair group would be most of the unit: the whole model mends faster.
REPAIR_MIN_STAFF = 20
# Share of the time kept for evening out the weeks after the cover is found, where the unit
# weighs even weeks; a search that stalls sooner leaves it more.
EVEN_WEEKS_SHARE = 0.1
# Where evening the weeks would need more than this share, the search has all the time.
EVEN_WEEKS_MOST_SHARE = 0.25
# The cover's gap terms (rota.rules.coverage), held where they are while the weeks are evened;
# a surplus over the target may move (an even week often needs a shift where one is spare).
GAP_TERMS = ("under_minimum", "under_target", "competence_gap", "language_gap")
# Besides its search, evening the weeks builds the model, completes its hint and reads the rota
# back with every shift fixed: about this many builds of the whole model.
EVEN_WEEKS_BUILDS = 3


def weighs_even_weeks(unit: Unit) -> bool:
    """Whether the unit weighs anyone's weeks (rota.rules.weekly_hours): not a dated year's
    parts, whose people all have explicit hours."""
    return bool(weekly_hours.weighed(unit))


def cover_first(unit: Unit) -> Unit:
    """The unit without the even-weeks weight: the stages find the cover first, and the last
    one evens the weeks without giving any of it up (with the term in the search, the gaps of
    «Minus 2 årsverk» missed their bound in one of two quiet runs, bench/README.md)."""
    if not weighs_even_weeks(unit):
        return unit
    rules = unit.rules.model_copy(update={"uneven_week_weight": 0})
    return unit.model_copy(update={"rules": rules})


def has_minimums(unit: Unit) -> bool:
    """Whether any demand row has a minimum (total, competence or language) to make hard."""
    return any(
        row.min > 0 or any(row.competence_min.values()) or any(row.language_min.values())
        for row in unit.demand
    )


def wider_band(unit: Unit) -> Unit | None:
    """The unit with its hours band widened to ±STEPPING_STONE_TOLERANCE_H a week; None when that
    would change nothing (the band is that wide already, or every band is explicit)."""
    if unit.rules.hours_tolerance_h_per_week >= STEPPING_STONE_TOLERANCE_H or all(
        e.rules.min_hours is not None and e.rules.max_hours is not None for e in unit.employees
    ):
        return None
    # The three-shift credit stays on: a band in plain hours does not hold the band with the
    # credit (up to 35.5 / 33.6 of the plain hours, 12 h over six weeks), and no repair mended
    # the stone into it (bench/README.md).
    wider = unit.rules.model_copy(update={"hours_tolerance_h_per_week": STEPPING_STONE_TOLERANCE_H})
    return unit.model_copy(update={"rules": wider})


@dataclass
class SolveState:
    """What the stages of one solve hand on to each other."""

    unit: Unit  # the unit as the stages search it (`cover_first`)
    params: SolveParams
    budget: TimeBudget
    progress: ProgressCallback | None = None
    hint: Rota | None = None  # the caller's start, when given: no stage before the search runs
    # The unit as given, whose even weeks the last stage weighs (None: the same as `unit`).
    weighed: Unit | None = None
    # The best rota so far that keeps every hard rule, the search's start, and its result.
    legal: Rota | None = None
    legal_result: Result | None = None
    planned_by_person: bool = False  # `legal` was planned one person at a time already
    stone: Rota | None = None  # gap-free, in the wider hours band (or mended into the unit's)
    ctx: ModelContext | None = None  # the unit's model for the search, never hinted yet
    prepared: Prepared | None = None  # the re-plans' model, where they apply
    result: Result | None = None  # set by a stage that ends the solve
    # The clock of the gap-free stages, when they start later than the solve (else the solve's).
    gap_free_clock: TimeBudget | None = None

    @property
    def ended(self) -> bool:
        return self.result is not None

    @property
    def search_until(self) -> float:
        """Seconds the search that ends the solve may take: what is left, less what is kept for
        evening out the weeks where the unit weighs them (a tenth, or what its model's builds
        need; nothing where that would be more than a quarter of the time)."""
        budget = self.budget
        if self.weighed is None:
            return budget.left()
        if budget.deterministic:
            return budget.until(1 - EVEN_WEEKS_SHARE)
        keep = max(
            budget.part(EVEN_WEEKS_SHARE),
            EVEN_WEEKS_BUILDS * build_seconds(self.weighed) + MIN_SEARCH_S,
        )
        if keep > budget.part(EVEN_WEEKS_MOST_SHARE):
            return budget.left()
        return max(0.0, budget.limit_s - budget.elapsed() - keep)

    @property
    def chain(self) -> TimeBudget:
        """The clock the stepping stone, the hours repair and the gap-free search share out."""
        return self.gap_free_clock or self.budget

    @property
    def staged(self) -> bool:
        """Whether the solve looks for a gap-free rota first: the cover is soft in the end,
        and some minimum could be made hard (with none, the two searches are the same)."""
        params = self.params
        return (
            self.hint is None
            and params.gap_free_first
            and not params.hard_cover
            and has_minimums(self.unit)
        )

    @property
    def gap_free(self) -> SolveParams:
        return self.params.with_(hard_cover=True, explain=False)

    @property
    def replans(self) -> bool:
        """Whether the legal rota is improved by the re-plans (the largest separable units)."""
        return separable(self.unit) and shift_variables(self.unit) >= IMPROVE_FROM_VARIABLES

    def report(self, objective: float, rota: Rota) -> None:
        """Tell the progress listener of a rota found outside CP-SAT's own search."""
        if self.progress is not None:
            # Nothing is proven yet, and every soft term is a count or a spread: bound 0.
            gaps = open_gaps(self.unit, rota)
            self.progress(Progress(objective, 0.0, self.budget.wall(), gaps))


class ThreeShiftStatus:
    """Who is in three-shift turnus, decided before any search where the unit gives the time
    credit (`rota.three_shift`): from the caller's start where one is given (so it stays a
    start), else each person alone. Every stage after it searches one linear hours band per
    person. Takes at most three_shift.TIME_SHARE of the time."""

    name = "three-shift status"

    def applies(self, state: SolveState) -> bool:
        return bool(three_shift.undecided(state.unit))

    def run(self, state: SolveState) -> None:
        seconds = state.budget.part(three_shift.TIME_SHARE)
        statuses = three_shift.decided(state.unit, state.params, seconds, state.hint)
        state.unit = three_shift.with_statuses(state.unit, statuses)
        if state.weighed is not None:
            state.weighed = three_shift.with_statuses(state.weighed, statuses)


class FirstByPerson:
    """A rota that keeps every hard rule, planned one person at a time against the demand the
    people before them leave (`rota.construct.from_scratch`): it grows with the staff, not with
    the whole model, so even a unit whose whole model finds no first rota in the time has one to
    show. Applies where the cover is soft in the end and no start was given."""

    name = "first rota, person by person"

    def applies(self, state: SolveState) -> bool:
        return state.staged

    def run(self, state: SolveState) -> None:
        seconds = state.budget.until(FIRST_BY_PERSON_SHARE)
        rota = from_scratch(state.unit, state.params, seconds)
        if rota is None:
            return
        ctx = build_model(state.unit, state.params.with_(explain=False))
        result = hint_result(ctx, rota)
        if result.objective is None:
            return  # not legal after all (it is by construction): the stages after find one
        state.legal, state.legal_result, state.ctx = rota, result, ctx
        state.planned_by_person = True
        state.report(result.objective, rota)
        if not state.budget.deterministic:
            # The gap-free stages share out what is left as they would the whole limit: their
            # shares are what they need, whatever came before them.
            state.gap_free_clock = TimeBudget(state.budget.left(), deterministic=False)


class SteppingStone:
    """A first gap-free rota with the hours band widened (±STEPPING_STONE_TOLERANCE_H a week):
    the narrow band is what makes a gap-free rota hard to find, and the repair mends the hours
    from there (bench/README.md). Stops at its first rota. The stone, the repair and the
    gap-free search share out their own clock: what is left after the person-by-person rota, as
    they would share the whole limit. The stone applies only while its whole share still fits
    before the repair must end on that clock."""

    name = "stepping stone"

    def applies(self, state: SolveState) -> bool:
        budget, share = state.chain, state.params.gap_free_share
        return (
            state.staged
            and wider_band(state.unit) is not None
            and budget.until(share * REPAIR_SHARE) >= budget.part(share / 3)
        )

    def run(self, state: SolveState) -> None:
        wide = wider_band(state.unit)
        assert wide is not None
        seconds = min(state.chain.part(state.params.gap_free_share / 3), state.chain.left())
        stone = state.gap_free.with_(time_limit_s=seconds, first_rota_only=True)
        state.stone = search(wide, stone, None, None, offset=0.0).rota


class HoursRepair:
    """The stepping stone's hours mended into the unit's band a few people at a time, against
    the cover the others leave (`rota.repair`); on small units the whole model mends faster."""

    name = "hours repair"

    def applies(self, state: SolveState) -> bool:
        return (
            state.stone is not None
            and wider_band(state.unit) is not None
            and len(state.unit.employees) >= REPAIR_MIN_STAFF
        )

    def run(self, state: SolveState) -> None:
        wide = wider_band(state.unit)
        assert wide is not None
        assert state.stone is not None
        deadline = state.chain.deadline(state.params.gap_free_share * REPAIR_SHARE)
        state.stone = repair_hours(state.unit, wide, state.stone, state.gap_free, deadline)


class GapFreeSearch:
    """CP-SAT's search with cover as hard rules, from the (mended) stepping stone; it gives up
    when it has no rota by the gap-free share of the time. Skipped when not even the stepping
    stone came in its share: the search with gaps needs the time more (the demo's «Langvakter og
    hver 2. helg» at 15 s). Deterministic runs, which may not watch the clock, keep it."""

    name = "gap-free search"

    def applies(self, state: SolveState) -> bool:
        found_nothing = state.stone is None and wider_band(state.unit) is not None
        return state.staged and (state.params.deterministic or not found_nothing)

    def run(self, state: SolveState) -> None:
        budget = state.budget
        rest = state.search_until
        share = state.params.gap_free_share
        give_up = None if budget.deterministic else min(state.chain.part(share), rest)
        found = search(
            state.unit,
            state.gap_free.with_(time_limit_s=rest),
            state.progress,
            state.stone,
            offset=budget.elapsed(),
            give_up_after=give_up,
        )
        if found.rota is None:
            return
        planned = state.legal_result
        # A gap-free rota is as a rule the better one; the person-by-person rota is kept if not.
        if planned is not None and _objective(planned) < _objective(found):
            found = planned
        state.result = found


class WholeFirstRota:
    """Any rota that keeps the hard rules from the whole model with the objective left out (a
    first rota comes far sooner without it), when none was planned person by person; the
    re-plans' model is made beside it where they apply."""

    name = "first rota, whole model"

    def applies(self, state: SolveState) -> bool:
        params = state.params
        return (
            state.hint is None
            and state.legal is None
            and not params.hard_cover
            and (state.staged or params.warm_start)
        )

    def run(self, state: SolveState) -> None:
        unit, params = state.unit, state.params
        seconds = state.budget.left() * params.gap_free_share
        # The re-plans' model is made beside the search only where it is done within the
        # search's time: nothing can stop it half-way.
        beside = state.replans and (
            params.deterministic or seconds >= (1 + PREPARE_BUILDS) * build_seconds(unit)
        )
        rota, ctx, prepared = first_rota(
            unit,
            params.with_(time_limit_s=seconds),
            meanwhile=(lambda: prepare(unit, params)) if beside else None,
        )
        state.ctx, state.prepared = ctx, prepared
        state.legal = rota


class Replans:
    """The legal rota improved by re-plans of a few people over a few days, or one person over
    every day, cut from the whole model (`rota.improve`) on the largest separable units, until
    CP-SAT has TAIL_SHARE of the time left: its own neighbourhoods are slow on a model this
    size, ours are small, and they gain faster than re-planning each person once."""

    name = "re-plans"

    def applies(self, state: SolveState) -> bool:
        if state.legal is None or not state.replans:
            return False
        budget = state.budget
        # Making their model takes time too, and nothing can stop it half-way.
        return (
            state.prepared is not None
            or budget.deterministic
            or budget.until(1 - TAIL_SHARE) >= PREPARE_BUILDS * build_seconds(state.unit)
        )

    def run(self, state: SolveState) -> None:
        assert state.legal is not None
        prepared = state.prepared or prepare(state.unit, state.params)
        seconds = state.budget.until(1 - TAIL_SHARE)
        state.legal, _ = improve(
            state.unit,
            state.legal,
            state.params,
            seconds=seconds,
            report=None if state.progress is None else state.report,
            prepared=prepared,
        )
        state.ctx = prepared.ctx
        state.legal_result = None


class ByPerson:
    """The legal rota planned again one person at a time (`rota.construct`): the whole model's
    first rota, which ignores the cover, each person against the cover the people before them
    leave (CP-SAT spends most of its time climbing out of it, bench/README.md); a rota planned
    person by person already, each against everyone else's row, where no gap-free rota came:
    the people planned first never saw the ones after them."""

    name = "person by person"

    def applies(self, state: SolveState) -> bool:
        return state.legal is not None and not state.replans

    def run(self, state: SolveState) -> None:
        assert state.legal is not None
        budget = state.budget
        if state.planned_by_person and not budget.deterministic:
            self._against_everyone(state)
            return
        # At most half of what is left, so that the search after it has time too.
        left = budget.limit_s - budget.elapsed()
        seconds = min(budget.part(CONSTRUCT_SHARE), max(0.0, left) / 2)
        state.legal = construct(
            state.unit,
            state.legal,
            state.params,
            seconds=seconds,
            against_all=state.planned_by_person,
        )
        state.legal_result = None

    @staticmethod
    def _against_everyone(state: SolveState) -> None:
        """Passes over the staff, each person against everyone else's row, until CP-SAT's
        search has only its tail of the time left or a pass changes nothing: on a unit whose
        gap-free chain failed this is where the time gains most (bench/README.md). (In
        deterministic mode, whose clock counts work, one pass of the usual share.)"""
        budget = state.budget
        least = MIN_PERSON_S * len(state.unit.employees)
        while (seconds := budget.until(1 - TAIL_SHARE)) >= least:
            assert state.legal is not None
            before = state.legal
            state.legal = construct(
                state.unit, before, state.params, seconds=seconds, against_all=True
            )
            state.legal_result = None
            if state.legal == before:
                return


class PriceAndFix:
    """Each person's rows priced by the LP and the days they agree on fixed (`rota.columns`),
    where the cover alone ties people together: the LP knows which days matter."""

    name = "price and fix"

    def applies(self, state: SolveState) -> bool:
        return (
            state.legal is not None
            and not state.replans
            and columns.applies(state.unit, state.params)
        )

    def run(self, state: SolveState) -> None:
        assert state.legal is not None
        seconds = state.budget.until(PRICE_AND_FIX_UNTIL)
        if seconds <= 0:
            return
        state.legal = columns.price_and_fix(
            state.unit,
            state.legal,
            state.params,
            seconds,
            state.progress,
            state.budget.elapsed(),
        )
        state.legal_result = None


class Search:
    """CP-SAT's search of the whole model with gaps allowed, from the caller's start or the best
    legal rota so far, for what is left of the time; its gaps, if any, are shown."""

    name = "search"

    def applies(self, state: SolveState) -> bool:
        return True

    def run(self, state: SolveState) -> None:
        budget = state.budget
        start = state.hint if state.hint is not None else state.legal
        if start is None and not budget.deterministic and budget.until(1.0) < MIN_SEARCH_S:
            # Nothing to show and no time to look: building the model would only overrun.
            state.result = Result(Status.UNKNOWN, None, None, None, budget.wall())
            return
        found = search(
            state.unit,
            state.params.with_(time_limit_s=max(state.search_until, min(1.0, budget.left()))),
            state.progress,
            start,
            offset=budget.elapsed(),
            ctx=state.ctx,
        )
        state.result = found


class EvenWeeks:
    """The solve's rota with each person's weeks evened out (rota.rules.weekly_hours), the
    cover held where the stages left it: every cover term at most its value, so not one gap
    more; wishes and the other soft terms are traded against even weeks at their weights. Runs
    after the solve has its rota, in what the stages left of the time."""

    name = "even weeks"

    def applies(self, state: SolveState) -> bool:
        result = state.result
        if state.weighed is None or result is None or result.rota is None:
            return False
        # Nothing can stop a build half-way: on the clock, only when the builds and a short
        # search fit in what is left.
        needed = EVEN_WEEKS_BUILDS * build_seconds(state.weighed) + MIN_SEARCH_S
        return state.budget.deterministic or state.budget.limit_s - state.budget.elapsed() >= needed

    def run(self, state: SolveState) -> None:
        assert state.weighed is not None
        assert state.result is not None
        found = state.result
        assert found.rota is not None
        budget, params = state.budget, state.params.with_(explain=False)
        ctx = build_model(state.weighed, params)
        for name in GAP_TERMS:
            if parts := ctx.terms.get(name):
                held = round(found.terms.get(name, 0.0))
                ctx.model.add(sum(weight * expression for expression, weight in parts) <= held)
        rota = found.rota
        hinted = add_hint(ctx, rota) is not None
        # In deterministic mode the share is work, as every stage's; on the clock, what is left
        # less the reading back.
        seconds = (
            budget.part(EVEN_WEEKS_SHARE)
            if budget.deterministic
            else budget.limit_s - budget.elapsed() - build_seconds(state.weighed)
        )
        if hinted and (budget.deterministic or seconds >= MIN_SEARCH_S):
            status, solver = run_solver(ctx, params.with_(time_limit_s=seconds), improving=True)
            if status.has_rota:
                rota = rota_from(ctx, solver)
        result = hint_result(ctx, rota, found.best_bound)
        if result.rota is None:
            return
        # Proven best still when the weeks cost nothing more: no rota is below the bound.
        proven = found.status is Status.OPTIMAL and result.objective == found.objective
        state.result = replace(result, status=Status.OPTIMAL if proven else Status.FEASIBLE)


def _objective(result: Result) -> float:
    return math.inf if result.objective is None else result.objective


def run_stages(
    stages: tuple[Stage[SolveState], ...],
    state: SolveState,
    finishing: tuple[Stage[SolveState], ...] = (),
) -> Result:
    """Each stage that applies, in order, until one ends the solve, then each finishing stage
    that applies to its result; the result, timed."""
    run_in_order(stages, state)
    assert state.result is not None, "the last stage always ends the solve"
    for stage in finishing:
        if stage.applies(state):
            stage.run(state)
    return replace(state.result, runtime_s=state.budget.wall())
