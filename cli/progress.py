"""Progress of a long job, on a terminal and in a log file alike: on a terminal a bar (or a
spinner) with the time used and left, elsewhere a line every LOG_EVERY_S seconds, both in the
words of the summary that follows (the best rota's gaps in cover, as `rota check` counts them)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, SpinnerColumn, TextColumn
from rich.progress import Progress as RichProgress

from models.numbers import number
from models.problems import Language
from models.unit import Unit
from rota.cpsat import Progress
from rota.interruptible import stop_all, wait_out
from rota.params import SolveParams
from rota.result import Result
from rota.solve import solve

# Seconds between two progress lines where the output is not a terminal (a log file, a CI job).
LOG_EVERY_S = 5.0


def time_words(elapsed: float, limit: float | None, lang: Language) -> str:
    """'12 s brukt, 48 s igjen': the time left only where the limit is on the clock."""
    used = number(elapsed, lang, 0)
    if limit is None:
        return f"{used} s brukt" if lang == "nb" else f"{used} s used"
    left = number(max(0.0, limit - elapsed), lang, 0)
    return f"{used} s brukt, {left} s igjen" if lang == "nb" else f"{used} s used, {left} s left"


def gap_words(latest: Progress | None, lang: Language) -> str:
    """The best rota so far in the summary's words: its gaps in cover, or that none is found yet."""
    nb = lang == "nb"
    if latest is None:
        return "ingen turnus ennå" if nb else "no rota yet"
    if latest.gaps is None:
        return "turnus funnet" if nb else "a rota found"
    if latest.gaps == 0:
        return (
            "beste turnus så langt: ingen mangler i dekningen"
            if nb
            else "best rota so far: no gaps in cover"
        )
    count = number(latest.gaps, lang, 0)
    if nb:
        noun = "mangel" if latest.gaps == 1 else "mangler"
        return f"beste turnus så langt: {count} {noun} i dekningen"
    return f"best rota so far: {count} gap{'' if latest.gaps == 1 else 's'} in cover"


def _waited(finished: threading.Event, seconds: float) -> bool:
    """Whether the job in its thread has finished, after a short wait. At Ctrl+C every search
    is stopped and waited out before the interrupt goes on: the process must not end with
    CP-SAT still running in the thread ("terminate called ...")."""
    try:
        return finished.wait(seconds)
    except KeyboardInterrupt:
        stop_all()
        wait_out(finished)
        raise


def solve_with_progress(
    console: Console, unit: Unit, params: SolveParams, lang: Language
) -> Result:
    """Solve, with the time used and left and the best rota's gaps so far: a bar on a terminal,
    a line every LOG_EVERY_S seconds elsewhere."""
    nb = lang == "nb"
    limit = None if params.deterministic else params.time_limit_s
    latest: list[Progress] = []
    outcome: list[Result] = []
    failure: list[BaseException] = []
    finished = threading.Event()

    def work() -> None:
        try:
            outcome.append(solve(unit, params, progress=latest.append))
        except BaseException as exc:  # handed to the main thread below
            failure.append(exc)
        finally:
            finished.set()

    worker = threading.Thread(target=work, daemon=True)
    what = "Lager turnus" if nb else "Making the rota"
    started = time.monotonic()
    if console.is_terminal:
        columns = (
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[info]}"),
        )
        with RichProgress(*columns, console=console, transient=True) as bar:
            total = params.time_limit_s if limit is None else limit
            task = bar.add_task(what, total=total, info="")
            worker.start()
            while True:
                done = _waited(finished, 0.1)
                elapsed = time.monotonic() - started
                best = latest[-1] if latest else None
                info = f"{time_words(elapsed, limit, lang)}; {gap_words(best, lang)}"
                bar.update(task, completed=min(total, elapsed), info=info)
                if done:
                    break
    else:
        limit_words = number(params.time_limit_s, lang, 0)
        console.print(
            f"{what} for {unit.name} (tidsgrense {limit_words} s) ..."
            if nb
            else f"{what} for {unit.name} (time limit {limit_words} s) ..."
        )
        worker.start()
        while not _waited(finished, LOG_EVERY_S):
            elapsed = time.monotonic() - started
            best = latest[-1] if latest else None
            console.print(f"  {time_words(elapsed, limit, lang)}; {gap_words(best, lang)}")
    if failure:
        raise failure[0]
    return outcome[0]


@contextmanager
def _every(seconds: float, action: Callable[[], None]) -> Iterator[None]:
    """`action` every `seconds` in a thread while the body runs."""
    done = threading.Event()

    def loop() -> None:
        while not done.wait(seconds):
            action()

    ticker = threading.Thread(target=loop, daemon=True)
    ticker.start()
    try:
        yield
    finally:
        done.set()
        ticker.join()


@contextmanager
def working(console: Console, what: str, limit: float | None, lang: Language) -> Iterator[None]:
    """While the body runs: a spinner with `what` and the time used and left on a terminal, a
    line every LOG_EVERY_S seconds elsewhere. `limit`: the seconds the job may take on the
    clock, None where it is counted in work (deterministic mode)."""
    started = time.monotonic()

    def used() -> str:
        return time_words(time.monotonic() - started, limit, lang)

    if console.is_terminal:
        with (
            console.status(what) as status,
            _every(0.5, lambda: status.update(f"{what} ({used()})")),
        ):
            yield
        return
    console.print(f"{what} ...")
    with _every(LOG_EVERY_S, lambda: console.print(f"  {used()}")):
        yield
