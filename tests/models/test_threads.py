"""TensorFlow's thread pools follow OMP_NUM_THREADS (set by joblib workers)."""

from __future__ import annotations

import os
import subprocess
import sys

import keras
import pytest

from skseq.models._threads import threads_from_environment

tensorflow_only = pytest.mark.skipif(
    keras.backend.backend() != "tensorflow",
    reason="sizes TensorFlow's pools; other backends are left to their own flags",
)

FIT_AND_REPORT = """
import numpy as np, tensorflow as tf
{before}
from skseq import DenseClassifier
# One fit sizes the pools: the network alone (no linear path) is enough.
model = DenseClassifier(units=2, epochs=1, linear_ngrams=0)
model.fit(np.ones((8, 5), int), [0, 1] * 4)
t = tf.config.threading
print(t.get_intra_op_parallelism_threads(), t.get_inter_op_parallelism_threads())
"""


def _start(omp: str | None, before: str = "") -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    if omp is not None:
        env["OMP_NUM_THREADS"] = omp
    code = FIT_AND_REPORT.format(before=before)
    return subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _pools(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err[-2000:]
    return out.split("\n")[-2]


@tensorflow_only
def test_fit_sizes_pools_from_omp_num_threads_unless_unset_or_chosen():
    """Each case needs a new process (pools are fixed once TensorFlow starts):
    the three run side by side."""
    sized = _start("1")
    unset = _start(None)
    chosen = _start("1", "tf.config.threading.set_intra_op_parallelism_threads(2)")
    # OMP_NUM_THREADS=1 sizes both pools.
    assert _pools(sized) == "1 1"
    # Without it, TensorFlow keeps its defaults.
    assert _pools(unset) == "0 0"
    # Pools the user chose are left alone.
    assert _pools(chosen) == "2 0"


@pytest.mark.parametrize(
    ("value", "expected"), [("3", 3), (" 2 ", 2), ("0", None), ("", None), ("x", None)]
)
def test_thread_budget_parsing(monkeypatch, value, expected):
    monkeypatch.setenv("OMP_NUM_THREADS", value)
    assert threads_from_environment() == expected
