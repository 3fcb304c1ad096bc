"""Sliding windows over a time series, one window per row (DESIGN §1-2)."""

from __future__ import annotations

import warnings
from numbers import Integral

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view
from sklearn.base import BaseEstimator, TransformerMixin, _fit_context
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import check_is_fitted, validate_data

from skseq.timeseries._checks import (
    as_numeric,
    check_finite,
    check_float32_range,
    check_numeric_columns,
    check_time_order,
)
from skseq.utils import (
    ArrayOutput,
    DocLinkMixin,
    VersionedState,
    check_dense,
    check_real,
)

__all__ = ["CalendarFeatures", "SlidingWindow"]


def _window_view(series: np.ndarray, n_steps: int, step: int, delay: int) -> np.ndarray:
    """Windows ``(n_rows, n_steps, n_features)`` over a float32 ``series``.

    Row ``i`` gets rows ``i - delay - (n_steps - 1) * step, ..., i - delay``.
    Rows before the start of the series repeat its first row. The result is a
    read-only strided view of one padded copy of the series: O(series) memory,
    whatever the window length.
    """
    n_rows, n_features = series.shape
    span = (n_steps - 1) * step + 1
    n_pad = delay + span - 1
    padded = np.empty((n_pad + n_rows, n_features), dtype=np.float32)
    padded[:n_pad] = series[0]
    padded[n_pad:] = series
    # Window j covers padded rows j .. j + span - 1, i.e. series rows up to
    # j - delay: exactly row j's history.
    windows = sliding_window_view(padded, span, axis=0)[:n_rows, :, ::step]
    return windows.transpose(0, 2, 1)


def incomplete_rows(lookback: int, step: int, delay: int) -> int:
    """Leading rows whose window reaches back before the first row."""
    return delay + (lookback // step - 1) * step


class SlidingWindow(
    VersionedState,
    DocLinkMixin,
    ArrayOutput,
    TransformerMixin,
    BaseEstimator,
    auto_wrap_output_keys=None,
):
    """Turn a time-ordered table into one window of history per row.

    Row ``i`` of the output holds rows ``i - delay - (k - 1) * step, ...,
    i - delay - step, i - delay`` of ``X``, where ``k = lookback // step``.
    The number of samples never changes, so your target ``y[i]`` stays
    aligned with row ``i`` and the window stays an ordinary Pipeline step:
    the model learns to predict ``y[i]`` from history that ends ``delay``
    rows earlier (Chollet's generator, as a transformer).

    ``transform`` returns a zero-copy, read-only strided view of the series
    (float32): at full Jena size the windows would take 5.6 GB materialised,
    the view about 24 MB. skseq estimators train on it batch by batch.

    **Incomplete history.** The first ``n_incomplete_ = delay + (k - 1) *
    step`` rows of any ``X`` passed to ``transform`` reach back before its
    first row; the missing rows are filled with copies of the first row
    (edge padding), so no NaN ever reaches the model. To predict with full
    history, pass at least ``n_incomplete_`` rows of context before the rows
    you care about, and drop their predictions.

    Parameters
    ----------
    lookback : int
        How many rows of history each window spans. Must be a multiple of
        ``step`` and at most the number of rows of the ``X`` passed to
        ``fit``; ``transform`` takes any number of rows, one included (with a
        warning when none has complete history).
    step : int, default=1
        Sampling period inside the window: keep every ``step``-th row (e.g.
        hourly points from 10-minute records with ``step=6``).
    delay : int, default=0
        How many rows before row ``i`` the window ends: the forecast horizon
        when ``y[i]`` is the value to predict at row ``i``.

    Attributes
    ----------
    n_steps_ : int
        Time steps per window, ``lookback // step``.
    n_incomplete_ : int
        Leading rows of each transformed ``X`` whose window is edge-padded.
    n_features_in_ : int
        Number of columns seen in ``fit``.
    feature_names_in_ : ndarray of str
        Column names seen in ``fit``, when ``X`` was a DataFrame with string
        column names.

    Examples
    --------
    >>> import numpy as np
    >>> from skseq import SlidingWindow
    >>> X = np.arange(10, dtype=float).reshape(-1, 1)
    >>> windows = SlidingWindow(lookback=4, step=2, delay=1).fit_transform(X)
    >>> windows.shape
    (10, 2, 1)
    >>> windows[9, :, 0]
    array([6., 8.], dtype=float32)
    >>> windows[0, :, 0]
    array([0., 0.], dtype=float32)
    """

    # Pickles and the docs name the public home, not this private module.
    __module__ = "skseq.timeseries"

    _parameter_constraints: dict = {
        "lookback": [Interval(Integral, 1, None, closed="left")],
        "step": [Interval(Integral, 1, None, closed="left")],
        "delay": [Interval(Integral, 0, None, closed="left")],
    }

    def __init__(self, lookback, step=1, delay=0):
        self.lookback = lookback
        self.step = step
        self.delay = delay

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Check the parameters and remember the columns of ``X``.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_rows, n_features)
            Time-ordered numeric series, oldest row first.
        y : None
            Ignored.

        Returns
        -------
        self

        Raises
        ------
        ValueError
            For invalid parameters (e.g. ``lookback`` over the rows of ``X``),
            or ``X`` that is no numeric table, has NaN or infinity (the row
            and column named) or a DatetimeIndex that does not increase.
        """
        if self.lookback % self.step:
            raise ValueError(
                f"lookback={self.lookback} must be a multiple of step={self.step} "
                f"(e.g. lookback={self.lookback // self.step * self.step or self.step})"
            )
        self._check_series(X, reset=True)
        self.n_steps_ = self.lookback // self.step
        self.n_incomplete_ = incomplete_rows(self.lookback, self.step, self.delay)
        return self

    def transform(self, X):
        """Return the window of history of every row of ``X``.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_rows, n_features)
            Time-ordered numeric series with the columns seen in ``fit``.

        Returns
        -------
        windows : ndarray of shape (n_rows, lookback // step, n_features)
            Read-only float32 view; row ``i`` ends at row ``i - delay``.

        Raises
        ------
        sklearn.exceptions.NotFittedError
            Before ``fit``.
        ValueError
            If ``X`` has other columns than in ``fit``, or as ``fit`` says.
        """
        check_is_fitted(self)
        series = self._check_series(X, reset=False)
        if len(series) <= self.n_incomplete_:
            warnings.warn(
                f"all {len(series)} rows of X have incomplete history: each "
                f"window reaches {self.n_incomplete_} rows back (delay + "
                "(n_steps - 1) * step) and is edge-padded with the first row. "
                f"Pass at least {self.n_incomplete_} rows of context before the "
                "rows to predict, and drop their predictions",
                UserWarning,
                stacklevel=2,
            )
        return _window_view(series, self.n_steps_, self.step, self.delay)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # Windows are float32 views of one float32 copy: half the memory.
        tags.transformer_tags.preserves_dtype = ["float32"]
        return tags

    def _check_series(self, X, *, reset: bool) -> np.ndarray:
        """``X`` as a finite float32 (n_rows, n_features) array, or a clear error."""
        name = type(self).__name__
        if isinstance(X, pd.Series):
            raise ValueError(
                f"{name} expects a 2-D table of shape (n_rows, n_features); got "
                "a Series. Use X.to_frame() for a single series."
            )
        if isinstance(X, pd.DataFrame):
            check_time_order(X.index, name)
            columns = check_numeric_columns(X, name)
            with np.errstate(over="ignore"):  # beyond float32: refused below
                arr = X.to_numpy(dtype=np.float32, na_value=np.nan)
        else:
            check_dense(X, name)
            arr = np.asarray(X)
            if arr.ndim != 2:
                hint = (
                    " Reshape your data: X.reshape(-1, 1) for a single series."
                    if arr.ndim == 1
                    else ""
                )
                raise ValueError(
                    f"{name} expects X of shape (n_rows, n_features); got a "
                    f"{arr.ndim}-D array of shape {arr.shape}.{hint}"
                )
            columns = [f"{j}" for j in range(arr.shape[1])]
            check_real(arr, name)
            if not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
                arr = as_numeric(arr, name)
            with np.errstate(over="ignore"):  # beyond float32: refused below
                arr = arr.astype(np.float32, copy=False)
        validate_data(self, X, reset=reset, skip_check_array=True)
        if arr.shape[1] == 0:
            raise ValueError(
                f"{name} got X with 0 feature(s) (shape={arr.shape}) while a "
                "minimum of 1 is required: X needs at least one column"
            )
        # Fitting needs complete windows; transform takes any number of rows
        # (a single new row included), their history edge-padded as documented.
        if reset and arr.shape[0] < self.lookback:
            raise ValueError(
                f"lookback={self.lookback} is larger than the {arr.shape[0]} rows "
                f"of X (n_samples={arr.shape[0]}); {name} needs at least lookback "
                "rows"
            )
        index = getattr(X, "index", None)
        check_float32_range(X, arr, columns, index, name)
        check_finite(arr, columns, index, name)
        return arr


_PERIODS = {"day": pd.Timedelta(days=1), "year": pd.Timedelta(days=365.2425)}


class CalendarFeatures(VersionedState, DocLinkMixin, TransformerMixin, BaseEstimator):
    """Append the time of day and of year, as sine and cosine, to a table.

    Weather, traffic or load series repeat daily and yearly; these columns
    let a model know where in each cycle a row lies (the sine/cosine pair
    keeps 23:50 next to 00:00 and 31 December next to 1 January). The times
    come from ``X``'s DatetimeIndex; put this step first in a Pipeline so
    the saved model computes them by itself.

    Parameters
    ----------
    periods : tuple of {"day", "year"}, default=("day", "year")
        Cycles to encode; each adds ``<period>_sin`` and ``<period>_cos``.

    Attributes
    ----------
    n_features_in_ : int
        Columns of ``X`` seen in ``fit``.
    feature_names_in_ : ndarray of str
        Their names.

    Examples
    --------
    >>> import pandas as pd
    >>> from skseq import CalendarFeatures
    >>> index = pd.date_range("2009-01-01", periods=3, freq="6h")
    >>> X = pd.DataFrame({"T": [1.0, 2.0, 3.0]}, index=index)
    >>> CalendarFeatures(periods=("day",)).fit_transform(X).round(3)
                           T  day_sin  day_cos
    2009-01-01 00:00:00  1.0      0.0      1.0
    2009-01-01 06:00:00  2.0      1.0      0.0
    2009-01-01 12:00:00  3.0      0.0     -1.0
    """

    # Pickles and the docs name the public home, not this private module.
    __module__ = "skseq.timeseries"

    _parameter_constraints: dict = {"periods": [tuple, list]}

    def __init__(self, periods=("day", "year")):
        self.periods = periods

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Check that ``X`` is a DataFrame with a DatetimeIndex.

        Parameters
        ----------
        X : DataFrame of shape (n_rows, n_features)
            Rows indexed by time.
        y : None
            Ignored.

        Returns
        -------
        self

        Raises
        ------
        ValueError
            If ``X`` is no DataFrame with a DatetimeIndex, or ``periods`` names
            other cycles than "day" and "year".
        """
        unknown = sorted(set(self.periods) - set(_PERIODS))
        if unknown or not self.periods:
            raise ValueError(
                f"periods must name some of {sorted(_PERIODS)}; got "
                f"periods={self.periods!r}"
            )
        self._times(X)
        validate_data(self, X, reset=True, skip_check_array=True)
        return self

    def transform(self, X):
        """Return ``X`` with the sine/cosine columns appended.

        Parameters
        ----------
        X : DataFrame of shape (n_rows, n_features)
            Rows indexed by time, with the columns seen in ``fit``.

        Returns
        -------
        DataFrame of shape (n_rows, n_features + 2 * len(periods))

        Raises
        ------
        sklearn.exceptions.NotFittedError
            Before ``fit``.
        ValueError
            If ``X`` is no DataFrame with a DatetimeIndex or has other
            columns than in ``fit``.
        """
        check_is_fitted(self)
        times = self._times(X)
        validate_data(self, X, reset=False, skip_check_array=True)
        if times.tz is not None:
            times = times.tz_localize(None)
        seconds = (times - pd.Timestamp("2000-01-01")).total_seconds().to_numpy()
        out = X.copy()
        for period in self.periods:
            angle = 2 * np.pi * seconds / _PERIODS[period].total_seconds()
            out[f"{period}_sin"] = np.sin(angle)
            out[f"{period}_cos"] = np.cos(angle)
        return out

    def get_feature_names_out(self, input_features=None):
        """Input column names followed by the new ones.

        Parameters
        ----------
        input_features : array-like of str or None, default=None
            Ignored: the input names are always ``feature_names_in_``, the
            columns seen in ``fit``.

        Returns
        -------
        ndarray of str of shape (n_features + 2 * len(periods),)
            ``feature_names_in_``, then ``<period>_sin`` and ``<period>_cos``
            for each period, in the order of ``periods``.
        """
        check_is_fitted(self)
        extra = [f"{p}_{f}" for p in self.periods for f in ("sin", "cos")]
        return np.asarray([*self.feature_names_in_, *extra], dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # Its input is a time-indexed DataFrame, not any 2-D array.
        tags.input_tags.two_d_array = False
        return tags

    def _times(self, X) -> pd.DatetimeIndex:
        if not isinstance(X, pd.DataFrame) or not isinstance(X.index, pd.DatetimeIndex):
            raise ValueError(
                "CalendarFeatures needs X as a DataFrame indexed by time (a "
                f"DatetimeIndex); got X as {type(X).__name__}"
                + (
                    f" with a {type(X.index).__name__}"
                    if isinstance(X, pd.DataFrame)
                    else ""
                )
            )
        return X.index
