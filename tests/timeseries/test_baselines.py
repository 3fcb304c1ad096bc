"""The last-value baseline, PersistenceRegressor (skseq/baselines.py)."""

import numpy as np
import pandas as pd
import pytest
from _windows import window_pipeline
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit

from skseq import DenseRegressor, PersistenceRegressor


def test_persistence_predicts_the_value_delay_rows_back(series):
    X, y = series
    pipe = window_pipeline(PersistenceRegressor(target_column=1), delay=5).fit(X, y)
    pred = pipe.predict(X)
    np.testing.assert_allclose(pred[5:], y[:-5], rtol=1e-6)
    assert pred.dtype == np.float32


def test_persistence_and_a_network_share_a_grid(series):
    # Any family shows the swap of the model step; Dense is the cheapest fit.
    X, y = series
    grid = GridSearchCV(
        window_pipeline(DenseRegressor(units=4, epochs=1, random_state=0)),
        {
            "model": [PersistenceRegressor(target_column=1), DenseRegressor(epochs=1)],
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


def test_persistence_predicts_every_column_of_a_2d_y(series):
    X, y = series
    Y = np.column_stack([y, y + 0.01, y - 0.02])
    pipe = window_pipeline(PersistenceRegressor(target_column=1), delay=5).fit(X, Y)
    pred = pipe.predict(X)
    assert pred.shape == (len(X), 3) and pred.dtype == np.float64
    np.testing.assert_array_equal(pred, np.repeat(pred[:, :1], 3, axis=1))
    np.testing.assert_allclose(pred[5:, 0], y[:-5], rtol=1e-6)
    assert pipe.named_steps["model"].n_outputs_ == 3
    # Refit on a 1-D y: back to 1-D float32 predictions.
    pipe.fit(X, y)
    assert pipe.predict(X).shape == (len(X),)
    assert pipe.predict(X).dtype == np.float32
    assert pipe.named_steps["model"].n_outputs_ == 1


def test_persistence_takes_a_dataframe_y():
    X = np.arange(24.0).reshape(8, 3)
    Y = pd.DataFrame({"y+1": X[:, -1], "y+2": X[:, -1]})
    pred = PersistenceRegressor(target_column=0).fit(X, Y).predict(X)
    np.testing.assert_array_equal(pred, np.tile(X[:, [-1]], (1, 2)))


def test_persistence_warns_per_column_of_a_2d_y(series):
    X, y = series
    Y = np.column_stack([y, y * 100 + 50, y - 40])
    with pytest.warns(
        UserWarning, match=r"and y\[:, 1\] \(mean .* units \(so do y\[:, 2\]\)"
    ):
        window_pipeline(PersistenceRegressor(target_column=1)).fit(X, Y)


@pytest.mark.parametrize(
    ("y", "match"),
    [
        (np.ones((9, 2)), r"y of shape \(10,\) or \(10, n_outputs\) .*got \(9, 2\)"),
        (np.ones((10, 0)), r"got \(10, 0\)"),
        (np.ones((10, 2, 1)), r"got \(10, 2, 1\)"),
        (
            np.column_stack([np.r_[np.nan, np.ones(9)], np.ones(10)]),
            r"y contains NaN at row 0, column 0; keep the rows that have every "
            r"target \(for horizon_targets: Y.notna\(\).all\(axis=1\)\)",
        ),
        (np.column_stack([np.ones(10), np.r_[np.ones(9), np.inf]]), r"inf at row 9"),
    ],
)
def test_persistence_bad_2d_y(y, match):
    with pytest.raises(ValueError, match=match):
        PersistenceRegressor().fit(np.ones((10, 4)), y)
