"""Where the per-file and per-group work runs: inline, a local process pool, or a Dask cluster.

Why pluggable: the pipeline only needs `concurrent.futures.Executor.submit` and collects
results in input order, so one county's laptop (a process pool) and a national evaluator's
cluster (`dask://host:8786`, the `dask` extra) score the same bytes. Dask's
`Client.get_executor()` is such an Executor (ECOSYSTEM §20); files are batched per task
there because a task costs ~1.7 ms of scheduling.

Spec strings (`--executor`): `local` (default: process pool of `--jobs` workers, inline for
one), `inline`, `dask://host:port` (an existing scheduler), `dask://local` (a throw-away
LocalCluster on this machine, mostly for trying it out).

Dask workers run tasks in threads, where the ingest time limit (SIGALRM) cannot fire: give
the cluster's workers a `--lifetime` or a nanny memory limit if hostile files are expected.
Workers read the submissions, and pass documents to each other through the parse cache
(spool.py): on several machines those folders and the history must be on a shared filesystem.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor
from dataclasses import dataclass

from gxaudit.filejobs import worker_init

CONNECT_TIMEOUT = "10s"  # to an existing scheduler


class ExecutorError(ValueError):
    """An --executor value that cannot be used (exit code 2; message in Chinese)."""


@dataclass(frozen=True)
class Plan:
    kind: str  # inline | local | dask
    address: str | None = None  # dask scheduler address, "local" for a LocalCluster


def parse(spec: str | None) -> Plan:
    text = (spec or "local").strip()
    if text in ("local", "process", "processes"):
        return Plan("local")
    if text == "inline":
        return Plan("inline")
    if text.startswith("dask://"):
        rest = text.removeprefix("dask://").strip("/")
        if not rest:
            raise ExecutorError("--executor dask:// 需要调度器地址，例如 dask://10.0.0.5:8786，或 dask://local")
        return Plan("dask", rest)
    raise ExecutorError(f"--executor 不支持“{text}”：可选 local、inline、dask://主机:端口")


def quiet_dask() -> None:
    """Closing a cluster logs CommClosedError tracebacks that are not errors (ECOSYSTEM §20)."""
    for name in ("distributed", "distributed.comm", "distributed.worker", "distributed.nanny",
                 "distributed.scheduler", "distributed.core", "distributed.batched", "distributed.client"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _dask_client(address: str, stack: contextlib.ExitStack):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ExecutorError("使用 --executor dask:// 需要安装 dask 扩展：pip install 'gxaudit[dask]'") from None
    quiet_dask()
    if address == "local":
        cluster = stack.enter_context(LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1,
                                                   processes=True, dashboard_address=None))
        return stack.enter_context(Client(cluster))  # exits first: the client closes before the cluster
    target = address if "://" in address else f"tcp://{address}"
    try:
        return stack.enter_context(Client(target, timeout=CONNECT_TIMEOUT))
    except OSError as exc:
        raise ExecutorError(f"无法连接 Dask 调度器 {target}（{exc}）：请检查地址和端口，或改用 --executor local") from None


@contextlib.contextmanager
def open_executor(spec: str | None, jobs: int) -> Iterator[tuple[Executor | None, int]]:
    """(executor or None for inline, number of parallel slots to batch for)."""
    plan = parse(spec)
    with contextlib.ExitStack() as stack:
        if plan.kind == "inline" or (plan.kind == "local" and jobs <= 1):
            yield None, 1
        elif plan.kind == "local":
            yield stack.enter_context(ProcessPoolExecutor(max_workers=jobs, initializer=worker_init)), jobs
        else:
            client = _dask_client(plan.address or "local", stack)
            slots = sum(client.nthreads().values()) or 1
            yield client.get_executor(), slots


def chunks(items: list, n: int, most: int | None = None) -> list[list]:
    """`items` in n batches (smaller ones when a batch would exceed `most`)."""
    size = max(1, -(-len(items) // n)) if items else 1
    size = min(size, most) if most else size
    return [items[i:i + size] for i in range(0, len(items), size)]


def usable(executor: Executor) -> bool:
    """False for a process pool a dead worker broke (every later submit would raise)."""
    try:
        executor.submit(int).result()
    except BrokenExecutor:
        return False
    return True


class Renewable(Executor):
    """The caller's executor, replaced by a fresh process pool when a dead worker broke it.

    Why: a process pool whose worker died (a reader crashing in C, the OOM killer) fails every
    task it holds and refuses new ones. Replacing it costs one pool start; without it, every
    later file of a province's run would be read in a process of its own, one at a time.
    Only process pools are renewed: other executors (Dask) handle their workers themselves."""

    def __init__(self, inner: Executor, workers: int):
        self.inner, self.workers, self.made = inner, workers, []

    def submit(self, fn, /, *args, **kwargs):
        return self.inner.submit(fn, *args, **kwargs)

    def renew(self) -> bool:
        if not isinstance(self.inner, ProcessPoolExecutor):
            return False
        self.inner = ProcessPoolExecutor(max_workers=self.workers, initializer=worker_init)
        self.made.append(self.inner)
        return True

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Shuts down the pools made here; the caller's own executor stays the caller's."""
        for pool in self.made:
            pool.shutdown(wait=wait, cancel_futures=cancel_futures)

