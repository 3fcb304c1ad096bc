"""skseq.backtesting.backtest: cross_validate whose test folds read their real
history, on synthetic series and a real Jena slice."""

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import TransformedTargetRegressor
from sklearn.ensemble import VotingRegressor
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold, TimeSeriesSplit, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skseq import PersistenceRegressor, SlidingWindow
from skseq.backtesting import backtest
from skseq.datasets import fetch_jena_climate, find_jena_file
from skseq.timeseries._backtesting import _context_rows


def _series(n=400):
    t = np.arange(n)
    return np.column_stack([np.sin(t / 7), np.cos(t / 11) + t / 100])


def _persistence(lookback=12, step=2, delay=3):
    return make_pipeline(SlidingWindow(lookback, step, delay), PersistenceRegressor(1))


def test_each_test_row_is_forecast_from_its_real_history():
    X = _series()
    y = X[:, 1].copy()
    before = X.copy()
    cv = TimeSeriesSplit(n_splits=4, test_size=60)
    result = backtest(_persistence(), X, y, cv=cv)
    starts = [160, 220, 280, 340]
    assert result["origin"].tolist() == starts
    # The window ends delay=3 rows before each row: persistence is y[i - 3],
    # for the first test row too (its history lies in the training rows).
    expected = [np.abs(y[s : s + 60] - y[s - 3 : s + 57]).mean() for s in starts]
    np.testing.assert_allclose(-result["test_score"], expected, rtol=1e-6)
    np.testing.assert_array_equal(X, before)
    # Plain cross_validate pads the history of each fold's first rows instead.
    plain = cross_validate(
        _persistence(), X, y, cv=cv, scoring="neg_mean_absolute_error"
    )
    assert not np.allclose(plain["test_score"], result["test_score"])
    zero = backtest(_persistence(), X, y, cv=cv, context=0)
    np.testing.assert_allclose(zero["test_score"], plain["test_score"])


def test_context_is_found_in_nested_estimators():
    window = SlidingWindow(720, 6, 144)
    assert _context_rows(make_pipeline(StandardScaler(), window, Ridge())) == 858
    wrapped = TransformedTargetRegressor(make_pipeline(window, Ridge()))
    assert _context_rows(wrapped) == 858
    voting = VotingRegressor(
        [("a", make_pipeline(window, Ridge())), ("b", _persistence(24, 1, 30))]
    )
    assert _context_rows(voting) == 858
    assert _context_rows(Ridge()) == 0


def test_several_scorers_and_the_origins_of_a_frame():
    X = pd.DataFrame(
        _series(), index=pd.date_range("2020-01-01", periods=400, freq="h")
    )
    y = X[1].to_numpy()
    cv = TimeSeriesSplit(n_splits=2, test_size=100)
    result = backtest(
        _persistence(), X, y, cv=cv, scoring=["neg_mean_absolute_error", "r2"]
    )
    assert list(result["origin"]) == list(X.index[[200, 300]])
    expected = [np.abs(y[s : s + 100] - y[s - 3 : s + 97]).mean() for s in (200, 300)]
    np.testing.assert_allclose(-result["test_neg_mean_absolute_error"], expected)
    assert result["test_r2"].shape == (2,)


@pytest.mark.parametrize(
    ("cv", "context", "message"),
    [
        (KFold(3, shuffle=True, random_state=0), 0, "contiguous test folds.*row"),
        (TimeSeriesSplit(n_splits=2, test_size=195), "auto", "row 10 needs 13 rows"),
        (TimeSeriesSplit(2), -1, "context must be >= 0"),
        (TimeSeriesSplit(2), 2.5, 'context must be an int >= 0 or "auto"'),
    ],
)
def test_bad_folds_and_context_are_refused(cv, context, message):
    X = _series()
    with pytest.raises(ValueError, match=message):
        backtest(_persistence(), X, X[:, 1], cv=cv, context=context)


def test_a_failing_fold_raises_instead_of_scoring_nan():
    X = _series()
    with pytest.raises(ValueError, match="lookback"):
        model = _persistence(lookback=150)  # more rows than the first fold's 134
        backtest(model, X, X[:, 1], cv=TimeSeriesSplit(2), context=0)


def test_jena_persistence_backtest_matches_the_shifted_temperature(data_home):
    data = fetch_jena_climate(data_home, path=find_jena_file(data_home)).loc[
        "2009-01-01":"2009-03-31"
    ]
    y = data["T (degC)"].to_numpy()
    cv = TimeSeriesSplit(n_splits=3, test_size=14 * 144)
    model = make_pipeline(SlidingWindow(720, 6, 144), PersistenceRegressor(1))
    result = backtest(model, data, y, cv=cv)
    starts = [len(data) - k * 14 * 144 for k in (3, 2, 1)]
    assert list(result["origin"]) == list(data.index[starts])
    expected = [np.abs(y[s : s + 2016] - y[s - 144 : s + 1872]).mean() for s in starts]
    np.testing.assert_allclose(-result["test_score"], expected, rtol=1e-5)
