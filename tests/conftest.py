"""Shared fixtures: the real data folder and small, balanced IMDB slices."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import matplotlib
import pytest
from _downloads import imdb_server, jena_server  # noqa: F401 (fixtures)
from hypothesis import HealthCheck, Phase, settings

matplotlib.use("Agg")
# skseq leaves TensorFlow's logging alone (a library changes no global state
# on import); the tests quiet its C++ banner and "retracing" warnings.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
logging.getLogger("tensorflow").setLevel(logging.ERROR)


def pytest_xdist_auto_num_workers(config):
    """``-n auto`` (pyproject's addopts): one worker more than there are cores.

    Many tests wait rather than compute: for a fresh process to import
    TensorFlow, for Dask workers to start or for a killed one to come back.
    On the 2-core CI machine 3 workers ran the suite in 8.1 minutes where 2
    took 10.5 (2026-12-07, docs/development.md). ``--maxprocesses=4`` still
    caps it; PYTEST_XDIST_AUTO_NUM_WORKERS overrides it as in pytest-xdist.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # pytest-xdist's own hook reads it
    return (os.cpu_count() or 1) + 1


def pytest_configure(config):
    """Give each pytest-xdist worker its share of the cores.

    skseq sizes TensorFlow's thread pools from OMP_NUM_THREADS (as joblib
    workers get it); without it every worker would use every core. A share
    of one core also gives JAX one thread.
    """
    workers = os.environ.get("PYTEST_XDIST_WORKER_COUNT")
    if workers and "OMP_NUM_THREADS" not in os.environ:
        share = max(1, (os.cpu_count() or 1) // int(workers))
        os.environ["OMP_NUM_THREADS"] = str(share)
    # JAX's CPU pools ignore OMP_NUM_THREADS; XLA reads this before JAX
    # starts (docs/user_guide/backends.md, "Threads").
    jax = os.environ.get("KERAS_BACKEND") == "jax"
    if jax and workers and os.environ.get("OMP_NUM_THREADS") == "1":
        os.environ.setdefault(
            "XLA_FLAGS",
            "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1",
        )


def pytest_collection_modifyitems(config, items):
    """Mark every test that reads the real data (through ``data_home``, or a
    fixture built on it) ``real_data``: ``-m "not real_data"`` runs the rest
    on a machine without ``../shared/data``; CI runs them all."""
    for item in items:
        if "data_home" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.real_data)


@pytest.fixture(scope="session")
def data_home() -> Path:
    """The read-only real data: ``SKSEQ_DATA`` or ``../shared/data``.

    Missing data is a failure, not a skip: CI always has it.
    """
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    path = Path(os.environ.get("SKSEQ_DATA") or default).resolve()
    if not (path / "imdb" / "train.csv.gz").is_file():
        pytest.fail(f"real data not found under {path}; set SKSEQ_DATA")
    return path


@pytest.fixture(scope="session")
def imdb_slices(data_home):
    """2,000 balanced training and 2,000 balanced test reviews."""
    from skseq.datasets import balanced_sample, fetch_imdb

    train = fetch_imdb("train", data_home=data_home).frame
    test = fetch_imdb("test", data_home=data_home).frame
    train = balanced_sample(train, 2000, random_state=0)
    test = balanced_sample(test, 2000, random_state=0)
    return train.text, train.label.to_numpy(), test.text, test.label.to_numpy()


@pytest.fixture(scope="module")
def series():
    """A noisy sine in two columns; y is column 1, known 5 rows ahead."""
    import numpy as np

    rng = np.random.default_rng(0)
    t = np.arange(1500)
    X = np.column_stack([np.cos(t / 20), np.sin(t / 20)]) + rng.normal(
        0, 0.05, (1500, 2)
    )
    return X, X[:, 1].copy()


# Hypothesis profiles of tests/test_default_pipelines_generated.py (whose
# docstring says what they run): "ci" by default, "thorough" with
# --hypothesis-profile=thorough or SKSEQ_HYPOTHESIS_PROFILE=thorough. Tests
# that set their own max_examples (tests/test_properties.py) keep them.
_SLOW_CASES = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "ci",
    max_examples=10,
    deadline=None,
    # Explaining a failure reruns it hundreds of times: "thorough" does it.
    phases=[p for p in Phase if p is not Phase.explain],
    print_blob=True,
    suppress_health_check=_SLOW_CASES,
)
settings.register_profile(
    "thorough",
    max_examples=300,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW_CASES,
)
settings.load_profile(os.environ.get("SKSEQ_HYPOTHESIS_PROFILE", "ci"))
