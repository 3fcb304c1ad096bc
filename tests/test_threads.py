"""TensorFlow's thread pools follow OMP_NUM_THREADS (set by joblib workers)."""

from __future__ import annotations

import os
import subprocess
import sys

import keras
import pytest

from skseq._threads import threads_from_environment

tensorflow_only = pytest.mark.skipif(
    keras.backend.backend() != "tensorflow",
    reason="sizes TensorFlow's pools; other backends are left to their own flags",
)

FIT_AND_REPORT = """
import numpy as np, tensorflow as tf
{before}
from skseq import LSTMClassifier
LSTMClassifier(units=2, epochs=1).fit(np.ones((8, 5), int), [0, 1] * 4)
t = tf.config.threading
print(t.get_intra_op_parallelism_threads(), t.get_inter_op_parallelism_threads())
"""


def _pools_after_fit(omp: str | None, before: str = "") -> str:
    env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    if omp is not None:
        env["OMP_NUM_THREADS"] = omp
    code = FIT_AND_REPORT.format(before=before)
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.split("\n")[-2]


@tensorflow_only
def test_fit_sizes_tensorflow_pools_from_omp_num_threads():
    assert _pools_after_fit("1") == "1 1"


@tensorflow_only
def test_without_omp_num_threads_tensorflow_keeps_its_defaults():
    assert _pools_after_fit(None) == "0 0"


@tensorflow_only
def test_pools_the_user_chose_are_left_alone():
    before = "tf.config.threading.set_intra_op_parallelism_threads(2)"
    assert _pools_after_fit("1", before) == "2 0"


@pytest.mark.parametrize(
    ("value", "expected"), [("3", 3), (" 2 ", 2), ("0", None), ("", None), ("x", None)]
)
def test_thread_budget_parsing(monkeypatch, value, expected):
    monkeypatch.setenv("OMP_NUM_THREADS", value)
    assert threads_from_environment() == expected
