"""Targets for several lead times at once (skseq/horizons.py), with the
windows and the persistence baseline they line up with."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import TransformedTargetRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from skseq import PersistenceRegressor, SlidingWindow, horizon_targets
from skseq.datasets import JENA_TARGET_COLUMN as TARGET_COLUMN
from skseq.datasets import fetch_jena_climate, find_jena_file


def test_columns_are_y_shifted_with_nan_where_no_target_exists():
    y = np.arange(10.0) * 1.5
    Y = horizon_targets(y, (1, 4, 5))
    assert isinstance(Y, pd.DataFrame)
    assert Y.shape == (10, 3)
    assert list(Y.columns) == ["y+1", "y+4", "y+5"]
    assert Y.index.equals(pd.RangeIndex(10))
    assert (Y.dtypes == np.float64).all()
    values = Y.to_numpy()
    for k, shift in enumerate([4, 1, 0]):  # max(horizons) - horizons[k]
        assert np.isnan(values[:shift, k]).all()
        np.testing.assert_array_equal(values[shift:, k], y[: 10 - shift])
    np.testing.assert_array_equal(values[:, -1], y)  # the last column is y
    np.testing.assert_array_equal(Y.notna().all(axis=1), [False] * 4 + [True] * 6)


def test_each_target_lies_its_horizon_after_the_window_end():
    horizons = (2, 3, 7)
    y = np.arange(40.0)
    Y = horizon_targets(y, horizons).to_numpy()
    window = SlidingWindow(lookback=6, step=2, delay=max(horizons))
    ends = window.fit_transform(y.reshape(-1, 1))[:, -1, 0]
    rows = np.arange(window.n_incomplete_, 40)
    np.testing.assert_array_equal(ends[rows], rows - max(horizons))
    np.testing.assert_array_equal(
        Y[rows] - ends[rows, np.newaxis], np.tile(horizons, (len(rows), 1))
    )
    # The rows lacking a target are among the edge-padded ones.
    assert np.flatnonzero(np.isnan(Y).any(axis=1)).max() < window.n_incomplete_


def test_one_horizon_is_y_itself_and_ints_become_floats():
    Y = horizon_targets([3, 1, 4, 1, 5], [2])
    assert list(Y.columns) == ["y+2"]
    np.testing.assert_array_equal(Y["y+2"], [3.0, 1.0, 4.0, 1.0, 5.0])
    assert Y["y+2"].dtype == np.float64


def test_series_index_and_name_are_kept():
    index = pd.date_range("2009-01-01", periods=6, freq="10min")
    y = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], index=index, name="T (degC)")
    Y = horizon_targets(y, (np.int64(1), 3))
    assert Y.index.equals(index)
    assert list(Y.columns) == ["T (degC)+1", "T (degC)+3"]
    np.testing.assert_array_equal(Y["T (degC)+1"], [np.nan, np.nan, 1, 2, 3, 4])
    unnamed = horizon_targets(pd.Series([1.0, 2.0], index=[10, 20]), (1,))
    assert list(unnamed.columns) == ["y+1"]
    assert list(unnamed.index) == [10, 20]


def test_nullable_floats_without_missing_values_are_accepted():
    y = pd.Series([1.0, 2.0, 3.0], dtype="Float64")
    np.testing.assert_array_equal(horizon_targets(y, (1, 2))["y+1"], [np.nan, 1, 2])


def test_the_input_is_neither_modified_nor_shared():
    array = np.linspace(0.0, 1.0, 8)
    series = pd.Series(array.copy(), name="T")
    before_array, before_series = array.copy(), series.copy()
    for y in (array, series):
        Y = horizon_targets(y, (1, 2))
        assert not np.shares_memory(Y.to_numpy(), np.asarray(y))
        Y.iloc[:, :] = -1.0
    np.testing.assert_array_equal(array, before_array)
    pd.testing.assert_series_equal(series, before_series)


@pytest.mark.parametrize(
    ("horizons", "match"),
    [
        ((), r"at least one lead time; got horizons=\[\]"),
        (6, r"sequence of positive ints.*horizons=6 \(for one horizon, pass \(6,\)\)"),
        ("6", r"sequence of positive ints.*horizons='6'"),
        ((0, 6), r"positive ints \(rows\); got 0 in horizons=\[0, 6\]"),
        ((-1,), r"positive ints \(rows\); got -1"),
        ((1.5, 3), r"positive ints \(rows\); got 1.5"),
        ((True, 3), r"positive ints \(rows\); got True"),
        ((None,), r"positive ints \(rows\); got None"),
        ((6, 6, 36), r"unique; 6 repeats in horizons=\[6, 6, 36\]"),
        ((36, 6), r"strictly increasing; 6 follows 36 .*\(sorted: \[6, 36\]\)"),
    ],
)
def test_bad_horizons_are_named(horizons, match):
    with pytest.raises(ValueError, match=match):
        horizon_targets(np.arange(50.0), horizons)


@pytest.mark.parametrize(
    ("y", "match"),
    [
        (
            np.ones((5, 2)),
            r"1-D of shape \(n_rows,\); got shape \(5, 2\)\. Use y.ravel",
        ),
        (np.float64(3.0), r"1-D of shape \(n_rows,\); got shape \(\)"),
        (pd.DataFrame({"T": [1.0, 2.0]}), r"got a DataFrame with 1 column"),
        (np.array(["1", "2", "3"]), r"numeric \(ints or floats\); got dtype <U1"),
        (np.array([True, False, True]), r"numeric.*got dtype bool"),
        (np.array([1j, 2j, 3j]), r"numeric.*got dtype complex128"),
        (pd.Series(["a", "b"]), r"numeric.*got dtype (object|str)"),
        (np.array([], dtype=float), r"y is empty"),
        (np.array([1.0, 2.0, np.nan, 4.0]), r"y holds NaN at row 2;"),
        (np.array([1.0, -np.inf, 2.0]), r"y holds -inf at row 1;"),
        (
            pd.Series([1.0, 2.0, None], index=[7, 8, 9]),
            r"y holds NaN at row 2 \(index 9\)",
        ),
        (pd.Series([1.0, pd.NA], dtype="Float64"), r"y holds NaN at row 1"),
        (np.arange(3.0), r"y has 3 rows, .* needs more than .* = 3 rows"),
        (
            pd.Series(
                [1.0, 2.0, 3.0, 4.0, 5.0],
                index=pd.to_datetime(
                    [
                        "2009-01-01",
                        "2009-01-03",
                        "2009-01-02",
                        "2009-01-04",
                        "2009-01-05",
                    ]
                ),
            ),
            r"rows in time order, but y.s DatetimeIndex does not increase at row 2",
        ),
    ],
)
def test_bad_targets_are_named(y, match):
    with pytest.raises(ValueError, match=match):
        horizon_targets(y, (1, 4))


# -- Real data: the Jena temperature, first three weeks ----------------------

HORIZONS = (6, 36, 72, 144)  # 1, 6, 12 and 24 hours of 10-minute rows


@pytest.fixture(scope="module")
def three_weeks(data_home):
    X = fetch_jena_climate(data_home, path=find_jena_file(data_home)).iloc[: 21 * 144]
    y = X["T (degC)"]
    return X, y, horizon_targets(y, HORIZONS)


def test_persistence_mae_per_horizon_on_real_rows(three_weeks):
    X, y, Y = three_weeks
    full = Y.notna().all(axis=1).to_numpy()
    assert np.flatnonzero(~full).tolist() == list(range(144 - 6))
    # No scaler: the window's temperature column and Y are both in °C, as
    # persistence needs (scaled, see the TransformedTargetRegressor test).
    pipe = Pipeline(
        [
            ("window", SlidingWindow(720, step=6, delay=max(HORIZONS))),
            ("model", PersistenceRegressor(TARGET_COLUMN)),
        ]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no unit or time-order warning
        pipe.fit(X[full], Y[full])
    predicted = pipe.predict(X)  # the whole input: real history for late rows
    assert predicted.shape == (len(X), 4)
    start = pipe.named_steps["window"].n_incomplete_  # complete windows from here
    mae = mean_absolute_error(Y[start:], predicted[start:], multioutput="raw_values")

    t = y.to_numpy()
    rows = np.arange(start, len(t))
    direct = [np.abs(t[rows - 144 + h] - t[rows - 144]).mean() for h in HORIZONS]
    np.testing.assert_allclose(mae, direct, rtol=1e-6)
    print(f"\npersistence MAE at 1/6/12/24 h: {np.round(mae, 3)} °C")
    # The error grows with the lead time up to 12 hours; at 24 hours the daily
    # cycle brings the temperature back towards its value a day earlier, so
    # it stays below the 12-hour error (0.77, 3.17, 4.39, 3.63 °C here).
    assert mae[0] < mae[1] < mae[2]
    assert mae[1] < mae[3] < mae[2]

    # The last column is the single-horizon target: the same forecasts.
    single = pipe.fit(X, y).predict(X)
    assert single.shape == (len(X),)
    np.testing.assert_allclose(predicted[:, -1], single)


def test_scaled_multi_horizon_persistence_in_a_grid(three_weeks):
    X, _, Y = three_weeks
    full = Y.notna().all(axis=1).to_numpy()
    X, Y = X[full], Y[full]
    model = TransformedTargetRegressor(
        Pipeline(
            [
                ("scale", StandardScaler()),
                ("window", SlidingWindow(720, step=6, delay=max(HORIZONS))),
                ("model", PersistenceRegressor(TARGET_COLUMN)),
            ]
        ),
        transformer=StandardScaler(),
    )
    grid = GridSearchCV(
        model,
        {"regressor__window__lookback": [360, 720]},
        cv=TimeSeriesSplit(n_splits=2),
        scoring="neg_mean_absolute_error",
    ).fit(X, Y)
    scores = grid.cv_results_["mean_test_score"]
    assert scores.shape == (2,) and np.isfinite(scores).all()
    # Persistence reads only the window's last row: the lookback is irrelevant.
    assert scores[0] == pytest.approx(scores[1])
    predicted = grid.predict(X)
    assert predicted.shape == Y.shape
    # Each column of Y is scaled on its own: the forecast of column k is the
    # last value's z-score in column k's units. The last column is y itself,
    # scaled like the window's column, so it is the last value exactly.
    last = X["T (degC)"].to_numpy()[:-144, np.newaxis]
    mean, std = Y.mean().to_numpy(), Y.std(ddof=0).to_numpy()
    expected = (last - mean[-1]) / std[-1] * std + mean
    np.testing.assert_allclose(predicted[144:], expected, atol=1e-5)  # float32
    np.testing.assert_allclose(predicted[144:, -1], last[:, 0], atol=1e-5)
    assert 0.1 < np.abs(predicted[144:, 0] - last[:, 0]).max() < 0.5  # °C
