"""``import skseq`` (skseq/__init__.py): no global state changed, no Keras
for the transformers or for listing the public names (``dir``, ``help``),
every public name where ``__all__`` says."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import skseq

pytestmark = pytest.mark.jax

_PROBE = """
import json, logging, os, sys
import numpy, pandas, scipy, sklearn  # scikit-learn sets KMP_* variables itself
before = dict(os.environ), logging.getLogger("tensorflow").level
import skseq, skseq.text, skseq.timeseries, skseq.baselines, skseq.networks
skseq.TextVectorizer, skseq.SlidingWindow, skseq.CalendarFeatures
skseq.PersistenceRegressor, skseq.networks.family_names()
# The public names are listed without Keras (issue 26), and a transformer
# pickles without starting it.
names = dir(skseq), skseq.__all__
# help(skseq) too: pydoc's page ends with every public name, made without
# Keras, and documents none of the classes that would need it.
import pydoc
page = pydoc.render_doc(skseq, renderer=pydoc.plaintext)
import pickle
pickle.dumps(skseq.TextVectorizer().fit(["a b", "b c"]))
print(json.dumps({
    "environ_changed": dict(os.environ) != before[0],
    "logger_changed": logging.getLogger("tensorflow").level != before[1],
    "loaded": sorted(m for m in ("keras", "tensorflow", "jax", "scikeras")
                     if m in sys.modules),
    "help_names": all(n in " ".join(page.split()) for n in skseq.__all__),
    "dir_after_help": sorted(set(skseq.__all__) - set(dir(skseq))),
}))
"""


def test_import_changes_no_global_state_and_transformers_need_no_keras():
    env = {"PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=env,
    ).stdout
    assert json.loads(out.splitlines()[-1]) == {
        "environ_changed": False,
        "logger_changed": False,
        "loaded": [],
        "help_names": True,
        "dir_after_help": [],
    }


def test_all_lists_every_public_name_and_each_resolves():
    names = skseq.__all__
    assert names == sorted(names)
    assert {"TextVectorizer", "GRUClassifier", "LSTMRegressor"} <= set(names)
    # The forecasting helpers sit beside horizon_targets at the top level.
    assert {"backtest", "horizon_targets", "predict_quantiles"} <= set(names)
    for name in names:
        assert getattr(skseq, name).__name__ == name
    assert set(names) <= set(dir(skseq))
    with pytest.raises(AttributeError, match="has no attribute 'LSTMClassifer'"):
        skseq.LSTMClassifer  # noqa: B018 - a typo must not resolve


_ESTIMATOR_PROBE = """
import json, logging, os, random, sys, warnings
import numpy as np
import keras
from keras.src.random import seed_generator
LOGGERS = ("tensorflow", "keras", "absl")
def snapshot():
    state = {
        "environ": dict(os.environ),
        "loggers": {n: logging.getLogger(n).level for n in LOGGERS},
        "random": random.getstate()[1][:4],
        "numpy": np.random.get_state()[1][:4].tolist(),
        "keras_python_random": seed_generator.python_random is random,
        "floatx": keras.config.floatx(),
        "warning_filters": len(warnings.filters),
        "meta_path": [type(f).__name__ for f in sys.meta_path],
    }
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf
        from tensorflow.python.framework import config
        state["determinism"] = config.is_op_determinism_enabled()
        threading = tf.config.threading
        state["intra_op_threads"] = threading.get_intra_op_parallelism_threads()
    return state
before = snapshot()
import skseq, skseq.estimators
skseq.LSTMClassifier, skseq.TextVectorizer
after = snapshot()
print(json.dumps({k: [before[k], after[k]] for k in before if before[k] != after[k]}))
"""


def test_importing_an_estimator_changes_no_global_state_keras_included():
    # Issue 26: seed routing and thread limits start with training, not at
    # import. SciKeras's own pickling patch is its documented cost
    # (tests/models/test_scikeras_seam.py), not checked here.
    out = subprocess.run(
        [sys.executable, "-c", _ESTIMATOR_PROBE],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        env={
            "PATH": "/usr/bin:/bin",
            "KERAS_BACKEND": os.environ.get("KERAS_BACKEND", "tensorflow"),
            "OMP_NUM_THREADS": "1",  # what a limit at import would read
        },
    ).stdout
    assert json.loads(out.splitlines()[-1]) == {}
