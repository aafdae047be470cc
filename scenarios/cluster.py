"""Scenarios and portfolios on a Dask cluster: a `LocalCluster` on this machine by default, or
an existing scheduler reached over TLS.

The scenario runner takes any `concurrent.futures.Executor`; a Dask client's executor is one.
Progress travels through a Dask queue (it works across processes and machines, where a
`multiprocessing.Manager` queue does not), and each scenario's CP-SAT search takes as many
workers as its Dask worker has threads, not every core of the machine it lands on. Vedtak are
health data: a scheduler on another machine is reached only over TLS, never plain `tcp://`.
"""

from __future__ import annotations

import queue
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from distributed import Client, LocalCluster, Queue, get_worker
from distributed.security import Security

from models.problems import InputError, error

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class TlsFiles:
    """The certificate files of a TLS connection to a scheduler."""

    ca_file: Path
    cert_file: Path
    key_file: Path

    def security(self) -> Security:
        return Security(
            tls_ca_file=str(self.ca_file),
            tls_client_cert=str(self.cert_file),
            tls_client_key=str(self.key_file),
            require_encryption=True,
        )


def check_address(address: str, tls: TlsFiles | None) -> None:
    """Refuse, in words, a scheduler that would carry health data unencrypted: any address
    but tls:// on another machine, and tls:// without its certificate files."""
    parsed = urlparse(address if "://" in address else f"tcp://{address}")
    local = parsed.hostname in LOCAL_HOSTS
    if parsed.scheme != "tls" and not local:
        raise InputError(
            [
                error(
                    f"Planleggeren {address} nås ukryptert. Vedtak er helseopplysninger: bruk"
                    " tls://adresse:port med --tls-ca, --tls-cert og --tls-key.",
                    f"The scheduler {address} would be reached unencrypted. Vedtak are health"
                    " data: use tls://address:port with --tls-ca, --tls-cert and --tls-key.",
                    code="plain_tcp",
                )
            ]
        )
    if parsed.scheme == "tls" and tls is None:
        raise InputError(
            [
                error(
                    f"{address} er en TLS-adresse: oppgi --tls-ca, --tls-cert og --tls-key.",
                    f"{address} is a TLS address: give --tls-ca, --tls-cert and --tls-key.",
                    code="tls_files_missing",
                )
            ]
        )
    for path in (tls.ca_file, tls.cert_file, tls.key_file) if tls else ():
        if not path.is_file():
            raise InputError(
                [
                    error(
                        f"Finner ikke sertifikatfila {path}.",
                        f"The certificate file {path} does not exist.",
                        code="no_such_file",
                    )
                ]
            )


@contextmanager
def dask_client(
    scheduler: str | None = None,
    workers: int = 2,
    threads_per_worker: int = 1,
    tls: TlsFiles | None = None,
) -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, or of a LocalCluster of `workers` processes
    with `threads_per_worker` threads each, closed (with its cluster) on leaving."""
    if scheduler is not None:
        check_address(scheduler, tls)
        client = Client(scheduler, security=tls.security() if tls else None)
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=threads_per_worker,
        processes=True,
        dashboard_address=None,
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def executor_of(client: Client) -> Executor:
    """The client's `concurrent.futures.Executor`, for the scenario runner."""
    pool: Executor = client.get_executor()
    return pool


class DaskEvents:
    """The runner's progress queue over a Dask queue: `put` from any worker, `get_nowait` in
    the process that runs the scenarios (raising `queue.Empty`, as a local queue does)."""

    def __init__(self, client: Client) -> None:
        self._queue = Queue(client=client)
        self._waiting: list[Any] = []

    def put(self, item: Any) -> None:
        self._queue.put(item)

    def get_nowait(self) -> Any:
        if not self._waiting:
            self._waiting = list(self._queue.get(batch=True))
        if not self._waiting:
            raise queue.Empty
        return self._waiting.pop(0)

    def __getstate__(self) -> dict[str, Any]:
        # A worker only puts: it takes the queue, not what the runner has read already.
        return {"_queue": self._queue, "_waiting": []}


def worker_threads() -> int | None:
    """The threads of the Dask worker this runs in; None outside one."""
    try:
        return int(get_worker().state.nthreads)
    except ValueError:
        return None
