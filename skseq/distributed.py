"""Hyperparameter search on a Dask cluster, through joblib's Dask backend.

Nothing in a search changes: ``GridSearchCV(..., n_jobs=-1)`` fits inside
``joblib.parallel_config(backend="dask")`` run on the workers of the current
Dask client. What this module adds:

- a thread budget: a Dask worker runs ``nthreads`` tasks at once, but the
  backend's thread pools are per process and would otherwise be sized to
  every core of the machine (TensorFlow) or left at one thread by Dask's
  ``OMP_NUM_THREADS=1`` default while several fits share it;
- a search that survives a lost worker: ``connect`` makes joblib's "dask"
  backend send the data inside each task (``ResilientDaskBackend``), so
  Dask reruns a dead worker's fits elsewhere instead of failing the search.

Needs the optional ``distributed`` package: ``pip install "skseq[dask]"``.

Examples
--------
>>> from joblib import parallel_config
>>> from skseq.distributed import connect
>>> with connect() as client, parallel_config(backend="dask"):  # doctest: +SKIP
...     search.fit(X, y)
>>> connect("tcp://scheduler:8786")  # a running cluster  # doctest: +SKIP
"""

from __future__ import annotations

import os
from numbers import Integral

from skseq.models import limit_backend_threads

try:
    from distributed import Client, LocalCluster, WorkerPlugin
    from joblib import register_parallel_backend
    from joblib._dask import DaskDistributedBackend
except ImportError as error:  # pragma: no cover - exercised without the extra
    raise ImportError(
        "skseq.distributed needs the optional 'distributed' package: "
        'pip install "skseq[dask]"'
    ) from error

__all__ = [
    "ResilientDaskBackend",
    "ThreadBudget",
    "connect",
    "local_cluster",
    "register_resilient_backend",
    "thread_budgets",
]


class ResilientDaskBackend(DaskDistributedBackend):
    """joblib's Dask backend, with each task's arguments sent inside the task.

    joblib's own backend scatters every argument over 1 kB (``X``, ``y``,
    the folds' indices) to *one* worker, once per search. Scattered data has
    no recipe the scheduler could rerun, so when that worker dies, every
    task that needs it fails ("FutureCancelledError ... already forgotten")
    and the whole search with it. Sent inside the task, the data is part of
    the task's definition: Dask reruns a lost worker's tasks on another one
    (up to ``distributed.scheduler.allowed-failures`` times, default 3), and
    the search finishes with the scores an undisturbed one gets (skseq fits
    are seeded). The cost is sending ``X`` and ``y`` with each batch of
    tasks instead of once. ``parallel_config(backend="dask", scatter=[X, y])``
    still scatters what it names, to every worker (broadcast), so one lost
    worker leaves the copies on the others.

    ``connect`` and ``register_resilient_backend`` install it under joblib's
    name "dask".

    Parameters
    ----------
    scheduler_host : str or None, default=None
        Address of a scheduler to connect to when no ``client`` is given;
        None uses the current Dask client.
    scatter : list or tuple or None, default=None
        Objects sent to every worker once, before the tasks (broadcast).
    client : distributed.Client or None, default=None
        The client whose workers run the tasks.
    loop : event loop or None, default=None
        The event loop of a client made for ``scheduler_host``.
    wait_for_workers_timeout : float, default=10
        Seconds to wait for a first worker before failing.
    **submit_kwargs
        Passed on to ``Client.submit`` with each batch of tasks.

    Examples
    --------
    >>> from joblib import parallel_config
    >>> from skseq.distributed import ResilientDaskBackend, connect
    >>> ResilientDaskBackend.__mro__[1].__name__  # joblib's own
    'DaskDistributedBackend'
    >>> with connect() as client, parallel_config(backend="dask"):  # doctest: +SKIP
    ...     search.fit(X, y)  # runs on a ResilientDaskBackend
    """

    def start_call(self):
        """Start a ``Parallel`` call, sending its arguments inside the tasks."""
        super().start_call()
        # joblib's backend scatters arguments only while this is a mapping.
        self.call_data_futures = None

    def stop_call(self):
        """End a ``Parallel`` call."""
        self.call_data_futures = {}
        super().stop_call()

    def __reduce__(self):
        return (ResilientDaskBackend, ())

    def get_nested_backend(self):
        """The backend of ``Parallel`` calls made inside a task.

        Returns
        -------
        backend : ResilientDaskBackend
            On the same client.
        n_jobs : int
            -1: every worker.
        """
        return ResilientDaskBackend(client=self.client), -1


def register_resilient_backend() -> None:
    """Make ``parallel_config(backend="dask")`` use ``ResilientDaskBackend``.

    ``connect`` calls it; call it yourself when you make the
    ``distributed.Client`` another way.

    Examples
    --------
    >>> from joblib import parallel_config
    >>> register_resilient_backend()
    >>> from joblib.parallel import BACKENDS
    >>> BACKENDS["dask"].__name__
    'ResilientDaskBackend'
    """
    register_parallel_backend("dask", ResilientDaskBackend)


class ThreadBudget(WorkerPlugin):
    """Size each worker's backend thread pools to the tasks it runs at once.

    Register it with ``client.register_plugin(ThreadBudget())``; ``connect``
    does. It sets ``OMP_NUM_THREADS`` on every current and future worker to
    ``threads`` (default: the worker's ``nthreads``), which skseq applies to
    TensorFlow's pools before the worker's first fit.

    Parameters
    ----------
    threads : int or None, default=None
        Threads per worker process; None means the worker's ``nthreads``.

    Examples
    --------
    >>> ThreadBudget(threads=2).threads
    2
    >>> from distributed import Client
    >>> Client("tcp://scheduler:8786").register_plugin(ThreadBudget())  # doctest: +SKIP
    """

    name = "skseq-thread-budget"

    def __init__(self, threads: int | None = None):
        if threads is not None and (not isinstance(threads, int) or threads < 1):
            raise ValueError(f"threads must be a positive int or None; got {threads!r}")
        self.threads = threads

    def setup(self, worker):
        """Set ``OMP_NUM_THREADS`` on ``worker`` and size its thread pools.

        Dask calls it on every worker, current and future.

        Parameters
        ----------
        worker : distributed.Worker
            The worker the plugin is attached to.
        """
        budget = self.threads or worker.state.nthreads
        os.environ["OMP_NUM_THREADS"] = str(budget)
        limit_backend_threads()


def local_cluster(n_workers: int | None = None, threads_per_worker: int = 1, **kwargs):
    """A ``LocalCluster`` of worker processes that listens on 127.0.0.1 only.

    Parameters
    ----------
    n_workers : int or None, default=None
        Worker processes; None means one per core divided by
        ``threads_per_worker``.
    threads_per_worker : int, default=1
        Fits each worker runs at once. One per process is fastest for Keras:
        its thread pools belong to the process.
    **kwargs
        Passed to ``distributed.LocalCluster`` (``memory_limit``, ...).

    Returns
    -------
    distributed.LocalCluster

    Raises
    ------
    ValueError
        If ``n_workers`` or ``threads_per_worker`` is not an int >= 1
        (checked before any process starts).
    RuntimeError
        If the workers fail to start, e.g. for a keyword in ``kwargs`` that
        neither ``LocalCluster`` nor its workers take (Dask's "Nanny failed
        to start").

    Examples
    --------
    >>> from distributed import Client
    >>> client = Client(local_cluster(n_workers=2))  # doctest: +SKIP
    """
    return LocalCluster(**_local_options(n_workers, threads_per_worker, kwargs))


def _local_options(n_workers, threads_per_worker, kwargs) -> dict:
    # Checked here, before any process starts (Dask itself would fail later,
    # e.g. with a ZeroDivisionError for threads_per_worker=0).
    for name, value, allow_none in (
        ("n_workers", n_workers, True),
        ("threads_per_worker", threads_per_worker, False),
    ):
        if (value is None and allow_none) or (
            isinstance(value, Integral) and not isinstance(value, bool) and value >= 1
        ):
            continue
        expected = "an int >= 1 or None" if allow_none else "an int >= 1"
        raise ValueError(f"{name} must be {expected}; got {name}={value!r}")
    if n_workers is None:
        n_workers = max(1, (os.cpu_count() or 1) // threads_per_worker)
    defaults = {"host": "127.0.0.1", "dashboard_address": None}
    return (
        defaults
        | kwargs
        | {
            "n_workers": n_workers,
            "threads_per_worker": threads_per_worker,
            "processes": True,
        }
    )


def connect(
    address: str | None = None, *, threads: int | None = None, **cluster_kwargs
):
    """A Dask client whose workers carry skseq's thread budget, and whose
    searches survive a lost worker (``register_resilient_backend``).

    Parameters
    ----------
    address : str or None, default=None
        A scheduler such as ``"tcp://scheduler:8786"``; None starts
        ``local_cluster(**cluster_kwargs)``, closed with the client.
    threads : int or None, default=None
        Threads per worker process (see ``ThreadBudget``).
    **cluster_kwargs
        Passed to ``local_cluster`` when no address is given.

    Returns
    -------
    distributed.Client
        Use it as a context manager so the cluster is shut down.

    Raises
    ------
    TypeError
        For ``cluster_kwargs`` with an ``address``.
    ValueError
        If ``threads`` is not a positive int or None, or (local cluster)
        ``n_workers`` or ``threads_per_worker`` is not an int >= 1: checked
        before any process starts.
    OSError
        If no scheduler answers at ``address`` within Dask's connect timeout
        (``distributed.comm.timeouts.connect``).

    Examples
    --------
    >>> from joblib import parallel_config
    >>> with connect(n_workers=2) as client:  # doctest: +SKIP
    ...     with parallel_config(backend="dask"):
    ...         search.fit(X, y)
    """
    if address is not None and cluster_kwargs:
        raise TypeError(
            f"cluster options {sorted(cluster_kwargs)} apply only to the local "
            f"cluster, not to address={address!r}"
        )
    budget = ThreadBudget(threads)  # checks threads before anything starts
    if address is None:
        # A client given no address starts the cluster and closes it with itself.
        n_workers = cluster_kwargs.pop("n_workers", None)
        threads_per_worker = cluster_kwargs.pop("threads_per_worker", 1)
        options = _local_options(n_workers, threads_per_worker, cluster_kwargs)
        client = Client(**options)
    else:
        client = Client(address)
    client.register_plugin(budget)
    register_resilient_backend()
    return client


def thread_budgets(client) -> dict[str, int]:
    """Each worker's thread budget (``OMP_NUM_THREADS``), by worker address.

    Parameters
    ----------
    client : distributed.Client
        A client of the workers to ask.

    Returns
    -------
    dict of str to int
        Each worker's ``OMP_NUM_THREADS`` (0 if unset), by its address.

    Raises
    ------
    RuntimeError
        If ``client`` is closed (Dask's "IOLoop is closed").

    Examples
    --------
    >>> with connect(n_workers=1) as client:
    ...     list(thread_budgets(client).values())
    [1]
    """
    return client.run(lambda: int(os.environ.get("OMP_NUM_THREADS", "0")))
