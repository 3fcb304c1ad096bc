"""Targets for several lead times at once, aligned with one window per row
(DESIGN §7)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from skseq.timeseries._checks import check_time_order
from skseq.utils import is_int, non_finite_name

__all__ = ["horizon_targets"]


def horizon_targets(y, horizons) -> pd.DataFrame:
    """One target column per lead time, for windows ending ``max(horizons)`` rows back.

    ``Y[i, k] = y[i - max(horizons) + horizons[k]]``: the value
    ``horizons[k]`` rows after the end of row ``i``'s window when the window
    is made with ``SlidingWindow(..., delay=max(horizons))``. One window per
    row then feeds one model that forecasts every lead time; the last column
    is ``y`` itself.

    Parameters
    ----------
    y : array-like of shape (n_rows,) or Series
        The time-ordered target series, oldest row first, e.g. the
        temperature in °C of 10-minute rows. Numeric and finite; it is not
        modified.
    horizons : sequence of int
        Lead times in rows (not hours), positive and strictly increasing,
        e.g. ``(6, 36, 72, 144)`` for 1, 6, 12 and 24 hours of 10-minute rows.

    Returns
    -------
    Y : DataFrame of shape (n_rows, len(horizons))
        float64 targets, column ``k`` named ``f"{name}+{horizons[k]}"``
        (``name`` is the Series name, else ``"y"``), with ``y``'s index (a
        ``RangeIndex`` for an array). The first ``max(horizons) -
        horizons[k]`` rows of column ``k`` are NaN: their target lies before
        the first row of ``y``. ``Y.notna().all(axis=1)`` marks the rows that
        have every target; fit on those rows only.

    Raises
    ------
    ValueError
        If ``horizons`` is empty, holds anything but positive integers, or is
        not strictly increasing (repeated values included); if ``y`` is not
        1-D, not numeric, empty, holds NaN or infinity, has a DatetimeIndex
        that does not increase, or is too short for any row to have every
        target (it needs more than ``max(horizons) - min(horizons)`` rows).

    See Also
    --------
    SlidingWindow : the windows these targets line up with.
    PersistenceRegressor : the baseline, which accepts such a 2-D target.

    Notes
    -----
    Use it with ``SlidingWindow(lookback, step, delay=max(horizons))``: row
    ``i``'s window ends at row ``i - max(horizons)``, and target ``k`` of row
    ``i`` lies ``horizons[k]`` rows after that end. Every target of row ``i``
    is thus known at row ``i``, so no future row is needed; only the first
    ``max(horizons) - min(horizons)`` rows lack some target. Those rows are
    also among the window's first ``n_incomplete_ = delay + (lookback //
    step - 1) * step`` rows, whose history is edge-padded, so dropping the
    ``n_incomplete_`` first rows drops them too. Transform the whole series
    (the windows of later rows then reach back into the dropped rows) and
    select rows afterwards, or fit on ``Y.notna().all(axis=1)`` rows.

    Score each lead time separately with scikit-learn:
    ``mean_absolute_error(Y, P, multioutput="raw_values")`` returns one MAE
    per column of ``Y``, in ``y``'s units; ``"uniform_average"`` (the
    default, and ``scoring="neg_mean_absolute_error"``) averages them.

    Examples
    --------
    >>> import numpy as np
    >>> from skseq import horizon_targets
    >>> y = np.arange(6.0)
    >>> Y = horizon_targets(y, horizons=(1, 3))
    >>> Y
       y+1  y+3
    0  NaN  0.0
    1  NaN  1.0
    2  0.0  2.0
    3  1.0  3.0
    4  2.0  4.0
    5  3.0  5.0
    >>> Y.notna().all(axis=1).to_numpy()
    array([False, False,  True,  True,  True,  True])

    With ``SlidingWindow(lookback=2, delay=3)``, row 5's window holds rows 1
    and 2, and its targets are rows 3 (one row after the window) and 5.
    """
    horizons = _check_horizons(horizons)
    values, index, name = _check_target(y)
    longest = horizons[-1]
    if len(values) <= longest - horizons[0]:
        raise ValueError(
            f"y has {len(values)} rows, but horizons={list(horizons)} leave no "
            "row with every target: y needs more than max(horizons) - "
            f"min(horizons) = {longest - horizons[0]} rows"
        )
    Y = np.full((len(values), len(horizons)), np.nan)
    for k, horizon in enumerate(horizons):
        shift = longest - horizon
        Y[shift:, k] = values[: len(values) - shift]
    return pd.DataFrame(Y, index=index, columns=[f"{name}+{h}" for h in horizons])


def _check_horizons(horizons) -> tuple[int, ...]:
    if isinstance(horizons, (str, bytes)) or not np.iterable(horizons):
        raise ValueError(
            f"horizons must be a sequence of positive ints, e.g. (6, 36); got "
            f"horizons={horizons!r}"
            + (f" (for one horizon, pass ({horizons},))" if is_int(horizons) else "")
        )
    horizons = list(horizons)
    if not horizons:
        raise ValueError("horizons must name at least one lead time; got horizons=[]")
    for horizon in horizons:
        if not is_int(horizon) or horizon < 1:
            raise ValueError(
                f"horizons must be positive ints (rows); got {horizon!r} in "
                f"horizons={horizons!r}"
            )
    horizons = [int(h) for h in horizons]
    for before, after in zip(horizons, horizons[1:], strict=False):
        if after == before:
            raise ValueError(
                f"horizons must be unique; {after} repeats in horizons={horizons}"
            )
        if after < before:
            raise ValueError(
                f"horizons must be strictly increasing; {after} follows {before} "
                f"in horizons={horizons} (sorted: {sorted(set(horizons))})"
            )
    return tuple(horizons)


def _check_target(y) -> tuple[np.ndarray, pd.Index, str]:
    """``y`` as a new float64 array, its index and its column-name stem."""
    if isinstance(y, pd.DataFrame):
        raise ValueError(
            f"y must be 1-D, one series; got a DataFrame with {y.shape[1]} "
            "column(s). Pass one column, e.g. y[y.columns[0]]."
        )
    if isinstance(y, pd.Series):
        index, name = y.index, "y" if y.name is None else str(y.name)
        check_time_order(index, "horizon_targets", argument="y")
    else:
        y = np.asarray(y)
        index, name = None, "y"
    if y.ndim != 1:
        raise ValueError(
            f"y must be 1-D of shape (n_rows,); got shape {y.shape}"
            + (". Use y.ravel() for one column." if y.ndim == 2 else "")
        )
    dtype = y.dtype
    if pd.api.types.is_bool_dtype(dtype) or not (
        pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_float_dtype(dtype)
    ):
        raise ValueError(f"y must be numeric (ints or floats); got dtype {dtype}")
    if isinstance(y, pd.Series):
        values = y.to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
    else:
        values = np.array(y, dtype=np.float64)  # a copy: y is never modified
    if len(values) == 0:
        raise ValueError("y is empty; horizon_targets needs a series of rows")
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size:
        row = int(bad[0])
        label = f" (index {index[row]})" if index is not None else ""
        raise ValueError(
            f"y holds {non_finite_name(values[row])} at row {row}{label}; fill or "
            "interpolate missing values first"
        )
    return values, pd.RangeIndex(len(values)) if index is None else index, name
