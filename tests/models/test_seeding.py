"""A fixed random_state gives the same model whatever other threads do."""

from __future__ import annotations

import random
import threading

import numpy as np
import pytest

from skseq import DenseClassifier

# Also run in CI on the JAX backend (.ci/run selects the tests by this mark).
pytestmark = pytest.mark.jax


def _fit_predict(X, y):
    # Seeding is the base estimator's (skseq/models/_seeding.py), the same for every
    # family: the cheapest one, with dropout so that training draws numbers.
    model = DenseClassifier(units=4, embedding_dim=4, dropout=0.2, epochs=1)
    return model.set_params(random_state=0).fit(X, y).predict_proba(X)


def test_other_threads_drawing_from_random_change_nothing():
    # A Dask worker's event loop draws from Python's `random` while fits run.
    rng = np.random.default_rng(0)
    X = rng.integers(1, 50, size=(64, 10))
    y = (X[:, -1] > 25).astype(int)
    quiet = _fit_predict(X, y)
    stop = threading.Event()

    def draw():
        while not stop.is_set():
            random.random()

    thread = threading.Thread(target=draw, daemon=True)
    thread.start()
    try:
        noisy = _fit_predict(X, y)
    finally:
        stop.set()
        thread.join()
    np.testing.assert_array_equal(noisy, quiet)
