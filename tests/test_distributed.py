"""GridSearchCV on a Dask cluster (127.0.0.1 only) finds what one process finds."""

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
from sklearn.model_selection import GridSearchCV

from skseq.distributed import ThreadBudget, connect, thread_budgets


@pytest.fixture(scope="module")
def client():
    with connect(n_workers=2, threads_per_worker=1) as client:
        yield client


@pytest.mark.parametrize("make_search", [tiny_text_search, tiny_window_search])
def test_dask_search_equals_local_search(make_search, client, imdb_slices):
    search, X, y = make_search(imdb_slices, -1)
    local = GridSearchCV(**(search.get_params(deep=False) | {"n_jobs": 1})).fit(X, y)
    with parallel_config(backend="dask"), get_task_stream(client) as tasks:
        search.fit(X, y)
    assert search.best_params_ == local.best_params_
    for key in ["mean_test_score", "std_test_score", "rank_test_score"]:
        np.testing.assert_array_equal(search.cv_results_[key], local.cv_results_[key])
    assert np.ptp(local.cv_results_["mean_test_score"]) > 0  # the grid matters
    # All 8 fits (4 candidates x 2 folds) ran on the workers, on both of them.
    assert len(tasks.data) >= 8
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


def test_cluster_options_need_no_address():
    with pytest.raises(TypeError, match="n_workers.*address='tcp://x:8786'"):
        connect("tcp://x:8786", n_workers=2)


def _kill_a_busy_worker(client, pids, killed, after):
    """SIGKILL the first worker seen running a task, ``after`` s later."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        busy = [worker for worker, keys in client.processing().items() if keys]
        if busy:
            time.sleep(after)
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed.append((busy[0], time.monotonic()))
            return
        time.sleep(0.05)


def test_a_lost_worker_does_not_lose_the_search(imdb_slices):
    """A worker killed mid-search: Dask reruns its tasks elsewhere, and the
    search ends as an undisturbed one does (the arrays travel with the tasks,
    so nothing lives only on the lost worker)."""
    search, X, y = tiny_text_search(imdb_slices, -1)
    local = GridSearchCV(**(search.get_params(deep=False) | {"n_jobs": 1})).fit(X, y)
    with connect(n_workers=2, threads_per_worker=1) as client:
        pids = client.run(os.getpid)
        killed: list = []
        killer = threading.Thread(
            target=_kill_a_busy_worker, args=(client, pids, killed, 2.0)
        )
        start = time.monotonic()
        killer.start()
        with parallel_config(backend="dask"):
            search.fit(X, y)
        killer.join()
        elapsed = time.monotonic() - start
        assert killed, "no worker was busy: the test killed nothing"
        assert killed[0][1] - start < elapsed  # killed while the search ran
        assert set(client.run(os.getpid).values()) != set(pids.values())
    assert search.best_params_ == local.best_params_
    for key in ["mean_test_score", "std_test_score", "rank_test_score"]:
        np.testing.assert_array_equal(search.cv_results_[key], local.cv_results_[key])
