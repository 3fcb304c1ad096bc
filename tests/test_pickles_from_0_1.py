"""Pickles from the previous release (skseq 0.1.0, made by
``tests/pickles_0_1_0/make.py``): what still works loads and works, with a
VersionWarning; a fitted network estimator, whose state changed in 0.2,
fails at load with a message naming both versions (issue 26)."""

from __future__ import annotations

from pathlib import Path

import joblib
import numpy as np
import pytest

from skseq.saving import IncompatibleVersionError, VersionWarning

FOLDER = Path(__file__).parent / "pickles_0_1_0"


def test_the_transformers_and_the_baseline_load_and_work_with_a_warning():
    with pytest.warns(
        VersionWarning, match="saved with skseq 0.1.0 and is loaded with skseq 0.2"
    ):
        padder = joblib.load(FOLDER / "padder.pkl")
    np.testing.assert_array_equal(padder.transform([[1, 2], [3]]), [[1, 2], [0, 3]])
    with pytest.warns(VersionWarning, match="PersistenceRegressor"):
        baseline = joblib.load(FOLDER / "persistence.pkl")
    X = np.arange(24, dtype=float).reshape(3, 4, 2)
    np.testing.assert_array_equal(baseline.predict(X), X[:, -1, 0])


@pytest.mark.parametrize(
    ("name", "estimator"),
    [("conv_reg", "Conv1DRegressor"), ("text_lstm", "LSTMClassifier")],
)
def test_a_fitted_network_fails_at_load_naming_both_versions(name, estimator):
    with pytest.raises(IncompatibleVersionError) as caught:
        joblib.load(FOLDER / f"{name}.pkl")
    message = str(caught.value)
    assert f"this {estimator} was saved with skseq 0.1.0;" in message
    assert "saved with skseq 0.2 or later only" in message
    assert "refit it" in message
