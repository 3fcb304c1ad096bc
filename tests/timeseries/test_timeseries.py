"""SlidingWindow: exact window semantics, zero-copy views, clear errors."""

import re
import tracemalloc
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.model_selection import KFold, TimeSeriesSplit

from skseq import SlidingWindow, horizon_targets
from skseq.utils._views import is_lazy, root_buffer


def _index_series(n: int, n_features: int = 1) -> np.ndarray:
    """``X[i, f] = i`` so each window value names the row it came from."""
    return np.repeat(np.arange(n, dtype=float)[:, None], n_features, axis=1)


@pytest.mark.parametrize(
    ("lookback", "step", "delay"),
    [(1, 1, 0), (4, 1, 0), (4, 2, 1), (6, 3, 0), (12, 6, 5), (720, 6, 144)],
)
def test_row_i_holds_rows_up_to_i_minus_delay(lookback, step, delay):
    n = 1000
    window = SlidingWindow(lookback=lookback, step=step, delay=delay)
    out = window.fit_transform(_index_series(n))
    k = lookback // step
    assert out.shape == (n, k, 1)
    assert out.dtype == np.float32
    first_complete = delay + (k - 1) * step
    assert window.n_incomplete_ == first_complete
    for i in range(first_complete, n):
        expected = i - delay - (k - 1) * step + step * np.arange(k)
        np.testing.assert_array_equal(out[i, :, 0], expected)


def test_incomplete_history_repeats_the_first_row():
    X = _index_series(10) + 100
    out = SlidingWindow(lookback=6, step=2, delay=1).fit_transform(X)[:, :, 0]
    # Row 2 wants rows -3, -1, 1: the two before the start become row 0.
    np.testing.assert_array_equal(out[2], [100, 100, 101])
    np.testing.assert_array_equal(out[0], [100, 100, 100])
    assert np.isfinite(out).all()


def test_features_stay_in_column_order():
    X = np.arange(30, dtype=float).reshape(10, 3)
    out = SlidingWindow(lookback=2).fit_transform(X)
    np.testing.assert_array_equal(out[5], X[4:6])


def test_transform_is_a_read_only_view_of_one_series_copy():
    n, n_features = 5000, 14
    X = np.random.default_rng(0).normal(size=(n, n_features)).astype(np.float32)
    window = SlidingWindow(lookback=720, step=6, delay=144).fit(X)
    out = window.transform(X)
    buffer = root_buffer(out)
    assert np.shares_memory(out, buffer)
    assert buffer.nbytes == (n + window.n_incomplete_) * n_features * 4
    assert out.nbytes > 100 * buffer.nbytes
    assert not out.flags.writeable
    assert is_lazy(out)


def test_transform_allocates_o_series_not_o_windows():
    X = np.zeros((20000, 14), dtype=np.float32)
    window = SlidingWindow(lookback=1440, step=6, delay=144).fit(X)
    tracemalloc.start()
    out = window.transform(X)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert out.nbytes == 20000 * 240 * 14 * 4  # 269 MB if materialised
    assert peak < 3 * X.nbytes


def test_dataframe_and_array_give_the_same_windows():
    X = np.random.default_rng(1).normal(size=(50, 3))
    frame = pd.DataFrame(
        X, columns=["a", "b", "c"], index=pd.date_range("2009", periods=50, freq="h")
    )
    window = SlidingWindow(lookback=8, step=2, delay=3)
    np.testing.assert_array_equal(
        window.fit_transform(frame), clone(window).fit_transform(X)
    )
    assert list(window.feature_names_in_) == ["a", "b", "c"]


def test_get_params_and_clone_round_trip():
    window = SlidingWindow(lookback=12, step=3, delay=2)
    assert clone(window).get_params() == {"lookback": 12, "step": 3, "delay": 2}


# --- bad input ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"lookback": 0}, "'lookback' parameter"),
        ({"lookback": 6, "step": 0}, "'step' parameter"),
        ({"lookback": 6, "step": -1}, "'step' parameter"),
        ({"lookback": 6, "delay": -1}, "'delay' parameter"),
        ({"lookback": 7, "step": 2}, r"lookback=7 must be a multiple of step=2"),
        ({"lookback": 200}, r"lookback=200 is larger than the 100 rows"),
    ],
)
def test_bad_parameters_are_named(params, match):
    with pytest.raises(ValueError, match=match):
        SlidingWindow(**params).fit(_index_series(100))


def test_nan_names_column_and_first_bad_row():
    frame = pd.DataFrame({"p": np.ones(20), "T (degC)": np.ones(20)})
    frame.iloc[7, 1] = np.nan
    frame.iloc[9, 0] = np.inf
    with pytest.raises(ValueError, match=r"column 'T \(degC\)' at row 7"):
        SlidingWindow(lookback=4).fit(frame)


def test_inf_in_array_names_column_position():
    X = np.ones((20, 3))
    X[11, 2] = -np.inf
    with pytest.raises(ValueError, match=r"-inf in column '2' at row 11"):
        SlidingWindow(lookback=4).fit(X)


def test_nan_at_transform_is_caught_too():
    window = SlidingWindow(lookback=4).fit(np.ones((20, 2)))
    X = np.ones((20, 2))
    X[3, 0] = np.nan
    with pytest.raises(ValueError, match=r"column '0' at row 3"):
        window.transform(X)


def test_non_numeric_column_is_named():
    frame = pd.DataFrame({"T": np.ones(20), "station": ["jena"] * 20})
    with pytest.raises(ValueError, match=r"column 'station' has dtype"):
        SlidingWindow(lookback=4).fit(frame)


def test_non_numeric_array_column_is_named():
    X = np.array([[1.0, "a"]] * 20, dtype=object)
    with pytest.raises(ValueError, match="column 1 holds 'a'"):
        SlidingWindow(lookback=4).fit(X)


@pytest.mark.parametrize("X", [np.ones(20), np.ones((20, 2, 2))])
def test_wrong_dimensions(X):
    with pytest.raises(ValueError, match=r"expects X of shape \(n_rows, n_features\)"):
        SlidingWindow(lookback=4).fit(X)


def test_series_is_refused_with_a_hint():
    with pytest.raises(ValueError, match="to_frame"):
        SlidingWindow(lookback=4).fit(pd.Series(np.ones(20)))


def test_different_number_of_features_at_transform():
    window = SlidingWindow(lookback=4).fit(np.ones((20, 14)))
    with pytest.raises(ValueError, match="X has 13 features.*expecting 14"):
        window.transform(np.ones((20, 13)))


def test_decreasing_datetime_index_is_refused():
    index = pd.date_range("2010-07-01", periods=20, freq="10min")
    frame = pd.DataFrame({"T": np.ones(20)}, index=index[::-1])
    with pytest.raises(ValueError, match="does not increase at row 1"):
        SlidingWindow(lookback=4).fit(frame)


def test_repeated_timestamps_are_refused():
    index = pd.date_range("2010-07-01", periods=10, freq="10min")
    frame = pd.DataFrame({"T": np.ones(20)}, index=index.append(index))
    with pytest.raises(ValueError, match="does not increase at row 10"):
        SlidingWindow(lookback=4).fit(frame)


def test_sentinel_values_warn():
    X = np.ones((20, 2))
    X[5, 1] = -9999.0
    with pytest.warns(UserWarning, match="column '1' of X holds -9999"):
        SlidingWindow(lookback=4).fit(X)


def test_transform_before_fit():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        SlidingWindow(lookback=4).transform(np.ones((20, 2)))


# --- missing rows: gaps judged in the index's own calendar ---------------------


def _frame(index) -> pd.DataFrame:
    return pd.DataFrame({"T": np.arange(len(index), dtype=float)}, index=index)


def _fit_silently(frame):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        SlidingWindow(lookback=4).fit(frame)


def _business_days(holidays=(), tz=None):
    days = pd.bdate_range("2020-01-01", periods=300, tz=tz)
    return days.delete(list(holidays))


@pytest.mark.parametrize(
    "index",
    [
        _business_days(),
        # Single holidays and a 24-26 December run of three.
        _business_days(holidays=[0, 14, 35, 99, 120, 121, 122, 180]),
        # Closing prices in local time, across the clock changes.
        _business_days(holidays=[14, 99], tz="Europe/Berlin")
        + pd.Timedelta("17h30min"),
    ],
    ids=["B", "B with holidays", "B at 17:30 in Berlin with holidays"],
)
def test_business_days_and_their_time_series_folds_are_silent(index):
    frame = _frame(index)
    _fit_silently(frame)
    for train, test in TimeSeriesSplit(3).split(frame):
        _fit_silently(frame.iloc[train])
        _fit_silently(frame.iloc[test])


def test_occasional_missing_ten_minute_rows_are_silent():
    # As the Jena record: a dropped reading now and then, one 30-minute gap.
    index = pd.date_range("2009-01-01", periods=1000, freq="10min")
    _fit_silently(_frame(index.delete([5, 300, 301, 700])))


def test_a_missing_business_week_warns():
    index = _business_days(holidays=[14, *range(100, 105)])
    message = (
        "X's DatetimeIndex, which otherwise steps by 1 business day, jumps from "
        "2020-05-19 00:00:00 to 2020-05-27 00:00:00, where 5 rows seem to be "
        "missing. SlidingWindow's windows would span the gap as if it were one "
        "step; reindex and fill the missing rows first, e.g. "
        "X.asfreq('B').interpolate('time')."
    )
    with pytest.warns(UserWarning, match=f"^{re.escape(message)}$"):
        SlidingWindow(lookback=4).fit(_frame(index))


def test_an_hourly_outage_warns_naming_the_first_gap():
    hours = pd.date_range("2020-01-01", periods=400, freq="h")
    # 12 rows gone from 2020-01-05 04:00, then 3 from 2020-01-13 12:00.
    index = hours.delete([*range(100, 112), *range(300, 303)])
    message = (
        "X's DatetimeIndex, which otherwise steps by 1 hour, jumps from "
        "2020-01-05 03:00:00 to 2020-01-05 16:00:00, where 12 rows seem to be "
        "missing. SlidingWindow's windows would span the gap as if it were one "
        "step; reindex and fill the missing rows first, e.g. "
        "X.asfreq('h').interpolate('time')."
    )
    with pytest.warns(UserWarning, match=f"^{re.escape(message)}$"):
        SlidingWindow(lookback=4).fit(_frame(index))
    again = index.delete(range(250, 260))
    with pytest.warns(UserWarning, match=r"12 rows seem .*\(the first of 2 such"):
        SlidingWindow(lookback=4).fit(_frame(again))


def test_an_outage_in_y_is_named_for_horizon_targets():
    hours = pd.date_range("2020-01-01", periods=100, freq="h").delete(range(50, 56))
    y = pd.Series(np.arange(94.0), index=hours)
    with pytest.warns(UserWarning, match=r"^y's DatetimeIndex.*6 rows.*y\.asfreq"):
        horizon_targets(y, [1, 2])


def test_a_shuffled_split_of_an_hourly_series_warns():
    frame = _frame(pd.date_range("2020-01-01", periods=400, freq="h"))
    train = next(KFold(3, shuffle=True, random_state=0).split(frame))[0]
    index = frame.index[train]
    gaps = np.flatnonzero(np.diff(train) > 1)
    first = gaps[0]
    skipped = train[first + 1] - train[first] - 1
    rows = "1 row" if skipped == 1 else f"{skipped} rows"
    message = (
        f"{gaps.size} of the {len(train) - 1} steps of X's DatetimeIndex are "
        f"longer than its usual step of 1 hour (the first, from {index[first]} "
        f"to {index[first + 1]}, skips {rows}): rows seem to be missing, as "
        "after a shuffled split such as KFold(shuffle=True). SlidingWindow's "
        "windows would then span the gaps; split time series with TimeSeriesSplit."
    )
    with pytest.warns(UserWarning, match=f"^{re.escape(message)}$"):
        SlidingWindow(lookback=4).fit(frame.iloc[train])


# --- calendar features ----------------------------------------------------------


def test_calendar_features_encode_day_and_year_cycles():
    from skseq import CalendarFeatures

    index = pd.DatetimeIndex(
        ["2010-01-01 00:00", "2010-01-01 06:00", "2010-07-02 18:00"]
    )
    X = pd.DataFrame({"T": [1.0, 2.0, 3.0]}, index=index)
    out = CalendarFeatures().fit_transform(X)
    assert list(out.columns) == ["T", "day_sin", "day_cos", "year_sin", "year_cos"]
    np.testing.assert_allclose(out["day_sin"], [0, 1, -1], atol=1e-9)
    np.testing.assert_allclose(out["day_cos"], [1, 0, 0], atol=1e-9)
    # Half a year apart: opposite phase of the year cycle (within a day).
    assert out["year_cos"].iloc[0] == pytest.approx(-out["year_cos"].iloc[2], abs=0.01)
    np.testing.assert_array_equal(out["T"], X["T"])
    assert list(CalendarFeatures().fit(X).get_feature_names_out()) == list(out.columns)


def test_calendar_features_need_a_datetime_index():
    from skseq import CalendarFeatures

    with pytest.raises(ValueError, match="DatetimeIndex.*RangeIndex"):
        CalendarFeatures().fit(pd.DataFrame({"T": [1.0, 2.0]}))
    with pytest.raises(ValueError, match="periods must name"):
        CalendarFeatures(periods=("week",)).fit(
            pd.DataFrame({"T": [1.0]}, index=pd.DatetimeIndex(["2010-01-01"]))
        )
