"""Scenarios on Dask: a LocalCluster of two workers gives the local run's figures in
deterministic mode, progress comes back through a Dask queue, and health data never travels
unencrypted to another machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.problems import InputError
from scenarios.cluster import DaskEvents, TlsFiles, check_address, dask_client, executor_of
from scenarios.portfolio import load_portfolio, run_portfolio
from scenarios.runner import ScenarioEvent
from tests.scenarios.test_portfolio import QUICK, _portfolio


def test_plain_tcp_to_another_machine_is_refused() -> None:
    """tcp:// (or no scheme) to another host is refused in words; this machine is allowed."""
    for address in ("tcp://10.0.0.5:8786", "scheduler.kommune.no:8786"):
        with pytest.raises(InputError) as caught:
            check_address(address, None)
        assert "helseopplysninger" in caught.value.problems[0].message("nb")
    check_address("tcp://127.0.0.1:8786", None)


def test_tls_needs_its_files(tmp_path: Path) -> None:
    """tls:// without certificate files, or with one missing, is refused before connecting."""
    with pytest.raises(InputError):
        check_address("tls://scheduler.kommune.no:8786", None)
    missing = TlsFiles(tmp_path / "ca.pem", tmp_path / "cert.pem", tmp_path / "key.pem")
    with pytest.raises(InputError) as caught:
        check_address("tls://scheduler.kommune.no:8786", missing)
    assert "ca.pem" in caught.value.problems[0].message("en")
    assert missing.security().require_encryption


def test_a_local_cluster_gives_the_local_runs_figures(tmp_path: Path) -> None:
    """The same portfolio, deterministic: two Dask workers and one local process agree on
    every option's cost, gaps and årsverk; each option's progress came back through the queue."""
    portfolio = load_portfolio(_portfolio(tmp_path))
    local = run_portfolio(portfolio, QUICK)
    seen: list[ScenarioEvent] = []
    with dask_client(workers=2, threads_per_worker=1) as client:
        remote = run_portfolio(
            portfolio,
            QUICK,
            executor=executor_of(client),
            on_event=seen.append,
            events=DaskEvents(client),
        )

    def figures(result: object) -> list[tuple[str, float, float, float]]:
        return [
            (r.option.name, round(r.kpis.annual_cost), r.kpis.gap_hours_per_week, r.kpis.fte_used)
            for r in result.results  # type: ignore[attr-defined]
        ]

    assert figures(remote) == figures(local)
    running = {event.name for event in seen if event.state == "running"}
    assert running == {option.scenario.name for option in portfolio.options}
