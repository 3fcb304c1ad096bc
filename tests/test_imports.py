"""``import skseq`` (skseq/__init__.py): no global state changed, no Keras
for the transformers or for listing the public names, every public name
where ``__all__`` says."""

from __future__ import annotations

import json
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
import pickle
pickle.dumps(skseq.TextVectorizer().fit(["a b", "b c"]))
print(json.dumps({
    "environ_changed": dict(os.environ) != before[0],
    "logger_changed": logging.getLogger("tensorflow").level != before[1],
    "loaded": sorted(m for m in ("keras", "tensorflow", "jax", "scikeras")
                     if m in sys.modules),
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
