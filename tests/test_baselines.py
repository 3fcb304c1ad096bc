"""The last-value baseline, PersistenceRegressor (skseq/baselines.py)."""

import numpy as np
import pytest
from _windows import window_pipeline
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit

from skseq import GRURegressor, PersistenceRegressor

# Also run in CI on the JAX backend (.ci/run selects the tests by this mark).
pytestmark = pytest.mark.jax


def test_persistence_predicts_the_value_delay_rows_back(series):
    X, y = series
    pipe = window_pipeline(PersistenceRegressor(target_column=1), delay=5).fit(X, y)
    pred = pipe.predict(X)
    np.testing.assert_allclose(pred[5:], y[:-5], rtol=1e-6)
    assert pred.dtype == np.float32


def test_persistence_and_gru_share_a_grid(series):
    X, y = series
    grid = GridSearchCV(
        window_pipeline(GRURegressor(units=4, epochs=1, random_state=0)),
        {
            "model": [PersistenceRegressor(target_column=1), GRURegressor(epochs=1)],
            "window__lookback": [15, 30],
        },
        cv=TimeSeriesSplit(2),
        scoring="neg_mean_absolute_error",
    ).fit(X, y)
    assert np.isfinite(grid.cv_results_["mean_test_score"]).all()
    assert len(grid.cv_results_["params"]) == 4


def test_persistence_warns_on_mismatched_units(series):
    X, y = series
    with pytest.warns(UserWarning, match="different units"):
        window_pipeline(PersistenceRegressor(target_column=1)).fit(X, y * 100 + 50)


@pytest.mark.parametrize(
    ("X", "match"),
    [
        (np.ones((10, 4, 2, 1)), r"got 4-D X"),
        (np.ones((10, 4, 2)), r"target_column=5 is out of range"),
        (np.ones((10, 4)), r"target_column=5 is out of range for windows with 1"),
    ],
)
def test_persistence_bad_input(X, match):
    with pytest.raises(ValueError, match=match):
        PersistenceRegressor(target_column=5).fit(X, np.ones(10))


def test_persistence_reads_2d_x_as_one_feature_per_step():
    X = np.arange(12.0).reshape(4, 3)
    model = PersistenceRegressor().fit(X, X[:, -1])
    np.testing.assert_array_equal(model.predict(X), [2.0, 5.0, 8.0, 11.0])
    assert model.n_features_in_ == 3 and model.window_shape_ == (3, 1)


def test_persistence_checks_features_at_predict():
    model = PersistenceRegressor().fit(np.ones((10, 4, 2)), np.ones(10))
    with pytest.raises(ValueError, match="3 features per step.*fitted with 2"):
        model.predict(np.ones((10, 4, 3)))
