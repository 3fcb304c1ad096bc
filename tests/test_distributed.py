"""GridSearchCV in joblib's worker processes and on a Dask cluster (127.0.0.1
only) finds what one process finds, even when a Dask worker is lost."""

from __future__ import annotations

import os
import signal
import threading
import time

import numpy as np
import pytest
from _searches import tiny_text_search, tiny_window_search
from distributed import get_task_stream
from joblib import parallel_config

from skseq.distributed import ThreadBudget, connect, thread_budgets

# Not in CI's JAX job: Dask and joblib run the same whatever the backend (a
# JAX model crossing processes: tests/test_saving.py).


@pytest.fixture(scope="module")
def client():
    with connect(n_workers=2, threads_per_worker=1) as client:
        yield client


@pytest.fixture(scope="module")
def one_process(imdb_slices):
    """Each tiny search fitted in this process, once per module: the
    reference that every parallel way of running it must reproduce."""
    cache = {}

    def fitted(make_search):
        if make_search not in cache:
            search, X, y = make_search(imdb_slices, 1)
            cache[make_search] = search.fit(X, y)
        return cache[make_search]

    return fitted


def assert_same_search(search, reference) -> None:
    assert search.best_params_ == reference.best_params_
    for key in ["mean_test_score", "std_test_score", "rank_test_score"]:
        np.testing.assert_array_equal(
            search.cv_results_[key], reference.cv_results_[key]
        )
    assert np.ptp(reference.cv_results_["mean_test_score"]) > 0  # the grid matters


def test_worker_processes_and_dask_find_what_one_process_finds(
    client, imdb_slices, one_process
):
    """Both tiny searches (a text and a window pipeline) in one test, so that
    one pytest worker starts the cluster and joblib's processes once."""
    for make_search in (tiny_text_search, tiny_window_search):
        reference = one_process(make_search)
        # joblib's default backend: two worker processes (loky).
        search, X, y = make_search(imdb_slices, 2)
        assert_same_search(search.fit(X, y), reference)
        # The Dask cluster: all 4 fits (2 candidates x 2 folds) ran on the
        # workers, on both of them.
        search, X, y = make_search(imdb_slices, -1)
        with parallel_config(backend="dask"), get_task_stream(client) as tasks:
            search.fit(X, y)
        assert_same_search(search, reference)
        assert len(tasks.data) >= 4
        assert len({task["worker"] for task in tasks.data}) == 2


def _backend_pool():
    import keras

    if keras.backend.backend() != "tensorflow":
        return None
    import tensorflow as tf

    return tf.config.threading.get_intra_op_parallelism_threads()


def test_workers_cap_backend_threads_to_their_tasks(client):
    assert set(thread_budgets(client).values()) == {1}
    pools = set(client.run(_backend_pool).values())
    assert pools in ({1}, {None})


def test_thread_budget_can_be_set(client):
    client.register_plugin(ThreadBudget(threads=2))
    try:
        assert set(thread_budgets(client).values()) == {2}
    finally:
        client.register_plugin(ThreadBudget())
    assert set(thread_budgets(client).values()) == {1}


@pytest.mark.parametrize("threads", [0, -1, 1.5, "2"])
def test_bad_thread_budget(threads):
    with pytest.raises(
        ValueError, match=f"threads must be a positive int.*{threads!r}"
    ):
        ThreadBudget(threads)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"threads": 0}, "threads must be a positive int or None; got 0"),
        ({"threads_per_worker": 0}, "threads_per_worker must be an int >= 1; got "),
        ({"n_workers": -1}, r"n_workers must be an int >= 1 or None; got n_workers=-1"),
        (
            {"n_workers": 2.0},
            r"n_workers must be an int >= 1 or None; got n_workers=2.0",
        ),
    ],
)
def test_bad_cluster_settings_start_nothing(kwargs, match, monkeypatch):
    # Refused before any process starts: a worker left running would outlive
    # the error (connect(threads=0) used to start the cluster first).
    import skseq.distributed as distributed

    def no_cluster(*args, **kwargs):
        raise AssertionError("a cluster was started")

    monkeypatch.setattr(distributed, "Client", no_cluster)
    monkeypatch.setattr(distributed, "LocalCluster", no_cluster)
    with pytest.raises(ValueError, match=match):
        connect(**kwargs)
    if "threads" not in kwargs:
        with pytest.raises(ValueError, match=match):
            distributed.local_cluster(**kwargs)


def test_cluster_options_need_no_address():
    with pytest.raises(TypeError, match="n_workers.*address='tcp://x:8786'"):
        connect("tcp://x:8786", n_workers=2)


def _kill_a_worker(client, pids, killed, at):
    """SIGKILL, ``at`` seconds from now, the worker holding the most data
    (what joblib scattered, if anything), else a busy one."""
    time.sleep(at)
    held = client.has_what()
    busy = {worker for worker, keys in client.processing().items() if keys}
    victim = max(pids, key=lambda w: (len(held.get(w, ())), w in busy))
    os.kill(pids[victim], signal.SIGKILL)
    killed.append(time.monotonic())


def test_a_lost_worker_does_not_lose_the_search(client, imdb_slices, one_process):
    """A worker killed 2 s into a search (each of its fits takes longer):
    Dask reruns its tasks elsewhere, and the search ends as one process's
    does. (With joblib's own Dask backend this fails: "FutureCancelledError
    ... already forgotten".) Last in this file: the module's cluster goes on
    with the worker that the nanny starts in place of the killed one."""
    reference = one_process(tiny_text_search)
    search, X, y = tiny_text_search(imdb_slices, -1)
    pids = client.run(os.getpid)
    killed: list = []
    killer = threading.Thread(target=_kill_a_worker, args=(client, pids, killed, 2))
    start = time.monotonic()
    killer.start()
    with parallel_config(backend="dask"):
        search.fit(X, y)
    end = time.monotonic()
    killer.join()
    assert killed and killed[0] < end, "the search ended before the kill"
    print(f"search with a lost worker: {end - start:.1f} s")
    assert_same_search(search, reference)
    # The nanny started a new worker process in place of the killed one.
    client.wait_for_workers(2, timeout=60)
    assert len(set(client.run(os.getpid).values()) - set(pids.values())) == 1
