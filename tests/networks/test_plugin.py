"""A model family is a declared plug-in (issue 26): adding one is 2 files (its
module in skseq/networks/ and its tests) and 0 edits elsewhere. Proved in a
fresh process that adds a temporary TCN family (Bai, Kolter and Koltun,
"An empirical evaluation of generic convolutional and recurrent networks
for sequence modeling", 2018: dilated causal convolutions with residual
connections) beside the package's own families, and nothing else."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.jax

TCN = '''
"""The TCN family: dilated causal convolutions with residual connections."""

from numbers import Integral

from keras import layers
from sklearn.utils._param_validation import Interval

from skseq.networks._masking import MaskSteps, masked_pooling, padding_mask
from skseq.networks._spec import Network, Param


def tcn_body(x, *, units, n_layers, dropout, pooling, kernel_size):
    mask = padding_mask(x)
    x = MaskSteps()([x, mask])
    for i in range(n_layers):
        y = layers.Conv1D(
            units, kernel_size, padding="causal", dilation_rate=2**i,
            activation="relu",
        )(x)
        if dropout:
            y = layers.Dropout(dropout)(y)
        if x.shape[-1] != units:
            x = layers.Conv1D(units, 1)(x)
        x = MaskSteps()([layers.Add()([x, y]), mask])
    return masked_pooling(x, mask, pooling or "max")


NETWORK = Network(
    prefix="TCN",
    summary="Temporal convolutional network.",
    body=tcn_body,
    params=(
        Param("kernel_size", 3, [Interval(Integral, 2, None, closed="left")],
              "int", "Width of each causal convolution."),
    ),
    references="S. Bai, J. Z. Kolter and V. Koltun, 2018.",
)
'''

PROBE = """
import json, pickle, sys, warnings
import numpy as np
import skseq.networks
skseq.networks.__path__.append(sys.argv[1])  # the one new module, nowhere else
import skseq
from skseq.cli._common import FAMILIES
from skseq.estimators import all_estimators

rng = np.random.default_rng(0)
X = rng.integers(1, 30, size=(60, 10))
y = (X[:, 0] > 15).astype(int)
clf = skseq.TCNClassifier(units=4, epochs=1, kernel_size=2, random_state=0)
clf.fit(X, y)
again = pickle.loads(pickle.dumps(clf))
series = rng.normal(size=(40, 8, 2)).astype("float32")
reg = skseq.TCNRegressor(units=4, epochs=1, random_state=0)
reg.fit(series, series[:, -1, 0])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    skseq.TCNClassifier(units=4, epochs=1, bidirectional=True).fit(X, y)
try:
    skseq.TCNClassifier(kernel_size=1).fit(X, y)
    refused = None
except ValueError as error:
    refused = str(error)
print(json.dumps({
    "all": [n for n in skseq.__all__ if n.startswith("TCN")],
    "estimators": [n for n in all_estimators() if n.startswith("TCN")],
    "cli": "tcn" in FAMILIES,
    "proba": list(clf.predict_proba(X[:3]).shape),
    "pickle": bool(np.array_equal(again.predict_proba(X), clf.predict_proba(X))),
    "regressor": list(reg.predict(series[:5]).shape),
    "doc": "kernel_size : int, default=3" in skseq.TCNClassifier.__doc__,
    "unread": [str(w.message).split(":")[0] for w in caught
               if "not read" in str(w.message)],
    "refused": refused,
}))
"""


def test_a_temporary_tcn_family_is_one_module_and_nothing_else(tmp_path):
    (tmp_path / "tcn.py").write_text(textwrap.dedent(TCN), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.splitlines()[-1])
    assert result == {
        "all": ["TCNClassifier", "TCNRegressor"],
        "estimators": ["TCNClassifier", "TCNRegressor"],
        "cli": True,
        "proba": [3, 2],
        "pickle": True,
        "regressor": [5],
        "doc": True,
        "unread": ["bidirectional=True is not read by TCNClassifier"],
        "refused": "The 'kernel_size' parameter of TCNClassifier must be an int "
        "in the range [2, inf). Got 1 instead.",
    }
